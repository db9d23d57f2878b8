"""Single-writer lock on a library folder: a second app instance learns who holds it.

`LibraryLock(path).acquire()` takes an OS-level exclusive lock on `<library>/.lock`
(fcntl.flock on POSIX, msvcrt.locking on Windows) and writes the holder's pid, host name
and start time into the file. The OS drops the lock when the holder dies, so the lock of
a crashed or killed instance is simply taken over; only a live holder blocks.

    lock = LibraryLock(library_dir)
    try:
        lock.acquire()
    except LibraryInUse as busy:
        print(busy.holder)          # LockHolder(pid, hostname, started), or None
        ... offer Library.open(path, read_only=True)
    ...
    lock.release()
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from zcx_desktop.core.errors import LibraryError

log = logging.getLogger("zcx.lock")

LOCK_NAME = ".lock"


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) a library lock, as written in the lock file."""

    pid: int
    hostname: str
    started: str  # ISO 8601 local time

    def describe(self) -> str:
        """A short Chinese description for the "library in use" dialog."""
        return f"计算机 {self.hostname} 上的进程 {self.pid}（{self.started} 启动）"

    def to_json(self) -> dict[str, Any]:
        return {"pid": self.pid, "hostname": self.hostname, "started": self.started}


class LibraryInUse(LibraryError):
    """Another running instance holds the library's write lock."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "另一个程序"
        super().__init__(f"文库 {path} 正在被{who}使用。可以以只读方式打开，或先关闭另一个窗口。")


class LibraryLock:
    """An exclusive, crash-safe write lock on one library folder (not re-entrant)."""

    def __init__(self, library_dir: Path) -> None:
        self.library_dir = Path(library_dir)
        self.lock_path = self.library_dir / LOCK_NAME
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> LockHolder:
        """Take the lock or raise LibraryInUse (naming the holder); returns our own holder record."""
        if self._file is not None:
            return self._read_holder_of(self._file) or _me()
        handle = self._open_lock_file()
        if not _try_lock(handle):
            holder = self._read_holder_of(handle)
            handle.close()
            raise LibraryInUse(self.library_dir, holder)
        previous = self._read_holder_of(handle)
        if previous is not None and previous.pid != os.getpid():
            log.info("taking over the lock left by %s", previous.describe())
        me = _me()
        _write_holder(handle, me)
        self._file = handle
        return me

    def release(self) -> None:
        """Give the lock up (the file stays: removing it would race with a new holder)."""
        handle, self._file = self._file, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
        except OSError:
            pass
        _unlock(handle)
        handle.close()

    def holder(self) -> LockHolder | None:
        """The current holder if the library is locked by someone (or by us), else None."""
        if self._file is not None:
            return self._read_holder_of(self._file)
        if not self.lock_path.exists():
            return None
        try:
            handle = self._open_lock_file()
        except LibraryError:
            return None
        try:
            if _try_lock(handle):
                _unlock(handle)
                return None  # nobody holds it (a stale record of a dead process does not count)
            return self._read_holder_of(handle)
        finally:
            handle.close()

    def __enter__(self) -> LibraryLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    # -- file handling -------------------------------------------------------------
    def _open_lock_file(self) -> IO[str]:
        try:
            self.library_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise LibraryError(
                f"无法创建文库锁文件 {self.lock_path}（目录只读或磁盘已满？）：{err.strerror or err}"
            ) from err
        return os.fdopen(fd, "r+", encoding="utf-8")

    @staticmethod
    def _read_holder_of(handle: IO[str]) -> LockHolder | None:
        try:
            handle.seek(_RECORD_OFFSET)
            data = json.loads(handle.read() or "null")
            return LockHolder(int(data["pid"]), str(data["hostname"]), str(data["started"]))
        except (OSError, ValueError, TypeError, KeyError):
            return None


# The record is written after a one-byte region that Windows locks (msvcrt locks byte ranges
# and forbids reading a locked range from another process); POSIX flock locks the whole file
# but reading stays allowed, so the same layout works on both.
_RECORD_OFFSET = 1


def _me() -> LockHolder:
    return LockHolder(os.getpid(), socket.gethostname(), datetime.now().isoformat(timespec="seconds"))


def _write_holder(handle: IO[str], holder: LockHolder) -> None:
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(" " + json.dumps(holder.to_json(), ensure_ascii=False))
        handle.flush()
        os.fsync(handle.fileno())
    except OSError as err:
        log.warning("could not write lock holder record: %s", err)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except OSError:
            pass
