"""Views over extraction results: targets table/series, responsibility matrix, CSV/XLSX export."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zcx_desktop.core.errors import KnownError
from zcx_desktop.core.extract.model import Duty, MatrixCell, ResponsibilityMatrix, Target

TARGET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "文档"),
    ("doc_title", "文件"),
    ("clause_path", "条款"),
    ("indicator", "指标（原文）"),
    ("canonical", "统一指标"),
    ("comparator", "表述"),
    ("value", "数值"),
    ("unit", "单位"),
    ("qualifier", "限定"),
    ("year", "年份"),
    ("period", "期限"),
    ("scope", "范围"),
    ("kind", "类型"),
    ("sentence", "原句"),
)
ROLE_LABELS = {"lead": "牵头", "responsible": "责任", "cooperate": "配合"}


class ExportError(KnownError):
    """The export file cannot be written."""


@dataclass
class SeriesPoint:
    """One value of an indicator in one document (a chart point: year × value)."""

    doc_id: int | None
    year: int | None
    value: float
    unit: str
    scope: str
    target: Target


def indicator_key(target: Target) -> str:
    """What a targets table groups by: the canonical name, else the indicator as written."""
    return target.canonical or target.indicator


def indicator_series(targets: Iterable[Target], indicator: str) -> list[SeriesPoint]:
    """Every level target of one indicator across documents, sorted by year (for a chart)."""
    points = [
        SeriesPoint(t.doc_id, t.year, t.value, t.unit, t.scope, t)
        for t in targets
        if indicator_key(t) == indicator and t.kind == "level"
    ]
    return sorted(points, key=lambda p: (p.year or 0, p.doc_id or 0))


def targets_by_indicator(targets: Iterable[Target]) -> dict[str, dict[int | None, list[Target]]]:
    """indicator -> document -> targets: the indicator × document table."""
    table: dict[str, dict[int | None, list[Target]]] = defaultdict(lambda: defaultdict(list))
    for target in targets:
        table[indicator_key(target)][target.doc_id].append(target)
    return {key: dict(value) for key, value in table.items()}


def build_matrix(duties: Sequence[Duty]) -> ResponsibilityMatrix:
    """Units × tasks; units ordered by how many tasks they lead, then share."""
    matrix = ResponsibilityMatrix(tasks=list(duties))
    lead_count: dict[str, int] = defaultdict(int)
    all_count: dict[str, int] = defaultdict(int)
    for index, duty in enumerate(duties):
        for unit in duty.units:
            previous = matrix.cells.get((unit.name, index))
            if previous is None or (previous.role != "lead" and unit.role == "lead"):
                matrix.cells[(unit.name, index)] = MatrixCell(unit.role, duty)
    for (name, _index), cell in matrix.cells.items():
        all_count[name] += 1
        lead_count[name] += cell.role == "lead"
    matrix.units = sorted(all_count, key=lambda n: (-lead_count[n], -all_count[n], n))
    return matrix


def target_rows(
    targets: Iterable[Target], titles: dict[int, str] | None = None
) -> list[list[object]]:
    """Rows for CSV/XLSX in TARGET_COLUMNS order."""
    titles = titles or {}
    rows: list[list[object]] = []
    for target in targets:
        data = target.to_json()
        data["doc_title"] = titles.get(target.doc_id, "") if target.doc_id is not None else ""
        rows.append(
            ["" if data.get(key) is None else data.get(key) for key, _label in TARGET_COLUMNS]
        )
    return rows


def export_targets_csv(
    targets: Iterable[Target], path: Path, titles: dict[int, str] | None = None
) -> Path:
    """UTF-8 with BOM so Excel opens the Chinese text correctly."""
    try:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([label for _key, label in TARGET_COLUMNS])
            writer.writerows(target_rows(targets, titles))
    except OSError as err:
        raise ExportError(f"无法写入 {path}：{err}") from err
    return path


def export_targets_xlsx(
    targets: Iterable[Target], path: Path, titles: dict[int, str] | None = None
) -> Path:
    """One sheet of targets (numbers as numbers, header frozen and filterable)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "指标"
    sheet.append([label for _key, label in TARGET_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in target_rows(targets, titles):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {"指标（原文）": 30, "统一指标": 30, "原句": 80, "文件": 30}
    for index, (_key, label) in enumerate(TARGET_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = widths.get(label, 12)
    try:
        workbook.save(path)
    except OSError as err:
        raise ExportError(f"无法写入 {path}：{err}") from err
    return path


def matrix_rows(matrix: ResponsibilityMatrix) -> list[list[str]]:
    """The matrix as text rows: header of tasks, then one row per unit (牵头/责任/配合 or empty)."""
    header = ["单位"] + [f"{d.clause_path} {d.task}".strip() for d in matrix.tasks]
    rows = [header]
    for unit in matrix.units:
        rows.append(
            [unit] + [ROLE_LABELS.get(matrix.role(unit, i), "") for i in range(len(matrix.tasks))]
        )
    return rows
