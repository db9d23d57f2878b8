"""Import benchmark: N synthetic ~25 KB documents into a fresh library (no search indexing).

Usage: python bench/import_bench.py [--count 1000] [--json bench/import_results.json]
Prints a table (documents/s, MB/s, peak RSS) and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_documents  # noqa: E402

from zcx_desktop.core.library import Library  # noqa: E402
from zcx_desktop.core.session import open_session  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(count: int, with_search: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="zcx-import-bench-") as tmp:
        files = write_documents(Path(tmp) / "docs", count)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        rss_before = peak_rss_mb()
        if with_search:  # the full app: search index (and annotations) attached and updated
            library = open_session(Path(tmp) / "lib")
        else:  # plain library: no search index attached
            library = Library.open(Path(tmp) / "lib")
        started = time.perf_counter()
        results = library.import_paths(files)
        seconds = time.perf_counter() - started
        failed = [r.error for r in results if not r.ok]
        clauses = library.connect().execute("SELECT count(*) FROM clauses").fetchone()[0]
        library.close()
    return {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}",
        "search_index": with_search,
        "documents": count,
        "megabytes": round(megabytes, 1),
        "seconds": round(seconds, 2),
        "docs_per_s": round(count / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 2),
        "clauses": clauses,
        "failed": len(failed),
        "peak_rss_mb_before": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--with-search", action="store_true", help="also build the search index")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    result = run(args.count, args.with_search)
    default_name = "import_search_results.json" if args.with_search else "import_results.json"
    args.json = args.json or str(Path(__file__).parent / default_name)
    print(f"search index: {'yes' if args.with_search else 'no'}")
    print("| documents | MB | seconds | docs/s | MB/s | clauses | failed | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {result['documents']} | {result['megabytes']} | {result['seconds']} | "
        f"{result['docs_per_s']} | {result['mb_per_s']} | {result['clauses']} | "
        f"{result['failed']} | {result['peak_rss_mb']} |"
    )
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if result["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
