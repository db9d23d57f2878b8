"""Open a library with all its derived services wired in (the one entry point for CLI and GUI)."""

from __future__ import annotations

import logging
from pathlib import Path

from zcx_desktop.core.library import Library

log = logging.getLogger("zcx.session")


def open_session(path: Path, *, create: bool = True, read_only: bool = False) -> Library:
    """Open (or create) the library at `path` and attach derived services such as the search index.

    Services subscribe to `Library.add_listener` so that every import, deletion or
    metadata edit reaches them in the same job.
    """
    library = Library.open(path, create=create, read_only=read_only)
    for attach in _service_attachers():
        attach(library)
    return library


def _service_attachers() -> list:
    """Each derived service exposes `attach(library)`; listed here once it exists."""
    from zcx_desktop.core.annotations import attach as attach_annotations
    from zcx_desktop.core.search import attach as attach_search

    # Annotations first: on "replaced" they re-anchor before search re-reads the notes.
    attachers: list = [attach_annotations, attach_search]
    return attachers
