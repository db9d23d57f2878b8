"""One document's annotations as Markdown (quote, clause path, note; grouped by layer) for reports."""

from __future__ import annotations

from typing import Any

from zcx_desktop.core.annotations.model import Annotation, Layer

STATUS_NOTES = {"fuzzy": "（原文已修改，位置为近似匹配，请核对）", "orphan": "（原文中已找不到此段）"}


def document_markdown(store: Any, doc_id: int, layer_ids: list[int] | None = None) -> str:
    """Markdown for pasting into a report; layers in their display order, text order inside."""
    doc = store.lib.get_document(doc_id, with_text=False)
    annotations = store.for_document(doc_id)
    layers = [x for x in store.layers() if layer_ids is None or x.id in layer_ids]
    title = doc.meta.title or doc.meta.notice_title or f"文档 {doc_id}"
    number = f"（{doc.meta.doc_number}）" if doc.meta.doc_number else ""
    lines = [f"# {title}{number} 批注", ""]
    for layer in layers:
        own = [a for a in annotations if a.layer_id == layer.id]
        if own:
            lines += _layer_section(layer, own)
    return "\n".join(lines).rstrip() + "\n"


def _layer_section(layer: Layer, annotations: list[Annotation]) -> list[str]:
    lines = [f"## {layer.name}（{len(annotations)} 条）", ""]
    for number, ann in enumerate(annotations, start=1):
        where = ann.clause_path or "正文"
        lines.append(f"### {number}. {where}{STATUS_NOTES.get(ann.status, '')}")
        lines.append("")
        lines += [f"> {line}" if line else ">" for line in ann.quote.splitlines()]
        lines.append("")
        if ann.note.strip():
            lines += [ann.note.strip(), ""]
        if ann.tags:
            lines += ["标签：" + "、".join(ann.tags), ""]
    return lines
