"""Hostile environment: disk full and read-only library folder give a clear message and
leave the library exactly as it was (rows, originals, integrity)."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.core.hostile_factory import POLICY
from zcx_desktop.core.annotations import annotation_store
from zcx_desktop.core.errors import KnownError, LibraryError

TABLES = ("documents", "clauses", "document_tags", "annotations", "layers")


def state(library) -> dict[str, object]:
    conn = library.connect()
    rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}
    originals = sorted(p.name for p in library.originals_dir.rglob("*") if p.is_file())
    return {"rows": {t: [tuple(r) for r in v] for t, v in rows.items()}, "originals": originals}


@pytest.fixture
def filled(library, tmp_path: Path):
    """A library with one document, one annotation and a tag; plus a new file ready to import."""
    first = tmp_path / "first.txt"
    first.write_text(POLICY, encoding="utf-8")
    doc_id = library.import_file(first).doc_id
    store = annotation_store(library)
    ann_id = store.annotate(doc_id, 0, 4, note="原有批注").created[0]
    library.set_tags(doc_id, ["原有"])
    incoming = tmp_path / "second.txt"
    incoming.write_text(POLICY.replace("安全生产", "节能减排") * 50, encoding="utf-8")
    return library, store, doc_id, ann_id, incoming


def attempt_every_write(library, store, doc_id: int, ann_id: str, incoming: Path) -> list[str]:
    """Try an import, an annotation, a note edit, a tag change and a metadata edit; return messages.

    Each write is large enough to need new database pages (so a full disk is hit)."""
    big = "大" * 90_000
    messages = []
    result = library.import_file(incoming)
    assert not result.ok
    messages.append(result.error)
    for write in (
        lambda: store.annotate(doc_id, 5, 9, note="新批注" + big),
        lambda: store.set_note(ann_id, "改过的批注" + big),
        lambda: library.set_tags(doc_id, [f"新标签{i}{big[:500]}" for i in range(100)]),
        lambda: library.update_metadata(doc_id, title="新标题" + big),
    ):
        with pytest.raises(KnownError) as caught:
            write()
        messages.append(str(caught.value))
    return messages


def test_disk_full_in_sqlite(filled) -> None:
    library, store, doc_id, ann_id, incoming = filled
    before = state(library)
    conn = library.connect()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: SQLITE_FULL
    messages = attempt_every_write(library, store, doc_id, ann_id, incoming)
    assert all("磁盘已满" in m for m in messages[:1]), messages
    assert all("磁盘已满" in m or "无法写入" in m for m in messages), messages
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert state(library) == before
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert library.import_file(incoming).ok  # space is back: everything works again


def test_disk_full_when_saving_the_original(filled, monkeypatch) -> None:
    library, _, _, _, incoming = filled
    before = state(library)
    real_write = Path.write_bytes

    def full_disk(self: Path, data: bytes) -> int:
        if library.originals_dir in self.parents:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    result = library.import_file(incoming)
    assert not result.ok and "磁盘已满" in result.error and incoming.name in result.error
    assert state(library) == before
    leftovers = [p for p in library.originals_dir.rglob("*") if ".tmp" in p.name]
    assert not leftovers


def test_read_only_database(filled) -> None:
    """What a read-only mount looks like to SQLite (works even when tests run as root)."""
    library, store, doc_id, ann_id, incoming = filled
    before = state(library)
    library.connect().execute("PRAGMA query_only = ON")
    messages = attempt_every_write(library, store, doc_id, ann_id, incoming)
    library.connect().execute("PRAGMA query_only = OFF")
    assert all("只读" in m for m in messages[1:]), messages
    assert state(library) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="chmod does not stop root from writing; test_read_only_database covers it")
def test_read_only_folder(filled) -> None:
    library, _, doc_id, ann_id, incoming = filled
    before = state(library)
    path = library.path
    library.close()
    modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]}
    try:
        for p, mode in modes.items():
            p.chmod(stat.S_IMODE(mode) & ~0o222)
        from zcx_desktop.core.session import open_session

        with pytest.raises(LibraryError):
            reopened = open_session(path)
            try:
                attempt_every_write(reopened, annotation_store(reopened), doc_id, ann_id, incoming)
            finally:
                reopened.close()
    finally:
        for p, mode in modes.items():
            p.chmod(stat.S_IMODE(mode))
    from zcx_desktop.core.library import Library

    with Library.open(path) as again:
        assert state(again) == before


def test_read_only_library_object_refuses_writes(filled) -> None:
    from zcx_desktop.core.library import Library

    library, _, doc_id, _, incoming = filled
    before = state(library)
    with Library.open(library.path, read_only=True) as viewer:
        assert [d.id for d in viewer.list_documents()] == [doc_id]
        with pytest.raises(LibraryError) as caught:
            viewer.set_tags(doc_id, ["x"])
        assert "只读" in str(caught.value)
        result = viewer.import_file(incoming)
        assert not result.ok and "只读" in result.error
    assert state(library) == before


def test_sqlite_error_text_is_not_shown_raw(filled) -> None:
    library, *_ = filled
    conn = library.connect()
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    try:
        with pytest.raises(LibraryError) as caught:
            library.set_tags(library.document_ids()[0], ["x" * 5000 + str(i) for i in range(200)])
        assert not isinstance(caught.value, sqlite3.Error)
    finally:
        conn.execute("PRAGMA max_page_count = 1073741823")
