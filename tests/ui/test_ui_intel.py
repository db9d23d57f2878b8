"""GUI tests of policy intelligence: targets table, chart data, responsibility matrix, citations dock."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from zcx_desktop.core.session import open_session
from zcx_desktop.ui import ext_intel, i18n
from zcx_desktop.ui.intel_chart import render_chart_image
from zcx_desktop.ui.intel_data import INTEL_LAYER, TargetsResult
from zcx_desktop.ui.intel_models import TARGET_COLUMNS, TARGET_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
DUTY_PLAN = ROOT / "tests" / "core" / "extract_data" / "duty_plan.txt"
RD = "全社会研发投入占地区生产总值比重"


@pytest.fixture
def intel_window(make_window, tmp_path: Path):
    """Main window over a library with the sample corpus and the duty plan imported."""
    library_dir = tmp_path / "intel_lib"
    library = open_session(library_dir)
    results = library.import_paths([SAMPLE, DUTY_PLAN])
    assert all(r.ok for r in results)
    library.close()
    window = make_window(library_dir=library_dir)
    if not hasattr(window, "intel"):  # the shared fixture may install only some extensions
        ext_intel.install(window)
    return window


def doc_id_of(window, prefix: str) -> int:
    return next(d.id for d in window.library.list_documents() if d.original_name.startswith(prefix))


def open_intel(window, qtbot, tab: str):
    intel = window.intel.show(tab)
    qtbot.waitUntil(lambda: intel.result is not None and intel.duties is not None, timeout=20000)
    return intel


def visible_rows(page) -> list:
    proxy = page.proxy
    return [proxy.index(row, 0).data(TARGET_ROLE) for row in range(proxy.rowCount())]


def find_row(page, doc_id: int, value: float):
    proxy = page.proxy
    for row in range(proxy.rowCount()):
        target = proxy.index(row, 0).data(TARGET_ROLE)
        if target.doc_id == doc_id and (target.canonical or target.indicator) == RD and target.value == value:
            return row, target
    return None, None


def test_targets_view_lists_rd_intensity_of_two_documents(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "targets")
    page = intel.targets_page
    assert intel.isVisible() and intel.tabs.currentWidget() is page
    doc_000, doc_002 = doc_id_of(intel_window, "000_"), doc_id_of(intel_window, "002_")
    row_000, target_000 = find_row(page, doc_000, 2.95)
    row_002, target_002 = find_row(page, doc_002, 3.2)
    assert row_000 is not None and row_002 is not None
    assert "2.95" in target_000.sentence and target_000.year == 2020
    value_column = TARGET_COLUMNS.index("value")
    assert page.proxy.index(row_000, value_column).data() == "2.95"
    assert page.proxy.index(row_000, TARGET_COLUMNS.index("year")).data().startswith("2020")
    assert page.proxy.index(row_002, TARGET_COLUMNS.index("year")).data().startswith("2022")
    tooltip = page.proxy.index(row_002, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "3.2%" in tooltip and target_002.clause_path in tooltip


def test_indicator_filter_document_scope_and_sort(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "targets")
    page = intel.targets_page
    total = page.proxy.rowCount()
    page.filter_edit.setText("研发投入")
    shown = visible_rows(page)
    assert 0 < len(shown) < total
    assert all("研发投入" in t.indicator or "研发投入" in (t.canonical or "") for t in shown)
    page.filter_edit.clear()
    assert page.proxy.rowCount() == total
    doc_002 = doc_id_of(intel_window, "002_")
    intel_window.library_pane.select_ids([doc_002])
    intel.scope_combo.setCurrentIndex(1)
    shown = visible_rows(page)
    assert shown and {t.doc_id for t in shown} == {doc_002}
    intel.scope_combo.setCurrentIndex(0)
    assert page.proxy.rowCount() == total
    page.table.sortByColumn(TARGET_COLUMNS.index("value"), Qt.SortOrder.DescendingOrder)
    values = [t.value for t in visible_rows(page)]
    assert values == sorted(values, reverse=True)


def test_chart_shows_indicator_across_documents_and_years(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "chart")
    chart_page = intel.chart_page
    assert chart_page.choose_indicator(RD)
    data = chart_page.chart.data
    points = {(p.target.doc_id, p.year, p.value) for p in data.points()}
    assert (doc_id_of(intel_window, "000_"), 2020, 2.95) in points
    assert (doc_id_of(intel_window, "002_"), 2022, 3.2) in points
    assert data.unit == "%"
    colors = {}
    for series in data.series:
        assert colors.setdefault(series.doc_id, series.color) == series.color
    assert len(set(colors.values())) == len(colors) >= 3
    image = render_chart_image(data)
    assert not image.isNull()
    drawn = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert QColor(data.series[0].color).name() in drawn or len(drawn) > 3


def test_chart_png_is_written(intel_window, qtbot, tmp_path: Path):
    intel = open_intel(intel_window, qtbot, "chart")
    intel.chart_page.choose_indicator(RD)
    out = tmp_path / "chart.png"
    assert intel.chart_page.save_png(out)
    assert out.stat().st_size > 5000


def test_double_click_opens_reader_at_target(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "targets")
    page = intel.targets_page
    doc_002 = doc_id_of(intel_window, "002_")
    row, target = find_row(page, doc_002, 3.2)
    table = page.table
    table.scrollTo(page.proxy.index(row, 0))
    rect = table.visualRect(page.proxy.index(row, 0))
    with qtbot.waitSignal(intel_window.reader_opened, timeout=10000) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = blocker.args[0]
    assert reader.doc_id == doc_002
    qtbot.waitUntil(lambda: reader.view.layer(INTEL_LAYER) != [], timeout=5000)
    start, end, _color = reader.view.layer(INTEL_LAYER)[0]
    assert (start, end) == (target.start, target.end)
    assert "3.2%" in reader.text[start:end]
    assert reader.view.is_offset_visible(target.start)


def select_only(window, doc_id: int) -> None:
    pane = window.library_pane
    pane.table.selectionModel().clearSelection()
    pane.select_ids([doc_id])
    assert pane.selected_ids() == [doc_id]


def test_matrix_of_duty_plan_shows_roles_and_unit_tasks(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "matrix")
    plan = doc_id_of(intel_window, "duty_plan")
    select_only(intel_window, plan)
    intel.scope_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: intel.duties is not None and intel.duties.doc_ids == [plan], timeout=10000)
    page = intel.matrix_page
    matrix = page.result.matrix
    assert {d.doc_id for d in matrix.tasks} == {plan}
    assert page.choose_unit("市科技局")
    roles = {t.duty.task: t.role for t in page.tasks}
    assert roles["培育创新型企业集群"] == "lead"
    assert roles["建设高水平创新平台"] == "cooperate"
    assert roles["推进科技成果转移转化"] == "responsible"
    items = [page.task_tree.topLevelItem(i) for i in range(page.task_tree.topLevelItemCount())]
    by_task = {item.text(2): item for item in items}
    assert by_task["推进科技成果转移转化"].text(3) == "责任"
    assert by_task["推进科技成果转移转化"].text(4) == "2021年底前"
    assert "60%" in by_task["建设高水平创新平台"].text(5)
    row = matrix.units.index("市科技局")
    column = next(i for i, d in enumerate(matrix.tasks) if d.task == "培育创新型企业集群")
    assert page.model.index(row, column).data() == "牵头"


def test_matrix_task_double_click_opens_clause(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "matrix")
    page = intel.matrix_page
    assert page.choose_unit("市科技局")
    task = next(t for t in page.tasks if t.duty.task == "推进科技成果转移转化")
    item = next(page.task_tree.topLevelItem(i) for i in range(page.task_tree.topLevelItemCount())
                if page.task_tree.topLevelItem(i).text(2) == task.duty.task)
    qtbot.waitExposed(intel)
    page.task_tree.scrollToItem(item)
    rect = page.task_tree.visualItemRect(item)
    with qtbot.waitSignal(intel_window.reader_opened, timeout=10000) as blocker:
        qtbot.mouseClick(page.task_tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.task_tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = blocker.args[0]
    assert reader.doc_id == task.duty.doc_id
    qtbot.waitUntil(lambda: reader.view.layer(INTEL_LAYER) != [], timeout=5000)
    start, end, _color = reader.view.layer(INTEL_LAYER)[0]
    clause = next(c for c in reader.clauses if c.path == task.duty.clause_path)
    assert start == clause.start
    assert reader.text[start:end].endswith(task.duty.raw)
    assert reader.view.is_offset_visible(clause.start)


def test_unit_task_list_exports(intel_window, qtbot, tmp_path: Path):
    intel = open_intel(intel_window, qtbot, "matrix")
    page = intel.matrix_page
    assert page.choose_unit("市科技局")
    tasks = list(page.tasks)
    for suffix in ("md", "csv", "pdf"):
        out = tmp_path / f"tasks.{suffix}"
        job = intel.export_unit_brief("市科技局", tasks, out)
        qtbot.waitUntil(lambda j=job: j.finished, timeout=20000)
        assert out.exists() and out.stat().st_size > 100
    markdown = (tmp_path / "tasks.md").read_text(encoding="utf-8")
    assert "# 市科技局" in markdown and "推进科技成果转移转化" in markdown
    with open(tmp_path / "tasks.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == len(tasks) + 1
    assert (tmp_path / "tasks.pdf").read_bytes().startswith(b"%PDF")


def test_unit_brief_opens_composer_on_task_clauses(intel_window, qtbot):
    ext_brief = pytest.importorskip("zcx_desktop.ui.ext_brief")
    if getattr(intel_window, "brief_composer", None) is None:
        ext_brief.install(intel_window)
    intel = open_intel(intel_window, qtbot, "matrix")
    page = intel.matrix_page
    assert page.choose_unit("市科技局")
    qtbot.mouseClick(page.brief_button, Qt.MouseButton.LeftButton)
    dialog = intel_window.brief_composer.current()
    assert dialog is not None
    task_docs = {t.duty.doc_id for t in page.tasks}
    assert set(dialog.documents.doc_ids()) == task_docs
    assert set(dialog.ranges_by_doc) == task_docs
    plan = doc_id_of(intel_window, "duty_plan")
    text = intel_window.library.get_text(plan)
    assert any("推进科技成果转移转化" in text[a:b] for a, b in dialog.ranges_by_doc[plan])
    tables = dialog.tables.chosen_tables()
    assert len(tables) == 1 and "市科技局" in tables[0].title
    assert len(tables[0].rows) == len(page.tasks)
    dialog.close()


def test_targets_export_csv_and_xlsx(intel_window, qtbot, tmp_path: Path):
    intel = open_intel(intel_window, qtbot, "targets")
    page = intel.targets_page
    page.filter_edit.setText(RD)
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"targets.{fmt}"
        job = page.export_to(out, fmt)
        qtbot.waitUntil(lambda j=job: j.finished, timeout=20000)
        assert out.exists()
    with open(tmp_path / "targets.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == page.proxy.rowCount() + 1
    assert any("2.95" in row for row in rows)


def test_stale_targets_result_is_dropped(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "targets")
    before = intel.targets_page.model.rowCount()
    assert before > 0
    intel._targets_loaded(intel.latest["targets"] - 1, TargetsResult([], {}))
    assert intel.targets_page.model.rowCount() == before


def test_citations_panel_links_and_unresolved(intel_window, qtbot):
    window = intel_window
    cited = window.library.import_text(
        "关于建设苏南国家自主创新示范区的实施意见\n苏发〔2015〕5号\n一、总体要求\n加快建设示范区。",
        title="关于建设苏南国家自主创新示范区的实施意见",
    )
    panel = window.intel_citations
    window.panels["intel_cites"].show()
    doc_000 = doc_id_of(window, "000_")
    with qtbot.waitSignal(window.reader_opened, timeout=10000):
        window.open_document(doc_000)
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.doc_id == doc_000, timeout=10000)
    groups = {panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i)
              for i in range(panel.tree.topLevelItemCount())}
    cites = next(item for text, item in groups.items() if text.startswith("引用"))
    unresolved = next(item for text, item in groups.items() if text.startswith("未在文库"))
    assert "苏发〔2015〕5号" in cites.child(0).text(0)
    assert unresolved.childCount() >= 1
    assert all("苏发〔2015〕5号" not in unresolved.child(i).text(0) for i in range(unresolved.childCount()))
    with qtbot.waitSignal(window.reader_opened, timeout=10000) as blocker:
        panel.open_item(cites.child(0))
    assert blocker.args[0].doc_id == cited.to_json()["id"]
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.doc_id == cited.to_json()["id"], timeout=10000)
    cited_by = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                    if panel.tree.topLevelItem(i).text(0).startswith("被引用"))
    assert cited_by.text(0) == "被引用（1）"


def test_language_switch_updates_texts(intel_window, qtbot):
    intel = open_intel(intel_window, qtbot, "targets")
    header = intel.targets_page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "指标" and intel.tabs.tabText(0) == "指标汇总"
    assert intel_window.intel.actions["targets"].text() == "指标汇总"
    i18n.set_language("en")
    try:
        assert intel.tabs.tabText(0) == "Targets"
        assert intel.targets_page.model.headerData(0, Qt.Orientation.Horizontal) == "Indicator"
        assert intel_window.intel.actions["matrix"].text() == "Responsibility Matrix"
        assert intel.matrix_page.brief_button.text() == "Task list for this unit"
        assert intel.windowTitle().startswith("Policy Intelligence")
    finally:
        i18n.set_language("zh_CN")
    assert intel.matrix_page.brief_button.text() == "生成该单位任务清单"


def test_every_intel_string_has_both_languages():
    zh, en = i18n.load_table("zh_CN"), i18n.load_table("en")
    keys = {k for k in zh if k.startswith("intel.")}
    assert keys and keys == {k for k in en if k.startswith("intel.")}


def test_library_context_action_opens_targets_of_selection(intel_window, qtbot):
    doc_000 = doc_id_of(intel_window, "000_")
    select_only(intel_window, doc_000)
    assert intel_window.intel.selected_action in intel_window.library_pane.context_actions
    intel_window.intel.selected_action.trigger()
    intel = intel_window.intel.intel_window
    qtbot.waitUntil(lambda: intel.result is not None, timeout=20000)
    assert intel.isVisible() and intel.tabs.currentWidget() is intel.targets_page
    shown = visible_rows(intel.targets_page)
    assert shown and {t.doc_id for t in shown} == {doc_000}
    assert "1" in intel.scope_combo.currentText()
