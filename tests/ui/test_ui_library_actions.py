"""GUI tests: global search panel, metadata edit + undo, delete with confirmation, settings."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import close_dialogs
from zcx_desktop.ui import dialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_search_panel_finds_and_opens_hit(sample_window, qtbot):
    panel = sample_window.search_panel
    sample_window.findChild(type(sample_window.actions["find"]), "action_global_search").trigger()
    assert panel.isVisible()
    panel.query_edit.setText("高新技术企业")
    panel.search()
    qtbot.waitUntil(lambda: panel.results is not None, timeout=30000)
    assert panel.results.total_docs >= 1
    top = panel.tree.topLevelItem(0)
    hit_item = top.child(0)
    hit = hit_item.data(0, Qt.ItemDataRole.UserRole + 1)
    with qtbot.waitSignal(sample_window.reader_opened, timeout=10000):
        panel.open_item(hit_item)
    reader = sample_window.current_reader()
    qtbot.waitUntil(lambda: bool(reader.view.layer("search")), timeout=5000)
    assert reader.doc_id == hit.doc_id
    starts = [start for start, _end, _color in reader.view.layer("search")]
    assert all(reader.text[s : s + 6] == "高新技术企业" for s in starts)


def test_metadata_edit_saved_and_undone(sample_window, qtbot):
    pane = sample_window.library_pane
    doc = pane.model.documents[0]
    pane.select_ids([doc.id])
    sample_window.edit_metadata()
    dialog = sample_window.metadata_dialog
    dialog.edits["region"].setText("测试地区")
    dialog.tags_edit.setText("重点，科技")
    dialog.accept()

    def shown():
        return pane.model.documents[pane.model.row_of(doc.id)]

    qtbot.waitUntil(
        lambda: shown().meta.region == "测试地区" and shown().tags == ["科技", "重点"], timeout=5000
    )
    assert sample_window.library.get_tags(doc.id) == ["科技", "重点"]
    assert pane.facets.groups["tags"].childCount() == 2
    sample_window.undo_metadata()
    qtbot.waitUntil(
        lambda: shown().meta.region == doc.meta.region and not shown().tags, timeout=5000
    )
    assert sample_window.library.get_tags(doc.id) == []


def test_delete_asks_and_respects_answer(sample_window, qtbot, monkeypatch):
    pane = sample_window.library_pane
    doc_id = pane.model.documents[0].id
    pane.select_ids([doc_id])
    sample_window.show_library()
    sample_window.delete_selected()  # the sandbox answers No
    sample_window.runner.wait()
    assert pane.model.row_of(doc_id) >= 0
    questions = []
    monkeypatch.setattr(
        dialogs, "ask_yes_no", lambda parent, title, text: questions.append(text) or True
    )
    sample_window.delete_selected()
    qtbot.waitUntil(lambda: pane.model.row_of(doc_id) < 0, timeout=5000)
    assert "1" in questions[0]
    assert len(sample_window.library.list_documents()) == 2


def test_settings_dialog_applies_and_persists(make_window, tmp_path, qtbot):
    window = make_window()
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.widgets["author_name"] is not None
    dialog.widgets["author_name"].setText("张三")
    theme = dialog.widgets["theme"]
    theme.setCurrentIndex(theme.findData("dark"))
    dialog.widgets["language"].setCurrentIndex(dialog.widgets["language"].findData("en"))
    dialog.accept()
    assert window.menus["file"].title() == "&File"
    assert window.actions["dark_theme"].isChecked()
    stored = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert stored["version"] == 1
    assert stored["values"]["author_name"] == "张三" and stored["values"]["theme"] == "dark"


def test_zoom_and_elder_mode_change_reader_size(sample_window, qtbot):
    from tests.ui.conftest import open_first_document

    reader = open_first_document(sample_window, qtbot)
    size = reader.typography.point_size
    row_height = sample_window.library_pane.table.verticalHeader().defaultSectionSize()
    sample_window.zoom_in()
    assert reader.typography.point_size == size + 1
    sample_window.actions["elder_mode"].setChecked(True)
    sample_window.toggle_elder_mode()
    assert reader.typography.point_size >= 22
    assert reader.view.font().pointSizeF() == reader.typography.point_size
    qtbot.waitUntil(
        lambda: sample_window.library_pane.table.verticalHeader().defaultSectionSize() > row_height,
        timeout=3000,
    )


def test_paste_as_new_document(make_window, qtbot, corpus_files):
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    QGuiApplication.clipboard().setText(corpus_files[-1].read_text(encoding="utf-8"))
    with qtbot.waitSignal(window.reader_opened, timeout=20000) as blocker:
        window.actions["paste_document"].trigger()
    assert blocker.args[0].clauses
    assert window.library_pane.model.rowCount() == 1 or window.library.list_documents()


def test_import_summary_lists_failures(make_window, qtbot, tmp_path, corpus_files):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.importer.finished, timeout=20000) as blocker:
        window.importer.import_paths([bad, corpus_files[-1]])
    results = blocker.args[0]
    assert [r.ok for r in results] == [False, True]
    summary = window.importer.summary_dialog
    assert summary.counts == {"added": 1, "duplicates": 0, "failed": 1}
    assert summary.failure_table.rowCount() == 1
    assert summary.failure_table.item(0, 0).text() == "empty.txt"
    assert summary.failure_table.item(0, 1).text()
    close_dialogs()
    summary.close()


def test_reimport_replaces_text_of_open_reader(sample_window, qtbot, tmp_path):
    from tests.ui.conftest import open_first_document

    reader = open_first_document(sample_window, qtbot)
    doc_id = reader.doc_id
    replacement = tmp_path / "新版.txt"
    replacement.write_text(
        "某某实施方案\n一、总体要求\n坚持创新驱动。\n二、主要任务\n加快建设。\n", encoding="utf-8"
    )
    sample_window.reimport_document(doc_id, replacement)
    qtbot.waitUntil(
        lambda: (
            sample_window.reader_for(doc_id) is not None
            and "坚持创新驱动" in sample_window.reader_for(doc_id).text
        ),
        timeout=10000,
    )
    new_reader = sample_window.reader_for(doc_id)
    assert [c.path for c in new_reader.clauses] == ["一", "二"]
    assert sample_window.library.get_document(doc_id).meta.title == reader.document_info.meta.title


def test_progress_dialog_cancel_stops_the_job(make_window, qtbot):
    window = make_window()
    importer = window.importer
    importer.import_sample()
    dialog = importer.progress_dialog
    job = importer.job
    dialog.cancel_button.click()
    assert job.cancelled()
    with qtbot.waitSignal(importer.finished, timeout=30000) as blocker:
        pass
    assert len(blocker.args[0]) <= 3
    close_dialogs()
