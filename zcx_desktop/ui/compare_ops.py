"""Background ops of the comparison views: `fn(library, job)` calling only the core, never widgets."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zcx_desktop.core.compare import (
    AlignedRow,
    Comparison,
    Side,
    compare_documents,
    compare_texts,
    comparison_to_csv,
    comparison_to_html,
    similar_clauses,
)
from zcx_desktop.core.model import Clause

log = logging.getLogger("zcx.ui.compare")

Span = tuple[int, int, str]


@dataclass
class ComparisonResult:
    """A finished comparison and the annotation spans (start, end, colour) of each side."""

    comparison: Comparison
    annotations: dict[str, list[Span]] = field(default_factory=dict)
    clause_pair: bool = False


def annotation_spans(library: Any, doc_id: int | None) -> list[Span]:
    """The document's annotations as coloured spans ([] when the annotations area is absent)."""
    if doc_id is None:
        return []
    try:
        from zcx_desktop.core.annotations import annotation_store
    except ImportError:
        return []
    try:
        store = annotation_store(library)
        layers = {layer.id: layer for layer in store.layers()} if hasattr(store, "layers") else {}
        spans = []
        for ann in store.for_document(doc_id):
            layer = layers.get(ann.layer_id)
            if layer is not None and not layer.visible:
                continue
            color = ann.color or (layer.color if layer else "#d08000")
            spans.append((ann.start, ann.end, color))
        return spans
    except Exception:  # annotations are a bonus here; never fail the comparison for them
        log.exception("could not load annotations of document %s", doc_id)
        return []


def compare_documents_op(doc_a: int, doc_b: int):
    """Op: compare two library documents (progress and cancel through the job)."""

    def run(library: Any, job: Any) -> ComparisonResult:
        comparison = compare_documents(
            library, doc_a, doc_b, progress=job.progress, cancelled=job.cancelled
        )
        spans = {"a": annotation_spans(library, doc_a), "b": annotation_spans(library, doc_b)}
        return ComparisonResult(comparison, spans)

    return run


def compare_clauses_op(doc_a: int, path_a: str, doc_b: int, path_b: str):
    """Op: compare one clause of document A with one clause of document B."""

    def run(library: Any, job: Any) -> ComparisonResult:
        side_a, clause_a = _clause_side(library, doc_a, path_a)
        side_b, clause_b = _clause_side(library, doc_b, path_b)
        row = clause_row(side_a, clause_a, side_b, clause_b)
        summary = {"counts": {row.status: 1}, "sections": [], "number_changes": []}
        comparison = Comparison(a=side_a, b=side_b, rows=[row], summary=summary)
        spans = {"a": annotation_spans(library, doc_a), "b": annotation_spans(library, doc_b)}
        return ComparisonResult(comparison, spans, clause_pair=True)

    return run


def _clause_side(library: Any, doc_id: int, path: str) -> tuple[Side, Clause]:
    from zcx_desktop.core.errors import NotFound

    document = library.get_document(doc_id)
    clauses = library.get_clauses(doc_id)
    clause = next((c for c in clauses if c.path == path), None)
    if clause is None:
        raise NotFound(f"文档 {doc_id} 中没有条款 {path}")
    return Side(document.text or "", clauses, document.meta.title, doc_id), clause


def clause_row(side_a: Side, clause_a: Clause, side_b: Side, clause_b: Clause) -> AlignedRow:
    """compare_texts on the two clauses' own text, with units and number offsets put back in place."""
    a_start, a_end = _body_span(side_a.text, clause_a)
    b_start, b_end = _body_span(side_b.text, clause_b)
    row = compare_texts(side_a.text[a_start:a_end], side_b.text[b_start:b_end])
    row.a_units = [_placed(row.a_units[0], clause_a, a_start, a_end)]
    row.b_units = [_placed(row.b_units[0], clause_b, b_start, b_end)]
    row.number_changes = [
        replace(
            c,
            a_start=c.a_start + a_start,
            a_end=c.a_end + a_start,
            b_start=c.b_start + b_start,
            b_end=c.b_end + b_start,
            a_path=clause_a.path,
            b_path=clause_b.path,
        )
        for c in row.number_changes
    ]
    return row


def _body_span(text: str, clause: Clause) -> tuple[int, int]:
    start = clause.start + (len(clause.label) if text.startswith(clause.label, clause.start) else 0)
    end = clause.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _placed(unit: Any, clause: Clause, start: int, end: int) -> Any:
    return replace(
        unit,
        path=clause.path,
        label=clause.label,
        heading=clause.heading,
        level=clause.level,
        top=clause.path.split("/")[0],
        start=start,
        end=end,
    )


def similar_op(doc_id: int, clause_path: str, limit: int = 30):
    """Op: the most similar clauses of other documents (builds the cache on first use)."""

    def run(library: Any, job: Any) -> list:
        job.progress(0, 0, "")
        return similar_clauses(library, doc_id, clause_path, limit)

    return run


def export_op(comparison: Comparison, path: Path, kind: str, only_changes: bool = False):
    """Op: write the comparison as HTML or CSV (CSV with a BOM so spreadsheet programs read UTF-8)."""

    def run(_library: Any, _job: Any) -> Path:
        if kind == "csv":
            path.write_text(comparison_to_csv(comparison), encoding="utf-8-sig", newline="")
        else:
            path.write_text(
                comparison_to_html(comparison, only_changes=only_changes), encoding="utf-8"
            )
        return path

    return run


def document_clauses_op(doc_id: int):
    """Op: a document's clauses (for picking one to compare)."""

    def run(library: Any, _job: Any) -> list[Clause]:
        return library.get_clauses(doc_id)

    return run
