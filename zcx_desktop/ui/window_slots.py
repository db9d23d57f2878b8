"""What the main window's menu actions do (mixed into MainWindow; see window_actions.ACTIONS)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from zcx_desktop import __version__
from zcx_desktop.ui import dialogs, ops
from zcx_desktop.ui.appearance import ZOOM_STEP, apply_appearance, reader_typography
from zcx_desktop.ui.errors import show_message
from zcx_desktop.ui.i18n import current_language, install_qt_translator, set_language, tr
from zcx_desktop.ui.metadata_dialog import MetadataDialog
from zcx_desktop.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from zcx_desktop.ui.main_window import MainWindow

log = logging.getLogger("zcx.ui")

FILE_FILTER_KEY = "import.file_filter"


class WindowSlots:
    """Slots of the declared actions; `self` is the MainWindow."""

    # -- import ---------------------------------------------------------------------
    def choose_import_files(self: MainWindow) -> None:
        from zcx_desktop.core.ingest import SUPPORTED_EXTENSIONS

        patterns = " ".join(f"*{ext}" for ext in sorted(SUPPORTED_EXTENSIONS))
        files, _ = QFileDialog.getOpenFileNames(
            self, tr("import.choose_files"), "", tr(FILE_FILTER_KEY, patterns=patterns)
        )
        if files:
            self.importer.import_paths([Path(f) for f in files])

    def choose_import_folder(self: MainWindow) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("import.choose_folder"))
        if folder:
            self.importer.import_paths([Path(folder)])

    def paste_as_document(self: MainWindow) -> None:
        self.importer.paste_as_document()

    def import_sample(self: MainWindow) -> None:
        self.importer.import_sample()

    def _import_finished(self: MainWindow, results: list) -> None:
        self.refresh_library()
        added = [r.doc_id for r in results if r.ok and r.doc_id is not None]
        if len(results) == 1 and added:
            self.open_document(added[0])

    def reimport_selected(self: MainWindow) -> None:
        doc_ids = self.selected_doc_ids()
        if len(doc_ids) != 1:
            show_message(self, tr("reimport.title"), tr("common.select_one"))
            return
        path, _ = QFileDialog.getOpenFileName(self, tr("reimport.choose"))
        if path:
            self.reimport_document(doc_ids[0], Path(path))

    def reimport_document(self: MainWindow, doc_id: int, path: Path) -> None:
        """Replace a document's text by a newly ingested file (annotations re-anchor on 'replaced')."""
        self.runner.run(
            ops.reimport(doc_id, path),
            writes=True,
            label="reimport",
            on_done=lambda _: self.statusBar().showMessage(tr("reimport.done"), 5000),
        )

    # -- documents --------------------------------------------------------------------
    def open_selected(self: MainWindow) -> None:
        self.open_documents(self.library_pane.selected_ids())

    def delete_selected(self: MainWindow) -> None:
        doc_ids = self.selected_doc_ids()
        if not doc_ids:
            return
        if dialogs.ask_yes_no(self, tr("delete.title"), tr("delete.question", count=len(doc_ids))):
            self.runner.run(ops.delete_documents(doc_ids), writes=True, label="delete")

    def edit_metadata(self: MainWindow) -> None:
        doc_ids = self.selected_doc_ids()
        if len(doc_ids) != 1:
            show_message(self, tr("metadata.menu"), tr("common.select_one"))
            return
        row = self.library_pane.model.row_of(doc_ids[0])
        if row < 0:
            return
        document = self.library_pane.model.document(row)
        dialog = MetadataDialog(document, self)
        self.metadata_dialog = dialog
        dialog.accepted.connect(lambda: self._save_metadata(dialog))
        dialog.open()

    def _save_metadata(self: MainWindow, dialog: MetadataDialog) -> None:
        changes, tags = dialog.changes(), dialog.tags()
        if not changes and tags is None:
            return
        old = {name: getattr(dialog.document.meta, name) for name in changes}
        self.metadata_undo = (
            dialog.document.id,
            old,
            list(dialog.document.tags) if tags is not None else None,
        )
        self.runner.run(
            ops.update_metadata(dialog.document.id, changes, tags),
            writes=True,
            label="metadata",
            on_done=self._metadata_saved,
        )

    def _metadata_saved(self: MainWindow, document) -> None:
        self.statusBar().showMessage(tr("metadata.saved", title=document.meta.title), 5000)

    def undo_metadata(self: MainWindow) -> None:
        if self.metadata_undo is None:
            self.statusBar().showMessage(tr("metadata.nothing_to_undo"), 4000)
            return
        doc_id, fields, tags = self.metadata_undo
        self.metadata_undo = None
        self.runner.run(
            ops.update_metadata(doc_id, fields, tags),
            writes=True,
            label="metadata-undo",
            on_done=lambda d: self.statusBar().showMessage(tr("metadata.undone"), 5000),
        )

    # -- reader -----------------------------------------------------------------------
    def find_in_document(self: MainWindow) -> None:
        reader = self.current_reader()
        if reader is not None:
            reader.open_find()

    def focus_library_filter(self: MainWindow) -> None:
        self.tabs.setCurrentIndex(0)
        self.library_pane.filter_edit.setFocus()
        self.library_pane.filter_edit.selectAll()

    def copy_with_citation(self: MainWindow) -> None:
        reader = self.current_reader()
        if reader is not None and reader.copy_with_citation():
            self.statusBar().showMessage(tr("reader.copied"), 4000)

    def zoom_in(self: MainWindow) -> None:
        self._set_zoom(self.zoom + ZOOM_STEP)

    def zoom_out(self: MainWindow) -> None:
        self._set_zoom(self.zoom - ZOOM_STEP)

    def zoom_reset(self: MainWindow) -> None:
        self._set_zoom(0.0)

    def _set_zoom(self: MainWindow, zoom: float) -> None:
        self.zoom = max(-8.0, min(30.0, zoom))
        self._retypeset_readers()

    def _retypeset_readers(self: MainWindow) -> None:
        typography = reader_typography(self.settings, self.zoom)
        for reader in self.readers():
            reader.set_typography(typography)
        self.statusBar().showMessage(
            tr("status.font_size", size=f"{typography.point_size:g}"), 3000
        )

    def toggle_elder_mode(self: MainWindow) -> None:
        self.settings.set("elder_mode", self.actions["elder_mode"].isChecked())
        self.apply_settings()

    def toggle_dark_theme(self: MainWindow) -> None:
        self.settings.set("theme", "dark" if self.actions["dark_theme"].isChecked() else "light")
        self.apply_settings()

    def toggle_outline(self: MainWindow) -> None:
        visible = self.actions["toggle_outline"].isChecked()
        for reader in self.readers():
            reader.outline.setVisible(visible)

    def switch_language(self: MainWindow) -> None:
        self.settings.set("language", "en" if current_language() == "zh_CN" else "zh_CN")
        self.apply_settings()

    def open_settings(self: MainWindow) -> None:
        dialog = SettingsDialog(self.settings, self)
        self.settings_dialog = dialog
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        dialog.open()

    def _settings_accepted(self: MainWindow, dialog: SettingsDialog) -> None:
        for name, value in dialog.values().items():
            self.settings.set(name, value)
        self.apply_settings()

    def apply_settings(self: MainWindow) -> None:
        """Apply theme, UI font, language and reader typography; save the settings file."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, self.settings)
        self.actions["elder_mode"].setChecked(bool(self.settings.get("elder_mode")))
        self.actions["dark_theme"].setChecked(self.settings.get("theme") == "dark")
        language = self.settings.get("language")
        if language != current_language():
            install_qt_translator(language)
            set_language(language)
        self._retypeset_readers()
        self.settings.save()

    # -- help -------------------------------------------------------------------------
    def open_log_folder(self: MainWindow) -> None:
        if self.errors.log_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.errors.log_path).parent)))

    def show_about(self: MainWindow) -> None:
        QMessageBox.about(
            self,
            tr("about.title"),
            tr("about.text", version=__version__, library=str(self.library.path)),
        )
