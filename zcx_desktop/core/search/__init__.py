"""Full-text search over the library: Whoosh index of clauses with exact Chinese substring recall.

Public API:
    attach(library) -> SearchIndex         # wired by core.session.open_session
    index_for(library) -> SearchIndex      # the index attached to (or made for) a library
    SearchIndex.search(query, issuer=, year=, tag=, docno=, region=, in_notes=, sort=, limit=, offset=, per_doc=)
    SearchIndex.ensure_ready(progress) / rebuild(progress) / update_documents(ids) / remove_documents(ids)
"""

from __future__ import annotations

import weakref
from typing import Any

from zcx_desktop.core.search.index import RebuildReport, SearchIndex, SearchIndexBusy
from zcx_desktop.core.search.results import DocumentResult, SearchHit, SearchResults

__all__ = [
    "DocumentResult",
    "RebuildReport",
    "SearchHit",
    "SearchIndex",
    "SearchIndexBusy",
    "SearchResults",
    "attach",
    "index_for",
]

_attached: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()


def attach(library: Any) -> SearchIndex:
    """Create the library's search index and subscribe it to library changes (cheap: no I/O)."""
    existing = _attached.get(library)
    if existing is not None:
        return existing
    index = SearchIndex(library)
    _attached[library] = index
    library.add_listener(index.on_library_event)
    return index


def index_for(library: Any) -> SearchIndex:
    """The search index attached to this library (attaching it on first use)."""
    return _attached.get(library) or attach(library)
