"""Responsibility extraction: labelled and unlabelled forms, grouped units, aliases, prefixes."""

from __future__ import annotations

from zcx_desktop.core.extract import UnitAliases, build_matrix, extract_duties
from zcx_desktop.core.extract.units import split_units
from zcx_desktop.core.ingest.structure import parse_clauses

DOC = (
    "二、重点任务\n"
    "（一）培育企业。实施培育计划。（市科学技术局牵头，市财政局、市税务局配合）\n"
    "（二）建设平台。支持企业建设研发机构。\n"
    "牵头单位：市发改委\n"
    "配合单位：市科技局、经信委、各市〔县〕、区政府\n"
    "（三）转化成果。建设技术转移机构。（责任单位：市科技局、市教育局，相关区(园区)；完成时限：2021年底前）\n"
    "（四）集聚人才。实施人才工程。\n"
    "责任单位：市委组织部、市人社局（牵头）、市住建局\n"
    "（五）优化金融。（市地方金融监管局、人民银行某市中心支行按职责分工负责）\n"
    "（六）加强保护。完善保护体系（2020年版）。\n"
    "（七）强化保障。建立联席会议制度。（牵头单位：市科技局、统计局、商务局）"
)


def _duties():
    clauses, _warnings = parse_clauses(DOC)
    return {d.clause_path: d for d in extract_duties(DOC, clauses)}


def test_every_form_is_found_and_attached_to_its_clause():
    duties = _duties()
    assert sorted(duties) == [
        "二/（一）",
        "二/（七）",
        "二/（三）",
        "二/（二）",
        "二/（五）",
        "二/（四）",
    ]
    assert duties["二/（一）"].lead_units == ["市科技局"]  # 市科学技术局 via the alias list
    assert duties["二/（一）"].unit_names == ["市科技局", "市财政局", "市税务局"]
    assert duties["二/（一）"].task == "培育企业"
    assert duties["二/（四）"].lead_units == ["市人社局"]
    assert duties["二/（五）"].unit_names == ["市金融监管局", "人民银行某市中心支行"]


def test_next_line_roles_grouped_units_and_prefix_inheritance():
    duty = _duties()["二/（二）"]
    roles = {(u.name, u.role) for u in duty.units}
    assert ("市发展改革委", "lead") in roles
    assert ("市工信局", "cooperate") in roles  # 经信委 inherits 市 and maps through the aliases
    assert ("各市（县）、区政府", "cooperate") in roles
    assert "配合单位" in duty.raw and "牵头单位" in duty.raw
    texts = [u.text for u in duty.units]
    assert "市经信委" in texts and "各市〔县〕、区政府" in texts  # original text kept


def test_deadline_and_bracketed_unit():
    duty = _duties()["二/（三）"]
    assert duty.deadline == "2021年底前"
    assert "相关区(园区)" in duty.unit_names


def test_split_units_keeps_grouped_forms_whole():
    assert split_units("市科技局、各市（县）、区政府，相关区(园区)") == [
        "市科技局",
        "各市（县）、区政府",
        "相关区(园区)",
    ]
    assert split_units("市知识产权局、工商局、市中级人民法院") == [
        "市知识产权局",
        "市工商局",
        "市中级人民法院",
    ]
    assert split_units("市发展和改革委员会、市人力资源和社会保障局") == [
        "市发展和改革委员会",
        "市人力资源和社会保障局",
    ]
    assert split_units("县财政局，芹口镇、蒲河镇人民政府；柳营街道、桑园街道办事处") == [
        "县财政局",
        "芹口镇人民政府",
        "蒲河镇人民政府",
        "柳营街道办事处",
        "桑园街道办事处",
    ]


def test_user_alias_file_overrides_shipped(tmp_path):
    (tmp_path / "unit_aliases.json").write_text(
        '{"units": [], "departments": [{"name": "科学技术局", "aliases": ["科技局"]}]}',
        encoding="utf-8",
    )
    aliases = UnitAliases.load(tmp_path)
    assert aliases.normalise("市科技局") == "市科学技术局"
    assert aliases.normalise("无锡市科技局") == "无锡市科学技术局"
    assert UnitAliases.load().normalise("市发改委") == "市发展改革委"


def test_matrix_units_by_tasks():
    duties = list(_duties().values())
    matrix = build_matrix(duties)
    assert matrix.units[0] == "市科技局"  # leads the most tasks
    tasks = matrix.tasks_of("市科技局")
    assert {c.duty.clause_path for c in tasks} == {
        "二/（一）",
        "二/（二）",
        "二/（三）",
        "二/（七）",
    }
    index = [d.clause_path for d in matrix.tasks].index("二/（二）")
    assert matrix.role("市科技局", index) == "cooperate"


def test_a_level_prefix_is_not_lent_to_words_or_self_named_bodies():
    assert split_units("区发展改革局、市场监管局、区科技局") == [
        "区发展改革局",
        "区市场监管局",
        "区科技局",
    ]
    assert split_units("区域创新处、基础研究处") == ["区域创新处", "基础研究处"]
    assert split_units("区城市管理局、甲乙街道办事处、丙丁经济区管委会、戊己证监局") == [
        "区城市管理局",
        "甲乙街道办事处",
        "丙丁经济区管委会",
        "戊己证监局",
    ]
    assert split_units("市发展改革委、财政局") == ["市发展改革委", "市财政局"]
