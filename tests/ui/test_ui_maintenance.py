"""GUI tests: single-writer lock (read-only second instance), backups, restore, check, archives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import close_dialogs
from zcx_desktop.core import maintenance
from zcx_desktop.core.lock import LibraryInUse, LibraryLock
from zcx_desktop.paths import sample_dir
from zcx_desktop.ui import dialogs, ext_maintenance, maintenance_actions, maintenance_lock
from zcx_desktop.ui.errors import open_dialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _document_count(db_file: Path) -> int:
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def _sample_files() -> list[Path]:
    return sorted(sample_dir().glob("*.txt"))


@pytest.fixture
def launch(qtbot, tmp_path: Path):
    """Factory: the real start-up path (app.open_main_window) on a library dir; cleans up."""
    from zcx_desktop.ui.app import open_main_window, release_library_lock
    from zcx_desktop.ui.errors import ErrorHandler
    from zcx_desktop.ui.settings import AppSettings

    windows = []

    def start(library_dir: Path):
        settings = AppSettings(tmp_path / "config" / "settings.json")
        window = open_main_window(library_dir, settings, ErrorHandler(str(tmp_path / "zcx.log")), False)
        if window is not None:
            qtbot.addWidget(window)
            windows.append(window)
            qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
        return window

    yield start
    for window in windows:
        window.close()
        window.runner.wait()
        release_library_lock(window)
        window.library.close()


@pytest.fixture
def one_document_library(tmp_path: Path) -> tuple[Path, int]:
    from zcx_desktop.core.session import open_session

    library_dir = tmp_path / "shared-lib"
    with open_session(library_dir) as library:
        doc_id = library.import_file(_sample_files()[0]).doc_id
    return library_dir, doc_id


def _message_texts() -> list[str]:
    return [box.text() for box in open_dialogs if hasattr(box, "text")]


def test_first_instance_takes_the_lock_and_backs_up_after_start(launch, one_document_library, qtbot):
    library_dir, _doc_id = one_document_library
    window = launch(library_dir)
    assert not window.library.read_only
    assert window.library_lock.held
    with pytest.raises(LibraryInUse):
        LibraryLock(library_dir).acquire()
    qtbot.waitUntil(lambda: bool(maintenance.list_backups(window.library)), timeout=10000)
    backup = maintenance.list_backups(window.library)[0]
    assert backup.parent == library_dir / "backups"
    assert _document_count(backup) == 1
    assert window.findChild(type(window.status_label), "readOnlyIndicator") is None


def test_busy_library_opens_read_only_and_writes_give_messages(
    launch, one_document_library, qtbot, monkeypatch
):
    library_dir, doc_id = one_document_library
    holder = LibraryLock(library_dir)
    me = holder.acquire()
    asked: list[str] = []
    monkeypatch.setattr(maintenance_lock, "ask_library_in_use", lambda parent, text: asked.append(text) or True)
    try:
        window = launch(library_dir)
        assert asked and str(me.pid) in asked[0] and me.hostname in asked[0]
        assert window.library.read_only and window.library_lock is None
        assert "只读" in window.windowTitle()
        assert window.read_only_label.text() == "只读"
        assert not window.maintenance.actions["restore"].isEnabled()
        assert not (library_dir / "backups").exists()  # no auto backup in read-only mode

        with qtbot.waitSignal(window.importer.finished, timeout=20000) as finished:
            window.importer.import_paths([_sample_files()[1]])
        results = finished.args[0]
        assert len(results) == 1 and not results[0].ok and "只读" in results[0].error
        assert window.importer.summary_dialog is not None and window.importer.summary_dialog.isVisible()
        close_dialogs()

        monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
        monkeypatch.setattr(window, "selected_doc_ids", lambda: [doc_id])
        window.delete_selected()
        qtbot.waitUntil(lambda: any("只读" in text for text in _message_texts()), timeout=10000)
        close_dialogs()
        qtbot.waitUntil(lambda: not _message_texts(), timeout=5000)

        window.metadata_undo = (doc_id, {"title": "改过的标题"}, None)
        window.undo_metadata()
        qtbot.waitUntil(lambda: any("只读" in text for text in _message_texts()), timeout=10000)
        close_dialogs()
        assert window.errors.crash_count == 0
        assert _document_count(library_dir / "library.sqlite") == 1
    finally:
        holder.release()


def test_busy_library_quit_answer_opens_nothing(launch, one_document_library, monkeypatch):
    library_dir, _doc_id = one_document_library
    with LibraryLock(library_dir):
        monkeypatch.setattr(maintenance_lock, "ask_library_in_use", lambda parent, text: False)
        assert launch(library_dir) is None
        monkeypatch.setenv(maintenance_lock.BUSY_ANSWER_ENV, "read-only")
        window = launch(library_dir)
        assert window is not None and window.library.read_only


@pytest.fixture
def maintained(sample_window):
    ext_maintenance.install(sample_window)
    return sample_window


def _patch_dialog(monkeypatch, name: str, answer: str) -> None:
    if name == "getExistingDirectory":
        monkeypatch.setattr(QFileDialog, name, lambda *args, **kwargs: answer)
    else:
        monkeypatch.setattr(QFileDialog, name, lambda *args, **kwargs: (answer, ""))


def test_auto_backup_keeps_one_per_day(make_window, qtbot):
    window = make_window()
    ext_maintenance.install(window)
    qtbot.waitUntil(lambda: len(maintenance.list_backups(window.library)) == 1, timeout=10000)
    ext_maintenance.start_auto_backup(window)  # a second start the same day makes no new copy
    window.runner.wait()
    assert len(maintenance.list_backups(window.library)) == 1


def test_backup_action_writes_a_database_copy(maintained, qtbot, monkeypatch, tmp_path):
    target = tmp_path / "out" / "copy.sqlite"
    _patch_dialog(monkeypatch, "getSaveFileName", str(target))
    maintained.maintenance.actions["backup"].trigger()
    qtbot.waitUntil(target.exists, timeout=10000)
    assert _document_count(target) == maintained.library_pane.model.rowCount() == 3


def test_restore_round_trip(maintained, qtbot, monkeypatch, tmp_path):
    window = maintained
    backup = tmp_path / "before-delete.sqlite"
    maintenance.backup_database(window.library, backup)
    victim = window.library_pane.model.documents[0].id
    window.library.delete_document(victim)
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 2, timeout=10000)
    with qtbot.waitSignal(window.reader_opened, timeout=10000):
        window.open_document(window.library_pane.model.documents[0].id)

    _patch_dialog(monkeypatch, "getOpenFileName", str(backup))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
    window.maintenance.actions["restore"].trigger()
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() == 3, timeout=15000)
    assert victim in window.library.document_ids()
    assert window.readers() == []
    safety = sorted((window.library.path / "backups").glob("before-restore-*.sqlite"))
    assert len(safety) == 1 and _document_count(safety[0]) == 2
    assert window.errors.crash_count == 0


def test_check_reports_a_tampered_original_and_repairs_strays(maintained, qtbot):
    window = maintained
    library = window.library
    row = library.connect().execute("SELECT id, original_file FROM documents LIMIT 1").fetchone()
    with (library.originals_dir / row["original_file"]).open("ab") as handle:
        handle.write("篡改".encode())
    stray = library.originals_dir / "zz" / "stray.txt"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("无主文件", encoding="utf-8")

    window.maintenance.actions["check"].trigger()
    qtbot.waitUntil(lambda: window.maintenance.check_dialog is not None, timeout=10000)
    dialog = window.maintenance.check_dialog
    text = dialog.details.toPlainText()
    assert f"文档 {row['id']} 的原始文件内容与记录不符" in text
    assert "stray.txt" in text
    assert dialog.repair_button.isEnabled()
    dialog.repair_button.click()
    qtbot.waitUntil(lambda: bool(dialog.report.fixed), timeout=10000)
    assert not stray.exists()
    assert "stray.txt" in dialog.details.toPlainText()
    assert not dialog.report.healthy  # a changed original cannot be repaired, it stays reported


def test_check_of_a_healthy_library(maintained, qtbot):
    maintained.maintenance.actions["check"].trigger()
    qtbot.waitUntil(lambda: maintained.maintenance.check_dialog is not None, timeout=10000)
    dialog = maintained.maintenance.check_dialog
    assert dialog.report.healthy and "完好" in dialog.summary.text()
    assert not dialog.repair_button.isEnabled()


def test_export_then_import_archive_offers_to_open_it(maintained, qtbot, monkeypatch, tmp_path):
    window = maintained
    archive = tmp_path / "whole.zip"
    _patch_dialog(monkeypatch, "getSaveFileName", str(archive))
    window.maintenance.actions["export"].trigger()
    qtbot.waitUntil(archive.exists, timeout=15000)
    window.runner.wait()

    new_library = tmp_path / "moved"
    launched: list[Path] = []
    _patch_dialog(monkeypatch, "getOpenFileName", str(archive))
    _patch_dialog(monkeypatch, "getExistingDirectory", str(new_library))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: True)
    monkeypatch.setattr(maintenance_actions, "launch_library", lambda folder: launched.append(folder) or True)
    window.maintenance.actions["import_archive"].trigger()
    qtbot.waitUntil(lambda: bool(launched), timeout=15000)
    assert launched == [new_library]
    assert _document_count(new_library / "library.sqlite") == 3
    assert not window.isVisible()


def test_second_process_is_told_and_can_open_read_only(one_document_library, tmp_path):
    """Two real processes: a holder keeps the lock; the GUI quits or opens read-only as answered."""
    import os
    import subprocess
    import sys

    library_dir, _doc_id = one_document_library
    repo = Path(__file__).resolve().parents[2]
    hold = (
        "import sys, time; from zcx_desktop.core.lock import LibraryLock; "
        "lock = LibraryLock(sys.argv[1]); lock.acquire(); print('held', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(library_dir)], cwd=repo, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZCX_EXIT_WHEN_READY="1",
                   ZCX_CONFIG_DIR=str(tmp_path / "config"), HOME=str(tmp_path / "home"),
                   XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
        command = [sys.executable, "main.py", "--library", str(library_dir)]
        for answer, code in (("quit", 1), ("read-only", 0)):
            env[maintenance_lock.BUSY_ANSWER_ENV] = answer
            done = subprocess.run(
                command, check=False, cwd=repo, env=env, capture_output=True, text=True, timeout=60
            )
            assert done.returncode == code, done.stderr
            assert f"进程 {holder.pid}" in done.stderr  # the log names who holds the library
            assert ("ready " in done.stdout) == (answer == "read-only")
            assert "Traceback" not in done.stderr
        assert not (library_dir / "backups").exists()
    finally:
        holder.kill()
        holder.wait()
