"""GUI entry point: `python main.py [--library DIR] [--sample]` and the `zcx-desktop` command."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_path

from zcx_desktop import __version__
from zcx_desktop.paths import APP_NAME, resolve_library_dir

_STARTED = time.perf_counter()
log = logging.getLogger("zcx.ui")

LOG_FILE_NAME = "zcx-desktop.log"
READY_PROBE_ENV = "ZCX_EXIT_WHEN_READY"  # bench: print seconds-to-ready and quit


def log_dir() -> Path:
    """Log files go to the data dir: e.g. ~/.local/share/zcx-desktop/logs."""
    return user_data_path(APP_NAME, appauthor=False) / "logs"


def configure_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data dir (and warnings to stderr); returns the file path."""
    path = log_dir() / LOG_FILE_NAME
    root = logging.getLogger("zcx")
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    root.addHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(formatter)
    root.addHandler(console)
    return path


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="zcx-desktop", description="ZCX Desktop 政策阅读批注")
    parser.add_argument(
        "--library", metavar="DIR", help="文库目录（默认：$ZCX_LIBRARY 或用户数据目录）"
    )
    parser.add_argument("--sample", action="store_true", help="启动时导入内置示例文库")
    parser.add_argument("--read-only", action="store_true", help="以只读方式打开文库（不加写锁）")
    parser.add_argument("--version", action="version", version=__version__)
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Start the application; returns the exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log_path = configure_logging()
    from PySide6.QtWidgets import QApplication

    from zcx_desktop.ui.appearance import apply_appearance, load_bundled_fonts
    from zcx_desktop.ui.errors import ErrorHandler, install_excepthook
    from zcx_desktop.ui.i18n import install_qt_translator, set_language
    from zcx_desktop.ui.qtcompat import pin_singletons
    from zcx_desktop.ui.settings import AppSettings

    pin_singletons()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("ZCX Desktop")
    app.setApplicationVersion(__version__)
    load_bundled_fonts()
    settings = AppSettings.load()
    apply_appearance(app, settings)
    set_language(settings.get("language"))
    install_qt_translator(settings.get("language"))
    errors = ErrorHandler(str(log_path))
    install_excepthook(errors)
    window = open_main_window(
        resolve_library_dir(args.library), settings, errors, args.sample, read_only=args.read_only
    )
    if window is None:
        return 1
    app.aboutToQuit.connect(lambda: release_library_lock(window))
    if os.environ.get(READY_PROBE_ENV):
        # With --sample on an empty library, "ready" means the sample import has finished.
        waits_for_sample = args.sample and not window.library.document_ids()
        done = window.importer.finished if waits_for_sample else window.ready
        done.connect(lambda *_: _report_ready_and_quit(app, window))
    return app.exec()


def open_main_window(
    library_dir: Path, settings, errors, import_sample: bool, *, read_only: bool = False
):
    """Lock and open the library, show the main window (None when it cannot or should not open).

    Another live instance holding the library's lock → the user chooses 只读打开 or 退出
    (see maintenance_lock). The lock is kept as `window.library_lock` until the app quits.
    """
    from zcx_desktop.core.errors import KnownError
    from zcx_desktop.ui.errors import show_known_error
    from zcx_desktop.ui.extensions import install_extensions
    from zcx_desktop.ui.main_window import MainWindow
    from zcx_desktop.ui.maintenance_lock import open_library_for_gui

    try:
        opened = open_library_for_gui(library_dir, read_only=read_only)
    except KnownError as err:
        box = show_known_error(None, err)
        box.exec()
        return None
    if opened is None:
        log.info("library %s in use; the user chose to quit", library_dir)
        return None
    log.info("library %s opened%s", library_dir, " read-only" if opened.read_only else "")
    window = MainWindow(opened.library, settings, errors, import_sample=import_sample)
    window.library_lock = opened.lock
    install_extensions(window)
    window.restore_window_state()
    window.show()
    return window


def release_library_lock(window) -> None:
    """Give up the library's write lock (at quit; harmless when none is held)."""
    lock = getattr(window, "library_lock", None)
    if lock is not None:
        lock.release()


def _report_ready_and_quit(app, window) -> None:
    sys.stdout.write(f"ready {time.perf_counter() - _STARTED:.4f}\n")
    sys.stdout.flush()
    window.close()
    app.quit()
