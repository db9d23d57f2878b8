"""Hand a comparison to the briefing-pack composer as tables, and condense a row's diff for a cell."""

from __future__ import annotations

import logging
from typing import Any

from zcx_desktop.core.compare import AlignedRow, Comparison
from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.compare")

CELL_LIMIT = 120


def short(text: str, limit: int = CELL_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def change_digest(row: AlignedRow) -> str:
    """What changed in a row, in a few words: 删去「…」 / 新增「…」, or the whole clause."""
    if row.status == "added":
        return tr("compare.digest.added", text=short("\n".join(u.content for u in row.b_units), 80))
    if row.status == "deleted":
        return tr(
            "compare.digest.deleted", text=short("\n".join(u.content for u in row.a_units), 80)
        )
    parts = []
    for op, text in row.diff:
        if op == "-" and text.strip():
            parts.append(tr("compare.digest.removed_piece", text=short(text, 40)))
        elif op == "+" and text.strip():
            parts.append(tr("compare.digest.added_piece", text=short(text, 40)))
    if not parts:
        return tr(f"compare.status.{row.status}")
    return short("；".join(parts), CELL_LIMIT)


def changes_table(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the changed-rows table (status, A clause, B clause, what changed, numbers)."""
    headers = [
        tr(f"compare.brief.{key}") for key in ("status", "a_path", "b_path", "digest", "numbers")
    ]
    rows = []
    for row in comparison.changed_rows():
        rows.append(
            [
                tr(f"compare.status.{row.status}"),
                "、".join(u.path for u in row.a_units),
                "、".join(u.path for u in row.b_units),
                change_digest(row),
                "；".join(f"{c.a}→{c.b}" for c in row.number_changes),
            ]
        )
    return headers, rows


def numbers_table(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the number-changes table."""
    headers = [tr(f"compare.brief.{key}") for key in ("b_path", "indicator", "old", "new")]
    rows = [[c.b_path or c.a_path, c.indicator, c.a, c.b] for c in comparison.number_changes]
    return headers, rows


def comparison_title(comparison: Comparison) -> str:
    return tr(
        "compare.brief.title",
        a=short(comparison.a.title or "A", 30),
        b=short(comparison.b.title or "B", 30),
    )


def add_to_brief(window: Any, comparison: Comparison) -> Any:
    """Add the changed rows (and the number changes, if any) to the composer; None without it."""
    composer = getattr(window, "brief_composer", None)
    if composer is None:
        log.info("brief composer not installed; nothing to add to")
        return None
    title = comparison_title(comparison)
    headers, rows = changes_table(comparison)
    dialog = composer.add_table(title, headers, rows)
    if comparison.number_changes:
        headers, rows = numbers_table(comparison)
        dialog = composer.add_table(tr("compare.brief.numbers_title", title=title), headers, rows)
    return dialog
