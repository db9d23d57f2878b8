"""Annotation data classes: layers and anchored annotations (W3C Web Annotation-like selectors)."""

from __future__ import annotations

from dataclasses import dataclass, field

STYLES: tuple[str, ...] = ("highlight", "underline", "strike")
STATUSES: tuple[str, ...] = ("anchored", "fuzzy", "orphan")


@dataclass
class Layer:
    """A named, coloured, ordered group of annotations (重点 / 待核实 / 领导关注 ...)."""

    id: int
    name: str
    color: str  # "#RRGGBB"
    position: int = 0
    visible: bool = True
    author: str = ""


@dataclass
class Annotation:
    """A highlight/underline/strike on a span of a document's clean text, with a Markdown note.

    Selectors: `start`/`end` (TextPosition), `quote` with `prefix`/`suffix` (~32 chars,
    TextQuote) and `clause_path`. `status` tells how it was last anchored.
    """

    id: str  # UUID
    doc_id: int
    layer_id: int
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    clause_path: str = ""
    style: str = "highlight"
    color: str | None = None  # own colour, else the layer's
    note: str = ""  # Markdown
    tags: list[str] = field(default_factory=list)
    author: str = ""
    created: str = ""  # ISO 8601 UTC
    modified: str = ""
    status: str = "anchored"
