"""AnnotationStore against a real library: create/edit/delete, layers, undo/redo, re-anchoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from zcx_desktop.core.annotations import annotation_store, attach
from zcx_desktop.core.annotations.layers import LayerInUse
from zcx_desktop.core.annotations.rows import InvalidValue
from zcx_desktop.core.annotations.store import AnnotationStore, QuoteNotFound
from zcx_desktop.core.ingest import ingest_text
from zcx_desktop.core.session import open_session

POLICY = """关于印发某市科技创新行动方案的通知
某政发〔2024〕12号
各区人民政府，市各委办局：
现将《某市科技创新行动方案》印发给你们，请认真贯彻执行。
某市科技创新行动方案
一、总体要求
以新时代中国特色社会主义思想为指导，全面落实高质量发展要求，加快打造创新型经济发展高地。
二、主要任务
（一）强化企业创新主体地位。到2025年，全社会研发投入占地区生产总值比重达到3.2%以上。
（二）加强组织领导。各地区各部门要加强组织领导，明确责任分工，确保各项任务落到实处。
（三）优化创新生态。完善科技金融服务体系，新增科技贷款200亿元，培育高新技术企业500家。
三、保障措施
各区要加强组织领导，建立工作推进机制，定期督查通报进展情况。
"""


@pytest.fixture()
def lib(tmp_path: Path):
    library = open_session(tmp_path / "lib")
    attach(library)
    yield library
    library.close()


@pytest.fixture()
def doc_id(lib) -> int:
    result = lib.import_text(POLICY, title="某市科技创新行动方案")
    assert result.ok, result.error
    return int(result.doc_id)


@pytest.fixture()
def store(lib) -> AnnotationStore:
    return annotation_store(lib)


def test_fresh_library_has_default_layers(store) -> None:
    assert [layer.name for layer in store.layers()] == ["重点", "待核实", "领导关注"]


def test_annotate_quote_stores_selectors(store, lib, doc_id) -> None:
    change = store.annotate_quote(doc_id, "新增科技贷款200亿元", note="**核实**", tags=["金融", "金融", " 数字 "])
    ann = store.get(change.created[0])
    text = lib.get_text(doc_id)
    assert text[ann.start : ann.end] == "新增科技贷款200亿元"
    assert text[: ann.start].endswith(ann.prefix) and text[ann.end :].startswith(ann.suffix)
    assert ann.tags == ["金融", "数字"]
    assert ann.status == "anchored" and ann.layer_id == store.layers()[0].id
    assert ann.clause_path.endswith("（三）")
    assert change.doc_ids == {doc_id}


def test_missing_quote_is_a_clear_error(store, doc_id) -> None:
    with pytest.raises(QuoteNotFound):
        store.annotate_quote(doc_id, "不存在的句子")
    with pytest.raises(QuoteNotFound):
        store.annotate_quote(doc_id, "加强组织领导", occurrence=9)


def test_occurrence_picks_the_nth(store, lib, doc_id) -> None:
    text = lib.get_text(doc_id)
    first = store.get(store.annotate_quote(doc_id, "加强组织领导").created[0])
    third = store.get(store.annotate_quote(doc_id, "加强组织领导", occurrence=3).created[0])
    assert first.start == text.index("加强组织领导")
    assert third.start == text.rindex("加强组织领导")


def test_invalid_values_rejected(store, doc_id) -> None:
    with pytest.raises(InvalidValue):
        store.annotate(doc_id, 5, 2)
    with pytest.raises(InvalidValue):
        store.annotate_quote(doc_id, "高质量", color="red")
    with pytest.raises(InvalidValue):
        store.annotate_quote(doc_id, "高质量", style="blink")


def test_undo_redo_create_edit_move_recolor_delete(store, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "高质量发展要求").created[0]
    store.update(ann_id, note="第一稿")
    other_layer = store.layer_by_name("待核实").id
    store.move([ann_id], other_layer)
    store.recolor(ann_id, "#112233")
    store.delete([ann_id])
    assert store.all() == []
    store.undo()  # delete
    assert store.get(ann_id).color == "#112233"
    store.undo()  # recolour
    assert store.get(ann_id).color is None
    store.undo()  # move
    assert store.get(ann_id).layer_id == store.layer_by_name("重点").id
    store.undo()  # note
    assert store.get(ann_id).note == ""
    store.undo()  # create
    assert store.all() == [] and not store.can_undo
    for _ in range(5):
        store.redo()
    assert store.all() == [] and not store.can_redo
    store.undo()
    restored = store.get(ann_id)
    assert (restored.note, restored.layer_id, restored.color) == ("第一稿", other_layer, "#112233")


def test_note_autosaves_merge_into_one_undo_step(store, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "高质量发展要求").created[0]
    for text in ("注", "注意", "注意核实"):
        store.set_note(ann_id, text)
    store.undo()
    assert store.get(ann_id).note == ""
    store.redo()
    assert store.get(ann_id).note == "注意核实"


def test_new_change_clears_redo(store, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "高质量发展要求").created[0]
    store.update(ann_id, tags=["a"])
    store.undo()
    store.update(ann_id, style="underline")
    assert not store.can_redo


def test_listeners_get_change_sets_and_library_hears_updated(store, lib, doc_id) -> None:
    changes, events = [], []
    store.add_listener(changes.append)
    lib.add_listener(events.append)
    ann_id = store.annotate_quote(doc_id, "高质量发展要求").created[0]
    store.update(ann_id, note="x")
    store.update(ann_id, style="underline")
    assert [c.label for c in changes] == ["新建批注", "编辑笔记", "编辑批注"]
    assert changes[1].updated == [ann_id] and changes[1].annotations[0].note == "x"
    assert [c.notes_changed for c in changes] == [False, True, False]
    assert [(e.kind, e.doc_ids) for e in events] == [("updated", [doc_id])]  # only the note edit


def test_layer_lifecycle(store, doc_id) -> None:
    layer = store.create_layer("本单位任务", "#00aa00")
    assert layer.color == "#00AA00" and store.layers()[-1].name == "本单位任务"
    with pytest.raises(InvalidValue):
        store.create_layer("重点")
    store.rename_layer(layer.id, "我局任务")
    store.recolor_layer(layer.id, "#0000FF")
    store.set_layer_visible(layer.id, False)
    changed = store.get_layer(layer.id)
    assert (changed.name, changed.color, changed.visible) == ("我局任务", "#0000FF", False)
    order = store.reorder_layers([layer.id])
    assert order[0].id == layer.id and [x.position for x in order] == [0, 1, 2, 3]


def test_delete_layer_requires_a_decision_about_its_annotations(store, doc_id) -> None:
    layer = store.create_layer("临时")
    ann_id = store.annotate_quote(doc_id, "定期督查", layer_id=layer.id).created[0]
    with pytest.raises(LayerInUse):
        store.delete_layer(layer.id)
    target = store.layer_by_name("待核实").id
    change = store.delete_layer(layer.id, move_to=target)
    assert change.updated == [ann_id] and store.get(ann_id).layer_id == target
    assert "临时" not in [x.name for x in store.layers()]
    store.delete_layer(target, delete_annotations=True)
    assert store.all() == []
    assert store.layer_counts() == {}


def test_replace_text_reanchors_through_the_listener(store, lib, doc_id) -> None:
    kept = store.annotate_quote(doc_id, "明确责任分工").created[0]
    edited = store.annotate_quote(doc_id, "全社会研发投入占地区生产总值比重达到3.2%以上").created[0]
    gone = store.annotate_quote(doc_id, "新增科技贷款200亿元，培育高新技术企业500家").created[0]
    store.update(gone, note="这段要删")
    revised = POLICY.replace("现将", "经市政府同意，现将").replace("达到3.2%以上", "达到3.5%左右")
    revised = revised.replace("完善科技金融服务体系，新增科技贷款200亿元，培育高新技术企业500家。", "营造良好氛围。")
    lib.replace_text(doc_id, ingest_text(revised))
    text = lib.get_text(doc_id)
    assert text[store.get(kept).start : store.get(kept).end] == "明确责任分工"
    assert store.get(kept).status == "anchored"
    fuzzy = store.get(edited)
    assert fuzzy.status == "fuzzy" and "3.5%左右" in fuzzy.quote and "3.2%以上" in fuzzy.original_quote
    orphan = store.get(gone)
    assert orphan.status == "orphan" and orphan.note == "这段要删" and "200亿元" in orphan.quote
    assert [a.id for a in store.orphans()] == [gone]
    report = store.reanchor_document(doc_id)
    assert (report.count("anchored"), report.count("fuzzy"), report.count("orphan")) == (1, 1, 1)
    assert not store.can_undo  # offsets of the old text must not come back by undo


def test_orphan_can_be_reattached_by_hand(store, lib, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "新增科技贷款200亿元").created[0]
    lib.replace_text(doc_id, ingest_text(POLICY.replace("新增科技贷款200亿元，", "")))
    assert store.get(ann_id).status == "orphan"
    text = lib.get_text(doc_id)
    start = text.index("培育高新技术企业")
    store.reattach(ann_id, start, start + 8)
    ann = store.get(ann_id)
    assert (ann.status, ann.quote, ann.original_quote) == ("anchored", "培育高新技术企业", "")


def test_stale_offsets_are_fixed_on_read_without_listener(tmp_path: Path) -> None:
    library = open_session(tmp_path / "plain")  # no attach(): nobody listens
    doc = int(library.import_text(POLICY).doc_id)
    store = AnnotationStore(library, author="测试")
    ann_id = store.annotate_quote(doc, "定期督查通报").created[0]
    library.replace_text(doc, ingest_text("新增第一段。\n" + POLICY))
    found = store.for_document(doc)
    text = library.get_text(doc)
    assert [text[a.start : a.end] for a in found] == ["定期督查通报"] and found[0].id == ann_id
    library.close()


def test_deleting_a_document_keeps_its_annotations_as_orphans(store, lib, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "定期督查通报", note="保留我").created[0]
    lib.delete_document(doc_id)
    orphan = store.get(ann_id)
    assert orphan.doc_id is None and orphan.status == "orphan" and orphan.note == "保留我"
    again = int(lib.import_text(POLICY, title="某市科技创新行动方案").doc_id)
    back = store.get(ann_id)
    assert back.doc_id == again and back.status == "anchored"
    assert lib.get_text(again)[back.start : back.end] == "定期督查通报"


def test_failed_undo_leaves_history_intact(store, doc_id) -> None:
    layer = store.create_layer("临时")
    ann_id = store.annotate_quote(doc_id, "定期督查", layer_id=layer.id).created[0]
    store.delete([ann_id])
    store.delete_layer(layer.id)  # now empty, so allowed
    with pytest.raises(Exception, match="图层或文档已被删除"):
        store.undo()
    assert store.can_undo and store.history.undo_label == "删除批注"


def test_confirm_accepts_a_fuzzy_placement(store, lib, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "全社会研发投入占地区生产总值比重达到3.2%以上").created[0]
    lib.replace_text(doc_id, ingest_text(POLICY.replace("3.2%以上", "3.5%左右")))
    assert store.get(ann_id).status == "fuzzy"
    store.confirm(ann_id)
    assert (store.get(ann_id).status, store.get(ann_id).original_quote) == ("anchored", "")


def test_migration_from_schema_1_adds_layers_and_annotations(tmp_path: Path) -> None:
    import sqlite3

    from zcx_desktop.core.migrations import migrate, schema_version

    conn = sqlite3.connect(tmp_path / "old.sqlite")
    conn.row_factory = sqlite3.Row
    assert migrate(conn, target=1) == 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='annotations'").fetchone()
    migrate(conn)
    assert schema_version(conn) >= 2
    names = [r["name"] for r in conn.execute("SELECT name FROM layers ORDER BY position")]
    assert names == ["重点", "待核实", "领导关注"]
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(annotations)")}
    assert {"id", "doc_id", "layer_id", "start", "end", "quote", "prefix", "suffix", "clause_path",
            "status", "note", "tags", "anchored_hash"} <= columns
    conn.close()


def test_find_filters_by_text_tag_layer_and_counts(store, doc_id) -> None:
    check = store.layer_by_name("待核实").id
    a = store.annotate_quote(doc_id, "明确责任分工", note="落实到处室", tags=["分工"]).created[0]
    b = store.annotate_quote(doc_id, "新增科技贷款200亿元", layer_id=check).created[0]
    assert [x.id for x in store.find("处室")] == [a]
    assert [x.id for x in store.find("贷款")] == [b]
    assert [x.id for x in store.find(tag="分工")] == [a]
    assert [x.id for x in store.find(layer_ids=[check], doc_id=doc_id)] == [b]
    assert store.layer_counts(doc_id) == {store.layer_by_name("重点").id: 1, check: 1}


def test_undo_after_reimport_restores_into_the_new_text(store, lib, doc_id) -> None:
    ann_id = store.annotate_quote(doc_id, "定期督查通报").created[0]
    store.delete([ann_id])  # the document now has no annotation, so re-import forgets nothing
    lib.replace_text(doc_id, ingest_text("开头新增的一段说明文字。\n" + POLICY))
    store.undo()
    restored = store.get(ann_id)
    assert lib.get_text(doc_id)[restored.start : restored.end] == "定期督查通报"
    assert restored.status == "anchored"
