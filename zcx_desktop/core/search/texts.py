"""Documents' clean texts cut into clause regions and folded for exact matching, with a bounded cache.

A region is one clause's own text (`start..body_end`) or, for path "", the text outside every
clause (title, preamble, tail) joined by newlines. Matching is exact per region, so a query's
words must all occur in one clause, as in the clause-level index this replaces.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from zcx_desktop.core.search.analysis import fold
from zcx_desktop.core.search.entries import PREAMBLE_PATH, read_notes

log = logging.getLogger("zcx.search")

NOTE_SEPARATOR = "\x00"  # never inside a query needle
DEFAULT_MAX_BYTES = 320_000_000  # memory for cached texts (~5,000 documents of 25 KB use ~120 MB)
CHUNK = 400


class ClauseRow(NamedTuple):
    """The clause columns regions need."""

    clause_index: int
    path: str
    heading: str
    start: int
    body_end: int


@dataclass
class Region:
    """Where one clause's own text (or the outside-clause text) lies in the document."""

    clause_index: int  # -1 for the text outside every clause
    path: str
    heading: str
    segments: list[tuple[int, int]]  # (document offset, length), joined by "\n"

    def text_of(self, document_text: str) -> str:
        return "\n".join(document_text[start : start + length] for start, length in self.segments)


class ClauseColumns(NamedTuple):
    """A document's clauses as columns (cheap to read from SQLite in bulk)."""

    indices: list[int]
    paths: list[str]
    headings: list[str]
    starts: list[int]
    ends: list[int]  # body_end: the end of the clause's own text

    @classmethod
    def from_rows(cls, rows: list[Any]) -> ClauseColumns:
        if not rows:
            return cls([], [], [], [], [])
        return cls(*(list(column) for column in zip(*rows)))


EMPTY_CLAUSES = ClauseColumns([], [], [], [], [])


@dataclass
class DocText:
    """A document cut into regions (0 = outside every clause, then clauses in order).

    `contents[i]` is region i's folded text, followed by NUL and its folded notes if it has any.
    """

    doc_id: int
    clauses: ClauseColumns  # region i + 1 is clause i
    outside: list[tuple[int, int]]  # (start, end) stretches of region 0
    contents: list[str]
    notes: list[str]  # original note text per region ("" when none)
    folded_notes: list[str]
    folded_headings: str = ""  # every clause heading, folded, one a line

    @property
    def size(self) -> int:
        """Approximate memory in bytes (Han text is stored 2 bytes a character)."""
        return 2 * sum(map(len, self.contents)) + 120 * len(self.contents)

    def heading(self, region: int) -> str:
        return self.clauses.headings[region - 1] if region else ""

    def region(self, index: int) -> Region:
        if index == 0:
            return Region(-1, PREAMBLE_PATH, "", [(s, e - s) for s, e in self.outside])
        c, i = self.clauses, index - 1
        return Region(c.indices[i], c.paths[i], c.headings[i], [(c.starts[i], c.ends[i] - c.starts[i])])

    @property
    def regions(self) -> list[Region]:
        return [self.region(i) for i in range(len(self.contents))]


def outside_stretches(text: str, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """Stretches of text outside every clause's own text (title, preamble, tail), non-blank."""
    found: list[tuple[int, int]]
    if all(map(int.__le__, starts, ends)) and all(map(int.__le__, ends[:-1], starts[1:])):
        # own texts in document order and disjoint (the normal case): the gaps between them
        found = [(e, s) for e, s in zip([0, *ends], [*starts, len(text)]) if s > e]
    else:
        found, cursor = [], 0
        for start, body_end in sorted(zip(starts, ends)):
            if body_end <= start:
                continue
            if start > cursor:
                found.append((cursor, start))
            cursor = max(cursor, body_end)
        if cursor < len(text):
            found.append((cursor, len(text)))
    return [(s, e) for s, e in found if not text[s:e].isspace()]


def build_doc_text(
    doc_id: int, text: str, clauses: list[Any] | ClauseColumns, notes: dict[str, list[str]] | None = None
) -> DocText:
    """Cut a document into regions: the outside-clause text first, then clauses in order."""
    columns = clauses if isinstance(clauses, ClauseColumns) else ClauseColumns.from_rows(list(clauses))
    outside = outside_stretches(text, columns.starts, columns.ends)
    folded = fold(text)
    if len(folded) != len(text):  # cannot happen (fold keeps length); be safe for offsets
        folded = text
    contents = ["\n".join([folded[s:e] for s, e in outside])]
    contents += list(map(folded.__getitem__, map(slice, columns.starts, columns.ends)))
    region_notes = [""] * len(contents)
    folded_notes = [""] * len(contents)
    if notes:
        position = {path: i for i, path in enumerate(columns.paths, 1)}
        for path, ns in notes.items():
            i = position.get(path, 0)  # notes on unknown paths go to the outside-clause text
            region_notes[i] = "\n".join(filter(None, [region_notes[i], *ns]))
        for i, note in enumerate(region_notes):
            if note:
                folded_notes[i] = fold(note)
                contents[i] += NOTE_SEPARATOR + folded_notes[i]
    headings = fold("\n".join(filter(None, columns.headings)))
    return DocText(doc_id, columns, outside, contents, region_notes, folded_notes, headings)


class TextCache:
    """DocTexts read from SQLite in bulk, least recently used dropped beyond `max_bytes`."""

    def __init__(self, connect: Callable[[], Any], max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._connect = connect
        self.max_bytes = max_bytes
        self._items: OrderedDict[int, DocText] = OrderedDict()
        self._bytes = 0
        self._lock = threading.RLock()

    def get_many(self, doc_ids: Iterable[int]) -> dict[int, DocText]:
        """DocTexts of these documents (missing documents are left out)."""
        wanted = list(doc_ids)
        with self._lock:
            found = {d: self._items[d] for d in wanted if d in self._items}
            for doc_id in found:
                self._items.move_to_end(doc_id)
            missing = [d for d in wanted if d not in found]
            for start in range(0, len(missing), CHUNK):
                for doc in self._load(missing[start : start + CHUNK]):
                    found[doc.doc_id] = doc
                    self._put(doc)
            return found

    def original_texts(self, doc_ids: Iterable[int]) -> dict[int, str]:
        """Clean texts as stored (for snippets and offsets)."""
        ids = list(doc_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._connect().execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", ids)
        return {int(r[0]): str(r[1]) for r in rows}

    def drop(self, doc_ids: Iterable[int]) -> None:
        with self._lock:
            for doc_id in doc_ids:
                doc = self._items.pop(doc_id, None)
                if doc is not None:
                    self._bytes -= doc.size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def _put(self, doc: DocText) -> None:
        self._items[doc.doc_id] = doc
        self._bytes += doc.size
        while self._bytes > self.max_bytes and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self._bytes -= old.size

    def _load(self, ids: list[int]) -> list[DocText]:
        conn = self._connect()
        marks = ",".join("?" * len(ids))
        try:
            cursor = conn.cursor()
            cursor.row_factory = None  # plain tuples: much faster than sqlite3.Row
            texts = dict(cursor.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", ids).fetchall())
            clauses = {d: _columns(row) for d, *row in cursor.execute(_CLAUSE_COLUMNS.format(marks=marks), ids)}
        except sqlite3.Error as err:
            log.warning("document texts not readable for search: %s", err)
            return []
        notes = read_notes(conn, list(texts))
        return [build_doc_text(d, texts[d], clauses.get(d, EMPTY_CLAUSES), notes.get(d)) for d in texts]


class LazyTexts(dict[int, DocText]):
    """DocTexts read from the cache on first access (an empty one for a vanished document)."""

    def __init__(self, cache: TextCache) -> None:
        super().__init__()
        self.cache = cache

    def __missing__(self, doc_id: int) -> DocText:
        doc = self.cache.get_many([doc_id]).get(doc_id) or DocText(doc_id, EMPTY_CLAUSES, [], [""], [""], [""])
        self[doc_id] = doc
        return doc


# One row per document, each column a joined list (unit separator for text): no Python loop per
# clause. Rows come in primary-key order (doc_id, idx); `_columns` re-sorts if they ever do not.
_CLAUSE_COLUMNS = (
    "SELECT doc_id, group_concat(idx), group_concat(path, char(31)), group_concat(heading, char(31)),"
    " group_concat(start), group_concat(body_end)"
    " FROM clauses WHERE doc_id IN ({marks}) GROUP BY doc_id"
)


def _columns(row: list[Any]) -> ClauseColumns:
    indices, paths, headings, starts, ends = row
    columns = ClauseColumns(
        list(map(int, str(indices).split(","))),
        str(paths).split("\x1f"),
        str(headings).split("\x1f"),
        list(map(int, str(starts).split(","))),
        list(map(int, str(ends).split(","))),
    )
    if all(map(int.__lt__, columns.indices[:-1], columns.indices[1:])):
        return columns
    return ClauseColumns.from_rows(sorted(zip(*columns)))
