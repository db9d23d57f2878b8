"""The note panel: Markdown source of the selected annotation, autosaved, with a sanitised preview.

The preview is a `NoteBrowser`: it never loads a resource (images, style sheets, local or
remote) and never follows a link by itself; a clicked http/https/mailto link is handed to
the desktop, anything else is ignored.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.annotations import Annotation
from zcx_desktop.core.notes_render import render_note
from zcx_desktop.ui.annot_reader import split_tags
from zcx_desktop.ui.annot_toolbar import STYLES, swatch_icon
from zcx_desktop.ui.i18n import tr, watch_language

log = logging.getLogger("zcx.ui.annotations")

SAVE_DELAY_MS = 600
SAFE_SCHEMES = ("http", "https", "mailto")


class NoteBrowser(QTextBrowser):
    """Read-only rendered note: loads no resources, opens only web/mail links, only on click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationNotePreview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.blocked_resources: list[str] = []
        self.anchorClicked.connect(self.open_link)

    def loadResource(self, kind: int, url: QUrl) -> Any:
        self.blocked_resources.append(url.toString())
        log.warning("note preview refused to load %s", url.toString()[:200])
        return None

    @staticmethod
    def open_link(url: QUrl) -> bool:
        if url.scheme().lower() not in SAFE_SCHEMES:
            log.info("ignored note link with scheme %r", url.scheme())
            return False
        return QDesktopServices.openUrl(url)


class NoteEditor(QWidget):
    """Edits one annotation: note (autosaved), tags, layer, style, own colour; delete.

    Signals:
        jump_requested(object): show the annotation in its reader.
    """

    jump_requested = Signal(object)

    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.setObjectName("annotationNoteEditor")
        self.controller = controller
        self.annotation: Annotation | None = None
        self.own_saves: list[tuple[str, str]] = []  # (id, note) sent and not yet echoed back
        self.header = QLabel()
        self.header.setObjectName("annotationNoteHeader")
        self.header.setWordWrap(True)
        self.header.linkActivated.connect(lambda _link: self.annotation and self.jump_requested.emit(self.annotation))
        self.source = QPlainTextEdit()
        self.source.setObjectName("annotationNoteSource")
        self.preview = NoteBrowser()
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("annotationTags")
        self.layer_combo = QComboBox()
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.style_combo = QComboBox()
        self.style_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.color_button = QPushButton()
        self.delete_button = QPushButton()
        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS, timeout=self.save_now)
        self._build_layout()
        self.source.textChanged.connect(self._note_typed)
        self.tags_edit.editingFinished.connect(self._tags_edited)
        self.layer_combo.activated.connect(self._layer_picked)
        self.style_combo.activated.connect(self._style_picked)
        self.color_button.clicked.connect(self._pick_color)
        self.delete_button.clicked.connect(self._delete)
        controller.changed.connect(self._store_changed)
        controller.layers_loaded.connect(self._fill_layers)
        controller.annotation_selected.connect(self.show_annotation)
        watch_language(self, self.retranslate)
        self.retranslate()
        self.show_annotation(None)

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        for widget in (self.layer_combo, self.style_combo, self.color_button, self.delete_button):
            row.addWidget(widget)
        row.addStretch(1)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.source)
        splitter.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addLayout(row)
        layout.addWidget(self.tags_edit)
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        self.source.setPlaceholderText(tr("annot.note.placeholder"))
        self.tags_edit.setPlaceholderText(tr("annot.note.tags_placeholder"))
        self.color_button.setText(tr("annot.note.color"))
        self.delete_button.setText(tr("annot.note.delete"))
        self.style_combo.clear()
        for style in STYLES:
            self.style_combo.addItem(tr(f"annot.style.{style}"), style)
        self._show_header()
        if self.annotation is not None:
            self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(self.annotation.style)))

    # -- showing -----------------------------------------------------------------
    def show_annotation(self, ann: Annotation | None) -> None:
        """Edit `ann` (saving any pending note of the previous one first)."""
        self.save_now()
        self.annotation = ann
        enabled = ann is not None
        for widget in (self.source, self.tags_edit, self.layer_combo, self.style_combo,
                       self.color_button, self.delete_button):
            widget.setEnabled(enabled)
        self.source.blockSignals(True)
        self.source.setPlainText(ann.note if ann else "")
        self.source.blockSignals(False)
        self.tags_edit.setText("、".join(ann.tags) if ann else "")
        self._fill_layers()
        if ann is not None:
            self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(ann.style)))
        self.color_button.setIcon(swatch_icon(ann.color) if ann and ann.color else swatch_icon("#00000000"))
        self._show_header()
        self.render_preview()

    def _show_header(self) -> None:
        ann = self.annotation
        if ann is None:
            self.header.setText(tr("annot.note.none"))
            return
        quote = ann.quote if len(ann.quote) <= 80 else ann.quote[:79] + "…"
        where = ann.clause_path or tr("annot.preamble")
        status = tr(f"annot.status.{ann.status}") if ann.status != "anchored" else ""
        self.header.setText(
            f"<a href='#jump'>{html.escape(where)}</a> <span style='color:#b35900'>{html.escape(status)}</span>"
            f"<br>“{html.escape(quote)}”"
        )

    def _fill_layers(self) -> None:
        self.layer_combo.clear()
        for layer in self.controller.layers:
            self.layer_combo.addItem(swatch_icon(layer.color), layer.name, layer.id)
        if self.annotation is not None:
            self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(self.annotation.layer_id)))

    def render_preview(self) -> None:
        self.preview.setHtml(render_note(self.source.toPlainText()))

    # -- editing -------------------------------------------------------------------
    def _note_typed(self) -> None:
        self.save_timer.start()

    def save_now(self) -> None:
        """Write the note being typed (called by the debounce timer, on switching and on close)."""
        self.save_timer.stop()
        ann = self.annotation
        if ann is None:
            return
        note = self.source.toPlainText()
        self.render_preview()
        if note != ann.note:
            self.annotation = _with(ann, note=note)
            self.own_saves.append((ann.id, note))
            self.controller.save_note(ann.id, note)

    def _tags_edited(self) -> None:
        ann = self.annotation
        tags = split_tags(self.tags_edit.text())
        if ann is not None and tags != ann.tags:
            self.annotation = _with(ann, tags=tags)
            self.controller.update(ann.id, tags=tags)

    def _layer_picked(self, index: int) -> None:
        layer_id = self.layer_combo.itemData(index)
        if self.annotation is not None and layer_id != self.annotation.layer_id:
            self.controller.update(self.annotation.id, layer_id=layer_id)

    def _style_picked(self, index: int) -> None:
        style = self.style_combo.itemData(index)
        if self.annotation is not None and style != self.annotation.style:
            self.controller.update(self.annotation.id, style=style)

    def _pick_color(self) -> None:
        if self.annotation is None:
            return
        layer = self.controller.layer(self.annotation.layer_id)
        start = QColor(self.annotation.color or (layer.color if layer else "#FFE066"))
        color = QColorDialog.getColor(start, self, tr("annot.note.color"))
        if color.isValid():
            self.controller.update(self.annotation.id, color=color.name().upper())

    def _delete(self) -> None:
        if self.annotation is not None:
            self.save_timer.stop()
            self.controller.delete([self.annotation.id])

    def _store_changed(self, change: Any) -> None:
        ann = self.annotation
        if ann is None:
            return
        if ann.id in change.deleted:
            self.annotation = None
            self.show_annotation(None)
            return
        fresh = next((a for a in change.annotations if a.id == ann.id), None)
        if fresh is None:
            return
        if (fresh.id, fresh.note) in self.own_saves:  # the echo of our own autosave
            self.own_saves.remove((fresh.id, fresh.note))
            self.annotation = _with(fresh, note=self.annotation.note) if self.annotation else fresh
            return
        if self.save_timer.isActive():
            return  # the user is typing; their text wins and is saved next
        self.annotation = None  # not a save of the shown text: show the new state
        self.show_annotation(fresh)


def _with(ann: Annotation, **fields: Any) -> Annotation:
    from dataclasses import replace

    return replace(ann, **fields)
