"""Task tables imported as text: a header row (序号 任务 牵头单位 配合单位 完成时限) and its rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLE_COLUMNS = {
    "牵头单位": r"(?:牵头(?:责任)?(?:单位|部门|处室|科室|股室)?)",
    "配合单位": r"(?:(?:配合|参与|协办|协同|协助|协作)(?:单位|部门|处室|科室|股室)?)",
    "责任单位": r"(?:(?:主要)?(?:责任|主责|实施|承办|落实|负责)(?:单位|部门|处室|科室|股室|主体))",
    "完成时限": r"(?:完成时限|完成时间|时间节点|时间安排|时限要求|时限|完成期限)",
}
TASK_COLUMN_RE = re.compile(
    r"(?:重点|主要|工作|具体|目标)?任务(?:内容|名称|措施|举措)?|(?:重点|主要)?工作(?:内容|措施)?"
    r"|主要内容|具体措施|工作举措"
)
_NOTE_RE = r"(?:[（(][^（）()]{0,10}[）)])?"


@dataclass
class TableRow:
    """One row read under a header: the labelled unit text and the row's own task cell."""

    content: str
    task: str


def header_columns(cells: list[str]) -> list[str] | None:
    """Column kinds of a header row (a 牵头/责任/配合 label, "task" or ""), None if not a header."""
    kinds: list[str] = []
    for cell in cells:
        squashed = re.sub(r"\s+", "", cell)
        label = next(
            (
                name
                for name, pattern in ROLE_COLUMNS.items()
                if re.fullmatch(pattern + _NOTE_RE, squashed)
            ),
            "",
        )
        kinds.append(label or ("task" if TASK_COLUMN_RE.fullmatch(squashed) else ""))
    has_unit_column = any(kind and kind not in ("task", "完成时限") for kind in kinds)
    return kinds if has_unit_column else None


def read_row(cells: list[str], columns: list[str]) -> TableRow | None:
    """The row as 牵头单位：…；配合单位：… text (None when it names no unit)."""
    if len(cells) > len(columns) or len(cells) < 2:
        return None
    parts: list[str] = []
    task = ""
    for cell, kind in zip(cells, columns):
        if kind == "task":
            task = cell
        elif kind and cell.strip("—-－/／ 无"):
            parts.append(f"{kind}：{cell}")
    if not any(not part.startswith("完成时限") for part in parts):
        return None
    if not task:
        task = max((c for c, k in zip(cells, columns) if not k), key=len, default="")
    return TableRow("；".join(parts), task.rstrip("。；;"))
