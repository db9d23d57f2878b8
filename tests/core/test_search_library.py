"""Search on a real library: filters, grouping, facets, sorting, snippets, incremental updates, CLI."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from zcx_desktop.cli import main
from zcx_desktop.core.search import index_for
from zcx_desktop.core.session import open_session

CORPUS = Path(__file__).resolve().parents[2] / "resources" / "sample"

DOC_A = "甲市关于科技金融的通知\n一、总体要求\n（一）发展科技金融。支持研发投入。\n（二）培育人才。\n二、保障措施\n加强科技金融服务。"
DOC_B = "乙省关于人才的意见\n一、人才引进\n引进高层次人才，推动科技创新。\n二、其他\n研发投入达到2.95%。"


@pytest.fixture
def library(tmp_path: Path):
    lib = open_session(tmp_path / "lib")
    yield lib
    index_for(lib).close()
    lib.close()


def add(lib, text: str, **meta: str) -> int:
    result = lib.import_text(text, title=text.split("\n")[0])
    assert result.ok
    if meta:
        lib.update_metadata(result.doc_id, **meta)
    return result.doc_id


def test_corpus_search_lands_on_clauses_with_offsets(library) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert library.import_file(path).ok
    results = index_for(library).search("研发投入")
    assert results.total_docs == 3 and results.total_hits >= 3
    for hit in results.hits:
        text = library.get_text(hit.doc_id)
        assert text[hit.match_start : hit.match_end] == "研发投入"
        assert "【研发投入】" in hit.marked_snippet
        assert hit.snippet[hit.spans[0][0] : hit.spans[0][1]] == "研发投入"


def test_grouping_facets_and_filters(library) -> None:
    a = add(library, DOC_A, issuer="甲市人民政府", written_date="2018-05-01", region="甲市")
    b = add(library, DOC_B, issuer="乙省人民政府办公厅", written_date="2020-03-02", region="乙省")
    index = index_for(library)
    results = index.search("研发投入")
    assert {d.doc_id for d in results.documents} == {a, b}
    assert results.facets["issuer"] == {"甲市人民政府": 1, "乙省人民政府办公厅": 1}
    assert results.facets["year"] == {"2018": 1, "2020": 1}
    grouped = index.search("科技金融")
    assert [d.doc_id for d in grouped.documents] == [a]
    assert grouped.documents[0].hit_count == grouped.total_hits >= 2
    assert len(grouped.documents[0].hits) == min(3, grouped.total_hits)
    assert [d.doc_id for d in index.search("研发投入 issuer:乙省").documents] == [b]
    assert [d.doc_id for d in index.search("研发投入", issuer="甲市").documents] == [a]
    assert [d.doc_id for d in index.search("研发投入 year:2019..2021").documents] == [b]
    assert [d.doc_id for d in index.search("研发投入", year="2018").documents] == [a]
    assert [d.doc_id for d in index.search("研发投入 -issuer:甲市").documents] == [b]
    assert index.search("研发投入 year:2030").total_docs == 0


def test_boolean_syntax(library) -> None:
    a = add(library, DOC_A)
    b = add(library, DOC_B)
    index = index_for(library)
    assert {d.doc_id for d in index.search("科技金融 OR 高层次人才").documents} == {a, b}
    # NOT works per clause: clauses containing the excluded word drop out
    assert all("科技金融" not in h.snippet for h in index.search("人才 -科技金融", limit=50).hits)
    assert index.search("科技金融 -支持").total_hits == index.search("科技金融").total_hits - 1
    not_results = index.search("人才 NOT 引进", limit=50)
    assert not_results.total_hits and all("引进" not in h.snippet for h in not_results.hits)
    assert {d.doc_id for d in index.search('"支持研发投入"').documents} == {a}
    # AND is per clause: both words must be in the same clause
    assert index.search("培育人才 研发投入").total_hits == 0


def test_sort_by_date_and_title_boost(library) -> None:
    old = add(library, DOC_A, written_date="2015-01-01")
    new = add(library, DOC_B, written_date="2021-01-01")
    index = index_for(library)
    assert [d.doc_id for d in index.search("研发投入", sort="date").documents] == [new, old]
    assert index.search("人才").documents[0].doc_id == new  # title contains 人才


def test_tags_and_notes_are_searchable_and_incremental(library) -> None:
    a = add(library, DOC_A)
    index = index_for(library)
    assert index.search("tag:重点 科技").total_docs == 0
    library.set_tags(a, ["重点"])
    index.update_documents([a])  # tags may not emit an event in every library version
    assert index.search("tag:重点 科技").total_docs == 1
    conn = library.connect()
    clause_path = library.get_clauses(a)[1].path
    conn.execute(
        "INSERT INTO annotations (id, doc_id, layer_id, start, \"end\", quote, clause_path, note, created, modified)"
        " VALUES (?, ?, 1, 0, 2, '发展', ?, '这里需要核实口径', 'now', 'now')",
        (uuid.uuid4().hex, a, clause_path),
    )
    index.update_documents([a])
    hits = index.search("in:notes 核实口径")
    assert hits.total_docs == 1 and hits.hits[0].clause_path == clause_path
    assert hits.hits[0].in_notes and "【核实口径】" in hits.hits[0].marked_snippet
    assert index.search("核实口径").total_docs == 1
    assert index.search("in:notes 科技金融").total_docs == 0


def test_library_events_update_the_index(library) -> None:
    index = index_for(library)
    a = add(library, DOC_A)
    assert index.search("科技金融").total_docs == 1
    library.update_metadata(a, issuer="丙县科技局")
    assert index.search("科技金融 issuer:丙县").total_docs == 1
    library.delete_document(a)
    assert index.search("科技金融").total_docs == 0


def test_batch_defers_indexing_to_one_write(library) -> None:
    index = index_for(library)
    add(library, DOC_B)
    with library.batch_events():
        a = add(library, DOC_A)
        assert index.search("科技金融").total_docs == 0  # not yet indexed
        with library.batch_events():
            library.delete_document(a)
            c = add(library, DOC_A.replace("甲市", "丙市"))
    assert [d.doc_id for d in index.search("科技金融").documents] == [c]


def test_malformed_queries_get_notices_not_errors(library) -> None:
    add(library, DOC_A)
    index = index_for(library)
    for query in ['"科技', "OR", "NOT", "", "x" * 10_000, "year:abc 科技", "in:whatever 科技", "。"]:
        results = index.search(query)
        assert isinstance(results.total_docs, int)
    assert index.search('"科技').notices
    assert index.search("").notices


def test_cli_search_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir = tmp_path / "cli"
    lib = open_session(lib_dir)
    add(lib, DOC_A, issuer="甲市人民政府", written_date="2018-05-01")
    index_for(lib).close()
    lib.close()
    capsys.readouterr()
    assert main(["--library", str(lib_dir), "search", "科技金融", "--year", "2018", "--limit", "5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_docs"] == 1 and data["total_hits"] >= 2
    assert set(data["hits"][0]) >= {"doc_id", "title", "clause_path", "snippet", "score"}
    assert data["facets"]["issuer"] == {"甲市人民政府": 1}
    assert "【科技金融】" in data["hits"][0]["snippet"]
    assert main(["--library", str(lib_dir), "reindex", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 1


def test_filter_only_query_reads_only_the_shown_texts(library) -> None:
    ids = [add(library, DOC_A.replace("甲市", f"第{n}市"), written_date=f"201{n}-01-01") for n in range(5)]
    index = index_for(library)
    index.search("科技金融")  # opens the index
    index._texts.clear()
    results = index.search("year:2011..2014", limit=2)
    assert results.total_docs == 4 and results.total_hits == 4 and len(results.documents) == 2
    assert [d.doc_id for d in results.documents] == [ids[4], ids[3]]  # newest first
    assert all(h.clause_path == "" for h in results.hits)
    assert set(index._texts._items) == {ids[4], ids[3]}
