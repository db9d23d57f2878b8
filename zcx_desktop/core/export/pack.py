"""Plain-data input of the briefing-pack composer (no library, no Qt): what to print and how."""

from __future__ import annotations

from dataclasses import dataclass, field

from zcx_desktop.core.annotations.model import Annotation, Layer
from zcx_desktop.core.model import Clause, DocumentMeta

LAYOUTS: tuple[str, ...] = ("reading", "gbt9704")
NOTE_MODES: tuple[str, ...] = ("margin", "end")
FORMATS: tuple[str, ...] = ("pdf", "md", "html")


@dataclass
class ChartSpec:
    """A simple bar chart of one indicator (e.g. a target over years or units)."""

    title: str
    labels: list[str]
    values: list[float]
    unit: str = ""


@dataclass
class TableSection:
    """A generic table appended after the documents (targets, duties, comparison rows...)."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""
    col_widths: list[float] | None = None  # relative weights, e.g. [1, 3, 1]
    chart: ChartSpec | None = None


@dataclass
class DocumentSection:
    """One document of the pack with its clauses and the annotations to print."""

    meta: DocumentMeta
    text: str
    clauses: list[Clause] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    layers: list[Layer] = field(default_factory=list)
    only_annotated: bool = False
    layer_filter: list[str] | None = None  # layer names; None = every visible layer
    doc_id: int | None = None
    ranges: list[tuple[int, int]] | None = None  # print only these text spans (search hits, a unit's tasks)


@dataclass
class BriefingPack:
    """Everything the composer chose: cover fields, layout, note placement, documents, tables."""

    title: str
    subtitle: str = ""
    unit: str = ""  # 编印单位
    date: str = ""
    classification: str = ""  # 密级, e.g. 内部
    copy_no: str = ""  # 份号
    watermark: str = ""  # e.g. 内部资料 注意保存
    author: str = ""
    subject: str = ""
    layout: str = "reading"  # "reading" | "gbt9704"
    notes: str = "margin"  # "margin" | "end" (公文 always uses endnotes)
    toc: bool = True
    use_system_fonts: bool = True  # 公文: prefer installed 仿宋/小标宋
    sections: list[DocumentSection] = field(default_factory=list)
    extra_sections: list[TableSection] = field(default_factory=list)


@dataclass
class ExportResult:
    """What was written; `to_json()` is the CLI contract object."""

    path: str
    pages: int
    bytes: int
    format: str = "pdf"
    fonts: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "pages": self.pages, "bytes": self.bytes}
