"""AnnotationStore: create/edit/delete annotations, one transaction each, with undo/redo."""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from zcx_desktop.core.annotations import reanchor
from zcx_desktop.core.annotations.anchoring import ClauseIndex, find_occurrence, make_selector
from zcx_desktop.core.annotations.layers import LayerOps
from zcx_desktop.core.annotations.model import Annotation, ChangeSet
from zcx_desktop.core.annotations.rows import (
    InvalidValue,
    check_color,
    check_style,
    clean_tags,
    delete_annotation,
    now_iso,
    select_annotations,
    write_annotation,
)
from zcx_desktop.core.annotations.undo import Command, UndoStack
from zcx_desktop.core.errors import KnownError, NotFound

log = logging.getLogger("zcx.annotations")

_UNSET: Any = object()
MAX_NOTE_CHARS = 100_000


class QuoteNotFound(KnownError):
    """The quote given on the command line does not occur in the document."""


def default_author() -> str:
    """$ZCX_AUTHOR, else the login name."""
    name = os.environ.get("ZCX_AUTHOR", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, no USER variable
        return ""


class AnnotationStore(LayerOps):
    """The annotations of one library. Every mutation commits at once and returns a ChangeSet.

    Create/edit/delete/recolour/move push an undo Command; `undo()` / `redo()` replay them.
    Listeners (`add_listener`) receive each ChangeSet after commit (the GUI refreshes from it).
    """

    def __init__(self, lib: Any, author: str | None = None) -> None:
        self.lib = lib
        self.author = default_author() if author is None else author
        self.history = UndoStack()
        self._listeners: list[Callable[[ChangeSet], None]] = []
        self.last_reports: dict[int, reanchor.ReanchorReport] = {}
        self._reanchor_lock = threading.RLock()

    # -- listeners ---------------------------------------------------------------
    def add_listener(self, listener: Callable[[ChangeSet], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[ChangeSet], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, change: ChangeSet) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a view must never break the store
                log.exception("annotation listener failed")
        if change.doc_ids and change.notes_changed:
            self.lib.notify("updated", sorted(change.doc_ids))  # the search index re-reads notes

    # -- reading -----------------------------------------------------------------
    def get(self, ann_id: str) -> Annotation:
        found = select_annotations(self.lib.connect(), "id = ?", (ann_id,))
        if not found:
            raise NotFound(f"没有编号为 {ann_id} 的批注")
        return found[0]

    def for_document(self, doc_id: int, layer_id: int | None = None) -> list[Annotation]:
        """A document's annotations in text order (re-anchored first if its text changed)."""
        self.reanchor_document(doc_id)
        where, params = "doc_id = ?", [doc_id]
        if layer_id is not None:
            where, params = where + " AND layer_id = ?", [doc_id, layer_id]
        return select_annotations(self.lib.connect(), where, tuple(params))

    def all(self, layer_id: int | None = None, status: str | None = None) -> list[Annotation]:
        """Every annotation in the library (documents in id order, then text order)."""
        clauses, params = ["1"], []
        if layer_id is not None:
            clauses.append("layer_id = ?")
            params.append(layer_id)
        found = select_annotations(self.lib.connect(), " AND ".join(clauses), tuple(params))
        return [a for a in found if status is None or a.status == status]

    def orphans(self) -> list[Annotation]:
        return self.all(status="orphan")

    def find(
        self, text: str = "", *, tag: str | None = None, layer_ids: Iterable[int] | None = None,
        status: str | None = None, doc_id: int | None = None,
    ) -> list[Annotation]:
        """Filter for the annotations browser: text in note or quote, tag, layers, status, document."""
        wanted = text.strip().lower()
        layers = set(layer_ids) if layer_ids is not None else None
        found = self.for_document(doc_id) if doc_id is not None else self.all(status=status)
        return [
            a for a in found
            if (not wanted or wanted in a.note.lower() or wanted in a.quote.lower())
            and (tag is None or tag in a.tags)
            and (layers is None or a.layer_id in layers)
            and (status is None or a.status == status)
        ]

    # -- creating ----------------------------------------------------------------
    def annotate(
        self, doc_id: int, start: int, end: int, *, layer_id: int | None = None,
        style: str = "highlight", color: str | None = None, note: str = "",
        tags: Iterable[str] = (),
    ) -> ChangeSet:
        """Annotate text[start:end] of a document."""
        doc = self.lib.get_document(doc_id)
        text = doc.text or ""
        if not 0 <= start < end <= len(text):
            raise InvalidValue(f"选区 {start}..{end} 超出文档范围（共 {len(text)} 字）")
        selector = make_selector(text, start, end, ClauseIndex(self.lib.get_clauses(doc_id)))
        stamp = now_iso()
        ann = Annotation(
            id=str(uuid.uuid4()), doc_id=doc_id, layer_id=layer_id or self._default_layer_id(),
            start=start, end=end, quote=selector.quote, prefix=selector.prefix,
            suffix=selector.suffix, clause_path=selector.clause_path, style=check_style(style),
            color=check_color(color, allow_none=True), note=_check_note(note),
            tags=clean_tags(tags), author=self.author, created=stamp, modified=stamp,
            doc_number=doc.meta.doc_number, doc_title=doc.meta.title,
        )
        self.get_layer(ann.layer_id)
        return self._apply(Command("新建批注", {ann.id: None}, {ann.id: ann}))

    def annotate_quote(self, doc_id: int, quote: str, occurrence: int = 1, **options: Any) -> ChangeSet:
        """Annotate the n-th occurrence of `quote`; QuoteNotFound if it is not there."""
        text = self.lib.get_text(doc_id)
        start = find_occurrence(text, quote, occurrence)
        if start < 0:
            count = text.count(quote) if quote else 0
            where = f"（全文只出现 {count} 次）" if count else ""
            raise QuoteNotFound(f"文档 {doc_id} 中找不到第 {occurrence} 处“{quote}”{where}")
        return self.annotate(doc_id, start, start + len(quote), **options)

    # -- editing -----------------------------------------------------------------
    def update(
        self, ann_id: str, *, note: str = _UNSET, tags: Iterable[str] = _UNSET,
        style: str = _UNSET, color: str | None = _UNSET, layer_id: int = _UNSET,
    ) -> ChangeSet:
        """Change any of note, tags, style, own colour (None = layer's) and layer."""
        old = self.get(ann_id)
        new = old
        if note is not _UNSET:
            new = replace(new, note=_check_note(note))
        if tags is not _UNSET:
            new = replace(new, tags=clean_tags(tags))
        if style is not _UNSET:
            new = replace(new, style=check_style(style))
        if color is not _UNSET:
            new = replace(new, color=check_color(color, allow_none=True))
        if layer_id is not _UNSET:
            self.get_layer(layer_id)
            new = replace(new, layer_id=layer_id)
        if new == old:
            return ChangeSet("无变化")
        only_note = note is not _UNSET and replace(new, note=old.note) == old
        command = Command(
            "编辑批注" if not only_note else "编辑笔记",
            {ann_id: old}, {ann_id: replace(new, modified=now_iso())},
            merge_key=f"note:{ann_id}" if only_note else "",
        )
        return self._apply(command)

    def set_note(self, ann_id: str, note: str) -> ChangeSet:
        """Autosave a note being typed; successive saves merge into one undo step."""
        return self.update(ann_id, note=note)

    def recolor(self, ann_id: str, color: str | None) -> ChangeSet:
        return self.update(ann_id, color=color)

    def move(self, ann_ids: Iterable[str], layer_id: int) -> ChangeSet:
        """Move annotations to another layer (one undo step)."""
        self.get_layer(layer_id)
        olds = [self.get(i) for i in ann_ids]
        stamp = now_iso()
        after = {a.id: replace(a, layer_id=layer_id, modified=stamp) for a in olds if a.layer_id != layer_id}
        before: dict[str, Annotation | None] = {a.id: a for a in olds if a.id in after}
        return self._apply(Command("移动到图层", before, dict(after)))

    def delete(self, ann_ids: Iterable[str]) -> ChangeSet:
        olds = [self.get(i) for i in ann_ids]
        return self._apply(Command("删除批注", {a.id: a for a in olds}, {a.id: None for a in olds}))

    def reattach(self, ann_id: str, start: int, end: int, doc_id: int | None = None) -> ChangeSet:
        """Place an annotation (typically an orphan) on text[start:end] by hand."""
        old = self.get(ann_id)
        target = doc_id if doc_id is not None else old.doc_id
        if target is None:
            raise InvalidValue("该批注的文档已删除，请指定要挂接的文档")
        text = self.lib.get_text(target)
        if not 0 <= start < end <= len(text):
            raise InvalidValue(f"选区 {start}..{end} 超出文档范围（共 {len(text)} 字）")
        selector = make_selector(text, start, end, ClauseIndex(self.lib.get_clauses(target)))
        doc = self.lib.get_document(target, with_text=False)
        new = replace(
            old, doc_id=target, start=start, end=end, quote=selector.quote, prefix=selector.prefix,
            suffix=selector.suffix, clause_path=selector.clause_path, status="anchored",
            original_quote="", modified=now_iso(), doc_number=doc.meta.doc_number,
            doc_title=doc.meta.title,
        )
        return self._apply(Command("重新挂接批注", {ann_id: old}, {ann_id: new}))

    def confirm(self, ann_id: str) -> ChangeSet:
        """Accept a fuzzy placement as correct (status becomes anchored)."""
        ann = self.get(ann_id)
        return self.reattach(ann_id, ann.start, ann.end)

    # -- undo --------------------------------------------------------------------
    def undo(self) -> ChangeSet | None:
        command = self.history.peek_undo()
        if command is None:
            return None
        change = self._restore(f"撤销{command.label}", command.after, command.before, command.text_hashes)
        self.history.mark_undone(command)
        return self._reanchor_after_restore(change)

    def redo(self) -> ChangeSet | None:
        command = self.history.peek_redo()
        if command is None:
            return None
        change = self._restore(f"重做{command.label}", command.before, command.after, command.text_hashes)
        self.history.mark_redone(command)
        return self._reanchor_after_restore(change)

    def _reanchor_after_restore(self, change: ChangeSet) -> ChangeSet:
        """Offsets restored from before a re-import are re-placed in the current text at once."""
        for doc_id in sorted(change.doc_ids):
            self.reanchor_document(doc_id)
        return change

    @property
    def can_undo(self) -> bool:
        return self.history.peek_undo() is not None

    @property
    def can_redo(self) -> bool:
        return self.history.peek_redo() is not None

    # -- re-anchoring ------------------------------------------------------------
    def reanchor_document(self, doc_id: int, *, force: bool = False) -> reanchor.ReanchorReport:
        """Re-place annotations whose offsets refer to an older text of the document."""
        with self._reanchor_lock:
            report = reanchor.reanchor_stale(self.lib, doc_id, force=force)
            if report.changed:
                self.last_reports[doc_id] = report
                self.history.forget_document(doc_id)
                self._emit(ChangeSet("重新定位批注", updated=report.changed_ids(), doc_ids={doc_id},
                                     notes_changed=True))
                return report
            return self.last_reports.get(doc_id, report)

    def adopt_detached(self, doc_id: int) -> reanchor.ReanchorReport | None:
        """Re-attach annotations kept from a deleted document whose text matches `doc_id`'s."""
        report = reanchor.adopt_detached(self.lib, doc_id)
        if report is not None and report.total:
            self._emit(ChangeSet("恢复批注", updated=report.changed_ids(), doc_ids={doc_id}, notes_changed=True))
        return report

    # -- internals ---------------------------------------------------------------
    def _default_layer_id(self) -> int:
        layers = self.layers()
        if not layers:
            return self.create_layer("重点").id
        return layers[0].id

    def _apply(self, command: Command) -> ChangeSet:
        change = self._restore(command.label, command.before, command.after, command.text_hashes, stamp=False)
        self.history.push(command)
        return change

    def _restore(
        self, label: str, current: dict[str, Annotation | None], wanted: dict[str, Annotation | None],
        text_hashes: dict[int, str], *, stamp: bool = True,
    ) -> ChangeSet:
        """Write the `wanted` states in one transaction; undo/redo also bump `modified`.

        `text_hashes` (doc id -> text hash when the command was first applied) marks restored
        offsets as belonging to that text, so they are re-anchored if the text changed since.
        """
        change = ChangeSet(label)
        moment = now_iso()
        try:
            with self.lib.transaction() as tx:
                for ann_id, state in wanted.items():
                    self._write_state(tx, ann_id, state, current.get(ann_id), change, moment if stamp else "",
                                      text_hashes)
        except sqlite3.IntegrityError as err:
            raise KnownError("无法完成：相关的图层或文档已被删除") from err
        self._emit(change)
        return change

    def _write_state(
        self, tx: sqlite3.Connection, ann_id: str, state: Annotation | None,
        previous: Annotation | None, change: ChangeSet, moment: str, text_hashes: dict[int, str],
    ) -> None:
        for known in (previous, state):
            if known is not None and known.doc_id is not None and known.doc_id not in text_hashes:
                text_hashes[known.doc_id] = self._text_hash(tx, known.doc_id)
        if previous is not None and previous.doc_id is not None:
            change.doc_ids.add(previous.doc_id)
        if (previous.note if previous else "") != (state.note if state else ""):
            change.notes_changed = True
        if state is None:
            delete_annotation(tx, ann_id)
            change.deleted.append(ann_id)
            return
        if moment:
            state = replace(state, modified=moment)
        write_annotation(tx, state, text_hashes.get(state.doc_id, "") if state.doc_id is not None else "")
        (change.created if previous is None else change.updated).append(ann_id)
        change.annotations.append(state)
        if state.doc_id is not None:
            change.doc_ids.add(state.doc_id)

    @staticmethod
    def _text_hash(tx: sqlite3.Connection, doc_id: int | None) -> str:
        if doc_id is None:
            return ""
        row = tx.execute("SELECT text_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return "" if row is None else str(row[0])


def _check_note(note: str) -> str:
    note = note or ""
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidValue(f"笔记过长（超过 {MAX_NOTE_CHARS} 字）")
    return note
