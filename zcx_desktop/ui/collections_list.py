"""The collections list of the library pane: 全部文档 + each folder with its count, a drop target."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from zcx_desktop.core.collections import Collection
from zcx_desktop.ui.i18n import tr

DOC_IDS_MIME = "application/x-zcx-document-ids"
COLLECTION_ROLE = Qt.ItemDataRole.UserRole


def doc_ids_mime(doc_ids: list[int]) -> QMimeData:
    """Drag payload for documents dragged out of the library table."""
    mime = QMimeData()
    mime.setData(DOC_IDS_MIME, json.dumps([int(i) for i in doc_ids]).encode("ascii"))
    return mime


def doc_ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(DOC_IDS_MIME):
        return []
    try:
        return [int(i) for i in json.loads(bytes(mime.data(DOC_IDS_MIME).data()).decode("ascii"))]
    except (ValueError, TypeError):
        return []


def ask_name(parent: QWidget | None, current: str = "") -> str | None:
    """Ask for a folder name (blocking); None when cancelled. Tests replace this function."""
    text, ok = QInputDialog.getText(
        parent, tr("collections.name_title"), tr("collections.name_prompt"), text=current
    )
    return text if ok and text.strip() else None


class CollectionsList(QTreeWidget):
    """全部文档 and the user's folders; choosing one filters the table, dropping documents adds them.

    Signals:
        chosen(object): the chosen collection id, or None for 全部文档.
        documents_dropped(int, list): collection id, ids of the documents dropped on it.
        menu_requested(object, QPoint): collection id (None: 全部文档 or empty space), global position.
    """

    chosen = Signal(object)
    documents_dropped = Signal(int, list)
    menu_requested = Signal(object, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collectionsList")
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda point: self.menu_requested.emit(
                self.collection_at(point), self.viewport().mapToGlobal(point)
            )
        )
        self.collections: list[Collection] = []
        self.total = 0
        self.currentItemChanged.connect(lambda *_: self.chosen.emit(self.current_collection()))
        self.show_collections([], 0)

    def show_collections(self, collections: list[Collection], total: int) -> None:
        """Rebuild the list, keeping the chosen folder (back to 全部文档 if it is gone)."""
        chosen = self.current_collection()
        self.collections, self.total = list(collections), total
        self.blockSignals(True)
        self.clear()
        self.addTopLevelItem(self._item(tr("collections.all"), None, total))
        for collection in collections:
            self.addTopLevelItem(self._item(collection.name, collection.id, collection.count))
        row = next((i + 1 for i, c in enumerate(collections) if c.id == chosen), 0)
        self.setCurrentItem(self.topLevelItem(row))
        self.blockSignals(False)
        if row == 0 and chosen is not None:
            self.chosen.emit(None)

    def _item(self, name: str, collection_id: int | None, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name, str(count)])
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, self.palette().placeholderText())
        item.setData(0, COLLECTION_ROLE, collection_id)
        item.setToolTip(0, tr("collections.drop_hint") if collection_id is not None else name)
        if collection_id is None:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        return item

    def rows(self) -> list[tuple[str, int]]:
        """(name, count) of every row as shown, 全部文档 first."""
        return [
            (self.topLevelItem(i).text(0), int(self.topLevelItem(i).text(1)))
            for i in range(self.topLevelItemCount())
        ]

    def retranslate(self) -> None:
        self.show_collections(self.collections, self.total)
        self.setToolTip(tr("collections.drop_hint"))

    def current_collection(self) -> int | None:
        item = self.currentItem()
        return None if item is None else item.data(0, COLLECTION_ROLE)

    def choose(self, collection_id: int | None) -> None:
        for row in range(self.topLevelItemCount()):
            if self.topLevelItem(row).data(0, COLLECTION_ROLE) == collection_id:
                self.setCurrentItem(self.topLevelItem(row))
                return

    def name_of(self, collection_id: int | None) -> str:
        return next((c.name for c in self.collections if c.id == collection_id), "")

    def collection_at(self, point: QPoint) -> int | None:
        item = self.itemAt(point)
        return None if item is None else item.data(0, COLLECTION_ROLE)

    # -- dropping documents -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(DOC_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self.collection_at(event.position().toPoint())
        if event.mimeData().hasFormat(DOC_IDS_MIME) and target is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.collection_at(event.position().toPoint())
        doc_ids = doc_ids_from_mime(event.mimeData())
        if target is None or not doc_ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.documents_dropped.emit(int(target), doc_ids)
