"""Precision/recall/F1 of target, duty and citation extraction against hand labels.

Usage: python bench/extract_eval.py [--json] [--verbose]
Labels: tests/core/extract_data/labels_*.json (source file, targets, duties, citations).
Sources are parsed as bench/outline_dump.py shows them: .txt as pasted text, .docx/.html via their readers.
Sets whose note says the labels were written BEFORE running the extractor are also summed
as HELD-OUT (their first-run scores are recorded in bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zcx_desktop.core.extract import (
    UnitAliases,
    extract_citations,
    extract_duties,
    extract_targets,
)
from zcx_desktop.core.extract.indicators import normalise_indicator
from bench.outline_dump import parse_source

LABELS = ROOT / "tests" / "core" / "extract_data"


def _score(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "predicted": n_pred,
        "gold": n_gold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _same_indicator(a: str, b: str) -> bool:
    a, b = normalise_indicator(a), normalise_indicator(b)
    return a == b or fuzz.partial_ratio(a, b) >= 80


def match_targets(predicted: list, gold: list) -> tuple[int, list, list, dict[str, int]]:
    """One-to-one: same value, unit, year and a similar indicator. Also counts path/scope agreement."""
    free = list(range(len(predicted)))
    missed: list = []
    agree = {"clause_path": 0, "scope": 0}
    for label in gold:
        path, indicator, value, unit, year, scope = label
        hit = next(
            (
                i
                for i in free
                if abs(predicted[i].value - value) < 1e-9
                and predicted[i].unit == unit
                and predicted[i].year == year
                and _same_indicator(predicted[i].indicator, indicator)
            ),
            None,
        )
        if hit is None:
            missed.append(label)
            continue
        free.remove(hit)
        agree["clause_path"] += predicted[hit].clause_path == path
        agree["scope"] += predicted[hit].scope == scope
    extra = [predicted[i] for i in free]
    return len(gold) - len(missed), missed, extra, agree


def evaluate(verbose: bool = False, only: list[str] | None = None) -> dict:
    totals = {"targets": [0, 0, 0], "duties": [0, 0, 0], "citations": [0, 0, 0]}
    held_out = {"targets": [0, 0, 0], "duties": [0, 0, 0], "citations": [0, 0, 0]}
    agree_total = {"clause_path": 0, "scope": 0}
    per_doc: dict[str, dict] = {}
    aliases = UnitAliases.load()
    for label_file in sorted(LABELS.glob("labels_*.json")):
        if only and label_file.stem.removeprefix("labels_") not in only:
            continue
        labels = json.loads(label_file.read_text(encoding="utf-8"))
        parsed = parse_source(ROOT / labels["source"])
        targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
        tp, missed, extra, agree = match_targets(targets, labels["targets"])
        for key in agree_total:
            agree_total[key] += agree[key]
        duties = extract_duties(parsed.text, parsed.clauses)
        got = {(d.clause_path, u.name, u.role) for d in duties for u in d.units}
        want = {  # a label may spell a unit in full (市工业和信息化局): the alias list decides
            (path, aliases.normalise(name), role)
            for path, units in labels["duties"]
            for name, role in units
        }
        cites = {
            (c.title, c.doc_number)
            for c in extract_citations(parsed.text, parsed.clauses, meta=parsed.meta)
        }
        cites_gold = {tuple(c) for c in labels["citations"]}
        doc = {
            "targets": _score(tp, len(targets), len(labels["targets"])),
            "duties": _score(len(got & want), len(got), len(want)),
            "citations": _score(len(cites & cites_gold), len(cites), len(cites_gold)),
        }
        per_doc[label_file.stem] = doc
        for key, counts in (
            ("targets", (tp, len(targets), len(labels["targets"]))),
            ("duties", (len(got & want), len(got), len(want))),
            ("citations", (len(cites & cites_gold), len(cites), len(cites_gold))),
        ):
            totals[key] = [a + b for a, b in zip(totals[key], counts)]
            if "BEFORE" in labels.get("note", ""):
                held_out[key] = [a + b for a, b in zip(held_out[key], counts)]
        if verbose:
            for label in missed:
                print(f"[{label_file.stem}] MISSED target {label}", file=sys.stderr)
            for target in extra:
                print(
                    f"[{label_file.stem}] EXTRA target {target.clause_path} {target.indicator} "
                    f"{target.value_text}{target.unit} {target.year}",
                    file=sys.stderr,
                )
            for item in sorted(want - got):
                print(f"[{label_file.stem}] MISSED duty {item}", file=sys.stderr)
            for item in sorted(got - want):
                print(f"[{label_file.stem}] EXTRA duty {item}", file=sys.stderr)
    overall = {key: _score(*counts) for key, counts in totals.items()}
    matched = totals["targets"][0] or 1
    overall["targets"]["clause_path_agreement"] = agree_total["clause_path"] / matched
    overall["targets"]["scope_agreement"] = agree_total["scope"] / matched
    return {
        "overall": overall,
        "held_out": {key: _score(*counts) for key, counts in held_out.items()},
        "documents": per_doc,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list misses and extras on stderr")
    parser.add_argument(
        "--only", nargs="+", metavar="SET", help="score only these sets (e.g. 001 blind4)"
    )
    args = parser.parse_args()
    result = evaluate(args.verbose, args.only)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{'set':<22}{'kind':<11}{'P':>7}{'R':>7}{'F1':>7}  tp/pred/gold")
    rows = [(name, doc) for name, doc in result["documents"].items()] + [
        ("HELD-OUT (blind*)", result["held_out"]),
        ("OVERALL", result["overall"]),
    ]
    for name, doc in rows:
        for kind in ("targets", "duties", "citations"):
            s = doc[kind]
            print(
                f"{name:<22}{kind:<11}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}  "
                f"{s['tp']}/{s['predicted']}/{s['gold']}"
            )
    t = result["overall"]["targets"]
    print(
        f"matched targets: clause path agrees {t['clause_path_agreement']:.3f}, scope agrees {t['scope_agreement']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
