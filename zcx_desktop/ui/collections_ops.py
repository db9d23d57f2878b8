"""Background ops for collections (`fn(library, job)`): they only call core.collections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zcx_desktop.core import collections as col
from zcx_desktop.core.library import Library
from zcx_desktop.ui.ops import Op


@dataclass
class CollectionsState:
    """What the collections list shows: the collections and each one's document ids."""

    collections: list[col.Collection]
    members: dict[int, set[int]]


def load_state(library: Library, job: Any) -> CollectionsState:
    return CollectionsState(col.list_collections(library), col.memberships(library))


def create(name: str, doc_ids: list[int] | None = None) -> Op:
    """Create a collection (and put documents in it, when given)."""

    def run(library: Library, job: Any) -> col.Collection:
        if doc_ids:
            col.existing_documents(library, doc_ids)
        created = col.create_collection(library, name)
        if doc_ids:
            col.add_documents(library, created.id, doc_ids)
        return created

    return run


def rename(collection_id: int, name: str) -> Op:
    def run(library: Library, job: Any) -> col.Collection:
        return col.rename_collection(library, collection_id, name)

    return run


def delete(collection_id: int) -> Op:
    def run(library: Library, job: Any) -> list[int]:
        return col.delete_collection(library, collection_id)

    return run


def add_documents(collection_id: int, doc_ids: list[int]) -> Op:
    def run(library: Library, job: Any) -> list[int]:
        return col.add_documents(library, collection_id, doc_ids)

    return run


def remove_documents(collection_id: int, doc_ids: list[int]) -> Op:
    def run(library: Library, job: Any) -> list[int]:
        return col.remove_documents(library, collection_id, doc_ids)

    return run
