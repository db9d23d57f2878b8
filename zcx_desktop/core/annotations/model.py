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
    doc_id: int | None  # None once the document was deleted (the annotation is kept, orphan)
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
    original_quote: str = ""  # the quote as first written, kept when re-anchoring changed it
    doc_number: str = ""  # snapshot of the document's 文号 / title (for orphans and exchange)
    doc_title: str = ""

    def to_json(self, layer_name: str = "") -> dict[str, object]:
        """The CLI contract object."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "layer": layer_name,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "clause_path": self.clause_path,
            "note": self.note,
            "tags": list(self.tags),
            "style": self.style,
            "color": self.color,
            "author": self.author,
            "created": self.created,
            "modified": self.modified,
            "status": self.status,
        }


@dataclass
class ChangeSet:
    """What one mutation changed, so a view can refresh only that."""

    label: str
    created: list[str] = field(default_factory=list)  # annotation ids
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    doc_ids: set[int] = field(default_factory=set)
    annotations: list[Annotation] = field(default_factory=list)  # new state of created/updated
    layers_changed: bool = False
    notes_changed: bool = False  # a note was added, edited or removed (the search index cares)

    @property
    def empty(self) -> bool:
        return not (self.created or self.updated or self.deleted or self.layers_changed)
