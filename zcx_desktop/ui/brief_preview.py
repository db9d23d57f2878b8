"""In-app preview of a produced PDF (QtPdf): one page at a time on white paper, navigation, zoom, print."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui.brief_print import ask_and_print, page_pixel_size, render_page_on_white
from zcx_desktop.ui.i18n import language_signal, tr

log = logging.getLogger("zcx.ui.brief")

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SCREEN_DPI = 96.0
FIT_WIDTH = 0.0  # zoom value meaning "fit the page width into the window"
FIT_PAGE = -1.0  # zoom value meaning "the whole page in the window"


class PreviewDialog(QDialog):
    """Shows the pages of `path`; `page_image` is the current page as drawn (white paper)."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefPreviewDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = Path(path)
        self.title = title
        self.page = 0
        self.zoom = FIT_WIDTH
        self.page_image = QImage()
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.path))
        self.load_error = error if error != QPdfDocument.Error.None_ else None
        self._build()
        language_signal().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(900, 960)
        self.show_page(0)

    def _build(self) -> None:
        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("briefPreviewPage")
        self.page_spin.setRange(1, max(1, self.page_count()))
        self.page_spin.setKeyboardTracking(False)
        self.of_label = QLabel()
        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("briefPreviewZoom")
        self.zoom_combo.addItem("", FIT_WIDTH)
        self.zoom_combo.addItem("", FIT_PAGE)
        for zoom in ZOOMS:
            self.zoom_combo.addItem(f"{zoom:.0%}", zoom)
        self.print_button = QPushButton()
        self.print_button.setObjectName("briefPrint")
        self.close_button = QPushButton()
        self.canvas = QLabel()
        self.canvas.setObjectName("briefPreviewCanvas")
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #808080; } QLabel#briefPreviewCanvas { background: #808080; }")
        bar = QHBoxLayout()
        for widget in (self.prev_button, self.page_spin, self.of_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.zoom_combo)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_spin.valueChanged.connect(lambda value: self.show_page(value - 1))
        self.zoom_combo.currentIndexChanged.connect(lambda _: self.set_zoom(self.zoom_combo.currentData()))
        self.print_button.clicked.connect(self.print_pages)
        self.close_button.clicked.connect(self.close)
        self._shortcut("PgUp", lambda: self.show_page(self.page - 1))
        self._shortcut("PgDown", lambda: self.show_page(self.page + 1))
        self._shortcut("Ctrl+P", self.print_pages)
        self._shortcut("Ctrl+=", lambda: self.step_zoom(1))
        self._shortcut("Ctrl+-", lambda: self.step_zoom(-1))

    def _shortcut(self, keys: str, slot) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)

    def retranslate(self, *_: object) -> None:
        self.setWindowTitle(tr("brief.preview.title", title=self.title))
        self.prev_button.setText(tr("brief.preview.prev"))
        self.next_button.setText(tr("brief.preview.next"))
        self.of_label.setText(tr("brief.preview.of", pages=self.page_count()))
        self.zoom_combo.setItemText(0, tr("brief.preview.fit_width"))
        self.zoom_combo.setItemText(1, tr("brief.preview.fit_page"))
        self.print_button.setText(tr("brief.preview.print"))
        self.close_button.setText(tr("common.close"))
        if self.load_error is not None:
            self.canvas.setText(tr("brief.preview.load_failed", path=str(self.path)))

    def page_count(self) -> int:
        return self.document.pageCount()

    def show_page(self, page: int) -> None:
        """Render page `page` (0-based, clamped) at the current zoom."""
        if self.page_count() == 0:
            return
        self.page = max(0, min(page, self.page_count() - 1))
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(self.page + 1)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.page_count() - 1)
        self._render()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = float(zoom)
        index = self.zoom_combo.findData(self.zoom)
        if index >= 0 and index != self.zoom_combo.currentIndex():
            self.zoom_combo.setCurrentIndex(index)
        self._render()

    def step_zoom(self, step: int) -> None:
        current = self.effective_zoom()
        larger = [z for z in ZOOMS if z > current + 0.01]
        smaller = [z for z in ZOOMS if z < current - 0.01]
        if step > 0 and larger:
            self.set_zoom(larger[0])
        elif step < 0 and smaller:
            self.set_zoom(smaller[-1])

    def effective_zoom(self) -> float:
        """The zoom factor used (1.0 = the page at 96 dpi); "fit width/page" follow the window."""
        if self.zoom > 0 or self.page_count() == 0:
            return self.zoom or 1.0
        points = self.document.pagePointSize(self.page)
        width = max(200, self.scroll.viewport().width() - 24) / (points.width() * SCREEN_DPI / 72)
        if self.zoom == FIT_WIDTH:
            return width
        height = max(200, self.scroll.height() - 24) / (points.height() * SCREEN_DPI / 72)
        return min(width, height)

    def _render(self) -> None:
        if self.page_count() == 0:
            return
        ratio = self.devicePixelRatioF()
        size = page_pixel_size(self.document, self.page, SCREEN_DPI * self.effective_zoom() * ratio)
        self.page_image = render_page_on_white(self.document, self.page, size)
        pixmap = QPixmap.fromImage(self.page_image)
        pixmap.setDevicePixelRatio(ratio)
        self.canvas.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.zoom <= 0:
            self._render()

    def print_pages(self) -> int:
        if self.page_count() == 0:
            return 0
        return ask_and_print(self, self.document, self.title)
