"""Briefing-pack PDF (reading layout) read back with pypdf: pages, text, fonts, bookmarks, annotations."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from zcx_desktop.core.annotations.model import Annotation, Layer
from zcx_desktop.core.export import (
    BriefingPack,
    ChartSpec,
    DocumentSection,
    TableSection,
    build_pdf,
    bundled_font_paths,
)
from zcx_desktop.core.export.pdf_glyphs import page_glyphs
from zcx_desktop.core.ingest import ingest_file
from zcx_desktop.paths import sample_dir

HOSTILE = "注意 <b>不是粗体</b> & <para>段落</para> ]]> 结束"
LAYERS = [Layer(1, "重点", "#FFC107", 0), Layer(2, "待核实", "#4FC3F7", 1), Layer(3, "领导关注", "#E57373", 2)]
QUOTES = [
    ("全社会研发投入占地区生产总值比重达到2.95%", 1, "highlight", "核对省定目标口径。"),
    ("高新技术企业超过2100家", 2, "underline", HOSTILE),
    ("科技创新创业领军人才和团队创办企业达到1500家", 3, "strike", "需要分解到各区。"),
    ("国家级创新平台力争达10个", 1, "highlight", ""),
]


def sample_section(index: int = 0, only_annotated: bool = False, layer_filter: list[str] | None = None) -> DocumentSection:
    doc = ingest_file(sorted(sample_dir().glob("*.txt"))[index])
    annotations = []
    for n, (quote, layer, style, note) in enumerate(QUOTES):
        start = doc.text.find(quote)
        if start < 0:
            continue
        annotations.append(Annotation(
            id=f"a{n}", doc_id=index + 1, layer_id=layer, start=start, end=start + len(quote),
            quote=quote, style=style, note=note,
        ))
    return DocumentSection(doc.meta, doc.text, doc.clauses, annotations, LAYERS, only_annotated, layer_filter, index + 1)


def make_pack(layout: str = "reading", notes: str = "margin", **kw: object) -> BriefingPack:
    table = TableSection(
        "主要目标 <表>", ["指标", "2018", "2020"],
        [["研发投入占比（%）", "2.85", "2.95"], ["高新技术企业（家）", "1800", "2100 & 更多"]],
        note="来源：行动计划", chart=ChartSpec("高新技术企业数", ["2018", "2019", "2020"], [1800, 1950, 2100], "家"),
    )
    values: dict[str, object] = {
        "title": "创新示范区政策参阅材料 <b>&amp;", "subtitle": "第 1 期", "unit": "市政府研究室 编印",
        "date": "2026年11月", "classification": "内部", "copy_no": "000012", "watermark": "内部资料 注意保存",
        "author": "研究室", "subject": "参阅", "layout": layout, "notes": notes, "use_system_fonts": False,
        "sections": [sample_section(0), sample_section(1)], "extra_sections": [table],
    }
    values.update(kw)
    return BriefingPack(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def reading_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("brief") / "reading.pdf"
    result = build_pdf(make_pack(), out)
    return out, result


def all_text(reader: pypdf.PdfReader) -> str:
    return "".join(page.extract_text() or "" for page in reader.pages)


def test_bundled_fonts_exist_with_licences() -> None:
    for path in bundled_font_paths():
        assert path.is_file() and path.stat().st_size > 1_000_000
    folder = bundled_font_paths()[0].parent
    assert (folder / "OFL-ZCXKai.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    assert "Apache License" in (folder / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")


def test_page_count_and_contract(reading_pdf: tuple[Path, object]) -> None:
    out, result = reading_pdf
    reader = pypdf.PdfReader(out)
    assert result.pages == len(reader.pages) >= 6
    assert result.bytes == out.stat().st_size
    assert set(result.to_json()) == {"path", "pages", "bytes"}


def test_highlighted_passages_and_notes_are_printed(reading_pdf: tuple[Path, object]) -> None:
    text = all_text(pypdf.PdfReader(reading_pdf[0])).replace("\n", "")
    for quote, *_ in QUOTES:
        assert quote in text
    assert "核对省定目标口径。" in text and "需要分解到各区。" in text
    assert "<b>不是粗体</b>" in text and "]]>" in text and "<para>" in text


def test_every_font_is_embedded(reading_pdf: tuple[Path, object]) -> None:
    reader = pypdf.PdfReader(reading_pdf[0])
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            seen.add(name)
            if name == "/Helvetica":  # reportlab's always-present default; no glyph of ours uses it
                continue
            assert "STSong" not in name
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name
            assert name.split("+")[0].strip("/").isalpha() and "+" in name  # subset tag AAAAAA+
    assert any("ZCXKai" in n for n in seen) and any("WenQuanYi" in n for n in seen)


def test_document_properties(reading_pdf: tuple[Path, object]) -> None:
    meta = pypdf.PdfReader(reading_pdf[0]).metadata
    assert meta.title == "创新示范区政策参阅材料 <b>&amp;"
    assert meta.author == "研究室" and meta.subject == "参阅"


def _outline(reader: pypdf.PdfReader, items: list, depth: int = 0) -> list[tuple[int, str, int]]:
    found = []
    for item in items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item)))
    return found


def test_bookmarks_point_at_their_pages(reading_pdf: tuple[Path, object]) -> None:
    reader = pypdf.PdfReader(reading_pdf[0])
    entries = _outline(reader, reader.outline)
    docs = [e for e in entries if e[0] == 0]
    clauses = [e for e in entries if e[0] == 1]
    assert len(docs) == 3 and len(clauses) >= 8  # two documents, the tables; top-level clauses
    assert len({page for _, _, page in docs}) == 3
    for _, title, page in entries:
        page_text = reader.pages[page].extract_text().replace("\n", "")
        assert title[:8].replace(" ", "") in page_text.replace(" ", ""), (title, page)
    assert [p for _, _, p in entries] == sorted(p for _, _, p in entries)


def test_page_x_of_y_keeps_bookmarks(reading_pdf: tuple[Path, object]) -> None:
    reader = pypdf.PdfReader(reading_pdf[0])
    total = len(reader.pages)
    form_text = reader.pages[3].extract_text()
    assert "第 4 页" in form_text and f"{total} 页" in form_text
    pages = {p for _, _, p in _outline(reader, reader.outline)}
    assert len(pages) > 3


def test_native_highlight_annotations_cover_the_quotes(reading_pdf: tuple[Path, object]) -> None:
    reader = pypdf.PdfReader(reading_pdf[0])
    found: dict[str, str] = {}
    for page in reader.pages:
        glyphs = page_glyphs(page)
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if annot["/Subtype"] != "/Highlight":
                continue
            quads = [float(v) for v in annot["/QuadPoints"]]
            assert quads and len(quads) % 8 == 0
            covered = ""
            for i in range(0, len(quads), 8):
                x1, y_top, x2, _, _, y_bottom = quads[i : i + 6]
                covered += "".join(
                    g.text for g in glyphs
                    if 9 < g.size < 18 and x1 - 0.5 <= (g.x0 + g.x1) / 2 <= x2 + 0.5 and y_bottom <= g.y <= y_top  # not the watermark
                )
            found[covered] = str(annot.get("/Contents", ""))
    by_quote = {q: note for q, _, _, note in QUOTES}
    for covered, contents in found.items():
        matches = [q for q in by_quote if q == covered]
        assert matches, covered
        assert by_quote[matches[0]] in contents
    assert set(found) == set(by_quote)


def test_hostile_markup_never_crashes(tmp_path: Path) -> None:
    section = sample_section(0)
    section.meta.title = "标题 <para> & ]]> <b>"
    section.annotations[0].note = "<font name='x'>坏</font> &nbsp; <br/> \x00\x07 <onDraw name=x/>"
    pack = make_pack(title="<![CDATA[ x ]]> & <b>", watermark="<b>水印</b> &", sections=[section], extra_sections=[])
    result = build_pdf(pack, tmp_path / "hostile.pdf")
    text = all_text(pypdf.PdfReader(result.path)).replace("\n", "")
    assert "<font name='x'>坏</font>" in text and "&nbsp;" in text and "<onDraw name=x/>" in text


def test_endnotes_mode_lists_notes_after_each_document(tmp_path: Path) -> None:
    result = build_pdf(make_pack(notes="end", extra_sections=[]), tmp_path / "end.pdf")
    text = all_text(pypdf.PdfReader(result.path)).replace("\n", "")
    assert text.count("注释") >= 1
    assert "[2] 待核实" in text.replace("■", "")


def test_only_annotated_with_layer_filter_prints_less(tmp_path: Path) -> None:
    full = build_pdf(make_pack(extra_sections=[], sections=[sample_section(0)]), tmp_path / "full.pdf")
    section = sample_section(0, only_annotated=True, layer_filter=["待核实"])
    small = build_pdf(make_pack(extra_sections=[], sections=[section]), tmp_path / "small.pdf")
    assert small.pages < full.pages
    text = all_text(pypdf.PdfReader(small.path)).replace("\n", "")
    assert "高新技术企业超过2100家" in text
    assert "培育高成长创新型企业" not in text  # a clause without annotations is left out
