"""Importing into the library: files, folders and pasted text, one transaction per document."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zcx_desktop.core.errors import ImportFailed, KnownError, LibraryError
from zcx_desktop.core.model import METADATA_FIELDS, Clause, Document, ParsedDocument

if TYPE_CHECKING:
    from zcx_desktop.core.library import Library

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class ImportResult:
    """Outcome of importing one file or pasted text."""

    path: str
    ok: bool
    doc_id: int | None = None
    duplicate: bool = False
    error: str = ""
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        if not self.ok or self.document is None:
            return {"path": self.path, "ok": False, "error": self.error}
        out: dict[str, Any] = {"path": self.path, "ok": True, "id": self.doc_id}
        out.update(document_summary(self.document))
        if self.duplicate:
            out["duplicate"] = True
        if self.warnings:
            out["warnings"] = self.warnings
        return out


def document_summary(doc: Document) -> dict[str, Any]:
    """The metadata keys of the CLI contract."""
    meta = doc.meta
    return {
        "title": meta.title,
        "notice_title": meta.notice_title,
        "doc_number": meta.doc_number,
        "issuer": meta.issuer,
        "written_date": meta.written_date,
        "published_date": meta.published_date,
        "status": meta.status,
        "source_url": meta.source_url,
        "region": meta.region,
        "level": meta.level,
        "clauses": doc.clause_count,
    }


class ImportMixin:
    """Import methods of `Library` (kept apart to keep each module small)."""

    def import_file(self: Library, path: Path) -> ImportResult:
        """Import one file in one transaction; duplicates are recognised, not re-added."""
        from zcx_desktop.core.isolate import parse_file

        path = Path(path)
        shown = str(path)
        try:
            data = read_bytes(path)
            content_hash = sha256_bytes(data)
            existing = self._doc_id_by("content_hash", content_hash)
            if existing is not None:
                return self._duplicate_result(shown, existing)
            parsed = parse_file(path)  # child process, time and memory limits
            return self._store_parsed(shown, parsed, data, content_hash, path.name)
        except KnownError as err:
            message = err.problem if isinstance(err, ImportFailed) else str(err)
            return ImportResult(path=shown, ok=False, error=f"{path.name}：{message}")

    def import_text(self: Library, text: str, title: str = "") -> ImportResult:
        """Import pasted text as a new document."""
        from zcx_desktop.core.ingest import ingest_text

        data = text.encode("utf-8")
        content_hash = sha256_bytes(data)
        shown = "剪贴板"
        try:
            existing = self._doc_id_by("content_hash", content_hash)
            if existing is not None:
                return self._duplicate_result(shown, existing)
            parsed = ingest_text(text, title=title, name=shown)
            return self._store_parsed(shown, parsed, data, content_hash, "pasted.txt")
        except KnownError as err:
            message = err.problem if isinstance(err, ImportFailed) else str(err)
            return ImportResult(path=shown, ok=False, error=message)

    def import_paths(
        self: Library,
        paths: Iterable[Path],
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (recursively); each file independently."""
        files = expand_import_paths(paths)
        results: list[ImportResult] = []
        with self.batch_events():  # listeners (search index) update once for the whole batch
            for number, file in enumerate(files, start=1):
                if cancelled is not None and cancelled():
                    break
                if progress is not None:
                    progress(number - 1, len(files), str(file))
                results.append(self.import_file(file))
        if progress is not None:
            progress(len(results), len(files), "")
        return results

    def _duplicate_result(self: Library, shown: str, doc_id: int) -> ImportResult:
        doc = self.get_document(doc_id, with_text=False)
        return ImportResult(path=shown, ok=True, doc_id=doc_id, duplicate=True, document=doc)

    def _store_parsed(
        self, shown: str, parsed: ParsedDocument, data: bytes, content_hash: str, name: str
    ) -> ImportResult:
        if self.read_only:
            raise LibraryError("文库以只读方式打开，不能修改。")
        text_hash = sha256_bytes(parsed.text.encode("utf-8"))
        existing = self._doc_id_by("text_hash", text_hash)
        if existing is not None:
            return self._duplicate_result(shown, existing)
        original = self._save_original(data, content_hash, Path(name).suffix)
        try:
            with self.transaction() as tx:
                doc_id = insert_document(tx, parsed, content_hash, text_hash, name, original)
                insert_clauses(tx, doc_id, parsed.clauses)
        except BaseException:
            self._drop_original_if_unused(original)
            raise
        self.notify("added", [doc_id])
        doc = self.get_document(doc_id, with_text=False)
        return ImportResult(
            path=shown, ok=True, doc_id=doc_id, document=doc, warnings=list(parsed.warnings)
        )

    def _save_original(self: Library, data: bytes, content_hash: str, suffix: str) -> str:
        relative = f"{content_hash[:2]}/{content_hash}{suffix.lower()}"
        target = self.originals_dir / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + f".tmp{os.getpid()}")
            try:
                temp.write_bytes(data)
                os.replace(temp, target)
            except OSError as err:
                temp.unlink(missing_ok=True)
                raise LibraryError(f"无法保存原始文件（磁盘已满或没有写权限？）：{err}") from err
        return relative

    def _drop_original_if_unused(self: Library, relative: str) -> None:
        row = self.connect().execute(
            "SELECT 1 FROM documents WHERE original_file = ?", (relative,)
        ).fetchone()
        if row is None:
            (self.originals_dir / relative).unlink(missing_ok=True)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, after refusing non-regular files and oversized files unread."""
    name = str(path)
    limit = check_importable(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError as err:
        raise ImportFailed(name, "文件不存在") from err
    except PermissionError as err:
        raise ImportFailed(name, "没有读取权限") from err
    except OSError as err:
        raise ImportFailed(name, f"无法读取：{err.strerror or err}") from err
    if len(data) > limit:  # the file grew after stat()
        _check_import_size(path, len(data))
    return data


def check_importable(path: Path) -> int:
    """Refuse folders, devices, pipes and oversized files without reading; the byte limit."""
    name = str(path)
    try:
        info = path.stat()  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError as err:
        raise ImportFailed(name, "文件不存在") from err
    except PermissionError as err:
        raise ImportFailed(name, "没有读取权限") from err
    except OSError as err:
        raise ImportFailed(name, f"无法读取：{err.strerror or err}") from err
    if stat.S_ISDIR(info.st_mode):
        raise ImportFailed(name, "这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise ImportFailed(name, "不是普通文件（可能是设备、管道或套接字），无法导入")
    return _check_import_size(path, info.st_size)


def _check_import_size(path: Path, size: int) -> int:
    """The byte limit for `path` (the isolated parser's per-format caps); raises when over."""
    from zcx_desktop.core.isolate import (
        MSG_FILE_TOO_LARGE,
        MSG_TEXT_TOO_LARGE,
        TEXT_SUFFIXES,
        Limits,
    )

    limits = Limits()
    text_like = path.suffix.lower() in TEXT_SUFFIXES
    limit_mb = limits.max_text_mb if text_like else limits.max_file_mb
    limit = int(limit_mb * 1024**2)
    if size > limit:
        template = MSG_TEXT_TOO_LARGE if text_like else MSG_FILE_TOO_LARGE
        shown = f"{size / 1024**2:.0f}"
        raise ImportFailed(str(path), template.format(size=shown, limit=f"{limit_mb:g}"))
    return limit


def insert_document(
    tx: sqlite3.Connection,
    parsed: ParsedDocument,
    content_hash: str,
    text_hash: str,
    name: str,
    original: str,
) -> int:
    meta = parsed.meta.to_dict()
    stamp = now_iso()
    columns = list(METADATA_FIELDS) + [
        "text", "content_hash", "text_hash", "original_name", "original_file",
        "source_format", "encoding", "removed_lines", "warnings", "imported_at", "modified_at",
    ]
    values = [meta[f] or "" for f in METADATA_FIELDS] + [
        parsed.text, content_hash, text_hash, name, original, parsed.source_format,
        parsed.encoding, _json(parsed.removed_lines), _json(parsed.warnings), stamp, stamp,
    ]
    marks = ", ".join("?" for _ in columns)
    cursor = tx.execute(f"INSERT INTO documents ({', '.join(columns)}) VALUES ({marks})", values)
    return int(cursor.lastrowid or 0)


def insert_clauses(tx: sqlite3.Connection, doc_id: int, clauses: list[Clause]) -> None:
    tx.executemany(
        'INSERT INTO clauses (doc_id, idx, parent_idx, label, heading, level, ordinal, path, '
        'start, "end", body_end, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (doc_id, c.index, c.parent, c.label, c.heading, c.level, c.ordinal, c.path,
             c.start, c.end, c.body_end, c.kind)
            for c in clauses
        ],
    )


def expand_import_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders walked recursively for supported files (sorted, hidden skipped)."""
    from zcx_desktop.core.ingest import SUPPORTED_EXTENSIONS

    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith(".") or name.startswith("~$"):
                        continue
                    if Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                        files.append(Path(root) / name)
        else:
            files.append(path)
    return files
