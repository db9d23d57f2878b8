"""General extraction rules added after the held-out run (blind3/blind4): one test per rule."""

from __future__ import annotations

from zcx_desktop.core.extract import UnitAliases, extract_duties, extract_targets
from zcx_desktop.core.ingest.structure import parse_clauses


def _targets(text: str, title: str = ""):
    clauses, _warnings = parse_clauses(text)
    return extract_targets(text, clauses, title=title)


def _units(text: str) -> dict[str, set[tuple[str, str]]]:
    clauses, _warnings = parse_clauses(text)
    return {
        d.clause_path: {(u.name, u.role) for u in d.units} for d in extract_duties(text, clauses)
    }


def test_unit_line_keeps_the_closing_bracket_of_a_grouped_unit():
    text = "一、任务\n1.建设研发机构。\n责任单位：县科技局、各镇（街道）\n"
    assert _units(text)["一/1"] == {("县科技局", "responsible"), ("各镇（街道）", "responsible")}


def test_wrapped_unit_line_still_unwrapped():
    text = "一、任务\n1.建设研发机构。\n（牵头单位：县科技局；责任单位：县财政局、各镇（街道））\n"
    assert _units(text)["一/1"] == {
        ("县科技局", "lead"),
        ("县财政局", "responsible"),
        ("各镇（街道）", "responsible"),
    }


def test_unlabelled_parenthesis_accepts_associations_as_units():
    text = "一、任务\n（一）普及科学。开展科普活动。（省科协牵头，省科技厅、省教育厅配合）\n"
    assert _units(text)["一/（一）"] == {
        ("省科协", "lead"),
        ("省科技厅", "cooperate"),
        ("省教育厅", "cooperate"),
    }


def test_province_departments_keep_their_level_and_party_offices_normalise():
    aliases = UnitAliases.load()
    assert aliases.normalise("省财政厅") == "省财政厅"
    assert aliases.normalise("省工业和信息化厅") == "省工信厅"
    assert aliases.normalise("省人力资源社会保障厅") == "省人社厅"
    assert aliases.normalise("市人力资源和社会保障局") == "市人社局"
    assert aliases.normalise("区委人才办") == "区人才办"


def test_session_count_unit_and_year_over_year_growth():
    text = "一、目标\n2024年，技术合同成交额达到25亿元，同比增长12%；组织对接活动20场次。"
    found = {(t.value, t.unit): t for t in _targets(text)}
    assert found[(12.0, "%")].indicator == "技术合同成交额"
    assert found[(12.0, "%")].kind == "growth"
    assert found[(20.0, "场次")].year == 2024


def test_assessment_weights_and_grants_are_not_targets():
    text = "一、保障\n考核权重不低于10%，对新认定企业给予50万元奖励，新增孵化器5家。"
    assert [(t.value, t.unit) for t in _targets(text, "2024年工作方案")] == [(5.0, "家")]


def test_annual_word_inside_a_phrase_becomes_the_period():
    text = "一、保障\n市财政每年安排科技专项资金不少于10亿元。"
    (target,) = _targets(text, "某市科技创新若干措施（2021—2025年）")
    assert target.indicator == "科技专项资金"
    assert target.period == "每年" and target.year is None


def test_bare_park_opening_an_item_is_its_scope():
    text = "一、目标\n到2025年，省会高新区研发经费投入强度达到6%以上，高新区高新技术企业达到300家。"
    scopes = {t.value: t.scope for t in _targets(text)}
    assert scopes == {6.0: "省会高新区", 300.0: "高新区"}


def test_bare_unit_list_in_closing_parenthesis_is_responsible():
    text = (
        "一、任务\n（一）建设平台。支持企业建设研发机构。（市科技局、市发展和改革委员会）\n"
        "（二）完善制度。修订管理办法（以下简称办法）。\n"
        "（三）发布指南。编制年度指南（2024年版）。\n"
    )
    units = _units(text)
    assert units == {"一/（一）": {("市科技局", "responsible"), ("市发展改革委", "responsible")}}


def test_short_role_labels_and_office_labels():
    text = "一、任务\n1.建设平台。（牵头：市科技局；配合：市财政局）\n2.修订办法。\n牵头处室：规划处；责任处室：政策法规处\n"
    units = _units(text)
    assert units["一/1"] == {("市科技局", "lead"), ("市财政局", "cooperate")}
    assert units["一/2"] == {("规划处", "lead"), ("政策法规处", "responsible")}


def test_bare_list_with_place_names_and_trailing_etc():
    text = (
        "一、任务\n（一）建设平台。支持企业建设研发机构。（如皋市人民政府、市科技局、市财政局等）\n"
    )
    assert _units(text)["一/（一）"] == {
        ("如皋市人民政府", "responsible"),
        ("市科技局", "responsible"),
        ("市财政局", "responsible"),
    }
