"""Pickers for the comparison (another document, a clause of it), the save dialog, and the similar-clauses dialog."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from zcx_desktop.ui.compare_ops import document_clauses_op, similar_op
from zcx_desktop.ui.i18n import tr, watch_language

log = logging.getLogger("zcx.ui.compare")

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def save_path(parent: QWidget, caption: str, suggested: str, name_filter: str) -> str:
    """Ask where to save (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter)
    return path


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("common.ok"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("compare.cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class DocumentPicker(QDialog):
    """A filterable list of library documents; `chosen()` is the picked id."""

    def __init__(self, parent: QWidget, documents: list, exclude: int | None, title: str) -> None:
        super().__init__(parent)
        self.setObjectName("compareDocumentPicker")
        self.setWindowTitle(title)
        self.resize(560, 460)
        self.filter = QLineEdit(placeholderText=tr("compare.pick.filter"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        for document in documents:
            if document.id == exclude:
                continue
            meta = document.meta
            text = meta.title or document.original_name
            if meta.doc_number:
                text += f"\n{meta.doc_number}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, document.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(_ok_cancel(self))

    def _apply_filter(self, text: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text.lower() not in item.text().lower())

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else int(item.data(ID_ROLE))


def pick_document(parent: QWidget, documents: list, exclude: int | None, title: str) -> int | None:
    """Ask for one document other than `exclude` (tests replace this)."""
    dialog = DocumentPicker(parent, documents, exclude, title)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ClausePicker(QDialog):
    """Pick a document, then one of its clauses (loaded in the background)."""

    def __init__(
        self, window: Any, documents: list, exclude: int | None, source_label: str
    ) -> None:
        super().__init__(window)
        self.setObjectName("compareClausePicker")
        self.setWindowTitle(tr("compare.pick.clause_title"))
        self.resize(600, 520)
        self.window_ = window
        self.latest_job = 0
        self.documents = QComboBox()
        for document in documents:
            if document.id != exclude:
                self.documents.addItem(document.meta.title or document.original_name, document.id)
        self.clauses = QListWidget()
        self.clauses.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        source = QLabel(tr("compare.pick.source", clause=source_label))
        source.setWordWrap(True)
        layout.addWidget(source)
        layout.addWidget(self.documents)
        layout.addWidget(self.clauses, 1)
        layout.addWidget(_ok_cancel(self))
        self.documents.currentIndexChanged.connect(self._load_clauses)
        self._load_clauses()

    def _load_clauses(self, *_: object) -> None:
        doc_id = self.documents.currentData()
        self.clauses.clear()
        if doc_id is None:
            return
        holder: dict[str, int] = {}
        job = self.window_.runner.run(
            document_clauses_op(int(doc_id)),
            on_done=lambda clauses: self._show_clauses(holder["id"], clauses),
            label="compare-clauses",
        )
        self.latest_job = holder["id"] = job.id

    def _show_clauses(self, job_id: int, clauses: list) -> None:
        if not isValid(self) or job_id != self.latest_job:
            return
        for clause in clauses:
            indent = "\u3000" * (clause.level - 1)
            item = QListWidgetItem(f"{indent}{clause.path}  {clause.heading}".rstrip())
            item.setData(ID_ROLE, clause.path)
            self.clauses.addItem(item)
        if self.clauses.count():
            self.clauses.setCurrentRow(0)

    def chosen(self) -> tuple[int, str] | None:
        item = self.clauses.currentItem()
        doc_id = self.documents.currentData()
        return None if item is None or doc_id is None else (int(doc_id), str(item.data(ID_ROLE)))


def pick_clause(
    window: Any, documents: list, exclude: int | None, source_label: str
) -> tuple[int, str] | None:
    """Ask for a clause of another document (tests replace this)."""
    dialog = ClausePicker(window, documents, exclude, source_label)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SimilarDialog(QDialog):
    """The most similar clauses of other documents, with scores; double-click opens one."""

    def __init__(self, window: Any, doc_id: int, clause_path: str, label: str) -> None:
        super().__init__(window)
        self.setObjectName("compareSimilarDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(980, 560)
        self.window_ = window
        self.doc_id, self.clause_path, self.label = doc_id, clause_path, label
        self.results: list | None = None
        self.latest_job = 0
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("compareSimilarResults")
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(self.open_item)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        watch_language(self, self.retranslate)
        self.retranslate()
        self.start()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("compare.similar.title"))
        self.heading.setText(tr("compare.similar.heading", clause=self.label))
        self.progress.setFormat(tr("compare.similar.building"))
        self.tree.setHeaderLabels(
            [tr(f"compare.similar.column.{k}") for k in ("score", "document", "clause", "text")]
        )
        self.close_button.setText(tr("compare.close"))

    def start(self) -> None:
        self.progress.show()
        holder: dict[str, int] = {}
        job = self.window_.runner.run(
            similar_op(self.doc_id, self.clause_path),
            on_done=lambda results: self._show(holder["id"], results),
            on_failed=self._failed,
            label="compare-similar",
        )
        self.latest_job = holder["id"] = job.id

    def _failed(self, failure: Any) -> None:
        if isValid(self):
            self.progress.hide()
        self.window_.errors.handle_failure(failure)

    def _show(self, job_id: int, results: list) -> None:
        if not isValid(self) or job_id != self.latest_job:
            return
        self.results = results
        self.progress.hide()
        self.tree.clear()
        for hit in results:
            snippet = " ".join(hit.snippet.split())
            item = QTreeWidgetItem(
                [f"{hit.score:.0%}", hit.title, f"{hit.path} {hit.heading}".strip(), snippet]
            )
            item.setData(0, ID_ROLE, hit)
            item.setToolTip(3, snippet)
            item.setToolTip(1, hit.title)
            self.tree.addTopLevelItem(item)
        if not results:
            self.tree.addTopLevelItem(QTreeWidgetItem(["", tr("compare.similar.none")]))
        for column, width in enumerate((64, 240, 170)):
            self.tree.setColumnWidth(column, width)

    def open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, ID_ROLE)
        if hit is not None:
            self.window_.open_document(hit.doc_id, offset=hit.start)
