"""The export canvas: character-spacing aware widths, native highlight annotations, "共 Y 页" form."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    HighlightAnnotation,
    PDFDictionary,
    PDFObjectReference,
    PDFString,
    xObjectName,
)
from reportlab.pdfgen.canvas import Canvas

from zcx_desktop.core.export.markup import HIGHLIGHT_SCHEME

log = logging.getLogger("zcx.export")

TOTAL_FORM = "zcxTotalPages"
EMPTY_APPEARANCE = "zcxEmptyAppearance"


class QuietHighlight(HighlightAnnotation):
    """A /Highlight annotation with an empty appearance: the page already shows the colour,
    the viewer lists the note in its comments panel without painting a second highlight."""

    permitted = HighlightAnnotation.permitted + ("AP", "NM", "CA")


@dataclass
class HighlightInfo:
    """What a native PDF highlight annotation carries: note text, author/layer label, colour."""

    note: str
    label: str
    color: tuple[float, float, float]


class ZcxCanvas(Canvas):
    """Canvas used for every briefing pack page (see `cjk_wrap` and `pdf_doc`)."""

    total_font: tuple[str, float] = ("Helvetica", 9)
    total_template = "{total} 页"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zcx_char_space = 0.0
        self.zcx_highlight_info: dict[str, HighlightInfo] = {}
        self._zcx_rects: dict[str, list[tuple[float, float, float, float]]] = {}

    def stringWidth(self, text: str, fontName: str | None = None, fontSize: float | None = None) -> float:
        width = super().stringWidth(text, fontName, fontSize)
        return width + len(text) * self.zcx_char_space if self.zcx_char_space else width

    def linkURL(self, url: str, rect: Any, relative: int = 0, *args: Any, **kwargs: Any) -> Any:
        if url.startswith(HIGHLIGHT_SCHEME + ":"):
            x1, y1, x2, y2 = self._absRect(rect, relative)
            if x2 - x1 > 0.5:
                self._zcx_rects.setdefault(url.split(":", 1)[1], []).append((x1, y1, x2, y2))
            return None
        return super().linkURL(url, rect, relative, *args, **kwargs)

    def _flush_highlights(self) -> None:
        for key, rects in self._zcx_rects.items():
            info = self.zcx_highlight_info.get(key)
            if info is None:
                continue
            quads: list[float] = []
            for x1, y1, x2, y2 in rects:
                quads += [x1, y2, x2, y2, x1, y1, x2, y1]
            bounds = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
            appearance = PDFDictionary({"N": PDFObjectReference(xObjectName(EMPTY_APPEARANCE))})
            annotation = QuietHighlight(bounds, info.note, quads, list(info.color), T=PDFString(info.label), AP=appearance, F=4, CA=0)
            self._addAnnotation(annotation, None, 1)
        self._zcx_rects = {}

    def showPage(self) -> None:
        self._flush_highlights()
        super().showPage()

    def draw_total_pages(self, x: float, y: float) -> None:
        """Place the page-count form (filled in at save time, so bookmarks stay untouched)."""
        self.saveState()
        self.translate(x, y)
        self.doForm(TOTAL_FORM)
        self.restoreState()

    def save(self) -> None:
        total = self.getPageNumber() - 1
        self.beginForm(TOTAL_FORM)
        font, size = self.total_font
        self.setFont(font, size)
        self.setFillGray(0.35)
        self.drawString(0, 0, self.total_template.format(total=total))
        self.endForm()
        self.beginForm(EMPTY_APPEARANCE, 0, 0, 1, 1)
        self.endForm()
        super().save()
