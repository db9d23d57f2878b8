"""GUI tests of the briefing-pack preview (QtPdf on white paper, navigation, zoom) and printing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter

from zcx_desktop.core.session import open_session
from zcx_desktop.ui import ext_brief
from zcx_desktop.ui.brief_print import match_printer_to_document, print_document

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory) -> Path:
    library_dir = tmp_path_factory.mktemp("preview") / "lib"
    library = open_session(library_dir)
    assert all(r.ok for r in library.import_paths([SAMPLE]))
    library.close()
    return library_dir


@pytest.fixture
def preview(make_window, sample_library: Path, qtbot, tmp_path: Path):
    """The preview window of a two-document pack built through the composer."""
    library_dir = tmp_path / "preview_lib"
    shutil.copytree(sample_library, library_dir)
    window = make_window(library_dir=library_dir)
    ext_brief.install(window)
    doc_ids = [d.id for d in window.library.list_documents()][:2]
    dialog = ext_brief.open_composer(window, doc_ids, title="预览测试")
    with qtbot.waitSignal(dialog.preview_ready, timeout=30000) as blocker:
        dialog.preview()
    shown = blocker.args[0]
    qtbot.waitExposed(shown)
    yield shown
    dialog.close()  # and its preview: no top-level window outlives the test


def non_white_share(image) -> float:
    step = 7
    total = marked = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            marked += QColor(image.pixel(x, y)).lightness() < 200
    return marked / total


def test_preview_shows_first_page_on_white(preview):
    assert preview.page_count() > 2
    assert preview.page == 0
    image = preview.page_image
    assert not image.isNull() and image.width() > 300
    assert QColor(image.pixel(2, 2)) == QColor("white")  # paper, not transparent black
    assert QColor(image.pixel(image.width() - 3, image.height() - 3)) == QColor("white")
    assert 0.001 < non_white_share(image) < 0.5  # the cover carries text


def test_navigation_and_zoom(preview):
    preview.show_page(1)
    assert preview.page == 1 and preview.page_spin.value() == 2
    preview.next_button.click()
    assert preview.page == 2
    preview.show_page(10_000)
    assert preview.page == preview.page_count() - 1 and not preview.next_button.isEnabled()
    preview.set_zoom(1.0)
    width_100 = preview.page_image.width()
    preview.step_zoom(1)
    assert preview.zoom == 1.25
    assert preview.page_image.width() > width_100 * 1.2


def test_print_to_pdf_file(preview, tmp_path: Path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    match_printer_to_document(printer, preview.document)
    printed = print_document(preview.document, printer, dpi=100)
    assert printed == preview.page_count()
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == printed
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3  # A4 like the pack


def test_print_page_range(preview, tmp_path: Path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_document(preview.document, printer, dpi=72) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2
