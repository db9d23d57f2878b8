"""Annotation commands: annotate, annotations, reattach, layers (list/create/delete/export/import), reimport."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zcx_desktop.core.annotations import AnnotationStore, attach
from zcx_desktop.core.annotations.model import STATUSES, STYLES, Annotation


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("annotate", help="highlight a quote of a document, with an optional note")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.add_argument("--quote", required=True, help="exact text to highlight")
    p.add_argument("--occurrence", type=int, default=1, metavar="N", help="which occurrence (1 = first)")
    p.add_argument("--layer", metavar="NAME", help="layer name (default: the first layer)")
    p.add_argument("--note", default="", metavar="MD", help="note in Markdown")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    p.add_argument("--style", choices=STYLES, default="highlight")
    p.add_argument("--color", metavar="#RRGGBB", help="own colour instead of the layer's")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_annotate)

    p = subparsers.add_parser("annotations", help="list annotations (of one document or the whole library)")
    p.add_argument("doc_id", type=int, nargs="?", metavar="DOC_ID")
    p.add_argument("--layer", metavar="NAME")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--markdown", action="store_true", help="one document's annotations as Markdown")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_annotations)

    p = subparsers.add_parser("reattach", help="place an (orphaned) annotation on START..END by hand")
    p.add_argument("ann_id", metavar="ANNOTATION_ID")
    p.add_argument("start", type=int)
    p.add_argument("end", type=int)
    p.add_argument("--doc", type=int, metavar="DOC_ID", help="attach to another document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_reattach)

    _register_layers(subparsers)

    p = subparsers.add_parser("reimport", help="replace a document's text by a revised file; annotations follow")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_reimport)


def _register_layers(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("layers", help="list, create, delete, export or import annotation layers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_layers)
    actions = p.add_subparsers(dest="layers_action", metavar="ACTION")

    q = actions.add_parser("export", help="export layers to a W3C Web Annotation JSON file")
    q.add_argument("names", nargs="+", metavar="NAME")
    q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_layers_export)

    q = actions.add_parser("import", help="merge an exchange file into this library")
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_layers_import)

    q = actions.add_parser("create", help="create a layer")
    q.add_argument("name")
    q.add_argument("--color", default="#FFE066", metavar="#RRGGBB")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_layers_create)

    q = actions.add_parser("delete", help="delete a layer")
    q.add_argument("name")
    group = q.add_mutually_exclusive_group()
    group.add_argument("--move-to", metavar="NAME", help="move its annotations to this layer")
    group.add_argument("--delete-annotations", action="store_true", help="delete its annotations too")
    q.set_defaults(func=run_layers_delete)


def _store(ctx: Any) -> AnnotationStore:
    return attach(ctx.library())


def _layer_names(store: AnnotationStore) -> dict[int, str]:
    return {layer.id: layer.name for layer in store.layers()}


def _line(ann: Annotation, layer: str) -> str:
    where = f"文档 {ann.doc_id}" if ann.doc_id is not None else f"已删除的文档 {ann.doc_number or ann.doc_title}"
    note = f"  — {ann.note.splitlines()[0]}" if ann.note.strip() else ""
    return f"{ann.id}  [{layer}] {ann.status:<8} {where} {ann.clause_path or '正文'} {ann.start}-{ann.end} «{ann.quote}»{note}"


def run_annotate(args: argparse.Namespace, ctx: Any) -> int:
    store = _store(ctx)
    layer_id = store.layer_by_name(args.layer).id if args.layer else None
    change = store.annotate_quote(
        args.doc_id, args.quote, args.occurrence, layer_id=layer_id, note=args.note,
        tags=args.tag, style=args.style, color=args.color,
    )
    _report_annotation(ctx, store, change.annotations[0], args.json)
    return 0


def _report_annotation(ctx: Any, store: Any, ann: Any, as_json: bool) -> None:
    """One created or re-attached annotation: the JSON contract object, or a human line."""
    layer = _layer_names(store)[ann.layer_id]
    if as_json:
        ctx.emit_json(ann.to_json(layer))
    else:
        ctx.say(_line(ann, layer))


def run_annotations(args: argparse.Namespace, ctx: Any) -> int:
    store = _store(ctx)
    if args.markdown:
        if args.doc_id is None:
            ctx.say("错误: --markdown 需要指定 DOC_ID")
            return 2
        from zcx_desktop.core.annotations.markdown_export import document_markdown

        layer_ids = [store.layer_by_name(args.layer).id] if args.layer else None
        sys.stdout.write(document_markdown(store, args.doc_id, layer_ids))
        return 0
    layer_id = store.layer_by_name(args.layer).id if args.layer else None
    if args.doc_id is not None:
        found = store.for_document(args.doc_id, layer_id)
    else:
        found = store.all(layer_id=layer_id)
    if args.status:
        found = [a for a in found if a.status == args.status]
    names = _layer_names(store)
    if args.json:
        ctx.emit_json([a.to_json(names.get(a.layer_id, "")) for a in found])
    else:
        for ann in found:
            sys.stdout.write(_line(ann, names.get(ann.layer_id, "")) + "\n")
        ctx.say(f"共 {len(found)} 条批注")
    return 0


def run_reattach(args: argparse.Namespace, ctx: Any) -> int:
    store = _store(ctx)
    change = store.reattach(args.ann_id, args.start, args.end, args.doc)
    _report_annotation(ctx, store, change.annotations[0], args.json)
    return 0


def run_layers(args: argparse.Namespace, ctx: Any) -> int:
    store = _store(ctx)
    counts = store.layer_counts()
    rows = [
        {"id": x.id, "name": x.name, "color": x.color, "position": x.position, "visible": x.visible,
         "author": x.author, "count": counts.get(x.id, 0)}
        for x in store.layers()
    ]
    if args.json:
        ctx.emit_json(rows)
    else:
        for row in rows:
            shown = "" if row["visible"] else "（隐藏）"
            sys.stdout.write(f"{row['id']:>3}  {row['color']}  {row['name']}{shown}  {row['count']} 条\n")
    return 0


def run_layers_export(args: argparse.Namespace, ctx: Any) -> int:
    from zcx_desktop.core.annotations.exchange import write_export

    count = write_export(_store(ctx), args.names, args.output)
    if args.json:
        ctx.emit_json({"path": str(args.output), "layers": args.names, "annotations": count})
    else:
        ctx.say(f"已导出 {count} 条批注到 {args.output}")
    return 0


def run_layers_import(args: argparse.Namespace, ctx: Any) -> int:
    from zcx_desktop.core.annotations.exchange import import_exchange

    report = import_exchange(_store(ctx), args.file)
    if args.json:
        ctx.emit_json(report.to_json())
    else:
        ctx.say(
            f"已定位 {report.placed} 条，模糊定位 {report.fuzzy} 条，未能定位（孤立）{report.orphaned} 条，"
            f"因缺少文档跳过 {report.skipped} 条；未变 {report.unchanged}，保留本地较新 {report.kept_local}，"
            f"冲突并存 {report.conflicts}"
        )
        for name in report.missing_documents:
            ctx.say(f"  缺少文档：{name}")
    return 0


def run_layers_create(args: argparse.Namespace, ctx: Any) -> int:
    layer = _store(ctx).create_layer(args.name, args.color)
    if args.json:
        ctx.emit_json({"id": layer.id, "name": layer.name, "color": layer.color})
    else:
        ctx.say(f"已创建图层 {layer.name}")
    return 0


def run_layers_delete(args: argparse.Namespace, ctx: Any) -> int:
    store = _store(ctx)
    layer = store.layer_by_name(args.name)
    move_to = store.layer_by_name(args.move_to).id if args.move_to else None
    change = store.delete_layer(layer.id, move_to=move_to, delete_annotations=args.delete_annotations)
    ctx.say(f"已删除图层 {layer.name}（移动 {len(change.updated)} 条，删除 {len(change.deleted)} 条批注）")
    return 0


def run_reimport(args: argparse.Namespace, ctx: Any) -> int:
    from zcx_desktop.core.ingest import ingest_file

    store = _store(ctx)
    library = ctx.library()
    library.get_document(args.doc_id, with_text=False)  # NotFound before any work
    parsed = ingest_file(args.path)
    store.last_reports.pop(args.doc_id, None)
    library.replace_text(args.doc_id, parsed, args.path)
    report = store.reanchor_document(args.doc_id)
    names = _layer_names(store)
    annotations = store.for_document(args.doc_id)
    out: dict[str, Any] = {"id": args.doc_id, "ok": True, "clauses": len(parsed.clauses),
                           "characters": len(parsed.text), "total": len(annotations)}
    for status in STATUSES:
        out[status] = sum(1 for a in annotations if a.status == status)
    out["moved"] = report.to_json()["moved"]
    out["annotations"] = [a.to_json(names.get(a.layer_id, "")) for a in annotations]
    if args.json:
        ctx.emit_json(out)
    else:
        ctx.say(
            f"文档 {args.doc_id} 已替换为新版本（{out['clauses']} 条款）；批注 {out['total']} 条："
            f"精确 {out['anchored']}，模糊 {out['fuzzy']}，孤立 {out['orphan']}"
        )
    return 0
