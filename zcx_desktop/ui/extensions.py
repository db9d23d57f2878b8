"""Discovers GUI extensions: every module `zcx_desktop/ui/ext_<area>.py` exposing `install(window)`.

An area (search, annotations, compare, targets, briefs) adds its panels, menu actions and
reader layers there through the MainWindow extension points, without editing shared files.
A failing extension is logged and skipped; the app still starts.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from typing import Any

import zcx_desktop.ui as ui_package

log = logging.getLogger("zcx.ui")


def extension_modules() -> list[str]:
    return sorted(
        f"{ui_package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(ui_package.__path__)
        if info.name.startswith("ext_")
    )


def install_extensions(window: Any, only: list[str] | None = None) -> list[str]:
    """Install every extension (or those named in `only`) into `window`; returns those installed."""
    installed: list[str] = []
    for name in extension_modules():
        if only is not None and name not in only:
            continue
        try:
            module = importlib.import_module(name)
            module.install(window)
        except Exception:  # an optional view must never stop the app
            log.exception("GUI extension %s failed to install", name)
            continue
        installed.append(name)
    return installed
