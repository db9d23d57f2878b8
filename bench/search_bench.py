"""Search benchmark (issue 3): our search (Whoosh document index + exact clause matching) vs SQLite FTS5 trigram.

Builds synthetic libraries (documents of ~25 KB recombined from the corpus by bench/synth.py),
then reports for both engines: indexing MB/s, index size, query p50/p95 over >= 200 queries
(2-character words, 4-character words, long phrases, two-term AND) with top-10 snippets,
cold start (fresh process to first result) and recall against substring ground truth.
Prints a table and writes bench/search_results.json.

    /tmp/venv/bin/python bench/search_bench.py [--docs 1000 5000] [--queries 240]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import corpus_paragraphs, make_document  # noqa: E402

from zcx_desktop.core.library import Library  # noqa: E402
from zcx_desktop.core.search import SearchIndex  # noqa: E402
from zcx_desktop.core.search.analysis import fold  # noqa: E402
from zcx_desktop.core.search.texts import ClauseRow, build_doc_text  # noqa: E402

RESULTS = REPO / "bench" / "search_results.json"
HAN = re.compile(r"[\u4e00-\u9fff]+")
WORDS2 = ["创新", "发展", "企业", "人才", "金融", "平台", "研发", "园区", "专利", "投资", "科技", "产业"]


def build_library(folder: Path, count: int) -> Library:
    lib = Library.open(folder)
    paragraphs = corpus_paragraphs()
    started = time.perf_counter()
    for number in range(1, count + 1):
        result = lib.import_text(make_document(number, paragraphs, 25_000, seed=3), title="")
        if not result.ok:
            raise RuntimeError(result.error)
    print(f"  imported {count} docs in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return lib


def all_entries(lib: Library) -> dict[int, list[tuple[str, str]]]:
    """doc_id -> [(clause_path, region text)]: each clause's own text and the text outside clauses."""
    out = {}
    for doc in lib.list_documents():
        text = lib.get_text(doc.id)
        rows = [ClauseRow(c.index, c.path, c.heading, c.start, c.body_end) for c in lib.get_clauses(doc.id)]
        regions = build_doc_text(doc.id, text, rows).regions
        out[doc.id] = [(r.path, r.text_of(text)) for r in regions]
    return out


def make_queries(entries: dict[int, list[tuple[str, str]]], count: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """(kind, needles) mixing 2-char words, 4-char words, long phrases and two-term ANDs."""
    texts = [t for doc in entries.values() for _, t in doc if len(t) > 40]
    runs = [r for t in rng.sample(texts, min(len(texts), 3000)) for r in HAN.findall(t) if len(r) >= 4]

    def han_piece(length: int) -> str:
        while True:
            run = rng.choice(runs)
            if len(run) >= length:
                start = rng.randrange(len(run) - length + 1)
                return run[start : start + length]

    def long_phrase() -> str:
        while True:
            text = rng.choice(texts)
            length = rng.randint(8, 16)
            if len(text) > length + 2:
                start = rng.randrange(len(text) - length)
                piece = text[start : start + length].strip()
                if '"' not in piece and "\n" not in piece and len(piece) >= 8:
                    return piece

    per = count // 4
    queries = [("2-char", [rng.choice(WORDS2) if i % 2 else han_piece(2)]) for i in range(per)]
    queries += [("4-char", [han_piece(4)]) for _ in range(per)]
    queries += [("long", [long_phrase()]) for _ in range(per)]
    queries += [("and", [han_piece(2), han_piece(4)]) for _ in range(count - 3 * per)]
    return queries


def ground_truth(folded_entries: dict[int, list[str]], needles: list[str]) -> set[int]:
    """Documents with an entry (clause or outside-clause text) containing every needle."""
    folded = [fold(n) for n in needles]
    return {
        doc_id
        for doc_id, texts in folded_entries.items()
        if any(all(n in text for n in folded) for text in texts)
    }


def our_query(needles: list[str]) -> str:
    return " ".join(f'"{n}"' for n in needles)


def fts_build(entries: dict[int, list[tuple[str, str]]], path: Path) -> tuple[sqlite3.Connection, float]:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(doc_id UNINDEXED, clause_path UNINDEXED, text, tokenize='trigram')")
    started = time.perf_counter()
    with conn:
        for doc_id, doc_entries in entries.items():
            conn.executemany("INSERT INTO fts VALUES (?, ?, ?)", [(doc_id, p, t) for p, t in doc_entries])
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    conn.commit()
    return conn, time.perf_counter() - started


def fts_condition(needles: list[str]) -> tuple[str, list[str]]:
    """MATCH for needles of >= 3 characters; shorter ones need a scan (trigram cannot index them)."""
    long = [n for n in needles if len(n) >= 3]
    short = [n for n in needles if len(n) < 3]
    where, params = [], []
    if long:
        where.append("fts MATCH ?")
        params.append(" AND ".join('"' + n.replace('"', '""') + '"' for n in long))
    for n in short:
        where.append("instr(lower(text), ?) > 0")
        params.append(n.lower())
    return " AND ".join(where), params


def fts_search(conn: sqlite3.Connection, needles: list[str]) -> tuple[set[int], list[Any]]:
    where, params = fts_condition(needles)
    docs = {r[0] for r in conn.execute(f"SELECT DISTINCT doc_id FROM fts WHERE {where}", params)}
    order = "ORDER BY rank" if any(len(n) >= 3 for n in needles) else ""
    top = conn.execute(
        f"SELECT doc_id, clause_path, snippet(fts, 2, '【', '】', '…', 24) FROM fts WHERE {where} {order} LIMIT 10",
        params,
    ).fetchall()
    return docs, top


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Whoosh's indexing processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def cold_start(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True)
    return time.perf_counter() - started


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def run_size(count: int, query_count: int, work: Path) -> dict[str, Any]:
    print(f"== {count} documents", file=sys.stderr)
    lib = build_library(work / f"lib{count}", count)
    entries = all_entries(lib)
    text_mb = sum(len(t.encode("utf-8")) for doc in entries.values() for _, t in doc) / 1e6
    index = SearchIndex(lib)
    cpu_before = cpu_seconds()
    report = index.rebuild()
    rebuild_cpu = cpu_seconds() - cpu_before
    print(f"  whoosh rebuild {report.to_json()} cpu {rebuild_cpu:.1f}s", file=sys.stderr)
    fts_path = work / f"fts{count}.sqlite"
    fts, fts_seconds = fts_build(entries, fts_path)
    queries = make_queries(entries, query_count, random.Random(count))
    ours: dict[str, list[float]] = {}
    theirs: dict[str, list[float]] = {}
    ours_cpu: list[float] = []
    theirs_cpu: list[float] = []
    recall = {"ours_missed": 0, "ours_extra": 0, "fts_missed": 0, "fts_extra": 0, "expected_docs": 0}
    index.search("创新", limit=10)  # warm caches like a running app
    folded_entries = {d: [fold(t) for _, t in doc] for d, doc in entries.items()}
    for kind, needles in queries:
        truth = ground_truth(folded_entries, needles)
        started, cpu = time.perf_counter(), time.process_time()
        results = index.search(our_query(needles), limit=10, per_doc=1)
        ours.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        ours_cpu.append((time.process_time() - cpu) * 1000)
        got = set(results.all_doc_ids)
        started, cpu = time.perf_counter(), time.process_time()
        fts_docs, _ = fts_search(fts, needles)
        theirs.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        theirs_cpu.append((time.process_time() - cpu) * 1000)
        recall["expected_docs"] += len(truth)
        recall["ours_missed"] += len(truth - got)
        recall["ours_extra"] += len(got - truth)
        recall["fts_missed"] += len(truth - fts_docs)
        recall["fts_extra"] += len(fts_docs - truth)
    lib_dir = work / f"lib{count}"
    index.close()
    cold_ours = cold_start(
        "from pathlib import Path; from zcx_desktop.core.session import open_session;"
        "from zcx_desktop.core.search import index_for;"
        f"lib = open_session(Path({str(lib_dir)!r})); print(index_for(lib).search('研发投入', limit=10).total_docs)"
    )
    cold_fts = cold_start(
        f"import sqlite3; c = sqlite3.connect({str(fts_path)!r});"
        "print(c.execute(\"SELECT doc_id, snippet(fts, 2, '[', ']', '…', 24) FROM fts WHERE fts MATCH '\\\"研发投入\\\"' ORDER BY rank LIMIT 10\").fetchall()[:1])"
    )
    fts.close()
    all_ours = [v for vs in ours.values() for v in vs]
    all_fts = [v for vs in theirs.values() for v in vs]
    expected = max(1, recall["expected_docs"])
    return {
        "documents": count,
        "load_average_at_end": os.getloadavg(),
        "text_mb": round(text_mb, 2),
        "queries": len(queries),
        "whoosh": {
            "index_seconds": round(report.seconds, 2),
            "index_mb_per_s": round(report.megabytes / report.seconds, 2),
            "index_cpu_seconds": round(rebuild_cpu, 1),
            "index_procs": index.procs,
            "index_size_mb": round(folder_mb(lib.index_dir), 1),
            "p50_ms": round(percentile(all_ours, 0.5), 1),
            "p95_ms": round(percentile(all_ours, 0.95), 1),
            "cpu_p50_p95_ms": [round(percentile(ours_cpu, 0.5), 1), round(percentile(ours_cpu, 0.95), 1)],
            "by_kind_p50_p95_ms": {k: [round(percentile(v, 0.5), 1), round(percentile(v, 0.95), 1)] for k, v in ours.items()},
            "cold_start_s": round(cold_ours, 2),
            "recall": round(1 - recall["ours_missed"] / expected, 4),
            "false_positive_docs": recall["ours_extra"],
        },
        "fts5_trigram": {
            "index_seconds": round(fts_seconds, 2),
            "index_mb_per_s": round(text_mb / fts_seconds, 2),
            "index_size_mb": round(fts_path.stat().st_size / 1e6, 1),
            "p50_ms": round(percentile(all_fts, 0.5), 1),
            "p95_ms": round(percentile(all_fts, 0.95), 1),
            "cpu_p50_p95_ms": [round(percentile(theirs_cpu, 0.5), 1), round(percentile(theirs_cpu, 0.95), 1)],
            "by_kind_p50_p95_ms": {k: [round(percentile(v, 0.5), 1), round(percentile(v, 0.95), 1)] for k, v in theirs.items()},
            "cold_start_s": round(cold_fts, 2),
            "recall": round(1 - recall["fts_missed"] / expected, 4),
            "false_positive_docs": recall["fts_extra"],
        },
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    head = f"{'docs':>5} {'engine':<13} {'MB/s':>6} {'size MB':>8} {'p50 ms':>7} {'p95 ms':>7} {'cpu p50/p95':>12} {'cold s':>7} {'recall':>7}"
    print(head)
    for row in rows:
        for name in ("whoosh", "fts5_trigram"):
            r = row[name]
            print(
                f"{row['documents']:>5} {name:<13} {r['index_mb_per_s']:>6} {r['index_size_mb']:>8} "
                f"{r['p50_ms']:>7} {r['p95_ms']:>7} {'/'.join(map(str, r['cpu_p50_p95_ms'])):>12} {r['cold_start_s']:>7} {r['recall']:>7.2%}"
            )
        print(f"      by kind (p50/p95 ms) whoosh {row['whoosh']['by_kind_p50_p95_ms']}")
        print(f"      by kind (p50/p95 ms) fts5   {row['fts5_trigram']['by_kind_p50_p95_ms']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON file (merged: runs of other sizes are kept)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="zcx-search-bench-") as tmp:
        for count in args.docs:
            rows.append(run_size(count, args.queries, Path(tmp)))
    print_table(rows)
    previous = json.loads(args.out.read_text("utf-8")).get("runs", []) if args.out.exists() else []
    sizes = {row["documents"] for row in rows}
    merged = sorted([r for r in previous if r.get("documents") not in sizes] + rows, key=lambda r: r["documents"])
    payload = {"machine_cpus": os.cpu_count(), "runs": merged}
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
