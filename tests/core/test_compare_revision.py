"""Labelled test: a scripted revision of corpus document 000 must be reported exactly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from zcx_desktop.core.compare import Side, compare_sides
from zcx_desktop.core.ingest import ingest_text

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "compare_data"


def _load_revision():
    spec = importlib.util.spec_from_file_location("compare_revision", DATA / "revision.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def revision():
    original = ingest_text(
        (ROOT / "resources/sample/000_a26248105f976090.txt").read_text(encoding="utf-8")
    )
    revised_text, expected = _load_revision().revise_000(original.text, original.clauses)
    revised = ingest_text(revised_text)
    comparison = compare_sides(
        Side(original.text, original.clauses), Side(revised.text, revised.clauses)
    )
    return comparison, expected


def _pairs(comparison, status):
    return {(r.a_path, r.b_path) for r in comparison.rows if r.status == status}


def test_changed_clauses_are_exactly_the_edited_ones(revision):
    comparison, expected = revision
    assert _pairs(comparison, "changed") == expected["changed"]


def test_moved_clauses_are_found(revision):
    comparison, expected = revision
    assert _pairs(comparison, "moved") == expected["moved"]


def test_deleted_added_split(revision):
    comparison, expected = revision
    assert {r.a_path for r in comparison.rows if r.status == "deleted"} == expected["deleted"]
    assert {r.b_path for r in comparison.rows if r.status == "added"} == expected["added"]
    splits = {
        (r.a_path, tuple(u.path for u in r.b_units)) for r in comparison.rows if r.status == "split"
    }
    assert splits == expected["split"]
    assert not [r for r in comparison.rows if r.status == "merged"]


def test_number_changes_exact(revision):
    comparison, expected = revision
    assert {(c.a, c.b) for c in comparison.number_changes} == expected["numbers"]
    for change in comparison.number_changes:
        assert change.a in comparison.a.text[change.a_start : change.a_end]
        assert change.b == comparison.b.text[change.b_start : change.b_end]
        assert change.context


def test_everything_else_is_same(revision):
    comparison, _expected = revision
    counts = comparison.summary["counts"]
    assert counts["changed"] == 2 and counts["moved"] == 2
    assert counts["same"] == len(comparison.rows) - 2 - 2 - 1 - 1 - 1
    sections = {s["section"]: s["counts"] for s in comparison.summary["sections"]}
    assert sections["八"].get("split") == 1 and sections["八"].get("added") == 1


def test_diff_rebuilds_both_sides(revision):
    comparison, _expected = revision
    for row in comparison.rows:
        a_side = "".join(t for op, t in row.diff if op in ("=", "-"))
        b_side = "".join(t for op, t in row.diff if op in ("=", "+"))
        assert a_side == "\n".join(u.content for u in row.a_units)
        assert b_side == "\n".join(u.content for u in row.b_units)
