"""Layer operations (create, rename, recolour, hide, reorder, delete) mixed into AnnotationStore."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from zcx_desktop.core.annotations.model import ChangeSet, Layer
from zcx_desktop.core.annotations.rows import (
    LAYER_COLUMNS,
    InvalidValue,
    check_color,
    now_iso,
    row_to_layer,
)
from zcx_desktop.core.errors import KnownError, NotFound

log = logging.getLogger("zcx.annotations")

DEFAULT_LAYER_COLOR = "#FFE066"


class LayerInUse(KnownError):
    """A layer still holds annotations and the caller did not say where they go."""


class LayerOps:
    """Layer methods; expects `self.lib` (Library), `self.author` and `self._emit(ChangeSet)`."""

    lib: Any
    author: str

    def _emit(self, change: ChangeSet) -> None:  # pragma: no cover - provided by the store
        raise NotImplementedError

    def layers(self) -> list[Layer]:
        """All layers in display order."""
        rows = self.lib.connect().execute(
            f"SELECT {LAYER_COLUMNS} FROM layers ORDER BY position, id"
        ).fetchall()
        return [row_to_layer(r) for r in rows]

    def get_layer(self, layer_id: int) -> Layer:
        row = self.lib.connect().execute(
            f"SELECT {LAYER_COLUMNS} FROM layers WHERE id = ?", (layer_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"没有编号为 {layer_id} 的图层")
        return row_to_layer(row)

    def layer_by_name(self, name: str) -> Layer:
        row = self.lib.connect().execute(
            f"SELECT {LAYER_COLUMNS} FROM layers WHERE name = ?", (name.strip(),)
        ).fetchone()
        if row is None:
            raise NotFound(f"没有名为“{name}”的图层")
        return row_to_layer(row)

    def layer_counts(self, doc_id: int | None = None) -> dict[int, int]:
        """Annotations per layer id, library-wide or in one document (layers without any are absent)."""
        where, params = ("WHERE doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        rows = self.lib.connect().execute(
            f"SELECT layer_id, count(*) FROM annotations {where} GROUP BY layer_id", params
        )
        return {r[0]: r[1] for r in rows}

    def create_layer(self, name: str, color: str = DEFAULT_LAYER_COLOR, author: str | None = None) -> Layer:
        name = _check_name(name)
        color = check_color(color) or DEFAULT_LAYER_COLOR
        with self.lib.transaction() as tx:
            position = tx.execute("SELECT coalesce(max(position), -1) + 1 FROM layers").fetchone()[0]
            try:
                cursor = tx.execute(
                    "INSERT INTO layers (name, color, position, visible, author, created) "
                    "VALUES (?, ?, ?, 1, ?, ?)",
                    (name, color, position, self.author if author is None else author, now_iso()),
                )
            except sqlite3.IntegrityError as err:
                raise InvalidValue(f"已有名为“{name}”的图层") from err
        layer = self.get_layer(int(cursor.lastrowid or 0))
        self._emit(ChangeSet("新建图层", layers_changed=True))
        return layer

    def ensure_layer(self, name: str, color: str = DEFAULT_LAYER_COLOR, author: str | None = None) -> Layer:
        """The layer with this name, created if missing."""
        try:
            return self.layer_by_name(name)
        except NotFound:
            return self.create_layer(name, color, author)

    def rename_layer(self, layer_id: int, name: str) -> Layer:
        name = _check_name(name)
        try:
            return self._update_layer(layer_id, "重命名图层", name=name)
        except sqlite3.IntegrityError as err:
            raise InvalidValue(f"已有名为“{name}”的图层") from err

    def recolor_layer(self, layer_id: int, color: str) -> Layer:
        return self._update_layer(layer_id, "图层颜色", color=check_color(color))

    def set_layer_visible(self, layer_id: int, visible: bool) -> Layer:
        return self._update_layer(layer_id, "显示/隐藏图层", visible=1 if visible else 0)

    def reorder_layers(self, layer_ids: list[int]) -> list[Layer]:
        """Put the given layers first, in this order; others keep their relative order after."""
        current = [layer.id for layer in self.layers()]
        unknown = set(layer_ids) - set(current)
        if unknown:
            raise NotFound(f"没有编号为 {sorted(unknown)} 的图层")
        order = list(dict.fromkeys(layer_ids)) + [i for i in current if i not in layer_ids]
        with self.lib.transaction() as tx:
            tx.executemany(
                "UPDATE layers SET position = ? WHERE id = ?",
                [(position, layer_id) for position, layer_id in enumerate(order)],
            )
        self._emit(ChangeSet("图层排序", layers_changed=True))
        return self.layers()

    def delete_layer(self, layer_id: int, *, move_to: int | None = None, delete_annotations: bool = False) -> ChangeSet:
        """Delete a layer. Its annotations move to `move_to`, or are deleted if asked; else refuse."""
        layer = self.get_layer(layer_id)
        if move_to == layer_id:
            raise InvalidValue("不能把批注移到正在删除的图层")
        if move_to is not None:
            self.get_layer(move_to)
        change = ChangeSet(f"删除图层“{layer.name}”", layers_changed=True, notes_changed=True)
        with self.lib.transaction() as tx:
            rows = tx.execute("SELECT id, doc_id FROM annotations WHERE layer_id = ?", (layer_id,)).fetchall()
            if rows and move_to is None and not delete_annotations:
                raise LayerInUse(f"图层“{layer.name}”中还有 {len(rows)} 条批注，请选择移到其他图层或一并删除")
            if move_to is not None:
                tx.execute(
                    "UPDATE annotations SET layer_id = ?, modified = ? WHERE layer_id = ?",
                    (move_to, now_iso(), layer_id),
                )
                change.updated = [r["id"] for r in rows]
            else:
                tx.execute("DELETE FROM annotations WHERE layer_id = ?", (layer_id,))
                change.deleted = [r["id"] for r in rows]
            tx.execute("DELETE FROM layers WHERE id = ?", (layer_id,))
        change.doc_ids = {r["doc_id"] for r in rows if r["doc_id"] is not None}
        log.info("deleted layer %s (%d annotations %s)", layer.name, len(rows), "moved" if move_to else "deleted")
        self._emit(change)
        return change

    def _update_layer(self, layer_id: int, label: str, **fields: object) -> Layer:
        self.get_layer(layer_id)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self.lib.transaction() as tx:
            tx.execute(f"UPDATE layers SET {assignments} WHERE id = ?", (*fields.values(), layer_id))
        self._emit(ChangeSet(label, layers_changed=True))
        return self.get_layer(layer_id)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise InvalidValue("图层名称不能为空，且不超过 60 个字符")
    return name
