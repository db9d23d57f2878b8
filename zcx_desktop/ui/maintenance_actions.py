"""File-menu maintenance: back up, restore, check, export the whole library and import an archive.

Every file operation runs in the window's runner (off the GUI thread); the user picks files
with QFileDialog's static functions and confirms through `dialogs.ask_yes_no`.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

import zcx_desktop
from zcx_desktop.core import maintenance
from zcx_desktop.core.library import Library
from zcx_desktop.ui import dialogs
from zcx_desktop.ui.errors import show_message
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.maintenance_check import CheckDialog

log = logging.getLogger("zcx.ui.maintenance")

ACTION_KEYS = ("backup", "restore", "check", "export", "import_archive")
SAFETY_PREFIX = "before-restore-"  # not "library-": auto_backup's rotation never deletes it


class MaintenanceController(QObject):
    """`window.maintenance`: the maintenance actions and their background jobs."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.check_dialog: CheckDialog | None = None
        self.actions: dict[str, QAction] = {}
        for key in ACTION_KEYS:
            action = QAction(window)
            action.setObjectName(f"action_maintenance_{key}")
            action.triggered.connect(lambda _checked=False, k=key: getattr(self, k)())
            self.actions[key] = action
        self.actions["restore"].setEnabled(not self.library.read_only)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    @property
    def library(self) -> Library:
        return self.window_.library

    def retranslate(self, *_: object) -> None:
        for key, action in self.actions.items():
            action.setText(tr(f"maintenance.action.{key}"))

    # -- backup and restore ------------------------------------------------------------
    def backup(self) -> None:
        default = Path.home() / f"{self.library.path.name}-{datetime.now():%Y%m%d-%H%M}.sqlite"
        path, _ = QFileDialog.getSaveFileName(
            self.window_, tr("maintenance.backup.choose"), str(default), tr("maintenance.filter.sqlite")
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".sqlite")
        self.window_.runner.run(
            lambda library, job: maintenance.backup_database(library, target),
            on_done=lambda written: self._info(tr("maintenance.backup.done", path=str(written))),
            label="backup",
        )

    def restore(self) -> None:
        if self.library.read_only:
            self._warn(tr("maintenance.read_only.refused"))
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window_,
            tr("maintenance.restore.choose"),
            str(self.library.path / maintenance.BACKUPS),
            tr("maintenance.filter.sqlite"),
        )
        if not path:
            return
        source = Path(path)
        if not dialogs.ask_yes_no(
            self.window_, tr("maintenance.restore.title"), tr("maintenance.restore.question", name=source.name)
        ):
            return
        self.close_readers()
        self.window_.runner.run(
            lambda library, job: restore_with_safety_copy(library, source),
            on_done=self._restored,
            writes=True,
            label="restore",
        )

    def _restored(self, safety: Path) -> None:
        self.close_readers()
        self.window_.refresh_library()
        self._info(tr("maintenance.restore.done", safety=str(safety)))

    def close_readers(self) -> None:
        """Close every reader tab (their documents may not exist in the restored database)."""
        for reader in list(self.window_.readers()):
            self.window_.close_tab(self.window_.tabs.indexOf(reader))

    # -- check ------------------------------------------------------------------------
    def check(self) -> None:
        self.window_.statusBar().showMessage(tr("maintenance.check.running"))
        self.window_.runner.run(
            lambda library, job: maintenance.check_library(library),
            on_done=self._show_check,
            label="check",
        )

    def _show_check(self, report: maintenance.CheckReport) -> None:
        self.window_.statusBar().clearMessage()
        if self.check_dialog is not None:
            self.check_dialog.close()
        dialog = CheckDialog(report, can_repair=not self.library.read_only, parent=self.window_)
        dialog.repair_requested.connect(self.repair)
        self.check_dialog = dialog
        dialog.open()

    def repair(self) -> None:
        if self.check_dialog is not None:
            self.check_dialog.set_busy(True)
        self.window_.runner.run(
            lambda library, job: maintenance.check_library(library, repair=True),
            on_done=self._repaired,
            on_failed=self._repair_failed,
            writes=True,
            label="repair",
        )

    def _repaired(self, report: maintenance.CheckReport) -> None:
        if self.check_dialog is not None:
            self.check_dialog.set_report(report)
        self.window_.refresh_library()

    def _repair_failed(self, failure) -> None:
        if self.check_dialog is not None:
            self.check_dialog.set_busy(False)
        self.window_.errors.handle_failure(failure)

    # -- archives -----------------------------------------------------------------------
    def export(self) -> None:
        default = Path.home() / f"{self.library.path.name}-{datetime.now():%Y%m%d}.zip"
        path, _ = QFileDialog.getSaveFileName(
            self.window_, tr("maintenance.export.choose"), str(default), tr("maintenance.filter.zip")
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".zip")
        self.window_.statusBar().showMessage(tr("maintenance.export.running"))
        self.window_.runner.run(
            lambda library, job: maintenance.export_archive(library, target),
            on_done=self._exported,
            label="export-archive",
        )

    def _exported(self, target: Path) -> None:
        self.window_.statusBar().clearMessage()
        self._info(tr("maintenance.export.done", path=str(target)))

    def import_archive(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self.window_, tr("maintenance.import.choose_archive"), str(Path.home()), tr("maintenance.filter.zip")
        )
        if not source:
            return
        folder = QFileDialog.getExistingDirectory(self.window_, tr("maintenance.import.choose_folder"))
        if not folder:
            return
        source_path, folder_path = Path(source), Path(folder)
        self.window_.runner.run(
            lambda library, job: maintenance.import_archive(source_path, folder_path),
            on_done=self._archive_imported,
            label="import-archive",
        )

    def _archive_imported(self, folder: Path) -> None:
        if dialogs.ask_yes_no(
            self.window_, tr("maintenance.import.title"), tr("maintenance.import.open_question", path=str(folder))
        ):
            if launch_library(folder):
                self.window_.close()
                return
            self._warn(tr("maintenance.import.launch_failed", path=str(folder)))
            return
        self._info(tr("maintenance.import.done", path=str(folder)))

    # -- messages ------------------------------------------------------------------------
    def _info(self, text: str) -> None:
        self.last_message = show_message(self.window_, tr("maintenance.title"), text, warning=False)

    def _warn(self, text: str) -> None:
        self.last_message = show_message(self.window_, tr("maintenance.title"), text)


def restore_with_safety_copy(library: Library, source: Path) -> Path:
    """Back the current database up into <library>/backups, then restore `source`; returns the copy."""
    folder = library.path / maintenance.BACKUPS
    safety = folder / f"{SAFETY_PREFIX}{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    maintenance.backup_database(library, safety)
    maintenance.restore_database(library, source)
    log.info("restored %s (previous database kept as %s)", source, safety)
    return safety


def launch_library(folder: Path) -> bool:
    """Start a new app instance on another library (the caller then closes this one)."""
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, ["--library", str(folder)]
    else:
        starter = "import sys; from zcx_desktop.ui.app import main; sys.exit(main())"
        program, arguments = sys.executable, ["-c", starter, "--library", str(folder)]
    source_root = Path(zcx_desktop.__file__).resolve().parents[1]
    started, _pid = QProcess.startDetached(program, arguments, str(source_root))
    log.info("started a new instance on %s: %s", folder, started)
    return bool(started)
