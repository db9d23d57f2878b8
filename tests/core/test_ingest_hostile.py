"""Ingest against hostile input: broken packages, raw HTML in Markdown, invisible characters,
pathological nesting and attribute counts (each handled fast, never a traceback)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.core import fixtures_factory as ff
from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest import ingest_file, ingest_text
from zcx_desktop.core.ingest.clean import clean_text, strip_invisible
from zcx_desktop.core.ingest.raw import MSG_BAD_DOCX, MSG_BAD_PDF
from zcx_desktop.core.ingest.read_html import read_html
from zcx_desktop.core.ingest.read_markdown import markdown_to_text
from zcx_desktop.core.ingest.readers import read_file

POLICY = "关于加强安全生产的通知\n一、总体要求\n（一）坚持人民至上。\n二、主要任务\n（一）压实责任。"
FAST_SECONDS = 5


def _docx(path: Path) -> Path:
    def build(document) -> None:
        for line in POLICY.splitlines():
            document.add_paragraph(line)

    return ff.make_docx(path, build)


# --- broken packages -------------------------------------------------------------------


def test_docx_with_unsupported_zip_version_is_a_bad_docx(tmp_path: Path) -> None:
    path = _docx(tmp_path / "a.docx")
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (100).to_bytes(2, "little")  # "version needed" 10.0
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailed) as caught:
        read_file(path)
    assert caught.value.problem == MSG_BAD_DOCX


@pytest.mark.parametrize("error", [NotImplementedError("x"), RuntimeError("x"), EOFError()])
def test_any_python_docx_failure_is_a_bad_docx(tmp_path: Path, monkeypatch, error) -> None:
    import docx

    path = _docx(tmp_path / "a.docx")

    def broken(_path: str):
        raise error

    monkeypatch.setattr(docx, "Document", broken)
    with pytest.raises(ImportFailed) as caught:
        read_file(path)
    assert caught.value.problem == MSG_BAD_DOCX


@pytest.mark.parametrize("error", [NotImplementedError("x"), RuntimeError("x"), IndexError()])
def test_any_pypdf_failure_is_a_bad_pdf(tmp_path: Path, monkeypatch, error) -> None:
    import pypdf

    path = ff.make_pdf(tmp_path / "a.pdf", [POLICY.splitlines()])

    def broken(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(pypdf, "PdfReader", broken)
    with pytest.raises(ImportFailed) as caught:
        read_file(path)
    assert caught.value.problem == MSG_BAD_PDF


# --- raw HTML in Markdown --------------------------------------------------------------


def test_markdown_drops_script_style_and_comments() -> None:
    md = (
        "<script>alert('一、假条款')</script>\n\n<style>\nbody{color:red}\n</style>\n"
        "# 标题<!-- 隐藏的注释 -->\n\n正文<b>加粗</b>段落。<SCRIPT type=x>evil()</SCRIPT>结束。\n"
    )
    assert markdown_to_text(md).split("\n") == ["标题", "正文加粗段落。结束。"]


def test_markdown_unclosed_script_drops_the_rest() -> None:
    assert markdown_to_text("正文。\n\n<script>\nevil()\n\n更多") == "正文。"


def test_markdown_keeps_snake_case_and_strips_paired_emphasis() -> None:
    md = "参见 file_name_here 与 **重点** 和 _强调_ 以及 ~~删除~~。"
    assert markdown_to_text(md) == "参见 file_name_here 与 重点 和 强调 以及 删除。"


def test_markdown_chinese_labels_start_paragraphs() -> None:
    md = "一、总体要求\n（一）坚持人民至上。\n（二）统筹发展。\n第三条 内容。"
    assert markdown_to_text(md).split("\n") == ["一、总体要求", "（一）坚持人民至上。", "（二）统筹发展。", "第三条 内容。"]


def test_markdown_reference_definitions_are_not_text() -> None:
    assert markdown_to_text("[r1]: http://x/1\n[r2]: http://x/2\n\n正文。") == "正文。"


# --- invisible characters --------------------------------------------------------------

INVISIBLE = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\u061c", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe",
    "\U000e0001", "\U000e0041", "\U000e007f", "\x01", "\x1b", "\x7f", "\x80", "\x9f",
]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_are_stripped_and_clauses_found(char: str) -> None:
    text = "\n".join(char + line + char for line in POLICY.splitlines())
    parsed = ingest_text(text)
    assert parsed.text == POLICY
    assert [c.path for c in parsed.clauses] == ["一", "一/（一）", "二", "二/（一）"]
    assert parsed.meta.title == "关于加强安全生产的通知"


def test_strip_invisible_keeps_text_tabs_newlines_and_emoji() -> None:
    text = "甲\t乙\n“丙”——丁…😀\U0001f1e8\U0001f1f3\ue000"
    assert strip_invisible(text) == text


def test_clean_text_keeps_typography_as_written() -> None:
    line = "他说：“要‘抓落实’”——确保2025年完成……（见附件）"
    assert clean_text(line).text == line


def test_pasted_title_and_file_hints_lose_invisible_characters(tmp_path: Path) -> None:
    assert ingest_text("一、内容。", title="\u202e标题\u2066").meta.title == "标题"
    page = "<html><head><title>\u202e网页标题\u200f</title></head><body><p>正文内容。</p></body></html>"
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    parsed = ingest_file(path)
    assert "\u202e" not in parsed.meta.title and "\u200f" not in parsed.meta.title


# --- pathological shapes: fast -----------------------------------------------------------


def _timed(fn, *args):
    started = time.monotonic()
    result = fn(*args)
    return result, time.monotonic() - started


def test_deeply_nested_markdown_list_is_fast() -> None:
    md = "".join("  " * depth + "- 项\n" for depth in range(3_000))
    text, seconds = _timed(markdown_to_text, md)
    assert text.split("\n") == ["项"] * 3_000 and seconds < FAST_SECONDS


@pytest.mark.parametrize(
    "md",
    [
        "*a " * 60_000,  # unmatched openers
        "*_" * 60_000,
        "# 标题" + " " * 50_000 + "x",
        " " * 50_000 + "| :-- |",
        "![" * 50_000,
        "[a](" * 50_000,
        "<a" * 50_000,
        ">" * 50_000 + " 内容",
    ],
)
def test_hostile_markdown_lines_are_linear(md: str) -> None:
    _, seconds = _timed(markdown_to_text, md)
    assert seconds < 2


def test_html_with_absurd_attribute_count_is_fast_and_keeps_text() -> None:
    attributes = " ".join(f"a{i}='>'" for i in range(50_000))
    page = f"<html><body><p {attributes}>正文内容。</p></body></html>".encode()
    raw, seconds = _timed(read_html, page, "x.html")
    assert raw.text == "正文内容。" and seconds < FAST_SECONDS
