"""The reader's text view: a read-only QTextEdit over a typeset document, with highlight layers.

Highlight layers are the extension point for overlays: `set_layer(name, ranges)` where
ranges are (start, end, QColor) in clean-text offsets. Find hits use the layer "find";
search hits and annotations can add their own layers without touching the others.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from zcx_desktop.ui.reader_text import OffsetMap


class ReaderView(QTextEdit):
    """Read-only text view with offset-based scrolling, selection and highlight layers.

    Signals:
        top_offset_changed(int): the clean-text offset at the top of the viewport changed.
        selection_settled(int, int): the selection (start, end offsets; start == end once
            cleared) settled: after the mouse button is released, else on the next event loop turn.
            `selection_by_mouse` tells whether the mouse made it.
        clicked_at(int): a left click that left no selection, at this clean-text offset.
    """

    top_offset_changed = Signal(int)
    selection_settled = Signal(int, int)
    clicked_at = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.offsets = OffsetMap("")
        self._layers: dict[str, list[tuple[int, int, QColor]]] = {}
        self._layer_order: list[str] = []
        # Report the top offset once the scroll has settled (the layout may still be catching up
        # while valueChanged is being delivered, and fast scrolling should report once).
        self._scroll_settled = QTimer(self, singleShot=True, interval=0)
        self._scroll_settled.timeout.connect(self._report_top_offset)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._scroll_settled.start())
        self.selection_by_mouse = False
        self._mouse_down = False
        self._settled_span: tuple[int, int] | None = None
        self._selection_moved = QTimer(self, singleShot=True, interval=0)
        self._selection_moved.timeout.connect(lambda: self._settle_selection(by_mouse=False))
        self.selectionChanged.connect(self._on_selection_changed)

    def _report_top_offset(self) -> None:
        self.top_offset_changed.emit(self.top_offset())

    def set_typeset_document(self, document: QTextDocument, offsets: OffsetMap) -> None:
        document.setParent(self)
        self.setFont(document.defaultFont())  # QTextEdit pushes its own font into the document
        self.setDocument(document)
        self.offsets = offsets
        self._apply_layers()

    # -- positions -------------------------------------------------------------
    def top_offset(self) -> int:
        """Clean-text offset of the first character shown at the top of the viewport."""
        return self.offsets.to_offset(self.cursorForPosition(QPoint(8, 4)).position())

    def scroll_to_offset(self, offset: int, *, block_top: bool = True) -> None:
        """Scroll so the paragraph holding `offset` starts at the top of the viewport, or
        (block_top=False) so that `offset` itself is shown a third of the way down if hidden."""
        position = self.offsets.to_position(offset)
        block = self.document().findBlock(position)
        bar = self.verticalScrollBar()
        if block_top and block.isValid():
            top = self.document().documentLayout().blockBoundingRect(block).top()
            bar.setValue(int(top))
            return
        if not self.is_offset_visible(offset):
            rect = self.cursorRect(self._cursor_at(offset))
            bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def is_offset_visible(self, offset: int) -> bool:
        rect = self.cursorRect(self._cursor_at(offset))
        return self.viewport().rect().contains(rect.center())

    def select_offsets(self, start: int, end: int) -> None:
        cursor = self._cursor_at(start)
        cursor.setPosition(self.offsets.to_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def selection_offsets(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.to_offset(cursor.selectionStart()), self.offsets.to_offset(
            cursor.selectionEnd()
        )

    def _cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(
            min(self.offsets.to_position(offset), self.document().characterCount() - 1)
        )
        return cursor

    def offset_at(self, point: QPoint) -> int:
        """Clean-text offset of the character at a viewport point."""
        return self.offsets.to_offset(self.cursorForPosition(point).position())

    def cursor_offset(self) -> int:
        """Clean-text offset of the text cursor (the selection's moving end)."""
        return self.offsets.to_offset(self.textCursor().position())

    # -- selection and clicks ----------------------------------------------------
    def _on_selection_changed(self) -> None:
        if not self._mouse_down:  # a drag settles when the button is released
            self._selection_moved.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._mouse_down = True
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._mouse_down = True
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or not self._mouse_down:
            return
        self._mouse_down = False
        self._selection_moved.stop()
        self._settle_selection(by_mouse=True)
        if not self.textCursor().hasSelection():
            self.clicked_at.emit(self.offset_at(event.position().toPoint()))

    def _settle_selection(self, *, by_mouse: bool) -> None:
        span = self.selection_offsets()
        if span is None:
            if self._settled_span is None:
                return
            offset = self.cursor_offset()
            span = (offset, offset)
            self._settled_span = None
        elif span == self._settled_span and not by_mouse:
            return
        else:
            self._settled_span = span
        self.selection_by_mouse = by_mouse
        self.selection_settled.emit(*span)

    # -- highlight layers ------------------------------------------------------
    def set_layer(self, name: str, ranges: list[tuple[int, int, QColor]]) -> None:
        """Replace the highlights of layer `name` (later layers paint over earlier ones)."""
        if name not in self._layer_order:
            self._layer_order.append(name)
        self._layers[name] = list(ranges)
        self._apply_layers()

    def clear_layer(self, name: str) -> None:
        self.set_layer(name, [])

    def layer(self, name: str) -> list[tuple[int, int, QColor]]:
        return list(self._layers.get(name, []))

    def _apply_layers(self) -> None:
        selections = []
        for name in self._layer_order:
            for start, end, color in self._layers.get(name, []):
                selection = QTextEdit.ExtraSelection()
                selection.cursor = self._cursor_at(start)
                selection.cursor.setPosition(
                    self.offsets.to_position(end), QTextCursor.MoveMode.KeepAnchor
                )
                fmt = QTextCharFormat()
                fmt.setBackground(color)
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)
