"""Composer choices → BriefingPack (documents, excerpts, targets/duties tables) and the export op.

Everything here runs in a background op (`export_op(request, out, fmt)` is a runner op); it
never touches widgets. Translated texts (table titles, headers) are filled in on the GUI
thread beforehand (`TableLabels`).
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zcx_desktop.core.export import (
    BriefingPack,
    ChartSpec,
    ExportError,
    ExportResult,
    PackOptions,
    TableSection,
    export_pack,
    pack_from_library,
)

log = logging.getLogger("zcx.ui.brief")

FORMAT_SUFFIXES = {"pdf": ".pdf", "md": ".md", "html": ".html"}
SUFFIX_ALIASES = {".htm": "html", ".markdown": "md"}
TARGET_WEIGHTS = [2.4, 1.4, 0.8, 1.2, 1.0, 2.2]
DUTY_WEIGHTS = [3.4, 1.4, 1.8, 1.0, 1.0, 2.0]


@dataclass
class TableLabels:
    """Titles and headers of the extracted tables, in the UI language."""

    targets_title: str = "主要目标指标"
    targets_headers: list[str] = field(default_factory=lambda: ["指标", "目标值", "年份", "范围", "条款", "文件"])
    duties_title: str = "责任分工"
    duties_headers: list[str] = field(default_factory=lambda: ["任务", "牵头单位", "责任单位", "完成时限", "条款", "文件"])


@dataclass
class ComposerRequest:
    """What the composer dialog asks for: documents in order, excerpts, options, extra tables."""

    doc_ids: list[int]
    options: PackOptions = field(default_factory=PackOptions)
    ranges_by_doc: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    use_ranges: bool = False  # print only the given excerpts of the documents that have some
    include_targets: bool = False
    include_duties: bool = False
    tables: list[TableSection] = field(default_factory=list)  # handed in by other views
    labels: TableLabels = field(default_factory=TableLabels)


def extraction_available() -> bool:
    """Whether the policy-intelligence package (targets, duties) is installed."""
    try:
        import zcx_desktop.core.extract  # noqa: F401
    except ImportError:
        return False
    return True


def document_titles(library: Any, doc_ids: list[int]) -> dict[int, str]:
    titles = {}
    for doc_id in doc_ids:
        meta = library.get_document(doc_id, with_text=False).meta
        titles[doc_id] = meta.title or meta.notice_title or f"#{doc_id}"
    return titles


def _target_value(target: Any) -> str:
    value = target.value_text or f"{target.value:g}"
    return f"{target.comparator}{value}{target.unit}{target.qualifier}"


def targets_table(extractor: Any, doc_ids: list[int], titles: dict[int, str], labels: TableLabels) -> TableSection | None:
    """One row per extracted target of the documents (None when there is none)."""
    targets = extractor.targets(doc_ids)
    rows = [
        [t.canonical or t.indicator, _target_value(t), str(t.year or t.period or ""), t.scope,
         t.clause_path, titles.get(t.doc_id, "")]
        for t in targets
    ]
    if not rows:
        return None
    return TableSection(
        labels.targets_title, list(labels.targets_headers), rows, col_widths=TARGET_WEIGHTS,
        chart=targets_chart(targets, titles),
    )


def targets_chart(targets: list[Any], titles: dict[int, str]) -> ChartSpec | None:
    """A bar chart of the indicator that the most documents set (level targets, one unit)."""
    by_indicator: dict[tuple[str, str], list[Any]] = {}
    for t in targets:
        if t.canonical and t.kind == "level":
            by_indicator.setdefault((t.canonical, t.unit), []).append(t)
    if not by_indicator:
        return None
    (name, unit), chosen = max(
        by_indicator.items(), key=lambda item: (len({t.doc_id for t in item[1]}), len(item[1]))
    )
    chosen = sorted(chosen, key=lambda t: (t.year or 0, t.doc_id or 0))[:12]
    labels = [
        f"{titles.get(t.doc_id, '')[:8]}{'·' + t.scope if t.scope else ''} {t.year or t.period or ''}".strip()
        for t in chosen
    ]
    return ChartSpec(f"{name}（{unit}）" if unit else name, labels, [t.value for t in chosen], unit)


def duties_table(extractor: Any, doc_ids: list[int], titles: dict[int, str], labels: TableLabels) -> TableSection | None:
    """One row per task clause with its lead and other responsible units (None when there is none)."""
    rows = []
    for duty in extractor.duties(doc_ids):
        others = [name for name in duty.unit_names if name not in duty.lead_units]
        rows.append([duty.task, "、".join(duty.lead_units), "、".join(others), duty.deadline,
                     duty.clause_path, titles.get(duty.doc_id, "")])
    if not rows:
        return None
    return TableSection(labels.duties_title, list(labels.duties_headers), rows, col_widths=DUTY_WEIGHTS)


def extracted_tables(library: Any, request: ComposerRequest) -> list[TableSection]:
    """The targets table and the responsibility table the request asks for (if extraction exists)."""
    if not (request.include_targets or request.include_duties) or not request.doc_ids:
        return []
    if not extraction_available():
        return []
    from zcx_desktop.core.extract import PolicyExtractor

    extractor = PolicyExtractor(library)
    titles = document_titles(library, request.doc_ids)
    tables = [
        targets_table(extractor, request.doc_ids, titles, request.labels) if request.include_targets else None,
        duties_table(extractor, request.doc_ids, titles, request.labels) if request.include_duties else None,
    ]
    return [table for table in tables if table is not None]


def _today() -> str:
    today = _dt.date.today()
    return f"{today.year}年{today.month}月{today.day}日"


def _tables_only_pack(options: PackOptions) -> BriefingPack:
    return BriefingPack(
        title=options.title or "参阅材料", subtitle=options.subtitle, unit=options.unit,
        date=options.date or _today(), classification=options.classification, copy_no=options.copy_no,
        watermark=options.watermark, author=options.author or options.unit, layout=options.layout,
        notes=options.notes, toc=options.toc, use_system_fonts=options.use_system_fonts,
        extra_sections=list(options.tables),
    )


def build_pack(library: Any, request: ComposerRequest) -> BriefingPack:
    """Read the chosen documents (with their annotations) and tables into a BriefingPack."""
    tables = [*request.tables, *extracted_tables(library, request)]
    options = replace(request.options, tables=tables)
    if not request.doc_ids:
        if not tables:
            raise ExportError("请至少选择一篇文档或一张表格")
        return _tables_only_pack(options)
    pack = pack_from_library(library, request.doc_ids, options)
    if request.use_ranges:
        for section in pack.sections:
            ranges = request.ranges_by_doc.get(section.doc_id or -1)
            if ranges:
                section.ranges = sorted(ranges)
    return pack


def format_of(path: Path, default: str = "pdf") -> str:
    """The export format a file name asks for (`default` for an unknown suffix)."""
    suffix = path.suffix.lower()
    known = {value: fmt for fmt, value in FORMAT_SUFFIXES.items()} | SUFFIX_ALIASES
    return known.get(suffix, default)


def with_suffix(path: Path, fmt: str) -> Path:
    """`path` ending in the suffix of `fmt` (appended when the user typed none or another one)."""
    return path if format_of(path, "") == fmt else path.with_name(path.name + FORMAT_SUFFIXES[fmt])


def export_op(request: ComposerRequest, out: Path, fmt: str):
    """A runner op writing the pack to `out`; returns the ExportResult."""

    def run(library: Any, job: Any) -> ExportResult:
        job.progress(0, 2, "pack")
        pack = build_pack(library, request)
        if job.cancelled():
            raise ExportError("已取消")
        job.progress(1, 2, "write")
        result = export_pack(pack, out, fmt)
        log.info("brief %s: %s pages, %s bytes, %.2f s", result.path, result.pages, result.bytes, result.seconds)
        return result

    return run
