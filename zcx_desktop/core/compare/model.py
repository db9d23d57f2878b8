"""Result model of a comparison: aligned rows, number changes and a per-section summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zcx_desktop.core.model import Clause

STATUSES: tuple[str, ...] = ("same", "changed", "added", "deleted", "moved", "split", "merged")
DiffOp = tuple[str, str]  # ("=" | "-" | "+", text)


@dataclass
class Side:
    """One side of a comparison: a document's clean text and its clauses (document order)."""

    text: str
    clauses: list[Clause]
    title: str = ""
    doc_id: int | None = None


@dataclass
class Unit:
    """A comparable piece of one side: a clause's own text without its label, or the preamble."""

    index: int  # position in the side's unit list (document order)
    path: str  # citation path; "前言" for the text before the first clause
    label: str
    heading: str
    level: int
    top: str  # path of the top-level section the unit belongs to
    start: int  # absolute offsets of `content` in the side's clean text
    end: int
    content: str
    clause_index: int | None = None
    parent_unit: int | None = None


@dataclass
class NumberChange:
    """A number whose value differs between two aligned clauses, with both values and context."""

    a: str
    b: str
    kind: str  # percent | amount | year | period | date | count
    indicator: str  # the words the number measures, e.g. 全社会研发投入占地区生产总值比重
    context: str
    a_start: int  # absolute offsets in each side's clean text
    a_end: int
    b_start: int
    b_end: int
    a_path: str = ""
    b_path: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "indicator": self.indicator,
            "context": self.context,
            "a_span": [self.a_start, self.a_end],
            "b_span": [self.b_start, self.b_end],
        }


@dataclass
class AlignedRow:
    """One row of the side-by-side view: zero or more A units against zero or more B units."""

    status: str
    a_units: list[Unit]
    b_units: list[Unit]
    similarity: float
    diff: list[DiffOp] = field(default_factory=list)
    number_changes: list[NumberChange] = field(default_factory=list)
    content_changed: bool = False  # for moved/split/merged rows: did the wording change too

    @property
    def a_path(self) -> str | None:
        return self.a_units[0].path if self.a_units else None

    @property
    def b_path(self) -> str | None:
        return self.b_units[0].path if self.b_units else None

    @property
    def section(self) -> str:
        unit = self.a_units[0] if self.a_units else self.b_units[0]
        return unit.top

    def to_json(self) -> dict[str, Any]:
        return {
            "a_path": self.a_path,
            "b_path": self.b_path,
            "a_paths": [u.path for u in self.a_units],
            "b_paths": [u.path for u in self.b_units],
            "a_spans": [[u.start, u.end] for u in self.a_units],
            "b_spans": [[u.start, u.end] for u in self.b_units],
            "status": self.status,
            "similarity": round(self.similarity, 3),
            "content_changed": self.content_changed,
            "number_changes": [change.to_json() for change in self.number_changes],
            "diff": [[op, text] for op, text in self.diff],
        }


@dataclass
class Comparison:
    """The whole comparison of side A with side B, in B-reading order (deleted rows placed where they were)."""

    a: Side
    b: Side
    rows: list[AlignedRow]
    summary: dict[str, Any]

    @property
    def number_changes(self) -> list[NumberChange]:
        return [change for row in self.rows for change in row.number_changes]

    def changed_rows(self) -> list[AlignedRow]:
        return [row for row in self.rows if row.status != "same"]

    def to_json(self) -> dict[str, Any]:
        return {
            "a": {"doc_id": self.a.doc_id, "title": self.a.title},
            "b": {"doc_id": self.b.doc_id, "title": self.b.title},
            "pairs": [row.to_json() for row in self.rows],
            "summary": self.summary,
        }
