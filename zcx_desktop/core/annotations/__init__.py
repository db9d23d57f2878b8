"""Annotations: layers, anchored highlights with Markdown notes, re-anchoring, undo, exchange.

Entry point: `annotation_store(library)` returns the one AnnotationStore of a library;
`attach(library)` (called by the session) hooks re-anchoring to library events.
"""

from __future__ import annotations

import logging
import threading
import weakref
from typing import Any

from zcx_desktop.core.annotations.model import Annotation, ChangeSet, Layer
from zcx_desktop.core.annotations.store import AnnotationStore, QuoteNotFound

log = logging.getLogger("zcx.annotations")

_stores: weakref.WeakKeyDictionary[Any, AnnotationStore] = weakref.WeakKeyDictionary()
_stores_lock = threading.Lock()


def annotation_store(library: Any) -> AnnotationStore:
    """The library's AnnotationStore (one per Library object, so undo history is shared)."""
    with _stores_lock:
        store = _stores.get(library)
        if store is None:
            store = AnnotationStore(library)
            _stores[library] = store
        return store


def attach(library: Any) -> AnnotationStore:
    """Re-anchor on "replaced", adopt kept annotations on "added", mark orphans on "removed"."""
    store = annotation_store(library)
    if getattr(store, "_attached", False):
        return store

    def on_event(event: Any) -> None:
        for doc_id in event.doc_ids:
            if event.kind == "replaced":
                store.reanchor_document(doc_id)
            elif event.kind == "added":
                store.adopt_detached(doc_id)
        if event.kind == "removed":
            _mark_detached_orphans(library)

    library.add_listener(on_event)
    store._attached = True  # type: ignore[attr-defined]
    return store


def _mark_detached_orphans(library: Any) -> None:
    with library.transaction() as tx:
        tx.execute("UPDATE annotations SET status = 'orphan' WHERE doc_id IS NULL AND status != 'orphan'")


__all__ = [
    "Annotation", "AnnotationStore", "ChangeSet", "Layer", "QuoteNotFound", "annotation_store", "attach",
]
