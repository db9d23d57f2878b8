"""The briefing-pack document template: pages, watermark, page numbers, bookmarks, TOC hooks, margin notes."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from zcx_desktop.core.export.cjk_wrap import CJKParagraph
from zcx_desktop.core.export.markup import MARK_CALLBACK, NOTE_CALLBACK, escape, safe_color
from zcx_desktop.core.export.pack import BriefingPack
from zcx_desktop.core.export.pdf_canvas import HighlightInfo, ZcxCanvas
from zcx_desktop.core.export.pdf_layout import GBT_PAGE_NUMBER_GAP, GBT_PAGE_NUMBER_SIZE, Layout

log = logging.getLogger("zcx.export")

NOTE_SIZES = (7.5, 6.8, 6.0)
NOTE_SPACING = 3.0
NOTE_TRUNCATE = 80


@dataclass
class Registry:
    """Per-export lookup tables referenced by keys embedded in paragraph markup."""

    marks: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (outline level, title)
    notes: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # key -> (number, text, colour)
    highlights: dict[str, HighlightInfo] = field(default_factory=dict)

    def mark(self, level: int, title: str) -> str:
        key = f"m{len(self.marks)}"
        self.marks[key] = (level, title)
        return key


class BriefDocTemplate(BaseDocTemplate):
    """Two page templates (cover, body); draws decorations and collects callbacks while flowing."""

    def __init__(self, filename: Any, pack: BriefingPack, layout: Layout, registry: Registry) -> None:
        g = layout.geometry
        super().__init__(
            filename, pagesize=(g.width, g.height), leftMargin=g.frame_x, bottomMargin=g.frame_y,
            rightMargin=g.width - g.frame_x - g.frame_w, topMargin=g.height - g.frame_top,
            title=pack.title, author=pack.author or pack.unit, subject=pack.subject or pack.subtitle,
            creator="ZCX Desktop 政策阅读批注", producer="ZCX Desktop (reportlab)", keywords=["briefing"],
        )
        self.pack = pack
        self.layout = layout
        self.registry = registry
        self._page_notes: list[tuple[float, str]] = []
        frame = Frame(g.frame_x, g.frame_y, g.frame_w, g.frame_h + 0.01, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        cover = PageTemplate("cover", [frame], onPage=self._decorate_cover)
        body = PageTemplate("body", [frame], onPage=self._decorate_body)
        self.addPageTemplates([cover, body])

    # -- callbacks -------------------------------------------------------------------------
    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self._page_notes = []
        self.canv.setNamedCB(NOTE_CALLBACK, self._on_note)
        self.canv.setNamedCB(MARK_CALLBACK, self._on_mark)
        self.canv.zcx_highlight_info = self.registry.highlights
        self.canv.total_font = (self.layout.fonts.kai, 9)

    def _position(self, canv: Any) -> tuple[float, float, float]:
        info = canv._curr_tx_info
        x, y = canv.absolutePosition(info["cur_x"], info["cur_y"])
        return x, y, info["leading"]

    def _on_note(self, canv: Any, kind: str, label: str) -> None:
        _, y, _ = self._position(canv)
        self._page_notes.append((y, label))

    def _on_mark(self, canv: Any, kind: str, label: str) -> None:
        level, title = self.registry.marks[label]
        _, y, leading = self._position(canv)
        canv.bookmarkPage(label, fit="XYZ", left=0, top=y + leading)
        canv.addOutlineEntry(title, label, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, escape(title), self.page, label))

    def afterPage(self) -> None:
        if self.layout.margin_notes and self._page_notes:
            self._draw_margin_notes(self.canv)

    # -- margin notes ----------------------------------------------------------------------
    def _note_paragraphs(self, size: float, truncate: bool) -> list[tuple[float, CJKParagraph, str]]:
        style = self.layout.styles["margin_note"].clone("mn", fontSize=size, leading=size * 1.35)
        out = []
        for y, key in sorted(self._page_notes, key=lambda t: -t[0]):
            number, text, color = self.registry.notes[key]
            if truncate and len(text) > NOTE_TRUNCATE:
                text = text[:NOTE_TRUNCATE] + "…（全文见批注）"
            markup = f'<font color="{safe_color(color)}">■</font><font color="#C62828">[{number}]</font> {escape(text)}'
            out.append((y, CJKParagraph(markup.replace("\n", "<br/>"), style), color))
        return out

    def _place(self, items: list[tuple[float, CJKParagraph, str]]) -> list[float] | None:
        g = self.layout.geometry
        heights = [p.wrap(g.note_w, g.frame_h)[1] for _, p, _ in items]
        tops, floor = [], g.frame_top
        for (y, _, _), h in zip(items, heights):
            top = min(y + 8, floor)
            tops.append(top)
            floor = top - h - NOTE_SPACING
        overflow = g.frame_y - (tops[-1] - heights[-1]) if tops else 0
        if overflow > 0:
            ceiling = g.frame_top
            for i in range(len(tops)):
                tops[i] = min(ceiling, tops[i] + overflow) if i == 0 else min(tops[i - 1] - heights[i - 1] - NOTE_SPACING, tops[i] + overflow)
            if tops[-1] - heights[-1] < g.frame_y - 1:
                return None
        return tops

    def _draw_margin_notes(self, canv: Any) -> None:
        g = self.layout.geometry
        attempts = [(size, False) for size in NOTE_SIZES] + [(NOTE_SIZES[-1], True)]
        for size, truncate in attempts:
            items = self._note_paragraphs(size, truncate)
            tops = self._place(items)
            if tops is not None or truncate:
                break
        if tops is None:
            log.warning("margin notes overflow on page %s", self.page)
            tops = [max(t, g.frame_y) for t in self._place_unbounded(items)]
        for (_, para, _), top in zip(items, tops):
            para.drawOn(canv, g.note_x, top - para.height)

    def _place_unbounded(self, items: list[tuple[float, CJKParagraph, str]]) -> list[float]:
        tops, floor = [], self.layout.geometry.frame_top
        for y, para, _ in items:
            top = min(y + 8, floor)
            tops.append(top)
            floor = top - para.height - NOTE_SPACING
        return tops

    # -- decorations -----------------------------------------------------------------------
    def _watermark(self, canv: Any) -> None:
        text = self.pack.watermark.strip()
        if not text:
            return
        g = self.layout.geometry
        canv.saveState()
        canv.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.16))
        canv.setFont(self.layout.fonts.heading, 30)
        for cx, cy in ((0.5, 0.72), (0.5, 0.28)):
            canv.saveState()
            canv.translate(g.width * cx, g.height * cy)
            canv.rotate(35)
            canv.drawCentredString(0, 0, text)
            canv.restoreState()
        canv.restoreState()

    def _decorate_cover(self, canv: Any, doc: Any) -> None:
        self._watermark(canv)

    def _decorate_body(self, canv: Any, doc: Any) -> None:
        self._watermark(canv)
        if self.layout.name == "gbt9704":
            self._gbt_page_number(canv)
        else:
            self._reading_header_footer(canv)

    def _reading_header_footer(self, canv: Any) -> None:
        g = self.layout.geometry
        font = self.layout.fonts.kai
        right = g.width - g.frame_x
        canv.saveState()
        canv.setStrokeColor(colors.HexColor("#BBBBBB"))
        canv.setLineWidth(0.4)
        top = g.frame_top + 5 * mm
        canv.line(g.frame_x, top, right, top)
        canv.setFont(font, 8)
        canv.setFillColor(colors.HexColor("#777777"))
        canv.drawString(g.frame_x, top + 2, self.pack.title[:60])
        if self.pack.classification:
            canv.drawRightString(right, top + 2, self.pack.classification)
        label = f"第 {self.page} 页 / 共 "
        width = canv.stringWidth(label, font, 9)
        canv.setFont(font, 9)
        x = g.width / 2 - width / 2 - 6
        canv.drawString(x, g.frame_y - 12 * mm, label)
        canv.draw_total_pages(x + width, g.frame_y - 12 * mm)
        canv.restoreState()

    def _gbt_page_number(self, canv: Any) -> None:
        g = self.layout.geometry
        size = GBT_PAGE_NUMBER_SIZE
        text = f"— {self.page} —"
        baseline = g.frame_y - GBT_PAGE_NUMBER_GAP - size * 0.8
        canv.saveState()
        canv.setFont(self.layout.fonts.body, size)
        canv.setFillColor(colors.black)
        if self.page % 2:
            canv.drawRightString(g.frame_x + g.frame_w - size, baseline, text)
        else:
            canv.drawString(g.frame_x + size, baseline, text)
        canv.restoreState()


def build_document(path: str, pack: BriefingPack, layout: Layout, registry: Registry, story: list[Any]) -> int:
    """Lay out the story (several passes for the TOC) and return the page count."""
    doc = BriefDocTemplate(path, pack, layout, registry)
    for flowable in story:
        if isinstance(flowable, TableOfContents):
            # every entry is known before layout: seed them so the first pass already reserves the
            # contents' final height and two passes suffice (reportlab's default needs three)
            flowable._entries = [(level, escape(title), 99, key) for key, (level, title) in registry.marks.items()]
    doc.multiBuild(story, canvasmaker=ZcxCanvas, maxPasses=6)
    return doc.page
