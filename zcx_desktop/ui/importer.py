"""Import from the GUI: files, folders, the sample library and pasted text, in the background."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from zcx_desktop.core.library import ImportResult
from zcx_desktop.ui import ops
from zcx_desktop.ui.errors import show_message
from zcx_desktop.ui.i18n import tr
from zcx_desktop.ui.import_dialogs import ImportProgressDialog, ImportSummaryDialog
from zcx_desktop.ui.runner import Failure, Runner

log = logging.getLogger("zcx.ui")

PROGRESS_DELAY_MS = 300


class ImportController(QObject):
    """Runs one import at a time with a progress dialog and ends with a summary.

    Signals:
        finished(list): the ImportResults of the import that just ended.
    """

    finished = Signal(list)

    def __init__(self, parent_widget: QWidget, runner: Runner) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.runner = runner
        self.job = None
        self.progress_dialog: ImportProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.show_summary = True

    @property
    def busy(self) -> bool:
        return self.job is not None

    def import_paths(self, paths: list[Path]) -> bool:
        """Import files and folders; False when another import is still running."""
        return self._start(ops.import_paths([Path(p) for p in paths]))

    def import_sample(self) -> bool:
        return self._start(ops.import_sample)

    def paste_as_document(self) -> bool:
        text = QGuiApplication.clipboard().text().strip()
        if not text:
            show_message(self.parent_widget, tr("paste.title"), tr("paste.empty"))
            return False
        return self._start(ops.import_text(text), progress=False)

    def _start(self, op: ops.Op, *, progress: bool = True) -> bool:
        if self.job is not None:
            show_message(self.parent_widget, tr("import.title"), tr("import.busy"))
            return False
        self.progress_dialog = ImportProgressDialog(self.parent_widget) if progress else None
        self.job = self.runner.run(
            op,
            on_done=self._done,
            on_failed=self._failed,
            on_progress=self._progress,
            writes=True,
            label="import",
        )
        if self.progress_dialog is not None:
            self.progress_dialog.cancel_requested.connect(self.job.cancel)
            QTimer.singleShot(PROGRESS_DELAY_MS, self._show_progress)
        return True

    def _show_progress(self) -> None:
        if self.job is not None and self.progress_dialog is not None:
            self.progress_dialog.open()

    def _progress(self, number: int, total: int, current: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.update_progress(number, total, current)

    def _close_progress(self) -> bool:
        cancelled = bool(self.job and self.job.cancelled())
        self.job = None
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        return cancelled

    def _done(self, results: list[ImportResult]) -> None:
        cancelled = self._close_progress()
        log.info("import finished: %d results", len(results))
        failed = [r for r in results if not r.ok]
        if self.show_summary and (len(results) != 1 or failed or cancelled):
            self.summary_dialog = ImportSummaryDialog(results, cancelled, self.parent_widget)
            self.summary_dialog.open()
        self.finished.emit(results)

    def _failed(self, failure: Failure) -> None:
        self._close_progress()
        self.runner.error_handler(failure)
        self.finished.emit([])
