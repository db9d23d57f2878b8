"""The bundled sample library (real public policy documents in resources/sample)."""

from __future__ import annotations

from zcx_desktop.core.library import ImportResult, Library
from zcx_desktop.paths import sample_dir


def import_sample_library(library: Library) -> list[ImportResult]:
    """Import every bundled sample document (already present ones are recognised)."""
    return library.import_paths([sample_dir()])
