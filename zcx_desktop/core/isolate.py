"""Parse untrusted files in a reusable child process with time and memory limits.

A crafted or broken file must never hang, crash or exhaust the app (calibre does the same
for its full-text extraction). `parse_file(path)` sends the path to one persistent worker
process (multiprocessing "spawn": safe even when the parent holds Qt threads), waits at
most a size-scaled time limit and turns a timeout, a crash or a memory blow-up into
`ImportFailed` with a clear Chinese message. The worker is restarted after any of those.

Set `ZCX_ISOLATE=0` to parse in-process (debugging only).
"""

from __future__ import annotations

import atexit
import importlib
import logging
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from zcx_desktop.core.errors import ImportFailed, KnownError
from zcx_desktop.core.model import ParsedDocument

log = logging.getLogger("zcx.isolate")

DEFAULT_PARSER = "zcx_desktop.core.ingest:ingest_file"

MSG_TIMEOUT = "解析超时（文件可能已损坏或过于复杂），已停止解析"
MSG_MEMORY = "解析时内存不足（文件可能已损坏或过于复杂），已停止解析"
MSG_CRASH = "解析时解析程序意外退出（文件可能已损坏），已停止解析"
MSG_BUG = "解析此文件时程序出错（{kind}），详情已记入日志"
MSG_TEXT_TOO_LARGE = "文件过大（{size} MB，文本文件上限 {limit} MB），不像是一份公文，已拒绝导入"
MSG_FILE_TOO_LARGE = "文件过大（{size} MB，上限 {limit} MB），已拒绝导入"

TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})


@dataclass(frozen=True)
class Limits:
    """Resource limits for one parse: time (base + per MB, capped), memory and file size."""

    base_seconds: float = 30.0
    seconds_per_mb: float = 3.0
    max_seconds: float = 300.0
    memory_bytes: int = 2 * 1024**3  # address space the worker may add after start-up
    max_text_mb: float = 32.0  # .txt/.md/.html: no policy document comes near this
    max_file_mb: float = 256.0  # .docx/.pdf (embedded images make these larger)

    def seconds_for(self, size: int) -> float:
        """Time limit for a file of `size` bytes."""
        return min(self.max_seconds, self.base_seconds + self.seconds_per_mb * size / 1e6)


class IsolatedParser:
    """One persistent worker process; `parse(path)` is thread-safe (calls are serialised)."""

    def __init__(self, limits: Limits | None = None, parser: str = DEFAULT_PARSER) -> None:
        self.limits = limits or Limits()
        self.parser = parser
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self.restarts = 0

    # -- public ------------------------------------------------------------------
    def parse(self, path: Path) -> ParsedDocument:
        """Parse one file in the worker; raises ImportFailed on any failure."""
        path = Path(path)
        size = _file_size(path)
        _check_size(path, size, self.limits)
        with self._lock:
            return self._parse_locked(path, self.limits.seconds_for(size))

    def start(self) -> None:
        """Start the worker now (e.g. while the GUI shows its window) instead of on first use."""
        with self._lock:
            self._ensure_worker()

    def close(self) -> None:
        """Stop the worker (it is started again on the next parse)."""
        with self._lock:
            self._stop_worker(graceful=True)

    @property
    def worker_pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    # -- worker management -------------------------------------------------------
    def _parse_locked(self, path: Path, seconds: float) -> ParsedDocument:
        conn = self._ensure_worker()
        name = str(path)
        try:
            conn.send(("parse", name))
            if not conn.poll(seconds):
                log.warning("parse of %s timed out after %.0f s; restarting worker", name, seconds)
                self._stop_worker(graceful=False)
                raise ImportFailed(name, MSG_TIMEOUT)
            status, payload = conn.recv()
        except (EOFError, OSError, BrokenPipeError) as err:
            exitcode = self._stop_worker(graceful=False)
            log.warning("parse worker died on %s (exit code %s): %s", name, exitcode, err)
            raise ImportFailed(name, _death_message(exitcode)) from None
        return self._result(name, status, payload)

    def _result(self, name: str, status: str, payload: Any) -> ParsedDocument:
        if status == "ok":
            return payload  # type: ignore[no-any-return]
        if status == "failed":
            raise ImportFailed(name, str(payload))
        if status == "known":
            raise ImportFailed(name, str(payload))
        if status == "memory":
            self._stop_worker(graceful=False)  # a MemoryError may leave the worker unsound
            raise ImportFailed(name, MSG_MEMORY)
        kind, trace = payload
        log.error("parser bug on %s:\n%s", name, trace)
        raise ImportFailed(name, MSG_BUG.format(kind=kind))

    def _ensure_worker(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._stop_worker(graceful=False)
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=worker_main,
            args=(child_end, self.parser, self.limits.memory_bytes),
            name="zcx-parse-worker",
            daemon=True,
        )
        process.start()
        child_end.close()
        self._process, self._conn = process, parent_end
        self.restarts += 1
        log.debug("parse worker started (pid %s)", process.pid)
        return parent_end

    def _stop_worker(self, *, graceful: bool) -> int | None:
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if process is None:
            return None
        if graceful and conn is not None and process.is_alive():
            try:
                conn.send(("stop", ""))
                process.join(2)
            except (OSError, BrokenPipeError):
                pass
        if process.is_alive():
            process.kill()
        process.join(5)
        if conn is not None:
            conn.close()
        return process.exitcode  # type: ignore[no-any-return]


# -- module-level default --------------------------------------------------------

_default: IsolatedParser | None = None
_default_lock = threading.Lock()


def default_parser() -> IsolatedParser:
    """The process-wide parser used by `Library.import_file`."""
    global _default
    with _default_lock:
        if _default is None:
            _default = IsolatedParser()
            atexit.register(_default.close)
        return _default


def isolation_enabled() -> bool:
    return os.environ.get("ZCX_ISOLATE", "1").strip() not in ("0", "false", "no", "off")


def parse_file(path: Path) -> ParsedDocument:
    """Parse an untrusted file safely (child process); raises ImportFailed with a clear message."""
    if not isolation_enabled():
        from zcx_desktop.core.ingest import ingest_file

        return ingest_file(Path(path))
    return default_parser().parse(Path(path))


# -- helpers (parent side) ---------------------------------------------------------

def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        raise ImportFailed(str(path), "文件不存在") from None
    except OSError as err:
        raise ImportFailed(str(path), f"无法读取：{err.strerror or err}") from None


def _check_size(path: Path, size: int, limits: Limits) -> None:
    megabytes = size / 1024**2
    text_like = path.suffix.lower() in TEXT_SUFFIXES
    limit = limits.max_text_mb if text_like else limits.max_file_mb
    if megabytes <= limit:
        return
    template = MSG_TEXT_TOO_LARGE if text_like else MSG_FILE_TOO_LARGE
    raise ImportFailed(str(path), template.format(size=f"{megabytes:.0f}", limit=f"{limit:g}"))


def _death_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0 and -exitcode == 9:
        return MSG_MEMORY  # SIGKILL: most often the kernel's out-of-memory killer
    return MSG_CRASH


# -- worker (child side) ------------------------------------------------------------

def worker_main(conn: Connection, parser: str, memory_bytes: int) -> None:
    """Child process loop: receive paths, reply (status, payload) until told to stop."""
    _limit_memory(memory_bytes)
    parse = _load_parser(parser)
    while True:
        try:
            command, argument = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if command == "stop":
            return
        reply = _parse_one(parse, argument)
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", ""))
        if reply[0] == "memory":
            return


def _parse_one(parse: Callable[[Path], ParsedDocument], name: str) -> tuple[str, Any]:
    try:
        return "ok", parse(Path(name))
    except ImportFailed as err:
        return "failed", err.problem
    except KnownError as err:
        return "known", str(err)
    except MemoryError:
        return "memory", ""
    except RecursionError:
        return "failed", "文件结构嵌套过深，无法解析"
    except Exception as err:  # a bug in a reader: report it, keep the app alive
        return "bug", (type(err).__name__, traceback.format_exc())


def _load_parser(dotted: str) -> Callable[[Path], ParsedDocument]:
    module_name, _, attribute = dotted.partition(":")
    function: Callable[[Path], ParsedDocument] = getattr(
        importlib.import_module(module_name), attribute
    )
    return function


def _limit_memory(extra_bytes: int) -> None:
    """Cap the worker's address space at its size now plus `extra_bytes` (POSIX only)."""
    if sys.platform == "win32" or extra_bytes <= 0:
        return
    import resource

    current = _address_space_bytes()
    limit = current + extra_bytes
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as err:
        log.warning("could not limit parse worker memory: %s", err)


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 512 * 1024**2  # macOS and friends: a generous guess of the start-up size
