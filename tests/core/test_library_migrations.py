"""Schema migrations: numbered, all-or-nothing, newer libraries refused, old ones upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zcx_desktop.core.errors import LibraryError
from zcx_desktop.core.library import Library
from zcx_desktop.core.migrations import available_migrations, latest_version, migrate, schema_version
from zcx_desktop.paths import migrations_dir


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert versions, "database/ holds no migration"


def test_fresh_library_is_at_latest_version(tmp_path: Path):
    lib = Library.open(tmp_path / "lib")
    assert schema_version(lib.connect()) == latest_version()
    lib.close()


def test_library_from_first_schema_is_migrated(tmp_path: Path, corpus_files):
    db = tmp_path / "lib" / "library.sqlite"
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO documents (title, text, content_hash, text_hash, imported_at, modified_at)"
        " VALUES ('旧文档', '一、总则', 'h1', 't1', '2024-01-01', '2024-01-01')"
    )
    conn.commit()
    conn.close()

    lib = Library.open(db.parent)
    assert schema_version(lib.connect()) == latest_version()
    docs = lib.list_documents()
    assert [d.meta.title for d in docs] == ["旧文档"]
    result = lib.import_file(corpus_files[0])
    assert result.ok, result.error
    lib.close()


def test_newer_library_is_refused(tmp_path: Path):
    lib = Library.open(tmp_path / "lib")
    conn = lib.connect()
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    lib.close()
    with pytest.raises(LibraryError, match="更新版本"):
        Library.open(tmp_path / "lib")


def test_failed_migration_leaves_previous_version(tmp_path: Path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    for migration in available_migrations(migrations_dir())[:1]:
        (folder / migration.path.name).write_text(migration.sql(), encoding="utf-8")
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE will_vanish (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n",
        encoding="utf-8",
    )
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, folder)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "will_vanish" not in tables
