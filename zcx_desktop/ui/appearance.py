"""Fonts (bundled CJK faces), light/dark palettes and the reader's typography settings."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from zcx_desktop.paths import resources_dir
from zcx_desktop.ui.reader_text import Typography
from zcx_desktop.ui.settings import AppSettings

log = logging.getLogger("zcx.ui")

KAI_FAMILIES = ["ZCX Kai", "LXGW WenKai", "KaiTi", "楷体"]
HEI_FAMILIES = [
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "SimHei",
]
ELDER_POINT_SIZE = 22
ELDER_UI_POINT_SIZE = 15
UI_POINT_SIZE = 10.5
ZOOM_STEP = 1.0


def bundled_font_files() -> list[Path]:
    """The app's font files in resources/fonts (the same files `core.export.bundled_font_paths()`
    lists; not imported from there because that package pulls in reportlab, ~0.35 s at start-up)."""
    folder = resources_dir() / "fonts"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".ttf", ".ttc", ".otf"))


@cache
def load_bundled_fonts() -> list[str]:
    """Register the bundled fonts with Qt; returns the families now available."""
    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load bundled font %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    log.debug("bundled font families: %s", families)
    return families


def ui_font(settings: AppSettings) -> QFont:
    font = QFont()
    font.setFamilies(HEI_FAMILIES)
    font.setPointSizeF(ELDER_UI_POINT_SIZE if settings.get("elder_mode") else UI_POINT_SIZE)
    return font


def reader_typography(settings: AppSettings, zoom: float = 0.0) -> Typography:
    base = ELDER_POINT_SIZE if settings.get("elder_mode") else float(settings.get("font_size"))
    size = max(8.0, min(60.0, base + zoom))
    body = (
        KAI_FAMILIES + HEI_FAMILIES
        if settings.get("reader_font") == "kai"
        else HEI_FAMILIES + KAI_FAMILIES
    )
    return Typography(families=body, point_size=size, heading_families=HEI_FAMILIES + KAI_FAMILIES)


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: QColor(37, 39, 43),
        QPalette.ColorRole.WindowText: QColor(224, 224, 224),
        QPalette.ColorRole.Base: QColor(28, 29, 32),
        QPalette.ColorRole.AlternateBase: QColor(44, 46, 51),
        QPalette.ColorRole.Text: QColor(226, 222, 214),
        QPalette.ColorRole.Button: QColor(50, 52, 57),
        QPalette.ColorRole.ButtonText: QColor(224, 224, 224),
        QPalette.ColorRole.Highlight: QColor(70, 110, 170),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.ToolTipBase: QColor(50, 52, 57),
        QPalette.ColorRole.ToolTipText: QColor(224, 224, 224),
        QPalette.ColorRole.PlaceholderText: QColor(140, 140, 140),
        QPalette.ColorRole.Mid: QColor(120, 120, 120),
        QPalette.ColorRole.Link: QColor(120, 170, 240),
    }
    for role, color in colors.items():
        palette.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette


def light_palette() -> QPalette:
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(253, 252, 248))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(244, 242, 236))
    palette.setColor(QPalette.ColorRole.Text, QColor(30, 30, 30))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(176, 40, 40))
    return palette


def apply_appearance(app: QApplication, settings: AppSettings) -> None:
    """Fusion style, the theme palette and the UI font (called at start and after Settings)."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if settings.get("theme") == "dark" else light_palette())
    app.setFont(ui_font(settings))
