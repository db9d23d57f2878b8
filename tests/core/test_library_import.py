"""Importing into the library: one transaction per document, duplicates, bad input, provenance."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from zcx_desktop.core.library import Library


def _table_counts(lib: Library) -> dict[str, int]:
    conn = lib.connect()
    return {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "clauses", "document_tags")
    }


def test_import_corpus_stores_text_clauses_and_original(library: Library, corpus_files):
    results = library.import_paths(corpus_files)
    assert [r.ok for r in results] == [True] * len(corpus_files)
    for result, path in zip(results, corpus_files):
        doc = library.get_document(result.doc_id)
        assert doc.clause_count > 0
        assert doc.text and "当前位置" not in doc.text and "回到顶部" not in doc.text
        original = library.original_path(result.doc_id)
        assert original is not None and original.read_bytes() == path.read_bytes()
        for clause in library.get_clauses(result.doc_id):
            assert 0 <= clause.start < clause.body_end <= clause.end <= len(doc.text)
        removed = library.get_removed_lines(result.doc_id)
        assert removed, "boilerplate lines are kept for provenance"


def test_clause_offsets_point_at_labels(library: Library, corpus_files):
    result = library.import_file(corpus_files[0])
    text = library.get_text(result.doc_id)
    for clause in library.get_clauses(result.doc_id):
        assert text[clause.start :].startswith(clause.label)


def test_same_file_twice_is_recognised(library: Library, corpus_files):
    first = library.import_file(corpus_files[0])
    second = library.import_file(corpus_files[0])
    assert second.ok and second.duplicate and second.doc_id == first.doc_id
    assert len(library.list_documents()) == 1
    assert second.to_json()["duplicate"] is True


def test_same_text_in_other_encoding_is_a_duplicate(library: Library, corpus_files, tmp_path: Path):
    gb = tmp_path / "same.txt"
    gb.write_bytes(corpus_files[1].read_text(encoding="utf-8").encode("gb18030"))
    first = library.import_file(corpus_files[1])
    second = library.import_file(gb)
    assert second.ok and second.duplicate and second.doc_id == first.doc_id


BAD_FILES = {
    "empty.txt": b"",
    "noise.txt": bytes(range(256)) * 40,
    "photo.docx": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    "broken.docx": b"PK\x03\x04" + b"\x00" * 50,
    "table.xls": b"hello",
    "fake.pdf": b"%PDF-1.4\n%broken",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_names_file_and_leaves_library_unchanged(library: Library, tmp_path: Path, name: str, corpus_files):
    library.import_file(corpus_files[2])
    before = _table_counts(library)
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    result = library.import_file(bad)
    assert not result.ok
    assert name in result.error and len(result.error) > len(name) + 3
    assert _table_counts(library) == before
    leftovers = [p for p in library.originals_dir.rglob("*") if p.is_file()]
    assert len(leftovers) == 1


def test_batch_continues_after_a_bad_file(library: Library, tmp_path: Path, corpus_files):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    results = library.import_paths([bad, corpus_files[0]])
    assert [r.ok for r in results] == [False, True]


def test_folder_import_is_recursive(library: Library, tmp_path: Path, corpus_files):
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(corpus_files[0].read_bytes())
    (nested / "b.txt").write_bytes(corpus_files[1].read_bytes())
    (nested / "notes.xyz").write_bytes(b"ignored")
    results = library.import_paths([tmp_path / "in"])
    assert sorted(Path(r.path).name for r in results) == ["a.txt", "b.txt"]
    assert all(r.ok for r in results)


def test_failure_inside_transaction_rolls_back(library: Library, corpus_files, monkeypatch):
    import zcx_desktop.core.importer as importer_module

    def explode(*args, **kwargs):
        raise sqlite3.OperationalError("simulated failure while writing clauses")

    monkeypatch.setattr(importer_module, "insert_clauses", explode)
    with pytest.raises(sqlite3.OperationalError):
        library.import_file(corpus_files[0])
    assert _table_counts(library)["documents"] == 0
    assert not [p for p in library.originals_dir.rglob("*") if p.is_file()]


def test_pasted_text_becomes_a_document(library: Library):
    text = "关于做好某项工作的通知\n一、总体要求\n（一）基本原则。坚持稳中求进。\n二、主要任务\n加强统筹。"
    result = library.import_text(text)
    assert result.ok, result.error
    assert library.get_document(result.doc_id).clause_count == 3
    again = library.import_text(text)
    assert again.duplicate


def test_metadata_edit_and_tags(library: Library, corpus_files):
    events = []
    library.add_listener(events.append)
    doc_id = library.import_file(corpus_files[0]).doc_id
    library.update_metadata(doc_id, status="废止", region="无锡市")
    library.set_tags(doc_id, ["重点", " 科技 ", "重点"])
    doc = library.get_document(doc_id)
    assert doc.meta.status == "废止" and doc.tags == ["科技", "重点"]
    assert [e.kind for e in events] == ["added", "updated", "updated"]
    with pytest.raises(ValueError):
        library.update_metadata(doc_id, text="x")


def test_delete_removes_everything(library: Library, corpus_files):
    doc_id = library.import_file(corpus_files[0]).doc_id
    library.set_tags(doc_id, ["a"])
    library.delete_document(doc_id)
    assert _table_counts(library) == {"documents": 0, "clauses": 0, "document_tags": 0}
    assert not [p for p in library.originals_dir.rglob("*") if p.is_file()]


def test_library_dir_resolution(monkeypatch, tmp_path: Path):
    from zcx_desktop.paths import default_library_dir, resolve_library_dir

    monkeypatch.delenv("ZCX_LIBRARY", raising=False)
    assert resolve_library_dir(None) == default_library_dir()
    monkeypatch.setenv("ZCX_LIBRARY", str(tmp_path / "env"))
    assert resolve_library_dir(None) == tmp_path / "env"
    assert resolve_library_dir(str(tmp_path / "opt")) == tmp_path / "opt"


def test_network_is_blocked_for_the_whole_suite():
    import socket

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(RuntimeError, match="network access attempted"):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()


def test_folder_import_sends_one_merged_event(library: Library, corpus_files):
    events = []
    library.add_listener(events.append)
    library.import_paths(corpus_files)
    assert [(e.kind, len(e.doc_ids)) for e in events] == [("added", len(corpus_files))]
    library.update_metadata(events[0].doc_ids[0], status="有效")
    assert events[-1].kind == "updated"


# --- files that must be refused before reading ------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes only")
def test_fifo_is_refused_without_reading(library: Library, tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever: nobody writes
    before = _table_counts(library)
    result = library.import_file(fifo)
    assert not result.ok
    assert result.error.startswith("pipe.txt：") and "不是普通文件" in result.error
    assert _table_counts(library) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_symlink_to_a_device_is_refused(library: Library, tmp_path: Path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = library.import_file(link)
    assert not result.ok and "不是普通文件" in result.error and "zero.txt" in result.error


def test_folder_given_as_file_is_refused(library: Library, tmp_path: Path):
    from zcx_desktop.core.errors import ImportFailed
    from zcx_desktop.core.importer import read_bytes

    with pytest.raises(ImportFailed, match="文件夹"):
        read_bytes(tmp_path)


def test_oversized_file_is_refused_before_reading(library: Library, tmp_path: Path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(40 * 1024 * 1024)  # sparse: 40 MB over the 32 MB text cap
    read_calls = []
    real_open = Path.open

    def spying_open(self, *args, **kwargs):
        if self == big:
            read_calls.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spying_open)
    result = library.import_file(big)
    assert not result.ok and "文件过大" in result.error and result.error.startswith("big.txt：")
    assert read_calls == []


def test_batch_sends_removals_before_additions(library: Library, corpus_files):
    events = []
    library.add_listener(events.append)
    with library.batch_events():
        first = library.import_file(corpus_files[0]).doc_id
        library.delete_document(first)
        again = library.import_file(corpus_files[1]).doc_id
    assert again == first  # SQLite hands the freed id out again
    assert [(e.kind, e.doc_ids) for e in events] == [("removed", [first]), ("added", [first])]
