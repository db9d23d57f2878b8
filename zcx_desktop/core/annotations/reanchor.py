"""Re-anchoring stored annotations after a document's text changed (re-import) or came back."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any

from zcx_desktop.core.annotations.anchoring import (
    ANCHORED,
    FUZZY,
    ORPHAN,
    ClauseIndex,
    Placement,
    TextSelector,
    locate,
    make_selector,
)
from zcx_desktop.core.annotations.model import Annotation
from zcx_desktop.core.annotations.rows import select_annotations, write_annotation

log = logging.getLogger("zcx.annotations")

_RANK = {ANCHORED: 0, FUZZY: 1, ORPHAN: 2}


@dataclass
class ReanchorItem:
    """What happened to one annotation."""

    id: str
    status: str  # anchored | fuzzy | orphan
    method: str  # position | quote | context | fuzzy | none
    old_start: int
    start: int
    end: int
    score: float

    @property
    def moved(self) -> bool:
        return self.old_start != self.start


@dataclass
class ReanchorReport:
    """Outcome of re-anchoring one document's annotations."""

    doc_id: int
    items: list[ReanchorItem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def changed(self) -> bool:
        return bool(self.items)

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    def changed_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "total": self.total,
            "anchored": self.count(ANCHORED),
            "moved": sum(1 for item in self.items if item.moved and item.status != ORPHAN),
            "fuzzy": self.count(FUZZY),
            "orphan": self.count(ORPHAN),
            "items": [item.__dict__ for item in self.items],
        }


def selector_of(ann: Annotation) -> TextSelector:
    return TextSelector(ann.start, ann.end, ann.quote, ann.prefix, ann.suffix, ann.clause_path)


def replace_placed(
    ann: Annotation, text: str, placement: Placement, clauses: ClauseIndex | None
) -> Annotation:
    """The annotation moved to `placement` with fresh selectors (or marked orphan, selectors kept)."""
    if not placement.found:
        return replace(ann, status=ORPHAN, original_quote=ann.original_quote or ann.quote)
    selector = make_selector(text, placement.start, placement.end, clauses)
    previous = ann.status if ann.status != ORPHAN else ANCHORED
    status = max(previous, placement.status, key=_RANK.__getitem__)
    original = ann.original_quote
    if selector.quote != ann.quote and not original:
        original = ann.quote
    return replace(
        ann, start=selector.start, end=selector.end, quote=selector.quote,
        prefix=selector.prefix, suffix=selector.suffix,
        clause_path=selector.clause_path or ann.clause_path, status=status,
        original_quote=original,
    )


def reanchor_stale(lib: Any, doc_id: int, *, force: bool = False) -> ReanchorReport:
    """Re-place every annotation of `doc_id` anchored against another text (all if `force`)."""
    report = ReanchorReport(doc_id)
    conn = lib.connect()
    current = conn.execute("SELECT text_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if current is None:
        return report
    where = "doc_id = ?" if force else "doc_id = ? AND anchored_hash != ?"
    params: tuple = (doc_id,) if force else (doc_id, current["text_hash"])
    if not force and not conn.execute(f"SELECT 1 FROM annotations WHERE {where} LIMIT 1", params).fetchone():
        return report
    started = time.perf_counter()
    with lib.transaction() as tx:  # read and write under the write lane: no lost concurrent edit
        row = tx.execute("SELECT text, text_hash, doc_number, title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        params = (doc_id,) if force else (doc_id, row["text_hash"])
        stale = select_annotations(tx, where, params)
        placed = _place_all(row["text"], stale, lib.get_clauses(doc_id), report)
        for ann in placed:
            write_annotation(tx, replace(ann, doc_number=row["doc_number"], doc_title=row["title"]), row["text_hash"])
    report.seconds = time.perf_counter() - started
    log.info("re-anchored %d annotations of document %s in %.3f s: %s", report.total, doc_id,
             report.seconds, {k: v for k, v in report.to_json().items() if k != "items"})
    return report


def adopt_detached(lib: Any, doc_id: int) -> ReanchorReport | None:
    """Give annotations orphaned by deleting a document back to a document with the same text."""
    conn = lib.connect()
    row = conn.execute("SELECT text, text_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    with lib.transaction() as tx:
        detached = select_annotations(tx, "doc_id IS NULL AND anchored_hash = ?", (row["text_hash"],))
        if not detached:
            return None
        report = ReanchorReport(doc_id)
        adopted = [replace(a, doc_id=doc_id, status=ANCHORED) for a in detached]
        for ann in _place_all(row["text"], adopted, lib.get_clauses(doc_id), report):
            write_annotation(tx, ann, row["text_hash"])
    return report


def _place_all(text: str, anns: list[Annotation], clauses: list, report: ReanchorReport) -> list[Annotation]:
    index = ClauseIndex(clauses) if clauses else None
    placed = []
    for ann in anns:
        placement = locate(text, selector_of(ann), index)
        new = replace_placed(ann, text, placement, index)
        placed.append(new)
        report.items.append(ReanchorItem(ann.id, new.status, placement.method, ann.start,
                                         new.start, new.end, placement.score))
    return placed


def place_annotation(text: str, ann: Annotation, clauses: list) -> tuple[Annotation, Placement]:
    """Locate one annotation (e.g. an imported one) in a local text."""
    index = ClauseIndex(clauses) if clauses else None
    placement = locate(text, selector_of(ann), index)
    return replace_placed(ann, text, placement, index), placement

