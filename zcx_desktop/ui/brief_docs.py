"""The composer's contents list: documents in pack order (drag to reorder), add from the library, remove."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui.i18n import tr

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def document_label(doc: Any) -> str:
    """`title（文号）` for a library Document."""
    title = doc.meta.title or doc.meta.notice_title or doc.original_name
    return f"{title}（{doc.meta.doc_number}）" if doc.meta.doc_number else title


class DocumentList(QWidget):
    """Ordered documents of the pack. Signals: changed() after add, remove or reorder."""

    changed = Signal()

    def __init__(self, documents: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library_documents = {doc.id: doc for doc in documents}
        self.ranges_count: dict[int, int] = {}
        self.list = QListWidget()
        self.list.setObjectName("briefDocuments")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.model().rowsMoved.connect(lambda *_: self.changed.emit())
        self.add_button = QPushButton()
        self.add_button.setObjectName("briefAddDocuments")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("briefRemoveDocuments")
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.add_button.clicked.connect(self.choose_documents)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.add_button.setText(tr("brief.docs.add"))
        self.remove_button.setText(tr("brief.docs.remove"))
        self.up_button.setText(tr("brief.docs.up"))
        self.down_button.setText(tr("brief.docs.down"))
        for row in range(self.list.count()):
            self._label(self.list.item(row))

    def _label(self, item: QListWidgetItem) -> None:
        doc_id = item.data(DOC_ID_ROLE)
        doc = self.library_documents.get(doc_id)
        text = document_label(doc) if doc is not None else tr("brief.docs.unknown", id=doc_id)
        count = self.ranges_count.get(doc_id)
        if count:
            text = f"{text}　［{tr('brief.docs.excerpts', count=count)}］"
        item.setText(text)
        item.setToolTip(text)

    def doc_ids(self) -> list[int]:
        return [int(self.list.item(row).data(DOC_ID_ROLE)) for row in range(self.list.count())]

    def add_documents(self, doc_ids: list[int]) -> None:
        """Append documents not in the list yet."""
        present = set(self.doc_ids())
        for doc_id in doc_ids:
            if doc_id in present:
                continue
            present.add(doc_id)
            item = QListWidgetItem()
            item.setData(DOC_ID_ROLE, int(doc_id))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            self.list.addItem(item)
            self._label(item)
        self.changed.emit()

    def set_ranges_count(self, counts: dict[int, int]) -> None:
        self.ranges_count = dict(counts)
        self.retranslate()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def move(self, row: int, to: int) -> bool:
        """Move the document at `row` to position `to` (the same as dragging it there)."""
        if not (0 <= row < self.list.count() and 0 <= to < self.list.count()) or row == to:
            return False
        return self.list.model().moveRow(QModelIndex(), row, QModelIndex(), to if to < row else to + 1)

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        if row >= 0 and self.move(row, row + step):
            self.list.setCurrentRow(row + step)

    def choose_documents(self) -> None:
        picker = DocumentPicker(list(self.library_documents.values()), set(self.doc_ids()), self)
        picker.accepted.connect(lambda: self.add_documents(picker.chosen_ids()))
        picker.open()


class DocumentPicker(QDialog):
    """Pick library documents (filter by title/文号/发文机关) to add to the pack."""

    def __init__(self, documents: list[Any], already: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefDocumentPicker")
        self.setWindowTitle(tr("brief.picker.title"))
        self.resize(560, 460)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("brief.picker.filter"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for doc in documents:
            if doc.id in already:
                continue
            item = QListWidgetItem(document_label(doc))
            item.setData(DOC_ID_ROLE, doc.id)
            item.setData(Qt.ItemDataRole.UserRole + 2, f"{document_label(doc)} {doc.meta.issuer}")
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("brief.picker.add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in str(item.data(Qt.ItemDataRole.UserRole + 2)).lower())

    def chosen_ids(self) -> list[int]:
        return [int(item.data(DOC_ID_ROLE)) for item in self.list.selectedItems()]
