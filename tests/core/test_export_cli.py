"""`zcx brief` against a temporary library with annotations from the annotations store."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from zcx_desktop.cli import main
from zcx_desktop.core.annotations import annotation_store
from zcx_desktop.core.export import PackOptions, pack_from_library
from zcx_desktop.core.export.errors import ExportError
from zcx_desktop.core.session import open_session
from zcx_desktop.paths import sample_dir


@pytest.fixture()
def library(tmp_path: Path) -> tuple[Path, list[int]]:
    lib_dir = tmp_path / "lib"
    lib = open_session(lib_dir)
    ids = [lib.import_file(p).doc_id for p in sorted(sample_dir().glob("*.txt"))[:2]]
    store = annotation_store(lib)
    layer = store.layers()[0]
    store.annotate_quote(ids[0], "高新技术企业超过2100家", layer_id=layer.id, note="核实 <b>口径</b> & 来源")
    lib.close()
    return lib_dir, ids


def test_brief_json_contract(library: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir, ids = library
    out = tmp_path / "pack.pdf"
    code = main(["--library", str(lib_dir), "brief", *map(str, ids), "-o", str(out), "--title", "测试 <b>", "--watermark", "内部资料", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"path", "pages", "bytes"}
    reader = pypdf.PdfReader(out)
    assert result["pages"] == len(reader.pages) and result["bytes"] == out.stat().st_size
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert "核实 <b>口径</b> & 来源" in text and "测试 <b>" in text


def test_brief_gbt_only_annotated_and_formats(library: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir, ids = library
    base = ["--library", str(lib_dir), "brief", str(ids[0])]
    assert main([*base, "-o", str(tmp_path / "g.pdf"), "--layout", "gbt9704", "--only-annotated", "--json"]) == 0
    small = json.loads(capsys.readouterr().out)
    assert 2 <= small["pages"] <= 5
    assert main([*base, "-o", str(tmp_path / "p.html"), "--json"]) == 0
    html = json.loads(capsys.readouterr().out)
    assert Path(html["path"]).read_text(encoding="utf-8").count("&lt;b&gt;口径&lt;/b&gt;") == 1
    assert main([*base, "-o", str(tmp_path / "p.txt"), "--format", "md"]) == 0
    assert "口径" in (tmp_path / "p.txt").read_text(encoding="utf-8")


def test_brief_user_errors_exit_1(library: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir, ids = library
    assert main(["--library", str(lib_dir), "brief", "999", "-o", str(tmp_path / "x.pdf")]) == 1
    assert main(["--library", str(lib_dir), "brief", str(ids[0]), "-o", str(tmp_path / "x.pdf"), "--layers", "没有这层"]) == 1
    assert "没有这些图层" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_pack_from_library_options(library: tuple[Path, list[int]]) -> None:
    lib_dir, ids = library
    lib = open_session(lib_dir)
    try:
        pack = pack_from_library(lib, ids, PackOptions(layout="gbt9704", only_annotated=True))
        assert [s.doc_id for s in pack.sections] == ids
        assert len(pack.sections[0].annotations) == 1 and pack.sections[0].clauses
        assert pack.title == "参阅材料"
        with pytest.raises(ExportError):
            pack_from_library(lib, [], PackOptions())
        with pytest.raises(ExportError):
            pack_from_library(lib, ids, PackOptions(layout="a5"))
    finally:
        lib.close()
