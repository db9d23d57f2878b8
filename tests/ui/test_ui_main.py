"""GUI tests of the main window: sample import, reader/outline, find, drag-and-drop, language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import close_dialogs, open_first_document
from zcx_desktop.ui import dialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_sample_import_through_ui_fills_table_and_facets(sample_window):
    model = sample_window.library_pane.model
    assert model.rowCount() == 3
    titles = [d.meta.title for d in model.documents]
    assert all(titles)
    facets = sample_window.library_pane.facets
    assert facets.groups["issuer"].childCount() >= 1
    assert sample_window.importer.summary_dialog is not None
    assert sample_window.importer.summary_dialog.counts["added"] == 3


def test_facet_selection_filters_table(sample_window):
    pane = sample_window.library_pane
    group = pane.facets.groups["year"]
    assert group.childCount() >= 2
    group.child(0).setSelected(True)
    assert 0 < pane.proxy.rowCount() < pane.model.rowCount()
    group.child(0).setSelected(False)
    assert pane.proxy.rowCount() == pane.model.rowCount()


def test_text_filter_matches_doc_number(sample_window):
    pane = sample_window.library_pane
    doc = next(d for d in pane.model.documents if d.meta.doc_number)
    pane.filter_edit.setText(doc.meta.doc_number)
    assert pane.proxy.rowCount() == 1


def test_outline_click_scrolls_to_clause(sample_window, qtbot):
    reader = open_first_document(sample_window, qtbot)
    sample_window.resize(1100, 700)
    qtbot.waitExposed(reader)
    assert reader.clauses, "sample document should have clauses"
    target = reader.clauses[len(reader.clauses) * 2 // 3]
    item = reader.outline.items[target.index]
    reader.outline.scrollToItem(item)
    rect = reader.outline.visualItemRect(item)
    qtbot.mouseClick(reader.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.view.verticalScrollBar().value() > 0
    assert reader.view.is_offset_visible(target.start)
    assert reader.outline.currentItem() is item


def test_outline_follows_scroll(sample_window, qtbot):
    reader = open_first_document(sample_window, qtbot)
    qtbot.waitExposed(reader)
    middle = reader.clauses[len(reader.clauses) // 2]
    reader.view.scroll_to_offset(middle.body_end - 1, block_top=False)
    qtbot.waitUntil(lambda: reader.outline.currentItem() is not None, timeout=3000)
    shown = reader.clauses[reader.outline.currentItem().data(0, Qt.ItemDataRole.UserRole)]
    top = reader.view.top_offset()
    assert shown.start <= top < shown.end
    assert not any(c.level > shown.level and c.start <= top < c.end for c in reader.clauses)


def test_find_in_document_counts_hits(sample_window, qtbot):
    reader = open_first_document(sample_window, qtbot)
    sample_window.find_in_document()
    needle = "创新"
    reader.find_bar.edit.setText(needle)
    expected = reader.text.count(needle)
    assert expected > 1
    assert len(reader.find_bar.hits) == expected
    assert f"1/{expected}" in reader.find_bar.count_label.text()
    qtbot.keyClick(reader.find_bar.edit, Qt.Key.Key_Return)
    assert f"2/{expected}" in reader.find_bar.count_label.text()
    assert len(reader.view.extraSelections()) == expected + 1


def test_copy_with_citation_names_title_and_clause(sample_window, qtbot):
    reader = open_first_document(sample_window, qtbot)
    clause = next(c for c in reader.clauses if c.level >= 2)
    reader.view.select_offsets(clause.start, clause.body_end)
    text = reader.copy_with_citation()
    assert text == QGuiApplication.clipboard().text()
    assert reader.document_info.meta.title in text and clause.path in text


def test_drop_file_imports_it(make_window, qtbot, corpus_files, tmp_path):
    window = make_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(corpus_files[-1]))])
    where = QPointF(300, 300)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, Qt.DropAction.CopyAction, data, buttons, keys)
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as blocker:
        QApplication.sendEvent(window, drop)
    assert [r.ok for r in blocker.args[0]] == [True]
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.current_reader() is not None, timeout=5000)
    assert window.current_reader().doc_id == blocker.args[0][0].doc_id


def test_language_switch_changes_visible_texts(make_window):
    window = make_window()
    before = [
        window.menus["file"].title(),
        window.tabs.tabText(0),
        window.actions["import_files"].text(),
    ]
    window.switch_language()
    after = [
        window.menus["file"].title(),
        window.tabs.tabText(0),
        window.actions["import_files"].text(),
    ]
    assert before == ["文件(&F)", "文库", "导入文件…"]
    assert after == ["&File", "Library", "Import files…"]
    header = window.library_pane.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "Doc. No."
    window.switch_language()
    assert window.menus["file"].title() == before[0]


def test_first_start_offers_sample(make_window, qtbot, monkeypatch):
    asked = []

    def answer_yes(parent, title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "ask_yes_no", answer_yes)
    window = make_window(offer_sample=True)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 3, timeout=30000)
    close_dialogs()
    assert "示例文库" in asked[0]


def test_crash_dialog_keeps_app_alive(make_window):
    window = make_window()
    try:
        raise RuntimeError("boom")
    except RuntimeError as err:
        window.errors.excepthook(type(err), err, err.__traceback__)
    from zcx_desktop.ui.errors import open_dialogs

    crash = [d for d in open_dialogs if d.objectName() == "crashDialog"]
    assert crash and "RuntimeError: boom" in crash[0].details.toPlainText()
    assert window.isVisible()
    close_dialogs()


def test_background_failure_shows_known_error_message(make_window, qtbot):
    from zcx_desktop.core.errors import KnownError
    from zcx_desktop.ui.errors import open_dialogs

    window = make_window()

    def failing(library, job):
        raise KnownError("文库目录是只读的")

    job = window.runner.run(failing)
    qtbot.waitUntil(lambda: job.finished, timeout=5000)
    boxes = [d for d in open_dialogs if d.objectName() == "messageBox"]
    assert boxes and boxes[-1].text() == "文库目录是只读的"
    close_dialogs()


def test_shortcuts_work_with_two_readers_open(sample_window, qtbot):
    documents = sample_window.library_pane.model.documents
    for doc in documents[:2]:
        with qtbot.waitSignal(sample_window.reader_opened, timeout=10000):
            sample_window.open_document(doc.id)
    reader = sample_window.current_reader()
    sample_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sample_window, timeout=3000)
    reader.view.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(reader.view, Qt.Key.Key_F, modifiers)
    assert reader.find_bar.isVisible()
    qtbot.keyClick(reader.find_bar.edit, Qt.Key.Key_Escape)
    assert not reader.find_bar.isVisible()
    clause = reader.clauses[1]
    reader.view.select_offsets(clause.start, clause.body_end)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(reader.view, Qt.Key.Key_C, modifiers | Qt.KeyboardModifier.ShiftModifier)
    assert clause.path in QGuiApplication.clipboard().text()
    size = reader.typography.point_size
    qtbot.keyClick(reader.view, Qt.Key.Key_Equal, modifiers)
    assert reader.typography.point_size == size + 1
