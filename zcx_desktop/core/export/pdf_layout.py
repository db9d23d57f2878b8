"""Page geometry and paragraph styles of the two layouts: reading (A4, margin notes) and 公文 (GB/T 9704-2012)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from zcx_desktop.core.export.fonts import FontSet

# GB/T 9704-2012: 天头 37 mm, 订口 28 mm, 版心 156 x 225 mm, 22 lines x 28 characters
GBT_TOP = 37 * mm
GBT_LEFT = 28 * mm
GBT_BLOCK_W = 156 * mm
GBT_BLOCK_H = 225 * mm
GBT_LINES = 22
GBT_CHARS = 28
GBT_FONT_SIZE = GBT_BLOCK_W / GBT_CHARS  # ≈ 15.79 pt, close to 3号 (16 pt)
GBT_LEADING = GBT_BLOCK_H / GBT_LINES  # ≈ 28.99 pt
GBT_PAGE_NUMBER_GAP = 7 * mm  # 一字线 7 mm below the text block
GBT_PAGE_NUMBER_SIZE = 14  # 4号

READING_MARGIN = 20 * mm
READING_TOP = 22 * mm
READING_BOTTOM = 22 * mm
READING_NOTE_GAP = 6 * mm
READING_NOTE_W = 44 * mm


@dataclass
class PageGeometry:
    """Where the text frame (and the margin-note column, if any) sit on the page, in points."""

    width: float
    height: float
    frame_x: float
    frame_y: float
    frame_w: float
    frame_h: float
    note_x: float = 0.0
    note_w: float = 0.0

    @property
    def frame_top(self) -> float:
        return self.frame_y + self.frame_h


@dataclass
class Layout:
    """A layout: geometry, styles and fonts."""

    name: str
    geometry: PageGeometry
    fonts: FontSet
    margin_notes: bool
    styles: dict[str, ParagraphStyle] = field(default_factory=dict)

    @property
    def body_size(self) -> float:
        return self.styles["body"].fontSize


def _style(name: str, font: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)


def _common_styles(f: FontSet, body: float, leading: float) -> dict[str, ParagraphStyle]:
    grey = colors.HexColor("#555555")
    return {
        "cover_title": _style("cover_title", f.title, 26, 38, alignment=TA_CENTER, spaceAfter=10),
        "cover_subtitle": _style("cover_subtitle", f.kai, 16, 26, alignment=TA_CENTER, textColor=grey),
        "cover_unit": _style("cover_unit", f.kai, 15, 24, alignment=TA_CENTER),
        "cover_corner": _style("cover_corner", f.heading, 12, 18, alignment=TA_LEFT),
        "toc_title": _style("toc_title", f.title, 18, 28, alignment=TA_CENTER, spaceAfter=14),
        "toc0": _style("toc0", f.heading, body, leading, leftIndent=0, firstLineIndent=0),
        "toc1": _style("toc1", f.kai, body * 0.92, leading * 0.9, leftIndent=body * 2, firstLineIndent=0, textColor=grey),
        "meta_label": _style("meta_label", f.heading, body * 0.85, body * 1.3, textColor=grey),
        "meta_value": _style("meta_value", f.kai, body * 0.85, body * 1.3),
        "legend": _style("legend", f.kai, body * 0.8, body * 1.25, textColor=grey),
        "endnote_title": _style("endnote_title", f.heading, body, leading, spaceBefore=leading * 0.5),
        "endnote": _style("endnote", f.kai, body * 0.9, body * 1.5, leftIndent=body * 2, firstLineIndent=-body * 2, alignment=TA_JUSTIFY),
        "margin_note": _style("margin_note", f.kai, 7.5, 10, alignment=TA_LEFT),
        "path": _style("path", f.heading, body * 0.8, body * 1.4, textColor=colors.HexColor("#1565C0"), spaceBefore=4),
        "gap": _style("gap", f.kai, body, leading, alignment=TA_CENTER, textColor=grey),
        "table_title": _style("table_title", f.heading, body * 1.1, leading, spaceBefore=8, spaceAfter=6),
        "cell": _style("cell", f.kai, body * 0.85, body * 1.3),
        "cell_head": _style("cell_head", f.heading, body * 0.85, body * 1.3, textColor=colors.white),
        "caption": _style("caption", f.kai, body * 0.8, body * 1.3, textColor=grey),
    }


def reading_layout(fonts: FontSet, margin_notes: bool) -> Layout:
    width, height = A4
    text_w = width - 2 * READING_MARGIN - ((READING_NOTE_GAP + READING_NOTE_W) if margin_notes else 0)
    geometry = PageGeometry(width, height, READING_MARGIN, READING_BOTTOM, text_w, height - READING_TOP - READING_BOTTOM)
    if margin_notes:
        geometry.note_x = READING_MARGIN + text_w + READING_NOTE_GAP
        geometry.note_w = READING_NOTE_W
    body, leading = 10.5, 18.0  # 五号
    styles = _common_styles(fonts, body, leading)
    styles.update(
        body=_style("body", fonts.body, body, leading, alignment=TA_JUSTIFY, firstLineIndent=body * 2, spaceAfter=3),
        heading=_style("heading", fonts.heading, 12.5, 20, spaceBefore=8, spaceAfter=4),
        subheading=_style("subheading", fonts.heading, 11, 18, spaceBefore=4, spaceAfter=2),
        doc_title=_style("doc_title", fonts.title, 17, 26, alignment=TA_CENTER, spaceAfter=8),
        header=_style("header", fonts.kai, 8, 10, textColor=colors.HexColor("#777777")),
    )
    return Layout("reading", geometry, fonts, margin_notes, styles)


def gbt9704_layout(fonts: FontSet) -> Layout:
    width, height = A4
    geometry = PageGeometry(width, height, GBT_LEFT, height - GBT_TOP - GBT_BLOCK_H, GBT_BLOCK_W, GBT_BLOCK_H)
    body, leading = GBT_FONT_SIZE, GBT_LEADING
    styles = _common_styles(fonts, body, leading)
    styles.update(
        body=_style("body", fonts.body, body, leading, alignment=TA_JUSTIFY, firstLineIndent=body * 2),
        heading=_style("heading", fonts.heading, body, leading, alignment=TA_JUSTIFY, firstLineIndent=body * 2),
        subheading=_style("subheading", fonts.kai, body, leading, alignment=TA_JUSTIFY, firstLineIndent=body * 2),
        doc_title=_style("doc_title", fonts.title, 22, leading * 1.5, alignment=TA_CENTER, spaceAfter=leading * 0.5),
        header=_style("header", fonts.kai, 8, 10, textColor=colors.HexColor("#777777")),
    )
    styles["endnote"] = _style("endnote", fonts.body, body, leading, leftIndent=0, firstLineIndent=body * 2, alignment=TA_JUSTIFY)
    styles["endnote_title"] = _style("endnote_title", fonts.heading, body, leading, firstLineIndent=body * 2)
    return Layout("gbt9704", geometry, fonts, False, styles)


def make_layout(name: str, fonts: FontSet, notes: str) -> Layout:
    if name == "gbt9704":
        return gbt9704_layout(fonts)
    return reading_layout(fonts, margin_notes=notes == "margin")
