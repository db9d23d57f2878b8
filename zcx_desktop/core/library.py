"""The document library: one SQLite database (source of truth) plus the original files."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from zcx_desktop.core.errors import KnownError, LibraryError, NotFound
from zcx_desktop.core.importer import (
    ImportMixin,
    ImportResult,
    _json,
    document_summary,
    expand_import_paths,
    insert_clauses,
    now_iso,
    read_bytes,
    sha256_bytes,
)
from zcx_desktop.core.migrations import migrate
from zcx_desktop.core.model import METADATA_FIELDS, Clause, Document, DocumentMeta, ParsedDocument

log = logging.getLogger("zcx.library")

DB_NAME = "library.sqlite"
ORIGINALS = "originals"
INDEX = "index"


@dataclass
class LibraryEvent:
    """Sent to listeners after a committed change: kind is added|removed|updated|replaced."""

    kind: str
    doc_ids: list[int]



class Library(ImportMixin):
    """A library folder: `library.sqlite`, `originals/` (files as imported) and `index/`.

    Each thread gets its own SQLite connection; all writes go through `write_lock`
    (the single write lane) and one transaction per logical change.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.db_path = self.path / DB_NAME
        self.originals_dir = self.path / ORIGINALS
        self.index_dir = self.path / INDEX
        self.read_only = read_only
        self.write_lock = threading.RLock()
        self._local = threading.local()
        self._listeners: list[Callable[[LibraryEvent], None]] = []
        self._batches = threading.local()  # per-thread event batching, see batch_events()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, create: bool = True, read_only: bool = False) -> Library:
        """Open the library at `path`, creating and migrating it as needed."""
        path = Path(path)
        db_file = path / DB_NAME
        if not db_file.exists():
            if not create or read_only:
                raise LibraryError(f"文库不存在：{path}")
            _make_dirs(path)
        library = cls(path, read_only=read_only)
        if not read_only:
            _make_dirs(path)
            conn = library.connect()
            try:
                migrate(conn)
                library._ensure_library_id(conn)
            except sqlite3.DatabaseError as err:
                library.close()
                raise LibraryError(f"无法打开文库数据库 {db_file}：{err}") from err
        return library

    def _ensure_library_id(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM library_info WHERE key='library_id'").fetchone()
        if row is None:
            with self.transaction() as tx:
                tx.execute(
                    "INSERT INTO library_info(key, value) VALUES ('library_id', ?)",
                    (uuid.uuid4().hex,),
                )

    def connect(self) -> sqlite3.Connection:
        """This thread's connection (created on first use): WAL, foreign keys, busy timeout."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._new_connection()
            self._local.conn = conn
        return conn

    def _new_connection(self) -> sqlite3.Connection:
        if self.read_only:
            uri = f"{self.db_path.as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        conn.row_factory = sqlite3.Row
        with self._connections_lock:
            self._connections.append(conn)
        return conn

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection wrapped by sqlite-utils (for reads and introspection)."""
        wrapped = getattr(self._local, "db", None)
        if wrapped is None:
            wrapped = sqlite_utils.Database(self.connect())
            self._local.db = wrapped
        return wrapped

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and events -----------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on this thread's connection (nested calls join the outer one)."""
        if self.read_only:
            raise LibraryError("文库以只读方式打开，不能修改。")
        conn = self.connect()
        with self.write_lock:
            if conn.in_transaction:
                yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise _known_sqlite_error(err) from err
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(err, sqlite3.OperationalError):
                    raise _known_sqlite_error(err) from err
                raise

    def add_listener(self, listener: Callable[[LibraryEvent], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[LibraryEvent], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @contextmanager
    def batch_events(self) -> Iterator[None]:
        """Hold this thread's events and send them merged (one per kind) at the end.

        Bulk work such as importing a folder then costs listeners one update, not one per file.
        "removed" goes first: a deleted id that SQLite hands out again to a later import must
        end up indexed, not removed.
        """
        pending = getattr(self._batches, "pending", None)
        if pending is not None:  # nested: the outer batch flushes
            yield
            return
        self._batches.pending = pending = {}
        try:
            yield
        finally:
            self._batches.pending = None
            kinds = sorted(pending, key=lambda kind: kind != "removed")  # stable otherwise
            for kind in kinds:
                self._emit(LibraryEvent(kind, list(pending[kind])))

    def notify(self, kind: str, doc_ids: Iterable[int]) -> None:
        """Tell listeners (search index, caches) about a committed change."""
        pending = getattr(self._batches, "pending", None)
        if pending is not None:
            pending.setdefault(kind, dict()).update(dict.fromkeys(doc_ids))
            return
        self._emit(LibraryEvent(kind, list(doc_ids)))

    def _emit(self, event: LibraryEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except KnownError:
                raise
            except Exception:  # a derived service must never break the library
                log.exception("listener failed on %s", event)

    def original_path(self, doc_id: int) -> Path | None:
        row = self._row(doc_id, "original_file")
        return self.originals_dir / row["original_file"] if row["original_file"] else None

    # -- reading ------------------------------------------------------------------
    def list_documents(self) -> list[Document]:
        rows = self.connect().execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id").fetchall()
        counts = self._clause_counts()
        tags = self._all_tags()
        return [_row_to_document(r, counts.get(r["id"], 0), tags.get(r["id"], [])) for r in rows]

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.connect().execute("SELECT id FROM documents ORDER BY id")]

    def get_document(self, doc_id: int, *, with_text: bool = True) -> Document:
        columns = _DOC_COLUMNS + (", text" if with_text else "")
        row = self.connect().execute(
            f"SELECT {columns} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"没有编号为 {doc_id} 的文档")
        count = self.connect().execute(
            "SELECT count(*) FROM clauses WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        doc = _row_to_document(row, count, self.get_tags(doc_id))
        if with_text:
            doc.text = row["text"]
        return doc

    def get_text(self, doc_id: int) -> str:
        return str(self._row(doc_id, "text")["text"])

    def get_removed_lines(self, doc_id: int) -> list[str]:
        return list(json.loads(self._row(doc_id, "removed_lines")["removed_lines"]))

    def get_clauses(self, doc_id: int) -> list[Clause]:
        self._row(doc_id, "id")
        rows = self.connect().execute(
            'SELECT idx, parent_idx, label, heading, level, ordinal, path, start, "end", '
            "body_end, kind FROM clauses WHERE doc_id = ? ORDER BY idx",
            (doc_id,),
        ).fetchall()
        return [
            Clause(
                index=r["idx"], label=r["label"], heading=r["heading"], level=r["level"],
                ordinal=r["ordinal"], path=r["path"], start=r["start"], end=r["end"],
                body_end=r["body_end"], parent=r["parent_idx"], kind=r["kind"],
            )
            for r in rows
        ]

    def get_tags(self, doc_id: int) -> list[str]:
        rows = self.connect().execute(
            "SELECT tag FROM document_tags WHERE doc_id = ? ORDER BY tag", (doc_id,)
        )
        return [r[0] for r in rows]

    def _all_tags(self) -> dict[int, list[str]]:
        tags: dict[int, list[str]] = {}
        for row in self.connect().execute("SELECT doc_id, tag FROM document_tags ORDER BY tag"):
            tags.setdefault(row[0], []).append(row[1])
        return tags

    def _clause_counts(self) -> dict[int, int]:
        rows = self.connect().execute("SELECT doc_id, count(*) FROM clauses GROUP BY doc_id")
        return {r[0]: r[1] for r in rows}

    def _row(self, doc_id: int, columns: str) -> sqlite3.Row:
        row = self.connect().execute(
            f"SELECT {columns} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"没有编号为 {doc_id} 的文档")
        return row

    def _doc_id_by(self, column: str, value: str) -> int | None:
        row = self.connect().execute(
            f"SELECT id FROM documents WHERE {column} = ?", (value,)
        ).fetchone()
        return None if row is None else int(row[0])

    # -- editing ------------------------------------------------------------------
    def update_metadata(self, doc_id: int, **fields: str) -> Document:
        """Change metadata fields (only the known ones); returns the updated document."""
        unknown = set(fields) - set(METADATA_FIELDS)
        if unknown:
            raise ValueError(f"unknown metadata fields: {sorted(unknown)}")
        self._row(doc_id, "id")
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            values = [str(v or "").strip() for v in fields.values()]
            with self.transaction() as tx:
                tx.execute(
                    f"UPDATE documents SET {assignments}, modified_at = ? WHERE id = ?",
                    (*values, now_iso(), doc_id),
                )
            self.notify("updated", [doc_id])
        return self.get_document(doc_id, with_text=False)

    def set_tags(self, doc_id: int, tags: Iterable[str]) -> None:
        clean = sorted({t.strip() for t in tags if t and t.strip()})
        self._row(doc_id, "id")
        with self.transaction() as tx:
            tx.execute("DELETE FROM document_tags WHERE doc_id = ?", (doc_id,))
            tx.executemany(
                "INSERT INTO document_tags(doc_id, tag) VALUES (?, ?)", [(doc_id, t) for t in clean]
            )
        self.notify("updated", [doc_id])

    def delete_document(self, doc_id: int) -> None:
        """Delete a document, its clauses and tags (its original file too, if unshared)."""
        original = self._row(doc_id, "original_file")["original_file"]
        with self.transaction() as tx:
            tx.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        if original:
            self._drop_original_if_unused(original)
        self.notify("removed", [doc_id])

    def replace_text(self, doc_id: int, parsed: ParsedDocument, original: Path | None = None) -> None:
        """Re-import: replace a document's clean text and clauses, keep its id and metadata edits.

        Listeners get a "replaced" event; the annotations store re-anchors on it.
        """
        old = self._row(doc_id, "content_hash, original_file")
        content_hash = old["content_hash"]
        original_file = old["original_file"]
        if original is not None:
            data = read_bytes(Path(original))
            content_hash = sha256_bytes(data)
            other = self._doc_id_by("content_hash", content_hash)
            if other is not None and other != doc_id:
                raise KnownError(f"该文件已在文库中（文档 {other}），不能用于替换。")
            original_file = self._save_original(data, content_hash, Path(original).suffix)
        text_hash = sha256_bytes(parsed.text.encode("utf-8"))
        with self.transaction() as tx:
            tx.execute(
                "UPDATE documents SET text = ?, text_hash = ?, content_hash = ?, original_file = ?, "
                "source_format = ?, encoding = ?, removed_lines = ?, warnings = ?, modified_at = ? "
                "WHERE id = ?",
                (
                    parsed.text, text_hash, content_hash, original_file, parsed.source_format,
                    parsed.encoding, _json(parsed.removed_lines), _json(parsed.warnings),
                    now_iso(), doc_id,
                ),
            )
            tx.execute("DELETE FROM clauses WHERE doc_id = ?", (doc_id,))
            insert_clauses(tx, doc_id, parsed.clauses)
        if old["original_file"] and old["original_file"] != original_file:
            self._drop_original_if_unused(old["original_file"])
        self.notify("replaced", [doc_id])


# -- helpers ---------------------------------------------------------------------

_DOC_COLUMNS = ", ".join(
    ("id",) + METADATA_FIELDS
    + ("content_hash", "original_name", "source_format", "imported_at", "warnings")
)


def _make_dirs(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / ORIGINALS).mkdir(exist_ok=True)
    except OSError as err:
        raise LibraryError(f"无法创建文库目录 {path}：{err.strerror or err}") from err



def _row_to_document(row: sqlite3.Row, clause_count: int, tags: list[str]) -> Document:
    meta = DocumentMeta(**{f: row[f] or "" for f in METADATA_FIELDS})
    return Document(
        id=row["id"], meta=meta, content_hash=row["content_hash"],
        original_name=row["original_name"], source_format=row["source_format"],
        imported_at=row["imported_at"], clause_count=clause_count,
        warnings=list(json.loads(row["warnings"] or "[]")), tags=tags,
    )


def _known_sqlite_error(err: sqlite3.OperationalError) -> Exception:
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return LibraryError("文库正被另一个程序使用（数据库已锁定），请稍后再试。")
    if "disk" in text and ("full" in text or "i/o" in text):
        return LibraryError("磁盘已满或无法写入，文库未作修改。")
    if "readonly" in text or "read-only" in text:
        return LibraryError("文库目录是只读的，无法保存修改。")
    return err


__all__ = [
    "ImportResult", "Library", "LibraryEvent", "document_summary", "expand_import_paths",
]
