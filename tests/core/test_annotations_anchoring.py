"""Anchoring engine: selectors survive edits before, inside and after a span, moves and deletions."""

from __future__ import annotations

import time
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from zcx_desktop.core.annotations.anchoring import (
    ClauseIndex,
    find_occurrence,
    locate,
    make_selector,
    reanchor_all,
)
from zcx_desktop.core.model import Clause

PARAGRAPHS = [
    "一、总体要求",
    "以新时代中国特色社会主义思想为指导，全面落实高质量发展要求，加快打造创新型经济发展高地。",
    "二、主要任务",
    "（一）强化企业创新主体地位。到2025年，全社会研发投入占地区生产总值比重达到3.2%以上。",
    "（二）加强组织领导。各地区各部门要加强组织领导，明确责任分工，确保各项任务落到实处。",
    "（三）优化创新生态。完善科技金融服务体系，新增科技贷款200亿元，培育高新技术企业500家。",
    "三、保障措施",
    "各市（县）区要加强组织领导，建立工作推进机制，定期督查通报进展情况。",
]
TEXT = "\n".join(PARAGRAPHS)


def span_of(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = find_occurrence(text, quote, occurrence)
    assert start >= 0, quote
    return start, start + len(quote)


def clauses_for(text: str) -> list[Clause]:
    """A small hand-made clause tree: 一 / 二 / 二/（一）.. / 三, found by label position."""
    def at(label: str) -> int:
        return text.index(label)

    one, two, three = at("一、"), at("二、"), at("三、")
    subs = [at("（一）强化"), at("（二）加强"), at("（三）优化")]
    clauses = [Clause(0, "一、", "总体要求", 1, 1, "一", one, two, two)]
    clauses.append(Clause(1, "二、", "主要任务", 1, 2, "二", two, three, subs[0]))
    bounds = subs + [three]
    for n, (start, end) in enumerate(pairwise(bounds), start=1):
        label = ["（一）", "（二）", "（三）"][n - 1]
        clauses.append(Clause(1 + n, label, "", 2, n, f"二/{label}", start, end, end, parent=1))
    clauses.append(Clause(5, "三、", "保障措施", 1, 3, "三", three, len(text), len(text)))
    return clauses


def test_unchanged_text_keeps_position() -> None:
    start, end = span_of(TEXT, "全社会研发投入")
    placement = locate(TEXT, make_selector(TEXT, start, end))
    assert (placement.start, placement.end, placement.status, placement.method) == (start, end, "anchored", "position")


def test_selector_records_context_and_clause_path() -> None:
    start, end = span_of(TEXT, "新增科技贷款200亿元")
    selector = make_selector(TEXT, start, end, ClauseIndex(clauses_for(TEXT)))
    assert selector.quote == "新增科技贷款200亿元"
    assert TEXT[:start].endswith(selector.prefix) and len(selector.prefix) == 32
    assert TEXT[end:].startswith(selector.suffix)
    assert selector.clause_path == "二/（三）"


def test_insertion_before_shifts_the_annotation() -> None:
    start, end = span_of(TEXT, "全社会研发投入占地区生产总值比重")
    selector = make_selector(TEXT, start, end)
    inserted = "（新增）坚持创新驱动发展战略，强化基础研究。"
    new_text = TEXT.replace("二、主要任务", "二、主要任务" + inserted)
    placement = locate(new_text, selector)
    assert placement.status == "anchored"
    assert placement.start == start + len(inserted)
    assert new_text[placement.start : placement.end] == selector.quote


def test_edit_after_keeps_the_annotation_in_place() -> None:
    start, end = span_of(TEXT, "加快打造创新型经济发展高地")
    selector = make_selector(TEXT, start, end)
    new_text = TEXT.replace("新增科技贷款200亿元", "新增科技贷款300亿元")
    placement = locate(new_text, selector)
    assert (placement.start, placement.end, placement.status) == (start, end, "anchored")


def test_edit_inside_gives_a_fuzzy_match_covering_the_new_wording() -> None:
    start, end = span_of(TEXT, "全社会研发投入占地区生产总值比重达到3.2%以上")
    selector = make_selector(TEXT, start, end)
    new_text = TEXT.replace("达到3.2%以上", "达到3.5%左右")
    placement = locate(new_text, selector)
    assert placement.status == "fuzzy"
    assert new_text[placement.start : placement.end] == "全社会研发投入占地区生产总值比重达到3.5%左右"


def test_edit_inside_and_around_still_found_fuzzily() -> None:
    quote = "完善科技金融服务体系，新增科技贷款200亿元，培育高新技术企业500家"
    start, end = span_of(TEXT, quote)
    selector = make_selector(TEXT, start, end)
    new_text = TEXT.replace("（三）优化创新生态。" + quote, "（三）持续优化创新生态环境。完善科技金融服务体系，新增科技贷款250亿元，培育高新技术企业600家")
    placement = locate(new_text, selector)
    assert placement.status == "fuzzy"
    found = new_text[placement.start : placement.end]
    assert found.startswith("完善科技金融") and "600家" in found


def test_deleted_passage_becomes_orphan() -> None:
    start, end = span_of(TEXT, "完善科技金融服务体系，新增科技贷款200亿元")
    selector = make_selector(TEXT, start, end)
    new_text = TEXT.replace(PARAGRAPHS[5] + "\n", "")
    placement = locate(new_text, selector)
    assert placement.status == "orphan"
    assert not placement.found


def test_moved_clause_is_followed() -> None:
    start, end = span_of(TEXT, "明确责任分工，确保各项任务落到实处")
    selector = make_selector(TEXT, start, end, ClauseIndex(clauses_for(TEXT)))
    moved = PARAGRAPHS[:3] + [PARAGRAPHS[4], PARAGRAPHS[3], PARAGRAPHS[5]] + PARAGRAPHS[6:]
    new_text = "\n".join(moved)
    placement = locate(new_text, selector, ClauseIndex(clauses_for(new_text)))
    assert placement.status == "anchored"
    assert new_text[placement.start : placement.end] == selector.quote
    assert placement.start < new_text.index("（一）强化")


def test_repeated_quote_disambiguated_by_context() -> None:
    start, end = span_of(TEXT, "加强组织领导", occurrence=3)  # the one under 三、
    selector = make_selector(TEXT, start, end)
    new_text = "前言：各部门要加强组织领导。\n" + TEXT
    placement = locate(new_text, selector)
    assert placement.status == "anchored"
    assert placement.start == start + len("前言：各部门要加强组织领导。\n")


def test_repeated_quote_disambiguated_by_clause_path_when_context_is_gone() -> None:
    start, end = span_of(TEXT, "加强组织领导", occurrence=2)  # 二/（二）, second occurrence
    selector = make_selector(TEXT, start, end, ClauseIndex(clauses_for(TEXT)))
    new_text = TEXT.replace("各地区各部门要加强组织领导，明确责任分工", "省市县各级政府均须加强组织领导并压实责任")
    placement = locate(new_text, selector, ClauseIndex(clauses_for(new_text)))
    assert placement.found
    assert ClauseIndex(clauses_for(new_text)).path_at(placement.start) == "二/（二）"


def test_short_quote_without_its_context_is_flagged_not_trusted() -> None:
    start, end = span_of(TEXT, "500家")
    selector = make_selector(TEXT, start, end)
    new_text = "附件：重点企业名单（500家）说明略。"
    placement = locate(new_text, selector)
    assert placement.status == "fuzzy"


def test_unrelated_text_gives_orphan() -> None:
    start, end = span_of(TEXT, "全面落实高质量发展要求")
    selector = make_selector(TEXT, start, end)
    assert locate("完全不同的另一份文件内容，关于农业农村工作。" * 20, selector).status == "orphan"


def test_clause_index_finds_deepest_clause() -> None:
    index = ClauseIndex(clauses_for(TEXT))
    assert index.path_at(TEXT.index("明确责任分工")) == "二/（二）"
    assert index.path_at(TEXT.index("主要任务")) == "二"
    assert index.path_at(TEXT.index("定期督查")) == "三"


def test_find_occurrence_counts_from_one() -> None:
    assert find_occurrence("ababab", "ab", 3) == 4
    assert find_occurrence("ababab", "ab", 4) == -1
    assert find_occurrence("ababab", "", 1) == -1


ALPHABET = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
CHUNK = st.text(alphabet=ALPHABET, min_size=0, max_size=60)


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(alphabet=ALPHABET, min_size=40, max_size=400),
    quote=st.text(alphabet=ALPHABET, min_size=8, max_size=60),
    after=st.text(alphabet=ALPHABET, min_size=40, max_size=400),
    insert_before=CHUNK,
    insert_after=CHUNK,
)
def test_property_edits_outside_the_span_never_misplace_it(
    before: str, quote: str, after: str, insert_before: str, insert_after: str
) -> None:
    text = before + quote + after
    selector = make_selector(text, len(before), len(before) + len(quote))
    cut = len(before) // 2
    new_text = before[:cut] + insert_before + before[cut:] + quote + after[: len(after) // 2] + insert_after + after[len(after) // 2 :]
    placement = locate(new_text, selector)
    assert placement.found
    assert new_text[placement.start : placement.end] == quote
    if find_occurrence(new_text, quote, 2) < 0:  # unique, counting overlaps
        assert placement.start == len(before) + len(insert_before)


def test_reanchoring_500_annotations_on_30000_chars_is_fast() -> None:
    base = (TEXT + "\n") * (30000 // (len(TEXT) + 1) + 1)
    base = "".join(f"{i}{line}\n" for i, line in enumerate(base.splitlines()))[:30000]
    spans = [(s, s + 12 + (s % 30)) for s in range(0, 29000, 58)][:500]
    selectors = [make_selector(base, s, e) for s, e in spans]
    edited = base[:100] + "插入的新段落。" * 30 + base[100:15000] + base[15200:].replace("加强", "强化")
    started = time.perf_counter()
    placements = reanchor_all(edited, selectors)
    elapsed = time.perf_counter() - started
    assert len(placements) == 500
    assert sum(p.found for p in placements) > 400
    assert elapsed < 5.0
