"""Connects the library pane's collections list and table menus to the window's runner."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from zcx_desktop.ui import collections_list, collections_ops, dialogs
from zcx_desktop.ui.collections_ops import CollectionsState
from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.collections")


class CollectionsController(QObject):
    """Loads collections in the background, filters the pane, runs every change as an op.

    Signals:
        changed(): a change finished and the list was reloaded (for tests and status).
    """

    changed = Signal()

    def __init__(self, pane: Any, window: Any) -> None:
        super().__init__(pane)
        self.pane = pane
        self.window_ = window
        self.runner = window.runner
        self.state = CollectionsState([], {})
        self.latest_load = 0
        self.loaded_once = False
        lst = pane.collections
        lst.chosen.connect(lambda _id: self._apply_filter())
        lst.documents_dropped.connect(self.add_documents)
        lst.menu_requested.connect(self._list_menu)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read collections and memberships (stale results are dropped)."""
        job = self.runner.run(
            collections_ops.load_state, on_done=lambda s: self._loaded(job_id, s),
            label="collections",
        )
        job_id = self.latest_load = job.id

    def _loaded(self, job_id: int, state: CollectionsState) -> None:
        if job_id != self.latest_load:
            return
        self.state = state
        self.loaded_once = True
        self.pane.collections.show_collections(state.collections, self.pane.model.rowCount())
        self._apply_filter()
        self.changed.emit()

    def _apply_filter(self) -> None:
        chosen = self.pane.collections.current_collection()
        members = None if chosen is None else self.state.members.get(chosen, set())
        self.pane.filter_by_collection(members)

    # -- changes ---------------------------------------------------------------------------
    def _run(self, op, done_message=None) -> None:
        def finished(result: Any) -> None:
            if done_message is not None:
                self.window_.statusBar().showMessage(done_message(result), 5000)
            self.reload()

        self.runner.run(op, on_done=finished, writes=True, label="collections-change")

    def create(self, doc_ids: list[int] | None = None) -> None:
        name = collections_list.ask_name(self.window_)
        if name is not None:
            self._run(collections_ops.create(name, doc_ids))

    def rename(self, collection_id: int) -> None:
        current = self.pane.collections.name_of(collection_id)
        name = collections_list.ask_name(self.window_, current)
        if name is not None and name.strip() != current:
            self._run(collections_ops.rename(collection_id, name))

    def delete(self, collection_id: int) -> None:
        name = self.pane.collections.name_of(collection_id)
        count = len(self.state.members.get(collection_id, ()))
        question = tr("collections.delete_question", name=name, count=count)
        if dialogs.ask_yes_no(self.window_, tr("collections.delete_title"), question):
            self._run(collections_ops.delete(collection_id))

    def add_documents(self, collection_id: int, doc_ids: list[int]) -> None:
        name = self.pane.collections.name_of(collection_id)
        self._run(
            collections_ops.add_documents(collection_id, list(doc_ids)),
            lambda added: tr("collections.added", count=len(added), name=name),
        )

    def remove_documents(self, collection_id: int, doc_ids: list[int]) -> None:
        name = self.pane.collections.name_of(collection_id)
        self._run(
            collections_ops.remove_documents(collection_id, list(doc_ids)),
            lambda removed: tr("collections.removed", count=len(removed), name=name),
        )

    # -- menus -----------------------------------------------------------------------------
    def table_menu_actions(self, menu: QMenu, doc_ids: list[int]) -> None:
        """Add 加入文件夹 ▸ and 从文件夹移除 to the table's context menu."""
        submenu = menu.addMenu(tr("collections.add_to"))
        submenu.setObjectName("collectionsAddMenu")
        submenu.setEnabled(bool(doc_ids))
        for collection in self.state.collections:
            action = submenu.addAction(collection.name)
            action.triggered.connect(
                lambda _=False, cid=collection.id: self.add_documents(cid, doc_ids)
            )
        if self.state.collections:
            submenu.addSeparator()
        new = submenu.addAction(tr("collections.new_with_selection"))
        new.triggered.connect(lambda _=False: self.create(doc_ids))
        chosen = self.pane.collections.current_collection()
        if chosen is not None:
            name = self.pane.collections.name_of(chosen)
            remove = QAction(tr("collections.remove_from_named", name=name), menu)
            remove.setObjectName("collectionsRemoveAction")
            remove.setEnabled(bool(doc_ids))
            remove.triggered.connect(lambda _=False: self.remove_documents(chosen, doc_ids))
            menu.addAction(remove)

    def list_menu(self, collection_id: int | None) -> QMenu:
        """The collections list's context menu: new, and rename/delete for a folder."""
        menu = QMenu(self.pane)
        menu.setObjectName("collectionsMenu")
        menu.addAction(tr("collections.create")).triggered.connect(lambda _=False: self.create())
        if collection_id is not None:
            menu.addSeparator()
            rename = menu.addAction(tr("collections.rename"))
            rename.triggered.connect(lambda _=False: self.rename(collection_id))
            delete = menu.addAction(tr("collections.delete"))
            delete.triggered.connect(lambda _=False: self.delete(collection_id))
        return menu

    def _list_menu(self, collection_id: int | None, where: QPoint) -> None:
        self.list_menu(collection_id).popup(where)
