"""GUI tests of the comparison entry points: library selection, 与…比较, two clauses, similar clauses, brief, stale runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_ui_compare import compare_setup, run_comparison  # noqa: F401  (fixture)

from zcx_desktop.ui import compare_dialogs, ext_brief
from zcx_desktop.ui.compare_model import B_TEXT, CHIPS_ROLE, STATUS_ROLE
from zcx_desktop.ui.i18n import tr

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")


def wait_result(comparison, qtbot):
    qtbot.waitUntil(
        lambda: comparison.result is not None and not comparison.is_busy(), timeout=20000
    )
    return comparison.result.comparison


def test_two_documents_selected_in_the_library(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    action = window.compare.actions["documents"]
    assert action.shortcut().toString() == "Ctrl+Shift+K"
    assert action in window.menus["tools"].actions()
    window.library_pane.select_ids([doc_a])
    assert window.compare.compare_selected() is None  # one document: asks for two
    window.library_pane.select_ids([doc_b, doc_a])
    action.trigger()
    comparison = window.compare.comparison_window
    result = wait_result(comparison, qtbot)
    assert (result.a.doc_id, result.b.doc_id) == (doc_a, doc_b)  # the older (lower id) is A


def test_compare_with_from_the_reader(compare_setup, qtbot, monkeypatch):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    with qtbot.waitSignal(window.reader_opened, timeout=10000):
        window.open_document(doc_b)
    offered = []
    monkeypatch.setattr(
        compare_dialogs,
        "pick_document",
        lambda _p, docs, exclude, _t: offered.append((docs, exclude)) or doc_a,
    )
    window.compare.actions["with"].trigger()
    result = wait_result(window.compare.comparison_window, qtbot)
    assert offered[0][1] == doc_b
    assert (result.a.doc_id, result.b.doc_id) == (doc_b, doc_a)


def test_document_picker_filters(compare_setup, qtbot):  # noqa: F811
    window, doc_a, _doc_b = compare_setup
    picker = compare_dialogs.DocumentPicker(window, window.library_pane.model.documents, doc_a, "t")
    qtbot.addWidget(picker)
    assert picker.list.count() == 1
    picker.filter.setText("不存在的标题")
    assert picker.chosen() is None
    picker.filter.setText("")
    assert picker.chosen() is not None and picker.chosen() != doc_a


def test_two_clauses(compare_setup, qtbot, monkeypatch):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    with qtbot.waitSignal(window.reader_opened, timeout=10000) as blocker:
        window.open_document(doc_a)
    reader = blocker.args[0]
    target = next(c for c in reader.clauses if c.path == "一/（二）")
    reader.jump_to_clause(target.index)
    monkeypatch.setattr(compare_dialogs, "pick_clause", lambda *_args: (doc_b, "一/（二）"))
    window.compare.actions["clauses"].trigger()
    comparison = window.compare.comparison_window
    result = wait_result(comparison, qtbot)
    assert [row.status for row in result.rows] == ["changed"]
    row = result.rows[0]
    assert row.a_units[0].path == row.b_units[0].path == "一/（二）"
    assert result.b.text[row.number_changes[0].b_start : row.number_changes[0].b_end] == "3.1%"
    assert comparison.model.index(0, B_TEXT).data(CHIPS_ROLE) == ["数字变化 2.95%→3.1%"]


def test_clause_picker_lists_clauses(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    picker = compare_dialogs.ClausePicker(
        window, window.library_pane.model.documents, doc_a, "一/（二）"
    )
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: picker.clauses.count() > 20, timeout=10000)
    assert picker.chosen()[0] == doc_b


def test_similar_clauses_dialog(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    changed = [
        comparison.model.index(r, 0).data(STATUS_ROLE) for r in range(comparison.model.rowCount())
    ].index("changed")
    comparison.select_row(changed)
    dialog = comparison.show_similar()
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=30000)
    best = dialog.results[0]
    assert (best.doc_id, best.path) == (doc_a, "一/（二）") and best.score > 0.9
    item = dialog.tree.topLevelItem(0)
    assert item.text(0).endswith("%")
    with qtbot.waitSignal(window.reader_opened, timeout=10000) as blocker:
        dialog.tree.itemDoubleClicked.emit(item, 0)
    assert blocker.args[0].doc_id == doc_a
    dialog.close()


def test_add_to_briefing_pack(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    if not hasattr(window, "brief_composer"):
        ext_brief.install(window)
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    comparison.retranslate()
    assert comparison.brief_button.isEnabled()
    dialog = comparison.add_to_brief()
    tables = dialog.tables.chosen_tables()
    changes = next(t for t in tables if t.title.startswith("对照比较"))
    assert [row[0] for row in changes.rows] == ["修改", "删除"]
    assert changes.rows[0][4] == "2.95%→3.1%"
    numbers = next(t for t in tables if "数字变化" in t.title)
    assert numbers.rows == [["一/（二）", numbers.rows[0][1], "2.95%", "3.1%"]]
    dialog.close()


def test_stale_result_dropped_and_cancel(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    comparison = window.compare.compare(doc_a, doc_b)
    comparison.compare_documents(doc_b, doc_a)  # supersedes the first run
    result = wait_result(comparison, qtbot)
    assert (result.a.doc_id, result.b.doc_id) == (doc_b, doc_a)
    window.runner.wait()
    qtbot.wait(50)
    assert comparison.result.comparison.a.doc_id == doc_b  # the first run's result never showed
    comparison.compare_documents(doc_a, doc_b)
    comparison.cancel()
    qtbot.waitUntil(lambda: not comparison.is_busy(), timeout=20000)
    assert (
        comparison.message == tr("compare.cancelled")
        or comparison.result.comparison.a.doc_id == doc_a
    )
    assert comparison.busy_row.isHidden()
    assert comparison.table.horizontalHeader().count() == 5
    assert Qt.Key.Key_F7  # F7 is bound on the window
    assert comparison.next_shortcut.key().toString() == "F7"


def test_deleting_a_compared_document_clears_the_window(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    assert comparison.model.rowCount() > 20
    window.library.delete_document(doc_b)
    qtbot.waitUntil(lambda: comparison.model.rowCount() == 0, timeout=10000)
    assert comparison.result is None
    assert tr("compare.document_removed") in comparison.title_label.text()


def test_similar_clauses_from_the_reader(compare_setup, qtbot):  # noqa: F811
    window, doc_a, doc_b = compare_setup
    with qtbot.waitSignal(window.reader_opened, timeout=10000) as blocker:
        window.open_document(doc_b)
    reader = blocker.args[0]
    reader.jump_to_clause(next(c.index for c in reader.clauses if c.path == "三/（二）"))
    dialog = window.compare.actions["similar"].trigger() or None
    dialogs = [w for w in window.findChildren(compare_dialogs.SimilarDialog)]
    assert dialog is None and len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=30000)
    assert (dialog.results[0].doc_id, dialog.results[0].path) == (doc_a, "三/（二）")
    assert all(hit.doc_id != doc_b for hit in dialog.results)
    dialog.close()
