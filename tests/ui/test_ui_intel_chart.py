"""Chart data model and painting of the intelligence chart (synthetic targets, no library)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from zcx_desktop.core.extract import Target
from zcx_desktop.ui.intel_chart import ChartWidget, build_chart_data, nice_ticks, render_chart_image

RD = "全社会研发投入占地区生产总值比重"
TITLES = {1: "甲市行动计划", 2: "乙市实施方案", 3: "丙市工作要点"}


def target(doc_id: int, value: float, year: int | None, scope: str = "", unit: str = "%",
           kind: str = "level", canonical: str = RD) -> Target:
    return Target(indicator=canonical, canonical=canonical, comparator="达到", value=value, unit=unit,
                  year=year, scope=scope, kind=kind, doc_id=doc_id, sentence=f"达到{value}{unit}")


def sample_targets() -> list[Target]:
    return [
        target(1, 2.95, 2020, "甲市"),
        target(1, 3.9, 2020, "甲高新区"),
        target(1, 2.6, 2018),
        target(2, 3.2, 2022),
        target(3, 3.0, None),  # no year: counted, not drawn
        target(3, 300, 2020, unit="亿元"),  # another unit: left out
        target(2, 0.5, 2021, kind="change"),  # 提高0.5个百分点: not a level
        target(2, 60, 2025, canonical="万人发明专利拥有量", unit="件"),
    ]


def test_series_group_documents_and_scopes_with_one_colour_per_document():
    data = build_chart_data(sample_targets(), RD, TITLES)
    assert data.unit == "%"
    assert data.undated == 1
    points = sorted((p.target.doc_id, p.year, p.value) for p in data.points())
    assert points == [(1, 2018, 2.6), (1, 2020, 2.95), (1, 2020, 3.9), (2, 2022, 3.2)]
    by_scope = {(s.doc_id, s.scope): s for s in data.series}
    assert set(by_scope) == {(1, "甲市"), (1, "甲高新区"), (1, ""), (2, "")}
    assert by_scope[(1, "甲市")].color == by_scope[(1, "甲高新区")].color == by_scope[(1, "")].color
    assert by_scope[(1, "")].color != by_scope[(2, "")].color
    assert by_scope[(1, "甲市")].main and by_scope[(1, "")].main
    assert not by_scope[(1, "甲高新区")].main
    assert data.year_range() == (2018, 2022)
    assert data.value_range() == (2.6, 3.9)


def test_unknown_indicator_gives_empty_chart():
    data = build_chart_data(sample_targets(), "不存在的指标", TITLES)
    assert data.series == [] and data.points() == []


@pytest.mark.parametrize(("low", "high"), [(2.6, 3.9), (0, 1), (15, 3000), (0.02, 0.07), (5, 5)])
def test_nice_ticks_cover_the_range_with_even_steps(low, high):
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1 and 2 <= len(ticks) <= 12


def test_rendered_chart_uses_the_series_colours(qapp):
    data = build_chart_data(sample_targets(), RD, TITLES)
    image = render_chart_image(data, QSize(900, 500))
    assert image.size() == QSize(900, 500)
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(0, image.height(), 2)}
    for series in data.series:
        assert QColor(series.color).name() in colours


def test_widget_tooltip_lists_points(qtbot):
    widget = ChartWidget()
    qtbot.addWidget(widget)
    widget.set_data(build_chart_data(sample_targets(), RD, TITLES))
    assert "2022 3.2" in widget.toolTip()
    widget.resize(700, 400)
    assert not widget.grab().isNull()
