"""The policy-intelligence window: document scope, then tabs 指标汇总 / 指标图表 / 责任矩阵.

Extraction runs through the main window's runner; each load carries a job id and results of
older loads are dropped. Double-clicks open the source clause in the main window's reader.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from zcx_desktop.core.extract import Duty, Target
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.intel_data import (
    DutiesResult,
    TargetsResult,
    UnitTask,
    extractor_for,
    load_duties,
    load_targets,
    open_at,
    unit_task_rows,
    write_unit_tasks,
)
from zcx_desktop.ui.intel_matrix import MatrixPage, role_labels, task_headers
from zcx_desktop.ui.intel_targets import SCOPE_SELECTED, ChartPage, DocumentScopeCombo, TargetsPage

log = logging.getLogger("zcx.ui.intel")

TABS = ("targets", "chart", "matrix")


class IntelWindow(QWidget):
    """Top-level window over the main window's library (one per main window)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("intelWindow")
        self.window_ = window
        self.latest: dict[str, int] = {"targets": 0, "duties": 0}
        self.jobs: dict[str, Any] = {}  # running loads, cancelled when a newer one starts
        self.result: TargetsResult | None = None
        self.duties: DutiesResult | None = None
        self.stale = True
        self.scope_label = QLabel()
        self.scope_combo = DocumentScopeCombo()
        self.scope_combo.setObjectName("intelDocScope")
        self.scope_combo.currentIndexChanged.connect(lambda _: self.apply_scope())
        self.status = QLabel()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.targets_page = TargetsPage(window)
        self.chart_page = ChartPage()
        self.matrix_page = MatrixPage()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("intelTabs")
        for page in (self.targets_page, self.chart_page, self.matrix_page):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.scope_label)
        row.addWidget(self.scope_combo)
        row.addWidget(self.status, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        self.targets_page.open_target.connect(self.open_target)
        self.targets_page.indicator_chosen.connect(self.chart_page.choose_indicator)
        self.matrix_page.open_duty.connect(self.open_duty)
        self.matrix_page.brief_requested.connect(self.unit_brief)
        window.documents_loaded.connect(self._library_listed)
        window.library_pane.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        language_signal().changed.connect(self.retranslate)
        self.resize(1240, 780)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self.setWindowTitle(tr("intel.window_title"))
        self.scope_label.setText(tr("intel.docs_label"))
        self.scope_combo.retranslate(len(self.window_.library_pane.selected_ids()))
        self.scope_combo.setToolTip(tr("intel.docs_tooltip"))
        self.refresh_button.setText(tr("intel.refresh"))
        for index, key in enumerate(TABS):
            self.tabs.setTabText(index, tr(f"intel.tab.{key}"))

    def show_tab(self, key: str) -> None:
        """Show the window on one tab, loading data when it is missing or out of date."""
        self.tabs.setCurrentIndex(TABS.index(key))
        self.show()
        self.raise_()
        self.activateWindow()
        if self.stale:
            self.reload()

    # -- loading --------------------------------------------------------------------
    def scope_doc_ids(self) -> list[int] | None:
        if self.scope_combo.scope() == SCOPE_SELECTED:
            return self.window_.library_pane.selected_ids()
        return None

    def reload(self) -> None:
        """Extract targets (all documents) and duties (documents in scope) in the background."""
        self.stale = False
        self.status.setText(tr("intel.loading"))
        extractor = extractor_for(self.window_)
        self._cancel("targets")
        job = self.window_.runner.run(load_targets(extractor), label="intel-targets",
                                      on_done=lambda r: self._targets_loaded(job_id, r))
        job_id = self.latest["targets"] = job.id
        self.jobs["targets"] = job
        self.load_duties()

    def load_duties(self) -> None:
        extractor = extractor_for(self.window_)
        self._cancel("duties")
        job = self.window_.runner.run(load_duties(extractor, self.scope_doc_ids()), label="intel-duties",
                                      on_done=lambda r: self._duties_loaded(job_id, r))
        job_id = self.latest["duties"] = job.id
        self.jobs["duties"] = job

    def _cancel(self, kind: str) -> None:
        previous = self.jobs.pop(kind, None)
        if previous is not None and not previous.finished:
            previous.cancel()

    def _targets_loaded(self, job_id: int, result: TargetsResult) -> None:
        if job_id != self.latest["targets"]:
            return
        self.result = result
        self.targets_page.set_targets(result.targets, result.titles)
        self.apply_scope(reload_duties=False)
        self.status.setText(tr("intel.loaded", targets=len(result.targets), docs=len(result.titles)))

    def _duties_loaded(self, job_id: int, result: DutiesResult) -> None:
        if job_id != self.latest["duties"]:
            return
        self.duties = result
        self.matrix_page.set_result(result)

    def apply_scope(self, reload_duties: bool = True) -> None:
        """Apply the document scope to the table and the chart (and reload the matrix)."""
        doc_ids = self.scope_doc_ids()
        self.scope_combo.retranslate(len(self.window_.library_pane.selected_ids()))
        self.targets_page.set_doc_ids(doc_ids)
        if self.result is not None:
            wanted = set(doc_ids) if doc_ids is not None else None
            targets = [t for t in self.result.targets if wanted is None or t.doc_id in wanted]
            self.chart_page.set_targets(targets, self.result.titles)
        if reload_duties and self.isVisible():
            self.load_duties()

    def _selection_changed(self) -> None:
        self.scope_combo.retranslate(len(self.window_.library_pane.selected_ids()))
        if self.scope_combo.scope() == SCOPE_SELECTED:
            self.apply_scope()

    def _library_listed(self, _documents: list) -> None:
        self.stale = True
        if self.isVisible():
            self.reload()

    # -- actions ----------------------------------------------------------------------
    def open_target(self, target: Target) -> None:
        if target.doc_id is not None:
            open_at(self.window_, target.doc_id, target.start, target.end)

    def open_duty(self, duty: Duty) -> None:
        """Open the task's clause, tinted from its start to the responsible units."""
        if duty.doc_id is None:
            return
        start, end = self.duties.task_span(duty) if self.duties else (duty.start, duty.end)
        open_at(self.window_, duty.doc_id, start, end)

    def unit_brief(self, unit: str, tasks: list[UnitTask]) -> None:
        """Turn the unit's tasks into a briefing pack (PDF) or a Markdown/CSV list."""
        from zcx_desktop.ui.intel_brief import choose_unit_brief_file, composer_of, send_to_composer

        composer = composer_of(self.window_)
        if composer is not None:
            spans = self.duties.clause_span if self.duties else (lambda d: (d.start, d.end))
            return send_to_composer(composer, unit, tasks, spans, task_headers(),
                                    unit_task_rows(tasks, role_labels()))
        path = choose_unit_brief_file(self, unit)
        if path is not None:
            self.export_unit_brief(unit, tasks, path)

    def export_unit_brief(self, unit: str, tasks: list[UnitTask], path: Path):
        """Write the unit's task list to `path` in the background (format by suffix); returns the job."""
        from zcx_desktop.ui.intel_brief import export_unit_brief

        headers, rows = task_headers(), unit_task_rows(tasks, role_labels())
        subtitle = tr("intel.brief_subtitle", count=len(tasks))

        def run(library, job):
            if path.suffix.lower() == ".pdf":
                return export_unit_brief(unit, subtitle, headers, rows, path)
            return write_unit_tasks(path, unit, headers, rows)

        return self.window_.runner.run(run, label="intel-unit-brief",
                                       on_done=lambda p: self.status.setText(tr("intel.exported", path=str(p))))
