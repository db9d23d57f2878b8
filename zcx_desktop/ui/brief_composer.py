"""The briefing-pack composer dialog (生成参阅材料): contents, options, preview, save as PDF/Markdown/HTML.

Export runs in a background op (the window's runner) with a busy bar; user-fixable
problems (ExportError and other KnownError) are shown in the dialog, bugs go to the crash dialog.

Signals:
    exported(ExportResult): a file was saved.
    preview_ready(PreviewDialog): the preview window was opened.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QTemporaryDir, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.errors import KnownError
from zcx_desktop.core.export import ExportError, ExportResult, TableSection
from zcx_desktop.ui.brief_docs import DocumentList
from zcx_desktop.ui.brief_options import (
    ContentOptions,
    CoverOptions,
    LayoutOptions,
    TableOptions,
    pack_options,
)
from zcx_desktop.ui.brief_pack import (
    ComposerRequest,
    TableLabels,
    export_op,
    extraction_available,
    format_of,
    with_suffix,
)
from zcx_desktop.ui.errors import show_known_error
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.runner import Failure, Job

log = logging.getLogger("zcx.ui.brief")

FILTER_FORMATS = (("pdf", "PDF (*.pdf)"), ("md", "Markdown (*.md)"), ("html", "HTML (*.html *.htm)"))


def load_layers(library: Any, job: Any) -> tuple[list[Any], dict[int, int]]:
    """Runner op: the annotation layers and their annotation counts (nothing without the store)."""
    try:
        from zcx_desktop.core.annotations import annotation_store
    except ImportError:
        return [], {}
    store = annotation_store(library)
    return store.layers(), store.layer_counts()


def table_labels() -> TableLabels:
    """Titles and headers of the extracted tables in the current UI language."""
    return TableLabels(
        targets_title=tr("brief.table.targets_title"),
        targets_headers=[tr(f"brief.table.target.{n}") for n in ("indicator", "value", "year", "scope", "clause", "document")],
        duties_title=tr("brief.table.duties_title"),
        duties_headers=[tr(f"brief.table.duty.{n}") for n in ("task", "lead", "units", "deadline", "clause", "document")],
    )


def safe_file_name(title: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_.")
    return name[:60] or "briefing"


class ComposerDialog(QDialog):
    """Choose documents and options, then preview, print or save the briefing pack."""

    exported = Signal(object)
    preview_ready = Signal(object)

    def __init__(self, window: Any, doc_ids: list[int], ranges_by_doc: dict[int, list[tuple[int, int]]] | None = None,
                 title: str = "") -> None:
        super().__init__(window)
        self.setObjectName("briefComposer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window_ = window
        self.ranges_by_doc = {int(k): list(v) for k, v in (ranges_by_doc or {}).items()}
        self.job: Job | None = None
        self.last_result: ExportResult | None = None
        self.last_error = ""
        self.error_box = None  # the message box of the last error (closed with the dialog)
        self.preview_dialog = None
        self.temp_dir = QTemporaryDir()
        self.preview_count = 0
        self.documents = DocumentList(list(window.library_pane.model.documents))
        self.content = ContentOptions()
        self.cover = CoverOptions()
        self.layout_options = LayoutOptions()
        self.tables = TableOptions(extraction_available())
        self._build()
        self.documents.add_documents(list(doc_ids))
        if self.ranges_by_doc:
            self.documents.set_ranges_count({k: len(v) for k, v in self.ranges_by_doc.items()})
            self.content.set_mode("ranges")
        if title:
            self.cover.set_value("title", title)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(1000, 660)
        window.runner.run(load_layers, on_done=self._layers_loaded, label="brief-layers")

    def _layers_loaded(self, result: tuple[list[Any], dict[int, int]]) -> None:
        if shiboken6.isValid(self.content):  # the dialog may have been closed (and deleted) meanwhile
            self.content.set_layers(*result)

    def _build(self) -> None:
        self.docs_label = QLabel()
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.docs_label)
        left_box.addWidget(self.documents, 1)
        left_box.addWidget(self.content)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.cover)
        right_box.addWidget(self.layout_options)
        right_box.addWidget(self.tables)
        right_box.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([520, 480])
        self.status = QLabel()
        self.status.setObjectName("briefStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar()
        self.busy.setObjectName("briefBusy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("briefPreview")
        self.save_button = QPushButton()
        self.save_button.setObjectName("briefSave")
        self.save_button.setDefault(True)
        self.close_button = QPushButton()
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.choose_and_save)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy)
        bottom.addWidget(self.status, 1)
        for button in (self.preview_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def retranslate(self, *_: object) -> None:
        self.setWindowTitle(tr("brief.title"))
        self.docs_label.setText(tr("brief.docs.label"))
        for part in (self.documents, self.content, self.cover, self.layout_options, self.tables):
            part.retranslate()
        self.preview_button.setText(tr("brief.preview"))
        self.save_button.setText(tr("brief.save"))
        self.close_button.setText(tr("common.close"))

    # -- what to export -------------------------------------------------------------
    def add_table(self, title: str, headers: list[str], rows: list[list[str]]) -> None:
        """Append a table handed in by another view (e.g. a unit's task list)."""
        self.tables.add_table(TableSection(title=title, headers=list(headers), rows=[list(r) for r in rows]))

    def add_documents(self, doc_ids: list[int], ranges_by_doc: dict[int, list[tuple[int, int]]] | None = None) -> None:
        for doc_id, ranges in (ranges_by_doc or {}).items():
            self.ranges_by_doc.setdefault(int(doc_id), []).extend(ranges)
        self.documents.add_documents(list(doc_ids))
        if ranges_by_doc:
            self.documents.set_ranges_count({k: len(v) for k, v in self.ranges_by_doc.items()})
            self.content.set_mode("ranges")

    def request(self) -> ComposerRequest:
        """The composer's current choices as a plain request (checked: raises ExportError)."""
        mode = self.content.mode()
        if mode == "layers" and not self.content.checked_layers():
            raise ExportError(tr("brief.error.no_layers"))
        tables = self.tables.chosen_tables()
        doc_ids = self.documents.doc_ids()
        if not doc_ids and not tables:
            raise ExportError(tr("brief.error.no_documents"))
        return ComposerRequest(
            doc_ids=doc_ids, options=pack_options(self.content, self.cover, self.layout_options),
            ranges_by_doc=dict(self.ranges_by_doc), use_ranges=mode == "ranges",
            include_targets=self.tables.targets.isChecked() and self.tables.targets.isEnabled(),
            include_duties=self.tables.duties.isChecked() and self.tables.duties.isEnabled(),
            tables=tables, labels=table_labels(),
        )

    # -- running --------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self.job is not None

    def export_to(self, path: Path, fmt: str | None = None, *, for_preview: bool = False) -> Job | None:
        """Write the pack to `path` in the background (format from `fmt` or the suffix)."""
        fmt = fmt or format_of(Path(path))
        try:
            request = self.request()
        except KnownError as err:
            self._show_error(err)
            return None
        path = with_suffix(Path(path), fmt)
        self._set_busy(True, tr("brief.status.preview_running" if for_preview else "brief.status.running"))
        job = self.window_.runner.run(
            export_op(request, path, fmt), label="brief-export",
            on_done=lambda result: self._finished(job.id, result, for_preview),
            on_failed=lambda failure: self._failed(job.id, failure),
        )
        self.job = job
        return job

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.setVisible(busy)
        for button in (self.preview_button, self.save_button):
            button.setEnabled(not busy)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _finished(self, job_id: int, result: ExportResult, for_preview: bool) -> None:
        if self.job is None or job_id != self.job.id or not shiboken6.isValid(self):
            return
        self.job = None
        self.last_result = result
        self._set_busy(False)
        if for_preview:
            self.status.setText(tr("brief.status.previewed", pages=result.pages, seconds=f"{result.seconds:.1f}"))
            self._open_preview(Path(result.path))
            return
        size = f"{result.bytes / 1024:.0f} KB"
        pages = tr("brief.status.pages", pages=result.pages) if result.pages else ""
        self.status.setText(tr("brief.status.saved", path=result.path, pages=pages, size=size))
        self.exported.emit(result)

    def _failed(self, job_id: int, failure: Failure) -> None:
        if self.job is None or job_id != self.job.id or not shiboken6.isValid(self):
            return
        self.job = None
        self._set_busy(False)
        if isinstance(failure.error, KnownError):
            self._show_error(failure.error)
        else:
            self.status.setText(tr("brief.status.bug"))
            self.window_.errors.handle_failure(failure)

    def _show_error(self, err: KnownError) -> None:
        self.last_error = str(err)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(tr("brief.status.failed", error=str(err)))
        self.error_box = show_known_error(self, err)

    # -- buttons --------------------------------------------------------------------
    def suggested_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        title = self.cover.value("title") or tr("brief.default_name")
        return Path(folder) / f"{safe_file_name(title)}.pdf"

    def choose_and_save(self) -> None:
        filters = ";;".join(label for _fmt, label in FILTER_FORMATS)
        path, chosen = QFileDialog.getSaveFileName(self, tr("brief.save_title"), str(self.suggested_path()), filters)
        if not path:
            return
        by_filter = next((fmt for fmt, label in FILTER_FORMATS if label == chosen), "pdf")
        self.export_to(Path(path), format_of(Path(path), by_filter))

    def preview(self) -> Job | None:
        """Build the PDF into a temporary file and show it in the preview window."""
        if not self.temp_dir.isValid():
            self._show_error(ExportError(tr("brief.error.no_temp")))
            return None
        self.preview_count += 1
        path = Path(self.temp_dir.path()) / f"preview_{self.preview_count}.pdf"
        return self.export_to(path, "pdf", for_preview=True)

    def _open_preview(self, path: Path) -> None:
        from zcx_desktop.ui.brief_preview import PreviewDialog

        if self.preview_dialog is not None:
            self.preview_dialog.close()
        title = self.cover.value("title") or tr("brief.default_name")
        self.preview_dialog = PreviewDialog(path, title, self)
        self.preview_dialog.show()
        self.preview_ready.emit(self.preview_dialog)

    def closeEvent(self, event) -> None:
        if self.error_box is not None and shiboken6.isValid(self.error_box):
            self.error_box.close()  # also drops it from errors.open_dialogs
        if self.job is not None:
            self.job.cancel()
            self.job = None
        super().closeEvent(event)
