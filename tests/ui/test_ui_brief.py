"""GUI tests of the briefing-pack composer: contents order, options, export read back, modes, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from zcx_desktop.core.annotations import annotation_store
from zcx_desktop.core.session import open_session
from zcx_desktop.core.typography import display_punctuation
from zcx_desktop.ui import ext_brief, i18n
from zcx_desktop.ui.errors import open_dialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
KEY_QUOTE = "加大高新技术企业培育力度"  # doc 1, 三/（二）, layer 重点
CHECK_QUOTE = "深化与美国、以色列、欧盟等创新型国家和地区"  # doc 1, 六/（二）, layer 待核实
KEY_NOTE = "重点：培育高企 <b>&"
CHECK_NOTE = "核实合作国家名单"
UNMARKED = "优化整合全市科技创新资源"  # doc 1, 五/（二）: no annotation there


@pytest.fixture(scope="module")
def annotated_library(tmp_path_factory) -> Path:
    """The sample corpus with annotations in two layers (built once, copied per test)."""
    library_dir = tmp_path_factory.mktemp("brief") / "lib"
    library = open_session(library_dir)
    assert all(r.ok for r in library.import_paths([SAMPLE]))
    store = annotation_store(library)
    key = store.ensure_layer("重点", "#FFE066")
    check = store.ensure_layer("待核实", "#9AD0F5")
    first, second = sorted(d.id for d in library.list_documents())[:2]
    store.annotate_quote(first, KEY_QUOTE, layer_id=key.id, note=KEY_NOTE)
    store.annotate_quote(first, CHECK_QUOTE, layer_id=check.id, note=CHECK_NOTE)
    store.annotate_quote(second, "加快推进产学研协同创新", layer_id=key.id, note="产学研")
    library.close()
    return library_dir


@pytest.fixture
def brief_window(make_window, annotated_library: Path, tmp_path: Path):
    """A main window over a copy of the annotated library, composer installed."""
    library_dir = tmp_path / "brief_lib"
    shutil.copytree(annotated_library, library_dir)
    window = make_window(library_dir=library_dir)
    ext_brief.install(window)
    window.brief_first, window.brief_second = sorted(d.id for d in window.library.list_documents())[:2]
    yield window
    if window.brief_composer.current() is not None:
        window.brief_composer.current().close()
    for dialog in list(open_dialogs):  # global list: close boxes while their parents still exist
        dialog.close()
    assert not open_dialogs


def titles(window) -> dict[int, str]:
    """Document titles as printed (display punctuation: full-width （） in Chinese context)."""
    return {d.id: display_punctuation(d.meta.title) for d in window.library.list_documents()}


def export(qtbot, dialog, path: Path, fmt: str | None = None):
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        assert dialog.export_to(path, fmt) is not None
    return blocker.args[0]


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "").replace(" ", "")


def open_with_layers(window, qtbot, doc_ids, **kwargs):
    dialog = ext_brief.open_composer(window, doc_ids, **kwargs)
    qtbot.waitUntil(lambda: dialog.content.layers.count() >= 2, timeout=10000)
    return dialog


def test_two_documents_reordered_with_options(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    first, second = window.brief_first, window.brief_second
    dialog = ext_brief.open_composer(window, [first, second])
    assert dialog.documents.doc_ids() == [first, second]
    assert dialog.documents.move(1, 0)  # what a drag and drop does to the model
    assert dialog.documents.doc_ids() == [second, first]
    dialog.cover.set_value("title", "自创区政策参阅")
    dialog.cover.set_value("unit", "市科技局办公室")
    dialog.cover.set_value("watermark", "内部资料 注意保存")
    dialog.layout_options.set_notes("end")
    result = export(qtbot, dialog, tmp_path / "pack.pdf")
    reader = PdfReader(tmp_path / "pack.pdf")
    assert len(reader.pages) == result.pages > 2
    assert reader.metadata.title == "自创区政策参阅"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    names = titles(window)
    assert outline.index(names[second]) < outline.index(names[first])
    text = pdf_text(tmp_path / "pack.pdf")
    assert "市科技局办公室" in text and CHECK_NOTE in text and UNMARKED in text
    assert "保存" in dialog.status.text()


def test_only_annotated_clauses(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    dialog = ext_brief.open_composer(window, [window.brief_first])
    whole = export(qtbot, dialog, tmp_path / "whole.pdf")
    dialog.content.set_mode("annotated")
    dialog.layout_options.toc.setChecked(False)
    excerpt = export(qtbot, dialog, tmp_path / "annotated.pdf")
    text = pdf_text(tmp_path / "annotated.pdf")
    assert KEY_QUOTE in text and CHECK_QUOTE[:8] in text and CHECK_NOTE in text
    assert UNMARKED not in text
    assert excerpt.pages < whole.pages


def test_only_chosen_layers(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    dialog = open_with_layers(window, qtbot, [window.brief_first])
    dialog.content.set_mode("layers")
    dialog.content.set_layer_checked("待核实", False)
    assert "待核实" not in dialog.request().options.layers
    export(qtbot, dialog, tmp_path / "key.pdf")
    text = pdf_text(tmp_path / "key.pdf")
    assert KEY_QUOTE in text and "培育高企" in text
    assert CHECK_NOTE not in text and UNMARKED not in text


def test_no_layer_checked_is_explained(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    dialog = open_with_layers(window, qtbot, [window.brief_first])
    dialog.content.set_mode("layers")
    for name in dialog.content.checked_layers():
        dialog.content.set_layer_checked(name, False)
    assert dialog.export_to(tmp_path / "none.pdf") is None
    assert "图层" in dialog.status.text()
    assert not (tmp_path / "none.pdf").exists()
    assert any(d.objectName() == "messageBox" for d in open_dialogs)


def test_unwritable_output_shows_error(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    taken = tmp_path / "taken.pdf"
    taken.mkdir()  # a folder where the file should go
    dialog = ext_brief.open_composer(window, [window.brief_first])
    dialog.export_to(taken)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30000)
    assert dialog.last_error and dialog.last_error in dialog.status.text()
    assert window.errors.crash_count == 0
    assert dialog.save_button.isEnabled()


def test_excerpts_from_ranges_and_markdown(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    first = window.brief_first
    text = window.library.get_text(first)
    start = text.index(UNMARKED)
    dialog = ext_brief.open_composer(window, [first], {first: [(start, start + len(UNMARKED))]}, title="搜索结果汇编")
    assert dialog.content.mode() == "ranges"
    assert "1" in dialog.documents.list.item(0).text()
    result = export(qtbot, dialog, tmp_path / "hits.md")
    assert result.format == "md"
    markdown = (tmp_path / "hits.md").read_text(encoding="utf-8")
    assert "搜索结果汇编" in markdown and UNMARKED in markdown
    assert KEY_QUOTE not in markdown
    export(qtbot, dialog, tmp_path / "hits", "html")
    assert "搜索结果汇编" in (tmp_path / "hits.html").read_text(encoding="utf-8")


def test_tables_handed_in_and_extracted(brief_window, qtbot, tmp_path: Path):
    from zcx_desktop.ui.intel_brief import composer_of

    window = brief_window
    composer = composer_of(window)
    assert composer is window.brief_composer
    dialog = composer.add_table("市科技局牵头的任务", ["任务", "角色"], [["建设创新平台", "牵头"]])
    assert dialog.documents.doc_ids() == []
    tables_only = export(qtbot, dialog, tmp_path / "tasks.pdf")
    assert tables_only.pages >= 1
    assert "建设创新平台" in pdf_text(tmp_path / "tasks.pdf")
    dialog.add_documents([window.brief_first])
    dialog.tables.targets.setChecked(True)
    dialog.tables.duties.setChecked(True)
    export(qtbot, dialog, tmp_path / "with_tables.pdf")
    outline = [item.title for item in PdfReader(tmp_path / "with_tables.pdf").outline if not isinstance(item, list)]
    assert "主要目标指标" in outline and "市科技局牵头的任务" in outline


def test_menu_and_library_selection_open_the_composer(brief_window, qtbot):
    window = brief_window
    action = window.brief_composer.action
    assert action in window.menus["file"].actions()
    assert action in window.library_pane.context_actions
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    window.library_pane.select_ids([window.brief_second, window.brief_first])
    action.trigger()
    dialog = window.brief_composer.current()
    assert dialog is not None
    assert sorted(dialog.documents.doc_ids()) == sorted([window.brief_first, window.brief_second])


def test_language_switch(brief_window, qtbot):
    window = brief_window
    dialog = ext_brief.open_composer(window, [window.brief_first])
    assert dialog.windowTitle() == "生成参阅材料"
    i18n.set_language("en")
    try:
        assert dialog.windowTitle() == "Briefing pack"
        assert dialog.save_button.text() == "Save…"
        assert dialog.content.buttons["annotated"].text() == "Only annotated clauses"
        assert window.brief_composer.action.text() == "Briefing pack…"
        assert dialog.layout_options.layout_combo.itemText(1).startswith("Official")
    finally:
        i18n.set_language("zh_CN")
    assert dialog.save_button.text() == "保存…"


def test_closing_while_background_work_runs(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    dialog = ext_brief.open_composer(window, [window.brief_first])
    dialog.export_to(tmp_path / "late.pdf")
    dialog.close()  # the layer list and the export finish after the dialog is gone
    window.runner.wait()
    qtbot.wait(50)
    assert window.brief_composer.current() is None
    assert window.errors.crash_count == 0


def test_official_layout_puts_notes_at_the_end(brief_window, qtbot, tmp_path: Path):
    window = brief_window
    dialog = ext_brief.open_composer(window, [window.brief_first])
    dialog.content.set_mode("annotated")
    dialog.layout_options.set_notes("margin")
    dialog.layout_options.set_layout("gbt9704")
    assert not dialog.layout_options.notes_combo.isEnabled()
    options = dialog.request().options
    assert (options.layout, options.notes, options.only_annotated) == ("gbt9704", "end", True)
    export(qtbot, dialog, tmp_path / "official.pdf")
    page = PdfReader(tmp_path / "official.pdf").pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    text = pdf_text(tmp_path / "official.pdf")
    assert "培育高企<b>&" in text  # the note is printed literally, among the endnotes
    assert text.index("培育高企<b>&") > text.index(CHECK_QUOTE[:8])


@pytest.mark.parametrize(("typed", "fmt", "written"), [
    ("pack", "pdf", "pack.pdf"), ("pack.PDF", "pdf", "pack.PDF"), ("pack.htm", "html", "pack.htm"),
    ("pack.pdf", "md", "pack.pdf.md"), ("2026.03", "html", "2026.03.html"),
])
def test_output_file_names(typed: str, fmt: str, written: str):
    from zcx_desktop.ui.brief_pack import format_of, with_suffix

    path = with_suffix(Path(typed), fmt)
    assert path.name == written
    assert format_of(path) == fmt


def test_targets_chart_picks_the_indicator_most_documents_set():
    from types import SimpleNamespace

    from zcx_desktop.ui.brief_pack import targets_chart

    def target(doc_id, canonical, value, year, unit="%", kind="level", scope=""):
        return SimpleNamespace(doc_id=doc_id, canonical=canonical, value=value, year=year,
                               unit=unit, kind=kind, scope=scope, period="")

    targets = [
        target(1, "研发投入强度", 2.95, 2020), target(2, "研发投入强度", 2.92, 2018),
        target(3, "研发投入强度", 3.2, 2022), target(1, "高新技术企业数", 2100, 2020, "家"),
        target(2, "研发投入强度", 10, 2018, kind="growth"),
    ]
    chart = targets_chart(targets, {1: "三年行动计划", 2: "工作要点", 3: "一体化方案"})
    assert chart is not None and chart.title == "研发投入强度（%）"
    assert chart.values == [2.92, 2.95, 3.2]
    assert chart.labels[0].startswith("工作要点") and chart.labels[0].endswith("2018")
    assert targets_chart([], {}) is None
