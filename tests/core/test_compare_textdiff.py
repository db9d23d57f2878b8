"""Chinese-aware diff and number extraction / pairing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zcx_desktop.core.compare import compare_texts, diff_texts
from zcx_desktop.core.compare.numbers import find_numbers, pair_numbers


def _sides(diff):
    return "".join(t for op, t in diff if op != "+"), "".join(t for op, t in diff if op != "-")


def test_numbers_stay_atomic_in_the_diff():
    diff = diff_texts("研发投入占比达到2.92%", "研发投入占比达到2.95%")
    assert ("-", "2.92%") in diff and ("+", "2.95%") in diff


def test_diff_is_by_character_not_by_han_run():
    diff = diff_texts("加强产学研协同创新和科技成果转移转化", "推动产学研深度融合和成果转化")
    equal = "".join(t for op, t in diff if op == "=")
    assert "产学研" in equal and "转化" in equal  # a \w+ diff would keep nothing in common


def test_semantic_cleanup_gives_phrases_not_confetti():
    diff = diff_texts(
        "大力发展数字电影产业,抢占产业发展制高点。", "积极培育数字创意产业,打造产业发展新优势。"
    )
    assert len([op for op, _t in diff if op != "="]) <= 8


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="创新企业高新技术0123456789.%,。家万元", max_size=40),
    st.text(alphabet="创新企业高新技术0123456789.%,。家万元", max_size=40),
)
def test_diff_rebuilds_both_texts(a, b):
    assert _sides(diff_texts(a, b)) == (a, b)


def test_private_use_characters_survive():
    a, b = "甲\U000f0000乙12", "甲\U000f0001乙13"
    assert _sides(diff_texts(a, b)) == (a, b)


def test_find_numbers_kinds_and_indicators():
    text = "到2020年,科技进步贡献率达到65%,高新技术企业超过2100家,技术市场合同交易额达100亿元,“十四五”期间。"
    found = {n.text: n for n in find_numbers(text)}
    assert found["2020年"].kind == "year"
    assert found["65%"].kind == "percent" and found["65%"].before == "科技进步贡献率"
    assert found["2100家"].before == "高新技术企业"
    assert found["100亿元"].unit_class.startswith("money")
    assert found["十四五"].kind == "period"


def test_document_numbers_are_not_measures():
    assert not [n for n in find_numbers("根据(苏发〔2015〕5号)和公告第65号") if n.kind == "number"]


def test_pairing_follows_the_indicator_not_the_position():
    a = find_numbers("高新技术企业超过2100家,科技型中小企业超过5000家")
    b = find_numbers("科技型中小企业超过6000家,有效期内高新技术企业达1800家")
    pairs = {(x.text, y.text) for x, y in pair_numbers(a, b)}
    assert pairs == {("2100家", "1800家"), ("5000家", "6000家")}


def test_number_change_reported_even_when_wording_changed():
    row = compare_texts(
        "全社会研发投入占地区生产总值比重达到2.95%,行政认定驰名商标90 件",
        "到年底,全社会研究与试验发展经费占地区生产总值的比重力争达3.1%",
    )
    assert [(c.a, c.b) for c in row.number_changes] == [("2.95%", "3.1%")]
    assert "3.1%" in row.number_changes[0].context


def test_unchanged_numbers_are_not_reported():
    row = compare_texts(
        "高新技术企业超过2100家,加快建设。", "加快推进建设,高新技术企业超过2100家。"
    )
    assert row.number_changes == []


def test_coarse_diff_keeps_whole_phrases():
    a = "加快建设创新平台,完善服务体系。支持企业研发。"
    b = "加快建设创新平台,推动金融集聚。支持企业研发。"
    diff = diff_texts(a, b, coarse=True)
    assert diff == [
        ("=", "加快建设创新平台,"),
        ("-", "完善服务体系。"),
        ("+", "推动金融集聚。"),
        ("=", "支持企业研发。"),
    ]
    assert _sides(diff_texts(a * 3, b, coarse=True)) == (a * 3, b)


def test_unrelated_leftover_counts_are_not_paired():
    row = compare_texts("高层次人才超过13万人。", "新增不少于2000名高层次人才。")
    assert row.number_changes == []


def test_lone_deadline_is_paired():
    row = compare_texts("到2020年,建成创新型城市。", "到2022年底,基本建成创新型城市。")
    assert [(c.a, c.b) for c in row.number_changes] == [("2020年", "2022年底")]
