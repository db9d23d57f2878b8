"""Render packaging/linux/zcx-desktop.svg to PNGs (16–512 px) and a Windows .ico, with Qt offscreen.

Usage: python packaging/linux/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (Qt needs it alive)
    renderer = QSvgRenderer(str(Path(__file__).with_name("zcx-desktop.svg")))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"zcx-desktop-{size}.png"))
        if size == 256:
            image.save(str(out / "zcx-desktop.ico"))
    sys.stdout.write(f"icons written to {out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
