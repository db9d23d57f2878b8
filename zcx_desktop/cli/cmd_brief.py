"""`zcx brief DOC_ID... -o OUT.pdf`: a briefing pack (参阅材料) as PDF, Markdown or HTML."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zcx_desktop.core.export import (
    FORMATS,
    LAYOUTS,
    NOTE_MODES,
    PackOptions,
    export_pack,
    pack_from_library,
)

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("brief", help="export documents with highlights and notes as a briefing pack (PDF/Markdown/HTML)")
    p.add_argument("doc_ids", nargs="+", type=int, metavar="DOC_ID", help="documents, in pack order")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file (.pdf, .md or .html)")
    p.add_argument("--layout", choices=LAYOUTS, default="reading", help="reading (A4, margin notes) or gbt9704 (公文)")
    p.add_argument("--layers", metavar="NAME,...", help="only annotations in these layers (comma-separated)")
    p.add_argument("--only-annotated", action="store_true", help="print only the clauses that carry annotations")
    p.add_argument("--notes", choices=NOTE_MODES, default="margin", help="notes beside the text or at the end of each document")
    p.add_argument("--title", default="", help="pack title (cover, header, PDF properties)")
    p.add_argument("--subtitle", default="")
    p.add_argument("--unit", default="", help="compiling unit (编印单位)")
    p.add_argument("--date", default="", help="date on the cover (default: today)")
    p.add_argument("--classification", default="", help="密级, e.g. 内部")
    p.add_argument("--copy-no", default="", help="份号")
    p.add_argument("--watermark", default="", help="text drawn across every page, e.g. 内部资料 注意保存")
    p.add_argument("--no-toc", action="store_true", help="leave out the table of contents")
    p.add_argument("--no-system-fonts", action="store_true", help="公文: use bundled fonts even if 仿宋/小标宋 are installed")
    p.add_argument("--format", choices=FORMATS, help="pdf, md or html (default: from the output suffix, else pdf)")
    p.add_argument("--json", action="store_true", help='print {"path", "pages", "bytes"} as JSON')
    p.set_defaults(func=run_brief)


def _layers(value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [name.strip() for name in value.replace("，", ",").split(",")]
    return [name for name in names if name] or None


def options_from_args(args: argparse.Namespace) -> PackOptions:
    return PackOptions(
        title=args.title, subtitle=args.subtitle, unit=args.unit, date=args.date,
        classification=args.classification, copy_no=args.copy_no, watermark=args.watermark,
        layout=args.layout, notes=args.notes, layers=_layers(args.layers),
        only_annotated=args.only_annotated, toc=not args.no_toc, use_system_fonts=not args.no_system_fonts,
    )


def run_brief(args: argparse.Namespace, ctx: Any) -> int:
    out = Path(args.output).expanduser()
    fmt = args.format or SUFFIX_FORMATS.get(out.suffix.lower(), "pdf")
    pack = pack_from_library(ctx.library(create=False), args.doc_ids, options_from_args(args))
    result = export_pack(pack, out, fmt)
    if args.json:
        ctx.emit_json(result.to_json())
    else:
        pages = f"{result.pages} 页，" if result.pages else ""
        ctx.say(f"已生成 {result.path}（{pages}{result.bytes / 1024:.0f} KB，{result.seconds:.1f} 秒）")
    return 0
