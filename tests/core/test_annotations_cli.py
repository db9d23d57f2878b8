"""The `zcx annotate / annotations / layers / reimport` command-line contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.test_annotations_store import POLICY
from zcx_desktop.cli import main


@pytest.fixture()
def library(tmp_path: Path) -> str:
    source = tmp_path / "policy.txt"
    source.write_text(POLICY, encoding="utf-8")
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "import", str(source)]) == 0
    return lib


def run_json(capsys, *argv: str):
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_annotate_contract(library: str, capsys) -> None:
    got = run_json(capsys, "--library", library, "annotate", "1", "--quote", "加强组织领导", "--occurrence", "2",
                   "--layer", "待核实", "--note", "**要点**", "--tag", "组织", "--tag", "领导", "--json")
    for key in ("id", "layer", "start", "end", "quote", "clause_path", "note", "tags"):
        assert key in got
    assert got["layer"] == "待核实" and got["quote"] == "加强组织领导" and got["tags"] == ["组织", "领导"]
    text = POLICY.strip()
    first = text.index("加强组织领导")
    assert got["start"] == text.index("加强组织领导", first + 1)
    listed = run_json(capsys, "--library", library, "annotations", "1", "--json")
    assert [a["id"] for a in listed] == [got["id"]] and listed[0]["status"] == "anchored"
    assert run_json(capsys, "--library", library, "annotations", "--layer", "重点", "--json") == []


def test_quote_not_found_exits_1_with_message(library: str, capsys) -> None:
    assert main(["--library", library, "annotate", "1", "--quote", "没有这句话"]) == 1
    assert "找不到" in capsys.readouterr().err


def test_layers_list_export_import(library: str, tmp_path: Path, capsys) -> None:
    run_json(capsys, "--library", library, "annotate", "1", "--quote", "明确责任分工", "--json")
    layers = run_json(capsys, "--library", library, "layers", "--json")
    assert [x["name"] for x in layers] == ["重点", "待核实", "领导关注"] and layers[0]["count"] == 1
    out = tmp_path / "share.json"
    assert main(["--library", library, "layers", "export", "重点", "-o", str(out)]) == 0
    other = str(tmp_path / "other")
    source = tmp_path / "policy.txt"
    assert main(["--library", other, "import", str(source)]) == 0
    report = run_json(capsys, "--library", other, "layers", "import", str(out), "--json")
    assert (report["placed"], report["fuzzy"], report["orphaned"], report["skipped"]) == (1, 0, 0, 0)
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "AnnotationCollection"}', encoding="utf-8")
    assert main(["--library", other, "layers", "import", str(bad)]) == 1


def test_reimport_reports_reanchoring(library: str, tmp_path: Path, capsys) -> None:
    kept = run_json(capsys, "--library", library, "annotate", "1", "--quote", "明确责任分工", "--json")
    gone = run_json(capsys, "--library", library, "annotate", "1", "--quote", "新增科技贷款200亿元", "--json")
    revised = tmp_path / "revised.txt"
    revised.write_text(POLICY.replace("新增科技贷款200亿元，", "").replace("现将", "经研究，现将"), encoding="utf-8")
    report = run_json(capsys, "--library", library, "reimport", "1", str(revised), "--json")
    assert (report["total"], report["anchored"], report["orphan"]) == (2, 1, 1)
    statuses = {a["id"]: a["status"] for a in report["annotations"]}
    assert statuses == {kept["id"]: "anchored", gone["id"]: "orphan"}
