"""The settings dialog, generated from the declared settings (one row per Setting)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui.i18n import tr
from zcx_desktop.ui.settings import SETTINGS, AppSettings, Setting


class SettingsDialog(QDialog):
    """Edits a copy of the values; `values()` returns them after Accept."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("settings.title"))
        self.setMinimumWidth(520)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for setting in SETTINGS:
            widget = self._editor(setting, settings.get(setting.name))
            widget.setObjectName(f"setting_{setting.name}")
            widget.setToolTip(tr(setting.help_key))
            label = QLabel(tr(setting.label_key))
            label.setToolTip(tr(setting.help_key))
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.widgets[setting.name] = widget
        note = QLabel(tr("settings.note"))
        note.setWordWrap(True)
        note.setObjectName("settingsNote")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("common.ok"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _editor(self, setting: Setting, value: Any) -> QWidget:
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.choices:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(tr(f"setting.{setting.name}.{choice}"), choice)
            combo.setCurrentIndex(
                max(0, setting.choices.index(value) if value in setting.choices else 0)
            )
            return combo
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(setting.minimum, setting.maximum)
            spin.setValue(int(value))
            spin.setSuffix(tr("settings.points_suffix"))
            return spin
        return QLineEdit(str(value))

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QCheckBox):
                result[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                result[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                result[name] = widget.value()
            elif isinstance(widget, QLineEdit):
                result[name] = widget.text().strip()
        return result
