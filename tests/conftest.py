"""Test-wide safety: offscreen Qt, and no test ever touches the real home or data dirs."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

_SANDBOX = Path(tempfile.mkdtemp(prefix="zcx-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HOME"] = str(_SANDBOX / "home")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ.pop("ZCX_LIBRARY", None)
for sub in ("home", "data", "config", "cache"):
    (_SANDBOX / sub).mkdir(parents=True, exist_ok=True)


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to reach the network (ZCX must work fully offline)."""


def _block_inet(original):
    def guarded(sock, address, *args, **kwargs):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked(f"network access attempted: {address!r}")
        return original(sock, address, *args, **kwargs)

    return guarded


socket.socket.connect = _block_inet(socket.socket.connect)  # type: ignore[method-assign]
socket.socket.connect_ex = _block_inet(socket.socket.connect_ex)  # type: ignore[method-assign]
socket.socket.sendto = _block_inet(socket.socket.sendto)  # type: ignore[method-assign]


def _no_dns(*args, **kwargs):
    raise NetworkBlocked(f"network access attempted: DNS lookup {args[:1]!r}")


socket.getaddrinfo = _no_dns  # type: ignore[assignment]
socket.gethostbyname = _no_dns  # type: ignore[assignment]
socket.gethostbyname_ex = _no_dns  # type: ignore[assignment]


def _guard_qt_binding() -> None:
    """PySide6 6.12.0 on Python 3.11 leaks references to True/None on every emit (see qtcompat)."""
    try:
        from zcx_desktop.ui.qtcompat import pin_singletons
    except ImportError:
        return
    pin_singletons()


_guard_qt_binding()

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "resources" / "sample"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture
def corpus_files() -> list[Path]:
    """The real policy documents bundled as the sample library."""
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def library(tmp_path: Path):
    """A fresh, empty library in a temp folder, closed after the test."""
    from zcx_desktop.core.session import open_session

    lib = open_session(tmp_path / "lib")
    yield lib
    lib.close()
