"""Briefing packs in the GUI: File menu 生成参阅材料… (Ctrl+Shift+P), also in the library's context menu.

Other views call `open_composer(window, doc_ids, ranges_by_doc=None, title="")` (search hits,
a unit's tasks) or `window.brief_composer.add_table(title, headers, rows)` to hand in a table.
The composer module is imported on first use so start-up stays fast.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from zcx_desktop.ui.i18n import language_signal, tr

log = logging.getLogger("zcx.ui.brief")

SHORTCUT = "Ctrl+Shift+P"  # Ctrl+P stays free for printing (the preview uses it)


class BriefComposerController(QObject):
    """`window.brief_composer`: opens the composer dialog (one at a time) and forwards tables to it."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.dialog = None
        self.action = QAction(window)
        self.action.setObjectName("action_brief_compose")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(lambda _checked=False: self.open_for_selection())
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self.action.setText(tr("brief.action.compose"))
        self.action.setToolTip(f"{tr('brief.action.compose')} ({self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    def open_for_selection(self):
        """The composer with the documents selected in the library (or the current reader's)."""
        return self.open(self.window_.selected_doc_ids())

    def open(self, doc_ids: list[int], ranges_by_doc: dict[int, list[tuple[int, int]]] | None = None,
             title: str = ""):
        """A fresh composer for these documents (the previous one is closed unless it is exporting)."""
        from zcx_desktop.ui.brief_composer import ComposerDialog

        current = self.current()
        if current is not None and current.is_busy():
            current.add_documents(list(doc_ids), ranges_by_doc)
            current.raise_()
            return current
        if current is not None:
            current.close()
        self.dialog = ComposerDialog(self.window_, list(doc_ids), ranges_by_doc, title)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def current(self):
        """The open composer dialog, if any."""
        return self.dialog if self.dialog is not None and self.dialog.isVisible() else None

    def add_table(self, title: str, headers: list[str], rows: list[list[str]]):
        """Add a table to the open composer (opening an empty one first); returns the dialog."""
        dialog = self.current() or self.open([], title=title)
        dialog.add_table(title, headers, rows)
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _forget(self, *_: object) -> None:
        self.dialog = None


def open_composer(window: Any, doc_ids: list[int], ranges_by_doc: dict[int, list[tuple[int, int]]] | None = None,
                  title: str = ""):
    """Open the briefing-pack composer for `doc_ids` (in this order).

    `ranges_by_doc` maps a document id to (start, end) offsets of its clean text; when given,
    the composer starts in "only these excerpts" mode (search hits, a unit's tasks).
    Returns the ComposerDialog (None when the brief extension is not installed).
    """
    controller = getattr(window, "brief_composer", None)
    if controller is None:
        log.warning("brief composer not installed")
        return None
    return controller.open(list(doc_ids), ranges_by_doc, title)


def install(window: Any) -> None:
    """Add the composer action to the File menu (its own group above 关闭标签页) and the library's context menu."""
    controller = BriefComposerController(window)
    window.brief_composer = controller
    window.add_menu_action("file", controller.action, before="action_close_tab")
    menu = window.menus["file"]
    if menu.actions().index(controller.action) > 0:
        menu.insertSeparator(controller.action)
    window.library_pane.add_context_action(controller.action)
