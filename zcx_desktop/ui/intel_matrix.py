"""Responsibility page: units × tasks matrix, a unit picker with search, and that unit's task list."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.intel_data import (
    DutiesResult,
    UnitTask,
    make_searchable,
    target_summary,
    unit_task_rows,
    unit_tasks,
)
from zcx_desktop.ui.intel_models import ROLE_COLORS, TARGET_ROLE, MatrixModel

log = logging.getLogger("zcx.ui.intel")

DUTY_ROLE = Qt.ItemDataRole.UserRole + 3
TASK_COLUMNS = ("document", "clause", "task", "role", "deadline", "targets")


def role_labels() -> dict[str, str]:
    return {role: tr(f"intel.role.{role}") for role in ROLE_COLORS}


def task_headers() -> list[str]:
    return [tr(f"intel.task.{name}") for name in TASK_COLUMNS]


class MatrixPage(QWidget):
    """Signals: open_duty(Duty) on double-click; brief_requested(str unit, list[UnitTask])."""

    open_duty = Signal(object)
    brief_requested = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intelMatrixPage")
        self.result: DutiesResult | None = None
        self.tasks: list[UnitTask] = []
        self.model = MatrixModel(self)
        self.matrix_view = self._build_matrix_view()
        self.unit_label = QLabel()
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("intelUnitCombo")
        make_searchable(self.unit_combo)
        self.unit_combo.setMinimumContentsLength(16)
        self.unit_combo.currentIndexChanged.connect(lambda _: self.show_unit(self.current_unit()))
        self.summary = QLabel()
        self.brief_button = QPushButton()
        self.brief_button.setObjectName("intelUnitBrief")
        self.brief_button.clicked.connect(self._request_brief)
        self.task_tree = self._build_task_tree()
        self.legend = QLabel()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.unit_label)
        top.addWidget(self.unit_combo)
        top.addWidget(self.summary, 1)
        top.addWidget(self.brief_button)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.task_tree)
        matrix_box = QWidget()
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.legend)
        matrix_layout.addWidget(self.matrix_view, 1)
        splitter.addWidget(matrix_box)
        splitter.setSizes([320, 380])
        layout.addWidget(splitter, 1)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def _build_matrix_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("intelMatrixTable")
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setDefaultSectionSize(96)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.doubleClicked.connect(self._matrix_activated)
        view.verticalHeader().sectionClicked.connect(self._unit_header_clicked)
        return view

    def _build_task_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("intelUnitTasks")
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(True)
        tree.setColumnCount(len(TASK_COLUMNS))
        for column, width in enumerate((200, 80, 300, 60, 110)):
            tree.setColumnWidth(column, width)
        tree.itemDoubleClicked.connect(self._task_activated)
        tree.itemActivated.connect(self._task_activated)
        return tree

    def retranslate(self, *_: object) -> None:
        self.unit_label.setText(tr("intel.unit"))
        line_edit = self.unit_combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(tr("intel.unit_placeholder"))
        self.brief_button.setText(tr("intel.unit_brief"))
        self.task_tree.setHeaderLabels(task_headers())
        marks = "　".join(
            f"<span style='background:{color.name()};color:white'>&nbsp;{tr(f'intel.role.{role}')}&nbsp;</span>"
            for role, color in ROLE_COLORS.items()
        )
        self.legend.setText(f"{tr('intel.matrix_hint')}　{marks}")
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))
        if self.result is not None:
            self.show_unit(self.current_unit())

    def set_result(self, result: DutiesResult) -> None:
        """Show a new matrix, keeping the chosen unit when it is still there."""
        chosen = self.current_unit()
        self.result = result
        self.model.set_matrix(result.matrix, result.titles)
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        for unit in result.matrix.units:
            self.unit_combo.addItem(unit, unit)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(chosen)))
        self.unit_combo.blockSignals(False)
        self.show_unit(self.current_unit())

    def current_unit(self) -> str:
        return self.unit_combo.currentData() or ""

    def choose_unit(self, unit: str) -> bool:
        index = self.unit_combo.findData(unit)
        if index >= 0:
            self.unit_combo.setCurrentIndex(index)
        return index >= 0

    def show_unit(self, unit: str) -> None:
        """List every task of `unit` with role, deadline and the clause's targets."""
        self.task_tree.clear()
        self.tasks = unit_tasks(self.result, unit) if self.result and unit else []
        rows = unit_task_rows(self.tasks, role_labels())
        for task, row in zip(self.tasks, rows):
            item = QTreeWidgetItem(row)
            item.setData(0, DUTY_ROLE, task.duty)
            item.setToolTip(0, task.doc_title)
            item.setToolTip(2, task.duty.raw)
            item.setToolTip(5, "\n".join(target_summary(t) for t in task.targets))
            item.setForeground(3, ROLE_COLORS.get(task.role, Qt.GlobalColor.gray))
            self.task_tree.addTopLevelItem(item)
        leads = sum(t.role == "lead" for t in self.tasks)
        self.summary.setText(tr("intel.unit_summary", tasks=len(self.tasks), leads=leads) if unit else "")
        self.brief_button.setEnabled(bool(self.tasks))
        self.model.set_highlight(unit)
        if self.result and unit in self.result.matrix.units:
            self.matrix_view.scrollTo(self.model.index(self.result.matrix.units.index(unit), 0))

    def _matrix_activated(self, index: QModelIndex) -> None:
        duty = index.data(TARGET_ROLE)
        if duty is None and self.result and index.column() < len(self.result.matrix.tasks):
            duty = self.result.matrix.tasks[index.column()]
        if duty is not None:
            self.open_duty.emit(duty)

    def _unit_header_clicked(self, section: int) -> None:
        if self.result and section < len(self.result.matrix.units):
            self.choose_unit(self.result.matrix.units[section])

    def _task_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        duty = item.data(0, DUTY_ROLE)
        if duty is not None:
            self.open_duty.emit(duty)

    def _request_brief(self) -> None:
        if self.tasks:
            self.brief_requested.emit(self.current_unit(), list(self.tasks))

    def choose_task_list_file(self, unit: str) -> Path | None:
        """Ask where to save the unit's task list (Markdown or CSV)."""
        path, _ = QFileDialog.getSaveFileName(
            self, tr("intel.unit_brief"), str(Path.home() / f"{unit}{tr('intel.task_list_suffix')}.md"),
            "Markdown (*.md);;CSV (*.csv)")
        return Path(path) if path else None
