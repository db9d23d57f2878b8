"""Collections: migration, core API (one transaction per change, events) and the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from zcx_desktop.cli import main as cli_main
from zcx_desktop.core import collections as col
from zcx_desktop.core.errors import KnownError, NotFound
from zcx_desktop.core.library import Library, LibraryEvent
from zcx_desktop.core.migrations import migrate, schema_version


def _docs(library: Library, count: int = 3) -> list[int]:
    ids = []
    for number in range(count):
        result = library.import_text(f"关于第{number}项工作的通知\n一、总体要求\n做好第{number}项工作。")
        ids.append(result.doc_id)
    return ids


@pytest.fixture
def events(library: Library) -> list[LibraryEvent]:
    seen: list[LibraryEvent] = []
    library.add_listener(seen.append)
    return seen


def test_migration_from_version_2_adds_tables_and_keeps_documents(tmp_path: Path):
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, target=2) == 2
    conn.execute(
        "INSERT INTO documents(title, text, content_hash, text_hash, imported_at, modified_at) "
        "VALUES ('旧文档', '正文', 'h1', 't1', 'now', 'now')"
    )
    assert migrate(conn) >= 3
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"collections", "collection_documents"} <= tables
    assert conn.execute("SELECT title FROM documents").fetchone()[0] == "旧文档"
    assert schema_version(conn) >= 3
    conn.close()


def test_create_list_with_counts_and_documents_in(library: Library, events):
    a, b, c = _docs(library)
    events.clear()
    first = col.create_collection(library, "  重点  文件 ")
    second = col.create_collection(library, "科技")
    assert first.name == "重点 文件" and first.count == 0
    assert events == []  # an empty collection changes no document
    assert col.add_documents(library, second.id, [c, a, a]) == [c, a]
    assert col.add_documents(library, second.id, [a, b]) == [b]
    listed = col.list_collections(library)
    assert [(x.name, x.count) for x in listed] == [("重点 文件", 0), ("科技", 3)]
    assert col.documents_in(library, second.id) == [c, a, b]
    assert col.memberships(library) == {first.id: set(), second.id: {a, b, c}}
    assert [e.doc_ids for e in events] == [[c, a], [b]]
    assert all(e.kind == "updated" for e in events)
    assert [x.name for x in col.collections_of(library, a)] == ["科技"]


def test_names_must_be_unique_and_not_empty(library: Library):
    col.create_collection(library, "重点")
    with pytest.raises(col.CollectionError, match="已有名为"):
        col.create_collection(library, " 重点")
    with pytest.raises(col.CollectionError, match="不能为空"):
        col.create_collection(library, "   ")
    other = col.create_collection(library, "其他")
    with pytest.raises(col.CollectionError):
        col.rename_collection(library, other.id, "重点")
    assert col.rename_collection(library, other.id, "待办").name == "待办"
    assert col.find_collection(library, "待办").id == other.id
    with pytest.raises(col.CollectionNotFound):
        col.find_collection(library, "其他")
    assert issubclass(col.CollectionError, KnownError)


def test_remove_and_delete_keep_documents(library: Library, events):
    a, b, c = _docs(library)
    folder = col.create_collection(library, "专题")
    col.add_documents(library, folder.id, [a, b, c])
    events.clear()
    assert col.remove_documents(library, folder.id, [b, 999]) == [b]
    assert col.remove_documents(library, folder.id, [b]) == []
    assert col.documents_in(library, folder.id) == [a, c]
    assert col.delete_collection(library, folder.id) == [a, c]
    assert col.list_collections(library) == []
    assert library.document_ids() == [a, b, c]
    assert [e.doc_ids for e in events] == [[b], [a, c]]


def test_deleting_a_document_leaves_its_collections(library: Library):
    a, b, _ = _docs(library)
    folder = col.create_collection(library, "专题")
    col.add_documents(library, folder.id, [a, b])
    library.delete_document(a)
    assert col.documents_in(library, folder.id) == [b]
    assert col.get_collection(library, folder.id).count == 1


def test_unknown_documents_or_collections_change_nothing(library: Library):
    a, _, _ = _docs(library)
    folder = col.create_collection(library, "专题")
    with pytest.raises(NotFound):
        col.add_documents(library, folder.id, [a, 12345])
    assert col.documents_in(library, folder.id) == []
    with pytest.raises(col.CollectionNotFound):
        col.add_documents(library, 777, [a])
    with pytest.raises(col.CollectionNotFound):
        col.reorder_collections(library, [777])


def test_reorder(library: Library):
    x, _y, z = (col.create_collection(library, name) for name in ("甲", "乙", "丙"))
    assert [c.name for c in col.reorder_collections(library, [z.id, x.id])] == ["丙", "甲", "乙"]
    assert [c.name for c in col.list_collections(library)] == ["丙", "甲", "乙"]
    assert col.create_collection(library, "丁").position == 3


def _cli(capsys, lib_dir: Path, *args: str) -> tuple[int, str, str]:
    code = cli_main(["--library", str(lib_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_round_trip(tmp_path: Path, capsys):
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as library:
        a, b, c = _docs(library)
    assert _cli(capsys, lib_dir, "collections", "create", "重点")[0] == 0
    code, out, _ = _cli(capsys, lib_dir, "collections", "add", "科技", str(a), str(c), "--json")
    assert code == 0 and json.loads(out)["added"] == [a, c]
    assert _cli(capsys, lib_dir, "collections", "remove", "科技", str(a))[0] == 0
    assert _cli(capsys, lib_dir, "collections", "rename", "重点", "要点")[0] == 0
    code, out, _ = _cli(capsys, lib_dir, "collections", "--json")
    listed = {entry["name"]: entry for entry in json.loads(out)}
    assert listed["科技"]["documents"] == [c] and listed["科技"]["count"] == 1
    assert listed["要点"]["count"] == 0
    code, out, _ = _cli(capsys, lib_dir, "collections")
    assert "科技  (1)" in out and "要点" in out
    assert _cli(capsys, lib_dir, "collections", "delete", "要点")[0] == 0
    code, out, _ = _cli(capsys, lib_dir, "collections", "--json")
    assert [entry["name"] for entry in json.loads(out)] == ["科技"]
    assert b not in listed["科技"]["documents"]


def test_cli_user_errors_are_messages_not_tracebacks(tmp_path: Path, capsys):
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as library:
        (a,) = _docs(library, 1)
    code, _, err = _cli(capsys, lib_dir, "collections", "add", "新的", str(a + 100))
    assert code == 1 and "没有编号为" in err and "Traceback" not in err
    code, out, _ = _cli(capsys, lib_dir, "collections", "--json")
    assert json.loads(out) == []  # the failed add created nothing
    code, _, err = _cli(capsys, lib_dir, "collections", "delete", "没有这个")
    assert code == 1 and "没有名为" in err
