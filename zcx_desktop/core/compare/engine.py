"""Compare two sides: build units, align them, diff each aligned pair, collect number changes, summarise."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from zcx_desktop.core.compare.align import AlignmentInput, Group, align_units, same_content
from zcx_desktop.core.compare.model import AlignedRow, Comparison, NumberChange, Side, Unit
from zcx_desktop.core.compare.numbers import context_snippet, find_numbers, pair_numbers
from zcx_desktop.core.compare.textdiff import diff_texts
from zcx_desktop.core.compare.vectors import (
    bigram_counts,
    inverse_document_frequency,
    similarity_matrix,
    weigh,
)
from zcx_desktop.core.errors import KnownError

log = logging.getLogger("zcx.compare")

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

PREAMBLE_PATH = "前言"
COARSE_DIFF_BELOW = 0.45  # pairs less similar than this are diffed phrase by phrase


def build_units(side: Side) -> list[Unit]:
    """The comparable units of a side: the preamble (if any) and every clause's own text minus its label."""
    units: list[Unit] = []
    text = side.text
    first = side.clauses[0].start if side.clauses else len(text)
    preamble = _trimmed_span(text, 0, first)
    if preamble:
        units.append(
            Unit(
                0,
                PREAMBLE_PATH,
                "",
                "",
                1,
                PREAMBLE_PATH,
                *preamble,
                text[preamble[0] : preamble[1]],
            )
        )
    unit_of_clause: dict[int, int] = {}
    for position, clause in enumerate(side.clauses):
        body_start = clause.start
        if text.startswith(clause.label, body_start):
            body_start += len(clause.label)
        start, end = _trimmed_span(text, body_start, clause.body_end) or (body_start, body_start)
        unit_of_clause[position] = len(units)
        units.append(
            Unit(
                index=len(units),
                path=clause.path,
                label=clause.label,
                heading=clause.heading,
                level=clause.level,
                top=clause.path.split("/")[0],
                start=start,
                end=end,
                content=text[start:end],
                clause_index=position,
                parent_unit=unit_of_clause.get(clause.parent)
                if clause.parent is not None
                else None,
            )
        )
    return units


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in " \t\r\n\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\r\n\u3000":
        end -= 1
    return (start, end) if end > start else None


def compare_sides(
    a: Side, b: Side, progress: ProgressFn | None = None, cancelled: CancelFn | None = None
) -> Comparison:
    """Align and diff side A against side B (e.g. the old and the new version).

    `progress(done, total, message)` is called as rows are diffed; when `cancelled()` turns
    true the comparison stops with ComparisonCancelled.
    """
    started = time.perf_counter()
    a_units, b_units = build_units(a), build_units(b)
    data = _alignment_input(a_units, b_units)
    groups = align_units(data)
    _check(cancelled)
    rows = _rows_in_reading_order(
        a_units, b_units, groups, a, b, _Ticker(len(b_units), progress, cancelled)
    )
    comparison = Comparison(a=a, b=b, rows=rows, summary=summarise(rows, b_units))
    log.debug(
        "compared %d/%d units in %.3f s", len(a_units), len(b_units), time.perf_counter() - started
    )
    return comparison


def _alignment_input(a_units: list[Unit], b_units: list[Unit]) -> AlignmentInput:
    a_counts = [bigram_counts(u.content) for u in a_units]
    b_counts = [bigram_counts(u.content) for u in b_units]
    idf, _size = inverse_document_frequency(a_counts + b_counts)
    default_idf = max(idf.values(), default=1.0)
    a_vectors = [weigh(c, idf, default_idf) for c in a_counts]
    b_vectors = [weigh(c, idf, default_idf) for c in b_counts]
    matrix = similarity_matrix(a_vectors, b_vectors)
    return AlignmentInput(a_units, b_units, a_vectors, b_vectors, matrix, idf, default_idf)


class ComparisonCancelled(KnownError):
    """The user cancelled a running comparison."""

    def __init__(self) -> None:
        super().__init__("已取消比较")


def _check(cancelled: CancelFn | None) -> None:
    if cancelled is not None and cancelled():
        raise ComparisonCancelled()


class _Ticker:
    """Reports progress every few rows and honours cancellation."""

    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelFn | None) -> None:
        self.total, self.progress, self.cancelled = total, progress, cancelled

    def __call__(self, done: int) -> None:
        if done % 20 == 0 or done == self.total:
            _check(self.cancelled)
            if self.progress is not None:
                self.progress(done, self.total, "")


def _rows_in_reading_order(
    a_units: list[Unit],
    b_units: list[Unit],
    groups: list[Group],
    a: Side,
    b: Side,
    tick: _Ticker,
) -> list[AlignedRow]:
    """Rows follow B; a deleted A unit comes right after the row of its nearest in-order predecessor."""
    group_of_b = {j: g for g in groups for j in g.b}
    grouped_a = {i for g in groups for i in g.a}
    deleted = [i for i in range(len(a_units)) if i not in grouped_a]
    rows: list[AlignedRow] = []
    next_deleted = 0
    for j, unit in enumerate(b_units):
        tick(j)
        group = group_of_b.get(j)
        if group is None:
            rows.append(_single_row("added", [], [unit]))
            continue
        if group.b[0] != j:
            continue
        if group.in_order:
            while next_deleted < len(deleted) and deleted[next_deleted] < group.a[0]:
                rows.append(_single_row("deleted", [a_units[deleted[next_deleted]]], []))
                next_deleted += 1
        rows.append(_group_row(group, a_units, b_units, a, b))
    rows.extend(_single_row("deleted", [a_units[i]], []) for i in deleted[next_deleted:])
    tick(len(b_units))
    return rows


def _single_row(status: str, a_units: list[Unit], b_units: list[Unit]) -> AlignedRow:
    unit = (a_units or b_units)[0]
    op = "-" if a_units else "+"
    return AlignedRow(status, a_units, b_units, 0.0, [(op, unit.content)] if unit.content else [])


def _group_row(
    group: Group, a_units: list[Unit], b_units: list[Unit], a: Side, b: Side
) -> AlignedRow:
    left = [a_units[i] for i in group.a]
    right = [b_units[j] for j in group.b]
    a_text = "\n".join(u.content for u in left)
    b_text = "\n".join(u.content for u in right)
    identical = len(left) == len(right) == 1 and same_content(left[0], right[0])
    if group.kind != "pair":
        status = group.kind
    elif not group.in_order:
        status = "moved"
    else:
        status = "same" if identical else "changed"
    coarse = group.score < COARSE_DIFF_BELOW
    diff = [("=", a_text)] if a_text == b_text else diff_texts(a_text, b_text, coarse=coarse)
    changes = [] if identical else number_changes(left, right, a.text, b.text)
    return AlignedRow(
        status, left, right, min(1.0, group.score), diff, changes, content_changed=not identical
    )


def number_changes(
    left: list[Unit], right: list[Unit], a_text: str, b_text: str
) -> list[NumberChange]:
    """Numbers measuring the same thing whose values differ between the A units and the B units."""
    a_nums = [n for u in left for n in find_numbers(u.content, u.start)]
    b_nums = [n for u in right for n in find_numbers(u.content, u.start)]
    changes = []
    for old, new in pair_numbers(a_nums, b_nums):
        if old.value == new.value:
            continue
        changes.append(
            NumberChange(
                a=old.text,
                b=new.text,
                kind=old.kind,
                indicator=new.before or old.before or new.after or old.after,
                context=context_snippet(b_text, new.start, new.end),
                a_start=old.start,
                a_end=old.end,
                b_start=new.start,
                b_end=new.end,
                a_path=_path_at(left, old.start),
                b_path=_path_at(right, new.start),
            )
        )
    changes.sort(key=lambda c: c.b_start)
    return changes


def _path_at(units: list[Unit], offset: int) -> str:
    return next((u.path for u in units if u.start <= offset <= u.end), units[0].path)


def summarise(rows: list[AlignedRow], b_units: list[Unit]) -> dict[str, Any]:
    """Counts per status overall and per top-level section of B, plus every number change."""
    headings = {u.top: u.heading for u in b_units if u.path == u.top}
    totals: Counter[str] = Counter()
    sections: dict[str, Counter[str]] = {}
    current = b_units[0].top if b_units else ""
    for row in rows:
        if row.b_units:
            current = row.b_units[0].top
        totals[row.status] += 1
        sections.setdefault(current, Counter())[row.status] += 1
    return {
        "counts": dict(totals),
        "sections": [
            {"section": name, "heading": headings.get(name, ""), "counts": dict(counts)}
            for name, counts in sections.items()
        ],
        "number_changes": [
            {
                "a": c.a,
                "b": c.b,
                "context": c.context,
                "indicator": c.indicator,
                "a_path": c.a_path,
                "b_path": c.b_path,
            }
            for row in rows
            for c in row.number_changes
        ],
    }
