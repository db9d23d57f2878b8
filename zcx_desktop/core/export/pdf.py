"""Write a BriefingPack as PDF (reportlab, embedded subset fonts)."""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path

from zcx_desktop.core.export.errors import ExportError
from zcx_desktop.core.export.fonts import font_set
from zcx_desktop.core.export.pack import LAYOUTS, NOTE_MODES, BriefingPack, ExportResult
from zcx_desktop.core.export.pdf_doc import Registry, build_document
from zcx_desktop.core.export.pdf_layout import make_layout
from zcx_desktop.core.export.pdf_story import StoryBuilder

log = logging.getLogger("zcx.export")


def _check(pack: BriefingPack) -> None:
    if pack.layout not in LAYOUTS:
        raise ExportError(f"未知版式“{pack.layout}”，可选：{'、'.join(LAYOUTS)}")
    if pack.notes not in NOTE_MODES:
        raise ExportError(f"未知批注位置“{pack.notes}”，可选：{'、'.join(NOTE_MODES)}")


def build_pdf(pack: BriefingPack, out: Path) -> ExportResult:
    """Lay out and write the pack to `out`; returns path, page count, size and the faces used."""
    _check(pack)
    started = time.perf_counter()
    fonts = font_set(pack.layout, pack.use_system_fonts)
    layout = make_layout(pack.layout, fonts, pack.notes)
    registry = Registry()
    story = StoryBuilder(pack, layout, registry).story()
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        pages = build_document(str(tmp), pack, layout, registry, story)
        tmp.replace(out)
    except OSError as err:
        with contextlib.suppress(OSError):  # e.g. a path part is a file: report the real error
            tmp.unlink(missing_ok=True)
        raise ExportError(f"无法写入文件 {out}：{err.strerror or err}") from err
    seconds = time.perf_counter() - started
    log.info("brief %s: %d pages, %d bytes, %.2f s", out, pages, out.stat().st_size, seconds)
    return ExportResult(str(out), pages, out.stat().st_size, "pdf", dict(fonts.sources), seconds)
