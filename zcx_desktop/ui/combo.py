"""Small combo-box helper shared by filter bars."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox


def refill_combo(combo: QComboBox, all_text: str, entries: list[tuple[str, Any]]) -> None:
    """Replace the items by "all" + `entries` (text, data), keeping the current choice when it remains."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for text, data in entries:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
