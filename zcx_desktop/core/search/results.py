"""Search result objects (grouped by document), snippets with marked matches, facets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from zcx_desktop.core.search.analysis import fold
from zcx_desktop.core.search.entries import DocInfo

MARK_OPEN, MARK_CLOSE = "【", "】"
SNIPPET_CHARS = 90
SNIPPET_LEAD = 24
UNKNOWN = "（未知）"


@dataclass
class SearchHit:
    """One matching clause: where it is, a snippet and the matched spans inside the snippet."""

    doc_id: int
    title: str
    clause_path: str
    clause_index: int  # -1 for the text outside any clause (title, preamble)
    heading: str
    snippet: str  # plain text, no marks
    spans: list[tuple[int, int]]  # matched stretches inside `snippet`
    score: float
    match_start: int | None = None  # document offsets of the first match in the clean text
    match_end: int | None = None
    in_notes: bool = False  # the snippet is taken from the clause's notes, not its text

    @property
    def marked_snippet(self) -> str:
        return mark_spans(self.snippet, self.spans)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "clause_path": self.clause_path,
            "snippet": self.marked_snippet,
            "score": round(self.score, 3),
            "spans": [list(s) for s in self.spans],
            "match_start": self.match_start,
            "match_end": self.match_end,
            "in_notes": self.in_notes,
        }


@dataclass
class DocumentResult:
    """A matching document with its best clauses (best first) and how many clauses matched."""

    doc_id: int
    title: str
    issuer: str
    date: str
    score: float
    hit_count: int
    hits: list[SearchHit] = field(default_factory=list)


@dataclass
class SearchResults:
    """Everything one search returns; `documents` is the requested page."""

    query: str
    total_docs: int
    total_hits: int
    documents: list[DocumentResult]
    facets: dict[str, dict[str, int]]
    notices: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    all_doc_ids: frozenset[int] = frozenset()  # every matching document, not only this page

    @property
    def hits(self) -> list[SearchHit]:
        return [hit for doc in self.documents for hit in doc.hits]

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total_docs": self.total_docs,
            "total_hits": self.total_hits,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": self.facets,
            "notices": self.notices,
        }


def find_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """All occurrences of the needles (case-insensitive), overlapping ones merged, in order."""
    lowered = fold(text)
    found: list[tuple[int, int]] = []
    for needle in {n for n in needles if n}:
        pos = lowered.find(needle)
        while pos >= 0:
            found.append((pos, pos + len(needle)))
            pos = lowered.find(needle, pos + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, needles: list[str]) -> tuple[str, list[tuple[int, int]], int]:
    """(snippet, spans inside it, snippet offset in text) around the first match."""
    spans = find_spans(text, needles)
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_LEAD)
    end = min(len(text), start + SNIPPET_CHARS)
    snippet = text[start:end].replace("\n", " ")
    inside = [
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    ]
    return snippet, inside, start


def mark_spans(snippet: str, spans: list[tuple[int, int]]) -> str:
    out, cursor = [], 0
    for start, end in spans:
        out += [snippet[cursor:start], MARK_OPEN, snippet[start:end], MARK_CLOSE]
        cursor = end
    out.append(snippet[cursor:])
    return "".join(out)


def entry_to_document_offset(segments: list[list[int]], offset: int) -> int | None:
    """Map an offset in an entry's text (segments joined by \\n) back to the clean text."""
    cursor = 0
    for doc_start, length in segments:
        if offset <= cursor + length:
            return doc_start + (offset - cursor)
        cursor += length + 1
    return None


def build_facets(doc_ids: Iterable[int], docs: dict[int, DocInfo]) -> dict[str, dict[str, int]]:
    """Document counts by 发文机关, year and region, most frequent first."""
    issuer: Counter[str] = Counter()
    year: Counter[str] = Counter()
    region: Counter[str] = Counter()
    for doc_id in doc_ids:
        info = docs.get(doc_id)
        if info is None:
            continue
        issuer[info.issuer or UNKNOWN] += 1
        year[str(info.year) if info.year else UNKNOWN] += 1
        region[info.region or UNKNOWN] += 1
    return {name: dict(c.most_common()) for name, c in (("issuer", issuer), ("year", year), ("region", region))}
