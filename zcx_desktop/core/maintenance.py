"""Backups, restore, health check and whole-library archives (for moving to a new computer)."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

from zcx_desktop.core.errors import KnownError, LibraryError
from zcx_desktop.core.library import DB_NAME, ORIGINALS, Library
from zcx_desktop.core.migrations import latest_version, schema_version

log = logging.getLogger("zcx.maintenance")

BACKUPS = "backups"
BACKUP_PREFIX = "library-"
MAX_ARCHIVE_BYTES = 4 * 1024**3  # uncompressed total accepted from an archive
MAX_ARCHIVE_MEMBERS = 200_000


@dataclass
class CheckReport:
    """Result of `check_library`: empty `problems` means healthy."""

    problems: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"healthy": self.healthy, "problems": self.problems, "fixed": self.fixed,
                "checked": self.checked}


# -- backups ---------------------------------------------------------------------

def backup_database(library: Library, target: Path) -> Path:
    """Copy the database with SQLite's online backup API (consistent even while in use)."""
    target = Path(target)
    if target.is_dir() or target.name == BACKUPS:
        target.mkdir(parents=True, exist_ok=True)
        target = target / f"{BACKUP_PREFIX}{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".part")
    temp.unlink(missing_ok=True)
    try:
        destination = sqlite3.connect(temp)
        try:
            library.connect().backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            destination.close()
        _require_sound(temp)
        temp.replace(target)
    except sqlite3.Error as err:
        temp.unlink(missing_ok=True)
        raise LibraryError(f"备份失败：{err}") from err
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise LibraryError(f"备份失败（磁盘已满或没有写权限？）：{err.strerror or err}") from err
    log.info("backup written to %s", target)
    return target


def list_backups(library: Library) -> list[Path]:
    folder = library.path / BACKUPS
    return sorted(folder.glob(f"{BACKUP_PREFIX}*.sqlite")) if folder.exists() else []


def auto_backup(library: Library, keep: int = 7, max_age: timedelta = timedelta(days=1)) -> Path | None:
    """At start-up: back up when the newest backup is older than `max_age`, keep the last `keep`."""
    backups = list_backups(library)
    if backups:
        newest = datetime.fromtimestamp(backups[-1].stat().st_mtime)
        if datetime.now() - newest < max_age:
            return None
    folder = library.path / BACKUPS
    folder.mkdir(parents=True, exist_ok=True)
    made = backup_database(library, folder)
    for old in list_backups(library)[:-keep]:
        old.unlink(missing_ok=True)
    return made


def restore_database(library: Library, source: Path) -> None:
    """Replace the library's database with a backup (refuses corrupt or newer-schema files)."""
    source = Path(source)
    if not source.is_file():
        raise KnownError(f"备份文件不存在：{source}")
    _require_sound(source)
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = schema_version(conn)
        if version > latest_version():
            raise LibraryError(f"备份 {source.name} 来自更新版本的程序（结构版本 {version}），无法恢复。")
        before = set(library.document_ids())
        with library.write_lock:
            conn.backup(library.connect())
    finally:
        conn.close()
    from zcx_desktop.core.migrations import migrate

    migrate(library.connect())
    after = library.document_ids()
    gone = sorted(before - set(after))
    if gone:
        library.notify("removed", gone)
    library.notify("replaced", after)


def _require_sound(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise LibraryError(f"{Path(path).name} 不是有效的文库数据库：{err}") from err
    if result != "ok":
        raise LibraryError(f"{Path(path).name} 已损坏：{result}")
    if "documents" not in tables:
        raise LibraryError(f"{Path(path).name} 不是 ZCX 文库数据库")


# -- health check ----------------------------------------------------------------

def check_library(library: Library, repair: bool = False) -> CheckReport:
    """Integrity of the database, the originals (hashes) and clause offsets; `repair` fixes what it can."""
    report = CheckReport()
    conn = library.connect()
    for row in conn.execute("PRAGMA integrity_check"):
        if row[0] != "ok":
            report.problems.append(f"数据库完整性：{row[0]}")
    for row in conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(f"外键错误：表 {row[0]} 第 {row[1]} 行")
    _check_originals(library, report, repair)
    _check_clauses(library, report)
    report.checked["documents"] = len(library.document_ids())
    return report


def _check_originals(library: Library, report: CheckReport, repair: bool) -> None:
    rows = library.connect().execute(
        "SELECT id, content_hash, original_file, source_format FROM documents"
    ).fetchall()
    referenced = set()
    for row in rows:
        if not row["original_file"]:
            continue
        referenced.add(row["original_file"])
        path = library.originals_dir / row["original_file"]
        if not path.exists():
            report.problems.append(f"文档 {row['id']} 的原始文件丢失：{row['original_file']}")
        elif _sha256_file(path) != row["content_hash"]:
            report.problems.append(f"文档 {row['id']} 的原始文件内容与记录不符：{row['original_file']}")
    report.checked["originals"] = len(referenced)
    for path in sorted(library.originals_dir.rglob("*")) if library.originals_dir.exists() else []:
        relative = path.relative_to(library.originals_dir).as_posix()
        if path.is_file() and relative not in referenced:
            if repair:
                path.unlink()
                report.fixed.append(f"删除了未被引用的文件 {relative}")
            else:
                report.problems.append(f"未被引用的原始文件：{relative}")


def _check_clauses(library: Library, report: CheckReport) -> None:
    rows = library.connect().execute(
        'SELECT c.doc_id, c.path, c.start, c."end", c.body_end, length(d.text) AS size '
        "FROM clauses c JOIN documents d ON d.id = c.doc_id"
    )
    count = 0
    for row in rows:
        count += 1
        if not (0 <= row["start"] <= row["body_end"] <= row["end"] <= row["size"]):
            report.problems.append(f"文档 {row['doc_id']} 条款 {row['path']} 的位置超出正文范围")
    report.checked["clauses"] = count


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# -- archives ------------------------------------------------------------------

def export_archive(library: Library, target: Path) -> Path:
    """One .zip with the database (a consistent backup copy) and every original file."""
    target = Path(target)
    temp_db = target.with_name(target.name + ".db.part")
    backup_database(library, temp_db)
    try:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(temp_db, DB_NAME)
            for path in sorted(library.originals_dir.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{ORIGINALS}/{path.relative_to(library.originals_dir).as_posix()}")
    finally:
        temp_db.unlink(missing_ok=True)
    return target


def import_archive(source: Path, library_dir: Path) -> Path:
    """Unpack an archive into a new, empty library folder after validating every member."""
    source, library_dir = Path(source), Path(library_dir)
    if library_dir.exists() and any(library_dir.iterdir()):
        raise KnownError(f"目标文件夹不是空的：{library_dir}")
    try:
        with zipfile.ZipFile(source) as archive:
            members = _validated_members(archive)
            library_dir.mkdir(parents=True, exist_ok=True)
            for member, relative in members:
                destination = library_dir.joinpath(*relative.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, destination.open("wb") as dst:
                    _copy_bounded(src, dst, member.file_size)
    except zipfile.BadZipFile as err:
        raise KnownError(f"{source.name} 不是有效的文库归档：{err}") from err
    _require_sound(library_dir / DB_NAME)
    Library.open(library_dir).close()  # migrates an older archive
    return library_dir


def _validated_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    infos = archive.infolist()
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise KnownError("归档中的文件过多，拒绝导入。")
    if sum(i.file_size for i in infos) > MAX_ARCHIVE_BYTES:
        raise KnownError("归档解压后过大，拒绝导入。")
    members = []
    names = set()
    for info in infos:
        if info.is_dir():
            continue
        relative = PurePosixPath(info.filename)
        if relative.is_absolute() or ".." in relative.parts or "\\" in info.filename or ":" in info.filename:
            raise KnownError(f"归档中包含不安全的路径：{info.filename}")
        if not (str(relative) == DB_NAME or relative.parts[0] == ORIGINALS):
            raise KnownError(f"归档中包含意外的文件：{info.filename}")
        names.add(str(relative))
        members.append((info, relative))
    if DB_NAME not in names:
        raise KnownError(f"归档中没有 {DB_NAME}，不是 ZCX 文库归档。")
    return members


def _copy_bounded(src, dst, declared: int) -> None:
    written = 0
    for chunk in iter(lambda: src.read(1 << 20), b""):
        written += len(chunk)
        if written > declared:
            raise KnownError("归档成员的实际大小与声明不符，拒绝导入。")
        dst.write(chunk)
