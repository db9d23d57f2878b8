"""Collections in the library pane: list with counts, filtering, menus, drag and drop; 批注 column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from zcx_desktop.core import collections as col
from zcx_desktop.ui import collections_list, dialogs
from zcx_desktop.ui.library_model import DOC_ID_ROLE, DocumentTableModel


def _texts(window) -> list[str]:
    return [f"{name}（{count}）" for name, count in window.library_pane.collections.rows()]


def _wait_change(window, qtbot, action) -> None:
    controller = window.library_pane.collections_controller
    with qtbot.waitSignal(controller.changed, timeout=10000):
        action()


def _shown_ids(window) -> set[int]:
    proxy = window.library_pane.proxy
    return {int(proxy.index(row, 0).data(DOC_ID_ROLE)) for row in range(proxy.rowCount())}


@pytest.fixture
def coll_window(sample_window, qtbot):
    window = sample_window
    qtbot.waitUntil(lambda: window.library_pane.collections_controller is not None
                    and window.library_pane.collections_controller.loaded_once, timeout=10000)
    return window


def test_all_documents_first_then_collections_with_counts(coll_window, qtbot, monkeypatch):
    window = coll_window
    assert _texts(window) == ["全部文档（3）"]
    monkeypatch.setattr(collections_list, "ask_name", lambda *args: "重点文件")
    controller = window.library_pane.collections_controller
    _wait_change(window, qtbot, controller.create)
    assert _texts(window) == ["全部文档（3）", "重点文件（0）"]


def test_context_menu_adds_selection_and_clicking_filters(coll_window, qtbot):
    window = coll_window
    pane = window.library_pane
    folder = col.create_collection(window.library, "专题")
    _wait_change(window, qtbot, pane.collections_controller.reload)
    ids = sorted(d.id for d in pane.model.documents)
    pane.select_ids(ids[:2])
    menu = pane.context_menu()
    add_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert add_menu.title() == "加入文件夹"
    entries = [a.text() for a in add_menu.actions() if not a.isSeparator()]
    assert entries == ["专题", "新建…"]
    _wait_change(window, qtbot, add_menu.actions()[0].trigger)
    assert col.documents_in(window.library, folder.id) == ids[:2]
    qtbot.waitUntil(lambda: _texts(window)[1] == "专题（2）", timeout=5000)
    pane.collections.setCurrentItem(pane.collections.topLevelItem(1))  # click the folder
    assert _shown_ids(window) == set(ids[:2])
    assert "2" in pane.count_label.text()
    pane.filter_edit.setText("没有这种标题")
    assert _shown_ids(window) == set()
    pane.filter_edit.clear()
    pane.collections.setCurrentItem(pane.collections.topLevelItem(0))  # 全部文档
    assert _shown_ids(window) == set(ids)


def test_remove_from_folder_updates_the_filtered_table(coll_window, qtbot):
    window = coll_window
    pane = window.library_pane
    ids = sorted(d.id for d in pane.model.documents)
    folder = col.create_collection(window.library, "专题")
    col.add_documents(window.library, folder.id, ids)
    qtbot.waitUntil(lambda: _texts(window)[1:] == ["专题（3）"], timeout=10000)
    pane.collections.choose(folder.id)
    pane.select_ids([ids[0]])
    remove = next(a for a in pane.context_menu().actions() if a.objectName() == "collectionsRemoveAction")
    assert remove.text() == "从“专题”移除"
    remove.trigger()
    qtbot.waitUntil(lambda: _shown_ids(window) == set(ids[1:]), timeout=10000)
    assert window.library.document_ids() == ids  # removed from the folder, not the library


def test_drop_documents_on_a_collection(coll_window, qtbot):
    window = coll_window
    pane = window.library_pane
    folder = col.create_collection(window.library, "拖放")
    _wait_change(window, qtbot, pane.collections_controller.reload)
    ids = sorted(d.id for d in pane.model.documents)
    pane.select_ids(ids[1:])
    selected = pane.table.selectionModel().selectedIndexes()
    mime = pane.proxy.mimeData(selected)  # what dragging the selected rows carries
    assert collections_list.doc_ids_from_mime(mime) == ids[1:]
    target = pane.collections.visualItemRect(pane.collections.topLevelItem(1)).center()
    event = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    _wait_change(window, qtbot, lambda: pane.collections.dropEvent(event))
    assert event.isAccepted()
    assert col.documents_in(window.library, folder.id) == ids[1:]
    assert _texts(window)[1] == "拖放（2）"


def test_rename_and_delete_from_the_list_menu(coll_window, qtbot, monkeypatch):
    window = coll_window
    pane = window.library_pane
    ids = sorted(d.id for d in pane.model.documents)
    folder = col.create_collection(window.library, "旧名")
    col.add_documents(window.library, folder.id, ids[:1])
    qtbot.waitUntil(lambda: _texts(window)[1:] == ["旧名（1）"], timeout=10000)
    pane.collections.choose(folder.id)
    monkeypatch.setattr(collections_list, "ask_name", lambda *args: "新名")
    menu = pane.collections_controller.list_menu(folder.id)
    labels = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert list(labels) == ["新建文件夹…", "重命名…", "删除文件夹"]
    _wait_change(window, qtbot, labels["重命名…"].trigger)
    assert _texts(window)[1:] == ["新名（1）"]
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
    _wait_change(window, qtbot, labels["删除文件夹"].trigger)
    assert _texts(window) == ["全部文档（3）"]
    assert pane.collections.current_collection() is None
    assert _shown_ids(window) == set(ids)  # back to every document


def test_language_switch_relabels_all_documents(coll_window, qtbot):
    from zcx_desktop.ui import i18n

    i18n.set_language("en")
    try:
        assert _texts(coll_window)[0] == "All documents（3）"
        menu = coll_window.library_pane.collections_controller.list_menu(None)
        assert [a.text() for a in menu.actions()] == ["New folder…"]
    finally:
        i18n.set_language("zh_CN")


def test_annotation_column_shows_counts(qapp):
    model = DocumentTableModel()
    from zcx_desktop.core.model import Document, DocumentMeta

    docs = [Document(id=i, meta=DocumentMeta(title=f"文{i}"), content_hash=str(i), original_name="",
                     source_format="txt", imported_at="", clause_count=0) for i in (1, 2)]
    model.set_documents(docs, {2: 5})
    column = 7
    assert model.index(0, column).data() == "" and model.index(1, column).data() == "5"


def test_annotation_column_counts_through_the_annotations_extension(coll_window, qtbot):
    from zcx_desktop.core.annotations import annotation_store
    from zcx_desktop.ui.extensions import install_extensions

    window = coll_window
    install_extensions(window, only=["zcx_desktop.ui.ext_annotations"])
    doc = max(window.library_pane.model.documents, key=lambda d: d.clause_count)
    store = annotation_store(window.library)
    text = window.library.get_text(doc.id)
    store.annotate(doc.id, 0, 4)
    store.annotate(doc.id, 10, 14)
    model = window.library_pane.model
    column = 7
    qtbot.waitUntil(lambda: model.index(model.row_of(doc.id), column).data() == "2", timeout=10000)
    assert len(text) > 14
