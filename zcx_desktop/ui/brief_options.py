"""The composer's option groups: what to print (content mode, layers), cover fields, layout, appended tables."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.export import LAYOUTS, NOTE_MODES, PackOptions, TableSection
from zcx_desktop.ui.i18n import tr

CONTENT_MODES = ("whole", "annotated", "layers", "ranges")
CLASSIFICATIONS = ("", "内部", "秘密", "机密")
COVER_FIELDS = ("title", "subtitle", "unit", "date", "classification", "copy_no", "watermark")
LAYER_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def today_text() -> str:
    today = _dt.date.today()
    return f"{today.year}年{today.month}月{today.day}日"


class ContentOptions(QGroupBox):
    """Whole documents / only annotated clauses / only chosen layers / only the given excerpts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = {mode: QRadioButton() for mode in CONTENT_MODES}
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for mode, button in self.buttons.items():
            button.setObjectName(f"briefMode_{mode}")
            self.group.addButton(button)
            layout.addWidget(button)
        self.layers = QListWidget()
        self.layers.setObjectName("briefLayers")
        self.layers.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.layers.setMaximumHeight(110)
        layout.addWidget(self.layers)
        self.buttons["whole"].setChecked(True)
        self.buttons["ranges"].setVisible(False)
        self.group.buttonToggled.connect(lambda *_: self._update_layers_enabled())
        self._update_layers_enabled()

    def retranslate(self) -> None:
        self.setTitle(tr("brief.content.group"))
        for mode, button in self.buttons.items():
            button.setText(tr(f"brief.content.{mode}"))
        if self.layers.count() == 0:
            self.layers.setToolTip(tr("brief.content.no_layers"))

    def mode(self) -> str:
        return next(mode for mode, button in self.buttons.items() if button.isChecked())

    def set_mode(self, mode: str) -> None:
        if mode == "ranges":
            self.buttons["ranges"].setVisible(True)
        self.buttons[mode].setChecked(True)

    def set_layers(self, layers: list[Any], counts: dict[int, int]) -> None:
        """Fill the checkable layer list (all checked) from the annotations store."""
        self.layers.clear()
        for layer in layers:
            item = QListWidgetItem(f"{layer.name}（{counts.get(layer.id, 0)}）")
            item.setData(LAYER_NAME_ROLE, layer.name)
            item.setIcon(_swatch(layer.color))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.layers.addItem(item)
        self.buttons["layers"].setEnabled(bool(layers))
        self._update_layers_enabled()

    def checked_layers(self) -> list[str]:
        items = (self.layers.item(row) for row in range(self.layers.count()))
        return [item.data(LAYER_NAME_ROLE) for item in items if item.checkState() == Qt.CheckState.Checked]

    def set_layer_checked(self, name: str, checked: bool) -> None:
        for row in range(self.layers.count()):
            item = self.layers.item(row)
            if item.data(LAYER_NAME_ROLE) == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _update_layers_enabled(self) -> None:
        self.layers.setEnabled(self.buttons["layers"].isChecked())


def _swatch(color: str) -> QIcon:
    """A small square of the layer colour; the same in the normal and the disabled state."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color) if QColor.isValidColorName(color) else QColor("#FFE066"))
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
        icon.addPixmap(pixmap, mode)
    return icon


class CoverOptions(QGroupBox):
    """Cover and page furniture: title, subtitle, compiling unit, date, 密级, 份号, watermark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for name in COVER_FIELDS:
            if name == "classification":
                field = QComboBox()
                field.setEditable(True)
                field.addItems(CLASSIFICATIONS)
                edit = field.lineEdit()
            else:
                field = edit = QLineEdit()
            field.setObjectName(f"brief_{name}")
            self.edits[name] = edit
            self.labels[name] = QLabel()
            self.form.addRow(self.labels[name], field)
        self.edits["date"].setText(today_text())

    def retranslate(self) -> None:
        self.setTitle(tr("brief.cover.group"))
        for name, label in self.labels.items():
            label.setText(tr(f"brief.cover.{name}"))
            self.edits[name].setPlaceholderText(tr(f"brief.cover.{name}_hint"))

    def value(self, name: str) -> str:
        return self.edits[name].text().strip()

    def set_value(self, name: str, text: str) -> None:
        self.edits[name].setText(text)


class LayoutOptions(QGroupBox):
    """Reading (A4, margin notes) or 公文 GB/T 9704 layout; notes beside the text or at the end; TOC."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("briefLayout")
        self.notes_combo = QComboBox()
        self.notes_combo.setObjectName("briefNotes")
        for value in LAYOUTS:
            self.layout_combo.addItem("", value)
        for value in NOTE_MODES:
            self.notes_combo.addItem("", value)
        self.toc = QCheckBox()
        self.toc.setChecked(True)
        self.layout_label, self.notes_label = QLabel(), QLabel()
        form = QFormLayout(self)
        form.addRow(self.layout_label, self.layout_combo)
        form.addRow(self.notes_label, self.notes_combo)
        form.addRow(self.toc)
        self.layout_combo.currentIndexChanged.connect(lambda _: self._layout_changed())

    def retranslate(self) -> None:
        self.setTitle(tr("brief.layout.group"))
        self.layout_label.setText(tr("brief.layout.label"))
        self.notes_label.setText(tr("brief.notes.label"))
        for index in range(self.layout_combo.count()):
            self.layout_combo.setItemText(index, tr(f"brief.layout.{self.layout_combo.itemData(index)}"))
        for index in range(self.notes_combo.count()):
            self.notes_combo.setItemText(index, tr(f"brief.notes.{self.notes_combo.itemData(index)}"))
        self.toc.setText(tr("brief.layout.toc"))
        self._layout_changed()

    def set_layout(self, layout: str) -> None:
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(layout)))

    def set_notes(self, notes: str) -> None:
        self.notes_combo.setCurrentIndex(max(0, self.notes_combo.findData(notes)))

    def layout_value(self) -> str:
        return self.layout_combo.currentData()

    def notes_value(self) -> str:
        return "end" if self.layout_value() == "gbt9704" else self.notes_combo.currentData()

    def _layout_changed(self) -> None:
        official = self.layout_value() == "gbt9704"
        self.notes_combo.setEnabled(not official)
        self.notes_combo.setToolTip(tr("brief.notes.official_end") if official else "")


class TableOptions(QGroupBox):
    """Appended tables: extracted targets, responsibilities, and tables handed in by other views."""

    def __init__(self, extraction: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.targets = QCheckBox()
        self.targets.setObjectName("briefTargets")
        self.duties = QCheckBox()
        self.duties.setObjectName("briefDuties")
        self.extra: list[tuple[QCheckBox, TableSection]] = []
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.targets)
        self.box.addWidget(self.duties)
        for check in (self.targets, self.duties):
            check.setEnabled(extraction)

    def retranslate(self) -> None:
        self.setTitle(tr("brief.tables.group"))
        self.targets.setText(tr("brief.tables.targets"))
        self.duties.setText(tr("brief.tables.duties"))
        unavailable = "" if self.targets.isEnabled() else tr("brief.tables.unavailable")
        self.targets.setToolTip(unavailable)
        self.duties.setToolTip(unavailable)

    def add_table(self, table: TableSection) -> QCheckBox:
        check = QCheckBox(tr("brief.tables.extra", title=table.title, rows=len(table.rows)))
        check.setChecked(True)
        self.box.addWidget(check)
        self.extra.append((check, table))
        return check

    def chosen_tables(self) -> list[TableSection]:
        return [table for check, table in self.extra if check.isChecked()]


def pack_options(content: ContentOptions, cover: CoverOptions, layout: LayoutOptions) -> PackOptions:
    """The PackOptions the three groups describe (tables are added by the request)."""
    mode = content.mode()
    return PackOptions(
        title=cover.value("title"), subtitle=cover.value("subtitle"), unit=cover.value("unit"),
        date=cover.value("date"), classification=cover.value("classification"),
        copy_no=cover.value("copy_no"), watermark=cover.value("watermark"),
        layout=layout.layout_value(), notes=layout.notes_value(),
        layers=content.checked_layers() if mode == "layers" else None,
        only_annotated=mode in ("annotated", "layers"), toc=layout.toc.isChecked(),
    )
