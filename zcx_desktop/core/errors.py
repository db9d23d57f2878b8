"""Errors a user can understand and fix (KnownError) versus bugs (everything else)."""

from __future__ import annotations


class KnownError(Exception):
    """A problem the user can act on; `str(err)` is a clear Chinese message."""


class ImportFailed(KnownError):
    """A file could not be imported; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class LibraryError(KnownError):
    """The library cannot be opened or written (newer schema, locked, disk full...)."""


class NotFound(KnownError):
    """A document, clause or annotation that the caller named does not exist."""
