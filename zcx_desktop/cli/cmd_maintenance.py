"""Maintenance commands: backup, restore, check, archive export/import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zcx_desktop.core import maintenance


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("backup", help="back up the library database")
    p.add_argument("--to", metavar="PATH", help="file or folder (default: <library>/backups)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_backup)

    p = subparsers.add_parser("restore", help="restore the database from a backup file")
    p.add_argument("source", metavar="PATH")
    p.set_defaults(func=run_restore)

    p = subparsers.add_parser("check", help="check database, original files and clause offsets")
    p.add_argument("--repair", action="store_true", help="fix what can be fixed")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_check)

    p = subparsers.add_parser("archive", help="whole library as one file (database + originals)")
    sub = p.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    e = sub.add_parser("export", help="write the library to one .zip file")
    e.add_argument("target", metavar="FILE")
    e.set_defaults(func=run_archive_export)
    i = sub.add_parser("import", help="unpack an archive into a new library folder")
    i.add_argument("source", metavar="FILE")
    i.add_argument("target", metavar="DIR")
    i.set_defaults(func=run_archive_import)


def run_backup(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    target = Path(args.to) if args.to else library.path / maintenance.BACKUPS
    path = maintenance.backup_database(library, target)
    if args.json:
        ctx.emit_json({"path": str(path), "bytes": path.stat().st_size})
    else:
        ctx.say(f"已备份到 {path}")
    return 0


def run_restore(args: argparse.Namespace, ctx: Any) -> int:
    library = ctx.library()
    safety = maintenance.backup_database(library, library.path / maintenance.BACKUPS)
    maintenance.restore_database(library, Path(args.source))
    ctx.say(f"已从 {args.source} 恢复（恢复前的数据库已另存为 {safety}）")
    return 0


def run_check(args: argparse.Namespace, ctx: Any) -> int:
    report = maintenance.check_library(ctx.library(create=False), repair=args.repair)
    if args.json:
        ctx.emit_json(report.to_json())
    else:
        for line in report.fixed:
            ctx.say(f"已修复：{line}")
        for line in report.problems:
            ctx.say(f"问题：{line}")
        ctx.say("文库完好" if report.healthy else f"发现 {len(report.problems)} 个问题")
    return 0 if report.healthy else 1


def run_archive_export(args: argparse.Namespace, ctx: Any) -> int:
    path = maintenance.export_archive(ctx.library(), Path(args.target))
    ctx.say(f"已导出文库归档 {path}")
    return 0


def run_archive_import(args: argparse.Namespace, ctx: Any) -> int:
    path = maintenance.import_archive(Path(args.source), Path(args.target))
    ctx.say(f"已解包到新文库 {path}")
    return 0
