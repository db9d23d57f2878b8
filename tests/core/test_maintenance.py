"""Backups, restore, health check and archives."""

from __future__ import annotations

import os
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from zcx_desktop.core import maintenance
from zcx_desktop.core.errors import KnownError, LibraryError
from zcx_desktop.core.library import Library
from zcx_desktop.core.migrations import latest_version


@pytest.fixture
def filled(library: Library, corpus_files) -> Library:
    library.import_paths(corpus_files)
    return library


def test_backup_and_restore_round_trip(filled: Library, tmp_path: Path):
    backup = maintenance.backup_database(filled, tmp_path / "b.sqlite")
    first = filled.list_documents()[0].id
    filled.update_metadata(first, title="改过的标题")
    filled.delete_document(filled.list_documents()[-1].id)
    maintenance.restore_database(filled, backup)
    titles = [d.meta.title for d in filled.list_documents()]
    assert len(titles) == 3 and "改过的标题" not in titles


def test_restore_refuses_corrupt_and_newer(filled: Library, tmp_path: Path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    with pytest.raises(LibraryError):
        maintenance.restore_database(filled, junk)
    newer = maintenance.backup_database(filled, tmp_path / "newer.sqlite")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="更新版本"):
        maintenance.restore_database(filled, newer)
    assert len(filled.list_documents()) == 3


def test_auto_backup_rotates(filled: Library):
    made = maintenance.auto_backup(filled, keep=2)
    assert made is not None
    assert maintenance.auto_backup(filled, keep=2) is None  # newest is fresh
    for index in range(4):
        path = filled.path / "backups" / f"library-2020010{index}-000000.sqlite"
        path.write_bytes(made.read_bytes())
        old = time.time() - 3 * 86400
        os.utime(path, (old, old))
    os.utime(made, (time.time() - 2 * 86400,) * 2)
    maintenance.auto_backup(filled, keep=2)
    assert len(maintenance.list_backups(filled)) == 2


def test_check_finds_and_repairs(filled: Library):
    assert maintenance.check_library(filled).healthy
    stray = filled.originals_dir / "zz" / "stray.txt"
    stray.parent.mkdir()
    stray.write_text("x")
    original = filled.original_path(filled.list_documents()[0].id)
    original.write_bytes(b"tampered")
    report = maintenance.check_library(filled)
    assert not report.healthy and len(report.problems) == 2
    repaired = maintenance.check_library(filled, repair=True)
    assert not stray.exists() and repaired.fixed
    assert len(repaired.problems) == 1  # a changed original cannot be repaired


def test_archive_round_trip(filled: Library, tmp_path: Path):
    archive = maintenance.export_archive(filled, tmp_path / "lib.zip")
    target = maintenance.import_archive(archive, tmp_path / "moved")
    moved = Library.open(target)
    assert [d.meta.title for d in moved.list_documents()] == [d.meta.title for d in filled.list_documents()]
    assert maintenance.check_library(moved).healthy
    moved.close()


@pytest.mark.parametrize("bad_name", ["../evil.txt", "/abs/path", "originals/../../x", "other/file"])
def test_archive_with_unsafe_paths_is_refused(tmp_path: Path, bad_name: str):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("library.sqlite", b"")
        z.writestr(bad_name, b"x")
    with pytest.raises(KnownError):
        maintenance.import_archive(archive, tmp_path / "target")
    assert not (tmp_path / "evil.txt").exists()


def test_archive_that_is_not_a_zip(tmp_path: Path):
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(KnownError):
        maintenance.import_archive(bad, tmp_path / "t")


def test_backup_is_one_self_contained_file(filled: Library, tmp_path: Path):
    (tmp_path / "out").mkdir()
    target = maintenance.backup_database(filled, tmp_path / "out" / "one.sqlite")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.sqlite"]
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_read_only_library_refuses_import_without_touching_originals(filled: Library, tmp_path: Path):
    path = filled.path
    before = sorted(p.name for p in filled.originals_dir.rglob("*"))
    filled.close()
    read_only = Library.open(path, read_only=True)
    new_file = tmp_path / "new.txt"
    new_file.write_text("一、总体要求\n坚持创新。\n二、任务\n加强合作。", encoding="utf-8")
    result = read_only.import_file(new_file)
    assert not result.ok and "只读" in result.error
    assert sorted(p.name for p in (path / "originals").rglob("*")) == before
    read_only.close()


def test_restore_tells_listeners_which_documents_are_gone(filled: Library, tmp_path: Path, corpus_files):
    ids = filled.document_ids()
    filled.delete_document(ids[-1])
    backup = maintenance.backup_database(filled, tmp_path / "two.sqlite")
    filled.import_file(corpus_files[-1])
    new_id = filled.document_ids()[-1]
    events = []
    filled.add_listener(events.append)
    maintenance.restore_database(filled, backup)
    assert ("removed", [new_id]) in [(e.kind, e.doc_ids) for e in events]
    assert events[-1].kind == "replaced" and events[-1].doc_ids == ids[:-1]
