"""Run one search on an open Whoosh searcher: candidates, exact confirmation, ranking, grouping."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from zcx_desktop.core.search.analysis import fold
from zcx_desktop.core.search.entries import DocInfo
from zcx_desktop.core.search.ranking import Ranking
from zcx_desktop.core.search.querying import (
    Filter,
    LiteralPlan,
    Lexicons,
    ParsedQuery,
    literal_matches,
    parse_query,
    parse_year_range,
    plan_literal,
)
from zcx_desktop.core.search.results import (
    DocumentResult,
    SearchHit,
    SearchResults,
    build_facets,
    entry_to_document_offset,
    make_snippet,
)

SORTS = ("relevance", "date")


@dataclass
class SearchContext:
    """An open searcher with what queries need besides it (kept per index generation)."""

    searcher: Searcher
    docs: dict[int, DocInfo]  # document facts from SQLite
    lexicons: Lexicons  # field name -> TermLexicon, built on first use
    doc_id_of: list[int]  # index docnum -> document id


def run_search(
    ctx: SearchContext,
    query: str,
    *,
    issuer: str | None = None,
    year: str | int | None = None,
    tag: str | None = None,
    docno: str | None = None,
    region: str | None = None,
    in_notes: bool = False,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    per_doc: int = 3,
) -> SearchResults:
    """Search clauses; `limit`/`offset` count documents, `per_doc` best clauses under each."""
    started = time.perf_counter()
    searcher, docs = ctx.searcher, ctx.docs
    parsed = parse_query(query)
    for name, value in (("issuer", issuer), ("year", year), ("tag", tag), ("docno", docno), ("region", region)):
        if value not in (None, ""):
            parsed.filters.append(Filter(name, str(value)))
    if in_notes:
        for lit in parsed.literals + parsed.excluded:
            lit.scope = "notes"
    if sort not in SORTS:
        parsed.notices.append(f"未知排序 {sort}，按相关度排序")
        sort = "relevance"
    if parsed.is_empty:
        parsed.notices.append("查询中没有可搜索的词语" if query.strip() else "请输入搜索词")
        return SearchResults(query, 0, 0, [], build_facets([], docs), parsed.notices)
    allowed = _allowed_docs(parsed, docs)
    plans = [[plan_literal(lit, ctx.lexicons) for lit in group] for group in parsed.groups]
    excluded = [plan_literal(lit, ctx.lexicons) for lit in parsed.excluded]
    matched = _matching_entries(ctx, parsed, plans, excluded, allowed)
    per_doc_counts = Counter(matched.values())
    if not plans:
        sort = "date"
    needles = [p.literal.needle for group in plans for p in group]
    ranking = Ranking(searcher, plans, matched, per_doc_counts, docs, needles)
    page = ranking.page(sort, limit, offset, per_doc)
    documents = [_document_result(searcher, docs, doc_id, score, nums, needles, per_doc_counts) for doc_id, score, nums in page]
    return SearchResults(
        query=query,
        total_docs=len(per_doc_counts),
        total_hits=len(matched),
        documents=documents,
        facets=build_facets(per_doc_counts, docs),
        notices=parsed.notices,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        all_doc_ids=frozenset(per_doc_counts),
    )


# -- filters ------------------------------------------------------------------------------
def _allowed_docs(parsed: ParsedQuery, docs: dict[int, DocInfo]) -> set[int] | None:
    if not parsed.filters:
        return None
    tests = [_filter_test(f, parsed) for f in parsed.filters]
    return {doc_id for doc_id, info in docs.items() if all(test(info) for test in tests)}


def _filter_test(flt: Filter, parsed: ParsedQuery) -> Any:
    value = fold(flt.value)

    def contains(text: str) -> bool:
        return value in fold(text)

    if flt.name == "year":
        bounds = parse_year_range(flt.value)
        if bounds is None:
            parsed.notices.append(f"无法理解的年份 {flt.value}（示例 year:2018 或 year:2018..2020），已忽略")
            return lambda info: True
        low, high = bounds
        test = lambda info: low <= info.year <= high  # noqa: E731
    elif flt.name == "issuer":
        test = lambda info: contains(info.issuer)  # noqa: E731
    elif flt.name == "docno":
        test = lambda info: contains(info.doc_number)  # noqa: E731
    elif flt.name == "region":
        test = lambda info: contains(info.region)  # noqa: E731
    elif flt.name == "level":
        test = lambda info: contains(info.level)  # noqa: E731
    elif flt.name == "status":
        test = lambda info: contains(info.status)  # noqa: E731
    else:  # tag
        test = lambda info: value in (fold(t) for t in info.tags)  # noqa: E731
    return (lambda info: not test(info)) if flt.negate else test


# -- matching -----------------------------------------------------------------------------
def _candidate_query(plans: list[list[LiteralPlan]], excluded: list[LiteralPlan]) -> wq.Query:
    if plans:
        groups = [g[0].candidate if len(g) == 1 else wq.Or([p.candidate for p in g]) for g in plans]
        base: wq.Query = groups[0] if len(groups) == 1 else wq.And(groups)
    else:
        base = wq.Term("kind", "doc") if not excluded else wq.Every()
    exact_out = [p.candidate for p in excluded if p.exact]
    if exact_out:
        base = wq.AndNot(base, exact_out[0] if len(exact_out) == 1 else wq.Or(exact_out))
    return base


def _matching_entries(
    ctx: SearchContext,
    parsed: ParsedQuery,
    plans: list[list[LiteralPlan]],
    excluded: list[LiteralPlan],
    allowed: set[int] | None,
) -> dict[int, int]:
    """docnum -> doc_id for every entry that truly matches (exact substring semantics)."""
    doc_id_of = ctx.doc_id_of
    confirm = any(not p.exact for g in plans for p in g) or any(not p.exact for p in excluded)
    candidates = ctx.searcher.docs_for_query(_candidate_query(plans, excluded))
    if allowed is None:
        matched = {n: doc_id_of[n] for n in candidates}
    else:
        matched = {n: doc_id_of[n] for n in candidates if doc_id_of[n] in allowed}
    if confirm:
        stored = ctx.searcher.stored_fields
        matched = {n: d for n, d in matched.items() if _confirm(stored(n), parsed)}
    return matched


def _confirm(stored: dict[str, Any], parsed: ParsedQuery) -> bool:
    text, notes = stored.get("text", ""), stored.get("notes", "")
    if not all(any(literal_matches(lit, text, notes) for lit in group) for group in parsed.groups):
        return False
    return not any(literal_matches(lit, text, notes) for lit in parsed.excluded)


def _document_result(
    searcher: Searcher,
    docs: dict[int, DocInfo],
    doc_id: int,
    score: float,
    nums: list[tuple[int, float]],
    needles: list[str],
    counts: Counter[int],
) -> DocumentResult:
    info = docs.get(doc_id)
    title = info.title if info else ""
    hits = [_hit(searcher.stored_fields(n), s, needles, title) for n, s in nums]
    return DocumentResult(
        doc_id=doc_id,
        title=title,
        issuer=info.issuer if info else "",
        date=info.date if info else "",
        score=score,
        hit_count=counts[doc_id],
        hits=hits,
    )


def _hit(stored: dict[str, Any], score: float, needles: list[str], title: str) -> SearchHit:
    text, notes = stored.get("text", ""), stored.get("notes", "")
    snippet, spans, snippet_start = make_snippet(text, needles)
    in_notes = bool(needles) and not spans and bool(notes)
    if in_notes:  # the clause matched through its notes: show the note
        snippet, spans, snippet_start = make_snippet(notes, needles)
    match_start = match_end = None
    if spans and not in_notes:
        first_start, first_end = spans[0]
        match_start = entry_to_document_offset(stored.get("segments", []), snippet_start + first_start)
        match_end = None if match_start is None else match_start + (first_end - first_start)
    return SearchHit(
        doc_id=int(stored["doc_id"]),
        title=title,
        clause_path=stored.get("clause_path", ""),
        clause_index=int(stored.get("clause_index", -1)),
        heading=stored.get("heading", ""),
        snippet=snippet,
        spans=spans,
        score=score,
        match_start=match_start,
        match_end=match_end,
        in_notes=in_notes,
    )
