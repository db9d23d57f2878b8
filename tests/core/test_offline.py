"""Offline by construction: starting the core, importing (also hostile HTML with remote
resources), searching, annotating, exporting and starting the GUI open no network socket."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.hostile_factory import POLICY

REPO = Path(__file__).resolve().parents[2]


class NetworkUsed(AssertionError):
    """Raised by the guard when code tries to reach the network."""


@pytest.fixture
def no_network(monkeypatch):
    """Every way of reaching the network raises and is recorded."""
    attempts: list[str] = []

    def guard(name: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:2] if name.startswith('socket.') else args[:1]}")
            raise NetworkUsed(f"network use: {name}")
        return blocked

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, guard(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, guard(name))
    return attempts


def sample_files(folder: Path) -> list[Path]:
    from tests.core import fixtures_factory as ff

    folder.mkdir()
    (folder / "policy.txt").write_text(POLICY, encoding="utf-8")
    (folder / "remote.html").write_text(
        "<html><head><link rel=stylesheet href='http://x.example/a.css'>"
        "<script src='https://x.example/a.js'></script></head><body>"
        "<img src='http://tracker.example/p.gif'><iframe src='https://x.example'></iframe>"
        + POLICY.replace("安全生产", "网页导入").replace("\n", "<br>") + "</body></html>",
        encoding="utf-8",
    )
    (folder / "remote.md").write_text(
        "![x](http://tracker.example/p.gif)\n\n" + POLICY.replace("安全生产", "标记文本"), encoding="utf-8"
    )
    ff.make_docx(folder / "policy.docx", lambda d: [d.add_paragraph(line) for line in
                                                  POLICY.replace("安全生产", "文档格式").splitlines()])
    return sorted(folder.iterdir())


def exercise_core(tmp_path: Path) -> None:
    from zcx_desktop.core.annotations import annotation_store
    from zcx_desktop.core.export import export_pack
    from zcx_desktop.core.export.library_pack import PackOptions, pack_from_library
    from zcx_desktop.core.search import index_for
    from zcx_desktop.core.session import open_session

    library = open_session(tmp_path / "lib")
    try:
        results = library.import_paths(sample_files(tmp_path / "in"))
        assert all(r.ok for r in results), [r.error for r in results]
        index = index_for(library)
        index.ensure_ready()
        assert index.search("安全生产").total_docs == 1
        doc_ids = library.document_ids()
        annotation_store(library).annotate_quote(doc_ids[0], "总体要求", note="见 http://example.com")
        pack = pack_from_library(library, doc_ids, PackOptions(title="离线测试"))
        for fmt in ("pdf", "md", "html"):
            out = export_pack(pack, tmp_path / f"pack.{fmt}", fmt)
            assert Path(out.path).stat().st_size > 0
    finally:
        library.close()


def test_core_opens_no_socket_in_process(tmp_path: Path, no_network, monkeypatch) -> None:
    monkeypatch.setenv("ZCX_ISOLATE", "0")  # parse in this process, under the guard
    exercise_core(tmp_path)
    assert no_network == []


def test_core_opens_no_socket_with_isolated_parsing(tmp_path: Path, no_network) -> None:
    exercise_core(tmp_path)
    assert no_network == []


def test_the_guard_really_blocks(no_network) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    assert len(no_network) == 2


GUI_SCRIPT = r"""
import os, socket, sys
attempts = []
def guard(name):
    def blocked(*args, **kwargs):
        attempts.append(name)
        raise OSError("network blocked by test: " + name)
    return blocked
for name in ("connect", "connect_ex", "sendto", "bind"):
    setattr(socket.socket, name, guard("socket." + name))
for name in ("create_connection", "getaddrinfo", "gethostbyname"):
    setattr(socket, name, guard(name))
from zcx_desktop.ui.app import main
code = main(["--library", sys.argv[1], "--sample"])
sys.stdout.write(f"ATTEMPTS {len(attempts)} {attempts}\n")
sys.exit(code)
"""


@pytest.mark.skipif(importlib.util.find_spec("zcx_desktop.ui.app") is None, reason="no GUI yet")
def test_gui_start_opens_no_socket(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZCX_EXIT_WHEN_READY="1", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", GUI_SCRIPT, str(tmp_path / "lib")], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ready" in done.stdout
    assert "ATTEMPTS 0 []" in done.stdout, done.stdout
