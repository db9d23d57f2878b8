"""Run one search: candidate documents from the term index, exact clause matches, ranking, grouping."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from whoosh.searching import Searcher

from zcx_desktop.core.search.analysis import fold
from zcx_desktop.core.search.entries import DocInfo
from zcx_desktop.core.search.matching import TermSets, candidate_documents, region_matcher
from zcx_desktop.core.search.querying import (
    Filter,
    Lexicons,
    ParsedQuery,
    parse_query,
    parse_year_range,
    plan_literal,
)
from zcx_desktop.core.search.ranking import Ranking
from zcx_desktop.core.search.results import (
    DocumentResult,
    SearchHit,
    SearchResults,
    build_facets,
    entry_to_document_offset,
    make_snippet,
)
from zcx_desktop.core.search.texts import DocText, LazyTexts, TextCache

SORTS = ("relevance", "date")


@dataclass
class SearchContext:
    """An open searcher with what queries need besides it (kept per index generation)."""

    searcher: Searcher
    docs: dict[int, DocInfo]  # document facts from SQLite
    lexicons: Lexicons  # field name -> TermLexicon, built on first use
    terms: TermSets  # term -> document ids, cached
    texts: TextCache  # documents' folded clause texts, cached


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
    docs = ctx.docs
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
    plans = [[plan_literal(lit, ctx.lexicons) for lit in group] for group in parsed.groups]
    candidates = candidate_documents(ctx.terms, plans, _allowed_docs(parsed, docs))
    if parsed.groups or parsed.excluded:
        texts = ctx.texts.get_many(sorted(candidates))
        matcher = region_matcher(parsed)
        matches = {d: found for d, doc in texts.items() if (found := matcher(doc))}
    else:  # filters only: one hit per document; read only the texts shown
        texts = LazyTexts(ctx.texts)
        matches = {d: [0] for d in candidates}
    if not plans:
        sort = "date"
    needles = [lit.needle for lit in parsed.literals]
    page = Ranking(matches, texts, docs, needles).page(sort, limit, offset, per_doc)
    originals = ctx.texts.original_texts(d for d, _, _ in page)
    documents = [
        _document_result(docs, texts[d], originals.get(d, ""), score, hits, needles, len(matches[d]))
        for d, score, hits in page
    ]
    return SearchResults(
        query=query,
        total_docs=len(matches),
        total_hits=sum(map(len, matches.values())),
        documents=documents,
        facets=build_facets(matches, docs),
        notices=parsed.notices,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        all_doc_ids=frozenset(matches),
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


# -- results ------------------------------------------------------------------------------
def _document_result(
    docs: dict[int, DocInfo],
    doc: DocText,
    original: str,
    score: float,
    hits: list[tuple[int, float]],
    needles: list[str],
    hit_count: int,
) -> DocumentResult:
    info = docs.get(doc.doc_id)
    title = info.title if info else ""
    return DocumentResult(
        doc_id=doc.doc_id,
        title=title,
        issuer=info.issuer if info else "",
        date=info.date if info else "",
        score=score,
        hit_count=hit_count,
        hits=[_hit(doc, i, original, s, needles, title) for i, s in hits],
    )


def _hit(doc: DocText, index: int, original: str, score: float, needles: list[str], title: str) -> SearchHit:
    region = doc.region(index)
    text, notes = region.text_of(original), doc.notes[index]
    snippet, spans, snippet_start = make_snippet(text, needles)
    in_notes = bool(needles) and not spans and bool(notes)
    if in_notes:  # the clause matched through its notes: show the note
        snippet, spans, snippet_start = make_snippet(notes, needles)
    match_start = match_end = None
    if spans and not in_notes:
        first_start, first_end = spans[0]
        segments = [[start, length] for start, length in region.segments]
        match_start = entry_to_document_offset(segments, snippet_start + first_start)
        match_end = None if match_start is None else match_start + (first_end - first_start)
    return SearchHit(
        doc_id=doc.doc_id,
        title=title,
        clause_path=region.path,
        clause_index=region.clause_index,
        heading=region.heading,
        snippet=snippet,
        spans=spans,
        score=score,
        match_start=match_start,
        match_end=match_end,
        in_notes=in_notes,
    )
