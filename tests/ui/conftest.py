"""Fixtures for GUI tests: a main window over a temp library, settings and logs in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from zcx_desktop.ui import dialogs, i18n
from zcx_desktop.ui.qtcompat import pin_singletons

pin_singletons()  # PySide6 6.12 + CPython 3.11: emit() steals references to True (see qtcompat)


@pytest.fixture(autouse=True)
def ui_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Config in tmp_path, Chinese UI, and no blocking question dialog (answers No)."""
    monkeypatch.setenv("ZCX_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: False)
    i18n._state["language"] = i18n.DEFAULT_LANGUAGE
    yield
    i18n._state["language"] = i18n.DEFAULT_LANGUAGE


@pytest.fixture
def make_window(qtbot, qapp, tmp_path: Path):
    """Factory: a shown MainWindow over a fresh library; waits until its first list is loaded."""
    from zcx_desktop.core.session import open_session
    from zcx_desktop.ui.appearance import load_bundled_fonts
    from zcx_desktop.ui.errors import ErrorHandler
    from zcx_desktop.ui.extensions import install_extensions
    from zcx_desktop.ui.main_window import MainWindow
    from zcx_desktop.ui.settings import AppSettings

    load_bundled_fonts()
    made = []

    def make(
        *, offer_sample: bool = False, import_sample: bool = False, library_dir: Path | None = None
    ):
        library = open_session(library_dir or tmp_path / "lib")
        settings = AppSettings(tmp_path / "config" / "settings.json")
        errors = ErrorHandler(str(tmp_path / "zcx.log"))
        window = MainWindow(
            library, settings, errors, offer_sample=offer_sample, import_sample=import_sample
        )
        install_extensions(window, only=["zcx_desktop.ui.ext_search"])
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready, timeout=10000):
            window.show()
        made.append((window, library))
        return window

    yield make
    for window, library in made:
        window.close()
        window.runner.wait()
        library.close()


@pytest.fixture
def sample_window(make_window, qtbot):
    """A window whose library holds the bundled sample documents (imported through the UI)."""
    window = make_window()
    with qtbot.waitSignal(window.importer.finished, timeout=30000):
        window.importer.import_sample()
    qtbot.waitUntil(lambda: window.library_pane.model.rowCount() >= 3, timeout=10000)
    close_dialogs()
    return window


def close_dialogs() -> None:
    """Close every open dialog (message boxes, import summary, crash dialog)."""
    from PySide6.QtWidgets import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()


def open_first_document(window, qtbot):
    """Open the longest sample document and return its reader."""
    documents = sorted(window.library_pane.model.documents, key=lambda d: -d.clause_count)
    with qtbot.waitSignal(window.reader_opened, timeout=10000) as blocker:
        window.open_document(documents[0].id)
    return blocker.args[0]
