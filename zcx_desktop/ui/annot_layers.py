"""The layer panel: visibility, colour, counts and the current layer; create/rename/recolour/reorder/delete."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui import dialogs
from zcx_desktop.ui.annot_toolbar import swatch_icon
from zcx_desktop.ui.i18n import tr, watch_language

log = logging.getLogger("zcx.ui.annotations")

LAYER_ROLE = Qt.ItemDataRole.UserRole
BUTTONS = ("new", "rename", "color", "up", "down", "delete")


class LayerPanel(QWidget):
    """List of layers: checkbox = visible, swatch = colour, bold = current layer."""

    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.setObjectName("annotationLayerPanel")
        self.controller = controller
        self.list = QListWidget()
        self.list.setObjectName("annotationLayerList")
        self.list.setMinimumHeight(96)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("annotationLayerHint")
        self.buttons = {key: QToolButton() for key in BUTTONS}
        grid = QGridLayout()
        grid.setSpacing(2)
        for index, (key, button) in enumerate(self.buttons.items()):
            button.setObjectName(f"annotLayer_{key}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(getattr(self, f"{key}_layer"))
            grid.addWidget(button, index // 3, index % 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_layer())
        controller.layers_loaded.connect(self.refresh)
        controller.current_layer_changed.connect(lambda _id: self.refresh())
        watch_language(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        for key, button in self.buttons.items():
            button.setText(tr(f"annot.layers.{key}"))
        self.hint.setText(tr("annot.layers.hint"))
        self.refresh()

    def refresh(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for layer in self.controller.layers:
            count = self.controller.counts.get(layer.id, 0)
            item = QListWidgetItem(swatch_icon(layer.color, 14), tr("annot.layers.item", name=layer.name, count=count))
            item.setData(LAYER_ROLE, layer.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            item.setToolTip(tr("annot.layers.tooltip", name=layer.name, author=layer.author or "—"))
            if layer.id == self.controller.current_layer_id:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.list.addItem(item)
                self.list.setCurrentItem(item)
            else:
                self.list.addItem(item)
        self.list.blockSignals(False)

    def selected_layer_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(LAYER_ROLE))

    def _item_changed(self, item: QListWidgetItem) -> None:
        layer_id = int(item.data(LAYER_ROLE))
        visible = item.checkState() == Qt.CheckState.Checked
        self.set_visible(layer_id, visible)

    def set_visible(self, layer_id: int, visible: bool) -> None:
        self.controller.layer_op(lambda store: store.set_layer_visible(layer_id, visible))

    def _current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.controller.set_current_layer(int(current.data(LAYER_ROLE)))

    # -- buttons -------------------------------------------------------------------
    def new_layer(self) -> None:
        name, ok = QInputDialog.getText(self, tr("annot.layers.new_title"), tr("annot.layers.name_prompt"))
        if not ok or not name.strip():
            return
        color = QColorDialog.getColor(QColor("#FFE066"), self, tr("annot.layers.color_title"))
        hex_color = color.name().upper() if color.isValid() else "#FFE066"
        self.controller.layer_op(lambda store: store.create_layer(name.strip(), hex_color),
                                 lambda layer: self.controller.set_current_layer(layer.id))

    def rename_layer(self) -> None:
        layer = self.controller.layer(self.selected_layer_id())
        if layer is None:
            return
        name, ok = QInputDialog.getText(self, tr("annot.layers.rename_title"), tr("annot.layers.name_prompt"),
                                        text=layer.name)
        if ok and name.strip() and name.strip() != layer.name:
            self.controller.layer_op(lambda store: store.rename_layer(layer.id, name.strip()))

    def color_layer(self) -> None:
        layer = self.controller.layer(self.selected_layer_id())
        if layer is None:
            return
        color = QColorDialog.getColor(QColor(layer.color), self, tr("annot.layers.color_title"))
        if color.isValid():
            self.controller.layer_op(lambda store: store.recolor_layer(layer.id, color.name().upper()))

    def up_layer(self) -> None:
        self._move(-1)

    def down_layer(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        ids = [layer.id for layer in self.controller.layers]
        layer_id = self.selected_layer_id()
        if layer_id not in ids:
            return
        index = ids.index(layer_id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        self.controller.layer_op(lambda store: store.reorder_layers(ids))

    def delete_layer(self) -> None:
        layer = self.controller.layer(self.selected_layer_id())
        if layer is None:
            return
        count = self.controller.counts.get(layer.id, 0)
        others = [x for x in self.controller.layers if x.id != layer.id]
        if count == 0:
            if dialogs.ask_yes_no(self, tr("annot.layers.delete_title"), tr("annot.layers.delete_empty", name=layer.name)):
                self.controller.layer_op(lambda store: store.delete_layer(layer.id))
            return
        dialog = DeleteLayerDialog(self, layer.name, count, others)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            move_to = dialog.move_to()
            self.controller.layer_op(
                lambda store: store.delete_layer(layer.id, move_to=move_to, delete_annotations=move_to is None))


class DeleteLayerDialog(QDialog):
    """Asks what happens to a deleted layer's annotations: move them to another layer, or delete them."""

    def __init__(self, parent: QWidget, name: str, count: int, others: list) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("annot.layers.delete_title"))
        self.move_radio = QRadioButton(tr("annot.layers.delete_move"))
        self.drop_radio = QRadioButton(tr("annot.layers.delete_drop", count=count))
        group = QButtonGroup(self)
        group.addButton(self.move_radio)
        group.addButton(self.drop_radio)
        self.target = QComboBox()
        for layer in others:
            self.target.addItem(swatch_icon(layer.color), layer.name, layer.id)
        self.move_radio.setEnabled(bool(others))
        (self.move_radio if others else self.drop_radio).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("annot.layers.delete_ok"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        question = QLabel(tr("annot.layers.delete_question", name=name, count=count))
        question.setWordWrap(True)
        layout.addWidget(question)
        layout.addWidget(self.move_radio)
        layout.addWidget(self.target)
        layout.addWidget(self.drop_radio)
        layout.addWidget(buttons)

    def move_to(self) -> int | None:
        return int(self.target.currentData()) if self.move_radio.isChecked() else None
