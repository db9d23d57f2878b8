"""GUI start-up and document-open benchmark (targets: ready ≤ 1.5 s, 30,000-char open ≤ 150 ms).

    python bench/startup_bench.py [--runs 5] [--json OUT.json]

1. start-up: launches `python main.py --library DIR` (offscreen unless $DISPLAY is set) on a
   library holding the sample documents, and times from process start to the first
   document list shown in the window (the app prints "ready" and exits when
   ZCX_EXIT_WHEN_READY is set).
2. open: in-process, times `MainWindow.open_document` → reader shown (background load +
   typesetting) for a 30,000-character document built from the sample corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_START_S = 1.5
TARGET_OPEN_MS = 150.0
DOC_CHARS = 30_000


def sandbox_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "ZCX_CONFIG_DIR": str(root / "config"),
            "XDG_DATA_HOME": str(root / "data"),
            "XDG_CONFIG_HOME": str(root / "config"),
            "ZCX_EXIT_WHEN_READY": "1",
        }
    )
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def prepare_sample_library(path: Path) -> None:
    from zcx_desktop.core.sample import import_sample_library
    from zcx_desktop.core.session import open_session

    library = open_session(path)
    import_sample_library(library)
    library.close()


def time_startup(library_dir: Path, env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), "--library", str(library_dir)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("ready"):
                times.append(time.perf_counter() - started)
                break
        process.wait(timeout=30)
    return times


def long_document_text() -> str:
    """A real-looking 30,000-character policy text: the sample documents, repeated as needed."""
    parts: list[str] = []
    files = sorted((REPO / "resources" / "sample").glob("*.txt"))
    while sum(len(p) for p in parts) < DOC_CHARS:
        for file in files:
            parts.append(file.read_text(encoding="utf-8"))
    return "\n".join(parts)


def time_open(root: Path, runs: int) -> tuple[list[float], int, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZCX_CONFIG_DIR"] = str(root / "config")
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from zcx_desktop.core.session import open_session
    from zcx_desktop.ui.appearance import load_bundled_fonts
    from zcx_desktop.ui.errors import ErrorHandler
    from zcx_desktop.ui.main_window import MainWindow
    from zcx_desktop.ui.qtcompat import pin_singletons
    from zcx_desktop.ui.settings import AppSettings

    pin_singletons()
    _app = QApplication.instance() or QApplication([])  # kept alive while the window runs
    load_bundled_fonts()
    library = open_session(root / "open-lib")
    result = library.import_text(long_document_text()[: DOC_CHARS + 2000], title="基准测试长文档")
    doc_id = result.doc_id
    chars = len(library.get_text(doc_id))
    clauses = len(library.get_clauses(doc_id))
    window = MainWindow(
        library, AppSettings(root / "config" / "settings.json"), ErrorHandler(), offer_sample=False
    )
    window.resize(1400, 900)
    window.show()
    times = []
    for _ in range(runs + 1):
        loop = QEventLoop()
        window.reader_opened.connect(loop.quit)
        QTimer.singleShot(10000, loop.quit)
        started = time.perf_counter()
        window.open_document(doc_id)
        loop.exec()
        window.reader_opened.disconnect(loop.quit)
        times.append((time.perf_counter() - started) * 1000)
        window.close_current_tab()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    library.close()
    return times[1:], chars, clauses  # first run warms Python imports and font caches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--json", type=Path, default=Path(tempfile.gettempdir()) / "zcx_startup_bench.json"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zcx-bench-") as temp:
        root = Path(temp)
        prepare_sample_library(root / "lib")
        startup = time_startup(root / "lib", sandbox_env(root), args.runs)
        opening, chars, clauses = time_open(root, args.runs)
    report = {
        "startup_s": {
            "median": statistics.median(startup),
            "min": min(startup),
            "max": max(startup),
            "runs": startup,
            "target": TARGET_START_S,
        },
        "open_ms": {
            "median": statistics.median(opening),
            "min": min(opening),
            "max": max(opening),
            "runs": opening,
            "target": TARGET_OPEN_MS,
            "chars": chars,
            "clauses": clauses,
        },
        "platform": os.environ.get("QT_QPA_PLATFORM", "xcb"),
        "python": sys.version.split()[0],
    }
    rows = [
        ("start-up to usable window (s)", report["startup_s"], "{:.3f}"),
        (f"open {chars:,}-char document (ms)", report["open_ms"], "{:.1f}"),
    ]
    print(f"{'measure':38} {'median':>9} {'min':>9} {'max':>9} {'target':>8}  ok")
    for name, data, fmt in rows:
        ok = "yes" if data["median"] <= data["target"] else "NO"
        cells = [fmt.format(data[k]) for k in ("median", "min", "max", "target")]
        print(f"{name:38} {cells[0]:>9} {cells[1]:>9} {cells[2]:>9} {cells[3]:>8}  {ok}")
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"wrote {args.json}")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None and hasattr(app, "shutdown"):  # orderly teardown before the interpreter's
        app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
