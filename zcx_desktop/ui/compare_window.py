"""The comparison window: two documents (or two clauses) side by side, rows aligned, changes to step through.

Top: titles, previous/next change (Shift+F7 / F7), filters, similar clauses, export.
Middle: the aligned table (status | A clause | A text | B clause | B text) and the change list.
Comparisons run in the background with progress and cancel; results of a superseded run are dropped.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.compare import ComparisonCancelled
from zcx_desktop.ui.compare_actions import RowActions
from zcx_desktop.ui.compare_export import short
from zcx_desktop.ui.compare_model import (
    A_PATH,
    A_TEXT,
    B_PATH,
    B_TEXT,
    STATUS_COLUMN,
    ComparisonModel,
    DiffDelegate,
    is_change,
    soft_selection,
)
from zcx_desktop.ui.compare_ops import (
    ComparisonResult,
    compare_clauses_op,
    compare_documents_op,
)
from zcx_desktop.ui.compare_render import STATUS_COLORS
from zcx_desktop.ui.i18n import language_signal, tr

log = logging.getLogger("zcx.ui.compare")

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
SIMILAR_SHORTCUT = "Ctrl+Shift+M"  # as the main window's 相似条款 action
STATUS_ORDER = ("changed", "added", "deleted", "moved", "split", "merged", "same")


class ComparisonWindow(RowActions, QWidget):
    """Side-by-side comparison of A (reference / older) and B (other / newer)."""

    def __init__(self, main_window: Any) -> None:
        super().__init__(main_window, Qt.WindowType.Window)
        self.setObjectName("comparisonWindow")
        self.main = main_window
        self.job: Any = None
        self.request: tuple = ()
        self.result: ComparisonResult | None = None
        self.message = ""
        self._build_widgets()
        self._build_layout()
        self._connect()
        language_signal().changed.connect(self.retranslate)
        bridge = getattr(main_window, "bridge", None)
        if bridge is not None:
            bridge.event.connect(self._library_changed)
        self.retranslate()
        self.resize(1360, 820)

    # -- construction --------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.title_label = QLabel()
        self.title_label.setObjectName("compareTitles")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.swap_button = QPushButton()
        self.prev_button, self.next_button = QPushButton(), QPushButton()
        self.only_changes = QCheckBox()
        self.only_changes.setObjectName("compareOnlyChanges")
        self.only_numbers = QCheckBox()
        self.only_numbers.setObjectName("compareOnlyNumbers")
        self.similar_button = QPushButton()
        self.html_button, self.csv_button, self.brief_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.progress = QProgressBar()
        self.progress.setObjectName("compareProgress")
        self.cancel_button = QPushButton()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("compareSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        self.model = ComparisonModel(self)
        self.table = QTableView()
        self.table.setObjectName("compareTable")
        self.table.setModel(self.model)
        self.delegate = DiffDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in (
            (STATUS_COLUMN, QHeaderView.ResizeMode.Fixed),
            (A_PATH, QHeaderView.ResizeMode.Interactive),
            (A_TEXT, QHeaderView.ResizeMode.Stretch),
            (B_PATH, QHeaderView.ResizeMode.Interactive),
            (B_TEXT, QHeaderView.ResizeMode.Stretch),
        ):
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(STATUS_COLUMN, 64)
        self.table.setColumnWidth(A_PATH, 118)
        self.table.setColumnWidth(B_PATH, 118)
        self.changes = QListWidget()
        self.changes.setObjectName("compareChanges")
        self.changes.setWordWrap(True)
        self.relayout_timer = QTimer(self, singleShot=True, interval=60, timeout=self._fit_rows)
        soft_selection(self.table, self.palette())
        soft_selection(self.changes, self.palette())

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.swap_button)
        tools = QHBoxLayout()
        for widget in (self.prev_button, self.next_button, self.only_changes, self.only_numbers):
            tools.addWidget(widget)
        tools.addStretch(1)
        for widget in (self.similar_button, self.html_button, self.csv_button, self.brief_button):
            tools.addWidget(widget)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy)
        busy.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.changes)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1100, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        self.busy_row.hide()

    def _connect(self) -> None:
        self.swap_button.clicked.connect(self.swap)
        self.prev_button.clicked.connect(lambda: self.step_change(-1))
        self.next_button.clicked.connect(lambda: self.step_change(1))
        self.only_changes.toggled.connect(self._apply_filters)
        self.only_numbers.toggled.connect(self._apply_filters)
        self.similar_button.clicked.connect(self.show_similar)
        self.html_button.clicked.connect(lambda: self.export("html"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.brief_button.clicked.connect(self.add_to_brief)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.clicked.connect(self._cell_clicked)
        self.table.doubleClicked.connect(self._cell_double_clicked)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.relayout_timer.start())
        self.table.selectionModel().currentRowChanged.connect(self._sync_change_list)
        self.changes.currentItemChanged.connect(self._change_picked)
        self.next_shortcut = QShortcut(QKeySequence("F7"), self, lambda: self.step_change(1))
        self.prev_shortcut = QShortcut(QKeySequence("Shift+F7"), self, lambda: self.step_change(-1))
        self.similar_shortcut = QShortcut(QKeySequence(SIMILAR_SHORTCUT), self, self.show_similar)

    def retranslate(self, *_: object) -> None:
        self.setWindowTitle(tr("compare.window.title"))
        self.swap_button.setText(tr("compare.swap"))
        self.prev_button.setText(tr("compare.prev") + " (Shift+F7)")
        self.next_button.setText(tr("compare.next") + " (F7)")
        self.only_changes.setText(tr("compare.filter.changes"))
        self.only_numbers.setText(tr("compare.filter.numbers"))
        self.similar_button.setText(tr("compare.similar.button"))
        self.html_button.setText(tr("compare.export.html"))
        self.csv_button.setText(tr("compare.export.csv"))
        self.brief_button.setText(tr("compare.export.brief"))
        self.cancel_button.setText(tr("compare.cancel"))
        has_composer = getattr(self.main, "brief_composer", None) is not None
        self.brief_button.setToolTip("" if has_composer else tr("compare.export.no_composer"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self.delegate.clear_cache()
        metrics = self.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(tr(f"compare.status.{k}")) for k in STATUS_ORDER)
        self.table.setColumnWidth(STATUS_COLUMN, max(56, widest + 26))
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
            self._fill_change_list()
            self._sync_change_list(self.table.currentIndex(), QModelIndex())
            self.relayout_timer.start()
        self._show_result_texts()

    # -- running ------------------------------------------------------------------------------
    def compare_documents(self, doc_a: int, doc_b: int) -> None:
        """Compare two library documents (A = reference, B = other) in the background."""
        self.request = ("documents", doc_a, doc_b)
        self._start(compare_documents_op(doc_a, doc_b))

    def compare_clauses(self, doc_a: int, path_a: str, doc_b: int, path_b: str) -> None:
        """Compare one clause of A with one clause of B."""
        self.request = ("clauses", doc_a, path_a, doc_b, path_b)
        self._start(compare_clauses_op(doc_a, path_a, doc_b, path_b))

    def swap(self) -> None:
        if not self.request:
            return
        if self.request[0] == "documents":
            self.compare_documents(self.request[2], self.request[1])
        else:
            _kind, doc_a, path_a, doc_b, path_b = self.request
            self.compare_clauses(doc_b, path_b, doc_a, path_a)

    def _start(self, op: Any) -> None:
        if self.job is not None:
            self.job.cancel()
        holder: dict[str, int] = {}
        self.job = self.main.runner.run(
            op,
            on_done=lambda result: self._finished(holder["id"], result),
            on_failed=lambda failure: self._failed(holder["id"], failure),
            on_progress=lambda done, total, _text: self._progressed(holder["id"], done, total),
            label="compare",
        )
        holder["id"] = self.job.id
        self.progress.setRange(0, 0)
        self.busy_row.show()
        self.message = tr("compare.running")
        self._show_result_texts()

    def _library_changed(self, kind: str, doc_ids: list) -> None:
        """Re-run when a compared document was re-imported; clear when it was deleted."""
        if not self.request or kind not in ("replaced", "removed"):
            return
        involved = {self.request[1], self.request[-2 if self.request[0] == "clauses" else 2]}
        if not involved & set(doc_ids):
            return
        if kind == "replaced":
            if self.request[0] == "documents":
                self.compare_documents(self.request[1], self.request[2])
            else:
                self.compare_clauses(*self.request[1:])
            return
        self.cancel()
        self.job, self.request, self.result = None, (), None
        self.model.set_comparison(None)
        self.changes.clear()
        self.busy_row.hide()
        self.message = tr("compare.document_removed")
        self._show_result_texts()

    def is_busy(self) -> bool:
        return self.job is not None

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, job_id: int, done: int, total: int) -> None:
        if self.job is not None and job_id == self.job.id and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finished(self, job_id: int, result: ComparisonResult) -> None:
        if self.job is None or job_id != self.job.id:
            log.debug("dropped stale comparison %s", job_id)
            return
        self.job = None
        self.busy_row.hide()
        self.result = result
        self.message = ""
        self.delegate.clear_cache()
        self.model.set_comparison(result.comparison, result.annotations)
        self._fill_change_list()
        self._show_result_texts()
        self._fit_rows()
        first = next(
            (r for r in range(self.model.rowCount()) if is_change(self.model.row_at(r))), 0
        )
        if self.model.rowCount():
            self.select_row(first)

    def _failed(self, job_id: int, failure: Any) -> None:
        if self.job is None or job_id != self.job.id:
            return
        self.job = None
        self.busy_row.hide()
        if isinstance(failure.error, ComparisonCancelled):
            self.message = tr("compare.cancelled")
            self._show_result_texts()
            return
        self.message = ""
        self._show_result_texts()
        self.main.errors.handle_failure(failure)

    # -- texts --------------------------------------------------------------------------------
    def _show_result_texts(self) -> None:
        comparison = self.result.comparison if self.result else None
        if comparison is None:
            self.title_label.setText(html.escape(self.message))
            self.summary_label.setText("")
        else:
            self.title_label.setText(self._titles_html(comparison))
            self.summary_label.setText(self._summary_html(comparison))
        for button in (self.html_button, self.csv_button, self.similar_button, self.swap_button):
            button.setEnabled(comparison is not None)
        self.brief_button.setEnabled(
            comparison is not None and getattr(self.main, "brief_composer", None) is not None
        )

    def _titles_html(self, comparison: Any) -> str:
        a = html.escape(short(comparison.a.title or "A", 44))
        b = html.escape(short(comparison.b.title or "B", 44))
        note = (
            f"<br><span style='color:palette(mid)'>{html.escape(self.message)}</span>"
            if self.message
            else ""
        )
        return f"<b>A</b>　{a}　<b>⇄</b>　<b>B</b>　{b}{note}"

    def _summary_html(self, comparison: Any) -> str:
        counts = comparison.summary.get("counts", {})
        chips = []
        for status in STATUS_ORDER:
            if counts.get(status):
                background, foreground = STATUS_COLORS[status]
                label = html.escape(tr(f"compare.status.{status}"))
                chips.append(
                    f"<span style='background:{background};color:{foreground}'>&nbsp;{label}&nbsp;{int(counts[status])}&nbsp;</span>"
                )
        numbers = len(comparison.number_changes)
        chips.append(
            f"<span style='background:#ffd166;color:#3b2a00'>&nbsp;{html.escape(tr('compare.summary.numbers', count=numbers))}&nbsp;</span>"
        )
        shown = tr("compare.summary.shown", shown=self.model.rowCount(), total=len(comparison.rows))
        return (
            "&nbsp;&nbsp;".join(chips)
            + f"&nbsp;&nbsp;&nbsp;<span style='color:palette(mid)'>{html.escape(shown)}</span>"
        )

    # -- rows, filters, change list ------------------------------------------------------------
    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()

    def _apply_filters(self, *_: object) -> None:
        current = self._current_source()
        self.model.set_filters(
            only_changes=self.only_changes.isChecked(), only_numbers=self.only_numbers.isChecked()
        )
        self._fill_change_list()
        self._fit_rows()
        self._show_result_texts()
        row = self.model.view_row_of(current) if current is not None else -1
        if row >= 0:
            self.select_row(row)

    def _current_source(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.visible[index.row()] if index.isValid() else None

    def _fill_change_list(self) -> None:
        self.changes.blockSignals(True)
        self.changes.clear()
        for view_row in range(self.model.rowCount()):
            row = self.model.row_at(view_row)
            if not is_change(row):
                continue
            path = row.b_path or row.a_path or ""
            text = f"{tr(f'compare.status.{row.status}')}　{path}"
            for change in row.number_changes:
                text += "\n" + tr("compare.chip.number", a=change.a, b=change.b)
            item = QListWidgetItem(text)
            item.setData(SOURCE_ROLE, self.model.visible[view_row])
            self.changes.addItem(item)
        self.changes.blockSignals(False)

    def select_row(self, view_row: int) -> None:
        index = self.model.index(view_row, STATUS_COLUMN)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def step_change(self, step: int) -> bool:
        """Select the next (step=1) or previous (step=-1) changed row; False when there is none."""
        rows = self.model.rowCount()
        current = (
            self.table.currentIndex().row()
            if self.table.currentIndex().isValid()
            else (-1 if step > 0 else rows)
        )
        row = current + step
        while 0 <= row < rows:
            if is_change(self.model.row_at(row)):
                self.select_row(row)
                return True
            row += step
        self.main.statusBar().showMessage(tr("compare.no_more_changes"), 3000)
        return False

    def _sync_change_list(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        source = self.model.visible[current.row()]
        self.changes.blockSignals(True)
        for i in range(self.changes.count()):
            if self.changes.item(i).data(SOURCE_ROLE) == source:
                self.changes.setCurrentRow(i)
                break
        else:
            self.changes.clearSelection()
        self.changes.blockSignals(False)

    def _change_picked(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            row = self.model.view_row_of(int(item.data(SOURCE_ROLE)))
            if row >= 0:
                self.select_row(row)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            soft_selection(self.table, self.palette())
            soft_selection(self.changes, self.palette())
            self.delegate.clear_cache()
            self.table.viewport().update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.relayout_timer.start()

    def closeEvent(self, event) -> None:
        self.cancel()
        super().closeEvent(event)
