"""Work-arounds for bugs of the installed Qt binding, applied once at start-up.

PySide6 6.12.0 on CPython < 3.12: `SignalInstance.emit()` returns `True` without taking a
reference, and a Python `QRunnable.run` returning `None` loses one, so every emit from
Python (and every pooled job) lowers the reference count of `True`/`None` by one. After a
few hundred emits the interpreter aborts with "deallocating True or False". CPython 3.12+
makes these singletons immortal, which hides the bug; on 3.11 we do the same by giving them
a huge reference count (`pin_singletons`). Harmless when the bug is absent.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger("zcx.ui")

_PIN = 1 << 40  # far more emits than a process will ever make
_state = {"pinned": False}


def emit_leaks_true() -> bool:
    """True when a Python-side signal emit steals a reference to `True` (the PySide6 6.12 bug)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(20):
        probe.ping.emit()
    leaked = sys.getrefcount(True) < before - 10
    if leaked:  # give back what the probe took
        for _ in range(20):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return leaked


def pin_singletons() -> bool:
    """Make True, False and None effectively immortal on CPython < 3.12; returns True if applied."""
    if _state["pinned"] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not emit_leaks_true():
        return False
    for singleton in (True, False, None):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _PIN
    _state["pinned"] = True
    log.info("PySide6 emit() reference bug detected: True/False/None pinned")
    return True
