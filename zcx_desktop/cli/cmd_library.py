"""Library commands: init, import, paste, list, show, text, edit, tag, delete."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zcx_desktop.core.library import ImportResult, Library, document_summary
from zcx_desktop.core.model import METADATA_FIELDS, Clause
from zcx_desktop.core.outline import outline_tree
from zcx_desktop.core.sample import import_sample_library


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("init", help="create a library (optionally with the sample documents)")
    p.add_argument("--sample", action="store_true", help="import the bundled sample documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_init)

    p = subparsers.add_parser("import", help="import files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_import)

    p = subparsers.add_parser("paste", help="import text from stdin as a new document")
    p.add_argument("--title", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_paste)

    p = subparsers.add_parser("list", help="list the documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_list)

    p = subparsers.add_parser("show", help="metadata and clause outline of a document")
    p.add_argument("doc_id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_show)

    p = subparsers.add_parser("text", help="print the clean text exactly as stored")
    p.add_argument("doc_id", type=int, metavar="ID")
    p.set_defaults(func=run_text)

    p = subparsers.add_parser("edit", help="edit metadata fields of a document")
    p.add_argument("doc_id", type=int, metavar="ID")
    for name in METADATA_FIELDS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="VALUE")
    p.add_argument("--tags", help="comma-separated tags (replaces the current ones)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_edit)

    p = subparsers.add_parser("delete", help="delete documents")
    p.add_argument("doc_ids", type=int, nargs="+", metavar="ID")
    p.set_defaults(func=run_delete)


def run_init(args: argparse.Namespace, ctx: Any) -> int:
    library: Library = ctx.library()
    results = import_sample_library(library) if args.sample else []
    if args.json:
        ctx.emit_json({"library": str(library.path), "imported": [r.to_json() for r in results]})
    else:
        ctx.say(f"文库：{library.path}")
        for result in results:
            _say_result(ctx, result)
    return 0 if all(r.ok for r in results) else 1


def run_import(args: argparse.Namespace, ctx: Any) -> int:
    library: Library = ctx.library()
    paths = [Path(p) for p in args.paths]
    progress = None if args.json else _progress_printer(ctx)
    results = library.import_paths(paths, progress=progress)
    if not results:
        ctx.say("没有找到可导入的文件（支持 .txt .html .htm .docx .pdf .md）")
        if args.json:
            ctx.emit_json([])
        return 1
    if args.json:
        ctx.emit_json([r.to_json() for r in results])
    else:
        for result in results:
            _say_result(ctx, result)
        failed = sum(1 for r in results if not r.ok)
        ctx.say(f"共 {len(results)} 个文件：成功 {len(results) - failed}，失败 {failed}")
    return 0 if all(r.ok for r in results) else 1


def run_paste(args: argparse.Namespace, ctx: Any) -> int:
    text = sys.stdin.read()
    result = ctx.library().import_text(text, title=args.title)
    if args.json:
        ctx.emit_json(result.to_json())
    else:
        _say_result(ctx, result)
    return 0 if result.ok else 1


def run_list(args: argparse.Namespace, ctx: Any) -> int:
    docs = ctx.library().list_documents()
    if args.json:
        ctx.emit_json([{"id": d.id, **document_summary(d), "tags": d.tags} for d in docs])
        return 0
    for d in docs:
        meta = d.meta
        sys.stdout.write(
            f"{d.id:>4}  {meta.title}  {meta.doc_number}  {meta.issuer}  {meta.written_date}\n"
        )
    return 0


def run_show(args: argparse.Namespace, ctx: Any) -> int:
    library: Library = ctx.library()
    doc = library.get_document(args.doc_id, with_text=False)
    clauses = library.get_clauses(args.doc_id)
    data: dict[str, Any] = {"id": doc.id, **document_summary(doc), "tags": doc.tags}
    data["warnings"] = doc.warnings
    data["outline"] = outline_tree(clauses)
    if args.json:
        ctx.emit_json(data)
        return 0
    for key, value in data.items():
        if key not in ("outline", "warnings"):
            sys.stdout.write(f"{key}: {value}\n")
    for warning in doc.warnings:
        sys.stdout.write(f"警告: {warning}\n")
    _print_outline(clauses)
    return 0


def run_text(args: argparse.Namespace, ctx: Any) -> int:
    sys.stdout.write(ctx.library().get_text(args.doc_id))
    sys.stdout.flush()
    return 0


def run_edit(args: argparse.Namespace, ctx: Any) -> int:
    library: Library = ctx.library()
    fields = {n: getattr(args, n) for n in METADATA_FIELDS if getattr(args, n) is not None}
    doc = library.update_metadata(args.doc_id, **fields)
    if args.tags is not None:
        library.set_tags(args.doc_id, args.tags.split(","))
        doc = library.get_document(args.doc_id, with_text=False)
    if args.json:
        ctx.emit_json({"id": doc.id, **document_summary(doc), "tags": doc.tags})
    else:
        ctx.say(f"已更新文档 {doc.id}：{doc.meta.title}")
    return 0


def run_delete(args: argparse.Namespace, ctx: Any) -> int:
    library: Library = ctx.library()
    for doc_id in args.doc_ids:
        title = library.get_document(doc_id, with_text=False).meta.title
        library.delete_document(doc_id)
        ctx.say(f"已删除文档 {doc_id}：{title}")
    return 0


def _say_result(ctx: Any, result: ImportResult) -> None:
    if not result.ok:
        ctx.say(f"✗ {result.error}")
        return
    assert result.document is not None
    note = "（已在文库中，未重复导入）" if result.duplicate else ""
    ctx.say(f"✓ [{result.doc_id}] {result.document.meta.title}{note}")
    for warning in result.warnings:
        ctx.say(f"  警告：{warning}")


def _progress_printer(ctx: Any):
    def report(done: int, total: int, current: str) -> None:
        if current and total > 1:
            ctx.say(f"[{done + 1}/{total}] {current}")

    return report


def _print_outline(clauses: list[Clause]) -> None:
    for clause in clauses:
        indent = "  " * (clause.level - 1)
        heading = f" {clause.heading}" if clause.heading else ""
        sys.stdout.write(f"{indent}{clause.label}{heading}  [{clause.path}]\n")
