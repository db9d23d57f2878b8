"""Duties written as sentences and brackets mid-paragraph (rules added in the third held-out round)."""

from __future__ import annotations

from zcx_desktop.core.extract import UnitAliases, extract_duties
from zcx_desktop.core.extract.duty_sentences import role_sentence
from zcx_desktop.core.ingest.structure import parse_clauses


def _units(text: str) -> dict[str, set[tuple[str, str]]]:
    clauses, _warnings = parse_clauses(text)
    result: dict[str, set[tuple[str, str]]] = {}
    for duty in extract_duties(text, clauses):
        result.setdefault(duty.clause_path, set()).update((u.name, u.role) for u in duty.units)
    return result


def test_lead_and_cooperate_written_as_a_sentence():
    text = "一、任务\n（一）建设孵化载体。新建孵化器5家。由县科技局牵头，县财政局、县税务局配合。"
    assert _units(text) == {
        "一/（一）": {("县科技局", "lead"), ("县财政局", "cooperate"), ("县税务局", "cooperate")}
    }


def test_huitong_gives_lead_and_partners_up_to_the_task_verb():
    assert role_sentence("由县科技局会同县财政局、县税务局于6月底前修订出台配套政策") == (
        "牵头单位：县科技局；配合单位：县财政局、县税务局"
    )
    assert role_sentence("由县科技局牵头，会同县财政局建立评估机制") == (
        "牵头单位：县科技局；配合单位：县财政局"
    )
    # with no partner named, 会同有关部门 leaves the one unit that answers for the task
    assert role_sentence("县科技局会同有关部门适时开展评估") == "责任单位：县科技局"


def test_units_split_by_a_comma_wait_for_their_role_word():
    assert role_sentence("省财政厅、省教育厅，各设区市人民政府按职责分工负责。") == (
        "责任单位：省财政厅、省教育厅、各设区市人民政府"
    )


def test_a_unit_leading_a_relative_clause():
    assert (
        role_sentence("建立由分管副县长任召集人、县工信局牵头的联席会议制度")
        == "牵头单位：县工信局"
    )


def test_sentences_that_assign_nothing():
    for sentence in (
        "本办法由县科技局会同县财政局负责解释。",
        "由县科技局负责解释。",
        "各有关单位要加强统筹。",
        "县科技局要加强与县市场监管局的沟通协调。",
        "各牵头单位要会同配合单位制定推进措施。",
        "支持龙头企业牵头组建创新联合体。",
        "由县政府分管副县长牵头召开调度会。",
        "日常工作由分管副县长负责协调。",
        "县财政局负责的项目要按期验收。",
    ):
        assert role_sentence(sentence) == "", sentence


def test_bracket_after_a_sentence_mid_paragraph_and_trailing_both_count():
    text = (
        "一、保障\n（一）强化要素保障。加大贷款投放。（县金融监管局、县工商联按职责分工负责）"
        "保障用地需求，新建标准厂房10万平方米。（责任单位：县统计局）"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县金融监管局", "responsible"),
            ("县工商联", "responsible"),
            ("县统计局", "responsible"),
        }
    }


def test_bracket_naming_the_office_before_it_is_no_duty():
    text = "一、督查\n（一）各牵头单位要按季度将进展报送领导小组办公室（县工信局）"
    assert _units(text) == {}


def test_groups_of_people_s_governments_have_one_form():
    aliases = UnitAliases.load()
    assert aliases.normalise("各设区市人民政府") == "各设区市政府"
    assert aliases.normalise("各县（市、区）人民政府") == "各县（市、区）政府"
    assert aliases.normalise("市人民政府") == aliases.normalise("市政府")


def test_document_convention_first_listed_unit_leads():
    text = (
        "东岭县2026年工作要点\n"
        "各项任务中，列第一位的为牵头单位，其他为配合单位。\n"
        "一、任务\n"
        "（一）优化审批服务。（责任单位：县行政审批局、县住建局、县资源规划局）\n"
        "（二）强化统计监测。（县统计局负责）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县行政审批局", "lead"),
            ("县住建局", "cooperate"),
            ("县资源规划局", "cooperate"),
        },
        "一/（二）": {("县统计局", "responsible")},  # a 负责 sentence is no list of units
    }


def test_convention_stated_inside_the_first_bracket_with_xia_tong():
    text = (
        "一、任务\n"
        "（一）建设平台。（责任单位：县科技局、县工信局，青石园区管委会。列第一位者为牵头单位，下同）\n"
        "（二）引进人才。（责任单位：县人社局、县科技局）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县科技局", "lead"),
            ("县工信局", "responsible"),
            ("青石园区管委会", "responsible"),
        },
        "一/（二）": {("县人社局", "lead"), ("县科技局", "responsible")},
    }


def test_each_covers_the_next_body_and_group_words_after_a_list():
    text = (
        "一、任务\n（一）扩大参保。完善制度。（县医保局牵头，县财政局配合；"
        "各乡镇人民政府、街道办事处负责辖区内扩面工作）\n"
        "（二）营造氛围。县妇联、县总工会、团县委等群团组织参与。\n"
        "（三）加强监测。县统计局负责会同县民政局研究建立监测制度。\n"
        "（四）推进通关便利。（责任单位：县商务局 青石海关）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县医保局", "lead"),
            ("县财政局", "cooperate"),
            ("各乡镇政府", "responsible"),
            ("各街道办事处", "responsible"),
        },
        "一/（二）": {("县妇联", "cooperate"), ("县总工会", "cooperate"), ("团县委", "cooperate")},
        "一/（三）": {("县统计局", "lead"), ("县民政局", "cooperate")},
        "一/（四）": {("县商务局", "responsible"), ("青石海关", "responsible")},
    }


def test_respective_leads_organised_by_and_working_group_offices():
    text = (
        "一、任务\n（一）强化要素保障。（县财政局、县自然资源局、县人社局分别牵头）\n"
        "（二）实施人才计划。具体由县委组织部、县人力资源社会保障局组织实施。\n"
        "（三）加强统筹。县优化营商环境工作领导小组办公室（设在县发展改革委）负责统筹推进。\n"
        "（四）组织攻关。由县科技局会同县工信局组织实施关键技术攻关项目。\n"
    )
    assert _units(text) == {
        "一/（一）": {("县财政局", "lead"), ("县资源规划局", "lead"), ("县人社局", "lead")},
        "一/（二）": {("县委组织部", "responsible"), ("县人社局", "responsible")},
        "一/（三）": {("县优化营商环境工作领导小组办公室", "responsible")},
        "一/（四）": {("县科技局", "lead"), ("县工信局", "cooperate")},
    }


def test_level_carries_across_groups_and_summaries_brackets_and_served_units():
    text = (
        "一、任务\n（一）统计监测。（区科学技术局牵头，工业和信息化局、财政局配合）\n"
        "（二）要素保障。（省财政厅、省税务局等省有关部门按职责分工负责）\n"
        "（三）科学普及。社会发展科技处配合市科协组织科技活动周。\n"
        "（四）政策宣讲。开展宣讲活动20场。（主办处室：政策法规处；协办处室：高新技术处）\n"
        "（五）压实责任。各县（市、区）人民政府对本行政区域耕地保护负总责。联系人：张某。\n"
        "（六）开拓市场。由省商务厅牵头，省贸促会、青川海关协助。（配合处室（单位）：办公室（财务））\n"
    )
    assert _units(text) == {
        "一/（一）": {("区科技局", "lead"), ("区工信局", "cooperate"), ("区财政局", "cooperate")},
        "一/（二）": {("省财政厅", "responsible"), ("省税务局", "responsible")},
        "一/（三）": {("市科协", "lead"), ("社会发展科技处", "cooperate")},
        "一/（四）": {("政策法规处", "lead"), ("高新技术处", "cooperate")},
        "一/（五）": {("各县（市、区）政府", "responsible")},
        "一/（六）": {
            ("省商务厅", "lead"),
            ("省贸促会", "cooperate"),
            ("青川海关", "cooperate"),
            ("办公室", "cooperate"),
        },
    }


def test_a_declared_sign_marks_the_lead_units():
    text = (
        "一、任务\n（一）算力设施。建设智算中心。（责任单位：☆县数据局、县发展改革委，各乡镇人民政府。"
        "标☆的为牵头单位，下同）\n"
        "（二）人才培养。开设专业。（责任单位：☆县教育局、人社局、★县科技局）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县大数据管理局", "lead"),
            ("县发展改革委", "responsible"),
            ("各乡镇政府", "responsible"),
        },
        "一/（二）": {
            ("县教育局", "lead"),
            ("县人社局", "responsible"),
            ("县科技局", "responsible"),
        },
    }


def test_a_sign_without_a_declared_meaning_is_only_dropped():
    text = "一、任务\n（一）算力设施。建设智算中心。（责任单位：☆县数据局、县发展改革委）\n"
    assert _units(text) == {
        "一/（一）": {("县大数据管理局", "responsible"), ("县发展改革委", "responsible")}
    }


def test_false_friends_of_role_words_in_sentences():
    # 负责人工智能… is a duty, 负责人 is a person; 支持高校牵头研发 assigns nothing to a unit
    assert role_sentence("县委网信办、县公安局按职责分工负责人工智能安全监管") == (
        "责任单位：县委网信办、县公安局"
    )
    assert role_sentence("项目负责人由县科技局确定") == ""
    assert role_sentence("支持龙头企业、高校院所牵头研发行业大模型") == ""
    # the partners after 会同 stop at the task verb even when it ends like a unit (…协同处)
    assert role_sentence(
        "由县城市运行管理中心牵头，会同县公安局、县生态环境局建立跨部门协同处置机制"
    ) == ("牵头单位：县城市运行管理中心；配合单位：县公安局、县生态环境局")


def test_first_unit_convention_for_unmarked_brackets_only():
    text = (
        "未作标明、仅在任务后括号内列出有关单位的，排在第一位的为牵头单位，其余为责任单位。\n"
        "一、任务\n（一）强链补链。新增企业180家。（县工业和信息化局、县统计局，各乡镇人民政府）\n"
        "（二）国企改革。推进改革。\n责任单位：县国资委\n"
        "（三）有效投资。\n牵头单位：县发展改革委\n责任单位：县财政局、县自然资源和规划局\n"
        "（四）外贸。（牵头单位：县工业和信息化局、县商务局按职责分工牵头；责任单位：县统计局）\n"
        "（五）乡村产业。（县农业农村局牵头，县商务局、县供销合作社配合）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县工信局", "lead"),
            ("县统计局", "responsible"),
            ("各乡镇政府", "responsible"),
        },
        "一/（二）": {("县国资委", "responsible")},
        "一/（三）": {
            ("县发展改革委", "lead"),
            ("县财政局", "responsible"),
            ("县资源规划局", "responsible"),
        },
        "一/（四）": {("县工信局", "lead"), ("县商务局", "lead"), ("县统计局", "responsible")},
        "一/（五）": {
            ("县农业农村局", "lead"),
            ("县商务局", "cooperate"),
            ("县供销合作社", "cooperate"),
        },
    }


def test_office_convention_and_single_units_and_grouped_governments():
    text = (
        "各项工作任务后括号内未注明牵头、配合的，排在第一位的为主办处室（单位），其余为协办处室（单位）。"
        "只列一个单位的，由该单位负责。\n"
        "一、任务\n（一）机关党建。加强党建。（机关党委、人事处）\n"
        "（二）仪器共享。新增入网仪器1500台。（条件财务处、省科技信息研究院）\n"
        "（三）政策宣传。（政策法规处）\n"
        "（四）人才引进。责任单位：市委组织部、宣传部、市委人才办\n"
        "（五）统筹推进。各县、区人民政府对本辖区任务负总责。\n"
    )
    assert _units(text) == {
        "一/（一）": {("机关党委", "lead"), ("人事处", "cooperate")},
        "一/（二）": {("条件财务处", "lead"), ("省科技信息研究院", "cooperate")},
        "一/（三）": {("政策法规处", "responsible")},
        "一/（四）": {
            ("市委组织部", "responsible"),
            ("市委宣传部", "responsible"),
            ("市人才办", "responsible"),
        },
        "一/（五）": {("各县、区政府", "responsible")},
    }


def test_generic_words_and_headings_are_no_units():
    text = (
        "一、保障\n（一）强化部门协同。\n县人社局牵头做好调度工作，县发展改革委、教育局按照职责分工配合做好相关工作。"
        "建立县级统筹、部门协同的工作推进机制。牵头单位对任务完成负总责。只列一个单位的，由该单位负责。\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("县人社局", "lead"),
            ("县发展改革委", "cooperate"),
            ("县教育局", "cooperate"),
        }
    }


def test_the_others_role_of_the_convention_may_come_later_in_its_sentence():
    text = (
        "排在第一位的为牵头单位，负责项目的统筹推进和组织实施；其余为配合单位，按照职责分工协同推进。\n"
        "附件\n序号\t项目名称\t目标任务\t责任单位\n1\t学位扩容\t新增学位3600个\t区教育局、区财政局\n"
    )
    assert {(u.name, u.role) for d in extract_duties(text) for u in d.units} == {
        ("区教育局", "lead"),
        ("区财政局", "cooperate"),
    }


def test_partners_outside_government_and_members_of_a_mechanism():
    text = (
        "以下各项任务中，责任单位排在第一位的为牵头单位，其余为配合单位。\n"
        "一、任务\n（一）拓展市场。到2028年出口额达到300亿元。（省商务厅、省工业和信息化厅、甲州海关）\n"
        "（二）建设电站。建成独立储能电站30座。（省能源局、国网乙省电力公司、省自然资源厅）\n"
        "二、保障\n（一）加强统筹。建立由省发展改革委牵头，省科技厅、省财政厅等参加的协调推进机制。\n"
        "（二）推进养老。由县民政局牵头，会同县卫生健康局推进医养结合服务向乡镇延伸。\n"
        "（三）促进消费。（省商务厅牵头负责，省交通运输厅、省地方金融管理局按职责配合）\n"
    )
    assert _units(text) == {
        "一/（一）": {("省商务厅", "lead"), ("省工信厅", "cooperate"), ("甲州海关", "cooperate")},
        "一/（二）": {
            ("省能源局", "lead"),
            ("国网乙省电力公司", "cooperate"),
            ("省自然资源厅", "cooperate"),
        },
        "二/（一）": {("省发展改革委", "lead"), ("省科技厅", "cooperate"), ("省财政厅", "cooperate")},
        "二/（二）": {("县民政局", "lead"), ("县卫生健康局", "cooperate")},
        "二/（三）": {
            ("省商务厅", "lead"),
            ("省交通运输厅", "cooperate"),
            ("省地方金融管理局", "cooperate"),
        },
    }


def test_convention_extended_to_the_annex_and_generic_bodies_are_no_units():
    text = (
        "各项目标任务后括号内所列单位中，排在第一位的为牵头单位，其余为配合单位。"
        "附件所列民生实事项目的责任单位，按照同一原则确定。\n"
        "一、任务\n（一）壮大主体。新增经营主体5万户。（市市场监管局、市发展改革委、市工商联）\n"
        "（二）过紧日子。一般性支出压减5%。（市财政局、市直各部门）\n"
        "（三）城市更新。改造老旧小区120个。（市住房城乡建设局、城市管理局、自然资源和规划局）\n"
        "（四）强化领导。健全党委统一领导、政府负责、组织部门牵头抓总的工作机制，跨部门协同更加顺畅。"
        "牵头部门对任务落实负总责。\n"
        "（五）建设基站。（牵头单位：市工业和信息化局；配合单位：市财政局，各区、县人民政府）\n"
        "附件\n序号\t项目名称\t目标任务\t责任单位\t完成时限\n"
        "1\t托育服务\t新增普惠托位2000个\t市卫生健康委、市教育局\t2027年12月底\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("市市场监管局", "lead"),
            ("市发展改革委", "cooperate"),
            ("市工商联", "cooperate"),
        },
        "一/（二）": {("市财政局", "lead"), ("市直各部门", "cooperate")},
        "一/（三）": {
            ("市住建局", "lead"),
            ("市城市管理局", "cooperate"),
            ("市资源规划局", "cooperate"),
        },
        "一/（五）": {
            ("市工信局", "lead"),
            ("市财政局", "cooperate"),
            ("各区、县政府", "cooperate"),
        },
        "附件": {("市卫健委", "lead"), ("市教育局", "cooperate")},
    }


def test_convention_for_named_lists_and_table_rows_opening_with_a_bracket():
    text = (
        "各项工作所列责任科室中，排在第一位的为牵头科室，其余为配合科室。\n"
        "一、党建\n1.加强基层党建。新建党群服务站3个。\n责任科室：党建办、综治中心\n责任单位：各社区居委会\n"
    )
    assert _units(text) == {
        "一/1": {("党建办", "lead"), ("综治中心", "cooperate"), ("各社区居委会", "responsible")}
    }
    table = (
        "表1“责任单位”栏中排在第一位的为牵头单位，其余为配合单位。\n"
        "一级指标\t二级指标\t目标值\t分值\t责任单位\n"
        "（200分）\t外贸进出口总额增速\t8%\t15\t市商务局、甲州海关\n"
    )
    assert {(u.name, u.role) for d in extract_duties(table) for u in d.units} == {
        ("市商务局", "lead"),
        ("甲州海关", "cooperate"),
    }


def test_growing_together_is_no_cooperation_and_a_layout_is_no_bureau():
    assert role_sentence("推动省实验室、省级重点实验室、市级重点实验室梯次布局、协同发展。") == ""
    assert role_sentence("建设三个产业园，推动差异化布局、协同化发展。") == ""
    assert role_sentence("形成政府牵头、部门协作、全社会参与的工作格局。") == ""
    assert role_sentence("市科技局牵头，市财政局协同。") == "牵头单位：市科技局；配合单位：市财政局"


def test_bracket_convention_covers_lists_that_share_duties():
    text = (
        "本方案中括号内所列单位，排在第一位的为牵头单位，其余为配合单位。\n"
        "一、任务\n（一）扩容资源。建设区域医疗中心。（市卫生健康委、市发展改革委、市财政局按职责分工负责）\n"
        "（二）保障经费。（市财政局、市卫生健康委）\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("市卫健委", "lead"),
            ("市发展改革委", "cooperate"),
            ("市财政局", "cooperate"),
        },
        "一/（二）": {("市财政局", "lead"), ("市卫健委", "cooperate")},
    }
    unconventional = text.replace("本方案中括号内所列单位", "各项措施所列责任单位中")
    assert _units(unconventional)["一/（一）"] == {
        ("市卫健委", "responsible"),
        ("市发展改革委", "responsible"),
        ("市财政局", "responsible"),
    }


def test_a_list_marking_its_own_lead_gives_the_others_the_conventional_role():
    text = (
        "一、任务\n（一）办电。压缩时间。\n"
        "责任单位：区政务服务中心（牵头），区人社局、区民政局、公安翊川分局\n"
        "二、保障\n（一）组织。各项任务责任单位中排在第一位的为牵头单位，负责统筹推进；"
        "其他为配合单位，按照职责分工抓好落实。\n"
    )
    assert _units(text)["一/（一）"] == {
        ("区政务服务中心", "lead"),
        ("区人社局", "cooperate"),
        ("区民政局", "cooperate"),
        ("公安翊川分局", "cooperate"),
    }


def test_a_convention_stated_inside_one_bracket_governs_that_bracket_only():
    text = (
        "一、任务\n（一）建筑节能。推进改造。\n"
        "责任单位：市住房城乡建设局、市城市管理局\n"
        "（二）绿色消费。推广节能产品。"
        "（市发展改革委、市商务局按职责分工负责，排在第一位的为牵头单位）\n"
    )
    assert _units(text) == {
        "一/（一）": {("市住建局", "responsible"), ("市城市管理局", "responsible")},
        "一/（二）": {("市发展改革委", "lead"), ("市商务局", "responsible")},
    }


def test_lead_joined_to_partners_by_a_comma_mark_and_vague_partners():
    text = (
        "一、任务\n（一）优化布局。推动形成格局。由市文化广电和旅游局牵头、市发展改革委、"
        "市自然资源和规划局配合。\n"
        "（二）加强评估。市文化广电和旅游局要会同有关部门建立统计监测体系，每年报市人民政府。\n"
    )
    assert _units(text) == {
        "一/（一）": {
            ("市文广旅局", "lead"),
            ("市发展改革委", "cooperate"),
            ("市资源规划局", "cooperate"),
        },
        "一/（二）": {("市文广旅局", "responsible")},
    }


def test_first_listed_unit_convention_in_brackets_and_a_table_column_of_that_name():
    text = (
        "说明：本要点所列责任处室（单位），排在第一位的为牵头处室（单位），其余为配合处室（单位）。\n"
        "一、任务\n（一）强化监管。开展专项整治。（医政处、监督处、市卫生健康监督所）\n"
        "（二）推进试点。集团牵头医院向基层下沉专家不少于40人。\n"
        "附件\n序号\t指标名称\t2027年目标值\t责任处室\n1\t人均预期寿命\t81.7\t规划信息处、妇幼处\n"
    )
    found = _units(text)
    assert found["一/（一）"] == {
        ("医政处", "lead"),
        ("监督处", "cooperate"),
        ("市卫生健康监督所", "cooperate"),
    }
    assert "一/（二）" not in found
    assert found["附件"] == {("规划信息处", "lead"), ("妇幼处", "cooperate")}


def test_first_unit_written_as_first_of_the_list_and_divisions_keep_no_level_prefix():
    text = (
        "说明：各项任务后括号内未注明“牵头”“配合”的，所列第一个单位为牵头单位，其余为配合单位。\n"
        "一、任务\n（一）加强监测。完善监测网络。（市生态环境监测中心、规划财务处）\n"
        "（二）落实责任。各牵头处室对牵头事项负总责。\n"
    )
    assert _units(text) == {
        "一/（一）": {("市生态环境监测中心", "lead"), ("规划财务处", "cooperate")}
    }


def test_convention_naming_the_first_division_with_a_bracketed_kind_and_fuze_qiantou():
    text = (
        "各项任务所列责任单位中，排在第一位的处室（单位）为牵头单位，其余为配合单位。\n"
        "一、任务\n（一）优化准入。推进登记便利化。（登记注册处、行政审批处、各区分局）\n"
        "（二）减少检查。县市场监管局负责牵头建立涉企检查白名单制度。\n"
        "附件\n序号\t重点任务\t牵头处室\t配合单位\n1\t节水载体建设\t市节约用水办公室\t水资源管理处、各区县水利局\n"
    )
    found = _units(text)
    assert found["一/（一）"] == {
        ("登记注册处", "lead"),
        ("行政审批处", "cooperate"),
        ("各区分局", "cooperate"),
    }
    assert found["一/（二）"] == {("县市场监管局", "lead")}
    assert found["附件"] == {
        ("市节约用水办公室", "lead"),
        ("水资源管理处", "cooperate"),
        ("各区县水利局", "cooperate"),
    }
