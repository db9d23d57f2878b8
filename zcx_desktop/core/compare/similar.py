"""Similar clauses across the library: a cached character-bigram TF-IDF index in <library>/cache/."""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zcx_desktop.core.compare.engine import build_units
from zcx_desktop.core.compare.model import Side
from zcx_desktop.core.compare.vectors import bigram_counts, normalise
from zcx_desktop.core.errors import NotFound

log = logging.getLogger("zcx.compare")

CACHE_NAME = "similar_clauses.sqlite"
SCHEMA_VERSION = "1"
TERMS_PER_CLAUSE = 48  # the clause's highest-weighted bigrams go into the candidate postings
CANDIDATES = 300  # candidates re-scored exactly
REBUILD_SHARE = 0.25  # rebuild from scratch when this share of the index is stale or new
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (doc_id INTEGER PRIMARY KEY, content_hash TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS clauses (id INTEGER PRIMARY KEY, doc_id INTEGER, path TEXT, heading TEXT,
    start INTEGER, "end" INTEGER, norm TEXT, length REAL);
CREATE INDEX IF NOT EXISTS clauses_doc ON clauses(doc_id);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER, ids BLOB, weights BLOB) WITHOUT ROWID;
"""


@dataclass
class SourceDocument:
    """What the index needs of one document."""

    doc_id: int
    content_hash: str
    title: str
    side: Side


@dataclass
class SimilarClause:
    """One hit: a clause of another document and its cosine similarity to the query clause."""

    doc_id: int
    title: str
    path: str
    heading: str
    score: float
    snippet: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "path": self.path,
            "heading": self.heading,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "span": [self.start, self.end],
        }


class SimilarIndex:
    """Bigram TF-IDF postings of every clause, stored in one SQLite file and kept in step with the library."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self.lock = threading.RLock()  # one connection shared by the GUI's worker threads
        self.conn.executescript(_SCHEMA)
        if self._meta("schema") != SCHEMA_VERSION:
            self._clear()

    def close(self) -> None:
        self.conn.close()

    # -- keeping in step ------------------------------------------------------------
    def sync(self, signature: dict[int, str], load: Any) -> None:
        """Bring the index up to date with documents {doc_id: content_hash}; `load(ids)` yields SourceDocuments."""
        indexed = dict(self.conn.execute("SELECT doc_id, content_hash FROM docs"))
        stale = [d for d, h in indexed.items() if signature.get(d) != h]
        new = [d for d, h in signature.items() if indexed.get(d) != h]
        if not stale and not new:
            return
        built = int(self._meta("built_docs") or 0)
        drift = int(self._meta("drift") or 0) + len(stale) + len(new)
        if not built or drift > REBUILD_SHARE * max(built, len(signature)):
            log.info("rebuilding similar-clause index for %d documents", len(signature))
            self.rebuild(load(sorted(signature)))
            return
        log.info("similar-clause index: %d stale, %d new documents", len(stale), len(new))
        with self.conn:
            self._forget(stale)
            self._add(load(new), self._idf_lookup())
            self._set_meta("drift", str(drift))

    def rebuild(self, documents: Iterable[SourceDocument]) -> None:
        docs = list(documents)
        clause_counts = [
            (doc, unit, bigram_counts(unit.content)) for doc in docs for unit in _units(doc.side)
        ]
        frequency: Counter[str] = Counter()
        for _doc, _unit, counts in clause_counts:
            frequency.update(counts.keys())
        size = len(clause_counts)
        with self.conn:
            self._clear()
            self.conn.executemany(
                "INSERT INTO terms(term, df, ids, weights) VALUES (?, ?, ?, ?)",
                ((t, df, b"", b"") for t, df in frequency.items()),
            )
            self._set_meta("clauses", str(size))
            idf = {t: math.log((1 + size) / (1 + df)) + 1.0 for t, df in frequency.items()}
            self._write(docs, clause_counts, idf)
            self._set_meta("built_docs", str(len(docs)))
            self._set_meta("drift", "0")

    def _add(self, documents: Iterable[SourceDocument], idf: Any) -> None:
        docs = list(documents)
        clause_counts = [
            (doc, unit, bigram_counts(unit.content)) for doc in docs for unit in _units(doc.side)
        ]
        self._write(docs, clause_counts, idf)

    def _write(self, docs: list[SourceDocument], clause_counts: list, idf: Any) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
            ((d.doc_id, d.content_hash, d.title) for d in docs),
        )
        postings: dict[str, tuple[array, array]] = {}
        next_id = (self.conn.execute("SELECT max(id) FROM clauses").fetchone()[0] or 0) + 1
        rows = []
        for offset, (doc, unit, counts) in enumerate(clause_counts):
            clause_id = next_id + offset
            weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in counts.items()}
            length = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            rows.append(
                (
                    clause_id,
                    doc.doc_id,
                    unit.path,
                    unit.heading,
                    unit.start,
                    unit.end,
                    normalise(unit.content),
                    length,
                )
            )
            for term in sorted(weights, key=weights.__getitem__, reverse=True)[:TERMS_PER_CLAUSE]:
                ids, ws = postings.setdefault(term, (array("i"), array("f")))
                ids.append(clause_id)
                ws.append(weights[term] / length)
        self.conn.executemany("INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._append_postings(postings)

    def _append_postings(self, postings: dict[str, tuple[array, array]]) -> None:
        existing = {}
        terms = list(postings)
        for chunk in range(0, len(terms), 500):
            part = terms[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for term, ids, ws in self.conn.execute(
                f"SELECT term, ids, weights FROM terms WHERE term IN ({marks})", part
            ):
                existing[term] = (ids or b"", ws or b"")
        updates = []
        for term, (ids, ws) in postings.items():
            old_ids, old_ws = existing.get(term, (b"", b""))
            updates.append((term, old_ids + ids.tobytes(), old_ws + ws.tobytes()))
        self.conn.executemany(
            "INSERT INTO terms(term, df, ids, weights) VALUES (?, 1, ?, ?) "
            "ON CONFLICT(term) DO UPDATE SET ids = excluded.ids, weights = excluded.weights",
            updates,
        )

    def _forget(self, doc_ids: list[int]) -> None:
        for doc_id in doc_ids:
            self.conn.execute("DELETE FROM clauses WHERE doc_id = ?", (doc_id,))
            self.conn.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    # -- querying ---------------------------------------------------------------------
    def query(
        self, text: str, *, exclude_doc: int | None = None, limit: int = 10
    ) -> list[SimilarClause]:
        """Clauses most similar to `text`, best first, skipping `exclude_doc`."""
        counts = bigram_counts(text)
        if not counts:
            return []
        idf = self._idf_lookup(counts)
        query = {t: (1.0 + math.log(n)) * idf(t) for t, n in counts.items()}
        q_length = math.sqrt(sum(w * w for w in query.values())) or 1.0
        candidates = self._candidates(query, q_length)
        return self._rescore(candidates, query, q_length, idf, exclude_doc, limit)

    def _candidates(self, query: dict[str, float], q_length: float) -> list[int]:
        scores: dict[int, float] = {}
        get = scores.get
        terms = list(query)
        for chunk in range(0, len(terms), 500):
            part = terms[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for term, blob_ids, blob_ws in self.conn.execute(
                f"SELECT term, ids, weights FROM terms WHERE term IN ({marks})", part
            ):
                ids, ws = array("i"), array("f")
                ids.frombytes(blob_ids or b"")
                ws.frombytes(blob_ws or b"")
                weight = query[term] / q_length
                for clause_id, w in zip(ids, ws):
                    scores[clause_id] = get(clause_id, 0.0) + weight * w
        return sorted(scores, key=scores.__getitem__, reverse=True)[:CANDIDATES]

    def _rescore(
        self,
        candidates: list[int],
        query: dict[str, float],
        q_length: float,
        idf: Any,
        exclude_doc: int | None,
        limit: int,
    ) -> list[SimilarClause]:
        hits = []
        marks = ",".join("?" * len(candidates))
        rows = (
            self.conn.execute(
                f'SELECT c.id, c.doc_id, d.title, c.path, c.heading, c.start, c."end", c.norm, c.length '
                f"FROM clauses c JOIN docs d ON d.doc_id = c.doc_id WHERE c.id IN ({marks})",
                candidates,
            )
            if candidates
            else []
        )
        for _id, doc_id, title, path, heading, start, end, norm, length in rows:
            if doc_id == exclude_doc:
                continue
            counts = bigram_counts(norm)
            dot = sum(
                w * (1.0 + math.log(counts[t])) * idf(t) for t, w in query.items() if t in counts
            )
            score = dot / (q_length * length)
            hits.append(SimilarClause(doc_id, title, path, heading, score, norm[:80], start, end))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]

    def _idf_lookup(self, counts: Counter[str] | None = None) -> Any:
        size = int(self._meta("clauses") or 1)
        known: dict[str, int] = {}
        if counts is not None:
            terms = list(counts)
            for chunk in range(0, len(terms), 500):
                part = terms[chunk : chunk + 500]
                marks = ",".join("?" * len(part))
                known.update(
                    self.conn.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", part)
                )

        def idf(term: str) -> float:
            df = known.get(term)
            if df is None and counts is None:
                row = self.conn.execute("SELECT df FROM terms WHERE term = ?", (term,)).fetchone()
                df = row[0] if row else 0
            return math.log((1 + size) / (1 + (df or 0))) + 1.0

        return _IdfMap(idf)

    # -- bookkeeping ------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _clear(self) -> None:
        for table in ("docs", "clauses", "terms", "meta"):
            self.conn.execute(f"DELETE FROM {table}")
        self._set_meta("schema", SCHEMA_VERSION)
        self.conn.commit()


class _IdfMap:
    """Callable and subscriptable idf accessor (the write path indexes, the query path calls)."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn

    def __call__(self, term: str) -> float:
        return float(self.fn(term))

    def __getitem__(self, term: str) -> float:
        return float(self.fn(term))


def _units(side: Side) -> Iterator[Any]:
    return (u for u in build_units(side) if u.clause_index is not None and u.content)


# -- library glue ------------------------------------------------------------------------
_OPEN: dict[Path, SimilarIndex] = {}
_OPEN_LOCK = threading.Lock()


def similar_index(library: Any) -> SimilarIndex:
    """The library's similar-clause index, opened once per process and synced with the library."""
    path = Path(library.path) / "cache" / CACHE_NAME
    with _OPEN_LOCK:
        index = _OPEN.get(path)
        if index is None:
            index = _OPEN[path] = SimilarIndex(path)
    signature = {doc.id: doc.content_hash for doc in library.list_documents()}
    with index.lock:
        index.sync(signature, lambda ids: _load_from_library(library, ids))
    return index


def _load_from_library(library: Any, doc_ids: Iterable[int]) -> Iterator[SourceDocument]:
    for doc_id in doc_ids:
        doc = library.get_document(doc_id)
        side = Side(doc.text or "", library.get_clauses(doc_id), doc.meta.title, doc_id)
        yield SourceDocument(doc_id, doc.content_hash, doc.meta.title, side)


def similar_clauses(
    library: Any, doc_id: int, clause_path: str, limit: int = 10
) -> list[SimilarClause]:
    """The clauses of other documents most similar to clause `clause_path` of document `doc_id`."""
    text = library.get_text(doc_id)
    clause = next((c for c in library.get_clauses(doc_id) if c.path == clause_path), None)
    if clause is None:
        raise NotFound(f"文档 {doc_id} 中没有条款 {clause_path}")
    body = clause.body(text)
    body = body.removeprefix(clause.label)
    index = similar_index(library)
    with index.lock:
        return index.query(body, exclude_doc=doc_id, limit=limit)


def close_similar_indexes() -> None:
    """Close every cached index connection (at application exit, or before deleting a library)."""
    with _OPEN_LOCK:
        for index in _OPEN.values():
            index.close()
        _OPEN.clear()
