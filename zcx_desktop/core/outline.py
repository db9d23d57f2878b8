"""Clause list ↔ nested outline (the `zcx show` contract and the reader's outline tree)."""

from __future__ import annotations

from typing import Any

from zcx_desktop.core.model import Clause


def outline_tree(clauses: list[Clause]) -> list[dict[str, Any]]:
    """Nest the flat clause list: `[{"label","heading","path","level","start","end","children"}]`."""
    nodes: list[dict[str, Any]] = []
    roots: list[dict[str, Any]] = []
    for clause in clauses:
        node = {
            "label": clause.label,
            "heading": clause.heading,
            "path": clause.path,
            "level": clause.level,
            "start": clause.start,
            "end": clause.end,
            "children": [],
        }
        nodes.append(node)
        if clause.parent is None:
            roots.append(node)
        else:
            nodes[clause.parent]["children"].append(node)
    return roots


def clause_at(clauses: list[Clause], offset: int) -> Clause | None:
    """The deepest clause containing `offset` (None in the preamble)."""
    found: Clause | None = None
    for clause in clauses:
        if clause.start <= offset < clause.end and (found is None or clause.level >= found.level):
            found = clause
    return found
