"""GUI tests of the annotations area: highlight by key and menu, notes autosave, undo, layers, browser."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl

from tests.ui.conftest import open_first_document
from zcx_desktop.core.annotations import annotation_store
from zcx_desktop.ui.extensions import install_extensions

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def annotated(sample_window, qtbot):
    """(window, extension, reader) with the annotations extension installed and a document open."""
    window = sample_window
    install_extensions(window, only=["zcx_desktop.ui.ext_annotations"])
    ext = window.annotations
    reader = open_first_document(window, qtbot)
    qtbot.waitUntil(lambda: getattr(reader, "annotations", None) is not None and reader.annotations.loaded)
    qtbot.waitUntil(lambda: bool(ext.controller.layers))
    return window, ext, reader


def store_of(window):
    return annotation_store(window.library)


def wait_idle(qtbot, ext):
    qtbot.waitUntil(ext.controller.lane.is_idle, timeout=5000)


def spans(reader):
    return [(s, e) for s, e, _ in reader.view.layer("annotations")]


def find_span(reader, length=12):
    """A span of body text well inside the document."""
    text = reader.text
    start = text.index("\n", len(text) // 3) + 1
    return start, start + length


def test_h_key_highlights_selection_in_current_layer(annotated, qtbot):
    window, ext, reader = annotated
    start, end = find_span(reader)
    second = ext.controller.layers[1].id
    ext.controller.set_current_layer(second)
    reader.view.select_offsets(start, end)
    qtbot.keyClick(reader.view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(store_of(window).for_document(reader.doc_id)) == 1, timeout=5000)
    ann = store_of(window).for_document(reader.doc_id)[0]
    assert (ann.start, ann.end, ann.quote) == (start, end, reader.text[start:end])
    assert ann.layer_id == second
    wait_idle(qtbot, ext)
    qtbot.waitUntil(lambda: spans(reader) == [(start, end)], timeout=3000)
    color = reader.view.layer("annotations")[0][2]
    assert color.name().upper() == ext.controller.layer(second).color.upper()


def test_h_without_selection_does_nothing(annotated, qtbot):
    window, ext, reader = annotated
    qtbot.keyClick(reader.view, Qt.Key.Key_H)
    wait_idle(qtbot, ext)
    assert store_of(window).for_document(reader.doc_id) == []


def test_context_menu_underline_action(annotated, qtbot):
    window, ext, reader = annotated
    start, end = find_span(reader, 8)
    reader.view.select_offsets(start, end)
    menu = reader.annotations.build_context_menu(QPoint(5, 5))
    action = next(a for a in menu.actions() if a.objectName() == "annot_underline")
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: len(store_of(window).for_document(reader.doc_id)) == 1, timeout=5000)
    ann = store_of(window).for_document(reader.doc_id)[0]
    assert (ann.start, ann.end, ann.style) == (start, end, "underline")
    wait_idle(qtbot, ext)
    marks = reader.annotations.lines.marks
    assert [(m.start, m.end, m.style) for m in marks] == [(start, end, "underline")]
    assert reader.annotations.lines.line_rects(start, end), "the underline has somewhere to be drawn"
    menu.deleteLater()


def test_note_is_saved_after_typing_stops(annotated, qtbot):
    window, ext, reader = annotated
    start, end = find_span(reader)
    ann = store_of(window).annotate(reader.doc_id, start, end).annotations[0]
    ext.controller.annotation_selected.emit(ann)
    editor = ext.note_editor
    assert editor.annotation.id == ann.id
    editor.source.setFocus()
    qtbot.keyClicks(editor.source, "check ")  # QTest types ASCII only; Chinese arrives as input-method text
    editor.source.insertPlainText("需要**核实**")
    assert store_of(window).get(ann.id).note == ""  # not yet: debounced
    qtbot.waitUntil(lambda: store_of(window).get(ann.id).note == "check 需要**核实**", timeout=3000)
    assert "<strong>核实</strong>" in editor.preview.toHtml() or "核实" in editor.preview.toPlainText()


def test_undo_and_redo_a_highlight(annotated, qtbot):
    window, ext, reader = annotated
    start, end = find_span(reader)
    reader.view.select_offsets(start, end)
    qtbot.keyClick(reader.view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(store_of(window).for_document(reader.doc_id)) == 1, timeout=5000)
    ext.actions["undo"].trigger()
    qtbot.waitUntil(lambda: store_of(window).for_document(reader.doc_id) == [], timeout=5000)
    wait_idle(qtbot, ext)
    qtbot.waitUntil(lambda: spans(reader) == [], timeout=3000)
    ext.actions["redo"].trigger()
    qtbot.waitUntil(lambda: len(store_of(window).for_document(reader.doc_id)) == 1, timeout=5000)
    qtbot.waitUntil(lambda: spans(reader) == [(start, end)], timeout=3000)
    assert ext.actions["undo"].shortcut().toString() == "Ctrl+Z"
    assert ext.actions["redo"].shortcut().toString() == "Ctrl+Shift+Z"


def test_hidden_layer_is_not_drawn_and_overlaps_stay_visible(annotated, qtbot):
    window, ext, reader = annotated
    store = store_of(window)
    first, second = ext.controller.layers[0].id, ext.controller.layers[1].id
    start, end = find_span(reader, 20)
    store.annotate(reader.doc_id, start, end, layer_id=first)
    store.annotate(reader.doc_id, start + 5, end + 5, layer_id=second)
    qtbot.waitUntil(lambda: len(spans(reader)) == 2, timeout=5000)
    assert spans(reader) == [(start + 5, end + 5), (start, end)], "the top layer is painted last"
    colors = [c for _, _, c in reader.view.layer("annotations")]
    assert all(0 < c.alpha() < 255 for c in colors), "translucent, so overlapping layers blend"
    panel = ext.layer_panel
    item = next(panel.list.item(i) for i in range(panel.list.count()) if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == second)
    item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: spans(reader) == [(start, end)], timeout=5000)
    assert not store.get_layer(second).visible


def test_hostile_note_renders_inert(annotated, qtbot, monkeypatch, tmp_path):
    window, ext, reader = annotated
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    hostile = (f"<img src={secret}>\n\n<img src=/etc/passwd onerror=alert(1)>\n\n<script>alert(1)</script>\n\n"
               "[点我](javascript:alert(1)) ![x](file:///etc/passwd) ![y](http://example.com/t.png)\n\n"
               "[官网](https://www.gov.cn)")
    start, end = find_span(reader)
    ann = store_of(window).annotate(reader.doc_id, start, end, note=hostile).annotations[0]
    ext.controller.annotation_selected.emit(ann)
    preview = ext.note_editor.preview
    preview.resize(400, 300)
    preview.show()
    qtbot.wait(50)
    html = preview.toHtml()
    assert preview.blocked_resources == []  # nothing was even asked for
    assert "<img" not in html and "javascript:" not in html and "<script" not in html.lower()
    assert "alert(1)" not in html.replace("&lt;script&gt;", "") or "&lt;" in html
    assert not preview.openLinks() and not preview.openExternalLinks()
    opened = []
    monkeypatch.setattr("zcx_desktop.ui.annot_note.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    assert preview.open_link(QUrl("javascript:alert(1)")) is False
    assert preview.open_link(QUrl("file:///etc/passwd")) is False
    assert preview.open_link(QUrl("https://www.gov.cn")) is True
    assert [u.toString() for u in opened] == ["https://www.gov.cn"]


def test_note_browser_refuses_every_resource():
    from PySide6.QtGui import QTextDocument

    from zcx_desktop.ui.annot_note import NoteBrowser

    browser = NoteBrowser()
    assert browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/passwd")) is None
    assert browser.blocked_resources == ["file:///etc/passwd"]
    browser.setHtml("<p>x</p><img src='/etc/passwd'>")  # even unsanitised HTML cannot load it
    browser.resize(200, 200)
    browser.show()
    assert all("passwd" in r for r in browser.blocked_resources)
    browser.deleteLater()


def test_browser_double_click_opens_reader_at_annotation(annotated, qtbot):
    window, ext, reader = annotated
    start = len(reader.text) - 30
    end = start + 10
    ann = store_of(window).annotate(reader.doc_id, start, end, note="文末").annotations[0]
    reader.view.verticalScrollBar().setValue(0)
    window.show_library()
    browser = ext.show_browser()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1, timeout=5000)
    browser.open_row(browser.proxy.index(0, 0))
    qtbot.waitUntil(lambda: window.current_reader() is reader, timeout=5000)
    assert reader.view.selection_offsets() == (start, end)
    assert reader.view.is_offset_visible(start)
    assert ext.note_editor.annotation.id == ann.id
    browser.close()


def test_browser_filters_by_text_and_layer(annotated, qtbot):
    window, ext, reader = annotated
    store = store_of(window)
    first, second = ext.controller.layers[0].id, ext.controller.layers[1].id
    start, end = find_span(reader)
    store.annotate(reader.doc_id, start, end, layer_id=first, note="甲乙丙")
    store.annotate(reader.doc_id, start + 20, end + 20, layer_id=second, note="丁戊")
    browser = ext.show_browser()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2, timeout=5000)
    browser.query.setText("丁戊")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1, timeout=5000)
    browser.query.setText("")
    browser.layer_filter.setCurrentIndex(browser.layer_filter.findData(first))
    browser.reload()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1 and browser.model.rows[0].layer_id == first, timeout=5000)
    browser.close()


def test_sidebar_lists_in_text_order_and_reattaches(annotated, qtbot):
    window, ext, reader = annotated
    store = store_of(window)
    start, end = find_span(reader)
    store.annotate(reader.doc_id, start + 30, end + 30, note="后")
    store.annotate(reader.doc_id, start, end, note="前")
    sidebar = ext.sidebar
    qtbot.waitUntil(lambda: sidebar.list.count() == 2, timeout=5000)
    notes = [sidebar.list.item(i).data(Qt.ItemDataRole.UserRole).note for i in range(2)]
    assert notes == ["前", "后"]
    sidebar.list.setCurrentRow(0)
    moved = sidebar.selected_annotation().id
    reader.view.select_offsets(start + 100, start + 110)
    sidebar.reattach_selected()
    qtbot.waitUntil(lambda: store.get(moved).start == start + 100, timeout=5000)
    assert store.get(moved).status == "anchored"


def test_delete_layer_moves_annotations(annotated, qtbot, monkeypatch):
    window, ext, reader = annotated
    store = store_of(window)
    first, second = ext.controller.layers[0].id, ext.controller.layers[1].id
    start, end = find_span(reader)
    ann = store.annotate(reader.doc_id, start, end, layer_id=second).annotations[0]
    wait_idle(qtbot, ext)
    ext.controller.reload_layers()
    qtbot.waitUntil(lambda: ext.controller.counts.get(second) == 1, timeout=5000)
    from zcx_desktop.ui import annot_layers

    monkeypatch.setattr(annot_layers.DeleteLayerDialog, "exec", lambda self: annot_layers.QDialog.DialogCode.Accepted)
    monkeypatch.setattr(annot_layers.DeleteLayerDialog, "move_to", lambda self: first)
    panel = ext.layer_panel
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == second)
    panel.list.setCurrentRow(row)
    panel.delete_layer()
    qtbot.waitUntil(lambda: all(layer.id != second for layer in ext.controller.layers), timeout=5000)
    assert store.get(ann.id).layer_id == first


def test_markdown_and_exchange_round_trip(annotated, qtbot, tmp_path):
    from zcx_desktop.ui import annot_exchange

    window, ext, reader = annotated
    store = store_of(window)
    start, end = find_span(reader)
    layer = ext.controller.layers[0]
    store.annotate(reader.doc_id, start, end, layer_id=layer.id, note="交换测试")
    md = tmp_path / "out.md"
    annot_exchange.export_markdown(ext.controller, md)
    exchange = tmp_path / "out.json"
    annot_exchange.export_layers(ext.controller, [layer.name], exchange)
    wait_idle(qtbot, ext)
    assert "交换测试" in md.read_text(encoding="utf-8")
    assert "交换测试" in exchange.read_text(encoding="utf-8")
    annot_exchange.import_exchange(ext.controller, exchange, show_report=False)
    qtbot.waitUntil(lambda: getattr(ext.controller, "last_import_report", None) is not None, timeout=5000)
    report = ext.controller.last_import_report
    assert report.unchanged == 1 and report.skipped == 0
    assert "跳过 0 条" in annot_exchange.import_report_text(report)


def test_document_docks_step_aside_on_the_library_tab(annotated, qtbot):
    window, ext, reader = annotated
    sidebar, note = ext.docks["sidebar"], ext.docks["note"]
    qtbot.waitUntil(sidebar.isVisible)
    window.tabs.setCurrentWidget(window.library_pane)
    assert not sidebar.isVisible() and not note.isVisible()
    assert not ext.docks["layers"].isVisible()
    window.tabs.setCurrentWidget(reader)
    assert sidebar.isVisible() and ext.docks["layers"].isVisible()
