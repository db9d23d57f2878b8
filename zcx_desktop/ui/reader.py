"""A document tab: metadata header, typeset clean text, clause outline that follows scrolling.

Extension hooks (annotations, compare, search...): `add_context_action(action)` appends to the
text's context menu after 复制并注明出处 (a separator action starts a group);
`context_menu_opening(menu, offset)` lets a caller add entries that depend on the clicked spot;
`selection_changed(start, end)` and `clicked_at(offset)` report in clean-text offsets;
`current_clause()` is the clause at the selection or text cursor (else at the top of the view).
Everything shown goes through `display_punctuation` (same length, so offsets hold).
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.model import Clause, Document
from zcx_desktop.core.outline import clause_at
from zcx_desktop.core.typography import display_punctuation
from zcx_desktop.ui.citation import citation_text
from zcx_desktop.ui.find_bar import FindBar
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.reader_text import Typography, apply_typography, build_document, paragraph_roles
from zcx_desktop.ui.reader_view import ReaderView

log = logging.getLogger("zcx.ui")

CLAUSE_ROLE = Qt.ItemDataRole.UserRole
HEADER_FIELDS = ("doc_number", "issuer", "written_date", "published_date", "status", "region")


def unbreakable(text: str) -> str:
    """`text` with word joiners between characters, so a line never breaks inside it."""
    return "\u2060".join(text.replace(" ", "\u00a0"))


class OutlineTree(QTreeWidget):
    """The clause tree of one document; items carry their clause index."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlineTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.items: list[QTreeWidgetItem] = []

    def populate(self, clauses: list[Clause]) -> None:
        self.clear()
        self.items = []
        for clause in clauses:
            text = f"{clause.label} {clause.heading}".strip() if clause.heading else clause.label
            text = display_punctuation(text)
            parent = self.items[clause.parent] if clause.parent is not None else None
            item = QTreeWidgetItem([text])
            item.setData(0, CLAUSE_ROLE, clause.index)
            item.setToolTip(0, clause.path)
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self.items.append(item)
        for item in self.items[:200]:
            if item.parent() is None:
                item.setExpanded(True)


class ReaderWidget(QWidget):
    """One open document. `view` is the text, `outline` the clause tree, `find_bar` Ctrl+F.

    Signals:
        clause_changed(int): index of the clause at the top of the view (-1 in the preamble).
        selection_changed(int, int): the selection settled (clean-text start, end; equal once
            cleared); `view.selection_by_mouse` tells whether the mouse made it.
        clicked_at(int): a left click that left no selection, at this clean-text offset.
        context_menu_opening(QMenu, int): the text's context menu is built (clicked offset);
            add point-dependent entries here.
    """

    clause_changed = Signal(int)
    selection_changed = Signal(int, int)
    clicked_at = Signal(int)
    context_menu_opening = Signal(object, int)

    def __init__(
        self,
        document: Document,
        clauses: list[Clause],
        typography: Typography,
        layout_mode: str = "outline_right",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readerWidget")
        self.document_info = document
        self.doc_id = document.id
        self.text = document.text or ""
        self.clauses = clauses
        self.display_text = display_punctuation(self.text)  # what is shown; same offsets
        self.context_actions: list[QAction] = []
        self._jump_scroll_value = -1
        self.header = QLabel()
        self.header.setObjectName("readerHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setMargin(10)
        self.view = ReaderView()
        self.find_bar = FindBar(self.view)
        self.find_bar.hide()
        self.find_bar.closed.connect(self.view.setFocus)
        self.outline = OutlineTree()
        self.outline.populate(clauses)
        self.splitter = self._build_layout(layout_mode)
        titles = [document.meta.title, document.meta.notice_title]
        self.roles = paragraph_roles(self.text, clauses, titles)
        self.typography = typography
        typeset, offsets = build_document(self.text, clauses, titles, typography)
        self.view.set_typeset_document(typeset, offsets)
        self._install_actions()
        self.view.top_offset_changed.connect(self._follow_scroll)
        self.view.selection_settled.connect(self.selection_changed)
        self.view.clicked_at.connect(self.clicked_at)
        self.outline.itemClicked.connect(self._jump_to_item)
        self.outline.itemActivated.connect(self._jump_to_item)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def _build_layout(self, layout_mode: str) -> QSplitter:
        text_side = QWidget()
        text_layout = QVBoxLayout(text_side)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.setSpacing(0)
        text_layout.addWidget(self.header)
        text_layout.addWidget(self.view, 1)
        text_layout.addWidget(self.find_bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("readerSplitter")
        splitter.setChildrenCollapsible(True)
        if layout_mode == "outline_left":
            splitter.addWidget(self.outline)
            splitter.addWidget(text_side)
            splitter.setSizes([260, 900])
        else:
            splitter.addWidget(text_side)
            splitter.addWidget(self.outline)
            splitter.setSizes([900, 260])
        self.outline.setVisible(layout_mode != "outline_hidden")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        return splitter

    def _install_actions(self) -> None:
        # The shortcut itself belongs to the main window's action; here it is only shown.
        self.copy_citation_action = QAction(self)
        self.copy_citation_action.triggered.connect(self.copy_with_citation)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def add_context_action(self, action: QAction) -> None:
        """Extension point: show `action` in the text's context menu, after 复制并注明出处."""
        if action not in self.context_actions:
            self.context_actions.append(action)

    def build_context_menu(self, point: QPoint) -> QMenu:
        """The context menu for a viewport point: standard entries, 复制并注明出处, extensions.

        Without a selection the text cursor first moves to the point, so `current_clause()`
        is the clause that was right-clicked.
        """
        if not self.view.textCursor().hasSelection():
            self.view.setTextCursor(self.view.cursorForPosition(point))
        menu = self.view.createStandardContextMenu(point)
        menu.addSeparator()
        menu.addAction(self.copy_citation_action)
        self.copy_citation_action.setEnabled(self.view.textCursor().hasSelection())
        for action in self.context_actions:
            menu.addAction(action)
        self.context_menu_opening.emit(menu, self.view.offset_at(point))
        return menu

    def _context_menu(self, point: QPoint) -> None:
        menu = self.build_context_menu(point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def retranslate(self, *_: object) -> None:
        self.copy_citation_action.setText(tr("reader.copy_citation") + "\tCtrl+Shift+C")
        self.header.setText(self.header_html())

    def header_html(self) -> str:
        """Title, then 文号 / 发文机关 / dates / status / region; a field never breaks inside."""
        meta = self.document_info.meta
        title = html.escape(display_punctuation(meta.title or self.document_info.original_name))
        cells = []
        for name in HEADER_FIELDS:
            value = getattr(meta, name)
            if value:
                label = html.escape(unbreakable(tr(f"field.{name}")))
                cells.append(
                    f"<span style='color:palette(mid)'>{label}</span>&nbsp;"
                    f"{html.escape(unbreakable(display_punctuation(value)))}"
                )
        line = "&nbsp;&nbsp; ".join(cells) or html.escape(tr("reader.no_metadata"))
        return f"<div style='font-size:larger'><b>{title}</b></div><div>{line}</div>"

    # -- document ----------------------------------------------------------------
    def set_typography(self, typography: Typography) -> None:
        """Re-typeset at another size (zoom, 长者模式) keeping the reading position."""
        top = self.view.top_offset()
        self.typography = typography
        document = self.view.document()
        font = document.defaultFont()
        font.setFamilies(typography.families)
        font.setPointSizeF(typography.point_size)
        self.view.setFont(font)
        document.setDefaultFont(font)
        apply_typography(document, self.roles, typography)
        self.view.scroll_to_offset(top)

    def update_metadata(self, document: Document) -> None:
        self.document_info.meta = document.meta
        self.header.setText(self.header_html())

    def open_find(self) -> None:
        self.find_bar.open_bar(self.display_text)  # find what is shown (，not ,)

    def clause_at_top(self) -> Clause | None:
        return clause_at(self.clauses, self.view.top_offset())

    def current_clause(self) -> Clause | None:
        """The clause at the selection's start, else at the text cursor when it is on screen,
        else at the top of the view (None in the preamble)."""
        span = self.view.selection_offsets()
        if span is not None:
            return clause_at(self.clauses, span[0])
        offset = self.view.cursor_offset()
        if not self.view.is_offset_visible(offset):
            offset = self.view.top_offset()
        return clause_at(self.clauses, offset)

    def jump_to_clause(self, index: int) -> None:
        """Scroll the clause's first paragraph to the top and select it in the outline."""
        clause = self.clauses[index]
        self.view.scroll_to_offset(clause.start)
        self._jump_scroll_value = self.view.verticalScrollBar().value()
        self._select_outline(index)
        self.clause_changed.emit(index)

    def jump_to_offset(self, offset: int) -> None:
        self.view.scroll_to_offset(offset, block_top=False)

    def copy_with_citation(self) -> str:
        """Copy the selection with 《title》（文号）clause path; returns the copied text."""
        span = self.view.selection_offsets()
        if span is None:
            return ""
        clause = clause_at(self.clauses, span[0])
        meta = self.document_info.meta
        text = citation_text(
            self.text[span[0] : span[1]], meta.title, meta.doc_number, clause.path if clause else ""
        )
        QGuiApplication.clipboard().setText(text)
        return text

    def _jump_to_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.jump_to_clause(int(item.data(0, CLAUSE_ROLE)))

    def _follow_scroll(self, offset: int) -> None:
        if self.view.verticalScrollBar().value() == self._jump_scroll_value:
            return  # still where the outline click put us (e.g. a last clause that cannot reach the top)
        self._jump_scroll_value = -1
        clause = clause_at(self.clauses, offset)
        self._select_outline(clause.index if clause else -1)
        self.clause_changed.emit(clause.index if clause else -1)

    def _select_outline(self, index: int) -> None:
        self.outline.blockSignals(True)
        try:
            if 0 <= index < len(self.outline.items):
                item = self.outline.items[index]
                self.outline.setCurrentItem(item)
                self.outline.scrollToItem(item)
            else:
                self.outline.clearSelection()
        finally:
            self.outline.blockSignals(False)
