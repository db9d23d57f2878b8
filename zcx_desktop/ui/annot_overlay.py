"""Drawing annotations in a reader: highlight backgrounds via the view's layers, lines via an overlay.

Highlights go to one reader view overlay layer ("annotations"), bottom annotation layer
first, with translucent colours so overlapping highlights of different layers blend (one
`set_layer` call: the view re-applies all its layers on each call).
Underline and strike-through are painted by `LineOverlay`, a transparent child of the
viewport; underlines of different layers on the same text are stacked, not drawn on top
of each other. Hidden layers are not drawn at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from zcx_desktop.core.annotations import Annotation, Layer

VIEW_LAYER = "annotations"
HIGHLIGHT_ALPHA = 110
LINE_WIDTH = 2
STACK_STEP = 3


def annotation_color(ann: Annotation, layer: Layer | None, alpha: int = 255) -> QColor:
    color = QColor(ann.color or (layer.color if layer else "#FFE066"))
    color.setAlpha(alpha)
    return color


@dataclass
class LineMark:
    """An underline or strike-through to paint: clean-text span, colour, style, stack level."""

    start: int
    end: int
    color: QColor
    style: str
    level: int


def overlay_plan(annotations: list[Annotation], layers: list[Layer]) -> tuple[list, list[LineMark]]:
    """Highlight ranges (bottom layer first, so the top layer paints last) and line marks,
    for the visible layers only."""
    by_id = {layer.id: layer for layer in layers}
    level_of = {layer.id: index for index, layer in enumerate(layers)}
    ranges: list[tuple[int, int, int, QColor]] = []
    lines: list[LineMark] = []
    for ann in annotations:
        layer = by_id.get(ann.layer_id)
        if layer is None or not layer.visible or ann.status == "orphan" or ann.end <= ann.start:
            continue
        if ann.style == "highlight":
            ranges.append((-level_of[layer.id], ann.start, ann.end, annotation_color(ann, layer, HIGHLIGHT_ALPHA)))
        else:
            lines.append(LineMark(ann.start, ann.end, annotation_color(ann, layer), ann.style, level_of[layer.id]))
    ranges.sort(key=lambda r: (r[0], r[1]))
    return [(start, end, color) for _, start, end, color in ranges], lines


def apply_overlay(view, annotations: list[Annotation], layers: list[Layer], overlay: LineOverlay | None) -> None:
    """Put the annotations on the view (one view layer, re-applied only when it changed)."""
    ranges, lines = overlay_plan(annotations, layers)
    if _as_key(view.layer(VIEW_LAYER)) != _as_key(ranges):
        view.set_layer(VIEW_LAYER, ranges)
    if overlay is not None:
        overlay.set_marks(lines)


def _as_key(ranges: list) -> list[tuple[int, int, int]]:
    return [(s, e, c.rgba()) for s, e, c in ranges]


class LineOverlay(QWidget):
    """Paints underlines / strike-throughs over a reader view's viewport (mouse-transparent)."""

    def __init__(self, view) -> None:
        super().__init__(view.viewport())
        self.setObjectName("annotationLines")
        self.view = view
        self.marks: list[LineMark] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setGeometry(view.viewport().rect())
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.show()

    def set_marks(self, marks: list[LineMark]) -> None:
        self.marks = marks
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        return False

    def _follow_scroll(self, _value: int) -> None:
        self.move(0, 0)  # the viewport scrolls its children along; stay put and repaint
        self.update()

    def paintEvent(self, _event) -> None:
        if not self.marks:
            return
        painter = QPainter(self)
        scroll_y = self.view.verticalScrollBar().value()
        visible = QRectF(0, scroll_y, self.width(), self.height())
        for mark in self.marks:
            for rect in self.line_rects(mark.start, mark.end):
                if rect.intersects(visible):
                    self._paint_mark(painter, mark, rect.translated(0, -scroll_y))
        painter.end()

    def _paint_mark(self, painter: QPainter, mark: LineMark, rect: QRectF) -> None:
        pen = QPen(mark.color, LINE_WIDTH)
        painter.setPen(pen)
        if mark.style == "strike":
            y = rect.center().y()
        else:
            y = rect.bottom() - 1 - mark.level * STACK_STEP
        painter.drawLine(int(rect.left()), int(y), int(rect.right()), int(y))

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """Document-coordinate rectangles of each text line the span covers."""
        document = self.view.document()
        offsets = self.view.offsets
        first, last = offsets.to_position(start), offsets.to_position(end)
        layout = document.documentLayout()
        rects: list[QRectF] = []
        block = document.findBlock(first)
        while block.isValid() and block.position() < last:
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            for index in range(text_layout.lineCount()):
                line = text_layout.lineAt(index)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                lo, hi = max(first, line_start), min(last, line_end)
                if lo >= hi:
                    continue
                x1, _ = line.cursorToX(lo - block.position())
                x2, _ = line.cursorToX(hi - block.position())
                rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
            block = block.next()
        return rects


def annotations_at(annotations: list[Annotation], layers: list[Layer], offset: int) -> list[Annotation]:
    """Drawn annotations covering `offset`, shortest first."""
    visible = {layer.id for layer in layers if layer.visible}
    hits = [a for a in annotations if a.layer_id in visible and a.status != "orphan" and a.start <= offset < a.end]
    return sorted(hits, key=lambda a: a.end - a.start)
