"""Library maintenance in the GUI: File-menu backup/restore/check/archives, start-up auto backup, 只读 mark.

The write lock itself is taken before the window exists (app.open_main_window →
maintenance_lock.open_library_for_gui); here the window only shows the read-only state.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from zcx_desktop.core import maintenance
from zcx_desktop.ui.i18n import tr, watch_language
from zcx_desktop.ui.maintenance_actions import ACTION_KEYS, MaintenanceController

log = logging.getLogger("zcx.ui.maintenance")

MENU = "file"
BEFORE = "action_close_tab"  # the group goes between the import actions and 关闭标签


def install(window: Any) -> None:
    """Add the maintenance actions, the read-only mark, and schedule the automatic backup."""
    window.maintenance = MaintenanceController(window)
    separator = QAction(window)
    separator.setSeparator(True)
    window.add_menu_action(MENU, separator, before=BEFORE)
    for key in ACTION_KEYS:
        window.add_menu_action(MENU, window.maintenance.actions[key], before=BEFORE)
    if window.library.read_only:
        show_read_only(window)
    else:
        schedule_auto_backup(window)


# -- read-only mark ------------------------------------------------------------------

def show_read_only(window: Any) -> None:
    """只读 in the window title and a permanent status-bar label."""
    label = QLabel()
    label.setObjectName("readOnlyIndicator")
    window.statusBar().addPermanentWidget(label)
    window.read_only_label = label

    def retitle() -> None:
        window.setWindowTitle(
            tr("app.title", library=window.library.path.name) + tr("maintenance.read_only.title_suffix")
        )
        label.setText(tr("maintenance.read_only.label"))
        label.setToolTip(tr("maintenance.read_only.tooltip"))

    retitle()
    watch_language(window, retitle)  # runs after MainWindow.retranslate has reset the title


# -- automatic backup --------------------------------------------------------------------

def schedule_auto_backup(window: Any) -> None:
    """Once the first document list is shown, back up in the background (never blocks start-up)."""
    if window.is_ready:
        start_auto_backup(window)
    else:
        window.ready.connect(lambda: start_auto_backup(window))


def start_auto_backup(window: Any) -> None:
    window.runner.run(
        lambda library, job: maintenance.auto_backup(library),
        on_done=_auto_backup_done,
        on_failed=lambda failure: _auto_backup_failed(window, failure),
        label="auto-backup",
    )


def _auto_backup_done(made) -> None:
    if made is None:
        log.info("automatic backup skipped: the newest backup is less than a day old")
    else:
        log.info("automatic backup written to %s", made)


def _auto_backup_failed(window: Any, failure) -> None:
    log.warning("automatic backup failed: %s", failure.error)
    window.statusBar().showMessage(tr("maintenance.auto_backup.failed", error=str(failure.error)), 15000)
