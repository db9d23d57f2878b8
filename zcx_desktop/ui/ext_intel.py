"""Policy intelligence in the GUI: 指标汇总 / 指标图表 / 责任矩阵 window and the 引用 dock.

Tools menu: 指标汇总 (Ctrl+Shift+I), 指标图表, 责任矩阵 (Ctrl+Shift+U); View menu: 引用关系
panel (Ctrl+Shift+J). The window is created on first use so start-up stays fast.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from zcx_desktop.ui.i18n import language_signal, tr

log = logging.getLogger("zcx.ui.intel")

ACTIONS = (("targets", "Ctrl+Shift+I"), ("chart", ""), ("matrix", "Ctrl+Shift+U"))
CITES_SHORTCUT = "Ctrl+Shift+J"


class IntelActions(QObject):
    """Owns the menu actions and creates the intelligence window on demand (child of the window)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.intel_window = None
        self.actions: dict[str, QAction] = {}
        for key, shortcut in ACTIONS:
            action = QAction(window)
            action.setObjectName(f"action_intel_{key}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, k=key: self.show(k))
            window.add_menu_action("tools", action)
            self.actions[key] = action
        self.selected_action = QAction(window)
        self.selected_action.setObjectName("action_intel_selected")
        self.selected_action.triggered.connect(lambda _checked=False: self.show_selected())
        window.library_pane.add_context_action(self.selected_action)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        for key, action in self.actions.items():
            action.setText(tr(f"intel.action.{key}"))
        self.selected_action.setText(tr("intel.action.selected"))

    def ensure_window(self):
        if self.intel_window is None:
            from zcx_desktop.ui.intel_window import IntelWindow

            self.intel_window = IntelWindow(self.window_)
        return self.intel_window

    def show(self, key: str):
        """Open the intelligence window on tab `key` (targets | chart | matrix)."""
        intel = self.ensure_window()
        intel.show_tab(key)
        return intel


    def show_selected(self):
        """The targets of the documents selected in the library (context menu)."""
        intel = self.ensure_window()
        intel.scope_combo.setCurrentIndex(1)
        intel.show_tab("targets")
        return intel


class LazyCitationsPanel(QWidget):
    """The 引用 dock's widget: builds the real CitationsPanel (and imports core.extract) when
    first shown or first asked for one of its attributes, so start-up does not pay for it."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.setObjectName("intelCitationsHolder")
        self.window_ = window
        self._panel: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def panel(self) -> Any:
        if self._panel is None:
            from zcx_desktop.ui.intel_citations import CitationsPanel

            self._panel = CitationsPanel(self.window_)
            self.layout().addWidget(self._panel)
        return self._panel

    def showEvent(self, event) -> None:
        self.panel().show()
        super().showEvent(event)

    def __getattr__(self, name: str) -> Any:  # only reached for names the holder lacks
        if name.startswith("_") or name == "window_":
            raise AttributeError(name)
        return getattr(self.panel(), name)


def install(window: Any) -> None:
    """Add the intelligence actions and the citations dock (skipped without the extract package)."""
    if importlib.util.find_spec("zcx_desktop.core.extract") is None:
        log.info("extract package not available; no intelligence views")
        return
    window.intel = IntelActions(window)
    panel = LazyCitationsPanel(window)
    dock = window.add_panel("intel_cites", panel, "intel.cites.panel", Qt.DockWidgetArea.RightDockWidgetArea,
                            CITES_SHORTCUT)
    dock.hide()
    window.intel_citations = panel
