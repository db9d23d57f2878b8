"""Kill benchmark: 100 SIGKILLs of a busy writer (imports, annotations, notes, tags).

Usage: python bench/kill_bench.py [--kills 100] [--json /tmp/kill_results.json]
After every kill the library must open, pass PRAGMA integrity_check, hold every acknowledged
write and answer searches (rebuilding its index when needed). Prints a summary table.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.core.test_killsafety import kill_rounds


def run(kills: int, seed: int, window: tuple[float, float]) -> dict:
    started = time.perf_counter()
    rebuilds: Counter[str] = Counter()
    acked_per_round = []
    with tempfile.TemporaryDirectory(prefix="zcx-kill-bench-") as tmp:
        for number, kill_after, acked, rebuilt in kill_rounds(Path(tmp) / "lib", kills, seed, window):
            acked_per_round.append(acked)
            if rebuilt:
                rebuilds[rebuilt] += 1
            print(f"kill {number + 1:3d} after {kill_after:4.2f} s: {acked:4d} acknowledged writes ok"
                  + (f", index rebuilt ({rebuilt})" if rebuilt else ""), file=sys.stderr)
        ledger = kill_rounds.ledger  # type: ignore[attr-defined]
        return {
            "date": date.today().isoformat(),
            "machine": f"{platform.machine()}, Python {platform.python_version()}",
            "kills": kills,
            "kill_window_s": list(window),
            "failures": 0,
            "acknowledged_writes": ledger.writes,
            "documents": len(ledger.docs),
            "annotations": len(ledger.annotations),
            "index_rebuilds": dict(rebuilds),
            "seconds": round(time.perf_counter() - started, 1),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--window", type=float, nargs=2, default=(0.5, 4.0), metavar=("MIN", "MAX"),
                        help="kill each writer this many seconds after its start (uniform)")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    result = run(args.kills, args.seed, tuple(args.window))  # any lost write raises AssertionError with details
    print("| kills | failures | acknowledged writes | documents | annotations | index rebuilds | seconds |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {result['kills']} | 0 | {result['acknowledged_writes']} | {result['documents']} | "
          f"{result['annotations']} | {sum(result['index_rebuilds'].values())} | {result['seconds']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
