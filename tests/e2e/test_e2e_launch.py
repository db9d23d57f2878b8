"""End to end: launch the real programs as subprocesses (GUI offscreen, `python -m zcx_desktop`, `zcx`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "ZCX_EXIT_WHEN_READY": "1",
            "ZCX_CONFIG_DIR": str(tmp_path / "config"),
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        }
    )
    env.pop("ZCX_LIBRARY", None)
    env.pop("DISPLAY", None)
    return env


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=REPO, env=_env(tmp_path), capture_output=True, text=True, timeout=TIMEOUT_S
    )


def _document_count(library_dir: Path) -> int:
    from zcx_desktop.core.library import Library

    with Library.open(library_dir, create=False) as library:
        return len(library.list_documents())


def _assert_clean_exit(process: subprocess.CompletedProcess[str]) -> None:
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr, process.stderr
    assert "ERROR" not in process.stderr, process.stderr


def test_gui_starts_on_an_existing_library_and_exits_cleanly(tmp_path: Path):
    from zcx_desktop.core.sample import import_sample_library
    from zcx_desktop.core.session import open_session

    library_dir = tmp_path / "lib"
    library = open_session(library_dir)
    import_sample_library(library)
    library.close()
    process = _run([sys.executable, "main.py", "--library", str(library_dir)], tmp_path)
    _assert_clean_exit(process)
    ready = [line for line in process.stdout.splitlines() if line.startswith("ready ")]
    assert ready and float(ready[0].split()[1]) < TIMEOUT_S
    assert _document_count(library_dir) == 3


def test_gui_with_sample_imports_the_sample_library(tmp_path: Path):
    library_dir = tmp_path / "lib"
    process = _run([sys.executable, "main.py", "--library", str(library_dir), "--sample"], tmp_path)
    _assert_clean_exit(process)
    assert any(line.startswith("ready ") for line in process.stdout.splitlines())
    assert _document_count(library_dir) == 3


def test_python_m_zcx_desktop_help_lists_the_commands(tmp_path: Path):
    process = _run([sys.executable, "-m", "zcx_desktop", "--help"], tmp_path)
    _assert_clean_exit(process)
    for command in ("import", "list", "collections", "search"):
        assert command in process.stdout


def test_zcx_entry_point_runs_a_command(tmp_path: Path):
    zcx = Path(sys.executable).with_name("zcx")
    if not zcx.exists():
        found = shutil.which("zcx")
        if found is None:
            pytest.skip("the zcx entry point is not installed (pip install -e .)")
        zcx = Path(found)
    library_dir = tmp_path / "lib"
    process = _run([str(zcx), "--library", str(library_dir), "init", "--sample", "--json"], tmp_path)
    _assert_clean_exit(process)
    process = _run([str(zcx), "--library", str(library_dir), "collections", "add", "示例", "1", "2"],
                   tmp_path)
    _assert_clean_exit(process)
    process = _run([str(zcx), "--library", str(library_dir), "collections"], tmp_path)
    _assert_clean_exit(process)
    assert "示例  (2)" in process.stdout
    assert _document_count(library_dir) == 3
