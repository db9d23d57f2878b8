"""Order matching documents and pick each one's best clauses.

Documents are ranked by a BM25 whose term frequency is the number of clauses that truly
match (exact, from the clean text) and whose length is the document's number of clauses,
with a bonus when the title or a clause heading of the document contains a query word. Within a
document, clauses are ordered by match density (BM25 over needle counts and clause length,
headings boosted).
"""

from __future__ import annotations

from collections.abc import Iterable

from zcx_desktop.core.search.analysis import fold
from zcx_desktop.core.search.entries import DocInfo
from zcx_desktop.core.search.schema import HEADING_BOOST, TITLE_BONUS
from zcx_desktop.core.search.texts import NOTE_SEPARATOR, DocText

CLAUSES_SCORED_PER_DOC = 120
HEADING_DOC_BONUS = 0.2
K1, B = 1.2, 0.75

Page = list[tuple[int, float, list[tuple[int, float]]]]  # (doc_id, score, [(region index, score)])


class Ranking:
    """Relevance (with title and heading bonuses) or date order over the exact matches of one query."""

    def __init__(self, matches: dict[int, list[int]], texts: dict[int, DocText],
                 docs: dict[int, DocInfo], needles: list[str]) -> None:
        self.matches, self.texts, self.docs, self.needles = matches, texts, docs, needles
        sizes = [len(t.contents) for t in texts.values()]
        self.average_size = max(1.0, sum(sizes) / len(sizes)) if sizes else 1.0

    def page(self, sort: str, limit: int, offset: int, per_doc: int) -> Page:
        if not self.matches or limit <= 0:
            return []
        if sort == "date":
            order = sorted(self.matches, key=self._date_key, reverse=True)
            return self._best_clauses(order[offset : offset + limit], per_doc, {})
        scores = {d: self._document_score(d) for d in self.matches}
        order = sorted(scores, key=lambda d: (-scores[d], d))
        return self._best_clauses(order[offset : offset + limit], per_doc, scores)

    def _date_key(self, doc_id: int) -> tuple[str, int]:
        info = self.docs.get(doc_id)
        return (info.date if info else "", doc_id)

    def _title_bonus(self, doc_id: int) -> float:
        info = self.docs.get(doc_id)
        return 1 + TITLE_BONUS if info and any(n in info.folded_title for n in self.needles) else 1.0

    def _document_score(self, doc_id: int) -> float:
        hits = len(self.matches[doc_id])
        doc = self.texts[doc_id]
        size = max(1, len(doc.contents))
        norm = hits * (K1 + 1) / (hits + K1 * (1 - B + B * size / self.average_size))
        headings = any(n in doc.folded_headings for n in self.needles if n)
        return norm * self._title_bonus(doc_id) * (1 + HEADING_DOC_BONUS if headings else 1.0)

    def _best_clauses(self, doc_ids: list[int], per_doc: int, scores: dict[int, float]) -> Page:
        page: Page = []
        for doc_id in doc_ids:
            doc = self.texts[doc_id]
            regions = self.matches[doc_id][:CLAUSES_SCORED_PER_DOC]
            scored = sorted(
                ((clause_score(doc.contents[i], doc.heading(i), self.needles), i) for i in regions),
                key=lambda pair: (-pair[0], pair[1]),
            )
            hits = [(i, s) for s, i in scored[:per_doc]]
            score = scores.get(doc_id, hits[0][1] * self._title_bonus(doc_id) if hits else 0.0)
            page.append((doc_id, score, hits))
        return page


def clause_score(content: str, heading: str, needles: Iterable[str]) -> float:
    """BM25-style density of the needles in one folded clause text (heading matches count double)."""
    length = max(1, len(content.split(NOTE_SEPARATOR, 1)[0])) / 200.0  # ~200 characters is a typical clause
    folded_heading = fold(heading)
    score = 0.0
    for needle in needles:
        tf = content.count(needle) if needle else 0
        score += tf * (K1 + 1) / (tf + K1 * (1 - B + B * length)) if tf else 0.0
        if needle and needle in folded_heading:
            score += HEADING_BOOST
    return score
