"""The Whoosh schema of the search index (one entry per clause) and its version number.

Only what the index must match or rank on is indexed; document metadata (issuer, year,
tags...) lives in SQLite and is applied as filters in Python, which keeps indexing fast.
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from zcx_desktop.core.search.analysis import bigram_analyzer

# Bump whenever fields or analysis change: an index with another version is rebuilt.
SCHEMA_VERSION = 2

HEADING_BOOST = 2.0
TITLE_BONUS = 0.5  # a document whose title contains a query word gets +50% on its score


def build_schema() -> Schema:
    """Fields of one index entry."""
    bigrams = bigram_analyzer()
    return Schema(
        entry_key=ID(unique=True),  # "<doc_id>/<clause_index>"
        doc_key=ID(),  # str(doc_id), for delete_by_term
        kind=ID(),  # "doc" for the text outside clauses, "clause" otherwise
        doc_id=NUMERIC(stored=True, sortable=True),
        clause_index=NUMERIC(stored=True, signed=True),
        clause_path=STORED(),
        segments=STORED(),  # [[doc_offset, length], ...] mapping entry text to document text
        text=TEXT(analyzer=bigrams, stored=True, phrase=True),
        notes=TEXT(analyzer=bigrams, stored=True, phrase=True),
        heading=TEXT(analyzer=bigrams, stored=True, phrase=True, field_boost=HEADING_BOOST),
    )
