"""Comparison commands: `zcx compare DOC_A DOC_B` and `zcx similar DOC_ID CLAUSE_PATH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zcx_desktop.core.compare import (
    Comparison,
    compare_documents,
    comparison_to_csv,
    comparison_to_html,
    similar_clauses,
)
from zcx_desktop.core.compare.export import STATUS_NAMES
from zcx_desktop.core.errors import KnownError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("compare", help="compare two documents clause by clause")
    p.add_argument("doc_a", type=int, metavar="DOC_A", help="reference / older document id")
    p.add_argument("doc_b", type=int, metavar="DOC_B", help="other / newer document id")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--format", choices=("html", "csv"), help="export format (with -o)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the export to FILE")
    p.add_argument(
        "--only-changes",
        action="store_true",
        help="leave unchanged clauses out of the text output / HTML",
    )
    p.set_defaults(func=run_compare)

    p = subparsers.add_parser(
        "similar", help="clauses in other documents most similar to one clause"
    )
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.add_argument("clause_path", metavar="CLAUSE_PATH", help="citation path, e.g. 三/（二）")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_similar)


def run_compare(args: argparse.Namespace, ctx: Any) -> int:
    comparison = compare_documents(ctx.library(create=False), args.doc_a, args.doc_b)
    if args.format or args.output:
        _export(
            comparison,
            args.format or _format_from_name(args.output),
            args.output,
            args.only_changes,
            ctx,
        )
    if args.json:
        ctx.emit_json(comparison.to_json())
    elif not args.output:
        sys.stdout.write(_text_report(comparison, args.only_changes) + "\n")
    return 0


def _format_from_name(name: str | None) -> str:
    suffix = Path(name or "").suffix.lower().lstrip(".")
    if suffix in ("html", "htm"):
        return "html"
    if suffix == "csv":
        return "csv"
    raise KnownError("请用 --format html 或 --format csv 指定导出格式")


def _export(
    comparison: Comparison, fmt: str, output: str | None, only_changes: bool, ctx: Any
) -> None:
    if not output:
        raise KnownError("导出需要用 -o FILE 指定输出文件")
    content = (
        comparison_to_html(comparison, only_changes=only_changes)
        if fmt == "html"
        else comparison_to_csv(comparison)
    )
    try:
        Path(output).write_text(content, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    except OSError as err:
        raise KnownError(f"无法写入 {output}：{err.strerror or err}") from err
    ctx.say(f"已导出 {output}")


def _text_report(comparison: Comparison, only_changes: bool) -> str:
    counts = comparison.summary["counts"]
    lines = ["概要: " + "，".join(f"{STATUS_NAMES.get(k, k)} {v}" for k, v in counts.items())]
    for row in comparison.rows:
        if only_changes and row.status == "same":
            continue
        a_paths = "+".join(u.path for u in row.a_units) or "—"
        b_paths = "+".join(u.path for u in row.b_units) or "—"
        lines.append(
            f"[{STATUS_NAMES.get(row.status, row.status)}] {a_paths} → {b_paths}  ({row.similarity:.2f})"
        )
        lines.extend(f"    {c.indicator}: {c.a} → {c.b}" for c in row.number_changes)
    return "\n".join(lines)


def run_similar(args: argparse.Namespace, ctx: Any) -> int:
    if args.limit < 1:
        raise KnownError("--limit 必须是正整数")
    hits = similar_clauses(ctx.library(create=False), args.doc_id, args.clause_path, args.limit)
    if args.json:
        ctx.emit_json(
            {
                "doc_id": args.doc_id,
                "clause_path": args.clause_path,
                "results": [h.to_json() for h in hits],
            }
        )
        return 0
    if not hits:
        ctx.say("没有找到相似条款")
    for hit in hits:
        sys.stdout.write(
            f"{hit.score:.3f}  [{hit.doc_id}] {hit.title}  {hit.path}  {hit.snippet[:40]}\n"
        )
    return 0
