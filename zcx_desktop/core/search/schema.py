"""The Whoosh schema of the search index (one entry per document) and its version number.

The index only says which documents contain which terms; exact matching, clause hits and
snippets come from the clean text in SQLite (see `texts.py`). Document metadata (issuer,
year, tags...) also lives in SQLite and is applied as filters in Python.
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, Schema

from zcx_desktop.core.search.analysis import TermSetField

# Bump whenever fields or analysis change: an index with another version is rebuilt.
SCHEMA_VERSION = 3

HEADING_BOOST = 2.0
TITLE_BONUS = 0.5  # a document whose title contains a query word gets +50% on its score


def build_schema() -> Schema:
    """Fields of one index entry (one per document)."""
    return Schema(
        doc_key=ID(unique=True),  # str(doc_id), for delete_by_term
        kind=ID(),  # always "doc"
        doc_id=NUMERIC(stored=True, sortable=True),
        text=TermSetField(),  # terms of the clean text
        notes=TermSetField(),  # terms of the user's notes on the document
    )
