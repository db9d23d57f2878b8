"""Unit tests of GUI helpers: translations complete, settings, offsets, citations, find, runner."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from zcx_desktop.core.model import METADATA_FIELDS
from zcx_desktop.ui import i18n
from zcx_desktop.ui.citation import citation_text
from zcx_desktop.ui.find_bar import find_all
from zcx_desktop.ui.library_model import COLUMNS, FACETS
from zcx_desktop.ui.settings import SETTINGS, AppSettings
from zcx_desktop.ui.window_actions import ACTIONS, MENUS

UI_DIR = Path(i18n.__file__).parent
# The main window's own modules (other areas check their own `ext_*`/module keys).
SHELL_MODULES = (
    "app",
    "appearance",
    "citation",
    "dialogs",
    "errors",
    "ext_search",
    "extensions",
    "find_bar",
    "html_delegate",
    "i18n",
    "import_dialogs",
    "importer",
    "library_model",
    "library_pane",
    "main_window",
    "metadata_dialog",
    "ops",
    "qtcompat",
    "reader",
    "reader_text",
    "reader_view",
    "runner",
    "settings",
    "settings_dialog",
    "window_actions",
    "window_slots",
)


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in (UI_DIR / f"{name}.py" for name in SHELL_MODULES):
        keys.update(re.findall(r'tr\("([a-z_.]*[a-z_])"', path.read_text(encoding="utf-8")))
    keys.update(f"action.{a.key}" for a in ACTIONS)
    keys.update(f"menu.{m}" for m in MENUS)
    keys.update(f"column.{c}" for c in COLUMNS)
    keys.update(f"facet.{f}" for f in FACETS)
    keys.update(f"field.{f}" for f in (*METADATA_FIELDS, "tags"))
    keys.update(f"field.{f}.hint" for f in (*METADATA_FIELDS, "tags"))
    for setting in SETTINGS:
        keys.update({setting.label_key, setting.help_key})
        keys.update(f"setting.{setting.name}.{choice}" for choice in setting.choices)
    keys.update({"import.file_filter", "library.count", "library.count_filtered"})
    return keys


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_every_used_key_is_translated(language):
    table = i18n.load_table(language)
    missing = sorted(used_keys() - set(table))
    assert not missing


def test_tables_have_same_keys_and_fields():
    zh = i18n.load_table("zh_CN")
    en = i18n.load_table("en")
    assert set(zh) == set(en)
    for key in zh:
        assert set(re.findall(r"\{(\w+)\}", zh[key])) == set(re.findall(r"\{(\w+)\}", en[key])), key


def test_tr_formats_and_switches_language():
    assert i18n.tr("find.count", current=2, total=5) == "第 2/5 处"
    i18n._state["language"] = "en"
    try:
        assert i18n.tr("find.count", current=2, total=5) == "2 of 5"
    finally:
        i18n._state["language"] = "zh_CN"
    assert i18n.tr("no.such.key") == "no.such.key"


def test_settings_roundtrip_and_bad_values(tmp_path):
    path = tmp_path / "settings.json"
    settings = AppSettings(path)
    settings.set("font_size", 99)
    settings.set("theme", "purple")
    settings.set("author_name", "李四")
    settings.save()
    loaded = AppSettings.load(path)
    assert loaded.get("font_size") == 40
    assert loaded.get("theme") == "light"
    assert loaded.get("author_name") == "李四"
    path.write_text("{broken", encoding="utf-8")
    assert AppSettings.load(path).get("font_size") == 15


def test_citation_text():
    text = citation_text("加快建设。\u2029", "某某行动计划", "锡政办发〔2018〕91号", "三/（二）")
    assert text == "加快建设。\n——《某某行动计划》（锡政办发〔2018〕91号）三/（二）"


def test_find_all_is_case_insensitive_and_non_overlapping():
    assert find_all("AaAa创新创新", "aa") == [0, 2]
    assert find_all("创新创新", "创新") == [0, 2]
    assert find_all("abc", "") == []


def test_offset_map_handles_characters_outside_bmp(qapp):
    from zcx_desktop.ui.reader_text import OffsetMap

    text = "a𠀀b\n𠀁c"
    offsets = OffsetMap(text)
    for offset in range(len(text) + 1):
        position = offsets.to_position(offset)
        assert position == len(text[:offset].encode("utf-16-le")) // 2
        assert offsets.to_offset(position) == offset


def test_runner_reports_done_progress_and_failure(qtbot, qapp):
    from zcx_desktop.ui.runner import Runner

    failures = []
    runner = Runner(None, failures.append)
    progress = []

    def work(library, job):
        job.progress(1, 2, "x")
        return 42

    results = []
    runner.run(work, on_done=results.append, on_progress=lambda *a: progress.append(a))
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert progress == [(1, 2, "x")]
    job = runner.run(lambda library, job: 1 / 0)
    qtbot.waitUntil(lambda: job.finished, timeout=2000)
    assert (
        isinstance(failures[0].error, ZeroDivisionError)
        and "ZeroDivisionError" in failures[0].traceback
    )
    late = []
    runner.run(lambda library, job: 7, on_done=late.append)
    runner.shutdown()
    qtbot.wait(50)
    assert late == []  # results arriving after shutdown are dropped


def test_many_emits_do_not_exhaust_true(qapp):
    from PySide6.QtCore import QObject, Signal

    class Pinger(QObject):
        ping = Signal(object)

    pinger = Pinger()
    received = []
    pinger.ping.connect(received.append)
    for number in range(20000):
        pinger.ping.emit(number)
    assert len(received) == 20000
    assert sys.getrefcount(True) > 1000


def test_watch_language_stops_with_its_owner(qapp):
    from PySide6.QtCore import QObject

    calls = []
    owner = QObject()
    i18n.watch_language(owner, lambda: calls.append(i18n.current_language()))
    i18n.set_language("en")
    owner.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.set_language("zh_CN")
    assert calls == ["en"]


def test_extensions_are_discovered():
    from zcx_desktop.ui.extensions import extension_modules

    assert "zcx_desktop.ui.ext_search" in extension_modules()


def test_paragraph_roles_title_heading_signature_body():
    from zcx_desktop.core.model import Clause
    from zcx_desktop.ui.reader_text import paragraph_roles

    text = "关于印发某方案的通知\n各区：\n现印发给你们。\n某市人民政府\n2020年1月2日\n某方案\n一、总体要求\n坚持创新。"
    heading_start = text.index("一、")
    clause = Clause(
        index=0,
        label="一、",
        heading="总体要求",
        level=1,
        ordinal=1,
        path="一",
        start=heading_start,
        end=len(text),
        body_end=len(text),
    )
    roles = [r.kind for r in paragraph_roles(text, [clause], ["某方案", "关于印发某方案的通知"])]
    assert roles == [
        "title",
        "salutation",
        "body",
        "signature",
        "signature",
        "title",
        "heading",
        "body",
    ]
