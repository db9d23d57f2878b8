"""Small question dialogs in one place (tests replace `ask_yes_no` to answer automatically)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from zcx_desktop.ui.i18n import tr


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question with translated buttons (blocking, like every confirmation)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(tr("common.yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(tr("common.no"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
