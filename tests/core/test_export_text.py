"""Markdown and HTML packs: same content as the PDF, user text escaped, notes as footnotes / endnotes."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.core.test_export_pdf import HOSTILE, QUOTES, make_pack, sample_section
from zcx_desktop.core.export import export_pack, render_html, render_markdown
from zcx_desktop.core.export.content import prepare_section
from zcx_desktop.core.export.text_export import md_escape


def test_html_escapes_everything_user_typed() -> None:
    pack = make_pack(title="<script>alert(1)</script> & 标题")
    page = render_html(pack)
    assert "<script>" not in page and "&lt;script&gt;" in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("b") is None and soup.find("para") is None
    assert HOSTILE in soup.get_text()
    assert soup.title.get_text() == "<script>alert(1)</script> & 标题"


def test_html_marks_and_note_links() -> None:
    soup = BeautifulSoup(render_html(make_pack()), "html.parser")
    marked = [m.get_text() for m in soup.find_all("mark")]
    assert QUOTES[0][0] in marked
    assert QUOTES[1][0] in [u.get_text() for u in soup.find_all("u")]
    assert QUOTES[2][0] in [s.get_text() for s in soup.find_all("s")]
    for link in soup.select("sup a"):
        assert soup.find(id=link["href"][1:]) is not None
    assert soup.find("table", class_="data") is not None


def test_markdown_footnotes_and_literal_text() -> None:
    md = render_markdown(make_pack(sections=[sample_section(0)]))
    assert "==全社会研发投入占地区生产总值比重达到2.95%==[^d1-1]" in md
    assert "<u>高新技术企业超过2100家</u>[^d1-2]" in md
    assert "[^d1-2]: 【待核实】" in md and r"\<b\>不是粗体\</b\>" in md and "&amp;" in md
    assert "## 主要目标 \\<表\\>" in md


def test_md_escape_neutralises_markdown() -> None:
    assert md_escape("*a* _b_ [c](d) <i> # e | f") == r"\*a\* \_b\_ \[c\](d) \<i\> \# e \| f"
    assert md_escape("1. 列表") == r"1\. 列表"


def test_export_pack_writes_files(tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        result = export_pack(make_pack(), tmp_path / f"p.{fmt}", fmt)
        assert Path(result.path).stat().st_size == result.bytes > 1000


def test_prepare_section_numbers_notes_in_text_order() -> None:
    prepared = prepare_section(sample_section(0))
    starts = [n.annotation.start for n in prepared.notes]
    assert starts == sorted(starts)
    assert [n.number for n in prepared.notes] == list(range(1, len(prepared.notes) + 1))
    assert all(n.annotation.note for n in prepared.notes)  # annotations without a note get no number
    printed = "".join(seg.text for block in prepared.blocks for seg in block.segments)
    assert QUOTES[3][0] in printed
