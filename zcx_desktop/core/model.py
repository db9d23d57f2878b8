"""Plain data classes shared by every core module (documents, clauses, metadata)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

METADATA_FIELDS: tuple[str, ...] = (
    "title",
    "notice_title",
    "doc_number",
    "issuer",
    "written_date",
    "published_date",
    "status",
    "source_url",
    "region",
    "level",
)


@dataclass
class DocumentMeta:
    """Metadata extracted at import; every field editable later. Empty string = unknown."""

    title: str = ""  # the policy's own title (行动计划/实施方案...), whole
    notice_title: str = ""  # 关于印发…的通知, when the document is wrapped in one
    doc_number: str = ""  # 文号, normalised to 〔〕 brackets: 锡政办发〔2018〕91号
    issuer: str = ""  # 发文机关
    written_date: str = ""  # 成文日期, ISO YYYY-MM-DD
    published_date: str = ""  # 发布日期, ISO YYYY-MM-DD
    status: str = ""  # 文件状态: 执行中 / 有效 / 废止 ...
    source_url: str = ""
    region: str = ""  # 无锡市, 江苏省 ...
    level: str = ""  # 省级 / 市级 / 区县级

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Clause:
    """One numbered unit of a document (一、 / （一） / 1. / （1） / ① / 第X章 / 第X条 / 附件).

    Offsets index the document's clean text. `start`..`end` covers the clause and all of
    its descendants; `start`..`body_end` is the clause's own text (up to its first child).
    `parent` and `index` are positions in the document's flat clause list (document order).
    """

    index: int
    label: str  # as written, e.g. "（二）", "3.", "第五条"
    heading: str  # "总体要求" when the clause opens with a heading, else ""
    level: int  # 1 = top level
    ordinal: int  # numeric value of the label: （三） -> 3, 第十二条 -> 12
    path: str  # citation path "三/（二）/2"
    start: int
    end: int
    body_end: int
    parent: int | None = None
    kind: str = "item"  # "chapter" | "section" | "article" | "item" | "annex"

    def text(self, clean_text: str) -> str:
        return clean_text[self.start : self.end]

    def body(self, clean_text: str) -> str:
        return clean_text[self.start : self.body_end]


@dataclass
class ParsedDocument:
    """The result of ingesting one file, before it is stored."""

    text: str  # clean text: the document and nothing else
    meta: DocumentMeta
    clauses: list[Clause]
    removed_lines: list[str] = field(default_factory=list)  # boilerplate, for provenance
    warnings: list[str] = field(default_factory=list)  # e.g. numbering gaps
    source_format: str = "txt"  # txt | html | docx | pdf | md | paste
    encoding: str = ""  # detected encoding of text files


@dataclass
class Document:
    """A stored document (metadata plus, when loaded, its clean text)."""

    id: int
    meta: DocumentMeta
    content_hash: str
    original_name: str
    source_format: str
    imported_at: str
    clause_count: int = 0
    warnings: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    text: str | None = None
