"""The 检查文库 report: what was checked, the problems found and what a repair fixed; a 修复 button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.maintenance import CheckReport
from zcx_desktop.ui.i18n import tr


class CheckDialog(QDialog):
    """Shows a CheckReport. Signals: repair_requested() when 修复 is pressed."""

    repair_requested = Signal()

    def __init__(self, report: CheckReport, *, can_repair: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkLibraryDialog")
        self.setWindowTitle(tr("maintenance.check.title"))
        self.resize(620, 400)
        self.can_repair = can_repair
        self.summary = QLabel()
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("checkDetails")
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("common.close"))
        buttons.rejected.connect(self.reject)
        self.repair_button = QPushButton(tr("maintenance.check.repair"))
        self.repair_button.setObjectName("checkRepairButton")
        self.repair_button.clicked.connect(self._repair_clicked)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.report = report
        self.set_report(report)

    def set_report(self, report: CheckReport) -> None:
        self.report = report
        self.summary.setText(summary_text(report))
        self.details.setPlainText(details_text(report))
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.repair_button.setEnabled(self.can_repair and not busy and not self.report.healthy)
        if not self.can_repair:
            self.repair_button.setToolTip(tr("maintenance.read_only.refused"))

    def _repair_clicked(self) -> None:
        self.set_busy(True)
        self.repair_requested.emit()


def summary_text(report: CheckReport) -> str:
    checked = tr(
        "maintenance.check.counts",
        documents=report.checked.get("documents", 0),
        originals=report.checked.get("originals", 0),
        clauses=report.checked.get("clauses", 0),
    )
    if report.healthy:
        return tr("maintenance.check.healthy", counts=checked)
    return tr("maintenance.check.unhealthy", count=len(report.problems), counts=checked)


def details_text(report: CheckReport) -> str:
    lines: list[str] = []
    if report.problems:
        lines.append(tr("maintenance.check.problems"))
        lines.extend(f"• {problem}" for problem in report.problems)
    if report.fixed:
        if lines:
            lines.append("")
        lines.append(tr("maintenance.check.fixed"))
        lines.extend(f"• {fix}" for fix in report.fixed)
    return "\n".join(lines)
