"""PolicyExtractor over a real library and the `zcx targets/duties/cites` contract."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from zcx_desktop.cli import main
from zcx_desktop.core.extract import PolicyExtractor
from zcx_desktop.core.session import open_session
from zcx_desktop.paths import sample_dir

DATA = Path(__file__).parent / "extract_data"


@pytest.fixture()
def library_dir(tmp_path):
    path = tmp_path / "lib"
    library = open_session(path)
    for name in ("000_a26248105f976090.txt", "001_ca9fbafb174b5bb5.txt"):
        library.import_file(sample_dir() / name)
    library.import_file(DATA / "duty_plan.txt")
    library.close()
    return path


def _cli_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_targets_contract_and_indicator_filter(library_dir, capsys):
    rows = _cli_json(
        capsys, "--library", str(library_dir), "targets", "--indicator", "研发投入强度", "--json"
    )
    assert {
        "doc_id",
        "clause_path",
        "indicator",
        "canonical",
        "comparator",
        "value",
        "unit",
        "year",
        "scope",
        "sentence",
        "period",
    } <= set(rows[0])
    assert {r["canonical"] for r in rows} == {"全社会研发投入占地区生产总值比重"}
    assert {r["doc_id"] for r in rows} == {1, 2, 3}  # three wordings, one indicator
    assert all(isinstance(r["value"], float) for r in rows)
    assert {(r["doc_id"], r["value"], r["scope"]) for r in rows} >= {
        (1, 3.9, "无锡高新区"),
        (2, 2.92, "无锡市"),
    }


def test_duties_contract_and_unit_alias_filter(library_dir, capsys):
    rows = _cli_json(
        capsys,
        "--library",
        str(library_dir),
        "duties",
        "2",
        "--unit",
        "市经济和信息化委员会",
        "--json",
    )
    assert rows and all("市工信局" in r["units"] for r in rows)
    assert {"doc_id", "clause_path", "task", "lead_units", "units", "raw"} <= set(rows[0])
    assert rows[0]["raw"].startswith("(牵头单位") or rows[0]["raw"].startswith("（牵头单位")


def test_cites_resolves_library_documents(library_dir, capsys, tmp_path):
    library = open_session(library_dir)
    library.import_text(
        "某某文件\n落实《无锡市深入推进苏南国家自主创新示范区建设三年行动计划(2018—2020年)》。"
        "执行锡政办发〔2018〕90号。",
        title="某某文件",
    )
    library.close()
    rows = _cli_json(capsys, "--library", str(library_dir), "cites", "4", "--json")
    assert sorted(r["resolved_doc_id"] for r in rows) == [1, 2]
    cited_by = _cli_json(
        capsys, "--library", str(library_dir), "cites", "1", "--cited-by", "--json"
    )
    assert [r["doc_id"] for r in cited_by] == [4]
    unresolved = _cli_json(capsys, "--library", str(library_dir), "cites", "1", "--json")
    assert unresolved and all(r["resolved_doc_id"] is None for r in unresolved)


def test_csv_and_xlsx_export(library_dir, tmp_path, capsys):
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    assert (
        main(
            [
                "--library",
                str(library_dir),
                "targets",
                "1",
                "--csv",
                str(csv_path),
                "--xlsx",
                str(xlsx_path),
            ]
        )
        == 0
    )
    with open(csv_path, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][3] == "指标（原文）" and len(rows) == 31
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx_path).active
    assert sheet.max_row == 31 and isinstance(sheet.cell(2, 7).value, float)


def test_unknown_document_is_a_user_error(library_dir, capsys):
    assert main(["--library", str(library_dir), "targets", "99", "--json"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_extractor_cache_follows_content(library_dir):
    library = open_session(library_dir)
    extractor = PolicyExtractor(library)
    first = extractor.targets([1])
    assert extractor.targets([1]) == first
    assert len(extractor.duties([3])) == 6
    library.close()
