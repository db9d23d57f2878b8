"""Indicator tables (主要指标表) read as targets, and numbers that are not targets."""

from __future__ import annotations

from tests.core.extract_helpers import scoped_targets as _scoped
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
