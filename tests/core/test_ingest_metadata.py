"""Metadata extraction (metadata.py) on the corpus and on hand-written variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from zcx_desktop.core.ingest.metadata import extract_metadata, normalise_doc_number, parse_date
from zcx_desktop.core.model import DocumentMeta

HERE = Path(__file__).parent
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "sample"
FIELD_LABELS = {"文号": "doc_number", "制发机关": "issuer", "成文日期": "written_date",
                "文件状态": "status", "发布时间": "published_date", "政策级别": "level",
                "发文部门": "issuer"}

EXPECTED = {
    "000": DocumentMeta(
        title="无锡市深入推进苏南国家自主创新示范区建设三年行动计划(2018—2020年)",
        notice_title="市政府办公室关于印发无锡市深入推进苏南国家自主创新示范区建设三年行动计划(2018—2020年)的通知",
        doc_number="锡政办发〔2018〕91号", issuer="无锡市人民政府办公室", written_date="2018-08-01",
        published_date="2019-05-13", status="执行中", region="无锡市", level="市级"),
    "001": DocumentMeta(
        title="2018年无锡苏南国家自主创新示范区建设工作要点",
        notice_title="市政府办公室关于印发2018年无锡苏南国家自主创新示范区建设工作要点的通知",
        doc_number="锡政办发〔2018〕90号", issuer="无锡市人民政府办公室", written_date="2018-08-01",
        published_date="2019-05-13", status="执行中", region="无锡市", level="市级"),
    "002": DocumentMeta(
        title="苏南国家自主创新示范区一体化发展实施方案(2020-2022年)",
        notice_title="关于印发苏南国家自主创新示范区一体化发展实施方案(2020-2022年)的通知",
        published_date="2020-05-21", level="省级",
        source_url="http://www.jiangsu.gov.cn/art/2020/5/13/art_46143_9113557.html", region="江苏省"),
}


def split_page(raw: str) -> tuple[str, dict[str, str]]:
    """Stand-in for clean.py: label lines become fields, the rest is stripped non-blank lines."""
    fields: dict[str, str] = {}
    kept: list[str] = []
    for line in raw.split("\n"):
        line = line.strip(" \t\u3000\u00a0")
        if line.startswith("责编"):
            break
        label = next((k for k in FIELD_LABELS if line.startswith(k)), None)
        if label is not None:
            value = line[len(label):].lstrip(" :：").split(" 文字大小")[0].strip()
            if value:
                fields[FIELD_LABELS[label]] = value
        elif line.startswith("http"):
            fields["source_url"] = line
        elif line and len(line) > 3 or line[:1] in "一二三四五六七八九":
            kept.append(line)
    return "\n".join(kept), fields


def corpus_raw(prefix: str) -> str:
    folder = CORPUS if CORPUS.is_dir() else Path("/work/shared/corpus")
    return next(folder.glob(f"{prefix}_*.txt")).read_text("utf-8")


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_corpus_metadata(prefix: str) -> None:
    text, fields = split_page(corpus_raw(prefix))
    assert extract_metadata(text, fields, {}, []) == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_corpus_metadata_through_clean_py(prefix: str) -> None:
    clean = pytest.importorskip("zcx_desktop.core.ingest.clean")
    result = clean.clean_text(corpus_raw(prefix))
    meta = extract_metadata(result.text, result.fields, {}, result.removed_lines)
    assert meta == EXPECTED[prefix]


def test_text_only_finds_what_is_written() -> None:
    raw = corpus_raw("000")
    text = "\n".join(line.strip() for line in raw.split("\n")[7:] if line.strip())
    meta = extract_metadata(text, {})
    assert (meta.doc_number, meta.issuer, meta.written_date) == (
        "锡政办发〔2018〕91号", "无锡市人民政府办公室", "2018-08-01")
    assert meta.published_date == "2019-05-13" and meta.status == "执行中"


def test_hand_written_notice_with_split_title() -> None:
    text = (HERE / "docs" / "tasks_plan.txt").read_text("utf-8").strip()
    meta = extract_metadata(text, {})
    assert meta.title == "无锡市推进数字经济高质量发展重点任务分工方案（2022—2025年）"
    assert meta.notice_title == "关于印发无锡市推进数字经济高质量发展重点任务分工方案的通知"
    assert meta.doc_number == "锡政办发〔2022〕12号"
    assert (meta.issuer, meta.written_date, meta.region, meta.level) == (
        "无锡市人民政府办公室", "2022-02-14", "无锡市", "市级")


def test_title_split_over_two_lines_without_notice() -> None:
    text = "无锡市深入推进苏南国家自主创新示范区建设三年行动\n计划（2018—2020年）\n为全面实现目标，制定本计划。"
    assert extract_metadata(text, {}).title == "无锡市深入推进苏南国家自主创新示范区建设三年行动计划（2018—2020年）"


def test_notice_title_split_over_two_lines() -> None:
    text = "省政府办公厅关于印发江苏省数字经济加速行动\n实施方案的通知\n苏政办发〔2022〕8号\n正文。"
    meta = extract_metadata(text, {})
    assert meta.notice_title == "省政府办公厅关于印发江苏省数字经济加速行动实施方案的通知"
    assert meta.title == "江苏省数字经济加速行动实施方案"
    assert (meta.region, meta.issuer, meta.level) == ("江苏省", "江苏省人民政府办公厅", "省级")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("锡政办发[2018]91号", "锡政办发〔2018〕91号"), ("锡政办发〔2018〕91号", "锡政办发〔2018〕91号"),
     ("苏政发(2018)5号", "苏政发〔2018〕5号"), ("宁政发［2018］ 7号", "宁政发〔2018〕7号"),
     ("锡政发【2018】3号", "锡政发〔2018〕3号"), ("无", "")],
)
def test_doc_number_normalised(raw: str, expected: str) -> None:
    assert normalise_doc_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2018年8月1日", "2018-08-01"), ("2018-08-01 09:35:08", "2018-08-01"), ("2022/2/14", "2022-02-14"),
     ("二〇一八年八月一日", "2018-08-01"), ("二○二二年十二月三十一日", "2022-12-31"), ("2019年05月13日", "2019-05-13"),
     ("2018年2月30日", ""), ("近日", "")],
)
def test_dates(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


def test_nothing_is_invented() -> None:
    meta = extract_metadata("一、总体要求\n加快发展。", {}, {"filename": "abc123.txt"})
    assert meta == DocumentMeta()


def test_fields_win_and_references_in_body_are_not_the_doc_number() -> None:
    text = "关于加快发展的意见\n" + "根据《条例》（苏政发〔2015〕5号），制定本意见。\n" * 3
    meta = extract_metadata(text, {"issuer": "宜兴市人民政府", "status": "废止"})
    assert meta.doc_number == "" and meta.title == "关于加快发展的意见"
    assert (meta.issuer, meta.region, meta.level, meta.status) == ("宜兴市人民政府", "宜兴市", "区县级", "废止")


def test_report_title_after_its_number_line():
    text = (
        "甲州市人民政府\n甲政〔2026〕58号\n"
        "甲州市人民政府关于2026年国民经济和社会发展计划执行情况与2027年计划草案的报告\n"
        "市人民代表大会：\n现报告如下，请予审议。\n"
    )
    meta = extract_metadata(text, {})
    assert meta.title == "甲州市人民政府关于2026年国民经济和社会发展计划执行情况与2027年计划草案的报告"
    assert meta.doc_number == "甲政〔2026〕58号"
