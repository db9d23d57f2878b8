"""Qt item models of policy intelligence: targets table (+ filter proxy) and responsibility matrix."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from zcx_desktop.core.extract import Target
from zcx_desktop.core.extract.model import ResponsibilityMatrix
from zcx_desktop.core.extract.tables import indicator_key
from zcx_desktop.ui.i18n import tr
from zcx_desktop.ui.intel_data import short_title

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TARGET_COLUMNS = ("indicator", "document", "scope", "comparator", "value", "unit", "year", "clause")
ROLE_COLORS = {
    "lead": QColor(214, 69, 65),
    "responsible": QColor(52, 120, 198),
    "cooperate": QColor(90, 150, 90),
}
HIGHLIGHT_COLOR = QColor(255, 236, 160, 150)
HEADER_LINE = 6
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


def task_header(path: str, task: str) -> str:
    """Clause path over the task cut into short lines (at most two), for a narrow column."""
    lines = [task[i:i + HEADER_LINE] for i in range(0, len(task), HEADER_LINE)][:2]
    if len(task) > HEADER_LINE * 2:
        lines[-1] = lines[-1][:-1] + "…"
    return "\n".join([path, *lines]) if path else "\n".join(lines)


def sentence_tooltip(target: Target) -> str:
    """The source sentence (rich text so Qt wraps it), with the written indicator in bold."""
    sentence = html.escape(target.sentence)
    written = html.escape(target.indicator)
    if written and written in sentence:
        sentence = sentence.replace(written, f"<b>{written}</b>", 1)
    path = html.escape(target.clause_path or tr("intel.preamble"))
    return f"<p style='white-space:pre-wrap'>{sentence}</p><p style='color:gray'>{path}</p>"


def year_text(target: Target) -> str:
    if target.year and target.period and str(target.year) not in target.period:
        return f"{target.year}（{target.period}）"
    return str(target.year) if target.year else target.period


class TargetsTableModel(QAbstractTableModel):
    """One row per target: indicator, document, scope, comparator, value, unit, year/period, clause."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.targets: list[Target] = []
        self.titles: dict[int, str] = {}

    def set_targets(self, targets: list[Target], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.targets = list(targets)
        self.titles = dict(titles)
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.targets)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(TARGET_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(f"intel.col.{TARGET_COLUMNS[section]}")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        target = self.targets[index.row()]
        column = TARGET_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(target, column)
        if role == SORT_ROLE:
            return self.sort_value(target, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "document":
                return self.titles.get(target.doc_id or 0, "")
            return sentence_tooltip(target)
        if role == TARGET_ROLE:
            return target
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, target: Target, column: str) -> str:
        if column == "indicator":
            return indicator_key(target)
        if column == "document":
            return short_title(self.titles.get(target.doc_id or 0, ""), 26)
        if column == "scope":
            return target.scope or tr("intel.scope_all")
        if column == "comparator":
            return target.comparator
        if column == "value":
            return (target.value_text or f"{target.value:g}") + target.qualifier
        if column == "unit":
            return target.unit
        if column == "year":
            return year_text(target)
        return target.clause_path

    def sort_value(self, target: Target, column: str):
        if column == "value":
            return float(target.value)
        if column == "year":
            return target.year or 0
        return self.display(target, column)


class TargetsFilterProxy(QSortFilterProxyModel):
    """Filters by indicator text (canonical or as written) and by a set of document ids."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.indicator_text = ""
        self.doc_ids: set[int] | None = None  # None: every document
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_indicator_text(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "indicator_text", text.strip()))

    def set_doc_ids(self, doc_ids: set[int] | None) -> None:
        self._change_filter(lambda: setattr(self, "doc_ids", doc_ids))

    def _change_filter(self, change) -> None:
        """Qt ≥ 6.9 wants begin/endFilterChange (invalidateFilter is deprecated there)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        target = self.source_targets()[source_row]
        if self.doc_ids is not None and target.doc_id not in self.doc_ids:
            return False
        wanted = self.indicator_text
        return not wanted or wanted in target.indicator or wanted in (target.canonical or "")

    def source_targets(self) -> list[Target]:
        source = self.sourceModel()
        return source.targets if isinstance(source, TargetsTableModel) else []

    def visible_targets(self) -> list[Target]:
        targets = self.source_targets()
        return [targets[self.mapToSource(self.index(row, 0)).row()] for row in range(self.rowCount())]


class MatrixModel(QAbstractTableModel):
    """Units (rows) × tasks (columns); cells are 牵头/责任/配合 marks."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matrix = ResponsibilityMatrix()
        self.titles: dict[int, str] = {}
        self.highlight = ""

    def set_highlight(self, unit: str) -> None:
        """Mark one unit's row (bold name, tinted empty cells)."""
        self.highlight = unit
        if self.matrix.units:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.matrix.units) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, max(0, self.columnCount() - 1)))

    def set_matrix(self, matrix: ResponsibilityMatrix, titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.titles = titles
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.matrix.units)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.matrix.tasks)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.matrix.units):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.matrix.units[section]
            if role == Qt.ItemDataRole.FontRole and self.matrix.units[section] == self.highlight:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if section >= len(self.matrix.tasks):
            return None
        duty = self.matrix.tasks[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return task_header(duty.clause_path, duty.task)
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self.titles.get(duty.doc_id or 0, "")
            return f"{html.escape(title)}<br><b>{html.escape(duty.clause_path)}</b> {html.escape(duty.task)}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        unit = self.matrix.units[index.row()]
        role_name = self.matrix.role(unit, index.column())
        if not role_name:
            if role == Qt.ItemDataRole.BackgroundRole and unit == self.highlight:
                return QBrush(HIGHLIGHT_COLOR)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(f"intel.role.{role_name}")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ROLE_COLORS.get(role_name, QColor("gray")))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            duty = self.matrix.tasks[index.column()]
            return f"{html.escape(unit)} · {tr(f'intel.role.{role_name}')}<br>{html.escape(duty.raw)}"
        if role == TARGET_ROLE:
            return self.matrix.tasks[index.column()]
        return None
