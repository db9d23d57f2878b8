"""Benchmark: build ~50-page briefing packs (reading + 公文) from the sample corpus; time and size.

Usage: python bench/brief_bench.py [--pages 50] [--out DIR]
Target (issue 8): a 50-page pack in ≤ 5 s and ≤ 2 MB.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zcx_desktop.core.annotations.model import Annotation, Layer
from zcx_desktop.core.export import (
    BriefingPack,
    ChartSpec,
    DocumentSection,
    TableSection,
    build_pdf,
)
from zcx_desktop.core.ingest import ingest_file
from zcx_desktop.paths import sample_dir

LAYERS = [Layer(1, "重点", "#FFC107", 0), Layer(2, "待核实", "#4FC3F7", 1), Layer(3, "领导关注", "#E57373", 2)]
STYLES = ("highlight", "highlight", "underline", "strike")


def annotated_section(path: Path, doc_id: int) -> DocumentSection:
    """A document with an annotation on every sentence that states a number, every other one with a note."""
    doc = ingest_file(path)
    annotations = []
    for n, match in enumerate(re.finditer(r"[^。；,，]*\d[^。；,，]*", doc.text)):
        if n % 3:
            continue
        annotations.append(Annotation(
            id=f"{doc_id}-{n}", doc_id=doc_id, layer_id=1 + n % 3, start=match.start(), end=match.end(),
            quote=match.group(), style=STYLES[n % 4], note="核对数据来源与统计口径，并与上年对比。" if n % 2 else "",
        ))
    return DocumentSection(doc.meta, doc.text, doc.clauses, annotations, LAYERS, doc_id=doc_id)


def pack_for(layout: str, copies: int) -> BriefingPack:
    paths = sorted(sample_dir().glob("*.txt"))
    sections = [annotated_section(paths[i % len(paths)], i + 1) for i in range(copies)]
    table = TableSection(
        "主要目标", ["指标", "2018", "2019", "2020"],
        [[f"指标 {i}", str(100 + i), str(120 + i), str(150 + i)] for i in range(30)],
        chart=ChartSpec("指标 1", ["2018", "2019", "2020"], [101, 121, 151], "项"),
    )
    return BriefingPack(
        title="苏南国家自主创新示范区政策参阅材料", subtitle="基准测试", unit="研究室", date="2026年11月",
        classification="内部", copy_no="000001", watermark="内部资料 注意保存", layout=layout,
        use_system_fonts=False, sections=sections, extra_sections=[table],
    )


def run(layout: str, target_pages: int, out_dir: Path) -> dict[str, float]:
    copies, result = 1, None
    while True:
        out = out_dir / f"bench_{layout}.pdf"
        started = time.perf_counter()
        result = build_pdf(pack_for(layout, copies), out)
        seconds = time.perf_counter() - started
        if result.pages >= target_pages or copies > 40:
            break
        copies = max(copies + 1, int(copies * target_pages / max(result.pages, 1)))
    return {"layout": layout, "documents": copies, "pages": result.pages, "seconds": round(seconds, 2), "bytes": result.bytes, "path": str(out)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build_pdf(pack_for("reading", 1), out_dir / "warmup.pdf")  # font loading (cold start) measured separately
    cold = time.perf_counter() - started
    rows = [run(layout, args.pages, out_dir) for layout in ("reading", "gbt9704")]
    sys.stdout.write(json.dumps({"cold_first_pack_seconds": round(cold, 2), "runs": rows}, ensure_ascii=False, indent=2) + "\n")
    ok = all(r["seconds"] <= 5 and r["bytes"] <= 2 * 1024 * 1024 for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
