"""Turn a stored document (metadata, clean text, notes) into its index entry; read notes from SQLite."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zcx_desktop.core.model import Clause, Document
from zcx_desktop.core.search.analysis import fold

log = logging.getLogger("zcx.search")

PREAMBLE_PATH = ""


@dataclass
class DocInfo:
    """Document-level facts kept in memory for filters, facets and date sorting."""

    doc_id: int
    title: str
    issuer: str
    doc_number: str
    region: str
    level: str
    status: str
    year: int
    date: str
    tags: tuple[str, ...]
    clause_count: int = 0
    folded_title: str = ""  # for the title bonus

    @classmethod
    def from_document(cls, doc: Document) -> DocInfo:
        meta = doc.meta
        date = meta.written_date or meta.published_date
        return cls(
            doc_id=doc.id,
            title=meta.title or meta.notice_title or doc.original_name,
            issuer=meta.issuer,
            doc_number=meta.doc_number,
            region=meta.region,
            level=meta.level,
            status=meta.status,
            year=year_of(date),
            date=date,
            tags=tuple(doc.tags),
            clause_count=doc.clause_count,
            folded_title=fold(meta.title or meta.notice_title or doc.original_name),
        )


def year_of(date: str) -> int:
    head = date[:4]
    return int(head) if len(head) == 4 and head.isdigit() else 0


def uncovered_segments(text: str, clauses: list[Clause]) -> list[tuple[int, int]]:
    """Stretches of text outside every clause's own text: the title and preamble (and any tail)."""
    owned = sorted((c.start, c.body_end) for c in clauses if c.body_end > c.start)
    segments: list[tuple[int, int]] = []
    cursor = 0
    for start, end in owned:
        if start > cursor:
            segments.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text):
        segments.append((cursor, len(text)))
    return [(s, e) for s, e in segments if text[s:e].strip()]


def build_entry(doc: Document, notes: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The document's one index entry: the terms of its clean text and of its notes."""
    all_notes = [note for ns in (notes or {}).values() for note in ns]
    return {
        "doc_key": str(doc.id),
        "kind": "doc",
        "doc_id": doc.id,
        "text": doc.text or "",
        "notes": "\n".join(all_notes),
    }


def read_notes(conn: sqlite3.Connection, doc_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
    """Notes per document and clause path; empty when the annotations table does not exist yet."""
    ids = list(doc_ids)
    found: dict[int, dict[str, list[str]]] = {i: {} for i in ids}
    if not ids:
        return found
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='annotations'"
        ).fetchone()
        if not exists:
            return found
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT doc_id, clause_path, note FROM annotations WHERE doc_id IN ({marks})",
                chunk,
            )
            for doc_id, path, note in rows:
                if note:
                    found.setdefault(doc_id, {}).setdefault(path or "", []).append(note)
    except sqlite3.Error as err:
        log.warning("notes not readable, indexing without them: %s", err)
    return found
