"""Collections: user-defined folders of documents (a document may be in several)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from zcx_desktop.core.errors import KnownError, NotFound
from zcx_desktop.core.library import Library

log = logging.getLogger("zcx.collections")

MAX_NAME_LENGTH = 60


class CollectionError(KnownError):
    """A collection name is empty, too long or already taken."""


class CollectionNotFound(NotFound):
    """The collection the caller named does not exist."""


@dataclass
class Collection:
    """One folder: its id, name, display position and how many documents it holds."""

    id: int
    name: str
    position: int
    created: str
    count: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# -- reading ---------------------------------------------------------------------------


def list_collections(lib: Library) -> list[Collection]:
    """All collections in display order, each with its document count."""
    rows = lib.connect().execute(
        "SELECT c.id, c.name, c.position, c.created, count(cd.doc_id) AS count "
        "FROM collections c LEFT JOIN collection_documents cd ON cd.collection_id = c.id "
        "GROUP BY c.id ORDER BY c.position, c.id"
    ).fetchall()
    return [_to_collection(r) for r in rows]


def get_collection(lib: Library, collection_id: int) -> Collection:
    row = lib.connect().execute(
        "SELECT c.id, c.name, c.position, c.created, "
        "(SELECT count(*) FROM collection_documents WHERE collection_id = c.id) AS count "
        "FROM collections c WHERE c.id = ?",
        (collection_id,),
    ).fetchone()
    if row is None:
        raise CollectionNotFound(f"没有编号为 {collection_id} 的文件夹")
    return _to_collection(row)


def find_collection(lib: Library, name: str) -> Collection:
    """The collection called `name` (surrounding spaces ignored)."""
    row = lib.connect().execute(
        "SELECT id FROM collections WHERE name = ?", (name.strip(),)
    ).fetchone()
    if row is None:
        raise CollectionNotFound(f"没有名为“{name.strip()}”的文件夹")
    return get_collection(lib, int(row[0]))


def documents_in(lib: Library, collection_id: int) -> list[int]:
    """Ids of the documents in a collection, in the order they were added."""
    get_collection(lib, collection_id)
    rows = lib.connect().execute(
        "SELECT doc_id FROM collection_documents WHERE collection_id = ? ORDER BY rowid",
        (collection_id,),
    )
    return [int(r[0]) for r in rows]


def memberships(lib: Library) -> dict[int, set[int]]:
    """Collection id -> ids of its documents, for every collection (one query)."""
    found: dict[int, set[int]] = {c.id: set() for c in list_collections(lib)}
    for row in lib.connect().execute("SELECT collection_id, doc_id FROM collection_documents"):
        found.setdefault(int(row[0]), set()).add(int(row[1]))
    return found


def collections_of(lib: Library, doc_id: int) -> list[Collection]:
    """The collections a document belongs to, in display order."""
    ids = {
        int(r[0])
        for r in lib.connect().execute(
            "SELECT collection_id FROM collection_documents WHERE doc_id = ?", (doc_id,)
        )
    }
    return [c for c in list_collections(lib) if c.id in ids]


# -- changing ----------------------------------------------------------------------------


def create_collection(lib: Library, name: str) -> Collection:
    """A new, empty collection placed after the existing ones."""
    clean = _valid_name(name)
    with lib.transaction() as tx:
        _refuse_taken(tx, clean)
        position = tx.execute("SELECT coalesce(max(position) + 1, 0) FROM collections").fetchone()[0]
        cursor = tx.execute(
            "INSERT INTO collections(name, position) VALUES (?, ?)", (clean, position)
        )
        new_id = int(cursor.lastrowid or 0)
    log.info("collection %s created: %s", new_id, clean)
    return get_collection(lib, new_id)


def rename_collection(lib: Library, collection_id: int, name: str) -> Collection:
    clean = _valid_name(name)
    current = get_collection(lib, collection_id)
    if clean != current.name:
        with lib.transaction() as tx:
            _refuse_taken(tx, clean)
            tx.execute("UPDATE collections SET name = ? WHERE id = ?", (clean, collection_id))
    return get_collection(lib, collection_id)


def delete_collection(lib: Library, collection_id: int) -> list[int]:
    """Delete a collection (its documents stay in the library); returns the ids it held."""
    with lib.transaction() as tx:
        members = documents_in(lib, collection_id)
        tx.execute("DELETE FROM collections WHERE id = ?", (collection_id,))
    log.info("collection %s deleted (%d documents)", collection_id, len(members))
    if members:
        lib.notify("updated", members)
    return members


def reorder_collections(lib: Library, collection_ids: list[int]) -> list[Collection]:
    """Put the named collections first, in this order; the others follow in their old order."""
    existing = [c.id for c in list_collections(lib)]
    unknown = set(collection_ids) - set(existing)
    if unknown:
        raise CollectionNotFound(f"没有编号为 {min(unknown)} 的文件夹")
    order = list(dict.fromkeys(collection_ids)) + [i for i in existing if i not in collection_ids]
    with lib.transaction() as tx:
        tx.executemany(
            "UPDATE collections SET position = ? WHERE id = ?",
            [(position, cid) for position, cid in enumerate(order)],
        )
    return list_collections(lib)


def add_documents(lib: Library, collection_id: int, doc_ids: Iterable[int]) -> list[int]:
    """Add documents to a collection; returns the ids that were not in it yet."""
    wanted = existing_documents(lib, doc_ids)
    with lib.transaction() as tx:
        already = set(documents_in(lib, collection_id))
        added = [d for d in wanted if d not in already]
        tx.executemany(
            "INSERT INTO collection_documents(collection_id, doc_id) VALUES (?, ?)",
            [(collection_id, d) for d in added],
        )
    if added:
        lib.notify("updated", added)
    return added


def remove_documents(lib: Library, collection_id: int, doc_ids: Iterable[int]) -> list[int]:
    """Take documents out of a collection (not out of the library); returns those removed."""
    with lib.transaction() as tx:
        present = set(documents_in(lib, collection_id))
        removed = [d for d in dict.fromkeys(int(i) for i in doc_ids) if d in present]
        tx.executemany(
            "DELETE FROM collection_documents WHERE collection_id = ? AND doc_id = ?",
            [(collection_id, d) for d in removed],
        )
    if removed:
        lib.notify("updated", removed)
    return removed


# -- helpers -------------------------------------------------------------------------------


def _valid_name(name: str) -> str:
    clean = " ".join((name or "").split())
    if not clean:
        raise CollectionError("文件夹名称不能为空。")
    if len(clean) > MAX_NAME_LENGTH:
        raise CollectionError(f"文件夹名称太长（最多 {MAX_NAME_LENGTH} 个字）。")
    return clean


def _refuse_taken(tx: sqlite3.Connection, name: str) -> None:
    if tx.execute("SELECT 1 FROM collections WHERE name = ?", (name,)).fetchone():
        raise CollectionError(f"已有名为“{name}”的文件夹，请换一个名称。")


def existing_documents(lib: Library, doc_ids: Iterable[int]) -> list[int]:
    """The ids without repeats; raises NotFound if one is not in the library."""
    wanted = list(dict.fromkeys(int(i) for i in doc_ids))
    known = set(lib.document_ids())
    missing = [d for d in wanted if d not in known]
    if missing:
        raise NotFound(f"没有编号为 {missing[0]} 的文档")
    return wanted


def _to_collection(row: sqlite3.Row) -> Collection:
    return Collection(
        id=int(row["id"]), name=row["name"], position=int(row["position"]),
        created=row["created"], count=int(row["count"]),
    )
