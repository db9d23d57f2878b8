"""Edit a document's metadata (every extracted field plus tags)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.model import METADATA_FIELDS, Document
from zcx_desktop.ui.i18n import tr


def split_tags(text: str) -> list[str]:
    """Tags typed as 'a，b; c' → ['a', 'b', 'c']."""
    for separator in "，、;；":
        text = text.replace(separator, ",")
    return sorted({t.strip() for t in text.split(",") if t.strip()})


class MetadataDialog(QDialog):
    """A form with one line per field; `changes()` returns only what the user changed."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataDialog")
        self.document = document
        self.setWindowTitle(
            tr("metadata.title", title=document.meta.title or document.original_name)
        )
        self.resize(620, 0)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in METADATA_FIELDS:
            edit = QLineEdit(getattr(document.meta, name))
            edit.setObjectName(f"field_{name}")
            edit.setPlaceholderText(tr(f"field.{name}.hint"))
            form.addRow(tr(f"field.{name}"), edit)
            self.edits[name] = edit
        self.tags_edit = QLineEdit("，".join(document.tags))
        self.tags_edit.setObjectName("field_tags")
        self.tags_edit.setPlaceholderText(tr("field.tags.hint"))
        form.addRow(tr("field.tags"), self.tags_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("common.save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str]:
        return {
            name: edit.text().strip()
            for name, edit in self.edits.items()
            if edit.text().strip() != getattr(self.document.meta, name)
        }

    def tags(self) -> list[str] | None:
        """The new tag list, or None when unchanged."""
        tags = split_tags(self.tags_edit.text())
        return None if tags == sorted(self.document.tags) else tags
