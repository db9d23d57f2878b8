"""The small floating toolbar shown over a text selection: layer, colour, style, note, tags, citation."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QComboBox, QFrame, QHBoxLayout, QToolButton, QWidget

from zcx_desktop.ui.i18n import tr, watch_language

STYLES = ("highlight", "underline", "strike")


def swatch_icon(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class SelectionToolbar(QFrame):
    """Buttons to annotate the current selection.

    Signals:
        style_chosen(str): highlight / underline / strike with the chosen layer and colour.
        note_requested(), tags_requested(), citation_requested()
        layer_chosen(int)
    """

    style_chosen = Signal(str)
    note_requested = Signal()
    tags_requested = Signal()
    citation_requested = Signal()
    layer_chosen = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("annotationToolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.own_color: str | None = None
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("annotToolbarLayer")
        self.layer_combo.activated.connect(lambda i: self.layer_chosen.emit(int(self.layer_combo.itemData(i))))
        self.color_button = self._button("annotToolbarColor", self.choose_color)
        self.style_buttons = {s: self._button(f"annotToolbar_{s}", lambda _=False, s=s: self.style_chosen.emit(s))
                              for s in STYLES}
        self.note_button = self._button("annotToolbarNote", self.note_requested.emit)
        self.tags_button = self._button("annotToolbarTags", self.tags_requested.emit)
        self.cite_button = self._button("annotToolbarCite", self.citation_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 2, 3, 2)
        layout.setSpacing(2)
        for widget in (self.layer_combo, self.color_button, *self.style_buttons.values(),
                       self.note_button, self.tags_button, self.cite_button):
            layout.addWidget(widget)
        watch_language(self, self.retranslate)
        self.retranslate()
        self.hide()

    def _button(self, name: str, slot) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.color_button.setText(tr("annot.toolbar.color"))
        self.color_button.setToolTip(tr("annot.toolbar.color_tip"))
        for style, button in self.style_buttons.items():
            button.setText(tr(f"annot.style.{style}"))
            button.setToolTip(tr(f"annot.toolbar.{style}_tip"))
        self.note_button.setText(tr("annot.toolbar.note"))
        self.tags_button.setText(tr("annot.toolbar.tags"))
        self.cite_button.setText(tr("annot.toolbar.cite"))
        self.layer_combo.setToolTip(tr("annot.toolbar.layer_tip"))

    def set_layers(self, layers: list, current: int | None) -> None:
        self.layer_combo.clear()
        for layer in layers:
            self.layer_combo.addItem(swatch_icon(layer.color), layer.name, layer.id)
        self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(current)))

    def choose_color(self) -> None:
        color = QColorDialog.getColor(QColor(self.own_color or "#FFE066"), self, tr("annot.toolbar.color_tip"))
        if color.isValid():
            self.set_own_color(color.name().upper())

    def set_own_color(self, color: str | None) -> None:
        self.own_color = color
        self.color_button.setIcon(swatch_icon(color) if color else QIcon())

    def show_at(self, point: QPoint) -> None:
        """Show with its bottom-left corner near `point` (parent coordinates), kept inside."""
        self.adjustSize()
        parent = self.parentWidget()
        x = max(0, min(point.x(), parent.width() - self.width()))
        y = point.y() - self.height() - 6
        if y < 0:
            y = point.y() + 28
        self.move(x, y)
        self.show()
        self.raise_()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
