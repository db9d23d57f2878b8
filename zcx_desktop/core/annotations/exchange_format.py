"""The exchange file (W3C Web Annotation JSON): building it and validating an untrusted one."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from zcx_desktop.core.annotations.model import STYLES, Annotation, Layer
from zcx_desktop.core.errors import KnownError

FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ITEMS = 100_000
MAX_NOTE = 100_000
MAX_QUOTE = 20_000
MAX_SHORT = 500
CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"zcx": "https://zcx-desktop.invalid/ns/annotation#"}]
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ExchangeError(KnownError):
    """The annotation exchange file is unreadable or malformed; nothing was changed."""


@dataclass
class DocumentRef:
    """How the exchange file identifies a document: text hash, file hash, 文号, title."""

    key: str
    text_hash: str = ""
    content_hash: str = ""
    doc_number: str = ""
    title: str = ""


@dataclass
class IncomingLayer:
    name: str
    color: str
    author: str = ""


@dataclass
class IncomingAnnotation:
    """One validated annotation from an exchange file (offsets refer to the sender's text)."""

    annotation: Annotation  # doc_id/layer_id not yet resolved (0)
    layer: str
    document: DocumentRef


@dataclass
class ExchangeData:
    layers: list[IncomingLayer] = field(default_factory=list)
    items: list[IncomingAnnotation] = field(default_factory=list)


# -- building -------------------------------------------------------------------

def document_key(ref: DocumentRef) -> str:
    return f"urn:zcx:text:{ref.text_hash}" if ref.text_hash else f"urn:zcx:doc:{ref.key}"


def build_collection(
    layers: list[Layer], annotations: list[Annotation], docs: dict[int | None, DocumentRef], generator: str
) -> dict[str, Any]:
    """An AnnotationCollection with one page holding every annotation."""
    layer_names = {layer.id: layer.name for layer in layers}
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "generator": generator,
        "zcx:format": FORMAT_VERSION,
        "zcx:layers": [{"name": x.name, "color": x.color, "author": x.author} for x in layers],
        "zcx:documents": [_document_json(ref) for ref in _unique_refs(docs.values())],
        "total": len(annotations),
        "first": {
            "type": "AnnotationPage",
            "items": [_annotation_json(a, layer_names[a.layer_id], docs[a.doc_id]) for a in annotations],
        },
    }


def _unique_refs(refs: Any) -> list[DocumentRef]:
    seen: dict[str, DocumentRef] = {}
    for ref in refs:
        seen.setdefault(document_key(ref), ref)
    return list(seen.values())


def _document_json(ref: DocumentRef) -> dict[str, str]:
    return {"id": document_key(ref), "zcx:textHash": ref.text_hash, "zcx:contentHash": ref.content_hash,
            "zcx:docNumber": ref.doc_number, "title": ref.title}


def _annotation_json(ann: Annotation, layer: str, ref: DocumentRef) -> dict[str, Any]:
    body: list[dict[str, str]] = []
    if ann.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": ann.note})
    body += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in ann.tags]
    return {
        "id": f"urn:uuid:{ann.id}",
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.modified,
        "creator": {"type": "Person", "name": ann.author},
        "body": body,
        "target": {
            "source": document_key(ref),
            "selector": [
                {"type": "TextQuoteSelector", "exact": ann.quote, "prefix": ann.prefix, "suffix": ann.suffix},
                {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
            ],
            "zcx:clausePath": ann.clause_path,
        },
        "zcx:layer": layer,
        "zcx:style": ann.style,
        "zcx:color": ann.color,
        "zcx:status": ann.status,
    }


# -- validating -----------------------------------------------------------------

def parse_collection(data: Any) -> ExchangeData:
    """Validate an untrusted, already JSON-decoded exchange file; ExchangeError on anything wrong."""
    top = _obj(data, "文件")
    if top.get("type") != "AnnotationCollection":
        raise ExchangeError("不是批注交换文件（缺少 type: AnnotationCollection）")
    if top.get("zcx:format") != FORMAT_VERSION:
        raise ExchangeError(f"不支持的交换文件格式版本：{top.get('zcx:format')!r}")
    layers = [_layer(x, f"图层 {n}") for n, x in enumerate(_list(top, "zcx:layers", "文件", 1000), 1)]
    layer_names = {x.name for x in layers}
    docs = {}
    for n, raw in enumerate(_list(top, "zcx:documents", "文件", MAX_ITEMS), 1):
        ref = _document(raw, f"文档 {n}")
        docs[ref.key] = ref
    page = _obj(top.get("first"), "first")
    items = [
        _item(raw, f"第 {n} 条批注", docs, layer_names)
        for n, raw in enumerate(_list(page, "items", "first", MAX_ITEMS), 1)
    ]
    return ExchangeData(layers, items)


def _layer(raw: Any, where: str) -> IncomingLayer:
    obj = _obj(raw, where)
    name = _text(obj, "name", where, 60, minimum=1).strip()
    if not name:
        raise ExchangeError(f"{where}：图层名称为空")
    return IncomingLayer(name, _color(obj.get("color"), where) or "#FFE066", _text(obj, "author", where, 200, True))


def _document(raw: Any, where: str) -> DocumentRef:
    obj = _obj(raw, where)
    return DocumentRef(
        key=_text(obj, "id", where, MAX_SHORT, minimum=1),
        text_hash=_text(obj, "zcx:textHash", where, 128, True),
        content_hash=_text(obj, "zcx:contentHash", where, 128, True),
        doc_number=_text(obj, "zcx:docNumber", where, MAX_SHORT, True),
        title=_text(obj, "title", where, MAX_SHORT, True),
    )


def _item(raw: Any, where: str, docs: dict[str, DocumentRef], layers: set[str]) -> IncomingAnnotation:
    obj = _obj(raw, where)
    ann_id = _uuid(_text(obj, "id", where, 100, minimum=1), where)
    target = _obj(obj.get("target"), f"{where} target")
    source = _text(target, "source", where, MAX_SHORT, minimum=1)
    if source not in docs:
        raise ExchangeError(f"{where}：引用了未声明的文档 {source}")
    layer = _text(obj, "zcx:layer", where, 60, minimum=1)
    if layer not in layers:
        raise ExchangeError(f"{where}：引用了未声明的图层“{layer}”")
    quote, position = _selectors(target, where)
    note, tags = _bodies(obj.get("body", []), where)
    style = obj.get("zcx:style", "highlight")
    if style not in STYLES:
        raise ExchangeError(f"{where}：样式 {style!r} 无效")
    creator = obj.get("creator") or {}
    ann = Annotation(
        id=ann_id, doc_id=0, layer_id=0, start=position[0], end=position[1], quote=quote["exact"],
        prefix=quote["prefix"], suffix=quote["suffix"],
        clause_path=_text(target, "zcx:clausePath", where, MAX_SHORT, True), style=style,
        color=_color(obj.get("zcx:color"), where), note=note, tags=tags,
        author=_text(_obj(creator, f"{where} creator"), "name", where, 200, True),
        created=_date(obj.get("created"), where), modified=_date(obj.get("modified"), where),
    )
    return IncomingAnnotation(ann, layer, docs[source])


def _selectors(target: dict, where: str) -> tuple[dict[str, str], tuple[int, int]]:
    selectors = target.get("selector")
    if not isinstance(selectors, list) or len(selectors) > 10:
        raise ExchangeError(f"{where}：target.selector 应为列表")
    quote: dict[str, str] | None = None
    position = (0, 0)
    for raw in selectors:
        sel = _obj(raw, f"{where} selector")
        if sel.get("type") == "TextQuoteSelector":
            quote = {"exact": _text(sel, "exact", where, MAX_QUOTE, minimum=1),
                     "prefix": _text(sel, "prefix", where, MAX_SHORT, True),
                     "suffix": _text(sel, "suffix", where, MAX_SHORT, True)}
        elif sel.get("type") == "TextPositionSelector":
            start, end = sel.get("start"), sel.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and _is_int(start) and _is_int(end)
                    and 0 <= start < end <= 50_000_000):
                raise ExchangeError(f"{where}：TextPositionSelector 的 start/end 无效")
            position = (start, end)
    if quote is None:
        raise ExchangeError(f"{where}：缺少 TextQuoteSelector")
    if position == (0, 0):
        position = (0, len(quote["exact"]))
    return quote, position


def _bodies(raw: Any, where: str) -> tuple[str, list[str]]:
    if not isinstance(raw, list) or len(raw) > 1000:
        raise ExchangeError(f"{where}：body 应为列表")
    note, tags = "", []
    for item in raw:
        body = _obj(item, f"{where} body")
        value = _text(body, "value", where, MAX_NOTE, True)
        if body.get("purpose") == "tagging":
            if value.strip() and len(value) <= 100:
                tags.append(value.strip())
        elif not note:
            note = value
    return note, list(dict.fromkeys(tags))


def _obj(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ExchangeError(f"{where}：格式错误（应为对象）")
    return value


def _list(obj: dict, key: str, where: str, limit: int) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise ExchangeError(f"{where}：{key} 应为列表")
    if len(value) > limit:
        raise ExchangeError(f"{where}：{key} 条目过多（{len(value)} > {limit}）")
    return value


def _text(obj: dict, key: str, where: str, limit: int, optional: bool = False, minimum: int = 0) -> str:
    value = obj.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or len(value) < minimum or len(value) > limit:
        raise ExchangeError(f"{where}：字段 {key} 缺失、不是文本或长度超出 {limit}")
    return value


def _color(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COLOR.match(value):
        raise ExchangeError(f"{where}：颜色 {value!r} 无效（应为 #RRGGBB）")
    return value.upper()


def _uuid(value: str, where: str) -> str:
    raw = value.removeprefix("urn:uuid:")
    try:
        return str(uuid.UUID(raw))
    except ValueError as err:
        raise ExchangeError(f"{where}：id {value!r} 不是 UUID") from err


def _date(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise ExchangeError(f"{where}：时间缺失或格式错误")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as err:
        raise ExchangeError(f"{where}：时间 {value!r} 不是 ISO 8601 格式") from err
    if parsed.tzinfo is None:
        raise ExchangeError(f"{where}：时间 {value!r} 缺少时区")
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
