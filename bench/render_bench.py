"""Reader rendering benchmark: a 30,000-character document with 500 annotations, open + overlay.

Usage: QT_QPA_PLATFORM=offscreen python bench/render_bench.py [--runs 7] [--json bench/render_results.json]

Builds a temp library holding one ~30,000-character document made from the sample corpus,
adds 500 annotations over three layers (80 % highlights, 20 % underline/strike, many
overlapping), then times, per run: building the reader tab (typesetting), loading the
annotations from the store, applying the overlay (view layers + line marks) and painting
the first screen. Budget: open + overlay <= 150 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_MS = 150.0
TARGET_CHARS = 30_000
RAW_CHARS = 34_000  # the clean text is a little shorter than the raw files
ANNOTATIONS = 500


def build_text() -> str:
    from zcx_desktop.paths import sample_dir

    parts, total = [], 0
    for path in sorted(sample_dir().glob("*.txt")) * 10:
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        total += len(text)
        if total >= RAW_CHARS:
            break
    return "\n".join(parts)[:RAW_CHARS]


def populate(lib, doc_id: int, length: int, seed: int = 5) -> None:
    from zcx_desktop.core.annotations import annotation_store

    store = annotation_store(lib)
    layers = store.layers()[:3]
    rng = random.Random(seed)
    for number in range(ANNOTATIONS):
        start = rng.randrange(0, length - 60)
        end = start + rng.randint(4, 50)
        style = "highlight" if number % 5 else rng.choice(["underline", "strike"])
        store.annotate(doc_id, start, end, layer_id=layers[number % len(layers)].id, style=style)


def measure_once(lib, doc_id: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from zcx_desktop.core.annotations import annotation_store
    from zcx_desktop.ui.annot_overlay import LineOverlay, apply_overlay
    from zcx_desktop.ui.appearance import reader_typography
    from zcx_desktop.ui.reader import ReaderWidget
    from zcx_desktop.ui.settings import AppSettings

    store = annotation_store(lib)
    settings = AppSettings(Path(tempfile.mkdtemp()) / "settings.json")
    t0 = time.perf_counter()
    document, clauses = lib.get_document(doc_id), lib.get_clauses(doc_id)
    reader = ReaderWidget(document, clauses, reader_typography(settings, 0.0))
    reader.resize(1000, 760)
    reader.show()
    t1 = time.perf_counter()
    annotations, layers = store.for_document(doc_id), store.layers()
    t2 = time.perf_counter()
    overlay = LineOverlay(reader.view)
    apply_overlay(reader.view, annotations, layers, overlay)
    t3 = time.perf_counter()
    QApplication.processEvents()
    reader.view.viewport().grab()
    t4 = time.perf_counter()
    reader.close()
    reader.deleteLater()
    QApplication.processEvents()
    return {"open_ms": (t1 - t0) * 1000, "load_ms": (t2 - t1) * 1000, "overlay_ms": (t3 - t2) * 1000,
            "paint_ms": (t4 - t3) * 1000, "total_ms": (t4 - t0) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("render_results.json"))
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from zcx_desktop.core.session import open_session
    from zcx_desktop.ui.appearance import load_bundled_fonts
    from zcx_desktop.ui.qtcompat import pin_singletons

    pin_singletons()  # PySide6 6.12 emit/refcount work-around, as the app does at start-up
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_bundled_fonts()
    with tempfile.TemporaryDirectory() as folder:
        lib = open_session(Path(folder) / "lib")
        text = build_text()
        doc_id = lib.import_text(text, title="渲染基准文档").doc_id
        length = len(lib.get_text(doc_id))
        populate(lib, doc_id, length)
        measure_once(lib, doc_id)  # warm-up (fonts, caches)
        runs = [measure_once(lib, doc_id) for _ in range(args.runs)]
        lib.close()
    keys = ("open_ms", "load_ms", "overlay_ms", "paint_ms", "total_ms")
    medians = {k: round(statistics.median(r[k] for r in runs), 1) for k in keys}
    worst = {k: round(max(r[k] for r in runs), 1) for k in keys}
    open_overlay = medians["open_ms"] + medians["load_ms"] + medians["overlay_ms"]
    result = {
        "characters": length, "annotations": ANNOTATIONS, "runs": args.runs, "median": medians, "max": worst,
        "open_plus_overlay_ms": round(open_overlay, 1), "budget_ms": BUDGET_MS,
        "within_budget": open_overlay <= BUDGET_MS, "qt_platform": app.platformName(),
    }
    print(f"{length} characters, {ANNOTATIONS} annotations, {args.runs} runs ({app.platformName()})")
    print(f"{'step':<12}{'median ms':>12}{'max ms':>10}")
    for key in keys:
        print(f"{key[:-3]:<12}{medians[key]:>12.1f}{worst[key]:>10.1f}")
    print(f"open + load + overlay: {open_overlay:.1f} ms (budget {BUDGET_MS:.0f} ms) -> "
          f"{'OK' if result['within_budget'] else 'OVER BUDGET'}")
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
