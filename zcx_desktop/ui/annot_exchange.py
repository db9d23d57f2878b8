"""Menu commands that write or read files: Markdown export, layer exchange export and import."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui.annot_toolbar import swatch_icon
from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.annotations")


def export_markdown(controller: Any, path: Path | None = None) -> None:
    """Write the current document's annotations as Markdown (asks for a file unless given)."""
    window = controller.window_
    reader = window.current_reader()
    if reader is None:
        window.statusBar().showMessage(tr("annot.export.need_reader"), 5000)
        return
    if path is None:
        title = (reader.document_info.meta.title or "批注")[:40]
        chosen, _ = QFileDialog.getSaveFileName(window, tr("annot.export.md_title"), f"{title}-批注.md",
                                                tr("annot.export.md_filter"))
        if not chosen:
            return
        path = Path(chosen)
    doc_id = reader.doc_id

    def write(store: Any) -> Path:
        from zcx_desktop.core.annotations.markdown_export import document_markdown

        path.write_text(document_markdown(store, doc_id), encoding="utf-8")
        return path

    controller.lane.submit(write, lambda p: window.statusBar().showMessage(tr("annot.export.written", path=str(p)), 6000))


def export_layers(controller: Any, names: list[str] | None = None, path: Path | None = None) -> None:
    """Write the chosen layers to an exchange JSON file."""
    window = controller.window_
    if names is None:
        dialog = LayerChooser(window, controller.layers, controller.counts)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        names = dialog.chosen()
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(window, tr("annot.export.json_title"), "批注交换.json",
                                                tr("annot.export.json_filter"))
        if not chosen:
            return
        path = Path(chosen)
    target = path

    def write(store: Any) -> int:
        from zcx_desktop.core.annotations.exchange import write_export

        return write_export(store, list(names), target)

    controller.lane.submit(write, lambda count: window.statusBar().showMessage(
        tr("annot.export.json_written", count=count, path=str(target)), 6000))


def import_exchange(controller: Any, path: Path | None = None, *, show_report: bool = True) -> None:
    """Merge an exchange JSON file and show what happened (placed / fuzzy / orphaned / skipped)."""
    window = controller.window_
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, tr("annot.import.title"), "", tr("annot.export.json_filter"))
        if not chosen:
            return
        path = Path(chosen)
    source = path

    def merge(store: Any) -> Any:
        from zcx_desktop.core.annotations.exchange import import_exchange as run_import

        return run_import(store, source)

    def done(report: Any) -> None:
        controller.last_import_report = report
        controller.reload_layers()
        controller.changed.emit(_everything_changed())
        text = import_report_text(report)
        window.statusBar().showMessage(text.splitlines()[0], 8000)
        if show_report:
            QMessageBox.information(window, tr("annot.import.title"), text)

    controller.lane.submit(merge, done)


def import_report_text(report: Any) -> str:
    lines = [tr("annot.import.report", placed=report.placed, fuzzy=report.fuzzy, orphaned=report.orphaned,
                skipped=report.skipped)]
    lines.append(tr("annot.import.details", added=report.added, updated=report.updated,
                    kept=report.kept_local, conflicts=report.conflicts))
    if report.layers_created:
        lines.append(tr("annot.import.layers", names="、".join(report.layers_created)))
    if report.missing_documents:
        lines.append(tr("annot.import.missing", names="；".join(report.missing_documents[:10])))
    return "\n".join(lines)


def _everything_changed() -> Any:
    from zcx_desktop.core.annotations import ChangeSet

    return ChangeSet("导入批注", layers_changed=True)


class LayerChooser(QDialog):
    """Pick the layers to export (all checked by default)."""

    def __init__(self, parent: QWidget, layers: list, counts: dict[int, int]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("annot.export.json_title"))
        self.list = QListWidget()
        for layer in layers:
            item = QListWidgetItem(swatch_icon(layer.color),
                                   tr("annot.layers.item", name=layer.name, count=counts.get(layer.id, 0)))
            item.setData(Qt.ItemDataRole.UserRole, layer.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("annot.export.ok"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("annot.export.choose_layers")))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
