"""Rendering PDF pages (QtPdf) onto white and printing them through QPrinter at printer resolution."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.brief")

MAX_PRINT_DPI = 300  # a full A4 page at 300 dpi is ~35 MB of pixels; more gains nothing on paper


def render_options() -> QPdfDocumentRenderOptions:
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    return options


def page_pixel_size(document: QPdfDocument, page: int, dpi: float) -> QSize:
    points = document.pagePointSize(page)
    return QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))


def render_page_on_white(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """Page `page` rendered at `size`; QtPdf leaves the paper transparent, so it is painted white."""
    rendered = document.render(page, size, render_options())
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def match_printer_to_document(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper size and orientation of the first page (A4 portrait for packs); the pages carry their margins."""
    if document.pageCount() == 0:
        return
    points = document.pagePointSize(0)
    size = QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    landscape = points.width() > points.height()
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def pages_to_print(printer: QPrinter, page_count: int) -> range:
    """0-based page numbers the print dialog asked for (all when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() == QPrinter.PrintRange.PageRange and first > 0:
        return range(first - 1, min(last or page_count, page_count))
    return range(page_count)


def print_document(document: QPdfDocument, printer: QPrinter, dpi: float | None = None) -> int:
    """Print the document's pages on `printer`, each scaled to the paper; returns the pages printed."""
    pages = pages_to_print(printer, document.pageCount())
    dpi = dpi or min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        log.error("printer %s refused to start", printer.printerName())
        return 0
    printed = 0
    try:
        for page in pages:
            if printed:
                printer.newPage()
            image = render_page_on_white(document, page, page_pixel_size(document, page, dpi))
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(_fit(paper, image.size()), image)
            printed += 1
    finally:
        painter.end()
    log.info("printed %s pages at %s dpi on %s", printed, dpi, printer.printerName() or printer.outputFileName())
    return printed


def _fit(paper: QRectF, size: QSize) -> QRectF:
    scale = min(paper.width() / size.width(), paper.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    return QRectF(paper.x() + (paper.width() - width) / 2, paper.y() + (paper.height() - height) / 2, width, height)


def ask_and_print(parent: QWidget, document: QPdfDocument, title: str) -> int:
    """Show the print dialog (page range allowed) and print; returns the pages printed (0 if cancelled)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    match_printer_to_document(printer, document)
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("brief.print.title"))
    dialog.setMinMax(1, document.pageCount())
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # pages are rendered on this thread
    try:
        return print_document(document, printer)
    finally:
        QApplication.restoreOverrideCursor()
