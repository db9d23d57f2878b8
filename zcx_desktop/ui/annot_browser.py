"""The annotations browser: every annotation of the library in a sortable, filterable table.

Text filter through `store.find` (note and quote), layer and status filters, sort by any
column; double-click opens the document at the annotation.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.annotations import Annotation
from zcx_desktop.ui.annot_sidebar import STATUS_COLORS, show_annotation
from zcx_desktop.ui.annot_toolbar import swatch_icon
from zcx_desktop.ui.combo import refill_combo
from zcx_desktop.ui.i18n import tr, watch_language

log = logging.getLogger("zcx.ui.annotations")

COLUMNS = ("document", "clause", "layer", "tags", "quote", "note", "status", "modified")
ANN_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class AnnotationTableModel(QAbstractTableModel):
    """Rows of annotations with their document titles and layer names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Annotation] = []
        self.titles: dict[int, str] = {}
        self.layers: dict[int, Any] = {}

    def set_rows(self, rows: list[Annotation], titles: dict[int, str], layers: list) -> None:
        self.beginResetModel()
        self.rows, self.titles = rows, titles
        self.layers = {layer.id: layer for layer in layers}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(f"annot.browser.col.{COLUMNS[section]}")
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ann = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == ANN_ROLE:
            return ann
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._text(ann, column, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("document", "quote", "note"):
            return {"document": self._text(ann, "document", False), "quote": ann.quote, "note": ann.note}[column]
        if role == Qt.ItemDataRole.DecorationRole and column == "layer":
            layer = self.layers.get(ann.layer_id)
            return swatch_icon(ann.color or (layer.color if layer else "#CCCCCC"))
        if role == Qt.ItemDataRole.ForegroundRole and column == "status" and ann.status in STATUS_COLORS:
            return QColor(STATUS_COLORS[ann.status])
        return None

    def _text(self, ann: Annotation, column: str, sort: bool) -> Any:
        if column == "document":
            return self.titles.get(ann.doc_id or -1) or ann.doc_title or tr("annot.browser.deleted_document")
        if column == "clause":
            return (ann.doc_id or 0, ann.start) if sort else (ann.clause_path or tr("annot.preamble"))
        if column == "layer":
            layer = self.layers.get(ann.layer_id)
            return layer.name if layer else "?"
        if column == "tags":
            return "、".join(ann.tags)
        if column == "quote":
            return _one_line(ann.quote)
        if column == "note":
            return _one_line(ann.note)
        if column == "status":
            return tr(f"annot.status.{ann.status}")
        return ann.modified[:16].replace("T", " ")


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE (clause column sorts by document then position)."""

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class AnnotationsBrowser(QWidget):
    """A top-level window listing the library's annotations."""

    def __init__(self, controller: Any) -> None:
        super().__init__(controller.window_, Qt.WindowType.Window)
        self.setObjectName("annotationsBrowser")
        self.controller = controller
        self.latest = 0
        self.query = QLineEdit()
        self.query.setObjectName("annotBrowserQuery")
        self.query.setClearButtonEnabled(True)
        self.layer_filter = QComboBox()
        self.status_filter = QComboBox()
        self.summary = QLabel()
        self.model = AnnotationTableModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("annotBrowserTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in zip(range(len(COLUMNS)), (230, 110, 104, 90, 300, 280, 84, 140)):
            self.table.setColumnWidth(column, width)
        self._build_layout()
        self.debounce = QTimer(self, singleShot=True, interval=200, timeout=self.reload)
        self.query.textChanged.connect(lambda _t: self.debounce.start())
        self.layer_filter.activated.connect(lambda _i: self.reload())
        self.status_filter.activated.connect(lambda _i: self.reload())
        self.table.doubleClicked.connect(self.open_row)
        controller.changed.connect(lambda _c: self.isVisible() and self.debounce.start())
        controller.layers_loaded.connect(self._fill_filters)
        watch_language(self, self.retranslate)
        self.resize(1180, 640)
        self.retranslate()

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.query, 3)
        row.addWidget(self.layer_filter, 1)
        row.addWidget(self.status_filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("annot.browser.title"))
        self.query.setPlaceholderText(tr("annot.browser.query"))
        self._fill_filters()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _fill_filters(self) -> None:
        for combo, entries, all_key in (
            (self.layer_filter, [(x.name, x.id) for x in self.controller.layers], "annot.sidebar.all_layers"),
            (self.status_filter, [(tr(f"annot.status.{s}"), s) for s in ("anchored", "fuzzy", "orphan")],
             "annot.browser.all_status"),
        ):
            refill_combo(combo, tr(all_key), entries)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Query the store in the background; results of an older query are dropped."""
        text = self.query.text()
        layer_id, status = self.layer_filter.currentData(), self.status_filter.currentData()
        self.latest += 1
        ticket = self.latest

        def query(store: Any) -> tuple[list[Annotation], dict[int, str]]:
            found = store.find(text, layer_ids=[layer_id] if layer_id is not None else None, status=status)
            titles = {d.id: d.meta.title or d.original_name for d in store.lib.list_documents()}
            return found, titles

        self.controller.lane.submit(query, lambda result: self._show(ticket, result))

    def _show(self, ticket: int, result: tuple[list[Annotation], dict[int, str]]) -> None:
        if ticket != self.latest:
            return
        rows, titles = result
        self.model.set_rows(rows, titles, self.controller.layers)
        self.summary.setText(tr("annot.browser.summary", count=len(rows)))

    def open_row(self, index: QModelIndex) -> None:
        ann = index.data(ANN_ROLE)
        if ann is not None:
            show_annotation(self.controller, ann)
            self.controller.window_.activateWindow()
