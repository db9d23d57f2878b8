"""Duty rules from held-out round 18: a table note that makes every listed unit lead, partners
named inside a unit's bracket, 股室 columns, a body's second name, 责任主体 and 抓好落实."""

from __future__ import annotations

from zcx_desktop.core.extract import UnitAliases, extract_duties
from zcx_desktop.core.ingest.structure import parse_clauses


def _units(text: str) -> dict[str, set[tuple[str, str]]]:
    clauses, _warnings = parse_clauses(text)
    result: dict[str, set[tuple[str, str]]] = {}
    for duty in extract_duties(text, clauses):
        result.setdefault(duty.clause_path, set()).update((u.name, u.role) for u in duty.units)
    return result


def test_a_table_note_making_the_listed_units_lead_and_rows_spaced_with_ideographic_spaces():
    text = (
        "一、重点工作\n（一）安全生产。强化风险防控，推动部门协同和社会共治。\n"
        "附件\n主要目标任务分解表\n"
        "序号　指标　目标值　责任处室（单位）\n"
        "1　生产安全事故起数　下降8%　安全生产综合协调处\n"
        "2　火灾事故死亡人数　≤12人　市消防救援支队\n"
        "注：表中所列责任处室（单位）为牵头单位，其他相关处室（单位）按职责分工配合。\n"
    )
    found = _units(text)
    assert found["附件"] == {("安全生产综合协调处", "lead"), ("市消防救援支队", "lead")}
    assert "一/（一）" not in found  # 推动部门协同 names no unit


def test_partners_named_in_a_units_bracket_cooperate_beside_it():
    text = (
        "一、重点工作\n（一）落实研发费用加计扣除政策。\n"
        "牵头股室：规划财务股；配合股室：高新技术股（县财政局、县税务局配合）\n"
    )
    assert _units(text)["一/（一）"] == {
        ("规划财务股", "lead"),
        ("高新技术股", "cooperate"),
        ("县财政局", "cooperate"),
        ("县税务局", "cooperate"),
    }


def test_a_lead_section_column_of_a_target_table():
    text = (
        "附件\n主要科技指标任务分解表\n"
        "序号\t指标名称\t单位\t2025年完成\t2026年目标\t牵头股室\n"
        "1\t新增高新技术企业\t家\t11\t15\t高新技术股\n"
    )
    assert _units(text)["附件"] == {("高新技术股", "lead")}


def test_a_body_known_by_two_names_is_one_unit():
    aliases = UnitAliases.load()
    assert aliases.normalise("市市场监管局（市知识产权局）") == aliases.normalise("市市场监管局")
    assert aliases.normalise("水资源管理处（省节约用水办公室）") == "水资源管理处"
    assert aliases.normalise("营商办（设在市发展改革委）") == "营商办（设在市发展改革委）"


def test_the_body_answering_for_the_work_and_units_that_see_it_through():
    text = (
        "一、重点任务\n（一）分区任务。各区人民政府、岷亭经开区管委会是本辖区城市更新工作的责任主体，"
        "要对照下表逐项建立项目清单。\n"
        "（二）公平竞争。严格执行审查制度。局价格监督检查处负责，各区市场监管局按职责抓好落实。\n"
    )
    found = _units(text)
    assert found["一/（一）"] == {("各区政府", "responsible"), ("岷亭经开区管委会", "responsible")}
    assert found["一/（二）"] == {
        ("局价格监督检查处", "responsible"),
        ("各区市场监管局", "responsible"),
    }
