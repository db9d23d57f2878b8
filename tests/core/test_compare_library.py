"""Comparison against a real library: similar clauses (cached index), CLI contract, HTML/CSV export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zcx_desktop.core.compare import (
    compare_documents,
    comparison_to_csv,
    comparison_to_html,
    similar_clauses,
)
from zcx_desktop.core.compare.similar import CACHE_NAME
from zcx_desktop.core.errors import NotFound

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(library, corpus_files):
    results = library.import_paths(corpus_files)
    assert all(r.ok for r in results)
    return library, [r.doc_id for r in results]


def test_similar_finds_the_corresponding_clause_in_another_document(filled):
    library, (plan, points, _third) = filled
    hits = similar_clauses(library, plan, "八/（二）", limit=5)  # 强化科技与金融深度融合
    assert hits and all(h.doc_id != plan for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert (points, "六/（四）") in {(h.doc_id, h.path) for h in hits[:3]}  # 完善科技金融服务
    assert (Path(library.path) / "cache" / CACHE_NAME).exists()


def test_similar_index_follows_library_changes(filled):
    library, (plan, points, _third) = filled
    assert any(h.doc_id == points for h in similar_clauses(library, plan, "八/（二）", limit=10))
    library.delete_document(points)
    assert all(h.doc_id != points for h in similar_clauses(library, plan, "八/（二）", limit=10))
    added = library.import_text(
        "一、科技金融\n(一)完善科技金融服务\n支持金融机构创新科技金融产品和服务,完善科技贷款风险补偿机制。"
    )
    hits = similar_clauses(library, plan, "八/（二）", limit=10)
    assert added.doc_id in {h.doc_id for h in hits}


def test_similar_unknown_clause_is_a_known_error(filled):
    library, (plan, _points, _third) = filled
    with pytest.raises(NotFound):
        similar_clauses(library, plan, "九十九", limit=3)


def test_html_export_escapes_everything(library):
    nasty = "一、总体要求\n(一)目标<script>alert(1)</script>\n高新技术企业超过2100家&更多。"
    changed = nasty.replace("2100家", "2500家").replace("<script>", "<img src=x onerror=alert(2)>")
    a = library.import_text(nasty, title="<b>A</b>").doc_id
    b = library.import_text(changed, title="B").doc_id
    comparison = compare_documents(library, a, b)
    page = comparison_to_html(comparison)
    assert "<script>" not in page and "<img" not in page and "<b>A</b>" not in page
    assert "alert(1)&lt;/script&gt;" in page and "2100家 → 2500家" in page


def test_csv_export_has_one_line_per_row(filled):
    library, (plan, points, _third) = filled
    comparison = compare_documents(library, plan, points)
    rows = list(csv.reader(io.StringIO(comparison_to_csv(comparison))))
    assert rows[0][0] == "status" and len(rows) == len(comparison.rows) + 1
    assert {r[0] for r in rows[1:]} <= {
        "same",
        "changed",
        "added",
        "deleted",
        "moved",
        "split",
        "merged",
    }


def _zcx(*args: str, library: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("ZCX_LIBRARY", None)
    return subprocess.run(
        [sys.executable, "-m", "zcx_desktop", "--library", str(library), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_cli_contract(tmp_path, corpus_files):
    lib = tmp_path / "lib"
    assert _zcx("import", *map(str, corpus_files), library=lib).returncode == 0
    proc = _zcx("compare", "1", "2", "--json", library=lib)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {"pairs", "summary"}
    for pair in out["pairs"]:
        assert {"a_path", "b_path", "status", "similarity", "number_changes", "diff"} <= set(pair)
        assert (pair["a_path"] is None) == (pair["status"] == "added")
        assert (pair["b_path"] is None) == (pair["status"] == "deleted")
        assert all(op in ("=", "-", "+") for op, _text in pair["diff"])
    assert any(
        c["a"] and c["b"] and c["context"] for p in out["pairs"] for c in p["number_changes"]
    )

    proc = _zcx("similar", "1", "八/（二）", "--limit", "3", "--json", library=lib)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    assert 0 < len(results) <= 3 and all(r["doc_id"] != 1 for r in results)

    html = tmp_path / "c.html"
    assert _zcx("compare", "1", "2", "-o", str(html), library=lib).returncode == 0
    assert "逐条对照" in html.read_text(encoding="utf-8")

    proc = _zcx("compare", "1", "99", "--json", library=lib)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
