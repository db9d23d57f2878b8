"""Indicator tables (主要指标表) read as targets, and numbers that are not targets."""

from __future__ import annotations

from zcx_desktop.core.extract import extract_targets
from zcx_desktop.core.ingest import ingest_text

PLAN = "\n".join(
    [
        "东岭县科技创新发展规划（2026—2030年）",
        "一、主要指标",
        "序号\t指标名称\t单位\t2025年\t2028年\t2030年\t年均增长\t属性",
        "1\t研发经费投入强度\t%\t2.1\t2.4\t2.8\t—\t预期性",
        "2\t高新技术企业数\t家\t150\t210\t280\t—\t预期性",
        "3\t技术合同成交额\t亿元\t20\t—\t45\t18%\t预期性",
        "\t其中：技术输出合同额\t亿元\t8\t—\t20\t—\t预期性",  # the empty 序号 cell is lost
        "4\t科技人才总量（万人）\t\t1.2\t—\t2\t\t预期性",
        "5\t每万人发明专利拥有量\t件\t6.5\t8—9\t12\t\t预期性",
        "注：研发经费投入强度为全社会研发经费支出占地区生产总值比重。",
    ]
)


def _scoped(text):
    """(indicator, value, unit, year, scope) of every target found in the text."""
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    return {(t.indicator, t.value, t.unit, t.year, t.scope) for t in targets}


def _found(targets):
    return {(t.indicator, t.value, t.unit, t.year) for t in targets}


def test_year_columns_after_the_base_year_are_targets_and_growth_takes_the_horizon():
    parsed = ingest_text(PLAN)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    assert _found(targets) == {
        ("研发经费投入强度", 2.4, "%", 2028),
        ("研发经费投入强度", 2.8, "%", 2030),
        ("高新技术企业数", 210.0, "家", 2028),
        ("高新技术企业数", 280.0, "家", 2030),
        ("技术合同成交额", 45.0, "亿元", 2030),
        ("技术合同成交额", 18.0, "%", 2030),  # 年均增长 column
        ("技术输出合同额", 20.0, "亿元", 2030),  # 其中： dropped, short row aligned right
        ("科技人才总量", 2.0, "万人", 2030),  # unit written after the name
        ("每万人发明专利拥有量", 12.0, "件", 2030),  # the range 8—9 is no target
    }
    assert {t.clause_path for t in targets} == {"一"}
    growth = next(t for t in targets if t.comparator == "年均增长")
    assert growth.kind == "growth"
    assert "技术合同成交额" in growth.sentence


def test_two_row_header_with_base_column_marked_and_target_group():
    text = "\n".join(
        [
            "一、发展目标",
            "类别\t指标\t单位\t2025年（基期）\t目标值\t\t属性",
            "类别\t指标\t单位\t2025年（基期）\t2027年\t2030年\t属性",
            "创新投入\t企业研发机构建有率\t%\t40\t≥50\t60以上\t约束性",
        ]
    )
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses)
    assert _found(targets) == {
        ("企业研发机构建有率", 50.0, "%", 2027),
        ("企业研发机构建有率", 60.0, "%", 2030),
    }
    assert next(t for t in targets if t.year == 2030).qualifier == "以上"


def test_task_table_is_not_an_indicator_table():
    text = "\n".join(
        [
            "序号\t重点任务\t牵头单位\t完成时限",
            "1\t全年新增高新技术企业50家\t县科技局\t2026年12月底",
        ]
    )
    targets = extract_targets(text)
    assert _found(targets) == {
        ("高新技术企业", 50.0, "家", 2026)
    }  # the deadline cell gives the year


def test_support_measures_conditions_achievements_and_ranges_are_not_targets():
    text = "\n".join(
        [
            "（一）对首次认定的高新技术企业，给予30万元奖励，单个企业每年最高100万元。",
            "（二）申报企业上年度营业收入不低于3000万元、研发费用占比不低于4%。",
            "（三）“十四五”以来，全县高新技术企业由90家增加到150家，技术合同成交额达到20亿元。",
            "（四）2025年全县科技型中小企业已达420家。",
            "（五）每年引进高层次人才团队10—15个。",
            "（六）到2030年，全县高新技术企业突破300家，年度发放科技贷款风险补偿贷款超过5亿元。",
        ]
    )
    found = _found(extract_targets(text))
    assert found == {
        ("高新技术企业", 300.0, "家", 2030),
        ("科技贷款风险补偿贷款", 5.0, "亿元", 2030),
    }


def test_counts_in_chinese_numerals():
    text = (
        "到2030年，新建省级以上研发机构三十个，新增专精特新企业二十五家，新认定省级实验室三家，"
        "打造一支科技服务队伍，落实“两个确保”要求，建立三项制度。"
    )
    found = _found(extract_targets(text))
    assert ("省级以上研发机构", 30.0, "个", 2030) in found
    assert ("专精特新企业", 25.0, "家", 2030) in found
    assert ("省级实验室", 3.0, "家", 2030) in found  # one digit, right after a target verb
    assert len(found) == 3  # 一支 / “两个” / 三项制度 are not counts of a target


def test_rules_definitions_and_qualifying_amounts_are_not_targets():
    text = "\n".join(
        [
            "（一）组建创新联合体的成员单位应不少于5家，其中高校院所不少于1家。",
            "（二）规模以上工业企业：指年主营业务收入2000万元及以上的工业法人单位。",
            "（三）对年度技术合同成交额500万元以上的科研人员，可直接申报高级职称。",
            "（四）到2030年，培育营业收入超10亿元的领军企业5家。",
            "（五）规上企业由2020年的86家增加到213家，累计建成5G基站2100个。",
            "（六）技术转让所得不超过500万元的部分免征企业所得税。",
        ]
    )
    found = _found(extract_targets(text))
    assert found == {("营业收入超10亿元的领军企业", 5.0, "家", 2030)}


def test_plan_period_years_and_a_bare_growth_after_an_amount():
    text = "\n".join(
        [
            "东岭县科技创新规划（2026—2030年）",
            "一、目标",
            "到“十五五”末，研发投入强度达到3.2%。“十五五”期间，累计新认定高新技术企业100家以上。",
            "展望2035年，研发投入强度达到4%左右。",
            "二、投入",
            "全年县级财政科技支出不低于3.5亿元，增长不低于10%；首贷户每年新增200户。",
            "服务企业3000家次以上。",
        ]
    )
    parsed = ingest_text(text)
    found = _found(extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title))
    assert ("研发投入强度", 3.2, "%", 2030) in found
    assert ("高新技术企业", 100.0, "家", 2030) in found
    assert ("研发投入强度", 4.0, "%", 2035) in found
    assert ("县级财政科技支出", 10.0, "%", 2030) in found
    assert ("首贷户", 200.0, "户", None) in found
    assert ("服务企业", 3000.0, "家次", 2030) in found


def test_an_amount_alone_in_a_table_cell_is_no_target():
    text = "序号\t类别\t认定条件\t安家补贴\n1\t拔尖人才\t省级人才计划入选者\t30万元"
    assert extract_targets(text) == []


def test_region_by_indicator_table_names_indicator_unit_and_year_in_headers():
    text = "\n".join(
        [
            "东岭省低空经济行动方案（2026—2028年）",
            "附件",
            "序号\t设区市\t2025年低空经济规模（亿元）\t2028年低空经济规模（亿元）\t2028年低空航线（条）",
            "1\t东岭市\t65\t120\t40",
            "\t全省合计\t300\t600\t200",
        ]
    )
    assert _scoped(text) == {
        ("低空经济规模", 120.0, "亿元", 2028, "东岭市"),
        ("低空航线", 40.0, "条", 2028, "东岭市"),
        ("低空经济规模", 600.0, "亿元", 2028, ""),
        ("低空航线", 200.0, "条", 2028, ""),
    }


def test_policy_names_counted_in_articles_are_not_targets():
    text = "到2028年，开通低空航线300条。全面落实科技创新40条、人才新政26条等政策。"
    assert {(t.value, t.unit) for t in extract_targets(text)} == {(300.0, "条")}


def test_project_list_rows_hold_no_targets_but_the_next_table_does():
    text = "\n".join(
        [
            "一、重点项目",
            "序号\t项目名称\t建设主体\t建设内容\t总投资（亿元）\t建设期限",
            "1\t医药产业化基地\t某制药公司\t建设生产线，达产后年产抗体药物200万支\t28\t2026—2028年",
            "2\t冷链物流中心\t某物流公司\t建设医药冷库3万平方米\t6\t2026—2027年",
            "二、任务",
            "序号\t重点任务\t牵头单位",
            "1\t新增省级以上创新平台10个\t市科技局",
        ]
    )
    targets = extract_targets(text, title="某市生物医药产业行动计划（2026—2028年）")
    assert _found(targets) == {("省级以上创新平台", 10.0, "个", 2028)}


def test_region_rows_with_measure_columns_and_a_short_total_row():
    text = "\n".join(
        [
            "某市人民政府关于下达2027年度粮食生产目标任务的通知",
            "一、任务分解",
            "县（市、区）\t粮食播种面积（万亩）\t其中：大豆种植面积（万亩）\t2026年产量预计（万吨）",
            "临江县\t86.2\t3.2\t34.8",
            "桐江经济技术开发区\t2.6\t—\t1.05",
            "全市\t88.8\t3.2",
        ]
    )
    assert _scoped(text) == {
        ("粮食播种面积", 86.2, "万亩", 2027, "临江县"),
        ("大豆种植面积", 3.2, "万亩", 2027, "临江县"),
        ("粮食播种面积", 2.6, "万亩", 2027, "桐江经济技术开发区"),
        ("粮食播种面积", 88.8, "万亩", 2027, ""),
        ("大豆种植面积", 3.2, "万亩", 2027, ""),
    }


def test_places_heading_the_value_columns_give_each_cell_its_scope():
    text = "\n".join(
        [
            "东岭高新区2027年度目标责任考核方案",
            "附件1",
            "指标名称\t单位\t北湖科创园\t南港智造园\t全区",
            "规模以上工业总产值\t亿元\t95\t860\t1530",
            "新增标准厂房\t万平方米\t—\t30\t38",
            "附件2",
            "序号\t考核指标\t单位\t2026年预计\t2027年目标\t分值\t牵头部门",
            "1\t地区生产总值增速\t%\t6.8\t7\t8\t经济发展局",
            "五、计分方法",
            "完成率低于60%的该项不得分；每超1个百分点加0.2分，单项加分不超过该项分值的20%。",
        ]
    )
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    found = {(t.indicator, t.value, t.unit, t.year, t.scope) for t in targets}
    assert found == {
        ("规模以上工业总产值", 95.0, "亿元", 2027, "北湖科创园"),
        ("规模以上工业总产值", 860.0, "亿元", 2027, "南港智造园"),
        ("规模以上工业总产值", 1530.0, "亿元", 2027, ""),
        ("新增标准厂房", 30.0, "万平方米", 2027, "南港智造园"),
        ("新增标准厂房", 38.0, "万平方米", 2027, ""),
        ("地区生产总值增速", 7.0, "%", 2027, ""),  # the 考核指标 column; no 预计 base, no 分值
    }


def test_a_caption_and_unit_line_name_a_table_whose_rows_are_places():
    text = "\n".join(
        [
            "某经济开发区产业发展三年行动计划（2026—2028年）",
            "附件",
            "某经济开发区各园区规上工业产值分年度目标",
            "单位：亿元",
            "园区\t2025年基数\t2026年\t2027年\t责任单位",
            "北麓智造园\t498\t560\t640\t北麓智造园管理办公室",
            "合计\t1126\t1270\t1430\t经发局",
        ]
    )
    assert _scoped(text) == {
        ("规上工业产值", 560.0, "亿元", 2026, "北麓智造园"),
        ("规上工业产值", 640.0, "亿元", 2027, "北麓智造园"),
        ("规上工业产值", 1270.0, "亿元", 2026, ""),
        ("规上工业产值", 1430.0, "亿元", 2027, ""),
    }


def test_region_table_with_plain_headings_under_a_unit_line_and_a_dated_caption():
    text = "\n".join(
        [
            "甲省新型储能实施方案",
            "附件2",
            "各设区市新型储能装机规模目标（2028年）",
            "单位：万千瓦",
            "设区市\t新型储能装机规模\t其中：独立储能装机",
            "丙州市\t200\t120",
            "丁阳市\t150\t90",
            "注：本表为指导性目标。",
        ]
    )
    assert _scoped(text) == {
        ("新型储能装机规模", 200.0, "万千瓦", 2028, "丙州市"),
        ("独立储能装机", 120.0, "万千瓦", 2028, "丙州市"),
        ("新型储能装机规模", 150.0, "万千瓦", 2028, "丁阳市"),
        ("独立储能装机", 90.0, "万千瓦", 2028, "丁阳市"),
    }
    # without the 单位 line a plain heading names no measure
    assert _scoped(text.replace("单位：万千瓦\n", "")) == set()


def test_a_marked_base_column_leaves_the_other_years_targets():
    text = "\n".join(
        [
            "中共某市委 某市人民政府关于促进低空经济高质量发展的实施意见",
            "附件",
            "序号\t指标名称\t单位\t2025年（基期）\t2027年\t2028年\t指标属性",
            "1\t低空经济总规模\t亿元\t210\t380\t580\t预期性",
        ]
    )
    assert _scoped(text) == {
        ("低空经济总规模", 380.0, "亿元", 2027, ""),
        ("低空经济总规模", 580.0, "亿元", 2028, ""),
    }


def test_plan_report_reads_the_next_years_plan_column_not_the_review():
    text = "\n".join(
        [
            "甲州市人民政府关于2026年国民经济和社会发展计划执行情况与2027年计划草案的报告",
            "一、2026年国民经济和社会发展计划执行情况",
            "预计全年地区生产总值5386亿元，增长5.8%。城镇新增就业6.4万人。",
            "二、2027年主要预期目标",
            "地区生产总值增长5.5%左右，城镇新增就业6万人以上。在2026年建成5G基站1.1万个的基础上，新建5G基站2000个。",
            "附件",
            "序号\t指标名称\t单位\t属性\t2026年计划\t2026年预计完成\t2027年计划",
            "1\t地区生产总值增长\t%\t预期性\t5.5左右\t5.8\t5.5左右",
            "2\t城镇调查失业率\t%\t预期性\t5.5以内\t5.1\t≤5.5",
            "3\t数据中心电能利用效率（PUE）\t—\t预期性\t1.3\t1.32\t≤1.28",
        ]
    )
    assert {(i, v, u, y) for i, v, u, y, _s in _scoped(text)} == {
        ("地区生产总值", 5.5, "%", 2027),
        ("城镇新增就业", 6.0, "万人", 2027),
        ("5G基站", 2000.0, "个", 2027),
        ("地区生产总值增长", 5.5, "%", 2027),
        ("城镇调查失业率", 5.5, "%", 2027),
        ("数据中心电能利用效率", 1.28, "", 2027),
    }


def test_space_aligned_plain_text_table():
    text = "\n".join(
        [
            "甲县“十五五”乡村振兴规划",
            "表1　甲县乡村振兴主要指标",
            "序号　类别　指标名称　单位　2025年　2030年　属性",
            "1　粮食安全　粮食播种面积　万亩　62.4　≥62　约束性",
            "2　生活富裕　农村居民人均可支配收入增速　%　〔6.4〕　〔6.5〕　预期性",
        ]
    )
    assert _scoped(text) == {
        ("粮食播种面积", 62.0, "万亩", 2030, ""),
        ("农村居民人均可支配收入增速", 6.5, "%", 2030, ""),
    }


def test_a_whole_zone_total_column_is_the_zone_itself():
    text = "\n".join(
        [
            "甲高新区2027年工作要点",
            "指标\t智谷园区\t瑞丰园区\t全区合计",
            "营业总收入（亿元）\t980\t760\t2400",
        ]
    )
    assert _scoped(text) == {
        ("营业总收入", 980.0, "亿元", 2027, "智谷园区"),
        ("营业总收入", 760.0, "亿元", 2027, "瑞丰园区"),
        ("营业总收入", 2400.0, "亿元", 2027, ""),
    }


def test_a_first_column_headed_unit_names_the_bodies_before_measures():
    text = "\n".join(
        [
            "甲区2027年招商引资工作方案",
            "单位\t签约项目（个）\t协议引资额（亿元）",
            "甲经济开发区\t32\t160",
            "柳营街道\t16\t62",
        ]
    )
    assert _scoped(text) == {
        ("签约项目", 32.0, "个", 2027, "甲经济开发区"),
        ("协议引资额", 160.0, "亿元", 2027, "甲经济开发区"),
        ("签约项目", 16.0, "个", 2027, "柳营街道"),
        ("协议引资额", 62.0, "亿元", 2027, "柳营街道"),
    }


def test_box_drawn_table_with_ruled_lines_between_rows():
    text = "\n".join(
        [
            "甲市“十五五”生态环境保护规划",
            "┌──┬──────┬────┬──────┬──────┐",
            "│序号│指标              │单位    │2025年现状  │2030年目标  │",
            "├──┼──────┼────┼──────┼──────┤",
            "│1   │细颗粒物平均浓度  │微克/立方米│32          │≤28        │",
            "├──┼──────┼────┼──────┼──────┤",
            "│2   │单位地区生产总值二氧化碳排放降低│%│〔19.5〕│〔18〕│",
            "└──┴──────┴────┴──────┴──────┘",
        ]
    )
    assert _scoped(text) == {
        ("细颗粒物平均浓度", 28.0, "微克/立方米", 2030, ""),
        ("单位地区生产总值二氧化碳排放降低", 18.0, "%", 2030, ""),
    }


def test_a_task_row_takes_its_year_from_the_deadline_cell():
    text = "\n".join(
        [
            "甲市“十五五”生态环境保护规划",
            "序号\t重点任务\t牵头单位\t完成时限",
            "1\t完成入河排污口整治260个\t市生态环境局\t2027年底",
            "2\t高层次人才服务事项办理时限压缩至3个工作日\t市委人才办\t2026年底前",
        ]
    )
    assert _scoped(text) == {
        ("入河排污口整治", 260.0, "个", 2027, ""),
        ("高层次人才服务事项办理时限", 3.0, "个工作日", 2026, ""),
    }


def test_assessment_table_target_cells_with_words_around_the_number():
    text = "\n".join(
        [
            "甲市2027年度高质量发展综合绩效考核实施方案",
            "考核包括7个一级指标、37个二级指标，共800分。",
            "一级指标\t二级指标\t目标值\t分值\t评分办法",
            "创新驱动\t高新技术产业增加值占比\t比上年提高1.5个百分点\t20\t每少0.1个百分点扣1分。",
            "营商环境\t企业开办时间\t压缩至0.5个工作日\t20\t达到目标得满分。",
            "安全发展\t生产安全事故死亡人数\t比上年下降5%\t20\t发生较大事故的不得分。",
        ]
    )
    assert _scoped(text) == {
        ("高新技术产业增加值占比", 1.5, "个百分点", 2027, ""),
        ("企业开办时间", 0.5, "个工作日", 2027, ""),
        ("生产安全事故死亡人数", 5.0, "%", 2027, ""),
    }


def test_project_list_split_by_group_rows_holds_no_targets():
    text = "\n".join(
        [
            "甲市“十五五”综合交通运输发展规划",
            "附件　重大项目表",
            "序号\t项目名称\t建设内容与规模\t总投资（亿元）\t建设年限\t责任单位",
            "一、铁路",
            "1\t甲乙城际铁路\t新建城际铁路58公里，设计时速250公里\t126.4\t2026—2029\t市发展改革委",
            "二、水运",
            "7\t甲港三期工程\t新建5万吨级泊位3个\t38.7\t2026—2028\t市交通运输局",
            "到2030年，公共交通机动化出行分担率达到60%，新改建农村公路一千二百公里。",
        ]
    )
    assert _scoped(text) == {
        ("公共交通机动化出行分担率", 60.0, "%", 2030, ""),
        ("新改建农村公路", 1200.0, "公里", 2030, ""),
    }


def test_a_task_row_naming_projects_and_total_investment_is_no_project_header():
    text = "\n".join(
        [
            "甲市人民政府关于落实2027年《政府工作报告》重点工作任务分工的通知",
            "序号\t重点工作任务\t牵头市领导\t牵头单位",
            "一、扩大有效投资",
            "13\t全年实施市级重点项目480个，其中总投资10亿元以上项目65个。\t郑立群\t市发展改革委",
            "16\t举办各类促消费活动300场以上。\t许文涛\t市商务局",
        ]
    )
    assert {(i, v) for i, v, *_ in _scoped(text)} == {
        ("市级重点项目", 480.0),
        ("总投资10亿元以上项目", 65.0),
        ("各类促消费活动", 300.0),
    }


def test_a_part_of_a_base_column_is_base_too():
    text = "\n".join(
        [
            "甲市2027年节能降碳目标责任分解方案",
            "地区\t2026年底重点用能单位（家）\t其中：年综合能耗1万吨标准煤以上（家）\t2027年节能量目标（万吨标准煤）",
            "晖城区\t28\t19\t1.5",
        ]
    )
    assert _scoped(text) == {("节能量目标", 1.5, "万吨标准煤", 2027, "晖城区")}


def test_actual_use_of_foreign_capital_is_an_indicator_not_a_base_column():
    rows = (
        "地区\t2025年外贸进出口总额（亿元）\t2026年实际使用外资（万美元）\n"
        "甲区\t168.2\t12000\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year) for t in extract_targets(rows)}
    assert ("实际使用外资", 12000.0, "万美元", 2026) in found
    notice = "甲市人民政府\n甲政发〔2026〕1号\n关于印发甲市稳外贸若干措施的通知\n附件\n" + rows
    assert all(t.year != 2025 for t in extract_targets(notice))  # issued in 2026: 2025 is past


def test_a_county_table_with_a_part_column_after_the_target_column():
    rows = (
        "2027年各区县生产安全事故死亡人数控制指标\n"
        "序号\t区县\t2026年实际死亡人数（人）\t2027年死亡人数控制指标（人）"
        "\t其中：道路运输事故死亡人数控制指标（人）\n"
        "1\t甲区\t15\t14\t8\n全市\t93\t86\t48\n"
    )
    found = {(t.indicator, t.value, t.scope) for t in extract_targets(rows)}
    assert found == {
        ("死亡人数控制指标", 14.0, "甲区"),
        ("道路运输事故死亡人数控制指标", 8.0, "甲区"),
        ("死亡人数控制指标", 86.0, ""),
        ("道路运输事故死亡人数控制指标", 48.0, ""),
    }


def test_a_task_table_with_a_target_value_column_and_deadlines():
    rows = (
        "甲高新区目标任务分解表\n"
        "序号\t工作任务\t目标值\t责任部门\t配合部门\t完成时限\n"
        "1\t地区生产总值增长\t7%左右\t经济发展局\t各园区管理办公室\t2027年12月底\n"
        "2\t实验室二期投入运行\t建成投运\t科技创新局\t规划建设局\t2027年9月底\n"
        "3\t甲山园区集成电路产业营业收入\t300亿元\t甲山园区管理办公室\t经济发展局\t2027年12月底\n"
        "4\t工业用地亩均税收\t甲园区45万元、乙园区36万元\t各园区\t税务分局\t2027年12月底\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year, t.scope) for t in extract_targets(rows)}
    assert found == {
        ("地区生产总值增长", 7.0, "%", 2027, ""),
        ("甲山园区集成电路产业营业收入", 300.0, "亿元", 2027, "甲山园区"),
        ("工业用地亩均税收", 45.0, "万元", 2027, "甲园区"),
        ("工业用地亩均税收", 36.0, "万元", 2027, "乙园区"),
    }


BOX_TABLE = """2027年各区生态环境质量目标
┌────┬──────────────┬─────────┬──────────┐
│    │  PM2.5平均浓度       │ 优良天数比率     │ 重污染天数         │
│区域│  （微克/立方米）     │  （%）          │ （天）            │
│    ├──────┬───────┼─────────┼──────────┤
│    │2026年  │ 2027年       │ 2027年目标       │ 2027年目标         │
│    │（预计）│ 目标         │                  │                    │
├────┼──────┼───────┼─────────┼──────────┤
│甲山区│ 29.8   │ 28.6         │ 86.5             │ ≤3                 │
├────┼──────┼───────┼─────────┼──────────┤
│全  市│ 28.6   │ 27.5         │ 88.0             │ ≤2                 │
└────┴──────┴───────┴─────────┴──────────┘
"""


def test_box_table_with_wrapped_header_cells_and_a_split_column():
    found = {(t.indicator, t.value, t.unit, t.year, t.scope) for t in extract_targets(BOX_TABLE)}
    assert found == {
        ("PM2.5平均浓度", 28.6, "微克/立方米", 2027, "甲山区"),
        ("优良天数比率", 86.5, "%", 2027, "甲山区"),
        ("重污染天数", 3.0, "天", 2027, "甲山区"),
        ("PM2.5平均浓度", 27.5, "微克/立方米", 2027, ""),
        ("优良天数比率", 88.0, "%", 2027, ""),
        ("重污染天数", 2.0, "天", 2027, ""),
    }


def test_a_target_task_column_names_the_rows_of_a_year_table():
    rows = (
        "序号\t目标任务\t单位\t2025年基数\t2028年目标\t2030年目标\t牵头单位\n"
        "1\t人才资源总量\t万人\t152\t172\t190\t市委人才办\n"
    )
    found = {(t.indicator, t.value, t.year) for t in extract_targets(rows)}
    assert found == {("人才资源总量", 172.0, 2028), ("人才资源总量", 190.0, 2030)}


def test_a_year_heading_spans_the_measures_under_it():
    """2026年目标 spans 总额 | 增速 (its second cell is blank); 2027年目标 spans past the end of
    its row; the caption names the measure the bare 总额 / 增速 headings are aspects of."""
    table = "\n".join(
        [
            "甲区促消费行动方案（2026—2027年）",
            "附件1",
            "甲区各街道社会消费品零售总额目标任务分解表",
            "单位：亿元、%",
            "街道\t2025年完成值\t2026年目标\t\t2027年目标",
            "街道\t总额（亿元）\t总额（亿元）\t增速（%）\t总额（亿元）\t两年年均增速（%）",
            "乙街道\t78.2\t83.2\t6.4\t88.6\t6.4",
            "合计\t286.4\t305.0\t6.5\t325.0\t6.5",
        ]
    )
    found = _scoped(table)
    assert found == {
        ("社会消费品零售总额", 83.2, "亿元", 2026, "乙街道"),
        ("社会消费品零售总额增速", 6.4, "%", 2026, "乙街道"),
        ("社会消费品零售总额", 88.6, "亿元", 2027, "乙街道"),
        ("社会消费品零售总额两年年均增速", 6.4, "%", 2027, "乙街道"),
        ("社会消费品零售总额", 305.0, "亿元", 2026, ""),
        ("社会消费品零售总额增速", 6.5, "%", 2026, ""),
        ("社会消费品零售总额", 325.0, "亿元", 2027, ""),
        ("社会消费品零售总额两年年均增速", 6.5, "%", 2027, ""),
    }
