"""Shared helpers for the extraction tests."""

from __future__ import annotations

from zcx_desktop.core.extract import extract_targets
from zcx_desktop.core.ingest import ingest_text


def scoped_targets(text):
    """(indicator, value, unit, year, scope) of every target found in a whole document."""
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    return {(t.indicator, t.value, t.unit, t.year, t.scope) for t in targets}
