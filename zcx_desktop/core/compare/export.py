"""Export a comparison as a standalone HTML page (all text escaped) or as CSV."""

from __future__ import annotations

import csv
import io
from html import escape

from zcx_desktop.core.compare.model import AlignedRow, Comparison

STATUS_NAMES = {
    "same": "未变",
    "changed": "修改",
    "added": "新增",
    "deleted": "删除",
    "moved": "移动",
    "split": "拆分",
    "merged": "合并",
}
_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}
th{background:#f3f3f3}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.num{font-weight:bold;color:#a40}.same td{color:#777}.path{white-space:nowrap;font-family:monospace}
.text{white-space:pre-wrap;width:40%}
"""


def comparison_to_html(comparison: Comparison, *, only_changes: bool = False) -> str:
    """A self-contained HTML report: summary, number changes, then the aligned rows side by side."""
    title = f"{comparison.a.title or 'A'} ⇄ {comparison.b.title or 'B'}"
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        _summary_html(comparison),
        _numbers_html(comparison),
        "<h2>逐条对照</h2><table><tr><th>状态</th><th>A 条款</th><th>A 文本</th><th>B 条款</th><th>B 文本</th></tr>",
    ]
    for row in comparison.rows:
        if only_changes and row.status == "same":
            continue
        parts.append(_row_html(row))
    parts.append("</table></body></html>")
    return "\n".join(parts)


def _summary_html(comparison: Comparison) -> str:
    counts = comparison.summary.get("counts", {})
    cells = "".join(
        f"<td>{escape(STATUS_NAMES.get(k, k))}：{int(v)}</td>" for k, v in counts.items()
    )
    return f"<h2>概要</h2><table><tr>{cells}</tr></table>"


def _numbers_html(comparison: Comparison) -> str:
    changes = comparison.number_changes
    if not changes:
        return "<h2>数字变化</h2><p>无</p>"
    rows = "".join(
        f'<tr><td class="path">{escape(c.b_path or c.a_path)}</td><td>{escape(c.indicator)}</td>'
        f'<td class="num">{escape(c.a)} → {escape(c.b)}</td><td>{escape(c.context)}</td></tr>'
        for c in changes
    )
    return f"<h2>数字变化</h2><table><tr><th>条款</th><th>指标</th><th>变化</th><th>上下文</th></tr>{rows}</table>"


def _row_html(row: AlignedRow) -> str:
    a_html = "".join(_piece(op, text, "-") for op, text in row.diff if op in ("=", "-"))
    b_html = "".join(_piece(op, text, "+") for op, text in row.diff if op in ("=", "+"))
    a_paths = escape("、".join(u.path for u in row.a_units))
    b_paths = escape("、".join(u.path for u in row.b_units))
    status = escape(STATUS_NAMES.get(row.status, row.status))
    return (
        f'<tr class="{escape(row.status)}"><td>{status}</td><td class="path">{a_paths}</td>'
        f'<td class="text">{a_html}</td><td class="path">{b_paths}</td><td class="text">{b_html}</td></tr>'
    )


def _piece(op: str, text: str, mark: str) -> str:
    if op == "=":
        return escape(text)
    tag = "del" if mark == "-" else "ins"
    return f"<{tag}>{escape(text)}</{tag}>"


def comparison_to_csv(comparison: Comparison) -> str:
    """One line per aligned row: status, paths, similarity, number changes, both texts."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["status", "状态", "a_path", "b_path", "similarity", "number_changes", "a_text", "b_text"]
    )
    for row in comparison.rows:
        writer.writerow(
            [
                row.status,
                STATUS_NAMES.get(row.status, row.status),
                "、".join(u.path for u in row.a_units),
                "、".join(u.path for u in row.b_units),
                f"{row.similarity:.3f}",
                "；".join(f"{c.indicator} {c.a}→{c.b}" for c in row.number_changes),
                _guard("\n".join(u.content for u in row.a_units)),
                _guard("\n".join(u.content for u in row.b_units)),
            ]
        )
    return out.getvalue()


def _guard(cell: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell
