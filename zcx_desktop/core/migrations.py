"""Forward-only schema migrations: database/NNNN_name.sql, tracked by PRAGMA user_version."""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from zcx_desktop.core.errors import LibraryError
from zcx_desktop.paths import migrations_dir

log = logging.getLogger("zcx.library")

_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file."""

    version: int
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available_migrations(folder: Path | None = None) -> list[Migration]:
    """All migrations in order; numbers must run 1..N without gaps or repeats."""
    folder = folder or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration numbering broken at {migration.path.name}")
    return found


def latest_version(folder: Path | None = None) -> int:
    migrations = available_migrations(folder)
    return migrations[-1].version if migrations else 0


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, folder: Path | None = None, target: int | None = None) -> int:
    """Bring the database up to `target` (default: newest). Returns the final version.

    Each migration runs in its own exclusive transaction together with the
    `user_version` bump, so a failure leaves the previous version intact.
    A database newer than this program is refused.
    """
    migrations = available_migrations(folder)
    newest = migrations[-1].version if migrations else 0
    target = newest if target is None else target
    current = schema_version(conn)
    if current > newest:
        raise LibraryError(
            f"此文库由更新版本的程序创建（结构版本 {current}，本程序支持到 {newest}），"
            "请升级 ZCX Desktop 后再打开。"
        )
    for migration in migrations:
        if current < migration.version <= target:
            _apply(conn, migration)
            current = migration.version
    return current


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    log.info("applying migration %s", migration.path.name)
    statements = migration.sql()
    previous_isolation = conn.isolation_level
    conn.isolation_level = None  # manual transaction control
    try:
        conn.execute("BEGIN EXCLUSIVE")
        try:
            for statement in _split_statements(statements):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.isolation_level = previous_isolation


def _split_statements(script: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement aware)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not _only_comments(buffer):
        raise RuntimeError("incomplete SQL statement at end of migration")
    return statements


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())
