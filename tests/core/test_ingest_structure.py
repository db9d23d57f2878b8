"""Clause tree parsing (structure.py) on the real corpus, hand-written documents and absurd input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from zcx_desktop.core.ingest.structure import match_label, parse_clauses

HERE = Path(__file__).parent
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "sample"
FURNITURE = {"提示", "点赞", "收藏", "转发", "微信公众号", "扫码关注我们", "政务微博", "智能问答",
             "问答知识库", "灵锡APP", "锡企服务平台", "回到顶部", "收起"}
FOOTER_START = ("责编",)
PAGE_FIELD_PREFIXES = ("繁体版", "手机客户端", "当前位置", "发布时间", "文号", "制发机关", "成文日期",
                       "文件状态", "政策级别", "发文部门", "政策主题")


def local_clean(raw: str) -> str:
    """Stand-in for clean.py: strip lines, drop blanks and the obvious web furniture."""
    kept: list[str] = []
    for line in raw.split("\n"):
        line = line.strip(" \t\u3000\u00a0")
        if line.startswith(FOOTER_START):
            break
        if line and line not in FURNITURE and not line.startswith(PAGE_FIELD_PREFIXES):
            kept.append(line)
    return "\n".join(kept)


def corpus_file(prefix: str) -> Path:
    folder = CORPUS if CORPUS.is_dir() else Path("/work/shared/corpus")
    return next(folder.glob(f"{prefix}_*.txt"))


def outline(text: str) -> dict:
    clauses, warnings = parse_clauses(text)
    return {
        "clauses": [[c.path, c.label, c.heading, c.level, c.ordinal, c.kind] for c in clauses],
        "warnings": warnings,
    }


DOCUMENTS = {
    "corpus_000": lambda: local_clean(corpus_file("000").read_text("utf-8")),
    "corpus_001": lambda: local_clean(corpus_file("001").read_text("utf-8")),
    "corpus_002": lambda: local_clean(corpus_file("002").read_text("utf-8")),
    "regulation": lambda: local_clean((HERE / "docs" / "regulation.txt").read_text("utf-8")),
    "tasks_plan": lambda: local_clean((HERE / "docs" / "tasks_plan.txt").read_text("utf-8")),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_outline_matches_expected(name: str) -> None:
    expected = json.loads((HERE / "expected" / f"structure_{name}.json").read_text("utf-8"))
    assert outline(DOCUMENTS[name]()) == expected


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_offsets_are_consistent(name: str) -> None:
    text = DOCUMENTS[name]()
    clauses, _ = parse_clauses(text)
    for c in clauses:
        assert text[c.start:].startswith(c.label)
        assert c.start < c.body_end <= c.end <= len(text)
        assert c.end == len(text) or text[c.end] == "\n"
        if c.parent is not None:
            parent = clauses[c.parent]
            assert parent.start < c.start and c.end <= parent.end
            assert parent.body_end < c.start and parent.level == c.level - 1
    tops = [c for c in clauses if c.parent is None]
    for before, after in zip(tops, tops[1:]):
        assert before.end < after.start


def test_corpus_counts_read_by_hand() -> None:
    assert len(parse_clauses(DOCUMENTS["corpus_000"]())[0]) == 9 + 27
    assert len(parse_clauses(DOCUMENTS["corpus_001"]())[0]) == 10 + 40 + 1
    clauses, warnings = parse_clauses(DOCUMENTS["corpus_002"]())
    assert len(clauses) == 35
    assert warnings == ["编号不连续：二、之后是四、（缺三、）"]
    by_path = {c.path: c for c in clauses}
    assert by_path["四/1"].parent == clauses.index(by_path["四"])  # skipped level
    assert by_path["一/（一）/1"].heading == "坚持高质量发展"


def test_preamble_belongs_to_no_clause() -> None:
    text = DOCUMENTS["corpus_000"]()
    clauses, _ = parse_clauses(text)
    assert text[: clauses[0].start].endswith("制定本行动计划。\n")
    assert "(此件公开发布)" in text[: clauses[0].start]


def test_annex_list_items_are_not_clauses() -> None:
    clauses, _ = parse_clauses(DOCUMENTS["corpus_001"]())
    annex = clauses[-1]
    assert (annex.kind, annex.path, annex.level, annex.label) == ("annex", "附件", 1, "附件:")
    assert not any(c.path.endswith("/2") and c.kind == "item" and c.parent == 45 for c in clauses)


def test_numbering_continues_across_sections_without_warning() -> None:
    lines = ["工作方案", "一、重点任务"]
    task = 0
    for section, size in zip("一二三四五六", (5, 6, 4, 7, 6, 4)):
        lines.append(f"（{section}）第{section}组任务")
        for _ in range(size):
            task += 1
            lines += [f"{task}.任务{task}。具体内容。", "（牵头单位：市科技局）", "责任单位：市财政局"]
    clauses, warnings = parse_clauses("\n".join(lines))
    assert task == 32 and warnings == []
    items = [c for c in clauses if c.level == 3]
    assert [c.ordinal for c in items] == list(range(1, 33))
    assert clauses[items[5].parent].path == "一/（二）" and items[5].path == "一/（二）/6"


@pytest.mark.parametrize(
    "line",
    ["2.95%的企业", "1.5倍以上", "2018年8月1日", "二〇一八年八月一日", "（此件公开发布）",
     "(2018—2020年)行动计划", "3、4月份开展", "附件中所列", "第五条、第六条规定", "（牵头单位：市科技局）"],
)
def test_false_positives_are_not_labels(line: str) -> None:
    assert match_label(line) is None


@pytest.mark.parametrize(
    ("line", "key", "heading"),
    [("1. 坚持高质量发展。围绕…", "1", "坚持高质量发展"), ("1.成立理事会。在…", "1", "成立理事会"),
     ("1．加强领导。", "1", ""), ("（一）总体要求。以…", "（一）", "总体要求"),
     ("(二)建设目标。围绕…", "（二）", "建设目标"), ("（1）", "（1）", ""), ("①引进企业；", "①", ""),
     ("一、总体要求与建设目标", "一", "总体要求与建设目标"), ("第十二条　本办法所称…，是指…", "第十二条", ""),
     ("2.2018年重大项目表", "2", "2018年重大项目表"), ("附件1", "附件1", ""),
     ("（一）以习近平新时代中国特色社会主义思想为指导，全面贯彻。再说", "（一）", "")],
)
def test_labels_and_headings(line: str, key: str, heading: str) -> None:
    from zcx_desktop.core.ingest.structure import heading_of

    label = match_label(line)
    assert label is not None and label.key == key and heading_of(label) == heading


def test_absurd_repetition_is_fast_and_bounded() -> None:
    text = "\n".join(["一、"] * 10_000)
    started = time.perf_counter()
    clauses, warnings = parse_clauses(text)
    assert time.perf_counter() - started < 2.0
    assert len(clauses) == 10_000 and all(c.level == 1 for c in clauses)
    assert len(warnings) <= 51 and warnings[-1].startswith("另有")


def test_long_text_is_linear() -> None:
    para = "（一）任务。" + "内容" * 2000
    text = "\n".join(["一、总体", para, "1.2.3.4." * 5000, "x" * 1_000_000])
    started = time.perf_counter()
    clauses, _ = parse_clauses(text)
    assert time.perf_counter() - started < 2.0
    assert [c.path for c in clauses] == ["一", "一/（一）"] and clauses[0].end == len(text)


def test_empty_text() -> None:
    assert parse_clauses("") == ([], [])
