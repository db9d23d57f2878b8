"""Annotations in one reader tab: drawing, H to highlight, context menu, click to open the note.

The reader has no annotation hooks of its own, so this wraps its public widgets: an event
filter on the text view (H key) and its viewport (clicks, selection end), and it takes over
the view's `customContextMenuRequested` (rebuilding the reader's menu, then adding ours).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from zcx_desktop.core.annotations import Annotation
from zcx_desktop.ui.annot_overlay import LineOverlay, annotations_at, apply_overlay
from zcx_desktop.ui.annot_toolbar import STYLES, SelectionToolbar
from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.annotations")


class ReaderAnnotations(QObject):
    """Keeps one reader's annotations drawn and turns its selections into annotations."""

    def __init__(self, controller: Any, reader: Any) -> None:
        super().__init__(reader)
        self.controller = controller
        self.reader = reader
        self.view = reader.view
        self.annotations: list[Annotation] = []
        self.loaded = False
        self.lines = LineOverlay(self.view)
        self.toolbar = SelectionToolbar(self.view)
        self.toolbar.style_chosen.connect(lambda style: self.highlight_selection(style=style))
        self.toolbar.note_requested.connect(self._annotate_with_note)
        self.toolbar.tags_requested.connect(self._annotate_with_tags)
        self.toolbar.citation_requested.connect(self._copy_citation)
        self.toolbar.layer_chosen.connect(controller.set_current_layer)
        self.viewport = self.view.viewport()
        self.view.installEventFilter(self)
        self.viewport.installEventFilter(self)
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self.toolbar.hide())
        self.view.customContextMenuRequested.disconnect()
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        controller.changed.connect(self._store_changed)
        controller.layers_loaded.connect(self.redraw)
        self.reload()

    @property
    def doc_id(self) -> int:
        return self.reader.doc_id

    # -- data ----------------------------------------------------------------------
    def reload(self) -> None:
        doc_id = self.doc_id
        self.controller.lane.submit(lambda store: store.for_document(doc_id), self._loaded)

    def _loaded(self, annotations: list[Annotation]) -> None:
        self.annotations = annotations
        self.loaded = True
        self.redraw()

    def _store_changed(self, change: Any) -> None:
        touched = set(change.created) | set(change.updated) | set(change.deleted)
        if change.layers_changed or self.doc_id in change.doc_ids or touched & {a.id for a in self.annotations}:
            self.reload()

    def redraw(self) -> None:
        apply_overlay(self.view, self.annotations, self.controller.layers, self.lines)

    # -- creating ----------------------------------------------------------------------
    def highlight_selection(self, *, style: str = "highlight", note: str = "", tags: list[str] | None = None,
                            select_after: bool = False) -> bool:
        """Annotate the selected text in the current layer; False when nothing is selected."""
        span = self.view.selection_offsets()
        if span is None or span[0] >= span[1]:
            self.controller.window_.statusBar().showMessage(tr("annot.select_first"), 4000)
            return False
        self.toolbar.hide()
        options: dict[str, Any] = {"style": style, "note": note, "tags": tags or []}
        if self.toolbar.own_color:
            options["color"] = self.toolbar.own_color
        on_done = self._select_created if select_after else None
        self.controller.annotate(self.doc_id, span[0], span[1], on_done=on_done, **options)
        return True

    def _select_created(self, change: Any) -> None:
        if change.annotations:
            self.controller.annotation_selected.emit(change.annotations[0])

    def _annotate_with_note(self) -> None:
        self.highlight_selection(select_after=True)

    def _annotate_with_tags(self) -> None:
        text, ok = QInputDialog.getText(self.view, tr("annot.tags.title"), tr("annot.tags.prompt"))
        if ok:
            self.highlight_selection(tags=split_tags(text))

    def _copy_citation(self) -> None:
        self.reader.copy_with_citation()
        self.toolbar.hide()

    # -- events --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.view and kind == QEvent.Type.KeyPress and self._is_highlight_key(event):
            return self.highlight_selection()
        if (watched is self.viewport and kind == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton):
            self._after_click(event.position().toPoint())
        return False

    @staticmethod
    def _is_highlight_key(event: Any) -> bool:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        return event.key() == Qt.Key.Key_H and plain

    def _after_click(self, point: QPoint) -> None:
        if self.view.textCursor().hasSelection():
            self.show_toolbar()
            return
        self.toolbar.hide()
        hits = self.annotations_at_point(point)
        if hits:
            self.controller.annotation_selected.emit(hits[0])

    def annotations_at_point(self, point: QPoint) -> list[Annotation]:
        offset = self.view.offsets.to_offset(self.view.cursorForPosition(point).position())
        return annotations_at(self.annotations, self.controller.layers, offset)

    def show_toolbar(self) -> None:
        cursor = self.view.textCursor()
        end = self.view.textCursor()
        end.setPosition(cursor.selectionEnd())
        rect = self.view.cursorRect(end)
        start = self.view.textCursor()
        start.setPosition(cursor.selectionStart())
        top = self.view.cursorRect(start).top()
        point = self.view.viewport().mapTo(self.view, QPoint(rect.left(), top))
        self.toolbar.set_layers(self.controller.layers, self.controller.current_layer_id)
        self.toolbar.show_at(point)

    # -- context menu ---------------------------------------------------------------------
    def build_context_menu(self, point: QPoint) -> QMenu:
        """The reader's own menu (standard + copy with citation) followed by annotation actions."""
        menu = self.view.createStandardContextMenu(point)
        menu.addSeparator()
        has_selection = self.view.textCursor().hasSelection()
        menu.addAction(self.reader.copy_citation_action)
        self.reader.copy_citation_action.setEnabled(has_selection)
        menu.addSeparator()
        for style in STYLES:
            key = "H" if style == "highlight" else ""
            action = self._menu_action(menu, f"annot_{style}", tr(f"annot.menu.{style}"), key)
            action.setEnabled(has_selection)
            action.triggered.connect(lambda _=False, s=style: self.highlight_selection(style=s))
        layers_menu = menu.addMenu(tr("annot.menu.current_layer"))
        for layer in self.controller.layers:
            action = layers_menu.addAction(layer.name)
            action.setCheckable(True)
            action.setChecked(layer.id == self.controller.current_layer_id)
            action.triggered.connect(lambda _=False, i=layer.id: self.controller.set_current_layer(i))
        hits = self.annotations_at_point(point)
        if hits:
            self._add_annotation_actions(menu, hits[0])
        return menu

    def _add_annotation_actions(self, menu: QMenu, ann: Annotation) -> None:
        menu.addSeparator()
        edit = self._menu_action(menu, "annot_edit_note", tr("annot.menu.edit_note"))
        edit.triggered.connect(lambda: self.controller.annotation_selected.emit(ann))
        move = menu.addMenu(tr("annot.menu.move_to"))
        for layer in self.controller.layers:
            if layer.id != ann.layer_id:
                action = move.addAction(layer.name)
                action.triggered.connect(lambda _=False, i=layer.id: self.controller.update(ann.id, layer_id=i))
        delete = self._menu_action(menu, "annot_delete", tr("annot.menu.delete"))
        delete.triggered.connect(lambda: self.controller.delete([ann.id]))

    @staticmethod
    def _menu_action(menu: QMenu, name: str, text: str, key: str = "") -> QAction:
        action = menu.addAction(f"{text}\t{key}" if key else text)
        action.setObjectName(name)
        return action

    def _show_context_menu(self, point: QPoint) -> None:
        menu = self.build_context_menu(point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(point))


def split_tags(text: str) -> list[str]:
    """Tags typed as 'a, b；c' or 'a b' (Chinese and ASCII separators)."""
    for separator in ("，", "；", ";", "、", " "):
        text = text.replace(separator, ",")
    return [t.strip() for t in text.split(",") if t.strip()]
