"""Find in document (Ctrl+F): hit count, next/previous, all hits highlighted in the reader."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.reader_view import ReaderView

FIND_LAYER = "find"
HIT_COLOR = QColor(255, 236, 120, 170)
CURRENT_COLOR = QColor(255, 150, 40, 200)


def find_all(text: str, needle: str) -> list[int]:
    """Start offsets of every (case-insensitive, non-overlapping) occurrence of `needle`."""
    if not needle:
        return []
    haystack, needle = text.casefold(), needle.casefold()
    hits: list[int] = []
    start = haystack.find(needle)
    while start >= 0:
        hits.append(start)
        start = haystack.find(needle, start + len(needle))
    return hits


class FindBar(QWidget):
    """A slim bar under the reader; Enter = next, Shift+Enter = previous, Esc = close.

    Signals:
        closed(): the bar was hidden (focus goes back to the text).
    """

    closed = Signal()

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.text = ""
        self.hits: list[int] = []
        self.current = -1
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(90)
        self.previous_button = QToolButton()
        self.next_button = QToolButton()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel()
        for widget in (
            self.label,
            self.edit,
            self.count_label,
            self.previous_button,
            self.next_button,
            self.close_button,
        ):
            layout.addWidget(widget)
        layout.setStretch(1, 1)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.next_hit)
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut  # one find bar per reader tab
        QShortcut(QKeySequence("Shift+Return"), self.edit, self.previous_hit, context=local)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar, context=local)
        self.previous_button.clicked.connect(self.previous_hit)
        self.next_button.clicked.connect(self.next_hit)
        self.close_button.clicked.connect(self.close_bar)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self.label.setText(tr("find.label"))
        self.edit.setPlaceholderText(tr("find.placeholder"))
        self.previous_button.setText(tr("find.previous"))
        self.next_button.setText(tr("find.next"))
        self.previous_button.setToolTip(tr("find.previous.tip"))
        self.next_button.setToolTip(tr("find.next.tip"))
        self.close_button.setToolTip(tr("find.close"))
        self._show_count()

    def open_bar(self, document_text: str) -> None:
        self.text = document_text
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self.search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.clear_layer(FIND_LAYER)
        self.closed.emit()

    def search(self, needle: str) -> None:
        self.hits = find_all(self.text, needle)
        self.current = 0 if self.hits else -1
        self._show_current()

    def next_hit(self) -> None:
        if self.hits:
            self.current = (self.current + 1) % len(self.hits)
            self._show_current()

    def previous_hit(self) -> None:
        if self.hits:
            self.current = (self.current - 1) % len(self.hits)
            self._show_current()

    def _show_current(self) -> None:
        length = len(self.edit.text())
        ranges = [(hit, hit + length, HIT_COLOR) for hit in self.hits]
        if self.current >= 0:
            hit = self.hits[self.current]
            ranges.append((hit, hit + length, CURRENT_COLOR))
            self.view.scroll_to_offset(hit, block_top=False)
        self.view.set_layer(FIND_LAYER, ranges)
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count_label.setText("")
        elif not self.hits:
            self.count_label.setText(tr("find.none"))
        else:
            self.count_label.setText(
                tr("find.count", current=self.current + 1, total=len(self.hits))
            )
