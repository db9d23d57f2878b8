"""Chart of one indicator across documents and target years, drawn with QPainter (no QtCharts).

`build_chart_data(targets, indicator, titles)` is the data model (testable without painting);
`ChartWidget` draws it; `render_chart_image(data, size)` gives a QImage for briefs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from zcx_desktop.core.extract import Target
from zcx_desktop.core.extract.tables import indicator_series
from zcx_desktop.ui.i18n import tr
from zcx_desktop.ui.intel_data import short_title

PALETTE = ("#d1495b", "#2e86ab", "#edae49", "#66a182", "#8d6a9f", "#e07a5f", "#3d405b", "#00798c")
MARGIN_LEFT, MARGIN_TOP, MARGIN_BOTTOM = 64, 44, 48
LEGEND_WIDTH = 250
MAIN_SCOPE_SUFFIXES = ("市", "省", "全域", "自治区")


@dataclass
class ChartPoint:
    """A plotted value: target year, value and its source target."""

    year: int
    value: float
    target: Target


@dataclass
class ChartSeries:
    """The points of one document and scope, in the document's colour.

    `main` is the document's own area (no scope, or a city/province); other scopes are
    parks or districts, drawn dashed with hollow markers and labelled at their points.
    """

    label: str
    doc_id: int | None
    scope: str
    color: str
    points: list[ChartPoint] = field(default_factory=list)
    document: str = ""

    @property
    def main(self) -> bool:
        return not self.scope or self.scope.endswith(MAIN_SCOPE_SUFFIXES)


@dataclass
class ChartData:
    """Everything the chart draws: indicator, unit, series, and how many targets had no year."""

    indicator: str = ""
    unit: str = ""
    series: list[ChartSeries] = field(default_factory=list)
    undated: int = 0

    def points(self) -> list[ChartPoint]:
        return [p for s in self.series for p in s.points]

    def year_range(self) -> tuple[int, int]:
        years = [p.year for p in self.points()]
        return (min(years), max(years)) if years else (0, 0)

    def value_range(self) -> tuple[float, float]:
        values = [p.value for p in self.points()]
        return (min(values), max(values)) if values else (0.0, 1.0)


def build_chart_data(targets: list[Target], indicator: str, titles: dict[int, str]) -> ChartData:
    """Level targets of `indicator` grouped by (document, scope); one colour per document."""
    data = ChartData(indicator=indicator)
    points = indicator_series(targets, indicator)
    if not points:
        return data
    units = [p.unit for p in points]
    data.unit = max(set(units), key=units.count)
    colors: dict[int | None, str] = {}
    by_key: dict[tuple[int | None, str], ChartSeries] = {}
    for point in points:
        if point.unit != data.unit:
            continue
        if point.year is None:
            data.undated += 1
            continue
        color = colors.setdefault(point.doc_id, PALETTE[len(colors) % len(PALETTE)])
        key = (point.doc_id, point.scope)
        if key not in by_key:
            title = titles.get(point.doc_id or 0, str(point.doc_id))
            label = f"{short_title(title, 16)} · {point.scope}" if point.scope else short_title(title, 16)
            by_key[key] = ChartSeries(label, point.doc_id, point.scope, color, document=title)
            data.series.append(by_key[key])
        by_key[key].points.append(ChartPoint(point.year, point.value, point.target))
    for series in data.series:
        series.points.sort(key=lambda p: p.year)
    return data


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1/2/5 × 10^n steps), starting at or below low."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def year_ticks(first: int, last: int) -> list[int]:
    span = max(1, last - first)
    step = max(1, math.ceil(span / 8))
    return list(range(first, last + 1, step)) or [first]


def format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.3g}"


class ChartPainter:
    """Paints ChartData into a rectangle (shared by the widget and image rendering)."""

    def __init__(self, data: ChartData, font: QFont, dark: bool = False) -> None:
        self.data = data
        self.font = QFont(font)
        self.fg = QColor("#e8e8e8") if dark else QColor("#202020")
        self.grid = QColor(255, 255, 255, 40) if dark else QColor(0, 0, 0, 28)

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font)
        title_font = QFont(self.font)
        title_font.setPointSizeF(self.font.pointSizeF() * 1.2)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.fg)
        title = self.data.indicator or tr("intel.chart.empty")
        if self.data.unit:
            title += f"（{self.data.unit}）"
        painter.drawText(QRectF(rect.left() + 8, rect.top() + 6, rect.width() - 16, 28),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(self.font)
        if not self.data.points():
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tr("intel.chart.no_points"))
            return
        legend_w = min(LEGEND_WIDTH, rect.width() * 0.3)
        plot = QRectF(rect.left() + MARGIN_LEFT, rect.top() + MARGIN_TOP,
                      rect.width() - MARGIN_LEFT - legend_w - 24, rect.height() - MARGIN_TOP - MARGIN_BOTTOM)
        mapper = self._mapper(plot)
        self._axes(painter, plot, mapper)
        for series in self.data.series:
            self._series(painter, series, mapper)
        self._legend(painter, QRectF(plot.right() + 20, plot.top(), legend_w, plot.height()))
        if self.data.undated:
            painter.setPen(QColor("gray"))
            painter.drawText(QRectF(rect.left() + 8, rect.bottom() - 20, rect.width() - 16, 18),
                             Qt.AlignmentFlag.AlignRight, tr("intel.chart.undated", count=self.data.undated))

    def _mapper(self, plot: QRectF):
        first, last = self.data.year_range()
        low, high = self.data.value_range()
        ticks = nice_ticks(min(0.0, low) if low >= 0 and low < high * 0.3 else low - (high - low) * 0.1, high * 1.08)
        self.value_ticks = ticks
        self.years = year_ticks(first, last)
        y_low, y_high = ticks[0], ticks[-1]
        pad = 0.5

        def to_point(year: float, value: float) -> QPointF:
            x_frac = (year - first + pad) / (last - first + 2 * pad)
            y_frac = (value - y_low) / ((y_high - y_low) or 1)
            return QPointF(plot.left() + x_frac * plot.width(), plot.bottom() - y_frac * plot.height())

        return to_point

    def _axes(self, painter: QPainter, plot: QRectF, to_point) -> None:
        metrics = QFontMetricsF(self.font)
        for value in self.value_ticks:
            y = to_point(self.years[0], value).y()
            painter.setPen(QPen(self.grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.fg)
            label = format_number(value)
            painter.drawText(QRectF(plot.left() - 60, y - metrics.height() / 2, 54, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(QPen(self.fg, 1.2))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for year in self.years:
            x = to_point(year, self.value_ticks[0]).x()
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 5))
            painter.drawText(QRectF(x - 40, plot.bottom() + 7, 80, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, str(year))
        painter.drawText(QRectF(plot.left(), plot.bottom() + 10 + metrics.height(), plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignHCenter, tr("intel.chart.year_axis"))

    def _series(self, painter: QPainter, series: ChartSeries, to_point) -> None:
        color = QColor(series.color)
        style = Qt.PenStyle.SolidLine if series.main else Qt.PenStyle.DashLine
        positions = [to_point(p.year, p.value) for p in series.points]
        if len(positions) > 1:
            path = QPainterPath(positions[0])
            for position in positions[1:]:
                path.lineTo(position)
            painter.setPen(QPen(color, 2, style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        metrics = QFontMetricsF(self.font)
        for point, position in zip(series.points, positions):
            painter.setPen(QPen(color, 2))
            painter.setBrush(color if series.main else QColor("white"))
            painter.drawEllipse(position, 4.5, 4.5)
            label = format_number(point.value)
            if not series.main:
                label += f" {series.scope}"
            width = metrics.horizontalAdvance(label) + 4
            painter.setPen(color.darker(120))
            painter.drawText(QRectF(position.x() + 6, position.y() - metrics.height() - 2, width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft, label)

    def _legend(self, painter: QPainter, area: QRectF) -> None:
        """One entry per document (colour + wrapped title), then the line-style key."""
        metrics = QFontMetricsF(self.font)
        y = area.top()
        documents: dict[str, str] = {}
        for series in self.data.series:
            documents.setdefault(series.color, series.document or series.label)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        for color, title in documents.items():
            box = metrics.boundingRect(QRectF(0, 0, area.width() - 30, 1000), flags, title)
            height = min(box.height(), metrics.height() * 3)
            if y + height > area.bottom() - metrics.height() * 3:
                painter.setPen(self.fg)
                painter.drawText(QRectF(area.left(), y, area.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, "…")
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(area.left(), y + 3, 18, metrics.height() - 6), 2, 2)
            painter.setPen(self.fg)
            painter.drawText(QRectF(area.left() + 26, y, area.width() - 30, height), flags, title)
            y += height + 8
        self._style_key(painter, QRectF(area.left(), y + 6, area.width(), metrics.height() * 2 + 8))

    def _style_key(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetricsF(self.font)
        for row, (main, key) in enumerate(((True, "intel.chart.key_main"), (False, "intel.chart.key_sub"))):
            middle = area.top() + row * (metrics.height() + 4) + metrics.height() / 2
            style = Qt.PenStyle.SolidLine if main else Qt.PenStyle.DashLine
            painter.setPen(QPen(QColor("gray"), 2, style))
            painter.drawLine(QPointF(area.left(), middle), QPointF(area.left() + 22, middle))
            painter.setBrush(QColor("gray") if main else QColor("white"))
            painter.drawEllipse(QPointF(area.left() + 11, middle), 3.5, 3.5)
            painter.setPen(QColor("gray"))
            painter.drawText(QRectF(area.left() + 28, middle - metrics.height() / 2, area.width() - 28, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tr(key))


class ChartWidget(QWidget):
    """Shows one ChartData; `set_data` replaces it and repaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intelChart")
        self.data = ChartData()
        self.setMinimumSize(480, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.setToolTip(self._tooltip())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(820, 460)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        dark = self.palette().window().color().lightness() < 128
        ChartPainter(self.data, self.font(), dark).paint(painter, QRectF(self.rect()))
        painter.end()

    def _tooltip(self) -> str:
        return "\n".join(
            f"{s.label}: " + "，".join(f"{p.year} {format_number(p.value)}" for p in s.points)
            for s in self.data.series
        )


def render_chart_image(data: ChartData, size: QSize | None = None, font: QFont | None = None) -> QImage:
    """The chart on a white background (PNG-ready, e.g. for briefing packs); 1000×560 by default."""
    size = size or QSize(1000, 560)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    ChartPainter(data, font or QFont(), dark=False).paint(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image
