"""GUI tests of the comparison window: aligned rows, number chips, F7, filters, opening clauses, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from zcx_desktop.core.annotations import annotation_store
from zcx_desktop.core.session import open_session
from zcx_desktop.ui import compare_dialogs, ext_compare, i18n
from zcx_desktop.ui.compare_model import (
    A_PATH,
    A_TEXT,
    B_PATH,
    B_TEXT,
    CHIPS_ROLE,
    SEGMENTS_ROLE,
    STATUS_ROLE,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")

ROOT = Path(__file__).resolve().parents[2]
DOC_000 = ROOT / "resources" / "sample" / "000_a26248105f976090.txt"
DELETED_HEADING = "扶持做强创新型领军企业"
ANNOTATED = "加大高新技术企业培育力度"


def revised_text() -> str:
    """Doc 000 with 2.95% → 3.1% and the clause 三/（三） (heading and body) deleted."""
    lines = DOC_000.read_text(encoding="utf-8").replace("2.95%", "3.1%").split("\n")
    start = next(i for i, line in enumerate(lines) if DELETED_HEADING in line)
    body = next(i for i in range(start + 1, len(lines)) if lines[i].strip())
    del lines[start : body + 1]
    return "\n".join(lines)


@pytest.fixture
def compare_setup(make_window, tmp_path: Path):
    """A main window over a library with doc 000 (annotated) and its revised copy; returns (window, a, b)."""
    library_dir = tmp_path / "compare_lib"
    library = open_session(library_dir)
    doc_a = library.import_file(DOC_000).to_json()["id"]
    revised = tmp_path / "000_revised.txt"
    revised.write_text(revised_text(), encoding="utf-8")
    doc_b = library.import_file(revised).to_json()["id"]
    store = annotation_store(library)
    layer = store.ensure_layer("重点", "#E0A000")
    store.annotate_quote(doc_a, ANNOTATED, layer_id=layer.id)
    library.close()
    window = make_window(library_dir=library_dir)
    if not hasattr(window, "compare"):
        ext_compare.install(window)
    return window, doc_a, doc_b


def run_comparison(window, qtbot, doc_a: int, doc_b: int):
    comparison = window.compare.compare(doc_a, doc_b)
    qtbot.waitUntil(
        lambda: comparison.result is not None and not comparison.is_busy(), timeout=20000
    )
    return comparison


def statuses(model) -> list[str]:
    return [model.index(r, 0).data(STATUS_ROLE) for r in range(model.rowCount())]


def test_rows_counts_and_number_chip(compare_setup, qtbot):
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    model = comparison.model
    found = statuses(model)
    assert found.count("changed") == 1
    assert found.count("deleted") == 1
    assert found.count("same") == len(found) - 2 > 20
    deleted = found.index("deleted")
    assert model.index(deleted, A_PATH).data().startswith("三/（三）")
    assert model.index(deleted, B_PATH).data() is None
    changed = found.index("changed")
    assert model.index(changed, B_TEXT).data(CHIPS_ROLE) == ["数字变化 2.95%→3.1%"]
    a_segments = model.index(changed, A_TEXT).data(SEGMENTS_ROLE)
    b_segments = model.index(changed, B_TEXT).data(SEGMENTS_ROLE)
    assert [s.text for s in a_segments if s.number] == ["2.95%"]
    assert [(s.text, s.op) for s in b_segments if s.number] == [("3.1%", "+")]
    assert "数字变化 1" in comparison.summary_label.text()
    assert "删除" in comparison.summary_label.text()
    # the annotation on A is marked in the A pane (its layer colour), not in the B pane
    marked = [
        s.text
        for r in range(model.rowCount())
        for s in model.index(r, A_TEXT).data(SEGMENTS_ROLE) or []
        if s.color
    ]
    assert marked == [ANNOTATED]
    assert comparison.changes.count() == 2


def test_f7_steps_through_changes_and_filters(compare_setup, qtbot):
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    model = comparison.model
    changes = [r for r, s in enumerate(statuses(model)) if s != "same"]
    comparison.activateWindow()
    comparison.select_row(0)
    QTest.keyClick(comparison.table, Qt.Key.Key_F7)
    assert comparison.table.currentIndex().row() == changes[0]
    QTest.keyClick(comparison.table, Qt.Key.Key_F7)
    assert comparison.table.currentIndex().row() == changes[1]
    QTest.keyClick(comparison.table, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert comparison.table.currentIndex().row() == changes[0]
    for change in changes:  # from the row just before / after each change, F7 / Shift+F7 land on it
        comparison.select_row(change - 1)
        QTest.keyClick(comparison.table, Qt.Key.Key_F7)
        assert comparison.table.currentIndex().row() == change
        comparison.select_row(change + 1)
        QTest.keyClick(comparison.table, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
        assert comparison.table.currentIndex().row() == change
    comparison.select_row(changes[-1])
    assert not comparison.step_change(1)  # no change after the last one: the row stays
    assert comparison.table.currentIndex().row() == changes[-1]
    total = model.rowCount()
    comparison.only_changes.setChecked(True)
    assert model.rowCount() == 2 < total
    comparison.only_numbers.setChecked(True)
    assert statuses(model) == ["changed"]
    comparison.only_changes.setChecked(False)
    comparison.only_numbers.setChecked(False)
    assert model.rowCount() == total


def test_clicking_a_path_opens_the_reader_at_the_clause(compare_setup, qtbot):
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    row = statuses(comparison.model).index("deleted")
    index = comparison.model.index(row, A_PATH)
    comparison.table.scrollTo(index)
    with qtbot.waitSignal(window.reader_opened, timeout=10000) as blocker:
        QTest.mouseClick(
            comparison.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=comparison.table.visualRect(index).center(),
        )
    reader = blocker.args[0]
    assert reader.doc_id == doc_a
    start = reader.text.index(DELETED_HEADING)
    qtbot.waitUntil(lambda: reader.view.is_offset_visible(start), timeout=5000)


def test_html_and_csv_export(compare_setup, qtbot, tmp_path, monkeypatch):
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    target = tmp_path / "out.html"
    monkeypatch.setattr(compare_dialogs, "save_path", lambda *args: str(target))
    comparison.export("html")
    qtbot.waitUntil(target.exists, timeout=5000)
    qtbot.waitUntil(lambda: "</html>" in target.read_text(encoding="utf-8"), timeout=5000)
    page = target.read_text(encoding="utf-8")
    assert "<del>2.95%</del>" in page and "<ins>3.1%</ins>" in page
    target = tmp_path / "out.csv"
    comparison.export("csv")
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 100, timeout=5000)
    assert "3.1%" in target.read_text(encoding="utf-8-sig")


def test_language_switch_retranslates(compare_setup, qtbot):
    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    changed = statuses(comparison.model).index("changed")
    try:
        i18n.set_language("en")
        assert comparison.only_changes.text() == "Only changes"
        assert comparison.model.headerData(B_TEXT, Qt.Orientation.Horizontal) == "B text"
        assert comparison.model.index(changed, 0).data() == "Changed"
        assert comparison.model.index(changed, B_TEXT).data(CHIPS_ROLE) == ["Number 2.95%→3.1%"]
        assert "Number changes 1" in comparison.summary_label.text()
        assert window.compare.actions["documents"].text() == "Compare documents"
    finally:
        i18n.set_language("zh_CN")
    assert comparison.only_changes.text() == "仅显示变化"


def test_dark_theme_switch_recolours_the_selection(compare_setup, qtbot):
    from PySide6.QtGui import QPalette

    from zcx_desktop.ui.compare_render import is_dark

    window, doc_a, doc_b = compare_setup
    comparison = run_comparison(window, qtbot, doc_a, doc_b)
    was_dark = is_dark(comparison.table.palette())
    window.actions["dark_theme"].trigger()
    try:
        qtbot.waitUntil(lambda: is_dark(comparison.table.palette()) != was_dark, timeout=5000)
        tint = comparison.table.palette().color(QPalette.ColorRole.Highlight)
        base = comparison.table.palette().color(QPalette.ColorRole.Base)
        assert (
            abs(tint.lightness() - base.lightness()) < 60
        )  # a soft tint, not the strong highlight
    finally:
        window.actions["dark_theme"].trigger()


def test_segments_rebuild_both_sides_of_different_documents(tmp_path: Path):
    from zcx_desktop.core.compare import compare_documents
    from zcx_desktop.ui.compare_render import joined_text, side_segments

    library = open_session(tmp_path / "lib")
    try:
        first = library.import_file(DOC_000).to_json()["id"]
        other = library.import_file(DOC_000.with_name("001_ca9fbafb174b5bb5.txt")).to_json()["id"]
        comparison = compare_documents(library, first, other)
        assert {"added", "deleted", "changed"} <= {row.status for row in comparison.rows}
        for row in comparison.rows:
            for side, units in (("a", row.a_units), ("b", row.b_units)):
                segments = side_segments(row, side, [])
                assert "".join(s.text for s in segments) == joined_text(units)
                wrong = "+" if side == "a" else "-"
                assert all(s.op != wrong for s in segments)
            numbered = "".join(s.text for s in side_segments(row, "b", []) if s.number)
            assert numbered == "".join(c.b for c in row.number_changes)
    finally:
        library.close()
