"""The open document's annotations in text order, filtered by layer/tag/text; click to jump.

Fuzzy and orphaned annotations are marked; "confirm" accepts a fuzzy placement and
"re-attach" moves the selected annotation onto the text selected in the reader.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.annotations import Annotation
from zcx_desktop.ui.annot_toolbar import swatch_icon
from zcx_desktop.ui.combo import refill_combo
from zcx_desktop.ui.i18n import tr, watch_language

log = logging.getLogger("zcx.ui.annotations")

ANN_ROLE = Qt.ItemDataRole.UserRole
STATUS_COLORS = {"fuzzy": "#b35900", "orphan": "#c0392b"}


def annotation_summary(ann: Annotation, layer_name: str) -> str:
    """Three short lines: layer · clause path · status, the quote, the note's first line."""
    quote = ann.quote.replace("\n", " ")
    quote = quote if len(quote) <= 60 else quote[:59] + "…"
    status = f" · {tr('annot.status.' + ann.status)}" if ann.status != "anchored" else ""
    head = f"{layer_name} · {ann.clause_path or tr('annot.preamble')}{status}"
    lines = [head, f"“{quote}”"]
    note = ann.note.strip().splitlines()[0] if ann.note.strip() else ""
    if note:
        lines.append("✎ " + (note if len(note) <= 60 else note[:59] + "…"))
    if ann.tags:
        lines.append("#" + " #".join(ann.tags))
    return "\n".join(lines)


class AnnotationSidebar(QWidget):
    """Annotations of the document in the current reader tab."""

    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.setObjectName("annotationSidebar")
        self.controller = controller
        self.window_ = controller.window_
        self.doc_id: int | None = None
        self.annotations: list[Annotation] = []
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.layer_filter = QComboBox()
        self.tag_filter = QComboBox()
        self.text_filter = QLineEdit()
        self.text_filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("annotationSidebarList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.confirm_button = QPushButton()
        self.reattach_button = QPushButton()
        self.delete_button = QPushButton()
        self._build_layout()
        self.filter_timer = QTimer(self, singleShot=True, interval=150, timeout=self.fill)
        self.text_filter.textChanged.connect(lambda _t: self.filter_timer.start())
        self.layer_filter.activated.connect(lambda _i: self.fill())
        self.tag_filter.activated.connect(lambda _i: self.fill())
        self.list.itemClicked.connect(self.jump_to_item)
        self.list.itemActivated.connect(self.jump_to_item)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.reattach_button.clicked.connect(self.reattach_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        controller.changed.connect(self._store_changed)
        controller.layers_loaded.connect(self.fill)
        self.window_.tabs.currentChanged.connect(lambda _i: self.follow_reader())
        watch_language(self, self.retranslate)
        self.retranslate()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.layer_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        buttons = QHBoxLayout()
        for button in (self.confirm_button, self.reattach_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.text_filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.text_filter.setPlaceholderText(tr("annot.sidebar.filter"))
        self.confirm_button.setText(tr("annot.sidebar.confirm"))
        self.confirm_button.setToolTip(tr("annot.sidebar.confirm_tip"))
        self.reattach_button.setText(tr("annot.sidebar.reattach"))
        self.reattach_button.setToolTip(tr("annot.sidebar.reattach_tip"))
        self.delete_button.setText(tr("annot.sidebar.delete"))
        self.fill()

    # -- loading -------------------------------------------------------------------
    def follow_reader(self) -> None:
        reader = self.window_.current_reader()
        doc_id = reader.doc_id if reader is not None else None
        if doc_id != self.doc_id:
            self.doc_id = doc_id
            self.reload()

    def reload(self) -> None:
        doc_id = self.doc_id
        if doc_id is None:
            self._loaded(None, [])
            return
        self.controller.lane.submit(lambda store: store.for_document(doc_id), lambda found: self._loaded(doc_id, found))

    def _loaded(self, doc_id: int | None, annotations: list[Annotation]) -> None:
        if doc_id != self.doc_id:
            return
        self.annotations = annotations
        self.fill()

    def _store_changed(self, change: Any) -> None:
        if self.doc_id is not None and (self.doc_id in change.doc_ids or change.layers_changed or change.deleted):
            self.reload()

    # -- showing -------------------------------------------------------------------
    def fill(self) -> None:
        reader = self.window_.current_reader()
        self.title.setText(tr("annot.sidebar.title", title=reader.document_info.meta.title) if reader
                           else tr("annot.sidebar.no_document"))
        self._fill_filters()
        wanted = self.text_filter.text().strip().lower()
        layer_id, tag = self.layer_filter.currentData(), self.tag_filter.currentData()
        names = {layer.id: layer for layer in self.controller.layers}
        selected = self.selected_annotation()
        self.list.clear()
        for ann in self.annotations:
            if (layer_id is not None and ann.layer_id != layer_id) or (tag is not None and tag not in ann.tags):
                continue
            if wanted and wanted not in ann.quote.lower() and wanted not in ann.note.lower():
                continue
            layer = names.get(ann.layer_id)
            item = QListWidgetItem(annotation_summary(ann, layer.name if layer else "?"))
            item.setIcon(swatch_icon(ann.color or (layer.color if layer else "#CCCCCC"), 12))
            item.setData(ANN_ROLE, ann)
            if ann.status in STATUS_COLORS:
                item.setForeground(QBrush(QColor(STATUS_COLORS[ann.status])))
            self.list.addItem(item)
            if selected is not None and selected.id == ann.id:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def _fill_filters(self) -> None:
        for combo, entries, all_key in (
            (self.layer_filter, [(layer.name, layer.id) for layer in self.controller.layers], "annot.sidebar.all_layers"),
            (self.tag_filter, [(t, t) for t in sorted({t for a in self.annotations for t in a.tags})],
             "annot.sidebar.all_tags"),
        ):
            refill_combo(combo, tr(all_key), entries)

    def selected_annotation(self) -> Annotation | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ANN_ROLE)

    def _update_buttons(self) -> None:
        ann = self.selected_annotation()
        self.confirm_button.setEnabled(ann is not None and ann.status == "fuzzy")
        self.reattach_button.setEnabled(ann is not None)
        self.delete_button.setEnabled(ann is not None)

    # -- actions ---------------------------------------------------------------------
    def jump_to_item(self, item: QListWidgetItem) -> None:
        ann = item.data(ANN_ROLE)
        if ann is not None:
            show_annotation(self.controller, ann)

    def confirm_selected(self) -> None:
        ann = self.selected_annotation()
        if ann is not None:
            self.controller.confirm(ann.id)

    def reattach_selected(self) -> None:
        ann = self.selected_annotation()
        reader = self.window_.current_reader()
        span = reader.view.selection_offsets() if reader is not None else None
        if ann is None or span is None or span[0] >= span[1]:
            self.window_.statusBar().showMessage(tr("annot.sidebar.reattach_need_selection"), 5000)
            return
        self.controller.reattach(ann.id, span[0], span[1], reader.doc_id)

    def delete_selected(self) -> None:
        ann = self.selected_annotation()
        if ann is not None:
            self.controller.delete([ann.id])


def show_annotation(controller: Any, ann: Annotation) -> None:
    """Open the annotation's document at the annotation, select its text and edit its note."""
    window = controller.window_
    controller.annotation_selected.emit(ann)
    if ann.doc_id is None:
        return
    reader = window.reader_for(ann.doc_id)
    if reader is not None:
        window.open_document(ann.doc_id)
        _reveal(reader, ann)
        return

    def when_opened(opened: Any) -> None:
        if opened.doc_id == ann.doc_id:
            window.reader_opened.disconnect(when_opened)
            _reveal(opened, ann)

    window.reader_opened.connect(when_opened)
    window.open_document(ann.doc_id)


def _reveal(reader: Any, ann: Annotation) -> None:
    if ann.status == "orphan":
        return
    end = min(ann.end, len(reader.text))
    reader.jump_to_offset(ann.start)
    reader.view.select_offsets(ann.start, end)
