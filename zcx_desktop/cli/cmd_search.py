"""Search commands: `zcx search QUERY [...]` and `zcx reindex`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zcx_desktop.core.search import SearchResults, index_for


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("search", help="search the library (clause-level, exact Chinese substrings)")
    p.add_argument("query", nargs="+", metavar="QUERY", help='words, "phrases", OR, -word, issuer:/year:/docno:/tag:/in:notes')
    p.add_argument("--issuer", help="发文机关 contains this text")
    p.add_argument("--year", help="YYYY or YYYY..YYYY")
    p.add_argument("--tag")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--limit", type=int, default=20, help="documents to show (default 20)")
    p.add_argument("--per-doc", type=int, default=3, help="best clauses shown per document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_search)

    p = subparsers.add_parser("reindex", help="rebuild the search index from the library database")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_reindex)


def _progress_printer(ctx: Any) -> Any:
    def report(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            ctx.say(f"索引 {done}/{total}")

    return report


def run_search(args: argparse.Namespace, ctx: Any) -> int:
    index = index_for(ctx.library())
    rebuilt = index.ensure_ready(_progress_printer(ctx))
    if rebuilt is not None:
        ctx.say(f"搜索索引已重建（原因: {rebuilt.reason}，{rebuilt.documents} 篇）")
    results = index.search(
        " ".join(args.query),
        issuer=args.issuer,
        year=args.year,
        tag=args.tag,
        sort=args.sort,
        limit=max(0, args.limit),
        per_doc=max(1, args.per_doc),
    )
    if args.json:
        ctx.emit_json(results.to_json())
    else:
        _print_results(results, ctx)
    return 0


def _print_results(results: SearchResults, ctx: Any) -> None:
    for notice in results.notices:
        ctx.say(f"提示: {notice}")
    lines = [f"{results.total_docs} 篇文档，{results.total_hits} 处条款命中"]
    for doc in results.documents:
        lines.append(f"\n[{doc.doc_id}] {doc.title}  {doc.issuer} {doc.date}  ({doc.hit_count} 处)")
        for hit in doc.hits:
            where = hit.clause_path or "正文前"
            lines.append(f"  {where}: {hit.marked_snippet}")
    sys.stdout.write("\n".join(lines) + "\n")


def run_reindex(args: argparse.Namespace, ctx: Any) -> int:
    index = index_for(ctx.library())
    report = index.rebuild(_progress_printer(ctx))
    if args.json:
        ctx.emit_json(report.to_json())
    else:
        data = report.to_json()
        ctx.say(
            f"已重建搜索索引: {data['documents']} 篇文档，{data['entries']} 个条目，"
            f"{data['seconds']} 秒（{data['mb_per_second']} MB/s）"
        )
    return 0
