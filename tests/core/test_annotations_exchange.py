"""Exchange between two libraries (W3C JSON), merge rules, hostile files, Markdown export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.test_annotations_store import POLICY
from zcx_desktop.core.annotations import AnnotationStore, attach
from zcx_desktop.core.annotations.exchange import CONFLICT_TAG, import_exchange, write_export
from zcx_desktop.core.annotations.exchange_format import ExchangeError
from zcx_desktop.core.annotations.markdown_export import document_markdown
from zcx_desktop.core.session import open_session

OTHER = "关于加强农业农村工作的意见\n一、目标\n稳定粮食生产，确保粮食播种面积稳定在1000万亩以上。\n"


def make_library(path: Path, author: str) -> tuple:
    lib = open_session(path)
    attach(lib)
    return lib, AnnotationStore(lib, author=author)


@pytest.fixture()
def pair(tmp_path: Path):
    alice_lib, alice = make_library(tmp_path / "alice", "张三")
    bob_lib, bob = make_library(tmp_path / "bob", "李四")
    yield alice, bob
    alice_lib.close()
    bob_lib.close()


def test_round_trip_between_two_libraries(pair, tmp_path: Path) -> None:
    alice, bob = pair
    a_doc = int(alice.lib.import_text(POLICY).doc_id)
    a_other = int(alice.lib.import_text(OTHER).doc_id)
    revised = POLICY.replace("现将", "经研究，现将").replace("达到3.2%以上", "达到3.5%左右")
    revised = revised.replace("完善科技金融服务体系，新增科技贷款200亿元，", "")
    b_doc = int(bob.lib.import_text(revised).doc_id)
    exact = alice.annotate_quote(a_doc, "明确责任分工", note="**落实**", tags=["分工"]).created[0]
    fuzzy = alice.annotate_quote(a_doc, "全社会研发投入占地区生产总值比重达到3.2%以上").created[0]
    orphan = alice.annotate_quote(a_doc, "完善科技金融服务体系，新增科技贷款200亿元").created[0]
    hidden_layer = alice.create_layer("私人")
    alice.annotate_quote(a_doc, "定期督查", layer_id=hidden_layer.id)
    alice.annotate_quote(a_other, "稳定粮食生产")  # document Bob lacks
    exported = tmp_path / "x.json"
    assert write_export(alice, ["重点"], exported) == 4

    data = json.loads(exported.read_text(encoding="utf-8"))
    item = data["first"]["items"][0]
    assert {s["type"] for s in item["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    assert "zcx:clausePath" in item["target"] and item["zcx:layer"] == "重点"

    report = import_exchange(bob, exported)
    assert (report.placed, report.fuzzy, report.orphaned, report.skipped) == (1, 1, 1, 1)
    assert report.missing_documents and report.added == 3
    got = bob.get(exact)
    assert bob.lib.get_text(b_doc)[got.start : got.end] == "明确责任分工"
    assert (got.note, got.tags, got.author, got.doc_id) == ("**落实**", ["分工"], "张三", b_doc)
    assert bob.get(fuzzy).status == "fuzzy" and bob.get(orphan).status == "orphan"
    assert "私人" not in [x.name for x in bob.layers()]

    again = import_exchange(bob, exported)
    assert again.unchanged == 3 and again.added == 0


def test_newer_wins_and_conflicting_notes_are_both_kept(pair, tmp_path: Path) -> None:
    alice, bob = pair
    a_doc = int(alice.lib.import_text(POLICY).doc_id)
    int(bob.lib.import_text(POLICY).doc_id)
    ann_id = alice.annotate_quote(a_doc, "明确责任分工", note="初稿").created[0]
    first = tmp_path / "1.json"
    write_export(alice, ["重点"], first)
    import_exchange(bob, first)
    bob.update(ann_id, note="初稿，补充：李四意见")  # Bob extends
    second = tmp_path / "2.json"
    write_export(bob, ["重点"], second)
    report = import_exchange(alice, second)
    assert report.updated == 1 and report.conflicts == 0
    assert alice.get(ann_id).note == "初稿，补充：李四意见"

    alice.update(ann_id, note="张三改写")  # both now diverge; Alice is newer
    bob.update(ann_id, note="李四另写")  # Bob is newest
    third = tmp_path / "3.json"
    write_export(bob, ["重点"], third)
    report = import_exchange(alice, third)
    assert report.updated == 1 and report.conflicts == 1
    notes = sorted(a.note for a in alice.all())
    assert notes == ["张三改写", "李四另写"]
    assert [a.tags for a in alice.all() if a.note == "张三改写"] == [[CONFLICT_TAG]]

    stale = tmp_path / "4.json"
    write_export(alice, ["重点"], stale)
    alice.update(ann_id, note="李四另写，张三最终确认")
    report = import_exchange(alice, stale)
    assert report.kept_local >= 1 and alice.get(ann_id).note == "李四另写，张三最终确认"


def _valid_file(tmp_path: Path, alice) -> dict:
    doc = int(alice.lib.import_text(POLICY).doc_id)
    alice.annotate_quote(doc, "明确责任分工", note="x")
    path = tmp_path / "ok.json"
    write_export(alice, ["重点"], path)
    return json.loads(path.read_text(encoding="utf-8"))


BREAKERS = [
    lambda d: d.update(type="Something"),
    lambda d: d.update({"zcx:format": 99}),
    lambda d: d["first"]["items"][0].update(id="not-a-uuid"),
    lambda d: d["first"]["items"][0].update({"zcx:layer": "未声明"}),
    lambda d: d["first"]["items"][0]["target"].update(source="urn:zcx:doc:nope"),
    lambda d: d["first"]["items"][0]["target"].update(selector="oops"),
    lambda d: d["first"]["items"][0]["target"].update(selector=[{"type": "TextPositionSelector", "start": 1, "end": 2}]),
    lambda d: d["first"]["items"][0]["target"]["selector"][1].update(start=-5),
    lambda d: d["first"]["items"][0]["target"]["selector"][1].update(start=True, end=3),
    lambda d: d["first"]["items"][0].update(modified="yesterday"),
    lambda d: d["first"]["items"][0].update(modified="2024-01-01T00:00:00"),
    lambda d: d["first"]["items"][0].update({"zcx:color": "javascript:alert(1)"}),
    lambda d: d["first"]["items"][0].update({"zcx:style": "blink"}),
    lambda d: d["first"]["items"][0].update(body=[{"type": "TextualBody", "value": 5}]),
    lambda d: d["first"].update(items={"a": 1}),
    lambda d: d["zcx:layers"][0].update(name=""),
    lambda d: d["zcx:layers"][0].update(color="red"),
]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_malformed_file_is_rejected_and_nothing_changes(pair, tmp_path: Path, breaker) -> None:
    alice, bob = pair
    data = _valid_file(tmp_path, alice)
    int(bob.lib.import_text(POLICY).doc_id)
    data["zcx:layers"].append({"name": "新图层", "color": "#123456"})
    data["first"]["items"].insert(0, json.loads(json.dumps(data["first"]["items"][0])))
    data["first"]["items"][1]["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    breaker(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    layers_before = bob.layers()
    with pytest.raises(ExchangeError):
        import_exchange(bob, path)
    assert bob.all() == [] and bob.layers() == layers_before


def test_not_json_and_oversized_files_are_rejected(pair, tmp_path: Path, monkeypatch) -> None:
    _alice, bob = pair
    garbage = tmp_path / "g.json"
    garbage.write_bytes(b"\xff\xfe not json")
    with pytest.raises(ExchangeError):
        import_exchange(bob, garbage)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    with pytest.raises(ExchangeError):
        import_exchange(bob, deep)
    from zcx_desktop.core.annotations import exchange

    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 10)
    with pytest.raises(ExchangeError, match="过大"):
        import_exchange(bob, garbage)


def test_markdown_export_groups_by_layer_in_text_order(pair) -> None:
    alice, _bob = pair
    doc = int(alice.lib.import_text(POLICY).doc_id)
    check = alice.layer_by_name("待核实").id
    alice.annotate_quote(doc, "定期督查通报", note="跟进", tags=["督查"])
    alice.annotate_quote(doc, "明确责任分工")
    alice.annotate_quote(doc, "新增科技贷款200亿元", layer_id=check, note="数字待核")
    text = document_markdown(alice, doc)
    assert text.index("## 重点（2 条）") < text.index("## 待核实（1 条）")
    assert text.index("> 明确责任分工") < text.index("> 定期督查通报")
    assert "跟进" in text and "标签：督查" in text and "数字待核" in text
    assert "领导关注" not in text
