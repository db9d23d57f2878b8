"""Errors raised by export that the user can fix (bad options, unwritable output, missing fonts)."""

from __future__ import annotations

from zcx_desktop.core.errors import KnownError


class ExportError(KnownError):
    """The briefing pack cannot be written; the message says why in Chinese."""
