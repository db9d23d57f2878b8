"""Duty rules added after the second duty held-out round (blind5/blind6): one test per rule."""

from __future__ import annotations

from zcx_desktop.core.extract import UnitAliases, extract_duties, extract_targets
from zcx_desktop.core.ingest.structure import parse_clauses

TABLE = (
    "一、任务分解\n"
    "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t建设中试平台\t市工信局\t市科技局、市财政局\t2025年10月底\n"
    "2\t深化职称改革\t市人社局\t—\t2025年12月底\n"
)


def _duties(text: str):
    clauses, _warnings = parse_clauses(text)
    return extract_duties(text, clauses)


def _units(text: str) -> dict[str, set[tuple[str, str]]]:
    result: dict[str, set[tuple[str, str]]] = {}
    for duty in _duties(text):
        result.setdefault(duty.clause_path, set()).update((u.name, u.role) for u in duty.units)
    return result


def test_table_rows_under_a_header_become_one_duty_each():
    duties = _duties(TABLE)
    assert [d.task for d in duties] == ["建设中试平台", "深化职称改革"]
    assert [d.deadline for d in duties] == ["2025年10月底", "2025年12月底"]
    assert {(u.name, u.role) for u in duties[0].units} == {
        ("市工信局", "lead"),
        ("市科技局", "cooperate"),
        ("市财政局", "cooperate"),
    }
    assert {(u.name, u.role) for u in duties[1].units} == {("市人社局", "lead")}


def test_pipe_delimited_table_rows_are_read_too():
    text = "一、任务\n| 序号 | 工作任务 | 责任单位 |\n|---|---|---|\n| 1 | 建设平台 | 县科技局、县财政局 |\n"
    assert _units(text)["一"] == {("县科技局", "responsible"), ("县财政局", "responsible")}


def test_tab_rows_without_a_unit_header_are_not_duties():
    text = "一、指标\n指标\t2024年\t2025年\n高新技术企业\t市科技局\t200家\n"
    assert _duties(text) == []


def test_role_tail_with_a_verb_after_the_role_word():
    text = "一、任务\n（一）建设中试基地。布局一批基地。（各县（市、区）政府负责落实）\n"
    assert _units(text)["一/（一）"] == {("各县（市、区）政府", "responsible")}


def test_labels_closing_a_paragraph_inline():
    text = "一、任务\n（一）拓展场景。发布场景清单。责任单位：市商务局，市市场监管局。\n"
    assert _units(text)["一/（一）"] == {
        ("市商务局", "responsible"),
        ("市市场监管局", "responsible"),
    }


def test_bracketed_second_name_is_the_same_unit():
    text = "一、任务\n（一）培养人才。（市委组织部（市委人才办）、市人社局按职责分工负责）\n"
    assert _units(text)["一/（一）"] == {("市委组织部", "responsible"), ("市人社局", "responsible")}


def test_party_committee_and_government_of_one_group_are_two_units():
    text = "一、保障\n（一）加强领导。纳入议事日程。（各县（市、区）党委和政府负责）\n"
    assert _units(text)["一/（一）"] == {
        ("各县（市、区）党委", "responsible"),
        ("各县（市、区）政府", "responsible"),
    }


def test_bodies_sharing_one_owner_inherit_it():
    text = "一、任务\n（一）建设园区。（临川开发区党工委、管委会负责）\n"
    assert _units(text)["一/（一）"] == {
        ("临川开发区党工委", "responsible"),
        ("临川开发区管委会", "responsible"),
    }


def test_grouped_people_government_and_culture_bureau_aliases():
    aliases = UnitAliases.load()
    assert aliases.normalise("各县（市、区）人民政府") == "各县（市、区）政府"
    assert aliases.normalise("市文化广电旅游局") == "市文广旅局"


def test_false_friends_naming_units_are_not_duties():
    text = "一、任务\n（一）组织实施。有关单位要结合职能抓好落实。本措施由市科技局负责解释。\n"
    assert _duties(text) == []


def test_tab_separates_table_cells_for_targets():
    text = "一、任务\n1\t全年新增高新技术企业200家\t市科技局\t2025年12月底\n"
    clauses, _warnings = parse_clauses(text)
    found = extract_targets(text, clauses, title="2025年重点任务")
    assert [(t.value, t.unit, t.year) for t in found] == [(200.0, "家", 2025)]


def test_an_article_naming_the_units_of_other_articles_assigns_them_there():
    text = (
        "第一条　支持企业上云，给予最高20万元补助。\n"
        "第二条　支持建设智能工厂。\n"
        "第三条　支持数据要素流通。\n"
        "第四条　支持引进数字人才。\n"
        "第五条　本措施各条款的实施部门如下：第一条由经济发展局牵头、各片区管理办公室配合组织实施；"
        "第二条至第三条由科技创新局负责；第四条由人才工作局负责。\n"
    )
    duties = _duties(text)
    assert [d.clause_path for d in duties] == ["第一条", "第二条", "第三条", "第四条"]
    assert _units(text) == {
        "第一条": {("经济发展局", "lead"), ("各片区管理办公室", "cooperate")},
        "第二条": {("科技创新局", "responsible")},
        "第三条": {("科技创新局", "responsible")},
        "第四条": {("人才工作局", "responsible")},
    }
    assert duties[1].task.startswith("支持建设智能工厂")


def test_talking_to_a_units_head_is_no_duty():
    text = "六、考核\n对连续两年考核不合格的单位，由党群工作部对其主要负责人进行约谈。\n"
    assert _units(text) == {}


def test_a_convention_said_to_hold_below_leaves_earlier_lists_and_host_labels_name_roles():
    text = (
        "一、任务\n"
        "1.管控扬尘。\n责任单位：市住房城乡建设局、市城市管理局\n"
        "2.应对重污染天气。\n主办：市生态环境局；协办：市气象局、市工业和信息化局\n"
        "3.治理水体。括号内列在首位的为牵头单位，其余为配合单位，下同。（市水利局、市农业农村局）\n"
        "4.治理土壤。（市自然资源和规划局、市生态环境局）\n"
    )
    assert _units(text) == {
        "一/1": {("市住建局", "responsible"), ("市城市管理局", "responsible")},
        "一/2": {("市生态环境局", "lead"), ("市气象局", "cooperate"), ("市工信局", "cooperate")},
        "一/3": {("市水利局", "lead"), ("市农业农村局", "cooperate")},
        "一/4": {("市资源规划局", "lead"), ("市生态环境局", "cooperate")},
    }


def test_unit_lines_under_a_bare_label_and_marks_shared_by_a_run():
    text = (
        "二、任务\n"
        "1.整治农村人居环境。\n责任单位：\n"
        "市生态环境局（牵头，负责农村生活污水治理）\n市农业农村局（牵头，负责农村改厕）\n"
        "各县（区）人民政府\n"
        "2.补齐基础设施短板。\n"
        "责任单位：市交通运输局、市水利局（按职责分工牵头），市财政局、市发展改革委\n"
    )
    assert _units(text) == {
        "二/1": {("市生态环境局", "lead"), ("市农业农村局", "lead"), ("各县（区）政府", "responsible")},
        "二/2": {
            ("市交通运输局", "lead"),
            ("市水利局", "lead"),
            ("市财政局", "responsible"),
            ("市发展改革委", "responsible"),
        },
    }


def test_role_sentences_listing_units_after_the_lead_and_narration_left_out():
    text = (
        "省科学技术厅会同省发展改革委、省财政厅等部门编制了本规划。\n"
        "三、任务\n"
        "6.筹集人才公寓。\n由市住房城乡建设局牵头，市财政局，各区县人民政府按职责分工负责。\n"
        "7.深化产教融合。（由市教育局牵头，市人力资源社会保障局按职责分工负责）\n"
        "8.加强卫生监督。（综合监督处牵头，市卫生健康监督所具体实施）\n"
        "9.健全跨部门协同办理机制。\n"
    )
    assert _units(text) == {
        "三/6": {("市住建局", "lead"), ("市财政局", "responsible"), ("各区县政府", "responsible")},
        "三/7": {("市教育局", "lead"), ("市人社局", "responsible")},
        "三/8": {("综合监督处", "lead"), ("市卫生健康监督所", "responsible")},
    }


def test_conventions_worded_with_zhuze_and_xietong_and_sections_and_offices_as_units():
    text = (
        "说明：括号内所列单位，列于首位者为该项工作的主责单位，其余单位为协同单位。\n"
        "一、任务\n（一）推进农村公路建设。（市公路事业发展中心、建设管理处、财务审计处）\n"
        "（二）深化医保支付改革。（待遇保障科、规划财务和法规科）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("市公路事业发展中心", "lead"),
            ("建设管理处", "cooperate"),
            ("财务审计处", "cooperate"),
        },
        "一/（二）": {("待遇保障科", "lead"), ("规划财务和法规科", "cooperate")},
    }


def test_a_convention_for_several_units_leaves_a_single_unit_responsible():
    text = (
        "附件\n条款\t主要内容\t实施部门\n"
        "第四条\t首次认定高企奖励30万元\t区科技创新局\n"
        "第五条\t孵化载体奖励\t区科技创新局、区财政金融局\n"
        "（实施部门栏中有多个部门的，排在第一位的为牵头部门，其余为配合部门）\n"
    )
    roles = {(u.name, u.role) for d in _duties(text) for u in d.units}
    assert roles == {
        ("区科技创新局", "responsible"),
        ("区科技创新局", "lead"),
        ("区财政金融局", "cooperate"),
    }


def test_a_convention_naming_one_labelled_list_settles_that_group_alone():
    text = (
        "二、重点任务\n"
        "本部分每项工作后括号内，“责任股室”所列单位中排在第一位的为牵头股室，其余为配合股室；"
        "“责任乡镇”为具体实施单位。\n"
        "（一）粮食生产\n1.稳定播种面积。（责任股室：种植业股、发展规划股；责任乡镇：苜川乡、杨营镇）\n"
        "2.防治病虫害。（责任股室：植保股；配合单位：县气象局）\n"
    )
    assert _units(text) == {
        "二/（一）/1": {
            ("种植业股", "lead"),
            ("发展规划股", "cooperate"),
            ("苜川乡", "responsible"),
            ("杨营镇", "responsible"),
        },
        "二/（一）/2": {("植保股", "lead"), ("县气象局", "cooperate")},
    }


def test_a_preamble_convention_for_brackets_and_an_annex_note_for_the_table_both_hold():
    text = (
        "说明：每项工作后括号内所列单位（未另行注明的），列于首位者为该项工作的主责单位；"
        "其余单位为协同单位。\n"
        "一、任务\n（一）推进公路建设。（建设管理处、市工程质量安全监督站）\n"
        "（二）压实安全责任。（安全监督处、局机关各处室、局属各单位）\n"
        "（三）加强廉政建设。（机关党委）\n"
        "附件\n序号\t指标名称\t单位\t2027年目标\t责任单位\n"
        "1\t港口货物吞吐量\t万吨\t4600\t港航管理处、市港航事业发展中心\n"
        "2\t农村公路优良中等路率\t%\t85\t市公路事业发展中心\n"
        "注：责任单位栏填列多个单位的，第一个为主责单位，其余为协同单位。\n"
    )
    units = _units(text)
    assert units["一/（一）"] == {("建设管理处", "lead"), ("市工程质量安全监督站", "cooperate")}
    assert units["一/（二）"] == {
        ("安全监督处", "lead"),
        ("局机关各处室", "cooperate"),
        ("局属各单位", "cooperate"),
    }
    assert units["一/（三）"] == {("机关党委", "lead")}
    assert units["附件"] == {
        ("港航管理处", "lead"),
        ("市港航事业发展中心", "cooperate"),
        ("市公路事业发展中心", "responsible"),
    }


def test_the_others_role_unstated_depends_on_where_the_convention_stands():
    note = (
        "附件\n民生实事项目\n（责任单位中排在第一位的为牵头单位）\n"
        "序号\t项目\t目标任务\t责任单位\n1\t便民停车\t新增泊位3000个\t区城市管理局、区公安分局\n"
    )
    assert {(u.name, u.role) for d in _duties(note) for u in d.units} == {
        ("区城市管理局", "lead"),
        ("区公安分局", "cooperate"),
    }
    inside = (
        "一、任务\n（一）建设农村公路。新改建农村公路45公里。"
        "（责任单位：县交通运输局、县水利局，排在第一位的为牵头单位）\n"
    )
    assert _units(inside)["一/（一）"] == {("县交通运输局", "lead"), ("县水利局", "responsible")}


def test_others_of_one_level_leave_local_governments_responsible():
    text = (
        "本要点中标注“责任单位”的任务，排在第一位的为牵头单位，其他市级部门为配合单位；"
        "各区县人民政府负责本行政区域内相关任务落实。\n"
        "一、任务\n（一）整治隐患。\n责任单位：市公安局、市交通运输局，各区县人民政府\n"
    )
    assert _units(text)["一/（一）"] == {
        ("市公安局", "lead"),
        ("市交通运输局", "cooperate"),
        ("各区县政府", "responsible"),
    }


def test_units_in_lenticular_brackets_and_on_dash_lines():
    text = (
        "各项措施末尾所列单位，按【牵头单位：……；责任单位：……】或者“——牵头：……；配合：……”的方式明确分工，"
        "未注明角色的，由所列单位按职责分工负责。\n"
        "第一条 压缩开办时间。企业开办时间压缩至1个工作日。\n——牵头：区行政审批局；配合：区市场监管局、区税务局\n"
        "第二条 便利注销。【牵头单位：区市场监管局；责任单位：区行政审批局、区税务局】\n"
        "第三条 优化登记。\n——区自然资源分局负责，区税务局配合\n"
    )
    assert _units(text) == {
        "第一条": {("区行政审批局", "lead"), ("区市场监管局", "cooperate"), ("区税务局", "cooperate")},
        "第二条": {("区市场监管局", "lead"), ("区行政审批局", "responsible"), ("区税务局", "responsible")},
        "第三条": {("区自然资源分局", "responsible"), ("区税务局", "cooperate")},
    }


def test_a_table_note_worded_with_first_named_governs_the_table_rows_only():
    text = (
        "四、保障\n（三）加强资金保障。\n责任单位：市工业和信息化局、市财政局\n"
        "附件\n序号\t重点任务\t责任单位\t完成时限\n"
        "1\t设立产业链基金\t市财政局、市委金融办、市国资委\t2026年12月底前\n"
        "2\t编制招商图谱\t市投资促进局\t2026年12月底前\n"
        "说明：本表“责任单位”一栏列有两个及以上单位的，名列首位者承担牵头职责，"
        "其余单位按职责分工配合推进。\n"
    )
    units = _units(text)
    assert units["四/（三）"] == {("市工信局", "responsible"), ("市财政局", "responsible")}
    assert units["附件"] == {
        ("市财政局", "lead"),
        ("市委金融办", "cooperate"),
        ("市国资委", "cooperate"),
        ("市投资促进局", "responsible"),
    }


def test_bare_lists_with_offices_halls_universities_and_a_department_shared_by_places():
    text = (
        "说明：各项任务末尾括号内所列处室（单位），排在第一位的为牵头处室（单位），其余为配合处室（单位）。\n"
        "一、任务\n1.推进思政教育。（思政处、教研室、市电化教育馆）\n"
        "2.扩大学位供给。（基础教育处、财务处，琨阳区、蔻川县教育局）\n"
        "3.发展终身教育。（职业教育与成人教育处、市开放大学）\n"
        "二、保障\n本要点执行中的具体问题由局办公室负责协调。\n"
    )
    assert _units(text) == {
        "一/1": {("思政处", "lead"), ("教研室", "cooperate"), ("市电化教育馆", "cooperate")},
        "一/2": {
            ("基础教育处", "lead"),
            ("财务处", "cooperate"),
            ("琨阳区教育局", "cooperate"),
            ("蔻川县教育局", "cooperate"),
        },
        "一/3": {("职业教育与成人教育处", "lead"), ("市开放大学", "cooperate")},
    }


def test_a_cooperate_mark_closing_a_run_and_villages_and_a_label_named_before_weizhuming():
    text = (
        "三、任务\n以下各项任务中，责任处室（单位）未注明牵头、配合的，排在第一位的为牵头处室（单位），"
        "其余为配合处室（单位）。\n"
        "（一）治理水土流失。\n责任处室：水土保持处、政策法规处\n"
        "（二）稳定粮食生产。\n责任单位：镇农业综合服务中心（牵头），镇经济发展办、镇市场监管所（配合）\n"
        "配合单位：镇财政所，上垅村、何家坂村\n"
    )
    assert _units(text) == {
        "三/（一）": {("水土保持处", "lead"), ("政策法规处", "cooperate")},
        "三/（二）": {
            ("镇农业综合服务中心", "lead"),
            ("镇经济发展办", "cooperate"),
            ("镇市场监管所", "cooperate"),
            ("镇财政所", "cooperate"),
            ("上垅村", "cooperate"),
            ("何家坂村", "cooperate"),
        },
    }
