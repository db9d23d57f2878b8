"""HTML tables as text rows: one tab-separated line per <tr>, laid out on the table's column grid.

A cell with colspan is followed by empty cells so later columns stay in place; a cell with
rowspan repeats its text in each row it covers, so every row reads whole. Cell text is one line.
"""

from __future__ import annotations

from collections.abc import Callable

CELL_TAGS = frozenset({"td", "th"})
MAX_SPAN = 100  # a hostile rowspan="100000" must not blow up the output


def table_rows(table, render_cell: Callable[[object], str]) -> list[str]:
    """The table's own rows (not those of nested tables) as tab-separated lines."""
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    lines: list[str] = []
    for row in _own_rows(table):
        cells: list[str] = []
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in CELL_TAGS:
                continue
            _fill_carried(cells, carried)
            text = render_cell(cell)
            column = len(cells)
            cells.append(text)
            cells.extend([""] * (_span(cell, "colspan") - 1))
            rows_down = _span(cell, "rowspan") - 1
            if rows_down:
                carried[column] = (rows_down, text)
        _fill_carried(cells, carried, to_end=True)
        line = "\t".join(cells).rstrip("\t")
        if line.strip():
            lines.append(line)
    return lines


def _fill_carried(
    cells: list[str], carried: dict[int, tuple[int, str]], to_end: bool = False
) -> None:
    """Put rowspan text in the columns it covers, from the current position onwards."""
    while len(cells) in carried or (to_end and any(c >= len(cells) for c in carried)):
        column = len(cells)
        if column not in carried:
            cells.append("")
            continue
        remaining, text = carried[column]
        cells.append(text)
        if remaining <= 1:
            del carried[column]
        else:
            carried[column] = (remaining - 1, text)


def _own_rows(table):
    """<tr> elements whose nearest enclosing table is this one."""
    for row in table.iter("tr"):
        parent = row.getparent()
        while parent is not None and parent.tag.lower() != "table":
            parent = parent.getparent()
        if parent is table:
            yield row


def _span(cell, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute) or 1), MAX_SPAN))
    except ValueError:
        return 1
