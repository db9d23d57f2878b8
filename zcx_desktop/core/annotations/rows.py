"""SQL row <-> dataclass conversion for the layers and annotations tables."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from zcx_desktop.core.annotations.model import STYLES, Annotation, Layer
from zcx_desktop.core.errors import KnownError

COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")

ANNOTATION_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "layer_id", "start", "end", "quote", "prefix", "suffix", "clause_path",
    "style", "color", "note", "tags", "author", "created", "modified", "status",
    "original_quote", "anchored_hash", "doc_number", "doc_title",
)
_SELECT = ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
LAYER_COLUMNS = "id, name, color, position, visible, author"


class InvalidValue(KnownError):
    """A colour, style, name or span the user gave is not acceptable."""


def now_iso() -> str:
    """UTC timestamp with microseconds, so quick successive edits stay ordered."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def check_color(color: str | None, *, allow_none: bool = False) -> str | None:
    if color is None and allow_none:
        return None
    if color is None or not COLOR_RE.match(color):
        raise InvalidValue(f"颜色格式应为 #RRGGBB，收到：{color!r}")
    return color.upper()


def check_style(style: str) -> str:
    if style not in STYLES:
        raise InvalidValue(f"样式应为 {' / '.join(STYLES)} 之一，收到：{style!r}")
    return style


def clean_tags(tags: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for tag in tags:
        tag = str(tag).strip()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def row_to_layer(row: sqlite3.Row) -> Layer:
    return Layer(
        id=row["id"], name=row["name"], color=row["color"], position=row["position"],
        visible=bool(row["visible"]), author=row["author"],
    )


def row_to_annotation(row: sqlite3.Row) -> Annotation:
    doc_id = row["doc_id"]
    return Annotation(
        id=row["id"], doc_id=doc_id, layer_id=row["layer_id"], start=row["start"],
        end=row["end"], quote=row["quote"], prefix=row["prefix"], suffix=row["suffix"],
        clause_path=row["clause_path"], style=row["style"], color=row["color"],
        note=row["note"], tags=list(json.loads(row["tags"] or "[]")), author=row["author"],
        created=row["created"], modified=row["modified"],
        status="orphan" if doc_id is None else row["status"],
        original_quote=row["original_quote"], doc_number=row["doc_number"],
        doc_title=row["doc_title"],
    )


def select_annotations(conn: sqlite3.Connection, where: str = "1", params: tuple = ()) -> list[Annotation]:
    rows = conn.execute(
        f'SELECT {_SELECT} FROM annotations WHERE {where} ORDER BY doc_id, start, "end", created',
        params,
    ).fetchall()
    return [row_to_annotation(r) for r in rows]


def anchored_hash_of(conn: sqlite3.Connection, ann_id: str) -> str:
    row = conn.execute("SELECT anchored_hash FROM annotations WHERE id = ?", (ann_id,)).fetchone()
    return "" if row is None else str(row[0])


def write_annotation(conn: sqlite3.Connection, ann: Annotation, anchored_hash: str) -> None:
    """Insert or replace one annotation row."""
    values = (
        ann.id, ann.doc_id, ann.layer_id, ann.start, ann.end, ann.quote, ann.prefix, ann.suffix,
        ann.clause_path, ann.style, ann.color, ann.note, json.dumps(ann.tags, ensure_ascii=False),
        ann.author, ann.created, ann.modified, ann.status, ann.original_quote, anchored_hash,
        ann.doc_number, ann.doc_title,
    )
    marks = ", ".join("?" for _ in ANNOTATION_COLUMNS)
    conn.execute(f"INSERT OR REPLACE INTO annotations ({_SELECT}) VALUES ({marks})", values)


def delete_annotation(conn: sqlite3.Connection, ann_id: str) -> None:
    conn.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))
