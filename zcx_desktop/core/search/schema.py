"""The Whoosh schema of the search index (one entry per clause) and its version number."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from zcx_desktop.core.search.analysis import bigram_analyzer, gram_analyzer

# Bump whenever fields or analysis change: an index with another version is rebuilt.
SCHEMA_VERSION = 1

TITLE_BOOST = 3.0
HEADING_BOOST = 2.0


def build_schema() -> Schema:
    """Fields of one index entry; doc-level metadata is repeated on every clause entry."""
    bigrams = bigram_analyzer()
    return Schema(
        entry_key=ID(unique=True),  # "<doc_id>/<clause_index>"
        doc_key=ID(),  # str(doc_id), for delete_by_term
        kind=ID(),  # "doc" for the preamble entry, "clause" otherwise
        doc_id=NUMERIC(stored=True, sortable=True),
        clause_index=NUMERIC(stored=True, signed=True),
        clause_path=STORED(),
        segments=STORED(),  # [[doc_offset, length], ...] mapping entry text to document text
        text=TEXT(analyzer=bigrams, stored=True, phrase=True),
        notes=TEXT(analyzer=bigrams, stored=True, phrase=True),
        grams=TEXT(analyzer=gram_analyzer(), phrase=False),
        title=TEXT(analyzer=bigrams, stored=True, phrase=True, field_boost=TITLE_BOOST),
        heading=TEXT(analyzer=bigrams, stored=True, phrase=True, field_boost=HEADING_BOOST),
        issuer=TEXT(analyzer=bigrams, stored=True, phrase=True),
        docno=TEXT(analyzer=bigrams, stored=True, phrase=True),
        region=ID(stored=True),
        level=ID(stored=True),
        status=ID(stored=True),
        year=NUMERIC(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),
        tags=KEYWORD(stored=True, commas=True, lowercase=True),
    )
