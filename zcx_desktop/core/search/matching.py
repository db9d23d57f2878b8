"""Candidate documents from the term index, then exact matching clause by clause on the clean text."""

from __future__ import annotations

import operator
from collections.abc import Callable
from itertools import compress, repeat

from whoosh import query as wq
from whoosh.searching import Searcher

from zcx_desktop.core.search.querying import ALL, Cond, Literal, LiteralPlan, ParsedQuery
from zcx_desktop.core.search.texts import DocText

MAX_AND_TERMS = 4  # the rarest terms of an AND are enough to narrow; confirmation does the rest
TERM_CACHE = 4096


class TermSets:
    """Document-id sets of index terms for one searcher generation (cached)."""

    def __init__(self, searcher: Searcher, doc_id_of: list[int]) -> None:
        self.searcher = searcher
        self.doc_id_of = doc_id_of
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._all: frozenset[int] | None = None

    def all_documents(self) -> frozenset[int]:
        """Every document the index holds (deleted entries excluded)."""
        if self._all is None:
            self._all = self._docs(wq.Term("kind", "doc"))
        return self._all

    def term(self, fieldname: str, text: str) -> frozenset[int]:
        key = (fieldname, text)
        found = self._sets.get(key)
        if found is None:
            found = self._docs(wq.Term(fieldname, text))
            if len(self._sets) >= TERM_CACHE:
                self._sets.clear()
            self._sets[key] = found
        return found

    def frequency(self, fieldname: str, text: str) -> int:
        return int(self.searcher.reader().doc_frequency(fieldname, text))

    def _docs(self, query: wq.Query) -> frozenset[int]:
        of = self.doc_id_of
        return frozenset(of[n] for n in self.searcher.docs_for_query(query))

    def evaluate(self, cond: Cond) -> frozenset[int] | None:
        """Documents satisfying the condition; None means every document."""
        kind = cond[0]
        if kind == "all":
            return None
        if kind == "term":
            return self.term(cond[1], cond[2])
        if kind == "or":
            parts = [self.evaluate(c) for c in cond[1]]
            if any(p is None for p in parts):
                return None
            return frozenset().union(*parts)  # type: ignore[arg-type]
        return self._and(cond[1])

    def _and(self, conds: list[Cond]) -> frozenset[int] | None:
        terms = sorted((c for c in conds if c[0] == "term"), key=lambda c: self.frequency(c[1], c[2]))
        others = [c for c in conds if c[0] != "term"]
        result: frozenset[int] | None = None
        for cond in terms[:MAX_AND_TERMS] + others:
            found = self.evaluate(cond)
            if found is None:
                continue
            result = found if result is None else result & found
            if not result:
                return frozenset()
        return result


def candidate_documents(terms: TermSets, plans: list[list[LiteralPlan]], allowed: set[int] | None) -> set[int]:
    """Documents that may match: every group's condition holds, the filters pass, the index has them."""
    result: set[int] = set(terms.all_documents())
    if allowed is not None:
        result &= allowed
    for group in plans:
        cond: Cond = group[0].candidate if len(group) == 1 else ("or", [p.candidate for p in group])
        found = terms.evaluate(ALL if any(p.candidate == ALL for p in group) else cond)
        if found is not None:
            result &= found
        if not result:
            break
    return result


RegionMatcher = Callable[[DocText], list[int]]


def region_matcher(parsed: ParsedQuery) -> RegionMatcher:
    """A function giving the indices of a document's regions that truly match the query."""
    groups, excluded = parsed.groups, parsed.excluded
    if not groups and not excluded:
        return lambda doc: [0]  # filters only: one hit per document, on its outside-clause text
    if len(groups) == 1 and len(groups[0]) == 1 and not excluded and groups[0][0].scope == "content":
        needle = groups[0][0].needle
        contains = operator.contains

        def single(doc: DocText) -> list[int]:
            return list(compress(range(len(doc.contents)), map(contains, doc.contents, repeat(needle))))

        return single

    def general(doc: DocText) -> list[int]:
        found: set[int] | None = None
        for group in groups:
            hits = set().union(*(_regions_with(doc, lit) for lit in group))
            found = hits if found is None else found & hits
            if not found:
                return []
        if found is None:  # only excluded words: every region without them
            found = set(range(len(doc.contents)))
        for lit in excluded:
            found -= _regions_with(doc, lit)
        return sorted(found)

    return general


def _regions_with(doc: DocText, literal: Literal) -> set[int]:
    """Indices of the regions whose text (or notes) contains the literal: C-level loops only."""
    pool = doc.folded_notes if literal.scope == "notes" else doc.contents
    return set(compress(range(len(pool)), map(operator.contains, pool, repeat(literal.needle))))
