"""The library operations the GUI runs in the background: each is `fn(library, job)`.

They only call the core (the same API the `zcx` command line uses) and never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zcx_desktop.core.library import ImportResult, Library
from zcx_desktop.core.model import Clause, Document
from zcx_desktop.paths import sample_dir

Op = Callable[[Library, Any], Any]

# Extension point: the annotations area sets this to a function (library) -> {doc_id: count}.
annotation_counter: list[Callable[[Library], dict[int, int]]] = []


@dataclass
class OpenedDocument:
    """What the reader needs: the document with text, and its clauses."""

    document: Document
    clauses: list[Clause]


def list_documents(library: Library, job: Any) -> tuple[list[Document], dict[int, int]]:
    counts: dict[int, int] = {}
    for counter in annotation_counter:
        counts.update(counter(library))
    return library.list_documents(), counts


def load_document(doc_id: int) -> Op:
    def load(library: Library, job: Any) -> OpenedDocument:
        return OpenedDocument(library.get_document(doc_id), library.get_clauses(doc_id))

    return load


def import_paths(paths: list[Path]) -> Op:
    def run(library: Library, job: Any) -> list[ImportResult]:
        return library.import_paths(paths, progress=job.progress, cancelled=job.cancelled)

    return run


def import_sample(library: Library, job: Any) -> list[ImportResult]:
    return library.import_paths([sample_dir()], progress=job.progress, cancelled=job.cancelled)


def import_text(text: str, title: str = "") -> Op:
    def run(library: Library, job: Any) -> list[ImportResult]:
        return [library.import_text(text, title)]

    return run


def delete_documents(doc_ids: list[int]) -> Op:
    def run(library: Library, job: Any) -> list[int]:
        for number, doc_id in enumerate(doc_ids):
            job.progress(number, len(doc_ids), "")
            library.delete_document(doc_id)
        return doc_ids

    return run


def update_metadata(doc_id: int, fields: dict[str, str], tags: list[str] | None) -> Op:
    def run(library: Library, job: Any) -> Document:
        document = library.update_metadata(doc_id, **fields)
        if tags is not None and tags != document.tags:
            library.set_tags(doc_id, tags)
            document = library.get_document(doc_id, with_text=False)
        return document

    return run


def reimport(doc_id: int, path: Path) -> Op:
    def run(library: Library, job: Any) -> int:
        from zcx_desktop.core.importer import check_importable
        from zcx_desktop.core.isolate import parse_file

        check_importable(path)  # no pipe, device or oversized file reaches the parser
        parsed = parse_file(path)  # child process with time and memory limits, like imports
        library.replace_text(doc_id, parsed, path)
        return doc_id

    return run
