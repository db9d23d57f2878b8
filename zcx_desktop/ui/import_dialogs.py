"""Dialogs of an import: progress (count, current file, cancel) and the final summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.library import ImportResult
from zcx_desktop.ui.i18n import tr


class ImportProgressDialog(QDialog):
    """Shows `n / total` and the file being read; Cancel asks the job to stop after this file.

    Signals:
        cancel_requested(): the user pressed Cancel (or closed the dialog).
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self.setWindowTitle(tr("import.progress.title"))
        self.setMinimumWidth(460)
        self.count_label = QLabel(tr("import.progress.preparing"))
        self.file_label = QLabel()
        self.file_label.setObjectName("importCurrentFile")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(tr("common.cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        for widget in (self.count_label, self.file_label, self.bar):
            layout.addWidget(widget)
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)

    def update_progress(self, number: int, total: int, current: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(number)
        self.count_label.setText(
            tr("import.progress.count", number=min(number + 1, total), total=total)
        )
        name = Path(current).name if current else ""
        metrics = self.file_label.fontMetrics()
        self.file_label.setText(metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, 420))
        self.file_label.setToolTip(current)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.count_label.setText(tr("import.progress.cancelling"))
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc / window close = cancel; the dialog closes when the job ends
        self._cancel()


def summarise(results: list[ImportResult]) -> dict[str, int]:
    added = sum(1 for r in results if r.ok and not r.duplicate)
    duplicates = sum(1 for r in results if r.ok and r.duplicate)
    failed = sum(1 for r in results if not r.ok)
    return {"added": added, "duplicates": duplicates, "failed": failed}


class ImportSummaryDialog(QDialog):
    """Counts of imported / already present / failed files, and each failure with its reason."""

    def __init__(
        self, results: list[ImportResult], cancelled: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle(tr("import.summary.title"))
        self.resize(620, 360 if any(not r.ok for r in results) else 160)
        self.counts = summarise(results)
        layout = QVBoxLayout(self)
        text = tr("import.summary.counts", **self.counts)
        if cancelled:
            text += "\n" + tr("import.summary.cancelled")
        self.counts_label = QLabel(text)
        layout.addWidget(self.counts_label)
        failures = [r for r in results if not r.ok]
        self.failure_table = QTableWidget(len(failures), 2)
        self.failure_table.setObjectName("importFailures")
        self.failure_table.setHorizontalHeaderLabels(
            [tr("import.summary.file"), tr("import.summary.reason")]
        )
        self.failure_table.verticalHeader().hide()
        self.failure_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.failure_table.setColumnWidth(0, 200)
        for row, result in enumerate(failures):
            self.failure_table.setItem(row, 0, QTableWidgetItem(Path(result.path).name))
            self.failure_table.item(row, 0).setToolTip(result.path)
            self.failure_table.setItem(row, 1, QTableWidgetItem(result.error))
        self.failure_table.setVisible(bool(failures))
        layout.addWidget(self.failure_table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("common.ok"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
