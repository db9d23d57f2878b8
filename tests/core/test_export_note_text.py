"""Notes are Markdown on screen; on paper and in PDF comments they print as plain text."""

from __future__ import annotations

from pathlib import Path

import pypdf

from zcx_desktop.core.annotations.model import Annotation
from zcx_desktop.core.export import build_pdf
from zcx_desktop.core.notes_render import note_plain_text

from test_export_pdf import make_pack, sample_section


def test_plain_text_drops_markdown_syntax_and_keeps_typed_html_literal():
    text = note_plain_text("**关键指标**：高 <b>0.03</b> 个百分点 & 需核实\n\n- 一\n- 二")
    assert text == "关键指标：高 <b>0.03</b> 个百分点 & 需核实\n• 一\n• 二"
    assert note_plain_text("") == ""


def test_markdown_note_prints_without_asterisks(tmp_path: Path):
    section = sample_section(0)
    quote = "科技进步贡献率达到65%"
    start = section.text.find(quote)
    section.annotations = [Annotation(
        id="md", doc_id=1, layer_id=1, start=start, end=start + len(quote), quote=quote,
        note="**务必核实**口径，见 _统计公报_",
    )]
    out = tmp_path / "md.pdf"
    for notes in ("margin", "end"):
        build_pdf(make_pack(notes=notes, sections=[section], extra_sections=[]), out)
        reader = pypdf.PdfReader(str(out))
        text = "".join(page.extract_text() for page in reader.pages)
        assert "务必核实" in text and "**务必核实**" not in text
        comments = [
            a.get_object().get("/Contents", "")
            for page in reader.pages for a in page.get("/Annots", []) or []
        ]
        assert any("务必核实" in str(c) for c in comments)
