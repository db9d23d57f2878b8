"""Table sections (targets, duties ...) and a simple bar chart for one indicator."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from zcx_desktop.core.export.cjk_wrap import CJKParagraph
from zcx_desktop.core.export.markup import text_markup
from zcx_desktop.core.export.pack import ChartSpec, TableSection
from zcx_desktop.core.export.pdf_layout import Layout

HEAD_BG = colors.HexColor("#37474F")
ZEBRA_BG = colors.HexColor("#F4F6F8")
GRID = colors.HexColor("#B0BEC5")
BAR = colors.HexColor("#1E88E5")


def _cell(text: object, layout: Layout, head: bool = False, style_name: str = "") -> CJKParagraph:
    style = layout.styles[style_name or ("cell_head" if head else "cell")]
    markup = text_markup(str(text), style.fontName, layout.fonts.fallback).replace("\n", "<br/>")
    return CJKParagraph(markup, style)


def _col_widths(table: TableSection, total: float, columns: int) -> list[float]:
    weights = table.col_widths if table.col_widths and len(table.col_widths) == columns else [1.0] * columns
    scale = total / sum(weights)
    return [w * scale for w in weights]


def table_flowable(table: TableSection, layout: Layout) -> Table:
    columns = max([len(table.headers)] + [len(r) for r in table.rows]) or 1
    head = [_cell(h, layout, head=True) for h in table.headers] + [""] * (columns - len(table.headers))
    body = [[_cell(c, layout) for c in row] + [""] * (columns - len(row)) for row in table.rows]
    data = ([head] if table.headers else []) + body
    widths = _col_widths(table, layout.geometry.frame_w, columns)
    flow = Table(data, colWidths=widths, repeatRows=1 if table.headers else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if table.headers:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    first = 1 if table.headers else 0
    for r in range(first, len(data)):
        if (r - first) % 2:
            commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA_BG))
    flow.setStyle(TableStyle(commands))
    return flow


def chart_flowable(chart: ChartSpec, layout: Layout) -> Drawing:
    width = layout.geometry.frame_w
    height = 190.0
    font = layout.fonts.heading
    drawing = Drawing(width, height)
    bars = VerticalBarChart()
    bars.x, bars.y = 46, 36
    bars.width, bars.height = width - 70, height - 70
    bars.data = [list(chart.values) or [0]]
    bars.categoryAxis.categoryNames = [str(label) for label in chart.labels] or [""]
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 8
    bars.categoryAxis.labels.angle = 0 if len(chart.labels) <= 8 else 30
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 8
    bars.valueAxis.valueMin = min(0, min(chart.values, default=0))
    bars.valueAxis.valueMax = max(chart.values, default=0) * 1.15 or 1  # headroom for the bar labels
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.gridStrokeColor = colors.HexColor("#E0E0E0")
    bars.bars[0].fillColor = BAR
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = "%g"
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 7.5
    bars.barLabels.nudge = 7
    drawing.add(bars)
    title = chart.title + (f"（单位：{chart.unit}）" if chart.unit else "")
    drawing.add(String(width / 2, height - 14, title, fontName=font, fontSize=10, textAnchor="middle"))
    return drawing


def table_section_flowables(table: TableSection, layout: Layout, heading: CJKParagraph) -> list[Any]:
    flows: list[Any] = [heading, table_flowable(table, layout)]
    if table.note:
        flows += [Spacer(1, 3), _cell(table.note, layout, style_name="caption")]
    if table.chart and table.chart.values:
        flows += [Spacer(1, 10), KeepTogether([chart_flowable(table.chart, layout)])]
    return flows
