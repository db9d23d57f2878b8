"""The `zcx` command line contract for the library commands (run as a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONTRACT_KEYS = {
    "path", "ok", "id", "title", "notice_title", "doc_number", "issuer",
    "written_date", "published_date", "status", "clauses",
}


def zcx(*args: str, library: Path | None = None, env_library: Path | None = None, stdin: str = ""):
    env = dict(os.environ)
    env.pop("ZCX_LIBRARY", None)
    if env_library is not None:
        env["ZCX_LIBRARY"] = str(env_library)
    argv = [sys.executable, "-m", "zcx_desktop"]
    if library is not None:
        argv += ["--library", str(library)]
    return subprocess.run(
        argv + list(args), capture_output=True, text=True, encoding="utf-8",
        env=env, cwd=REPO, input=stdin, timeout=120,
    )


def test_import_json_contract(tmp_path: Path, corpus_files):
    lib = tmp_path / "lib"
    proc = zcx("import", *map(str, corpus_files), "--json", library=lib)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 3
    for row in rows:
        assert CONTRACT_KEYS <= set(row) and row["ok"] is True
    assert rows[0]["doc_number"] == "锡政办发〔2018〕91号"
    assert rows[0]["written_date"] == "2018-08-01"


def test_import_failure_exit_status_and_message(tmp_path: Path, corpus_files):
    bad = tmp_path / "空文件.txt"
    bad.write_bytes(b"")
    proc = zcx("import", str(bad), str(corpus_files[0]), "--json", library=tmp_path / "lib")
    assert proc.returncode == 1
    rows = json.loads(proc.stdout)
    assert rows[0] == {"path": str(bad), "ok": False, "error": rows[0]["error"]}
    assert "空文件.txt" in rows[0]["error"]
    assert rows[1]["ok"] is True
    assert "Traceback" not in proc.stderr


def test_show_outline_and_text_offsets(tmp_path: Path, corpus_files):
    lib = tmp_path / "lib"
    zcx("import", str(corpus_files[0]), library=lib)
    show = json.loads(zcx("show", "1", "--json", library=lib).stdout)
    text = zcx("text", "1", library=lib).stdout
    assert show["outline"], "outline is empty"
    first = show["outline"][0]
    assert set(first) == {"label", "heading", "path", "level", "start", "end", "children"}
    assert text[first["start"] :].startswith(first["label"])
    child = first["children"][0]
    assert child["path"].startswith(first["path"] + "/")


def test_env_library_and_list(tmp_path: Path, corpus_files):
    lib = tmp_path / "envlib"
    assert zcx("init", "--sample", env_library=lib).returncode == 0
    rows = json.loads(zcx("list", "--json", env_library=lib).stdout)
    assert len(rows) == len(corpus_files)
    assert (lib / "library.sqlite").exists()


def test_unknown_document_is_a_clear_error(tmp_path: Path):
    proc = zcx("show", "42", library=tmp_path / "lib")
    assert proc.returncode == 1
    assert "42" in proc.stderr and "Traceback" not in proc.stderr


def test_paste_from_stdin(tmp_path: Path):
    proc = zcx("paste", "--json", library=tmp_path / "lib", stdin="一、总体要求\n坚持创新。\n二、任务\n加强合作。")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["clauses"] == 2
