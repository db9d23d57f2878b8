"""Pack content selection, font fallback and choice, margin-note overflow."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from tests.core.test_export_pdf import make_pack, sample_section
from zcx_desktop.core.export import build_pdf, bundled_font_paths
from zcx_desktop.core.export import fonts as export_fonts
from zcx_desktop.core.export.content import prepare_section
from zcx_desktop.core.export.fonts import BUNDLED_HEI, BUNDLED_KAI, font_set, has_glyph
from zcx_desktop.core.export.markup import text_markup
from zcx_desktop.core.export.pdf_glyphs import page_glyphs
from zcx_desktop.core.typography import display_punctuation


def printed_text(section) -> str:
    blocks = [b for b in prepare_section(section).blocks if b.kind not in ("path", "gap")]
    return "".join(seg.text for block in blocks for seg in block.segments)


def test_explicit_ranges_print_only_those_clauses() -> None:
    section = sample_section(0)
    target = next(c for c in section.clauses if c.path == "三")
    section.ranges = [(target.start, target.end)]
    prepared = prepare_section(section)
    text = printed_text(section)
    shown = display_punctuation(section.text)  # printed with full-width ，；：（） in Chinese context
    assert text.replace("\n", "") == shown[target.start : target.end].replace("\n", "")
    assert prepared.blocks[0].kind == "path" and prepared.blocks[0].segments[0].text == "三"


def test_only_annotated_keeps_each_annotated_clause_once() -> None:
    section = sample_section(0, only_annotated=True)
    text = printed_text(section)
    for a in section.annotations:
        assert text.count(a.quote) >= 1
    assert len(text) < len(section.text) / 3


def test_fallback_font_for_characters_outside_the_body_subset(tmp_path: Path) -> None:
    font_set("reading", use_system_fonts=False)
    rare = "堃"  # GBK, not GB2312: absent from the bundled Kai subset
    assert not has_glyph(BUNDLED_KAI, rare) and has_glyph(BUNDLED_HEI, rare)
    assert text_markup(f"张{rare}<", BUNDLED_KAI, BUNDLED_HEI) == f'张<font name="{BUNDLED_HEI}">{rare}</font>&lt;'
    section = sample_section(0)
    section.text = section.text.replace("无锡市人民政府办公室", f"无锡市{rare}政府办公室", 1)
    section.annotations = []
    out = build_pdf(make_pack(sections=[section], extra_sections=[], toc=False), tmp_path / "rare.pdf")
    reader = pypdf.PdfReader(out.path)
    glyphs = [g for page in reader.pages for g in page_glyphs(page) if g.text == rare]
    assert glyphs and all("WenQuanYi" in g.font for g in glyphs)


def test_long_margin_notes_do_not_break_the_export(tmp_path: Path) -> None:
    section = sample_section(0)
    for a in section.annotations:
        a.note = "很长的批注。" * 200
    result = build_pdf(make_pack(sections=[section], extra_sections=[]), tmp_path / "long.pdf")
    reader = pypdf.PdfReader(result.path)
    contents = [str(r.get_object()["/Contents"]) for p in reader.pages for r in p.get("/Annots", []) or []]
    assert any(c.endswith("很长的批注。" * 200) for c in contents)  # full note kept in the PDF comment
    right_edge = 595.27 - 20 * 72 / 25.4
    for page in reader.pages:
        assert all(g.x1 <= right_edge + 1 for g in page_glyphs(page) if g.size < 9 and g.y > 60)


def test_gbt9704_prefers_an_installed_fangsong(monkeypatch: pytest.MonkeyPatch) -> None:
    kai = str(bundled_font_paths()[0])  # any embeddable TrueType file stands in for an installed 仿宋
    export_fonts.find_system_fonts.cache_clear()
    monkeypatch.setattr(export_fonts, "_fc_list", lambda: [(kai, ["仿宋_GB2312", "FangSong_GB2312"])])
    monkeypatch.setattr(export_fonts, "_find_by_filename", lambda names: None)
    try:
        chosen = font_set("gbt9704", use_system_fonts=True)
        assert chosen.body == "ZCXSys-fangsong" and chosen.sources["body"] == kai
        assert chosen.title == BUNDLED_HEI and chosen.sources["title"] == "bundled"
        assert font_set("reading", use_system_fonts=True).body == BUNDLED_KAI
        assert font_set("gbt9704", use_system_fonts=False).body == BUNDLED_KAI
    finally:
        export_fonts.find_system_fonts.cache_clear()


def test_unusable_system_font_falls_back_to_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "simfang.ttf"
    broken.write_bytes(b"not a font")
    export_fonts.find_system_fonts.cache_clear()
    monkeypatch.setattr(export_fonts, "_fc_list", lambda: [(str(broken), ["仿宋"])])
    try:
        assert font_set("gbt9704", use_system_fonts=True).body == BUNDLED_KAI
    finally:
        export_fonts.find_system_fonts.cache_clear()
