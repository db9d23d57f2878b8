"""Result data classes of policy extraction: targets, duties, citations (table/matrix ready)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

TARGET_KINDS: tuple[str, ...] = ("level", "increment", "growth", "change")
ROLES: tuple[str, ...] = ("lead", "responsible", "cooperate")


@dataclass
class Target:
    """One quantitative target: indicator, comparator, value, unit, year/period, scope, source.

    `kind`: level (达到X), increment (新增X), growth (增长X%), change (提高X个百分点).
    `year_source`: where the year came from: item | paragraph | clause | document | "".
    `start`/`end` index the document's clean text (the sentence).
    """

    indicator: str
    canonical: str | None
    comparator: str
    value: float
    unit: str
    year: int | None = None
    period: str = ""
    scope: str = ""
    clause_path: str = ""
    sentence: str = ""
    qualifier: str = ""  # 以上 / 以下 / 左右 written after the value
    kind: str = "level"
    year_source: str = ""
    value_text: str = ""  # the number as written, e.g. "18.5"
    doc_id: int | None = None
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        """The `zcx targets --json` contract object (plus a few extra keys)."""
        return {
            "doc_id": self.doc_id,
            "clause_path": self.clause_path,
            "indicator": self.indicator,
            "canonical": self.canonical,
            "comparator": self.comparator,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "period": self.period,
            "scope": self.scope,
            "sentence": self.sentence,
            "qualifier": self.qualifier,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class UnitRef:
    """One responsible unit as written and normalised, with its role."""

    text: str  # as written (after inheriting an omitted 市/省 prefix)
    name: str  # normalised through the alias list
    role: str = "responsible"  # lead | responsible | cooperate


@dataclass
class Duty:
    """A task clause with its responsible units (牵头/责任/配合单位)."""

    task: str
    units: list[UnitRef]
    raw: str
    clause_path: str = ""
    deadline: str = ""
    doc_id: int | None = None
    start: int = 0  # offsets of `raw` in the clean text
    end: int = 0

    @property
    def lead_units(self) -> list[str]:
        return _unique(u.name for u in self.units if u.role == "lead")

    @property
    def unit_names(self) -> list[str]:
        return _unique(u.name for u in self.units)

    def to_json(self) -> dict[str, Any]:
        """The `zcx duties --json` contract object (plus roles and deadline)."""
        return {
            "doc_id": self.doc_id,
            "clause_path": self.clause_path,
            "task": self.task,
            "lead_units": self.lead_units,
            "units": self.unit_names,
            "raw": self.raw,
            "deadline": self.deadline,
            "roles": [asdict(u) for u in self.units],
        }


@dataclass
class Citation:
    """A reference to another policy: 《title》 and/or 文号, resolved against the library."""

    text: str
    title: str = ""
    doc_number: str = ""
    clause_path: str = ""
    count: int = 1
    resolved_doc_id: int | None = None
    doc_id: int | None = None
    start: int = 0
    end: int = 0

    def key(self) -> tuple[str, str]:
        return (self.title, self.doc_number)

    def to_json(self) -> dict[str, Any]:
        """The `zcx cites --json` contract object (plus where and how often)."""
        return {
            "text": self.text,
            "doc_number": self.doc_number,
            "title": self.title,
            "resolved_doc_id": self.resolved_doc_id,
            "clause_path": self.clause_path,
            "count": self.count,
        }


@dataclass
class MatrixCell:
    """The tasks one unit holds in one clause: role and the duty (for a click-through)."""

    role: str
    duty: Duty


@dataclass
class ResponsibilityMatrix:
    """Units × tasks: `units` rows, `tasks` columns, `cells[(unit, task_index)]`."""

    units: list[str] = field(default_factory=list)
    tasks: list[Duty] = field(default_factory=list)
    cells: dict[tuple[str, int], MatrixCell] = field(default_factory=dict)

    def tasks_of(self, unit: str) -> list[MatrixCell]:
        """Every task the unit leads or shares, in document order."""
        return [self.cells[(unit, i)] for i in range(len(self.tasks)) if (unit, i) in self.cells]

    def role(self, unit: str, task_index: int) -> str:
        cell = self.cells.get((unit, task_index))
        return cell.role if cell else ""


def _unique(items: Any) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
