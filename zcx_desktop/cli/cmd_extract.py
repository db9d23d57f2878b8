"""Policy intelligence commands: `zcx targets`, `zcx duties`, `zcx cites`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zcx_desktop.core.extract import (
    PolicyExtractor,
    build_matrix,
    editable_data_files,
    export_targets_csv,
    export_targets_xlsx,
)
from zcx_desktop.core.extract.tables import ROLE_LABELS


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("targets", help="quantitative targets (指标) of documents")
    p.add_argument(
        "doc_ids", nargs="*", type=int, metavar="DOC_ID", help="documents (default: all)"
    )
    p.add_argument(
        "--indicator", metavar="NAME", help="only this indicator (canonical name or part of it)"
    )
    p.add_argument("--csv", metavar="FILE", help="write the targets to a CSV file")
    p.add_argument("--xlsx", metavar="FILE", help="write the targets to an Excel file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_targets)

    p = subparsers.add_parser(
        "duties", help="responsible units (牵头/责任/配合单位) of task clauses"
    )
    p.add_argument(
        "doc_ids", nargs="*", type=int, metavar="DOC_ID", help="documents (default: all)"
    )
    p.add_argument("--unit", metavar="NAME", help="only tasks of this unit (aliases understood)")
    p.add_argument("--matrix", action="store_true", help="print the units × tasks matrix")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_duties)

    p = subparsers.add_parser(
        "cites", help="policies a document cites (and which are in the library)"
    )
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.add_argument(
        "--cited-by", action="store_true", help="list the documents that cite this one instead"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_cites)

    p = subparsers.add_parser(
        "extract-data",
        help="copy the indicator dictionary and unit aliases into the library for editing",
    )
    p.set_defaults(func=run_extract_data)


def run_targets(args: argparse.Namespace, ctx: Any) -> int:
    extractor = PolicyExtractor(ctx.library())
    targets = extractor.targets(args.doc_ids, args.indicator or "")
    titles = {doc.id: doc.meta.title for doc in ctx.library().list_documents()}
    if args.csv:
        ctx.say(
            f"已写入 {export_targets_csv(targets, Path(args.csv), titles)}（{len(targets)} 条）"
        )
    if args.xlsx:
        ctx.say(
            f"已写入 {export_targets_xlsx(targets, Path(args.xlsx), titles)}（{len(targets)} 条）"
        )
    if args.json:
        ctx.emit_json([t.to_json() for t in targets])
    elif not (args.csv or args.xlsx):
        for t in targets:
            when = t.year if t.year is not None else t.period
            print(
                f"{t.doc_id}\t{t.clause_path}\t{t.canonical or t.indicator}\t{t.comparator}"
                f"\t{t.value_text}{t.unit}{t.qualifier}\t{when or ''}\t{t.scope}"
            )
        ctx.say(f"{len(targets)} 条指标")
    return 0


def run_duties(args: argparse.Namespace, ctx: Any) -> int:
    duties = PolicyExtractor(ctx.library()).duties(args.doc_ids, args.unit or "")
    if args.json:
        ctx.emit_json([d.to_json() for d in duties])
        return 0
    if args.matrix:
        matrix = build_matrix(duties)
        for unit in matrix.units:
            cells = matrix.tasks_of(unit)
            print(
                f"{unit}\t"
                + "；".join(
                    f"{ROLE_LABELS[c.role]} {c.duty.doc_id}:{c.duty.clause_path}" for c in cells
                )
            )
        return 0
    for d in duties:
        print(
            f"{d.doc_id}\t{d.clause_path}\t{d.task}\t牵头：{'、'.join(d.lead_units)}\t全部：{'、'.join(d.unit_names)}"
        )
    ctx.say(f"{len(duties)} 项任务")
    return 0


def run_cites(args: argparse.Namespace, ctx: Any) -> int:
    extractor = PolicyExtractor(ctx.library())
    extractor.doc_ids([args.doc_id])
    citations = (
        extractor.cited_by(args.doc_id) if args.cited_by else extractor.citations(args.doc_id)
    )
    if args.json:
        rows = [c.to_json() | ({"doc_id": c.doc_id} if args.cited_by else {}) for c in citations]
        ctx.emit_json(rows)
        return 0
    for c in citations:
        where = f"→ 文档 {c.resolved_doc_id}" if c.resolved_doc_id is not None else "（库中没有）"
        source = f"{c.doc_id}:{c.clause_path} " if args.cited_by else ""
        print(f"{source}{c.text}\t{where}")
    ctx.say(f"{len(citations)} 条引用")
    return 0


def run_extract_data(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    for path in editable_data_files(Path(library.path)):
        ctx.say(f"可编辑：{path}")
    return 0
