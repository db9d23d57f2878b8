"""Turn a stored document (metadata, clean text, clauses, notes) into index entries."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zcx_desktop.core.model import Clause, Document

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


def build_entries(
    doc: Document, clauses: list[Clause], notes: dict[str, list[str]] | None = None
) -> list[dict[str, Any]]:
    """One entry per clause (its own text) plus one for the text outside all clauses (path "")."""
    text = doc.text or ""
    notes = dict(notes or {})
    info = DocInfo.from_document(doc)
    common = _common_fields(info)
    known_paths = {c.path for c in clauses}
    orphan_notes = [n for path, ns in notes.items() if path not in known_paths for n in ns]
    segments = uncovered_segments(text, clauses)
    entries = [
        {
            **common,
            "entry_key": f"{doc.id}/-1",
            "kind": "doc",
            "clause_index": -1,
            "clause_path": PREAMBLE_PATH,
            "segments": [[s, e - s] for s, e in segments],
            "text": "\n".join(text[s:e] for s, e in segments),
            "notes": "\n".join(orphan_notes),
            "heading": "",
        }
    ]
    for clause in clauses:
        own = text[clause.start : clause.body_end]
        entries.append(
            {
                **common,
                "entry_key": f"{doc.id}/{clause.index}",
                "kind": "clause",
                "clause_index": clause.index,
                "clause_path": clause.path,
                "segments": [[clause.start, len(own)]],
                "text": own,
                "notes": "\n".join(notes.get(clause.path, [])),
                "heading": clause.heading,
            }
        )
    return entries


def _common_fields(info: DocInfo) -> dict[str, Any]:
    return {"doc_key": str(info.doc_id), "doc_id": info.doc_id}


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
