"""The main window: library tab + reader tabs, menus/toolbar, drag-and-drop import, extension points.

Extension points (for search, annotations, compare, targets, brief composer):
    window.add_menu_action(menu, action, toolbar=False, before=None)
                                                 menu in window_actions.MENUS ("tools", ...);
                                                 before = objectName of an action to go above
    window.add_panel(panel_id, widget, title_key, area, shortcut)   a dock panel with a toggle action
    window.library_pane.add_context_action(action)                  table context menu
    window.reader_opened (signal ReaderWidget)   add highlight layers: reader.view.set_layer(...),
                                                 context actions: reader.add_context_action(...)
    window.about_to_close (signal)               emitted first in closeEvent (save pending edits)
    window.open_document(doc_id, offset=None)    open (or switch to) a document at an offset
    window.selected_doc_ids(), window.current_reader(), window.runner, window.library
Modules `zcx_desktop/ui/ext_*.py` with `install(window)` are discovered at start (extensions.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
)

from zcx_desktop.core.library import Library, LibraryEvent
from zcx_desktop.core.typography import display_punctuation
from zcx_desktop.ui import dialogs, ops
from zcx_desktop.ui.appearance import reader_typography
from zcx_desktop.ui.errors import ErrorHandler
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.importer import ImportController
from zcx_desktop.ui.library_pane import LibraryPane
from zcx_desktop.ui.reader import ReaderWidget
from zcx_desktop.ui.runner import Runner
from zcx_desktop.ui.settings import AppSettings, config_dir
from zcx_desktop.ui.window_actions import ACTIONS, MENUS
from zcx_desktop.ui.window_slots import WindowSlots

log = logging.getLogger("zcx.ui")


class LibraryEventBridge(QObject):
    """Re-emits library events (sent from worker threads) on the GUI thread."""

    event = Signal(str, list)

    def __call__(self, event: LibraryEvent) -> None:
        self.event.emit(event.kind, list(event.doc_ids))


class MainWindow(WindowSlots, QMainWindow):
    """Library and readers in tabs. Signals: ready() after the first document list is shown,
    reader_opened(ReaderWidget), documents_loaded(list), about_to_close() first in closeEvent
    (while the runner still accepts work)."""

    ready = Signal()
    about_to_close = Signal()
    reader_opened = Signal(object)
    documents_loaded = Signal(list)

    def __init__(
        self,
        library: Library,
        settings: AppSettings,
        errors: ErrorHandler,
        *,
        offer_sample: bool = True,
        import_sample: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings
        self.errors = errors
        self.zoom = 0.0
        self.offer_sample_on_empty = offer_sample
        self.import_sample_at_start = import_sample
        self.is_ready = False
        self.reader_splitter_state = None  # QByteArray from QSettings, shared by new readers
        self.metadata_undo: tuple[int, dict[str, str], list[str] | None] | None = None
        self.open_timings: dict[int, float] = {}
        self.runner = Runner(library, errors.handle_failure, self)
        self.importer = ImportController(self, self.runner)
        self.importer.finished.connect(self._import_finished)
        self.bridge = LibraryEventBridge(self)
        self.bridge.event.connect(self._library_changed)
        library.add_listener(self.bridge)
        self.refresh_timer = QTimer(
            self, singleShot=True, interval=150, timeout=self.refresh_library
        )
        self.library_pane = LibraryPane()
        self.library_pane.open_requested.connect(self.open_documents)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("documentTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.addTab(self.library_pane, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(lambda _: self._update_action_state())
        self.setCentralWidget(self.tabs)
        self.panels: dict[str, QDockWidget] = {}
        self.actions: dict[str, QAction] = {}
        self.menus = {key: self.menuBar().addMenu("") for key in MENUS}
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self._build_actions()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()
        self.refresh_library()

    # -- actions and menus ----------------------------------------------------------
    def _build_actions(self) -> None:
        for spec in ACTIONS:
            action = QAction(self)
            action.setObjectName(f"action_{spec.key}")
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setCheckable(spec.checkable)
            slot = getattr(self, spec.slot)
            action.triggered.connect(lambda checked=False, s=slot: s())
            if spec.separator_before:
                self.menus[spec.menu].addSeparator()
            self.menus[spec.menu].addAction(action)
            if spec.toolbar:
                self.toolbar.addAction(action)
            self.actions[spec.key] = action
        self.actions["zoom_in"].setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.actions["elder_mode"].setChecked(bool(self.settings.get("elder_mode")))
        self.actions["dark_theme"].setChecked(self.settings.get("theme") == "dark")
        self.actions["toggle_outline"].setChecked(
            self.settings.get("default_layout") != "outline_hidden"
        )
        self.library_pane.add_context_action(self.actions["open_selected"])
        self.library_pane.add_context_action(self.actions["edit_metadata"])
        self.library_pane.add_context_action(self.actions["reimport"])
        self.library_pane.add_context_action(self.actions["delete"])

    def add_menu_action(
        self, menu: str, action: QAction, toolbar: bool = False, before: str | None = None
    ) -> None:
        """Extension point: put an action (with its shortcut) in one of MENUS.

        `before` is the objectName of an action already in that menu (e.g. "action_close_tab"):
        the new action goes just above it, above its group's separator when it starts a group.
        Appended at the end when no such action is there.
        """
        target = self.menus[menu]
        anchor = self._menu_anchor(target, before) if before else None
        if anchor is None:
            if before:
                log.warning("menu %s has no action %s; appending %s", menu, before, action.objectName())
            target.addAction(action)
        else:
            target.insertAction(anchor, action)
        target.menuAction().setVisible(True)
        if toolbar:
            self.toolbar.addAction(action)

    @staticmethod
    def _menu_anchor(menu, name: str) -> QAction | None:
        """The action named `name` in `menu`, or the separator just above it."""
        entries = menu.actions()
        index = next((i for i, a in enumerate(entries) if a.objectName() == name), None)
        if index is None:
            return None
        if index > 0 and entries[index - 1].isSeparator():
            return entries[index - 1]
        return entries[index]

    def add_panel(
        self,
        panel_id: str,
        widget: QWidget,
        title_key: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
        shortcut: str = "",
    ) -> QDockWidget:
        """Extension point: a dock panel (search, annotations...) with a toggle in the View menu."""
        dock = QDockWidget(tr(title_key), self)
        dock.setObjectName(f"panel_{panel_id}")
        dock.setWidget(widget)
        dock.setProperty("title_key", title_key)
        self.addDockWidget(area, dock)
        toggle = dock.toggleViewAction()
        if shortcut:
            toggle.setShortcut(QKeySequence(shortcut))
        self.menus["view"].addAction(toggle)
        self.panels[panel_id] = dock
        return dock

    def retranslate(self, *_: object) -> None:
        self.setWindowTitle(tr("app.title", library=self.library.path.name))
        for key, menu in self.menus.items():
            menu.setTitle(tr(f"menu.{key}"))
            menu.menuAction().setVisible(bool(menu.actions()))
        for key, action in self.actions.items():
            action.setText(tr(f"action.{key}"))
            action.setToolTip(
                f"{tr(f'action.{key}')} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        self.toolbar.setWindowTitle(tr("toolbar.main"))
        self.tabs.setTabText(0, tr("tab.library"))
        for dock in self.panels.values():
            dock.setWindowTitle(tr(dock.property("title_key")))
        self._show_status()

    # -- library ------------------------------------------------------------------
    def refresh_library(self) -> None:
        self.runner.run(ops.list_documents, on_done=self._documents_listed, label="list")

    def _documents_listed(self, result) -> None:
        documents, counts = result
        self.library_pane.set_documents(documents, counts)
        self._show_status()
        self.documents_loaded.emit(documents)
        if not self.is_ready:
            self.is_ready = True
            self.ready.emit()
            self._first_start(empty=not documents)

    def _first_start(self, *, empty: bool) -> None:
        if self.import_sample_at_start:
            self.importer.import_sample()
        elif empty and self.offer_sample_on_empty:
            QTimer.singleShot(0, self.offer_sample)

    def offer_sample(self) -> None:
        if dialogs.ask_yes_no(self, tr("sample.title"), tr("sample.question")):
            self.importer.import_sample()

    def _library_changed(self, kind: str, doc_ids: list) -> None:
        self.refresh_timer.start()
        for doc_id in doc_ids:
            reader = self.reader_for(doc_id)
            if reader is None:
                continue
            if kind == "removed":
                self.tabs.removeTab(self.tabs.indexOf(reader))
                reader.deleteLater()
            elif kind in ("updated", "replaced"):
                self.runner.run(
                    ops.load_document(doc_id), on_done=self._reload_reader, label="reload"
                )

    def _reload_reader(self, opened: ops.OpenedDocument) -> None:
        reader = self.reader_for(opened.document.id)
        if reader is None:
            return
        if reader.text == (opened.document.text or "") and reader.clauses == opened.clauses:
            reader.update_metadata(opened.document)
            self.tabs.setTabText(self.tabs.indexOf(reader), self._tab_title(opened.document))
            return
        index = self.tabs.indexOf(reader)
        top = reader.view.top_offset()
        replacement = self._make_reader(opened)
        self.tabs.removeTab(index)
        reader.deleteLater()
        self.tabs.insertTab(index, replacement, self._tab_title(opened.document))
        self.tabs.setCurrentIndex(index)
        replacement.view.scroll_to_offset(min(top, len(replacement.text)))
        self.reader_opened.emit(replacement)

    def _show_status(self) -> None:
        count = self.library_pane.model.rowCount()
        self.status_label.setText(tr("status.library", path=str(self.library.path), count=count))

    # -- readers ------------------------------------------------------------------
    def readers(self) -> list[ReaderWidget]:
        return [
            w
            for i in range(self.tabs.count())
            if isinstance(w := self.tabs.widget(i), ReaderWidget)
        ]

    def reader_for(self, doc_id: int) -> ReaderWidget | None:
        return next((r for r in self.readers() if r.doc_id == doc_id), None)

    def current_reader(self) -> ReaderWidget | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ReaderWidget) else None

    def selected_doc_ids(self) -> list[int]:
        reader = self.current_reader()
        return [reader.doc_id] if reader else self.library_pane.selected_ids()

    def open_documents(self, doc_ids: list[int]) -> None:
        for doc_id in doc_ids[:20]:
            self.open_document(doc_id)

    def open_document(self, doc_id: int, offset: int | None = None) -> None:
        """Show the document in a tab (loading it in the background if not open yet)."""
        reader = self.reader_for(doc_id)
        if reader is not None:
            self.tabs.setCurrentWidget(reader)
            if offset is not None:
                reader.jump_to_offset(offset)
            return
        self.open_timings[doc_id] = time.perf_counter()
        self.runner.run(
            ops.load_document(doc_id),
            on_done=lambda opened: self._show_document(opened, offset),
            label="open",
        )

    def _show_document(self, opened: ops.OpenedDocument, offset: int | None) -> None:
        existing = self.reader_for(opened.document.id)
        reader = existing or self._make_reader(opened)
        if existing is None:
            self.tabs.addTab(reader, self._tab_title(opened.document))
            self.tabs.setTabToolTip(
                self.tabs.indexOf(reader), display_punctuation(opened.document.meta.title)
            )
        self.tabs.setCurrentWidget(reader)
        reader.view.setFocus()
        if offset is not None:
            reader.jump_to_offset(offset)
        started = self.open_timings.pop(opened.document.id, None)
        if started is not None:
            log.info(
                "opened document %s in %.0f ms",
                opened.document.id,
                (time.perf_counter() - started) * 1000,
            )
        if existing is None:
            self.reader_opened.emit(reader)

    def _make_reader(self, opened: ops.OpenedDocument) -> ReaderWidget:
        layout = self.settings.get("default_layout")
        if not self.actions["toggle_outline"].isChecked():
            layout = "outline_hidden"
        reader = ReaderWidget(
            opened.document, opened.clauses, reader_typography(self.settings, self.zoom), layout
        )
        if self.reader_splitter_state is not None and layout != "outline_hidden":
            reader.splitter.restoreState(self.reader_splitter_state)
        reader.splitter.splitterMoved.connect(
            lambda *_: setattr(self, "reader_splitter_state", reader.splitter.saveState())
        )
        return reader

    @staticmethod
    def _tab_title(document) -> str:
        title = display_punctuation(document.meta.title or document.original_name)
        return title if len(title) <= 16 else title[:15] + "…"

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, ReaderWidget):
            self.tabs.removeTab(index)
            widget.deleteLater()

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def show_library(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.library_pane.table.setFocus()

    def _update_action_state(self) -> None:
        in_reader = self.current_reader() is not None
        for key in ("find", "copy_citation"):
            self.actions[key].setEnabled(in_reader)

    # -- drag and drop --------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.import_paths(paths)

    # -- window state ----------------------------------------------------------------
    def window_state_store(self) -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def restore_window_state(self) -> None:
        store = self.window_state_store()
        geometry = store.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = store.value("state")
        if state is not None:
            self.restoreState(state)
        splitter = store.value("library_splitter")
        if splitter is not None:
            self.library_pane.splitter.restoreState(splitter)
        self.reader_splitter_state = store.value("reader_splitter")

    def save_window_state(self) -> None:
        store = self.window_state_store()
        store.setValue("geometry", self.saveGeometry())
        store.setValue("state", self.saveState())
        store.setValue("library_splitter", self.library_pane.splitter.saveState())
        reader = self.current_reader() or next(iter(self.readers()), None)
        if reader is not None:
            store.setValue("reader_splitter", reader.splitter.saveState())
        store.sync()

    def closeEvent(self, event) -> None:
        self.about_to_close.emit()
        self.refresh_timer.stop()
        self.library.remove_listener(self.bridge)
        self.runner.shutdown()
        self.save_window_state()
        self.settings.save()
        super().closeEvent(event)
