"""Offline exchange of layers between colleagues: export to and merge-import from W3C JSON."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from zcx_desktop import __version__
from zcx_desktop.core.annotations.exchange_format import (
    MAX_FILE_BYTES,
    DocumentRef,
    ExchangeData,
    ExchangeError,
    build_collection,
    parse_collection,
)
from zcx_desktop.core.annotations.model import Annotation, ChangeSet
from zcx_desktop.core.annotations.reanchor import place_annotation
from zcx_desktop.core.annotations.rows import (
    anchored_hash_of,
    now_iso,
    select_annotations,
    write_annotation,
)

log = logging.getLogger("zcx.annotations")

CONFLICT_TAG = "导入冲突"


@dataclass
class ImportReport:
    """What an import did; `to_json()` is the `zcx layers import --json` contract."""

    placed: int = 0  # written and anchored exactly
    fuzzy: int = 0  # written, re-anchored approximately
    orphaned: int = 0  # written, but the quote was not found in the local text
    skipped: int = 0  # document not in this library: not imported
    added: int = 0
    updated: int = 0  # incoming version was newer
    unchanged: int = 0
    kept_local: int = 0  # local version newer (or same time): kept
    conflicts: int = 0  # both versions kept (the loser as a copy tagged 导入冲突)
    layers_created: list[str] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


# -- export ---------------------------------------------------------------------

def export_layers(store: Any, layer_names: list[str]) -> dict[str, Any]:
    """The exchange document for the named layers (NotFound for an unknown name)."""
    layers = [store.layer_by_name(name) for name in layer_names]
    annotations: list[Annotation] = []
    for layer in layers:
        annotations += store.all(layer_id=layer.id)
    docs = {a.doc_id: _document_ref(store.lib, a) for a in annotations}
    return build_collection(layers, annotations, docs, f"ZCX Desktop {__version__}")


def write_export(store: Any, layer_names: list[str], path: Path) -> int:
    """Write the exchange file atomically; returns the number of annotations."""
    data = export_layers(store, layer_names)
    path = Path(path)
    temp = path.with_name(path.name + ".tmp")
    try:
        temp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temp, path)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise ExchangeError(f"无法写入 {path}：{err.strerror or err}") from err
    return len(data["first"]["items"])


def _document_ref(lib: Any, ann: Annotation) -> DocumentRef:
    if ann.doc_id is None:
        row = lib.connect().execute("SELECT anchored_hash FROM annotations WHERE id = ?", (ann.id,)).fetchone()
        return DocumentRef(key=row[0] or ann.id, text_hash=row[0], doc_number=ann.doc_number, title=ann.doc_title)
    row = lib.connect().execute(
        "SELECT text_hash, content_hash, doc_number, title FROM documents WHERE id = ?", (ann.doc_id,)
    ).fetchone()
    return DocumentRef(key=row["text_hash"], text_hash=row["text_hash"], content_hash=row["content_hash"],
                       doc_number=row["doc_number"], title=row["title"])


# -- import ---------------------------------------------------------------------

def read_exchange_file(path: Path) -> ExchangeData:
    """Read and validate an exchange file (size-bounded, strict)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ExchangeError(f"无法读取 {path}：{err.strerror or err}") from err
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeError(f"文件过大（超过 {MAX_FILE_BYTES // (1024 * 1024)} MB），拒绝导入")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise ExchangeError(f"不是有效的 JSON 文件：{err}") from err
    return parse_collection(data)


def import_exchange(store: Any, path: Path) -> ImportReport:
    """Merge an exchange file into the library in one transaction; nothing changes on failure."""
    return merge_exchange(store, read_exchange_file(path))


def merge_exchange(store: Any, data: ExchangeData) -> ImportReport:
    lib = store.lib
    report = ImportReport()
    change = ChangeSet("导入批注", notes_changed=True)
    texts: dict[int, tuple[str, list]] = {}
    with lib.transaction() as tx:
        layer_ids = _ensure_layers(tx, data, report)
        for item in data.items:
            doc_id = _find_document(tx, item.document)
            if doc_id is None:
                report.skipped += 1
                _note_missing(report, item.document)
                continue
            if doc_id not in texts:
                texts[doc_id] = (lib.get_text(doc_id), lib.get_clauses(doc_id))
            incoming = replace(item.annotation, doc_id=doc_id, layer_id=layer_ids[item.layer])
            _merge_one(tx, incoming, texts[doc_id], report, change)
    if change.created or change.updated:
        store.history.clear()  # undo must not cross an import
        store._emit(change)
    log.info("imported annotations: %s", report.to_json())
    return report


def _ensure_layers(tx: sqlite3.Connection, data: ExchangeData, report: ImportReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    for layer in data.layers:
        row = tx.execute("SELECT id FROM layers WHERE name = ?", (layer.name,)).fetchone()
        if row is None:
            position = tx.execute("SELECT coalesce(max(position), -1) + 1 FROM layers").fetchone()[0]
            cursor = tx.execute(
                "INSERT INTO layers (name, color, position, visible, author, created) VALUES (?, ?, ?, 1, ?, ?)",
                (layer.name, layer.color, position, layer.author, now_iso()),
            )
            ids[layer.name] = int(cursor.lastrowid or 0)
            report.layers_created.append(layer.name)
        else:
            ids[layer.name] = int(row[0])
    return ids


def _find_document(tx: sqlite3.Connection, ref: DocumentRef) -> int | None:
    """Same clean text, else same original file, else same 文号 (the local revision)."""
    for column, value in (("text_hash", ref.text_hash), ("content_hash", ref.content_hash),
                          ("doc_number", ref.doc_number)):
        if value:
            row = tx.execute(f"SELECT id FROM documents WHERE {column} = ? ORDER BY id DESC", (value,)).fetchone()
            if row is not None:
                return int(row[0])
    return None


def _note_missing(report: ImportReport, ref: DocumentRef) -> None:
    name = ref.doc_number or ref.title or ref.key
    if name not in report.missing_documents:
        report.missing_documents.append(name)


def _merge_one(
    tx: sqlite3.Connection, incoming: Annotation, text: tuple[str, list], report: ImportReport, change: ChangeSet
) -> None:
    found = select_annotations(tx, "id = ?", (incoming.id,))
    local = found[0] if found else None
    if local is not None and _same_content(local, incoming):
        report.unchanged += 1
        return
    if local is not None and _when(incoming.modified) <= _when(local.modified):
        report.kept_local += 1
        if _loses_words(incoming, local):
            _write_placed(tx, _conflict_copy(incoming), text, report, change)
            report.conflicts += 1
        return
    if local is not None and _loses_words(local, incoming) and local.doc_id is not None:
        copy = _conflict_copy(local)
        write_annotation(tx, copy, anchored_hash_of(tx, local.id))
        change.created.append(copy.id)
        report.conflicts += 1
    _write_placed(tx, incoming, text, report, change)
    if local is None:
        report.added += 1
    else:
        report.updated += 1


def _write_placed(
    tx: sqlite3.Connection, ann: Annotation, text: tuple[str, list], report: ImportReport, change: ChangeSet
) -> None:
    placed, _placement = place_annotation(text[0], replace(ann, status="anchored"), text[1])
    doc = tx.execute("SELECT text_hash, doc_number, title FROM documents WHERE id = ?", (ann.doc_id,)).fetchone()
    placed = replace(placed, doc_number=doc["doc_number"], doc_title=doc["title"])
    write_annotation(tx, placed, doc["text_hash"])
    counter = {"anchored": "placed", "fuzzy": "fuzzy", "orphan": "orphaned"}[placed.status]
    setattr(report, counter, getattr(report, counter) + 1)
    change.updated.append(placed.id)
    change.annotations.append(placed)
    if placed.doc_id is not None:
        change.doc_ids.add(placed.doc_id)


def _same_content(a: Annotation, b: Annotation) -> bool:
    fields = ("note", "tags", "style", "color", "layer_id")
    return all(getattr(a, f) == getattr(b, f) for f in fields)


def _loses_words(loser: Annotation, winner: Annotation) -> bool:
    """True when dropping `loser` would lose note text the winner does not contain."""
    return bool(loser.note.strip()) and loser.note.strip() not in winner.note


def _conflict_copy(ann: Annotation) -> Annotation:
    tags = ann.tags + ([CONFLICT_TAG] if CONFLICT_TAG not in ann.tags else [])
    return replace(ann, id=str(uuid.uuid4()), tags=tags)


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)
