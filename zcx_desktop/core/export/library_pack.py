"""Build a BriefingPack from a library: documents, clauses and (when available) annotations and layers."""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from zcx_desktop.core.annotations.model import Annotation, Layer
from zcx_desktop.core.export.errors import ExportError
from zcx_desktop.core.export.pack import (
    LAYOUTS,
    NOTE_MODES,
    BriefingPack,
    DocumentSection,
    TableSection,
)

log = logging.getLogger("zcx.export")


@dataclass
class PackOptions:
    """Composer choices that the CLI and the dialog share."""

    title: str = ""
    subtitle: str = ""
    unit: str = ""
    date: str = ""
    classification: str = ""
    copy_no: str = ""
    watermark: str = ""
    author: str = ""
    layout: str = "reading"
    notes: str = "margin"
    layers: list[str] | None = None  # layer names; None = all visible layers
    only_annotated: bool = False
    toc: bool = True
    use_system_fonts: bool = True
    tables: list[TableSection] = field(default_factory=list)


def _annotations_for(lib: Any, doc_id: int) -> tuple[list[Annotation], list[Layer]]:
    """The document's annotations and all layers, or nothing if the annotations store is unavailable."""
    try:
        from zcx_desktop.core.annotations import annotation_store
    except ImportError:  # annotations area not installed: export plain text
        return [], []
    store = annotation_store(lib)
    return store.for_document(doc_id), store.layers()


def _check_layers(wanted: Sequence[str] | None, layers: list[Layer]) -> None:
    if not wanted:
        return
    known = {layer.name for layer in layers}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise ExportError(f"没有这些图层：{'、'.join(unknown)}（现有：{'、'.join(sorted(known)) or '无'}）")


def _check_options(options: PackOptions) -> None:
    if options.layout not in LAYOUTS:
        raise ExportError(f"未知版式“{options.layout}”，可选：{'、'.join(LAYOUTS)}")
    if options.notes not in NOTE_MODES:
        raise ExportError(f"未知批注位置“{options.notes}”，可选：{'、'.join(NOTE_MODES)}")


def section_from_library(lib: Any, doc_id: int, options: PackOptions) -> DocumentSection:
    document = lib.get_document(doc_id)
    annotations, layers = _annotations_for(lib, doc_id)
    _check_layers(options.layers, layers)
    return DocumentSection(
        meta=document.meta,
        text=document.text or "",
        clauses=lib.get_clauses(doc_id),
        annotations=annotations,
        layers=layers,
        only_annotated=options.only_annotated,
        layer_filter=list(options.layers) if options.layers else None,
        doc_id=doc_id,
    )


def _default_title(sections: list[DocumentSection]) -> str:
    if len(sections) == 1:
        meta = sections[0].meta
        return meta.title or meta.notice_title or "参阅材料"
    return "参阅材料"


def pack_from_library(lib: Any, doc_ids: Sequence[int], options: PackOptions | None = None) -> BriefingPack:
    """Read the documents (in the given order) and their annotations into a BriefingPack."""
    options = options or PackOptions()
    _check_options(options)
    if not doc_ids:
        raise ExportError("请至少选择一篇文档")
    sections = [section_from_library(lib, int(doc_id), options) for doc_id in doc_ids]
    today = _dt.date.today()
    return BriefingPack(
        title=options.title or _default_title(sections),
        subtitle=options.subtitle,
        unit=options.unit,
        date=options.date or f"{today.year}年{today.month}月{today.day}日",
        classification=options.classification,
        copy_no=options.copy_no,
        watermark=options.watermark,
        author=options.author or options.unit,
        layout=options.layout,
        notes=options.notes,
        toc=options.toc,
        use_system_fonts=options.use_system_fonts,
        sections=sections,
        extra_sections=list(options.tables),
    )
