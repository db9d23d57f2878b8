"""Undo/redo of annotation changes as before/after snapshots (Qt-free; the GUI maps Ctrl+Z here)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from zcx_desktop.core.annotations.model import Annotation

UNDO_LIMIT = 200
NOTE_MERGE_SECONDS = 3.0  # successive autosaves of one note collapse into one undo step


@dataclass
class Command:
    """One undoable change: the state of each touched annotation before and after (None = absent)."""

    label: str
    before: dict[str, Annotation | None]
    after: dict[str, Annotation | None]
    merge_key: str = ""  # commands with the same key, close in time, merge (note typing)
    text_hashes: dict[int, str] = field(default_factory=dict)  # doc id -> text hash when applied
    stamp: float = field(default_factory=time.monotonic)

    def doc_ids(self) -> set[int]:
        states = list(self.before.values()) + list(self.after.values())
        return {a.doc_id for a in states if a is not None and a.doc_id is not None}


class UndoStack:
    """Linear undo history; a new command clears the redo side."""

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self._lock = threading.Lock()

    def push(self, command: Command) -> None:
        with self._lock:
            self._undone.clear()
            last = self._done[-1] if self._done else None
            if last and command.merge_key and last.merge_key == command.merge_key and (
                command.stamp - last.stamp < NOTE_MERGE_SECONDS
            ):
                last.after = command.after
                last.stamp = command.stamp
                return
            self._done.append(command)
            del self._done[: -self._limit]

    def peek_undo(self) -> Command | None:
        return self._done[-1] if self._done else None

    def peek_redo(self) -> Command | None:
        return self._undone[-1] if self._undone else None

    def mark_undone(self, command: Command) -> None:
        """Call after `command` (from peek_undo) was successfully reverted."""
        with self._lock:
            if self._done and self._done[-1] is command:
                self._done.pop()
                self._undone.append(command)

    def mark_redone(self, command: Command) -> None:
        """Call after `command` (from peek_redo) was successfully re-applied."""
        with self._lock:
            if self._undone and self._undone[-1] is command:
                self._undone.pop()
                self._done.append(command)

    def forget_document(self, doc_id: int) -> None:
        """Drop history touching a document whose text was replaced (offsets no longer valid)."""
        with self._lock:
            self._done = [c for c in self._done if doc_id not in c.doc_ids()]
            self._undone = [c for c in self._undone if doc_id not in c.doc_ids()]

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
            self._undone.clear()
