"""Showing problems: KnownError → a clear message box; anything else → log + crash dialog.

`install_excepthook()` routes uncaught exceptions (including those raised in Qt slots) to
the crash dialog, so the app keeps running after a bug.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.errors import KnownError
from zcx_desktop.ui.i18n import tr
from zcx_desktop.ui.runner import Failure

log = logging.getLogger("zcx.ui")

# Dialogs currently shown (kept referenced so they are not garbage-collected; tests read it).
open_dialogs: list[QWidget] = []


def _keep(dialog: QWidget) -> None:
    open_dialogs.append(dialog)

    def forget(*_: object) -> None:
        if dialog in open_dialogs:
            open_dialogs.remove(dialog)

    dialog.finished.connect(forget)
    dialog.destroyed.connect(forget)  # a dialog whose parent was deleted never finishes


def show_message(
    parent: QWidget | None, title: str, text: str, *, warning: bool = True
) -> QMessageBox:
    """A non-blocking message box (window-modal)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    box.button(QMessageBox.StandardButton.Ok).setText(tr("common.ok"))
    _keep(box)
    box.open()
    return box


def show_known_error(parent: QWidget | None, err: KnownError) -> QMessageBox:
    return show_message(parent, tr("error.title"), str(err))


class CrashDialog(QDialog):
    """Says a bug happened, where the log is, and shows the traceback; the app keeps running."""

    def __init__(self, details: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(tr("crash.title"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("crash.text", log=log_path))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("common.close"))
        copy = buttons.addButton(tr("crash.copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ErrorHandler:
    """Decides how to show an exception; `log_path` is shown in the crash dialog."""

    def __init__(self, log_path: str = "") -> None:
        self.log_path = log_path
        self.crash_count = 0

    def parent(self) -> QWidget | None:
        app = QApplication.instance()
        return app.activeWindow() if isinstance(app, QApplication) else None

    def handle_failure(self, failure: Failure) -> None:
        """For background ops: KnownError → message, else crash dialog."""
        if isinstance(failure.error, KnownError):
            show_known_error(self.parent(), failure.error)
        else:
            self.show_crash(failure.traceback)

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if isinstance(error, KnownError):
            show_known_error(self.parent(), error)
            return
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        self.show_crash("".join(traceback.format_exception(kind, error, tb)))

    def show_crash(self, details: str) -> CrashDialog:
        self.crash_count += 1
        log.error("unexpected error:\n%s", details)
        dialog = CrashDialog(details, self.log_path, self.parent())
        _keep(dialog)
        dialog.open()
        return dialog


def install_excepthook(handler: ErrorHandler) -> None:
    sys.excepthook = handler.excepthook
