"""Policy-intelligence data for the GUI: background loaders, unit task lists and their export.

The loaders are runner ops (`fn(library, job)`) over one shared `PolicyExtractor` per window;
they return plain results so the widgets only ever touch finished data on the GUI thread.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QCompleter

from zcx_desktop.core.extract import Citation, Duty, PolicyExtractor, Target, build_matrix
from zcx_desktop.core.extract.model import ResponsibilityMatrix

log = logging.getLogger("zcx.ui.intel")

INTEL_LAYER = "intel"
INTEL_COLOR = QColor(255, 200, 80, 140)
TITLE_LIMIT = 14


@dataclass
class TargetsResult:
    """Every target of the library with the document titles."""

    targets: list[Target]
    titles: dict[int, str]


@dataclass
class DutiesResult:
    """Duties of a document set, their matrix, and the targets of the same documents."""

    doc_ids: list[int] | None
    duties: list[Duty]
    matrix: ResponsibilityMatrix
    targets: list[Target]
    titles: dict[int, str]
    clause_spans: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)

    def task_span(self, duty: Duty) -> tuple[int, int]:
        """The duty's clause from its start to the end of the responsibility text."""
        start, _end = self.clause_spans.get((duty.doc_id or 0, duty.clause_path), (duty.start, duty.end))
        return (min(start, duty.start), duty.end)

    def clause_span(self, duty: Duty) -> tuple[int, int]:
        """The whole clause of the duty (for excerpts in a briefing pack)."""
        start, end = self.clause_spans.get((duty.doc_id or 0, duty.clause_path), (duty.start, duty.end))
        return (min(start, duty.start), max(end, duty.end))


@dataclass
class CitationsResult:
    """What one document cites, who cites it, and the document titles."""

    doc_id: int
    cites: list[Citation]
    cited_by: list[Citation]
    titles: dict[int, str] = field(default_factory=dict)


@dataclass
class UnitTask:
    """One task of a unit: where, its role, deadline and the targets of that clause."""

    duty: Duty
    role: str
    doc_title: str
    targets: list[Target]


def make_searchable(combo: QComboBox) -> None:
    """An editable combo whose typed text filters its items (substring, popup)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)


def extractor_for(window: Any) -> PolicyExtractor:
    """The window's shared extractor (created once; caches results per content hash)."""
    extractor = getattr(window, "intel_extractor", None)
    if extractor is None:
        extractor = PolicyExtractor(window.library)
        window.intel_extractor = extractor
    return extractor


def document_titles(library: Any) -> dict[int, str]:
    return {doc.id: doc.meta.title or doc.original_name for doc in library.list_documents()}


def short_title(title: str, limit: int = TITLE_LIMIT) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def load_targets(extractor: PolicyExtractor):
    """Runner op: every target of the library."""

    def run(library: Any, job: Any) -> TargetsResult:
        titles = document_titles(library)
        targets: list[Target] = []
        for number, doc_id in enumerate(titles, start=1):
            if job.cancelled():
                break
            job.progress(number, len(titles), "")
            targets.extend(extractor.targets([doc_id]))
        return TargetsResult(targets, titles)

    return run


def load_duties(extractor: PolicyExtractor, doc_ids: list[int] | None):
    """Runner op: duties, matrix and targets of `doc_ids` (all documents when None/empty)."""

    def run(library: Any, job: Any) -> DutiesResult:
        titles = document_titles(library)
        wanted = [d for d in (doc_ids or titles) if d in titles]
        duties = extractor.duties(wanted) if wanted else []
        targets = extractor.targets(wanted) if wanted else []
        spans = {
            (doc_id, clause.path): (clause.start, clause.end)
            for doc_id in {d.doc_id for d in duties if d.doc_id is not None}
            for clause in library.get_clauses(doc_id)
        }
        return DutiesResult(doc_ids, duties, build_matrix(duties), targets, titles, spans)

    return run


def load_citations(extractor: PolicyExtractor, doc_id: int):
    """Runner op: cites and cited-by of one document."""

    def run(library: Any, job: Any) -> CitationsResult:
        titles = document_titles(library)
        return CitationsResult(doc_id, extractor.citations(doc_id), extractor.cited_by(doc_id), titles)

    return run


def targets_of_duty(duty: Duty, targets: list[Target]) -> list[Target]:
    """Targets written in the duty's clause (or its sub-clauses) of the same document."""
    path = duty.clause_path
    if not path:
        return []
    return [
        t for t in targets
        if t.doc_id == duty.doc_id and (t.clause_path == path or t.clause_path.startswith(path + "/"))
    ]


def unit_tasks(result: DutiesResult, unit: str) -> list[UnitTask]:
    """Every task `unit` leads or shares, in document order."""
    tasks = []
    for cell in result.matrix.tasks_of(unit):
        duty = cell.duty
        title = result.titles.get(duty.doc_id, "") if duty.doc_id is not None else ""
        tasks.append(UnitTask(duty, cell.role, title, targets_of_duty(duty, result.targets)))
    return tasks


def target_summary(target: Target) -> str:
    """`指标 达到 3.2%（2022）` as one short phrase."""
    when = str(target.year) if target.year else target.period
    value = target.value_text or f"{target.value:g}"
    text = f"{target.canonical or target.indicator} {target.comparator}{value}{target.unit}{target.qualifier}"
    return f"{text}（{when}）" if when else text


def unit_task_rows(tasks: list[UnitTask], role_labels: dict[str, str]) -> list[list[str]]:
    """Rows (document, clause, task, role, deadline, targets) for the list and its export."""
    return [
        [
            task.doc_title,
            task.duty.clause_path,
            task.duty.task,
            role_labels.get(task.role, task.role),
            task.duty.deadline,
            "；".join(target_summary(t) for t in task.targets),
        ]
        for task in tasks
    ]


def write_unit_tasks(path: Path, unit: str, headers: list[str], rows: list[list[str]]) -> Path:
    """Write the unit's task list as CSV (UTF-8 with BOM) or Markdown, by the file suffix."""
    from zcx_desktop.core.extract.tables import ExportError

    try:
        if path.suffix.lower() == ".csv":
            with open(path, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                writer.writerows(rows)
        else:
            path.write_text(unit_tasks_markdown(unit, headers, rows), encoding="utf-8")
    except OSError as err:
        raise ExportError(f"无法写入 {path}：{err}") from err
    return path


def unit_tasks_markdown(unit: str, headers: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"# {unit}", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def open_at(window: Any, doc_id: int, start: int, end: int | None = None) -> None:
    """Open the document in the reader at `start` and tint start..end (layer "intel")."""

    def show(reader: Any) -> None:
        if end is not None and end > start:
            reader.view.set_layer(INTEL_LAYER, [(start, end, INTEL_COLOR)])
        reader.jump_to_offset(start)

    window.raise_()
    window.activateWindow()
    existing = window.reader_for(doc_id)
    if existing is not None:
        window.open_document(doc_id)
        show(existing)
        return

    def when_opened(reader: Any) -> None:
        if reader.doc_id == doc_id:
            window.reader_opened.disconnect(when_opened)
            # the main window jumps after emitting; ours runs once layout settled
            QTimer.singleShot(0, lambda: show(reader))

    window.reader_opened.connect(when_opened)
    window.open_document(doc_id, offset=start)
