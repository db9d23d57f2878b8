"""Shared start-up of the frozen executables: parse-worker dispatch and multiprocessing support."""

from __future__ import annotations

import multiprocessing
import sys


def run_worker_if_asked() -> None:
    """The isolated parser re-starts this executable with --zcx-parse-worker (see core.isolate)."""
    from zcx_desktop.core.isolate import WORKER_FLAG, worker_entry

    if WORKER_FLAG in sys.argv:
        worker_entry()
        raise SystemExit(0)
    multiprocessing.freeze_support()  # the search index may use worker processes
