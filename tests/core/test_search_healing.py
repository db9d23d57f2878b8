"""Self-healing index: missing, deleted, corrupt, half-written, stale-locked, old-version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zcx_desktop.core.search import SearchIndex, index_for
from zcx_desktop.core.search.store import LOCK_NAME, META_NAME
from zcx_desktop.core.session import open_session

DOC = "丁市关于数字经济的通知\n一、目标\n（一）建设5G基站。\n二、措施\n发展数字经济。"


@pytest.fixture
def library(tmp_path: Path):
    lib = open_session(tmp_path / "lib")
    assert lib.import_text(DOC, title="丁市").ok
    yield lib
    lib.close()


def fresh_index(library) -> SearchIndex:
    """A new SearchIndex as a fresh process would make (not the one attached to the library)."""
    return SearchIndex(library)


def assert_searchable(index: SearchIndex) -> None:
    assert index.search("数字经济").total_docs == 1
    assert index.search("5G").total_docs == 1


def built(library) -> None:
    index = fresh_index(library)
    index.ensure_ready()
    assert_searchable(index)
    index.close()


def test_deleted_index_folder_is_rebuilt(library) -> None:
    built(library)
    shutil.rmtree(library.index_dir)
    index = fresh_index(library)
    report = index.ensure_ready()
    assert report is not None and report.reason == "missing" and report.documents == 1
    assert_searchable(index)


def test_corrupt_segment_files_are_rebuilt(library) -> None:
    built(library)
    for path in library.index_dir.iterdir():
        if path.suffix in (".seg", ".toc") or path.name.endswith(".trm"):
            path.write_bytes(b"\x00garbage" * 7)
    index = fresh_index(library)
    report = index.ensure_ready()
    assert report is not None and report.reason == "corrupt"
    assert_searchable(index)


def test_half_written_index_is_rebuilt(library) -> None:
    built(library)
    meta = json.loads((library.index_dir / META_NAME).read_text())
    meta.update(state="writing", writer_pid=999_999_999)
    (library.index_dir / META_NAME).write_text(json.dumps(meta))
    (library.index_dir.with_name("index.building")).mkdir()
    report = fresh_index(library).ensure_ready()
    assert report is not None and report.reason == "half_written"
    assert not library.index_dir.with_name("index.building").exists()


def test_stale_lock_of_dead_process_does_not_block_writes(library) -> None:
    built(library)
    (library.index_dir / LOCK_NAME).write_text("")  # left behind by a crashed writer
    index = fresh_index(library)
    assert index.ensure_ready() is None
    result = library.import_text("戊县关于数字经济的意见\n一、总则\n发展数字经济。", title="戊县")
    index.update_documents([result.doc_id])
    assert index.search("数字经济").total_docs == 2


def test_older_schema_version_is_rebuilt(library) -> None:
    built(library)
    meta_path = library.index_dir / META_NAME
    meta = json.loads(meta_path.read_text())
    meta["schema_version"] = 0
    meta_path.write_text(json.dumps(meta))
    report = fresh_index(library).ensure_ready()
    assert report is not None and report.reason == "old_version"


def test_index_behind_the_library_catches_up(library) -> None:
    built(library)
    index = fresh_index(library)
    library.remove_listener(index_for(library).on_library_event)  # as if we crashed before indexing
    extra = library.import_text("己市关于数字经济的方案\n一、任务\n数字经济。", title="己市")
    assert index.ensure_ready() is None
    assert {d.doc_id for d in index.search("数字经济").documents} >= {extra.doc_id}


def test_rebuild_reports_progress(library) -> None:
    calls: list[tuple[int, int]] = []
    report = fresh_index(library).rebuild(lambda done, total: calls.append((done, total)))
    assert calls[-1] == (1, 1) and report.documents == 1 and report.entries == 1  # one entry per document


def test_index_deleted_while_open_is_rebuilt_on_next_write(library) -> None:
    index = index_for(library)
    index.ensure_ready()
    shutil.rmtree(library.index_dir)
    added = library.import_text("庚市关于数字经济的通知\n一、任务\n数字经济。", title="庚市")
    assert added.doc_id in index.search("数字经济").all_doc_ids
    assert library.index_dir.is_dir()


def test_rebuild_in_several_unmerged_segments_then_incremental_writes(library, monkeypatch) -> None:
    from zcx_desktop.core.search import store

    monkeypatch.setattr(store, "ENTRIES_PER_PROCESS", 2)
    for n in range(5):
        library.import_text(f"第{n}市关于数字经济的通知\n一、目标\n发展数字经济。", title=f"{n}")
    index = fresh_index(library)
    report = index.rebuild()
    assert report.documents == 6 and report.entries == 6
    assert len(index.searcher().reader().leaf_readers()) >= 3  # one segment per chunk, not merged
    assert index.search("数字经济").total_docs == 6
    added = library.import_text("辛市关于数字经济的通知\n一、目标\n数字经济。", title="辛市")
    index.update_documents([added.doc_id])
    gone = index.search("数字经济").documents[0].doc_id
    library.delete_document(gone)
    index.update_documents([gone])
    found = index.search("数字经济", limit=50)
    assert found.total_docs == 6 and gone not in found.all_doc_ids and added.doc_id in found.all_doc_ids
