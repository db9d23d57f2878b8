"""Collection commands: `zcx collections [--json]` and create, rename, delete, add, remove."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zcx_desktop.core import collections as col


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("collections", help="list or change collections (folders of documents)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_list)
    actions = p.add_subparsers(dest="collection_action", metavar="ACTION")

    a = actions.add_parser("create", help="create a collection")
    a.add_argument("name", metavar="NAME")
    a.set_defaults(func=run_create)

    a = actions.add_parser("rename", help="rename a collection")
    a.add_argument("name", metavar="NAME")
    a.add_argument("new_name", metavar="NEW_NAME")
    a.set_defaults(func=run_rename)

    a = actions.add_parser("delete", help="delete a collection (its documents stay in the library)")
    a.add_argument("name", metavar="NAME")
    a.set_defaults(func=run_delete)

    for action, help_text, func in (
        ("add", "add documents to a collection (created if missing)", run_add),
        ("remove", "take documents out of a collection", run_remove),
    ):
        a = actions.add_parser(action, help=help_text)
        a.add_argument("name", metavar="NAME")
        a.add_argument("doc_ids", type=int, nargs="+", metavar="ID")
        a.set_defaults(func=func)
    for sub in actions.choices.values():
        sub.add_argument("--json", action="store_true")


def run_list(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    collections = col.list_collections(library)
    if args.json:
        members = col.memberships(library)
        ctx.emit_json(
            [{**c.to_json(), "documents": sorted(members.get(c.id, ()))} for c in collections]
        )
        return 0
    if not collections:
        ctx.say("还没有文件夹。用 `zcx collections create 名称` 新建。")
    for c in collections:
        sys.stdout.write(f"{c.id:>4}  {c.name}  ({c.count})\n")
    return 0


def run_create(args: argparse.Namespace, ctx: Any) -> int:
    created = col.create_collection(ctx.library(), args.name)
    return _report(ctx, args, created.to_json(), f"已新建文件夹“{created.name}”")


def run_rename(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    renamed = col.rename_collection(library, col.find_collection(library, args.name).id, args.new_name)
    return _report(ctx, args, renamed.to_json(), f"已重命名为“{renamed.name}”")


def run_delete(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    target = col.find_collection(library, args.name)
    members = col.delete_collection(library, target.id)
    data = {"deleted": target.name, "documents": members}
    return _report(ctx, args, data, f"已删除文件夹“{target.name}”（文档仍在文库中）")


def run_add(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    col.existing_documents(library, args.doc_ids)  # fail before creating the collection
    try:
        target = col.find_collection(library, args.name)
    except col.CollectionNotFound:
        target = col.create_collection(library, args.name)
    added = col.add_documents(library, target.id, args.doc_ids)
    data = {"collection": col.get_collection(library, target.id).to_json(), "added": added}
    return _report(ctx, args, data, f"已加入“{target.name}”：{len(added)} 篇")


def run_remove(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    target = col.find_collection(library, args.name)
    removed = col.remove_documents(library, target.id, args.doc_ids)
    data = {"collection": col.get_collection(library, target.id).to_json(), "removed": removed}
    return _report(ctx, args, data, f"已从“{target.name}”移除：{len(removed)} 篇")


def _report(ctx: Any, args: argparse.Namespace, data: Any, message: str) -> int:
    if args.json:
        ctx.emit_json(data)
    else:
        ctx.say(message)
    return 0
