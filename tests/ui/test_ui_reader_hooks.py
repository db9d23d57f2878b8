"""Reader and main-window extension hooks; display punctuation on screen with unchanged offsets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction

from tests.ui.conftest import open_first_document
from zcx_desktop.core.outline import clause_at
from zcx_desktop.core.typography import display_punctuation
from zcx_desktop.ui.extensions import install_extensions

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def reader(sample_window, qtbot):
    return open_first_document(sample_window, qtbot)


def point_of(reader, offset: int) -> QPoint:
    """Viewport point in the middle of the character at `offset`."""
    view = reader.view
    left = view.cursorRect(view._cursor_at(offset)).center()
    right = view.cursorRect(view._cursor_at(offset + 1)).center()
    return QPoint((left.x() + right.x()) // 2, left.y())


def body_offset(reader) -> int:
    """An offset inside a body paragraph scrolled on screen, a few characters from its start."""
    clause = next(c for c in reader.clauses if c.level >= 2 and c.body_end - c.start > 20)
    reader.view.scroll_to_offset(clause.start)
    return clause.start + 5


# -- display punctuation ------------------------------------------------------------------------
def test_reader_shows_full_width_punctuation_at_the_same_offsets(reader):
    shown = reader.view.toPlainText()
    assert shown == display_punctuation(reader.text) == reader.display_text
    assert len(shown) == len(reader.text)
    changed = [i for i, (a, b) in enumerate(zip(reader.text, shown)) if a != b]
    assert changed, "the sample document has half-width marks between Chinese characters"
    i = changed[0]
    reader.view.select_offsets(i, i + 1)
    assert reader.view.textCursor().selectedText() == shown[i]
    assert reader.view.selection_offsets() == (i, i + 1)


def test_find_bar_finds_what_is_shown(reader):
    reader.open_find()
    reader.find_bar.edit.setText("（")
    expected = reader.display_text.count("（")
    assert expected > reader.text.count("（")
    assert len(reader.find_bar.hits) == expected


def test_tab_title_uses_display_punctuation(sample_window, reader):
    index = sample_window.tabs.indexOf(reader)
    tip = sample_window.tabs.tabToolTip(index)
    assert tip == display_punctuation(reader.document_info.meta.title)


# -- context menu ---------------------------------------------------------------------------------
def test_context_action_follows_copy_with_citation(reader, qtbot):
    extra = QAction("测试动作", reader)
    extra.setObjectName("testExtra")
    reader.add_context_action(extra)
    reader.add_context_action(extra)  # once only
    opened = []
    reader.context_menu_opening.connect(lambda menu, offset: opened.append((menu, offset)))
    offset = body_offset(reader)
    point = point_of(reader, offset)
    menu = reader.build_context_menu(point)
    actions = menu.actions()
    assert actions.index(extra) == actions.index(reader.copy_citation_action) + 1
    assert [a.objectName() for a in actions].count("testExtra") == 1
    assert opened == [(menu, offset)]
    menu.deleteLater()


def test_right_click_moves_the_cursor_so_current_clause_is_the_clicked_one(reader):
    offset = body_offset(reader)
    menu = reader.build_context_menu(point_of(reader, offset))
    assert reader.view.cursor_offset() == offset
    assert reader.current_clause() == clause_at(reader.clauses, offset)
    menu.deleteLater()


# -- current clause ---------------------------------------------------------------------------------
def test_current_clause_prefers_selection_then_cursor_then_top(reader):
    clauses = [c for c in reader.clauses if c.level >= 2]
    first, last = clauses[0], clauses[-1]
    reader.view.select_offsets(last.start, last.body_end)
    assert reader.current_clause() == clause_at(reader.clauses, last.start)
    reader.view.scroll_to_offset(first.start)
    cursor = reader.view._cursor_at(first.start + 1)
    reader.view.setTextCursor(cursor)
    assert reader.current_clause() == clause_at(reader.clauses, first.start + 1)
    reader.view.scroll_to_offset(last.start)  # the cursor is now off screen
    assert not reader.view.is_offset_visible(first.start + 1)
    assert reader.current_clause() == reader.clause_at_top()


# -- selection and clicks ---------------------------------------------------------------------------
def test_mouse_drag_reports_the_selection_once_released(reader, qtbot):
    seen = []
    reader.selection_changed.connect(lambda s, e: seen.append((s, e, reader.view.selection_by_mouse)))
    start = body_offset(reader)
    viewport = reader.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start))
    qtbot.mouseMove(viewport, pos=point_of(reader, start + 6))
    assert seen == []  # not while dragging
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start + 6))
    span = reader.view.selection_offsets()
    assert span is not None and span[0] == start and span[1] > start
    assert seen[-1] == (span[0], span[1], True)


def test_programmatic_selection_and_clearing_are_reported(reader, qtbot):
    seen = []
    reader.selection_changed.connect(lambda s, e: seen.append((s, e, reader.view.selection_by_mouse)))
    start = body_offset(reader)
    reader.view.select_offsets(start, start + 4)
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen == [(start, start + 4, False)]
    clicks = []
    reader.clicked_at.connect(clicks.append)
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(reader, start + 10))
    assert seen[-1][0] == seen[-1][1]  # cleared
    assert clicks == [reader.view.offset_at(point_of(reader, start + 10))]
    assert abs(clicks[0] - (start + 10)) <= 1


def test_click_reports_the_offset_without_a_selection(reader, qtbot):
    clicks = []
    reader.clicked_at.connect(clicks.append)
    offset = body_offset(reader)
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(reader, offset))
    assert len(clicks) == 1 and abs(clicks[0] - offset) <= 1
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.RightButton, pos=point_of(reader, offset))
    assert len(clicks) == 1


# -- annotations through the hooks ----------------------------------------------------------------
def test_annotation_toolbar_follows_mouse_selections_only(sample_window, reader, qtbot):
    install_extensions(sample_window, only=["zcx_desktop.ui.ext_annotations"])
    qtbot.waitUntil(lambda: getattr(reader, "annotations", None) is not None, timeout=5000)
    toolbar = reader.annotations.toolbar
    start = body_offset(reader)
    reader.view.select_offsets(start, start + 4)
    qtbot.wait(20)
    assert not toolbar.isVisible()
    viewport = reader.view.viewport()  # drag outside that selection (pressing inside it drags the text)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start + 8))
    qtbot.mouseMove(viewport, pos=point_of(reader, start + 14))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start + 14))
    qtbot.waitUntil(toolbar.isVisible, timeout=2000)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start + 2))
    assert not toolbar.isVisible()
    menu = reader.build_context_menu(point_of(reader, start))
    names = [a.objectName() for a in menu.actions()]
    assert names.index("annot_highlight") > menu.actions().index(reader.copy_citation_action)
    assert not next(a for a in menu.actions() if a.objectName() == "annot_highlight").isEnabled()
    menu.deleteLater()


# -- main window --------------------------------------------------------------------------------
def test_add_menu_action_before_a_named_action(make_window):
    window = make_window()
    menu = window.menus["file"]
    above = QAction("上面", window)
    window.add_menu_action("file", above, before="action_close_tab")
    entries = menu.actions()
    close_tab = window.actions["close_tab"]
    assert entries.index(above) < entries.index(close_tab)
    assert entries[entries.index(above) + 1].isSeparator()  # stays above close_tab's group
    direct = QAction("紧邻", window)
    window.add_menu_action("file", direct, before="action_quit")
    entries = menu.actions()
    assert entries.index(direct) == entries.index(window.actions["quit"]) - 1
    missing = QAction("末尾", window)
    window.add_menu_action("tools", missing, toolbar=True, before="no_such_action")
    assert window.menus["tools"].actions()[-1] is missing
    assert missing in window.toolbar.actions()


def test_brief_entry_has_its_own_group_above_close_tab(make_window):
    window = make_window()
    install_extensions(window, only=["zcx_desktop.ui.ext_brief"])
    entries = window.menus["file"].actions()
    index = entries.index(window.brief_composer.action)
    assert entries[index - 1].isSeparator() and entries[index + 1].isSeparator()
    assert entries[index + 2] is window.actions["close_tab"]


def test_about_to_close_is_emitted_while_the_runner_still_works(make_window, qtbot):
    window = make_window()
    seen = []
    window.about_to_close.connect(lambda: seen.append(window.runner.closed))
    window.close()
    assert seen == [False]  # emitted before the runner shuts down
    assert window.runner.closed


def test_clicking_an_annotation_opens_its_note(sample_window, reader, qtbot):
    from zcx_desktop.core.annotations import annotation_store

    install_extensions(sample_window, only=["zcx_desktop.ui.ext_annotations"])
    ext = sample_window.annotations
    qtbot.waitUntil(lambda: getattr(reader, "annotations", None) is not None and reader.annotations.loaded)
    start = body_offset(reader)
    ann = annotation_store(sample_window.library).annotate(reader.doc_id, start, start + 6).annotations[0]
    reader.annotations.reload()
    qtbot.waitUntil(lambda: [a.id for a in reader.annotations.annotations] == [ann.id], timeout=5000)
    picked = []
    ext.controller.annotation_selected.connect(picked.append)
    viewport = reader.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start + 12))
    assert picked == []
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(reader, start + 3))
    assert [a.id for a in picked] == [ann.id]
    menu = reader.build_context_menu(point_of(reader, start + 3))
    assert "annot_delete" in [a.objectName() for a in menu.actions()]
    menu.deleteLater()
