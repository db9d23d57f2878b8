"""Alignment quality on hand-labelled pairs of different documents, and merge detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zcx_desktop.core.compare import Side, compare_sides
from zcx_desktop.core.ingest import ingest_text

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "compare_data"


def _side(text: str) -> Side:
    parsed = ingest_text(text)
    return Side(parsed.text, parsed.clauses)


def _sample(name: str) -> Side:
    return _side((REPO / "resources" / "sample" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold_file", ["align_000_001.json", "align_000_002.json"])
def test_alignment_precision_and_recall_on_labelled_pairs(gold_file):
    gold = json.loads((DATA / gold_file).read_text(encoding="utf-8"))
    comparison = compare_sides(_sample(gold["a"]), _sample(gold["b"]))
    predicted = {(x.path, y.path) for r in comparison.rows for x in r.a_units for y in r.b_units}
    required = {tuple(p) for p in gold["required"]}
    acceptable = {tuple(p) for p in gold["acceptable"]}
    hits = predicted & required
    wrong = predicted - required - acceptable
    precision = len(hits) / max(1, len(hits) + len(wrong))
    recall = len(hits) / len(required)
    assert precision >= 0.75 and recall >= 0.7, (
        precision,
        recall,
        sorted(wrong),
        sorted(required - predicted),
    )


def test_every_unit_appears_exactly_once():
    a, b = _sample("000_a26248105f976090.txt"), _sample("001_ca9fbafb174b5bb5.txt")
    comparison = compare_sides(a, b)
    a_seen = [u.path for r in comparison.rows for u in r.a_units]
    b_seen = [u.path for r in comparison.rows for u in r.b_units]
    assert len(a_seen) == len(set(a_seen)) == len(a.clauses) + 1  # + preamble
    assert len(b_seen) == len(set(b_seen)) == len(b.clauses) + 1


MERGE_A = """一、总体要求
(一)加强统筹协调
建立全市统筹、区县主体、部门协作的工作机制,定期研究解决自创区建设中的重大问题。
(二)强化督查考核
健全自创区建设考核评价制度,将考核结果作为衡量各级各部门高质量发展实绩的重要内容。
(三)加大资金扶持
进一步加大财政对科技创新的投入力度,统筹做好资金保障工作,集成支持重大科技基础设施建设。
(四)营造创新氛围
广泛开展条例宣传教育,营造鼓励创新、宽容失败的良好社会氛围。"""

MERGE_B = """一、总体要求
(一)加强统筹协调和督查考核
建立全市统筹、区县主体、部门协作的工作机制,定期研究解决自创区建设中的重大问题。健全自创区建设考核评价制度,将考核结果作为衡量各级各部门高质量发展实绩的重要内容。
(二)加大资金扶持
进一步加大财政对科技创新的投入力度,统筹做好资金保障工作,集成支持重大科技基础设施建设。
(三)营造创新氛围
广泛开展条例宣传教育,营造鼓励创新、宽容失败的良好社会氛围。"""


def test_two_clauses_merged_into_one():
    comparison = compare_sides(_side(MERGE_A), _side(MERGE_B))
    statuses = {
        (tuple(u.path for u in r.a_units), tuple(u.path for u in r.b_units)): r.status
        for r in comparison.rows
    }
    assert statuses[(("一/（一）", "一/（二）"), ("一/（一）",))] == "merged"
    assert statuses[(("一/（三）",), ("一/（二）",))] == "same"
    assert statuses[(("一/（四）",), ("一/（三）",))] == "same"
    assert comparison.summary["counts"] == {"same": 3, "merged": 1}


def test_empty_and_bare_clauses():
    assert compare_sides(Side("", []), Side("", [])).rows == []
    side = _side("前言文字。\n一、总体要求\n二、\n(一)甲乙丙丁。\n附件")
    rows = compare_sides(side, side).rows
    assert [r.status for r in rows] == ["same"] * 5
    assert all(0.99 <= r.similarity <= 1.0 for r in rows)
    plain = compare_sides(Side("纯文本没有条款。", []), Side("纯文本没有条款,改了。", [])).rows
    assert [(r.status, r.a_path, r.b_path) for r in plain] == [("changed", "前言", "前言")]


def test_progress_and_cancel():
    from zcx_desktop.core.compare import ComparisonCancelled

    a, b = _sample("000_a26248105f976090.txt"), _sample("001_ca9fbafb174b5bb5.txt")
    seen: list[tuple[int, int]] = []
    compare_sides(a, b, progress=lambda done, total, _msg: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == len(b.clauses) + 1
    with pytest.raises(ComparisonCancelled):
        compare_sides(a, b, cancelled=lambda: True)
