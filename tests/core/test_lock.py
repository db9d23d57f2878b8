"""Single-writer library lock: exclusion, holder record, stale lock take-over, release."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zcx_desktop.core.lock import LibraryInUse, LibraryLock

REPO = Path(__file__).resolve().parents[2]

HOLD_SCRIPT = """
import sys, time
from pathlib import Path
from zcx_desktop.core.lock import LibraryLock
lock = LibraryLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
time.sleep(120)
"""


def start_holder(folder: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(folder)], stdout=subprocess.PIPE, text=True,
        cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_second_lock_is_refused_and_names_holder(tmp_path: Path) -> None:
    first = LibraryLock(tmp_path)
    me = first.acquire()
    try:
        assert me.pid == os.getpid() and me.hostname == socket.gethostname()
        with pytest.raises(LibraryInUse) as caught:
            LibraryLock(tmp_path).acquire()
        assert caught.value.holder == me
        assert str(os.getpid()) in str(caught.value) and "只读" in str(caught.value)
        assert LibraryLock(tmp_path).holder() == me
    finally:
        first.release()
    second = LibraryLock(tmp_path)
    second.acquire()
    second.release()


def test_other_process_holds_the_lock(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    try:
        with pytest.raises(LibraryInUse) as caught:
            LibraryLock(tmp_path).acquire()
        assert caught.value.holder is not None and caught.value.holder.pid == holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_of_killed_process_is_taken_over(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    lock = LibraryLock(tmp_path)
    assert lock.holder() is None  # the record of a dead process does not count
    me = lock.acquire()
    try:
        assert me.pid == os.getpid()
        assert LibraryLock(tmp_path).holder() == me
    finally:
        lock.release()


def test_release_clears_record_and_is_idempotent(tmp_path: Path) -> None:
    with LibraryLock(tmp_path) as lock:
        assert lock.held
    assert not lock.held
    lock.release()
    assert LibraryLock(tmp_path).holder() is None
    assert (tmp_path / ".lock").exists()


def test_acquire_twice_on_same_object_is_harmless(tmp_path: Path) -> None:
    lock = LibraryLock(tmp_path)
    first = lock.acquire()
    try:
        assert lock.acquire().pid == first.pid
    finally:
        lock.release()


def test_unwritable_folder_gives_clear_message(tmp_path: Path) -> None:
    from zcx_desktop.core.errors import LibraryError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryError) as caught:
        LibraryLock(blocker / "lib").acquire()
    assert "锁文件" in str(caught.value)


def test_lock_timing(tmp_path: Path) -> None:
    started = time.perf_counter()
    for _ in range(50):
        with LibraryLock(tmp_path):
            pass
    assert time.perf_counter() - started < 5
