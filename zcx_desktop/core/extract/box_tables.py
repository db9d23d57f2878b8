"""Box-drawn text tables whose header cells wrap over several lines and whose lower header
row splits a column of the upper one.

    │    │  PM2.5平均浓度   │ 优良天数比率 │        two lines between rules: one row,
    │区域│  （微克/立方米） │  （%）       │        each cell read top to bottom
    │    ├──────┬───────────┼──────────────┤        ┬: a new boundary, the column above splits
    │    │2026年│ 2027年目标│ 2027年目标   │

`logical_rows` joins the wrapped lines of a header into one row; `span_map` tells which upper
column each lower column sits under, from the junctions of the rule drawn between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from zcx_desktop.core.extract.text import Paragraph, is_table_rule, table_cells

_BOX_ROW_RE = re.compile(r"^\s*[│┃]")
_VALUE_CELL_RE = re.compile(r"^(?!(?:19|20)\d{2}\s*年)[≥≤<>＜＞约]?\s*\d")  # not 2026年 headings
_JUNCTIONS = "│┃├┤┬┴┼╠╣╦╩╬"
_NEW_BELOW = "┬╦"  # a boundary that starts at this rule: the column above it splits


@dataclass
class Row:
    """A paragraph of the text, or wrapped box-table lines read as one row."""

    paragraph: Paragraph
    cells: list[str]
    rule_before: str = ""  # the rule line drawn right above the row, if any
    joined: list[int] = field(default_factory=list)  # starts of the wrapped lines joined in


def logical_rows(paragraphs: Sequence[Paragraph]) -> Iterator[Row]:
    """Every paragraph as a Row (cells [] when it is no table row), except that in the header of
    a box table (before its first row with figures) consecutive lines with the same number of
    cells and no rule between them come as one Row, their cells joined top to bottom."""
    pending: Row | None = None
    rule = ""
    in_header = True
    for paragraph in paragraphs:
        cells = table_cells(paragraph.text)
        ruled = is_table_rule(paragraph.text)
        wordy = (
            not ruled
            and in_header
            and bool(_BOX_ROW_RE.match(paragraph.text))
            and not _has_figures(cells)
        )
        if pending is not None and wordy and len(cells) == len(pending.cells):
            pending.cells = [a + b for a, b in zip(pending.cells, cells)]
            pending.joined.append(paragraph.start)
            continue
        if pending is not None:
            yield pending
            pending = None
        if wordy:
            pending = Row(paragraph, cells, rule)
        else:
            yield Row(paragraph, [] if ruled else cells, rule)
        if not ruled:
            in_header = not cells or (in_header and not _has_figures(cells))
        rule = paragraph.text if ruled else ""
    if pending is not None:
        yield pending


def _has_figures(cells: list[str]) -> bool:
    return any(_VALUE_CELL_RE.match(cell.strip()) for cell in cells)


def span_map(rule: str) -> list[int] | None:
    """For each column below `rule`, the index of the column above it ([0, 1, 1, 2] when the
    second column splits in two at a ┬); None when nothing splits."""
    marks = [ch for ch in rule.strip() if ch in _JUNCTIONS]
    inner = marks[1:-1]
    if not any(ch in _NEW_BELOW for ch in inner):
        return None
    above = 0
    mapping = [0]
    for mark in inner:
        if mark not in _NEW_BELOW:
            above += 1
        mapping.append(above)
    return mapping
