"""Clause comparison in the GUI: 对照比较 (Ctrl+Shift+K), 与…比较, 比较两个条款, 相似条款 (Ctrl+Shift+M).

Tools menu, the library's context menu and (比较两个条款, 相似条款) every reader's text context menu. With exactly two documents selected in the library,
对照比较 compares them (the older one, by lower id, as A); in a reader it asks for the other
document. The comparison window is created on first use so start-up stays fast.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from zcx_desktop.ui import compare_dialogs
from zcx_desktop.ui.i18n import language_signal, tr

log = logging.getLogger("zcx.ui.compare")

COMPARE_SHORTCUT = "Ctrl+Shift+K"  # Ctrl+Shift+D is the dark theme
SIMILAR_SHORTCUT = "Ctrl+Shift+M"
ACTIONS = (
    ("documents", COMPARE_SHORTCUT),
    ("with", ""),
    ("clauses", ""),
    ("similar", SIMILAR_SHORTCUT),
)


class CompareController(QObject):
    """`window.compare`: the menu actions and the (single) comparison window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.comparison_window = None
        self.actions: dict[str, QAction] = {}
        slots = {
            "documents": self.compare_selected,
            "with": self.compare_with,
            "clauses": self.compare_clauses,
            "similar": self.similar_for_reader,
        }
        for key, shortcut in ACTIONS:
            action = QAction(window)
            action.setObjectName(f"action_compare_{key}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, slot=slots[key]: slot())
            self.actions[key] = action
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        for key, action in self.actions.items():
            action.setText(tr(f"compare.action.{key}"))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({shortcut})" if shortcut else action.text())

    def ensure_window(self):
        if self.comparison_window is None:
            from zcx_desktop.ui.compare_window import ComparisonWindow

            self.comparison_window = ComparisonWindow(self.window_)
        return self.comparison_window

    def _show_window(self):
        comparison = self.ensure_window()
        comparison.show()
        comparison.raise_()
        comparison.activateWindow()
        return comparison

    # -- entry points ---------------------------------------------------------------
    def compare(self, doc_a: int, doc_b: int):
        """Compare two documents (A = reference) in the comparison window; returns the window."""
        comparison = self._show_window()
        comparison.compare_documents(doc_a, doc_b)
        return comparison

    def compare_selected(self):
        """Two documents selected in the library → compare; in a reader → ask for the other one."""
        if self.window_.current_reader() is not None:
            return self.compare_with()
        ids = self.window_.library_pane.selected_ids()
        if len(ids) != 2:
            self._tell(tr("compare.need_two"))
            return None
        first, second = sorted(ids)
        return self.compare(first, second)

    def compare_with(self):
        """The current reader's document (A) against a document picked from the library (B)."""
        reader = self.window_.current_reader()
        selected = self.window_.library_pane.selected_ids()
        doc_a = reader.doc_id if reader else (selected[0] if len(selected) == 1 else None)
        if doc_a is None:
            self._tell(tr("compare.need_reader"))
            return None
        other = compare_dialogs.pick_document(
            self.window_, self._documents(), doc_a, tr("compare.pick.document_title")
        )
        return None if other is None else self.compare(doc_a, other)

    def compare_clauses(self):
        """The current reader's clause (at the selection/cursor, else at the top) against a clause
        picked from another document."""
        reader = self.window_.current_reader()
        clause = reader.current_clause() if reader else None
        if clause is None:
            self._tell(tr("compare.need_clause"))
            return None
        label = f"{clause.path} {clause.heading}".strip()
        picked = compare_dialogs.pick_clause(self.window_, self._documents(), reader.doc_id, label)
        if picked is None:
            return None
        comparison = self._show_window()
        comparison.compare_clauses(reader.doc_id, clause.path, picked[0], picked[1])
        return comparison

    def similar_for_reader(self):
        """Similar clauses of the current reader's clause (or the comparison's row)."""
        reader = self.window_.current_reader()
        clause = reader.current_clause() if reader else None
        if clause is None:
            if self.comparison_window is not None and self.comparison_window.isActiveWindow():
                return self.comparison_window.show_similar()
            self._tell(tr("compare.need_clause"))
            return None
        title = reader.document_info.meta.title or ""
        label = f"《{title[:30]}》{clause.path} {clause.heading}".strip()
        dialog = compare_dialogs.SimilarDialog(self.window_, reader.doc_id, clause.path, label)
        dialog.show()
        return dialog

    def add_reader_actions(self, reader: Any) -> None:
        """比较两个条款 and 相似条款 in the reader's text context menu (its own group)."""
        separator = QAction(reader)
        separator.setSeparator(True)
        reader.add_context_action(separator)
        for key in ("clauses", "similar"):
            reader.add_context_action(self.actions[key])

    def _documents(self) -> list:
        return list(self.window_.library_pane.model.documents)

    def _tell(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, 5000)


def install(window: Any) -> None:
    """Add the comparison actions to the Tools menu, the library's context menu and (比较两个条款, 相似条款) every reader's text context menu."""
    controller = CompareController(window)
    window.compare = controller
    for key in ("documents", "with", "clauses", "similar"):
        window.add_menu_action("tools", controller.actions[key])
    window.library_pane.add_context_action(controller.actions["documents"])
    window.reader_opened.connect(controller.add_reader_actions)
    for reader in window.readers():
        controller.add_reader_actions(reader)
