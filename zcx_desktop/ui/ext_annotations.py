"""Annotations in the GUI: highlights in readers, layer panel, document sidebar, note panel, browser.

Installed by `extensions.install_extensions`. Edit menu: undo/redo of annotation operations
(Ctrl+Z / Ctrl+Shift+Z); Tools menu: annotations browser (Ctrl+Shift+B), Markdown export of
the open document, exchange export/import. Every reader tab gets a `ReaderAnnotations`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from zcx_desktop.ui.i18n import tr, watch_language

log = logging.getLogger("zcx.ui.annotations")

MENU_ACTIONS = (
    # key, menu, shortcut
    ("undo", "edit", "Ctrl+Z"),
    ("redo", "edit", "Ctrl+Shift+Z"),
    ("browser", "tools", "Ctrl+Shift+B"),
    ("export_md", "tools", ""),
    ("export_json", "tools", ""),
    ("import_json", "tools", ""),
)


class AnnotationsExtension(QObject):
    """Wires the annotation widgets into one main window (kept as `window.annotations`)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        from zcx_desktop.ui.annot_controller import AnnotationController
        from zcx_desktop.ui.annot_layers import LayerPanel
        from zcx_desktop.ui.annot_note import NoteEditor
        from zcx_desktop.ui.annot_sidebar import AnnotationSidebar, show_annotation

        self.window_ = window
        self.controller = AnnotationController(window)
        self.readers: dict[int, Any] = {}
        self.browser = None
        self.layer_panel = LayerPanel(self.controller)
        self.sidebar = AnnotationSidebar(self.controller)
        self.note_editor = NoteEditor(self.controller)
        self.note_editor.jump_requested.connect(lambda ann: show_annotation(self.controller, ann))
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.docks = {
            "layers": window.add_panel("annot_layers", self.layer_panel, "annot.panel.layers", right, "Ctrl+Shift+Y"),
            "sidebar": window.add_panel("annot_sidebar", self.sidebar, "annot.panel.sidebar", right, "Ctrl+Shift+N"),
            "note": window.add_panel("annot_note", self.note_editor, "annot.panel.note", right),
        }
        window.resizeDocks(list(self.docks.values()), [200, 320, 300], Qt.Orientation.Vertical)
        # The annotation docks make room for the library table while the library tab is shown.
        self._auto_hidden: set[str] = set()
        window.tabs.currentChanged.connect(self._follow_tab)
        QTimer.singleShot(0, lambda: self._follow_tab(window.tabs.currentIndex()))
        self.controller.annotation_selected.connect(self._show_note_panel)
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        window.reader_opened.connect(self.attach_reader)
        for reader in window.readers():
            self.attach_reader(reader)
        self._count_in_library_list()
        window.installEventFilter(self)
        store, bridge = self.controller.store, self.controller.bridge
        window.destroyed.connect(lambda *_: store.remove_listener(bridge))
        watch_language(self, self.retranslate)
        self.retranslate()

    def _follow_tab(self, index: int) -> None:
        """Hide the annotation docks on the library tab and bring them back on a reader tab."""
        window = self.window_
        reading = window.tabs.widget(index) is not window.library_pane
        for key in ("layers", "sidebar", "note"):
            dock = self.docks[key]
            if reading and key in self._auto_hidden:
                self._auto_hidden.discard(key)
                dock.show()
            elif not reading and dock.isVisible():
                self._auto_hidden.add(key)
                dock.hide()

    def _build_actions(self) -> None:
        from zcx_desktop.ui import annot_exchange

        slots = {
            "undo": self.controller.undo,
            "redo": self.controller.redo,
            "browser": self.show_browser,
            "export_md": lambda: annot_exchange.export_markdown(self.controller),
            "export_json": lambda: annot_exchange.export_layers(self.controller),
            "import_json": lambda: annot_exchange.import_exchange(self.controller),
        }
        for key, menu, shortcut in MENU_ACTIONS:
            action = QAction(self.window_)
            action.setObjectName(f"action_annot_{key}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, slot=slots[key]: slot())
            self.window_.add_menu_action(menu, action)
            self.actions[key] = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self.note_editor.save_now()  # queued before the window's runner shuts down and waits
        return False

    def retranslate(self) -> None:
        for key, action in self.actions.items():
            action.setText(tr(f"annot.action.{key}"))

    # -- readers -----------------------------------------------------------------------
    def attach_reader(self, reader: Any) -> Any:
        from zcx_desktop.ui.annot_reader import ReaderAnnotations

        existing = getattr(reader, "annotations", None)
        if existing is not None:
            return existing
        wiring = ReaderAnnotations(self.controller, reader)
        reader.annotations = wiring
        self.sidebar.follow_reader()
        return wiring

    def _show_note_panel(self, _ann: Any) -> None:
        dock = self.docks["note"]
        if not dock.isVisible():
            dock.show()

    def show_browser(self) -> Any:
        if self.browser is None:
            from zcx_desktop.ui.annot_browser import AnnotationsBrowser

            self.browser = AnnotationsBrowser(self.controller)
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()
        return self.browser

    def _count_in_library_list(self) -> None:
        """Feed the library table's annotation count column (ops.annotation_counter extension point)."""
        from zcx_desktop.ui import ops

        if count_per_document not in ops.annotation_counter:
            ops.annotation_counter.append(count_per_document)


def count_per_document(library: Any) -> dict[int, int]:
    from zcx_desktop.core.annotations import annotation_store

    counts: dict[int, int] = {}
    for ann in annotation_store(library).all():
        if ann.doc_id is not None:
            counts[ann.doc_id] = counts.get(ann.doc_id, 0) + 1
    return counts


def install(window: Any) -> None:
    """Add the annotation panels, actions and reader wiring to the main window."""
    try:
        import zcx_desktop.core.annotations  # noqa: F401
    except ImportError:
        log.info("annotations package not available")
        return
    window.annotations = AnnotationsExtension(window)
