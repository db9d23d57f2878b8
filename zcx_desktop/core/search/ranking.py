"""Order matching documents and pick each one's best clauses.

Small result sets are scored by Whoosh (BM25F, headings boosted). Large ones would make
Whoosh walk every posting a second time, so documents are ranked by a BM25 over their
number of matching clauses and only the shown documents' clauses are scored, in Python,
from the stored text (term counts, clause length, heading boost).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from zcx_desktop.core.search.analysis import fold
from zcx_desktop.core.search.entries import DocInfo
from zcx_desktop.core.search.querying import LiteralPlan
from zcx_desktop.core.search.schema import HEADING_BOOST, TITLE_BONUS

WHOOSH_SCORING_MAX = 3000  # matching entries up to which Whoosh scores everything
CLAUSES_SCORED_PER_DOC = 120
K1, B = 1.2, 0.75

Page = list[tuple[int, float, list[tuple[int, float]]]]  # (doc_id, score, [(docnum, score)])


class Ranking:
    """Relevance (with a title bonus) or date order over the exact matches of one query."""

    def __init__(self, searcher: Searcher, plans: list[list[LiteralPlan]], matched: dict[int, int],
                 counts: Counter[int], docs: dict[int, DocInfo], needles: list[str]) -> None:
        self.searcher, self.plans, self.matched = searcher, plans, matched
        self.counts, self.docs, self.needles = counts, docs, needles
        sizes = [max(1, d.clause_count) for d in docs.values()]
        self.average_size = max(1.0, sum(sizes) / len(sizes)) if sizes else 1.0

    def page(self, sort: str, limit: int, offset: int, per_doc: int) -> Page:
        if not self.matched or limit <= 0:
            return []
        if sort == "date":
            order = sorted(self.counts, key=self._date_key, reverse=True)
            return self._best_clauses(order[offset : offset + limit], per_doc)
        if len(self.matched) > WHOOSH_SCORING_MAX:
            order = sorted(self.counts, key=self._count_score, reverse=True)
            return self._best_clauses(order[offset : offset + limit], per_doc)
        want = offset + limit
        groups = group_hits(self._whoosh_scored(set(self.matched), max(200, want * 20)), self.matched, per_doc)
        if len(groups) < min(want, len(self.counts)):
            groups = group_hits(self._whoosh_scored(set(self.matched), None), self.matched, per_doc)
        ranked = sorted(((self._title_bonus(d) * hits[0][1], d, hits) for d, hits in groups.items()), key=lambda r: -r[0])
        return [(d, score, hits) for score, d, hits in ranked[offset : offset + limit]]

    # -- document order --------------------------------------------------------------------
    def _date_key(self, doc_id: int) -> tuple[str, int]:
        info = self.docs.get(doc_id)
        return (info.date if info else "", doc_id)

    def _title_bonus(self, doc_id: int) -> float:
        info = self.docs.get(doc_id)
        return 1 + TITLE_BONUS if info and any(n in fold(info.title) for n in self.needles) else 1.0

    def _count_score(self, doc_id: int) -> float:
        """BM25 with 'matching clauses' as term frequency and clause count as length."""
        hits = self.counts[doc_id]
        info = self.docs.get(doc_id)
        size = max(1, info.clause_count if info else hits)
        norm = hits * (K1 + 1) / (hits + K1 * (1 - B + B * size / self.average_size))
        return norm * self._title_bonus(doc_id)

    # -- clauses within the shown documents --------------------------------------------------
    def _best_clauses(self, doc_ids: list[int], per_doc: int) -> Page:
        wanted = set(doc_ids)
        by_doc: dict[int, list[int]] = {d: [] for d in doc_ids}
        for docnum, doc_id in self.matched.items():
            if doc_id in wanted and len(by_doc[doc_id]) < CLAUSES_SCORED_PER_DOC:
                by_doc[doc_id].append(docnum)
        page: Page = []
        for doc_id in doc_ids:
            scored = sorted(((self._clause_score(n), n) for n in by_doc[doc_id]), reverse=True)
            hits = [(n, s) for s, n in scored[:per_doc]]
            page.append((doc_id, hits[0][1] * self._title_bonus(doc_id) if hits else 0.0, hits))
        return page

    def _clause_score(self, docnum: int) -> float:
        stored = self.searcher.stored_fields(docnum)
        return clause_score(stored, self.needles)

    def _whoosh_scored(self, allow: set[int], limit: int | None) -> list[tuple[int, float]]:
        if not allow:
            return []
        if not self.plans:
            return [(n, 0.0) for n in sorted(allow)]
        required = [g[0].rank if len(g) == 1 else wq.Or([p.rank for p in g]) for g in self.plans]
        boosts = [p.boost for g in self.plans for p in g if p.boost is not None]
        query: wq.Query = required[0] if len(required) == 1 else wq.And(required)
        if boosts:
            query = wq.AndMaybe(query, wq.Or(boosts))
        results = self.searcher.search(query, filter=allow, limit=limit)
        return [(hit.docnum, float(hit.score or 0.0)) for hit in results]


def clause_score(stored: dict[str, Any], needles: Iterable[str]) -> float:
    """BM25-style score of one clause from its stored text (heading matches count double)."""
    text = fold(stored.get("text", "") + "\n" + stored.get("notes", ""))
    heading = fold(stored.get("heading", ""))
    length = max(1, len(text)) / 200.0  # ~200 characters is a typical clause
    score = 0.0
    for needle in needles:
        tf = text.count(needle) if needle else 0
        score += tf * (K1 + 1) / (tf + K1 * (1 - B + B * length)) if tf else 0.0
        if needle and needle in heading:
            score += HEADING_BOOST
    return score


def group_hits(scored: list[tuple[int, float]], matched: dict[int, int], per_doc: int) -> dict[int, list[tuple[int, float]]]:
    """Scored entries (best first) grouped by document, at most `per_doc` each, best documents first."""
    groups: dict[int, list[tuple[int, float]]] = {}
    for docnum, score in scored:
        hits = groups.setdefault(matched[docnum], [])
        if len(hits) < per_doc:
            hits.append((docnum, score))
    return groups
