"""Annotations in one reader tab: drawing, H to highlight, context menu, click to open the note.

Uses the reader's hooks: `selection_changed` (toolbar over a mouse selection), `clicked_at`
(open the clicked annotation's note), `add_context_action` (styles, current layer) and
`context_menu_opening` (entries for the annotation under the pointer). The H key is an event
filter on the text view.
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
        self.view.installEventFilter(self)
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self.toolbar.hide())
        reader.selection_changed.connect(self._selection_changed)
        reader.clicked_at.connect(self._clicked_at)
        self._add_context_actions()
        reader.context_menu_opening.connect(self._context_menu_opening)
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
        if watched is self.view and event.type() == QEvent.Type.KeyPress and self._is_highlight_key(event):
            return self.highlight_selection()
        return False

    @staticmethod
    def _is_highlight_key(event: Any) -> bool:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        return event.key() == Qt.Key.Key_H and plain

    def _selection_changed(self, start: int, end: int) -> None:
        if start >= end:
            self.toolbar.hide()
        elif self.view.selection_by_mouse:
            self.show_toolbar()

    def _clicked_at(self, offset: int) -> None:
        self.toolbar.hide()
        hits = annotations_at(self.annotations, self.controller.layers, offset)
        if hits:
            self.controller.annotation_selected.emit(hits[0])

    def annotations_at_point(self, point: QPoint) -> list[Annotation]:
        return annotations_at(self.annotations, self.controller.layers, self.view.offset_at(point))

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
    def _add_context_actions(self) -> None:
        """Style actions and the current-layer submenu, shown after 复制并注明出处."""
        separator = QAction(self)
        separator.setSeparator(True)
        self.reader.add_context_action(separator)
        self.style_actions: dict[str, QAction] = {}
        for style in STYLES:
            action = QAction(self)
            action.setObjectName(f"annot_{style}")
            action.triggered.connect(lambda _=False, s=style: self.highlight_selection(style=s))
            self.reader.add_context_action(action)
            self.style_actions[style] = action
        self.layers_menu = QMenu(self.view)
        self.layers_menu.setObjectName("annot_layers_menu")
        self.layers_menu.aboutToShow.connect(self._fill_layers_menu)
        self.layers_action = self.layers_menu.menuAction()
        self.reader.add_context_action(self.layers_action)

    def _context_menu_opening(self, menu: QMenu, offset: int) -> None:
        has_selection = self.view.textCursor().hasSelection()
        for style, action in self.style_actions.items():
            key = "H" if style == "highlight" else ""
            text = tr(f"annot.menu.{style}")
            action.setText(f"{text}\t{key}" if key else text)
            action.setEnabled(has_selection)
        self.layers_menu.setTitle(tr("annot.menu.current_layer"))
        self._fill_layers_menu()
        hits = annotations_at(self.annotations, self.controller.layers, offset)
        if hits:
            self._add_annotation_actions(menu, hits[0])

    def _fill_layers_menu(self) -> None:
        self.layers_menu.clear()
        for layer in self.controller.layers:
            action = self.layers_menu.addAction(layer.name)
            action.setCheckable(True)
            action.setChecked(layer.id == self.controller.current_layer_id)
            action.triggered.connect(lambda _=False, i=layer.id: self.controller.set_current_layer(i))

    def build_context_menu(self, point: QPoint) -> QMenu:
        """The reader's context menu (standard, copy with citation, then annotation actions)."""
        return self.reader.build_context_menu(point)

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


def split_tags(text: str) -> list[str]:
    """Tags typed as 'a, b；c' or 'a b' (Chinese and ASCII separators)."""
    for separator in ("，", "；", ";", "、", " "):
        text = text.replace(separator, ",")
    return [t.strip() for t in text.split(",") if t.strip()]
