"""Display punctuation: full-width in Chinese context only, and never a change of length."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zcx_desktop.core.typography import display_punctuation, is_chinese


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("各市(县)、区人民政府,市各委办局:", "各市（县）、区人民政府，市各委办局："),
        ("(2018—2020年)", "（2018—2020年）"),
        ("实施方案(2018—2020年)的通知", "实施方案（2018—2020年）的通知"),
        ("是否同意?请回复!", "是否同意？请回复！"),
        ("一是加强领导;二是落实责任.", "一是加强领导；二是落实责任."),
        ("研发投入(R&D)占比", "研发投入（R&D）占比"),
        ("GDP(国内生产总值)", "GDP（国内生产总值）"),
        ("(一)总体要求", "（一）总体要求"),
        ("(1)加强统筹", "（1）加强统筹"),
        ("时间:2020年", "时间：2020年"),
        ("“放管服”改革,持续", "“放管服”改革，持续"),
        ("完成任务?!", "完成任务？！"),
        ("共计100,其中", "共计100，其中"),
        ("联系人:张三, 电话:12345", "联系人：张三， 电话：12345"),
        ("外层(内层(GDP)说明)结束", "外层（内层（GDP）说明）结束"),
    ],
)
def test_chinese_context_becomes_full_width(source: str, shown: str) -> None:
    assert display_punctuation(source) == shown


@pytest.mark.parametrize(
    "source",
    [
        "R&D (GDP) grew, slowly: yes? no!",
        "2.95",
        "研发投入强度达到2.95%",
        "上午09:35开会",
        "比例为1:2",
        "投资1,000万元",
        "1.加强领导",
        "(a, b)",
        "Hello, world!",
        "",
        "没有半角标点的文本。",
    ],
)
def test_latin_numbers_and_labels_stay(source: str) -> None:
    assert display_punctuation(source) == source


def test_time_after_chinese_colon() -> None:
    assert display_punctuation("时间:09:35") == "时间：09:35"


def test_urls_are_kept_but_the_sentence_around_them_is_not() -> None:
    source = "详见http://www.gov.cn/zhengce/a.htm?id=1,以及www.example.com/x(1)。"
    shown = display_punctuation(source)
    assert "http://www.gov.cn/zhengce/a.htm?id=1" in shown
    assert "a.htm?id=1，以及" in shown
    assert "www.example.com/x(1)" in shown
    assert display_punctuation("网址:https://a.cn/b:c") == "网址：https://a.cn/b:c"


def test_html_entity_is_kept() -> None:
    assert display_punctuation("企业&amp;机构") == "企业&amp;机构"


def test_brackets_do_not_pair_across_lines() -> None:
    assert display_punctuation("第一行(\nA) b") == "第一行（\nA) b"


def test_is_chinese() -> None:
    assert is_chinese("中") and is_chinese("、") and is_chinese("，") and is_chinese("𠀀")
    assert not is_chinese("a") and not is_chinese("1") and not is_chinese("") and not is_chinese(" ")


def test_real_corpus_keeps_length_and_changes_only_ascii_punctuation() -> None:
    from pathlib import Path

    texts = sorted(Path(__file__).resolve().parents[2].joinpath("resources", "sample").glob("*.txt"))
    assert texts, "sample corpus missing"
    changed = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        shown = display_punctuation(text)
        assert len(shown) == len(text)
        for before, after in zip(text, shown):
            if before != after:
                changed += 1
                assert before in ",;:?!()" and after in "，；：？！（）"
        assert shown.count("09:") == text.count("09:")  # the pages' 发布日期 times stay
    assert changed > 100, "the sample pages use many half-width marks between Chinese characters"


PIECES = st.sampled_from(
    ["中", "国", "年", "，", "。", "、", "“", "”", "a", "Z", "1", "9", ".", " ", "\n",
     ",", ";", ":", "?", "!", "(", ")", "http://a.cn/", "&amp;", "𠀀", "—"]
)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_length_and_utf16_length_never_change(text: str) -> None:
    shown = display_punctuation(text)
    assert len(shown) == len(text)
    assert len(shown.encode("utf-16-le")) == len(text.encode("utf-16-le"))
    for before, after in zip(text, shown):
        assert before == after or (before in ",;:?!()" and after in "，；：？！（）")


@given(st.text(max_size=60))
def test_any_text_keeps_length(text: str) -> None:
    assert len(display_punctuation(text)) == len(text)


def test_briefing_pack_prints_display_punctuation_at_the_annotated_places() -> None:
    from tests.core.test_export_pdf import sample_section
    from zcx_desktop.core.export.content import metadata_rows, prepare_section, section_title

    section = sample_section(0)
    prepared = prepare_section(section)
    shown = display_punctuation(section.text)
    assert shown != section.text
    for block in prepared.blocks:
        if block.end > block.start:
            assert "".join(seg.text for seg in block.segments) == shown[block.start : block.end]
    for seg in (s for b in prepared.blocks for s in b.segments):
        for mark in seg.marks:
            assert seg.text in display_punctuation(mark.quote)  # marks still cover their quotes
    assert section_title(section) == display_punctuation(section.meta.title)
    assert all(value == display_punctuation(value) for _, value in metadata_rows(section))
