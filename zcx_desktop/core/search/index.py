"""SearchIndex: keeps the Whoosh document index in step with the library and answers searches."""

from __future__ import annotations

import logging
import os
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from whoosh.index import FileIndex, LockError
from whoosh.index import IndexError as WhooshIndexError
from whoosh.searching import Searcher

from zcx_desktop.core.errors import KnownError, NotFound
from zcx_desktop.core.model import Clause, Document
from zcx_desktop.core.search.engine import SearchContext
from zcx_desktop.core.search.entries import DocInfo, build_entry, read_notes
from zcx_desktop.core.search.lexicon import TermLexicon
from zcx_desktop.core.search.matching import TermSets
from zcx_desktop.core.search.results import SearchResults
from zcx_desktop.core.search.store import IndexStore
from zcx_desktop.core.search.texts import TextCache

log = logging.getLogger("zcx.search")

Progress = Callable[[int, int], None]  # (documents done, documents total)


def _fork_is_safe() -> bool:
    """Whoosh's parallel writer forks; forking a process with other threads (Qt) can deadlock."""
    return threading.active_count() == 1


class LibrarySource(Protocol):
    """What the index needs from a library (zcx_desktop.core.library.Library fits)."""

    index_dir: Any

    def list_documents(self) -> list[Document]: ...
    def get_document(self, doc_id: int) -> Document: ...
    def get_clauses(self, doc_id: int) -> list[Clause]: ...
    def connect(self) -> Any: ...


# What reading a damaged index raises (as opposed to bugs, which must surface).
DAMAGE_ERRORS: tuple[type[BaseException], ...] = (
    OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError, WhooshIndexError, IndexError,
)


class SearchIndexBusy(KnownError):
    """Another program is writing the search index right now."""


@dataclass
class RebuildReport:
    """What a rebuild did and how fast."""

    reason: str
    documents: int
    entries: int
    megabytes: float
    seconds: float

    def to_json(self) -> dict[str, Any]:
        mbps = self.megabytes / self.seconds if self.seconds else 0.0
        return {
            "reason": self.reason,
            "documents": self.documents,
            "entries": self.entries,
            "megabytes": round(self.megabytes, 3),
            "seconds": round(self.seconds, 3),
            "mb_per_second": round(mbps, 3),
        }


class SearchIndex:
    """The library's search index: self-healing on open, updated by library events."""

    def __init__(self, library: LibrarySource, *, procs: int | None = None) -> None:
        self.library = library
        self.store = IndexStore(library.index_dir)
        self.procs = procs if procs is not None else min(2, os.cpu_count() or 1)
        self._ix: FileIndex | None = None
        self._searcher: Searcher | None = None
        self._docs: dict[int, DocInfo] | None = None
        self._ctx: SearchContext | None = None
        self._texts = TextCache(library.connect)
        self._healed_at_runtime = False
        self._write_lock = threading.RLock()
        self._read_lock = threading.RLock()

    # -- health ---------------------------------------------------------------------------
    def ensure_ready(self, progress: Progress | None = None) -> RebuildReport | None:
        """Open the index, rebuilding it from SQLite if it is missing, damaged or outdated."""
        with self._write_lock:
            if self._ix is not None:
                return None
            reason = self.store.diagnose()
            if reason is not None:
                log.warning("search index needs a rebuild: %s", reason)
                return self.rebuild(progress, reason=reason)
            self._open()
            self._catch_up()
            return None

    def _open(self) -> None:
        self._ix = self.store.open()
        self._searcher = self._ix.searcher()

    def _catch_up(self) -> None:
        """Index documents the index lacks and drop ones the library no longer has."""
        indexed = set(self._indexed_doc_ids())
        present = set(self.documents())
        missing, extra = present - indexed, indexed - present
        if missing or extra:
            log.info("search index catching up: %d missing, %d extra", len(missing), len(extra))
            self.update_documents(missing | extra)

    def _indexed_doc_ids(self) -> Iterator[int]:
        from whoosh.query import Term

        searcher = self.searcher()
        column = searcher.reader().column_reader("doc_id")
        for docnum in searcher.docs_for_query(Term("kind", "doc")):
            yield int(column[docnum])

    # -- rebuilding -----------------------------------------------------------------------
    def rebuild(self, progress: Progress | None = None, *, reason: str = "requested") -> RebuildReport:
        """Recreate the whole index from SQLite (out of place, then swapped in)."""
        with self._write_lock:
            started = time.perf_counter()
            self._close_index()
            self._docs = None
            self._texts.clear()
            doc_ids = sorted(self.documents())
            counter = {"bytes": 0}
            entries = self._entries_for(doc_ids, progress, counter)
            procs = self.procs if len(doc_ids) >= 200 and _fork_is_safe() else 1
            count = self.store.rebuild(entries, procs=procs)
            self._open()
            seconds = time.perf_counter() - started
            report = RebuildReport(reason, len(doc_ids), count, counter["bytes"] / 1e6, seconds)
            log.info("search index rebuilt: %s", report.to_json())
            return report

    def _entries_for(
        self, doc_ids: list[int], progress: Progress | None, counter: dict[str, int]
    ) -> Iterator[dict[str, Any]]:
        conn = self.library.connect()  # this thread's shared connection: never close it
        for chunk_start in range(0, len(doc_ids), 200):
            chunk = doc_ids[chunk_start : chunk_start + 200]
            notes = read_notes(conn, chunk)
            for done, doc_id in enumerate(chunk, chunk_start + 1):
                for entry in self._document_entries(doc_id, notes.get(doc_id, {})):
                    counter["bytes"] += len(entry["text"].encode("utf-8"))
                    yield entry
                if progress:
                    progress(done, len(doc_ids))

    def _document_entries(self, doc_id: int, notes: dict[str, list[str]]) -> list[dict[str, Any]]:
        try:
            doc = self.library.get_document(doc_id)
        except NotFound:
            return []
        self.documents()[doc_id] = DocInfo.from_document(doc)
        return [build_entry(doc, notes)]

    # -- incremental updates -----------------------------------------------------------------
    def update_documents(self, doc_ids: Iterable[int]) -> None:
        """Re-read these documents (text, clauses, metadata, notes) from SQLite into the index.

        Documents that no longer exist are removed. Safe to call from any thread.
        """
        ids = sorted(set(int(i) for i in doc_ids))
        if not ids:
            return
        with self._write_lock:
            if self._ix is None and self.ensure_ready() is not None:
                return  # a rebuild just read everything
            notes = read_notes(self.library.connect(), ids)
            self._write_or_heal(ids, lambda doc_id: self._document_entries(doc_id, notes.get(doc_id, {})))

    def remove_documents(self, doc_ids: Iterable[int]) -> None:
        """Drop these documents from the index."""
        ids = sorted(set(int(i) for i in doc_ids))
        with self._write_lock:
            if self._ix is None and self.ensure_ready() is not None:
                return
            self._write_or_heal(ids, lambda doc_id: [])

    def _write_or_heal(self, ids: list[int], entries_of: Callable[[int], list[dict[str, Any]]]) -> None:
        """Write; if the index turns out damaged or deleted underneath us, rebuild it instead."""
        try:
            self._write(ids, entries_of)
        except SearchIndexBusy:
            raise
        except DAMAGE_ERRORS as err:
            log.warning("search index damaged while writing (%s: %s); rebuilding", type(err).__name__, err)
            self.rebuild(reason="damaged")

    def _write(self, ids: list[int], entries_of: Callable[[int], list[dict[str, Any]]]) -> None:
        assert self._ix is not None
        try:
            writer = self._ix.writer(timeout=10.0, delay=0.1)
        except LockError as err:
            raise SearchIndexBusy("搜索索引正被另一个程序写入，请稍后重试（或运行 zcx reindex）") from err
        self.store.write_meta("writing")
        try:
            for doc_id in ids:
                writer.delete_by_term("doc_key", str(doc_id))
                self.documents().pop(doc_id, None)
                for entry in entries_of(doc_id):
                    writer.add_document(**entry)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._texts.drop(ids)
        self.store.write_meta("complete")
        self._refresh()

    def on_library_event(self, event: Any) -> None:
        """Library listener: keep the index in step with added/removed/updated/replaced docs.

        Bulk changes arrive already merged (`Library.batch_events`), so one event is one write.
        """
        ids = list(getattr(event, "doc_ids", []) or [])
        if getattr(event, "kind", "") == "removed":
            self.remove_documents(ids)
        else:
            self.update_documents(ids)

    # -- reading --------------------------------------------------------------------------
    def documents(self) -> dict[int, DocInfo]:
        """Document-level facts (filters, facets, dates), loaded from SQLite once."""
        if self._docs is None:
            self._docs = {d.id: DocInfo.from_document(d) for d in self.library.list_documents()}
        return self._docs

    def searcher(self) -> Searcher:
        if self._searcher is None:
            self.ensure_ready()
        assert self._searcher is not None
        return self._searcher

    def _refresh(self) -> None:
        with self._read_lock:
            if self._searcher is not None and self._ix is not None:
                # not Searcher.refresh(): it reuses segment readers with stale deletions
                self._searcher.close()
                self._searcher = self._ix.searcher()

    def search(self, query: str, **options: Any) -> SearchResults:
        """Run a query (see `search.engine.run_search` for the options); never raises on syntax."""
        from zcx_desktop.core.search.engine import run_search

        with self._read_lock:
            try:
                return run_search(self._context(), query, **options)
            except DAMAGE_ERRORS as err:  # damaged files found while reading: heal once and retry
                if self._healed_at_runtime:
                    raise
                log.warning("search failed on the index (%s: %s); rebuilding", type(err).__name__, err)
        self._healed_at_runtime = True
        self.rebuild(reason="corrupt")
        with self._read_lock:
            return run_search(self._context(), query, **options)

    def _context(self) -> SearchContext:
        """The searcher with its per-generation caches (docnum -> doc id, term lexicons)."""
        searcher = self.searcher()
        if self._ctx is None or self._ctx.searcher is not searcher:
            column = searcher.reader().column_reader("doc_id")
            doc_id_of = [int(v) for v in column]  # sequential reading is faster than indexing
            terms = TermSets(searcher, doc_id_of)
            lexicons: dict[str, TermLexicon] = {}

            def lexicon(fieldname: str) -> TermLexicon:
                if fieldname not in lexicons:
                    lexicons[fieldname] = TermLexicon(searcher.reader(), fieldname)
                return lexicons[fieldname]

            self._ctx = SearchContext(searcher, self.documents(), lexicon, terms, self._texts)
        self._ctx.docs = self.documents()
        return self._ctx

    def _close_index(self) -> None:
        with self._read_lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            if self._ix is not None:
                self._ix.close()
            self._ix = None

    def close(self) -> None:
        with self._write_lock:
            self._close_index()
