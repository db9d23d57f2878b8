"""Benchmark and quality report for zcx_desktop.core.compare (issue 6).

Measures: aligning + diffing two ~30,000-character documents (two versions, and two different
documents), similar-clause lookup over a 1,000-document library (index build, warm and cold
queries, end to end through a real Library), and alignment precision/recall against the
hand-labelled pair corpus 000 ↔ 001. Prints a table and writes bench/compare_results.json.

    /tmp/venv/bin/python bench/compare_bench.py [--docs 1000] [--skip-library]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from zcx_desktop.core.compare import Side, compare_sides
from zcx_desktop.core.compare.similar import SimilarIndex, SourceDocument
from zcx_desktop.core.ingest import ingest_text
from zcx_desktop.core.ingest.numerals import int_to_chinese

SAMPLES = sorted((REPO / "resources" / "sample").glob("*.txt"))
GOLD_FILES = sorted((REPO / "tests" / "core" / "compare_data").glob("align_*.json"))
RESULTS = REPO / "bench" / "compare_results.json"
CITIES = ["无锡", "南京", "苏州", "常州", "镇江", "扬州", "泰州", "南通", "徐州", "盐城"]


def corpus_pieces() -> tuple[list[str], list[str]]:
    """Sentences and clause headings of the real corpus, to assemble realistic synthetic documents."""
    sentences: list[str] = []
    headings: list[str] = []
    for path in SAMPLES:
        parsed = ingest_text(path.read_text(encoding="utf-8"))
        headings += [c.heading for c in parsed.clauses if c.heading]
        for clause in parsed.clauses:
            body = parsed.text[clause.start : clause.body_end]
            sentences += [s + "。" for s in re.split(r"[。\n]", body) if len(s) > 15]
    return sentences, headings


def synthetic_document(
    rng: random.Random, sentences: list[str], headings: list[str], size: int
) -> str:
    lines = [
        f"{rng.choice(CITIES)}市推进科技创新工作方案",
        "为深入实施创新驱动发展战略,制定本方案。",
    ]
    top = 0
    while sum(map(len, lines)) < size:
        top += 1
        lines.append(f"{int_to_chinese(top)}、{rng.choice(headings)}")
        for item in range(1, rng.randint(3, 7)):
            body = "".join(rng.sample(sentences, rng.randint(2, 5)))
            body = re.sub(r"\d+(?:\.\d+)?", lambda m: str(rng.randint(2, 3000)), body)
            lines.append(f"({int_to_chinese(item)}){rng.choice(headings)}")
            lines.append(body)
    return "\n".join(lines)


def revise(rng: random.Random, text: str, sentences: list[str]) -> str:
    """Edit a synthetic document: change numbers, reword, delete and move paragraphs."""
    lines = text.split("\n")
    out: list[str] = []
    moved: list[str] = []
    for line in lines:
        roll = rng.random()
        if line.startswith("(") or "、" in line[:4]:
            out.append(line)
        elif roll < 0.15:
            out.append(
                re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 50)), line, count=1)
            )
        elif roll < 0.25:
            out.append(line[: len(line) // 2] + rng.choice(sentences))
        elif roll < 0.28:
            out.append(rng.choice(sentences) + rng.choice(sentences))
        elif roll < 0.31:
            moved.append(out.pop() if out and out[-1].startswith("(") else "")
            moved.append(line)
        else:
            out.append(line)
    out += [m for m in moved if m]
    return "\n".join(out)


def side_of(text: str) -> Side:
    parsed = ingest_text(text)
    return Side(parsed.text, parsed.clauses)


def time_compare(a: Side, b: Side, repeats: int = 5) -> dict:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        comparison = compare_sides(a, b)
        times.append(time.perf_counter() - started)
    return {
        "chars_a": len(a.text),
        "chars_b": len(b.text),
        "clauses_a": len(a.clauses),
        "clauses_b": len(b.clauses),
        "median_s": round(statistics.median(times), 4),
        "max_s": round(max(times), 4),
        "counts": comparison.summary["counts"],
        "number_changes": len(comparison.number_changes),
    }


def bench_pairs(rng: random.Random, sentences: list[str], headings: list[str]) -> dict:
    base = synthetic_document(rng, sentences, headings, 30000)
    other = synthetic_document(rng, sentences, headings, 30000)
    a, b, c = side_of(base), side_of(revise(rng, base, sentences)), side_of(other)
    return {"versions_30k": time_compare(a, b), "different_30k": time_compare(a, c)}


def bench_similar(
    rng: random.Random, sentences: list[str], headings: list[str], docs: int
) -> tuple[dict, list]:
    texts = [
        synthetic_document(rng, sentences, headings, rng.randint(6000, 14000)) for _ in range(docs)
    ]
    sides = [side_of(t) for t in texts]
    result: dict = {"documents": docs, "chars": sum(len(s.text) for s in sides)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cache" / "similar.sqlite"
        index = SimilarIndex(path)
        started = time.perf_counter()
        index.rebuild(SourceDocument(i + 1, str(i), f"doc {i + 1}", s) for i, s in enumerate(sides))
        result["build_s"] = round(time.perf_counter() - started, 2)
        result["clauses"] = index.conn.execute("SELECT count(*) FROM clauses").fetchone()[0]
        result["cache_mb"] = round(path.stat().st_size / 1e6, 1)
        queries = []
        for _ in range(30):
            doc = rng.randrange(docs)
            clause = rng.choice(
                [c for c in sides[doc].clauses if c.level == 2] or sides[doc].clauses
            )
            queries.append((doc + 1, sides[doc].text[clause.start : clause.body_end]))
        times = []
        for doc_id, text in queries:
            started = time.perf_counter()
            index.query(text, exclude_doc=doc_id, limit=10)
            times.append(time.perf_counter() - started)
        index.close()
        started = time.perf_counter()
        cold = SimilarIndex(path)
        cold.query(queries[0][1], exclude_doc=queries[0][0], limit=10)
        result["cold_open_and_query_s"] = round(time.perf_counter() - started, 4)
        cold.close()
    result["query_median_s"] = round(statistics.median(times), 4)
    result["query_p95_s"] = round(sorted(times)[int(0.95 * (len(times) - 1))], 4)
    result["query_max_s"] = round(max(times), 4)
    return result, texts


def bench_library(texts: list[str]) -> dict:
    """End to end through a real Library: import, first call (builds the cache), warm calls."""
    from zcx_desktop.core.compare import similar_clauses
    from zcx_desktop.core.session import open_session

    with tempfile.TemporaryDirectory() as tmp:
        library = open_session(Path(tmp) / "lib")
        started = time.perf_counter()
        ids = [library.import_text(t, title=f"doc {i}").doc_id for i, t in enumerate(texts)]
        result = {"import_s": round(time.perf_counter() - started, 1)}
        path = library.get_clauses(ids[0])[3].path
        started = time.perf_counter()
        similar_clauses(library, ids[0], path, 10)
        result["first_call_builds_cache_s"] = round(time.perf_counter() - started, 2)
        times = []
        for doc_id in ids[1:21]:
            clause = library.get_clauses(doc_id)[2]
            started = time.perf_counter()
            similar_clauses(library, doc_id, clause.path, 10)
            times.append(time.perf_counter() - started)
        result["warm_median_s"] = round(statistics.median(times), 4)
        result["warm_max_s"] = round(max(times), 4)
        library.close()
    return result


def alignment_quality(gold_file: Path) -> dict:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    a = side_of((REPO / "resources" / "sample" / gold["a"]).read_text(encoding="utf-8"))
    b = side_of((REPO / "resources" / "sample" / gold["b"]).read_text(encoding="utf-8"))
    comparison = compare_sides(a, b)
    predicted = {(x.path, y.path) for r in comparison.rows for x in r.a_units for y in r.b_units}
    required = {tuple(p) for p in gold["required"]}
    acceptable = {tuple(p) for p in gold["acceptable"]}
    hits = predicted & required
    wrong = predicted - required - acceptable
    return {
        "predicted_pairs": len(predicted),
        "required_pairs": len(required),
        "precision": round(len(hits) / max(1, len(hits) + len(wrong)), 3),
        "recall": round(len(hits) / len(required), 3),
        "false_positives": sorted(map(list, wrong)),
        "missed": sorted(map(list, required - predicted)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument(
        "--skip-library", action="store_true", help="skip the end-to-end Library run"
    )
    args = parser.parse_args()
    rng = random.Random(6)
    sentences, headings = corpus_pieces()
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results: dict = {f"alignment_{g.stem[6:]}": alignment_quality(g) for g in GOLD_FILES}
    results.update(bench_pairs(rng, sentences, headings))
    results["similar_index"], texts = bench_similar(rng, sentences, headings, args.docs)
    if not args.skip_library:
        results["similar_library"] = bench_library(texts)
    elif "similar_library" in previous:
        results["similar_library"] = previous["similar_library"]  # kept from the last full run
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    return 0


def print_table(results: dict) -> None:
    rows = [
        (
            "align+diff 2 versions (~30k chars)",
            f"{results['versions_30k']['median_s']:.3f} s median",
            "≤ 1 s",
        ),
        (
            "align+diff 2 different docs (~30k)",
            f"{results['different_30k']['median_s']:.3f} s median",
            "≤ 1 s",
        ),
        (
            "similar: index build",
            f"{results['similar_index']['build_s']:.1f} s ({results['similar_index']['clauses']} clauses)",
            "once",
        ),
        (
            "similar: warm query",
            (
                f"{results['similar_index']['query_median_s']:.3f} s median, "
                f"{results['similar_index']['query_max_s']:.3f} s max"
            ),
            "≤ 1 s",
        ),
        (
            "similar: cold open + query",
            f"{results['similar_index']['cold_open_and_query_s']:.3f} s",
            "≤ 1 s",
        ),
    ]
    for key in sorted(k for k in results if k.startswith("alignment_")):
        q = results[key]
        pair = key.removeprefix("alignment_").replace("_", "↔")
        rows.append(
            (
                f"alignment {pair} precision / recall",
                f"{q['precision']:.2f} / {q['recall']:.2f}",
                "labelled",
            )
        )
    if "similar_library" in results:
        lib = results["similar_library"]
        rows.append(
            (
                "similar via Library (warm)",
                f"{lib['warm_median_s']:.3f} s median, {lib['warm_max_s']:.3f} s max",
                "≤ 1 s",
            )
        )
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<40}  {target}")


if __name__ == "__main__":
    raise SystemExit(main())
