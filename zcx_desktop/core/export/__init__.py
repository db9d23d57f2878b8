"""Briefing packs (参阅材料): compose documents, highlights and notes into PDF, Markdown or HTML.

Public API (no Qt):
    BriefingPack, DocumentSection, TableSection, ChartSpec, ExportResult   plain-data input/output
    export_pack(pack, out, fmt="pdf") -> ExportResult                       write PDF / md / html
    build_pdf(pack, out), render_markdown(pack), render_html(pack)
    pack_from_library(lib, doc_ids, options) -> BriefingPack                 read a library (+ annotations)
    bundled_font_paths() -> list[Path]                                        for QFontDatabase
"""

from __future__ import annotations

from pathlib import Path

from zcx_desktop.core.export.errors import ExportError
from zcx_desktop.core.export.fonts import bundled_font_paths
from zcx_desktop.core.export.library_pack import PackOptions, pack_from_library
from zcx_desktop.core.export.pack import (
    FORMATS,
    LAYOUTS,
    NOTE_MODES,
    BriefingPack,
    ChartSpec,
    DocumentSection,
    ExportResult,
    TableSection,
)
from zcx_desktop.core.export.pdf import build_pdf
from zcx_desktop.core.export.text_export import render_html, render_markdown, write_text


def export_pack(pack: BriefingPack, out: Path, fmt: str = "pdf") -> ExportResult:
    """Write the pack as `fmt` ("pdf", "md" or "html") to `out`."""
    if fmt == "pdf":
        return build_pdf(pack, Path(out))
    if fmt in ("md", "html"):
        return write_text(pack, Path(out), fmt)
    raise ExportError(f"未知输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")


__all__ = [
    "FORMATS", "LAYOUTS", "NOTE_MODES", "BriefingPack", "ChartSpec", "DocumentSection", "ExportError",
    "ExportResult", "PackOptions", "TableSection", "build_pdf", "bundled_font_paths", "export_pack",
    "pack_from_library", "render_html", "render_markdown",
]
