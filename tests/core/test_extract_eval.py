"""The bench evaluation on the hand labels stays above the issue's thresholds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extract_eval.py"


def test_labels_meet_quality_thresholds():
    spec = importlib.util.spec_from_file_location("extract_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    overall = module.evaluate()["overall"]
    assert overall["targets"]["f1"] >= 0.90
    assert overall["duties"]["f1"] >= 0.95
    assert overall["citations"]["f1"] >= 0.90
