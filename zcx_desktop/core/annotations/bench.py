"""Benchmark: re-anchor 500 annotations on a 30,000-character document after a revision.

Run: `python -m zcx_desktop.core.annotations.bench [--seed N]` (writes a temporary library).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from zcx_desktop.core.annotations.anchoring import make_selector, reanchor_all
from zcx_desktop.paths import sample_dir

TARGET_CHARS = 30_000
ANNOTATIONS = 500


def build_text(target: int = TARGET_CHARS, distinct: bool = True) -> str:
    """A policy-like text from the bundled sample, repeated to reach `target` characters.

    The sample is shorter than 30,000 characters; `distinct` marks each repeat inside its
    sentences (after every comma) so the copies are not verbatim duplicates. Without it
    every passage exists four times with identical context: a stress test no anchoring
    can pass, since the copies cannot be told apart.
    """
    from zcx_desktop.core.ingest import ingest_text

    paragraphs: list[str] = []
    for path in sorted(sample_dir().glob("*.txt")):
        paragraphs += ingest_text(path.read_text(encoding="utf-8")).text.split("\n")
    out: list[str] = []
    size, round_no = 0, 0
    while size < target:
        round_no += 1
        for n, line in enumerate(paragraphs):
            if round_no > 1:
                line = f"{round_no}.{n} " + (line.replace(",", f",{round_no}") if distinct else line)
            out.append(line)
            size += len(line) + 1
            if size >= target:
                break
    return "\n".join(out)[:target]


def revise(text: str, rng: random.Random) -> tuple[str, list[int]]:
    """A 征求意见稿 → 正式稿-like revision: insertions, word changes, deleted and moved passages.

    Returns the new text and, per new character, the old offset it came from (-1 = new or changed).
    """
    lines = [[(ch, offset) for offset, ch in enumerate(line, start)]
             for line, start in _lines_with_offsets(text)]
    for _ in range(3):  # move paragraphs
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines.insert(j, lines.pop(i))
    for _ in range(8):  # delete paragraphs
        del lines[rng.randrange(len(lines))]
    for _ in range(20):  # insert sentences
        lines.insert(rng.randrange(len(lines)), [(ch, -1) for ch in "新增条款：各有关部门应当按照职责分工抓好落实并及时报送进展情况。"])
    chars: list[tuple[str, int]] = []
    for line in lines:
        chars += line + [("\n", -1)]
    chars.pop()
    for _ in range(60):  # change single characters (numbers, wording)
        chars[rng.randrange(len(chars))] = (rng.choice("一二三四五六七八九十加强推进完善"), -1)
    return "".join(ch for ch, _ in chars), [origin for _, origin in chars]


def _lines_with_offsets(text: str) -> list[tuple[str, int]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((line, offset))
        offset += len(line) + 1
    return out


def expected_start(origins: list[int], start: int, end: int) -> int | None:
    """Where an untouched span went: None when any of its characters was changed or deleted."""
    try:
        new_start = origins.index(start)
    except ValueError:
        return None
    if origins[new_start : new_start + end - start] != list(range(start, end)):
        return None
    return new_start


def judge(spans: list[tuple[int, int]], placements: list, origins: list[int]) -> dict[str, int]:
    """Compare with the ground truth. `silently_wrong` (status anchored, wrong place) is the worst bug."""
    verdict = {"intact_spans": 0, "intact_found_right": 0, "intact_lost": 0, "silently_wrong": 0}
    for (start, end), placement in zip(spans, placements):
        expected = expected_start(origins, start, end)
        right = expected is not None and (placement.start, placement.end) == (expected, expected + end - start)
        if expected is not None:
            verdict["intact_spans"] += 1
            verdict["intact_found_right"] += right and placement.found
            verdict["intact_lost"] += not placement.found
        came_from = origins[placement.start] if placement.found and placement.start < len(origins) else -1
        if placement.status == "anchored" and not right and came_from != start:
            verdict["silently_wrong"] += 1
    return verdict


def random_spans(text: str, rng: random.Random, count: int = ANNOTATIONS) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    while len(spans) < count:
        start = rng.randrange(len(text) - 100)
        end = start + rng.randint(4, 80)
        if "\n" not in text[start:end] and text[start:end].strip():
            spans.append((start, end))
    return spans


def bench_pure(seed: int, distinct: bool = True) -> dict[str, float]:
    rng = random.Random(seed)
    text = build_text(distinct=distinct)
    spans = random_spans(text, rng)
    selectors = [make_selector(text, s, e) for s, e in spans]
    revised, origins = revise(text, rng)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        placements = reanchor_all(revised, selectors)
        timings.append(time.perf_counter() - started)
    unrelated = "".join(rng.choice("农业农村水利交通运输医疗卫生教育") for _ in range(TARGET_CHARS))
    started = time.perf_counter()
    lost = reanchor_all(unrelated, selectors)
    worst = time.perf_counter() - started
    return {
        "chars": len(text), "annotations": len(selectors),
        "median_s": statistics.median(timings), "max_s": max(timings), "all_orphan_s": worst,
        "anchored": sum(p.status == "anchored" for p in placements),
        "fuzzy": sum(p.status == "fuzzy" for p in placements),
        "orphan": sum(p.status == "orphan" for p in placements),
        "unrelated_orphans": sum(p.status == "orphan" for p in lost),
        **judge(spans, placements, origins),
    }


def bench_library(seed: int) -> dict[str, float]:
    """Through the store: annotate 500 spans, replace_text, re-anchor and write back.

    The library is opened without the other session services (search index), so the
    numbers are the annotation code's own.
    """
    from zcx_desktop.core.annotations import attach
    from zcx_desktop.core.ingest import ingest_text
    from zcx_desktop.core.library import Library

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        lib = Library.open(Path(folder) / "lib")
        store = attach(lib)
        doc_id = int(lib.import_text(build_text()).doc_id or 0)
        text = lib.get_text(doc_id)
        started = time.perf_counter()
        for start, end in random_spans(text, rng):
            store.annotate(doc_id, start, end, note="批注")
        create_s = (time.perf_counter() - started) / ANNOTATIONS
        parsed = ingest_text(revise(text, rng)[0])
        started = time.perf_counter()
        lib.replace_text(doc_id, parsed)
        replace_s = time.perf_counter() - started
        report = store.last_reports[doc_id]
        lib.close()
    return {"create_one_s": create_s, "replace_and_reanchor_s": replace_s, "reanchor_s": report.seconds,
            "anchored": report.count("anchored"), "fuzzy": report.count("fuzzy"),
            "orphan": report.count("orphan")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    runs = (("engine, distinct text", bench_pure(args.seed)),
            ("engine, verbatim repeats", bench_pure(args.seed, distinct=False)),
            ("library", bench_library(args.seed)))
    for name, result in runs:
        shown = ", ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items())
        sys.stdout.write(f"{name}: {shown}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
