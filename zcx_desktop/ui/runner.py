"""Background ops: run a function on the library off the GUI thread and report back by signals.

    runner.run(fn, on_done=..., on_failed=..., on_progress=..., writes=True)

`fn(library, job)` runs on a QThreadPool thread (each thread opens its own SQLite
connection through `Library.connect()`); `job.progress(n, total, text)` reports progress and
`job.cancelled()` tells whether the user asked to stop. Ops marked `writes=True` hold
`library.write_lock` for their whole run, so writes go through one lane. Every job has an id;
callers can drop results of stale jobs. Callbacks run on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("zcx.ui.runner")

_job_ids = itertools.count(1)


@dataclass
class Failure:
    """An exception raised inside an op, with its formatted traceback."""

    error: BaseException
    traceback: str


class JobSignals(QObject):
    """Signals of one job (created on the GUI thread, emitted from the worker)."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class Job:
    """Handle of one background op: id, progress reporting and cancellation."""

    def __init__(self, label: str) -> None:
        self.id = next(_job_ids)
        self.label = label
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.finished = False

    def progress(self, number: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(number, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _OpRunnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], library: Any, job: Job, writes: bool) -> None:
        super().__init__()
        self.fn = fn
        self.library = library
        self.job = job
        self.writes = writes

    def run(self) -> None:
        lane = (
            self.library.write_lock if self.writes and self.library is not None else nullcontext()
        )
        try:
            with lane:
                result = self.fn(self.library, self.job)
        except Exception as err:  # noqa: BLE001  (reported to the GUI thread, never lost)
            self.job.signals.failed.emit(Failure(err, traceback.format_exc()))
            return
        self.job.signals.done.emit(result)


class Runner(QObject):
    """Runs ops on a small thread pool; failures go to `on_failed` or the app's error handler."""

    def __init__(self, library: Any, error_handler: Callable[[Failure], None], parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.error_handler = error_handler
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._jobs: dict[int, Job] = {}
        self.closed = False

    def run(
        self,
        fn: Callable[[Any, Job], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Failure], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        writes: bool = False,
        label: str = "",
    ) -> Job:
        """Start `fn(library, job)` in the background; returns the job handle."""
        job = Job(label or getattr(fn, "__name__", "op"))
        self._jobs[job.id] = job
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        job.signals.done.connect(lambda result: self._finish(job, on_done, result))
        job.signals.failed.connect(lambda failure: self._fail(job, on_failed, failure))
        self.pool.start(_OpRunnable(fn, self.library, job, writes))
        return job

    def active_jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def wait(self, msecs: int = 30000) -> bool:
        """Block until all ops ended (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 10000) -> None:
        """Cancel running ops, wait for them, and drop any result still on its way to the GUI."""
        self.closed = True
        for job in self.active_jobs():
            job.cancel()
        self.wait(msecs)

    def _finish(self, job: Job, callback: Callable[[Any], None] | None, result: Any) -> None:
        self._forget(job)
        if callback is not None and not self.closed:
            callback(result)

    def _fail(self, job: Job, callback: Callable[[Failure], None] | None, failure: Failure) -> None:
        self._forget(job)
        if self.closed:
            log.warning("job %s (%s) failed after shutdown: %s", job.id, job.label, failure.error)
            return
        log.debug("job %s (%s) failed: %s", job.id, job.label, failure.error)
        (callback or self.error_handler)(failure)

    def _forget(self, job: Job) -> None:
        job.finished = True
        self._jobs.pop(job.id, None)
