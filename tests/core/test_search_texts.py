"""Document regions, folding and the bounded text cache behind exact clause matching."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from zcx_desktop.core.search import SearchIndex
from zcx_desktop.core.search.analysis import _WIDTH_FOLD, fold, index_terms
from zcx_desktop.core.search.texts import NOTE_SEPARATOR, ClauseRow, TextCache, build_doc_text
from zcx_desktop.core.session import open_session

DOC = "甲市关于科技金融的通知\n为推动发展，制定本通知。\n一、总体要求\n（一）发展科技金融。\n二、保障措施\n加强服务。\n附：说明"


@given(st.text(alphabet=st.sampled_from("ａＡ１（），　：中文AbZz9 -\n"), max_size=60))
def test_fast_fold_equals_the_translate_definition(text: str) -> None:
    reference = text.translate(_WIDTH_FOLD).lower()
    assert fold(text) == reference and len(fold(text)) == len(text)


def test_index_terms_are_distinct_bigrams_lone_characters_and_words() -> None:
    assert index_terms("科技金融，R&D 一") == {"科技", "技金", "金融", "r", "d", "一"}


def test_regions_cover_outside_text_and_each_clause_own_text_with_notes() -> None:
    head = DOC.index("一、")
    sub = DOC.index("（一）")
    two = DOC.index("二、")
    tail = DOC.index("附：")
    clauses = [
        ClauseRow(0, "一", "总体要求", head, sub),
        ClauseRow(1, "一/（一）", "", sub, two),
        ClauseRow(2, "二", "保障措施", two, tail),
    ]
    doc = build_doc_text(7, DOC, clauses, {"一/（一）": ["核实ＡＩ口径"], "不存在": ["孤立批注"]})
    assert doc.contents[0].startswith("甲市关于科技金融的通知\n为推动发展,制定本通知。")
    assert doc.contents[0].split(NOTE_SEPARATOR)[0].endswith("附:说明")
    assert doc.contents[0].endswith(NOTE_SEPARATOR + "孤立批注")
    assert doc.contents[2] == "(一)发展科技金融。\n" + NOTE_SEPARATOR + "核实ai口径"
    assert doc.notes[2] == "核实ＡＩ口径" and doc.heading(3) == "保障措施"
    region = doc.region(2)
    assert region.path == "一/（一）" and region.text_of(DOC) == DOC[sub:two]
    outside = doc.region(0)
    assert outside.clause_index == -1 and outside.text_of(DOC).endswith("附：说明")


def test_small_cache_evicts_and_search_stays_exact(tmp_path: Path) -> None:
    lib = open_session(tmp_path / "lib")
    ids = [lib.import_text(DOC.replace("甲市", f"第{n}市"), title=f"{n}").doc_id for n in range(6)]
    index = SearchIndex(lib)
    index.ensure_ready()
    index._texts.max_bytes = 1000  # about two documents
    results = index.search("科技金融", limit=50)
    assert results.all_doc_ids == frozenset(ids) and results.total_hits == 2 * len(ids)
    assert len(index._texts._items) < len(ids)
    assert index.search("科技金融").total_docs == len(ids)
    index.close()
    lib.close()


def test_cache_reads_what_sqlite_has_and_drop_forgets(tmp_path: Path) -> None:
    lib = open_session(tmp_path / "lib")
    doc_id = lib.import_text(DOC, title="甲").doc_id
    cache = TextCache(lib.connect)
    first = cache.get_many([doc_id, 999])
    assert list(first) == [doc_id] and "科技金融" in first[doc_id].contents[0]
    assert cache.get_many([doc_id])[doc_id] is first[doc_id]
    cache.drop([doc_id])
    assert cache.get_many([doc_id])[doc_id] is not first[doc_id]
    lib.close()


def test_clause_columns_are_put_back_in_clause_order() -> None:
    from zcx_desktop.core.search.texts import _columns

    columns = _columns(["2,0,1", "二\x1f一\x1f一/（一）", "\x1f总体\x1f", "30,0,10", "40,10,30"])
    assert columns.indices == [0, 1, 2] and columns.paths == ["一", "一/（一）", "二"]
    assert columns.headings == ["总体", "", ""] and columns.starts == [0, 10, 30] and columns.ends == [10, 30, 40]
