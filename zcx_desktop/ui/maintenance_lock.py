"""Single writer in the GUI: lock the library at start-up, or offer read-only when another instance holds it.

    opened = open_library_for_gui(library_dir)      # None when the user chose 退出
    opened.library, opened.lock                     # lock is None in read-only mode

The "library in use" question can be answered without a dialog through the environment
variable ZCX_IF_LIBRARY_BUSY=read-only|quit (scripts, end-to-end tests); unit tests replace
`ask_library_in_use`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from zcx_desktop.core.errors import LibraryError
from zcx_desktop.core.library import Library
from zcx_desktop.core.lock import LibraryInUse, LibraryLock
from zcx_desktop.core.session import open_session
from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.maintenance")

BUSY_ANSWER_ENV = "ZCX_IF_LIBRARY_BUSY"


@dataclass
class OpenedLibrary:
    """A library opened for the GUI with the write lock it holds (None when read-only)."""

    library: Library
    lock: LibraryLock | None

    @property
    def read_only(self) -> bool:
        return self.library.read_only


def open_library_for_gui(
    library_dir: Path, *, read_only: bool = False, parent: QWidget | None = None
) -> OpenedLibrary | None:
    """Take the write lock and open the library; when it is busy ask 只读打开 / 退出 (None = quit).

    Errors of opening the library itself (KnownError) are raised for the caller to show.
    """
    library_dir = Path(library_dir)
    if read_only:
        return _open_read_only(library_dir)
    lock = LibraryLock(library_dir)
    try:
        lock.acquire()
    except LibraryError as busy:  # LibraryInUse, or the lock file cannot be written (read-only disk)
        log.warning("library %s not writable here: %s", library_dir, busy)
        if not choose_read_only(parent, busy):
            return None
        return _open_read_only(library_dir)
    try:
        library = open_session(library_dir)
    except BaseException:
        lock.release()
        raise
    return OpenedLibrary(library, lock)


def _open_read_only(library_dir: Path) -> OpenedLibrary:
    library = open_session(library_dir, create=False, read_only=True)
    log.info("library %s opened read-only", library_dir)
    return OpenedLibrary(library, None)


def choose_read_only(parent: QWidget | None, busy: LibraryError) -> bool:
    """True to open read-only, False to quit (the environment variable answers first)."""
    answer = os.environ.get(BUSY_ANSWER_ENV, "").strip().lower()
    if answer in ("read-only", "readonly", "ro"):
        return True
    if answer == "quit":
        return False
    return ask_library_in_use(parent, busy_message(busy))


def busy_message(busy: LibraryError) -> str:
    """The question's text: who holds the library (when known) and the two choices."""
    if isinstance(busy, LibraryInUse):
        who = busy.holder.describe() if busy.holder else tr("maintenance.in_use.unknown_holder")
        return tr("maintenance.in_use.text", path=str(busy.path), who=who)
    return tr("maintenance.not_writable.text", error=str(busy))


def ask_library_in_use(parent: QWidget | None, text: str) -> bool:
    """Blocking question with the buttons 只读打开 and 退出; True means read-only."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("maintenance.in_use.title"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("libraryInUseBox")
    read_only = box.addButton(tr("maintenance.in_use.read_only"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(tr("maintenance.in_use.quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is read_only
