"""Clause comparison: alignment, Chinese-aware diff, number changes, similar clauses, HTML/CSV export.

Public API (what the CLI and the window call):
    compare_sides(a, b, progress=None, cancelled=None) -> Comparison  # any two (text, clauses) sides
    compare_documents(library, doc_a, doc_b, progress=None, cancelled=None) -> Comparison
    compare_texts(a_text, b_text) -> AlignedRow             # two clauses / passages, no alignment
    similar_clauses(library, doc_id, clause_path, limit) -> list[SimilarClause]
    similar_index(library) -> SimilarIndex   # build / sync the cache ahead of time (background op)
    comparison_to_html(comparison) -> str ; comparison_to_csv(comparison) -> str
"""

from __future__ import annotations

from typing import Any

from zcx_desktop.core.compare.engine import ComparisonCancelled, compare_sides, number_changes
from zcx_desktop.core.compare.export import comparison_to_csv, comparison_to_html
from zcx_desktop.core.compare.model import AlignedRow, Comparison, NumberChange, Side, Unit
from zcx_desktop.core.compare.similar import (
    SimilarClause,
    SimilarIndex,
    close_similar_indexes,
    similar_clauses,
    similar_index,
)
from zcx_desktop.core.compare.textdiff import diff_texts
from zcx_desktop.core.compare.vectors import (
    bigram_counts,
    cosine,
    inverse_document_frequency,
    weigh,
)

__all__ = [
    "AlignedRow",
    "Comparison",
    "ComparisonCancelled",
    "NumberChange",
    "Side",
    "SimilarClause",
    "SimilarIndex",
    "Unit",
    "align_clauses",
    "close_similar_indexes",
    "compare_documents",
    "compare_sides",
    "compare_texts",
    "comparison_to_csv",
    "comparison_to_html",
    "diff_texts",
    "side_from_library",
    "similar_clauses",
    "similar_index",
]


def side_from_library(library: Any, doc_id: int) -> Side:
    """A library document as a comparison side (raises NotFound for an unknown id)."""
    doc = library.get_document(doc_id)
    return Side(doc.text or "", library.get_clauses(doc_id), doc.meta.title, doc_id)


def compare_documents(
    library: Any, doc_a: int, doc_b: int, progress: Any = None, cancelled: Any = None
) -> Comparison:
    """Compare two documents of the library (A = older / reference, B = newer / other)."""
    a, b = side_from_library(library, doc_a), side_from_library(library, doc_b)
    return compare_sides(a, b, progress=progress, cancelled=cancelled)


def align_clauses(a: Side, b: Side) -> list[AlignedRow]:
    """Just the aligned rows of comparing `a` with `b`."""
    return compare_sides(a, b).rows


def compare_texts(a_text: str, b_text: str) -> AlignedRow:
    """Diff two passages directly (e.g. two clauses the user picked), with number changes."""
    a_unit = Unit(0, "A", "", "", 1, "A", 0, len(a_text), a_text)
    b_unit = Unit(0, "B", "", "", 1, "B", 0, len(b_text), b_text)
    a_vec = weigh(bigram_counts(a_text), *_idf_pair(a_text, b_text))
    b_vec = weigh(bigram_counts(b_text), *_idf_pair(a_text, b_text))
    same = a_text == b_text
    return AlignedRow(
        "same" if same else "changed",
        [a_unit],
        [b_unit],
        cosine(a_vec, b_vec),
        diff_texts(a_text, b_text),
        [] if same else number_changes([a_unit], [b_unit], a_text, b_text),
        content_changed=not same,
    )


def _idf_pair(a_text: str, b_text: str) -> tuple[dict[str, float], float]:
    idf, _size = inverse_document_frequency([bigram_counts(a_text), bigram_counts(b_text)])
    return idf, 1.0
