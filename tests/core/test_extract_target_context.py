"""Target extraction in context: issue year, review paragraphs, time limits, rules, baselines."""

from __future__ import annotations

from zcx_desktop.core.extract import extract_targets
from zcx_desktop.core.extract.text import issue_year
from zcx_desktop.core.ingest import ingest_text

PLAN_TITLE = "某市养老服务发展三年行动计划（2026—2028年）"


def _values(targets):
    return {(t.value, t.unit): t for t in targets}


def test_issue_year_from_own_number_line_or_signing_date():
    assert (
        issue_year("某县人民政府文件\n某政发〔2026〕6号\n根据《意见》（国办发〔2024〕1号）") == 2026
    )
    assert issue_year("正文引用国办发〔2024〕1号。\n某县人民政府\n2025年3月20日") == 2025
    assert issue_year("没有文号也没有落款。") is None


def test_status_before_the_issue_year_is_no_target():
    text = (
        "某政发〔2026〕6号\n一、总体要求\n"
        "截至2025年底，全县老年人口达到14.2万人。到2028年，养老床位达到3000张。"
    )
    found = _values(extract_targets(text))
    assert (14.2, "万人") not in found
    assert found[(3000.0, "张")].year == 2028


def test_plain_year_opening_a_sentence_governs_it_up_to_the_full_stop():
    text = (
        "一、发展基础\n（一）回顾\n（二）目标\n"
        "产业保持较快增长。2025年，营业收入586亿元；累计获批新药2个；产值占比达到52%。"
        "企业达到200家。"
    )
    found = _values(extract_targets(text, title=PLAN_TITLE))
    assert (586.0, "亿元") not in found and (2.0, "个") not in found and (52.0, "%") not in found
    assert found[(200.0, "家")].year == 2028  # after the full stop the plan's horizon again


def test_plain_year_opening_a_paragraph_governs_all_of_it():
    text = "一、目标\n2025年，新登记经营主体4.1万户。经营主体总量达到48.6万户。"
    assert extract_targets(text, title="某市2026年优化营商环境工作要点") == []


def test_time_limits_need_a_target_verb():
    text = (
        "一、任务\n企业开办全流程压缩至0.5个工作日，企业诉求原则上在5个工作日内答复。"
        "用水、用气报装时间分别压减至3个工作日、4个工作日以内。"
    )
    targets = extract_targets(text, title="某市2026年工作要点")
    assert [(t.value, t.unit) for t in targets] == [
        (0.5, "个工作日"),
        (3.0, "个工作日"),
        (4.0, "个工作日"),
    ]
    assert targets[2].indicator == "用气报装时间" and targets[0].comparator == "压缩至"


def test_rules_and_norms_are_no_targets():
    text = (
        "一、任务\n投标保证金不得超过招标项目估算价的2%。"
        "纳入后备库的企业，营业收入一般不低于2亿元、净利润不低于3000万元。"
        "新建居住区按照每百户不低于30平方米的标准配套建设养老设施。"
        "160千瓦及以下的小微企业用电报装实现零投资。"
    )
    assert extract_targets(text, title="某市2026年工作要点") == []


def test_amount_naming_the_counted_entities_is_no_value():
    text = (
        "一、目标\n到2028年，规模以上企业达到200家，其中营业收入超50亿元企业5家、超10亿元企业15家。"
    )
    found = _values(extract_targets(text))
    assert set(found) == {(200.0, "家"), (5.0, "家"), (15.0, "家")}
    assert "10亿元企业" in found[(15.0, "家")].indicator


def test_change_against_a_base_year_measures_the_indicator_before_it():
    text = "一、目标\n到2028年，研发投入占营业收入比重提高到6.5%，比2025年提高1.8个百分点。"
    found = _values(extract_targets(text))
    assert found[(1.8, "个百分点")].indicator == found[(6.5, "%")].indicator
    assert found[(1.8, "个百分点")].year == 2028


def test_yearly_opening_governs_its_sentence_and_year_on_year_is_a_target():
    text = (
        "一、任务\n每年遴选发布创新产品推广目录，入选产品不少于50个。"
        "涉企行政检查频次同比下降20%以上，“带方案出让”项目不少于40宗。"
    )
    found = _values(extract_targets(text, title=PLAN_TITLE))
    assert found[(50.0, "个")].year is None
    assert found[(20.0, "%")].indicator == "涉企行政检查频次" and found[(20.0, "%")].year == 2028
    assert found[(40.0, "宗")].comparator == "不少于"


def test_environment_units_keep_and_bracketed_measure_words():
    text = (
        "一、目标\nPM2.5平均浓度控制在30微克/立方米以内，地表水国考断面水质优良比例保持100%，"
        "新开工保障性租赁住房5000套（间）。"
    )
    found = _values(extract_targets(text, title="某市2027年政府工作报告重点工作任务分工方案"))
    assert found[(30.0, "微克/立方米")].indicator == "PM2.5平均浓度"
    assert found[(100.0, "%")].indicator == "地表水国考断面水质优良比例"
    assert found[(100.0, "%")].comparator == "保持"
    assert found[(5000.0, "套")].indicator == "保障性租赁住房"


def test_bullets_yearly_enumerations_deadlines_and_rates():
    text = (
        "一、目标\n——到2027年，民营经济增加值占地区生产总值比重达到57%左右，民营企业贷款余额达到4.5万亿元。\n"
        "二、任务\n每年谋划储备亿元以上项目150个以上、储备项目总投资不低于800亿元。"
        "项目须于2028年6月底前完成竣工验收，项目工程质量合格率达到100%。"
        "建后管护经费每亩每年不低于20元，检查原则上每年不超过2次。收购粮食14亿斤。\n"
    )
    found = _values(extract_targets(text, title=PLAN_TITLE))
    assert found[(57.0, "%")].year == 2027 and found[(4.5, "万亿元")].year == 2027
    assert found[(150.0, "个")].year is None and found[(800.0, "亿元")].year is None
    assert found[(100.0, "%")].year == 2028  # the plan's year, not the deadline's
    assert (20.0, "元") not in found and (2.0, "次") not in found
    assert found[(14.0, "亿斤")].indicator == "收购粮食"


def _clauses(text):
    from zcx_desktop.core.ingest.structure import parse_clauses

    return parse_clauses(text)[0]


def test_a_review_heading_that_also_sets_the_goals_is_read_by_its_years():
    text = (
        "一、发展基础和主要目标\n"
        "2026年，全县研发经费投入达到46.8亿元。\n"
        "2027年全县科技创新工作的主要目标是：研发经费投入突破52亿元，高新技术企业净增60家。\n"
        "二、工作回顾\n高新技术企业达到412家。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title="某县2027年科技创新工作要点"))
    assert (46.8, "亿元") not in found and (412.0, "家") not in found
    assert found[(52.0, "亿元")].year == 2027 and (60.0, "家") in found


def test_a_rule_voids_its_own_clause_and_the_goal_less_ones_beside_it():
    text = (
        "一、任务\n（一）联合体。组建创新联合体，成员单位原则上不少于5家，全年新组建创新联合体5个。\n"
        "（二）基金。年内新设子基金4支，撬动社会资本达到30亿元，母基金出资比例原则上不超过25%。\n"
        "（三）条件。申报企业营业收入原则上不低于500万元，研发费用占营业收入比重不低于5%。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title="某区2027年工作要点"))
    assert set(found) == {(5.0, "个"), (4.0, "支"), (30.0, "亿元")}


def test_a_single_year_plan_keeps_its_year_after_a_look_ahead_sentence():
    text = (
        "二、主要目标\n2027年，全县农业综合生产能力稳步提升。力争到2030年，基本建成农业强县，"
        "农村居民人均可支配收入突破3.3万元。\n"
        "——粮食播种面积稳定在52万亩以上；新增龙头企业6家、总数达到58家。\n"
        "（一）到2030年远景目标\n农村卫生厕所普及率达到98%。\n"
    )
    targets = extract_targets(text, _clauses(text), title="某县2027年推进乡村全面振兴实施方案")
    found = _values(targets)
    assert found[(3.3, "万元")].year == 2030
    assert found[(52.0, "万亩")].year == 2027 and found[(6.0, "家")].year == 2027
    assert found[(58.0, "家")].indicator == "龙头企业总数"
    assert found[(98.0, "%")].year == 2030  # a horizon in a heading still governs


def test_growth_after_an_amount_and_time_limits_in_months():
    text = (
        "一、保障\n（一）投入。2027年财政科技支出不低于4.2亿元、增长8%以上，其中科技专项资金3.6亿元。"
        "行政裁决案件平均办案周期压缩至3个月以内，公示期为3个月。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title="某区2027年工作要点"))
    assert found[(8.0, "%")].indicator == "财政科技支出"
    assert found[(3.0, "个月")].comparator == "压缩至"
    assert len([t for t in extract_targets(text, _clauses(text)) if t.unit == "个月"]) == 1


def test_compute_bandwidth_age_and_grade_units_and_class_names():
    text = (
        "一、目标\n（一）到2030年，算力总规模达到35EFLOPS，互联网出口带宽达到120Tbps，"
        "人均预期寿命达到81岁，院前急救平均反应时间缩短至12分钟以内，"
        "电子病历系统应用水平平均级别达到5级，生猪出栏42万头左右。"
        "打造3个500亿级产业集群，建设15分钟健身圈，引进35岁以下青年人才500名。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title=PLAN_TITLE))
    for value, unit in [
        (35.0, "EFLOPS"),
        (120.0, "Tbps"),
        (81.0, "岁"),
        (12.0, "分钟"),
        (5.0, "级"),
        (42.0, "万头"),
    ]:
        assert found[(value, unit)].year == 2030
    assert (
        (500.0, "亿级") not in found and (15.0, "分钟") not in found and (35.0, "岁") not in found
    )


def test_percentage_ranges_and_dated_baselines():
    text = (
        "一、目标\n（一）到2030年，数字经济规模年均增长8%—10%，"
        "网络零售额由2025年的8600亿元提高到1.2万亿元以上，跨境电商进出口额年均增长15%以上。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title=PLAN_TITLE))
    assert (10.0, "%") not in found and (8600.0, "亿元") not in found
    assert found[(1.2, "万亿元")].indicator == "网络零售额"
    assert found[(15.0, "%")].indicator == "跨境电商进出口额"


def test_places_listed_before_fenbie_give_the_values_their_scopes_in_order():
    text = (
        "一、目标\n（一）到2030年，苍州市、滨江市智能算力规模分别达到12EFLOPS、6EFLOPS。"
        "白沙镇、青石镇两个产粮大镇粮食播种面积分别不低于11.2万亩和9.6万亩。"
        "高新技术企业、科技型中小企业分别达到300家和900家。\n"
    )
    targets = extract_targets(text, _clauses(text), title=PLAN_TITLE)
    found = {(t.indicator, t.value, t.scope) for t in targets}
    assert found == {
        ("智能算力规模", 12.0, "苍州市"),
        ("智能算力规模", 6.0, "滨江市"),
        ("粮食播种面积", 11.2, "白沙镇"),
        ("粮食播种面积", 9.6, "青石镇"),
        ("高新技术企业", 300.0, ""),
        ("科技型中小企业", 900.0, ""),
    }


def test_year_by_year_items_and_years_listed_before_fenbie():
    text = (
        "三、目标\n（二）分年度目标。\n"
        "1.2026年——夯基蓄势年。规上工业总产值达到1270亿元，新增规上工业企业40家。\n"
        "2.2027年，规上工业总产值达到1430亿元。\n"
        "3.技术合同成交额2026年、2027年、2028年分别达到25亿元、30亿元和36亿元。\n"
    )
    targets = extract_targets(text, _clauses(text), title=PLAN_TITLE)
    assert {(t.value, t.year) for t in targets} == {
        (1270.0, 2026),
        (40.0, 2026),
        (1430.0, 2027),
        (25.0, 2026),
        (30.0, 2027),
        (36.0, 2028),
    }
    assert {t.indicator for t in targets if t.unit == "亿元" and t.value < 100} == {"技术合同成交额"}


def test_subsidised_training_and_aid_budgets_are_targets_but_grants_are_not():
    text = (
        "一、任务\n（一）就业。开展补贴性职业技能培训5万人次，新增入网仪器设备1500台（套）。"
        "2027年市级就业补助资金安排不少于1.8亿元。对新认定的企业给予补助50万元。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title="某市2027年就业工作要点"))
    assert set(found) == {(5.0, "万人次"), (1500.0, "台（套）"), (1.8, "亿元")}


def test_cost_shares_and_permitted_ceilings_are_no_targets():
    text = (
        "第十一条 学费由用人单位和市级财政各承担50%。\n"
        "第十二条 科研项目间接费用比例可提高至不超过直接费用的30%。每年承担国家重大科技项目20项。\n"
    )
    found = _values(extract_targets(text, _clauses(text), title="某市人才政策若干措施"))
    assert set(found) == {(20.0, "项")}


def test_a_government_work_report_takes_its_year_from_the_delivery_line():
    text = (
        "政府工作报告\n——2027年1月14日在某县第十八届人民代表大会第二次会议上\n"
        "一、2026年工作回顾\n地区生产总值增长6.1%。\n二、2027年工作安排\n"
        "今年全县经济社会发展的主要预期目标是：地区生产总值增长6.5%左右；固定资产投资增长7%以上。"
        "到2030年，地区生产总值突破500亿元。\n"
    )
    assert issue_year(text) == 2027
    found = _values(extract_targets(text, _clauses(text), title="政府工作报告"))
    assert found[(6.5, "%")].year == 2027 and found[(7.0, "%")].year == 2027
    assert found[(500.0, "亿元")].year == 2030 and (6.1, "%") not in found


def test_period_range_gives_its_end_year_and_a_lone_place_reuses_the_indicator():
    text = (
        "某省新型储能实施方案\n一、目标\n（一）主要目标。到2028年，产业营业收入突破2000亿元，"
        "2026—2028年年均增长20%以上；培育龙头企业5家。分地区看，甲州市、乙阳市装机规模分别达到"
        "200万千瓦、150万千瓦以上，丙山市力争达到100万千瓦，储能电池产能达到300吉瓦时。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year, t.scope) for t in extract_targets(text)}
    assert {
        ("产业营业收入", 20.0, "%", 2028, ""),
        ("龙头企业", 5.0, "家", 2028, ""),
        ("装机规模", 100.0, "万千瓦", 2028, "丙山市"),
        ("储能电池产能", 300.0, "吉瓦时", 2028, ""),
    } <= found


def test_a_baseline_now_is_no_past_figure():
    text = "一、目标\n（一）优化服务。到2027年项目平均并网时间由目前的120天压缩至60天以内，由目前90天缩短至30天。\n"
    found = {(t.indicator, t.value, t.unit, t.year) for t in extract_targets(text)}
    assert ("项目平均并网时间", 60.0, "天", 2027) in found
    assert not any(value in (120.0, 90.0) for _i, value, _u, _y in found)


def test_caps_of_support_are_no_targets_and_routes_and_orders_count():
    text = (
        "某市低空经济实施意见\n一、任务\n（一）建设起降场。到2028年建成起降场120个。对新建起降场，"
        "分别按照建设投资的30%、20%给予一次性补助，最高分别不超过300万元、100万元。"
        "省级财政对单个项目最高支持1000万元。\n"
        "（二）发展物流。到2028年，年配送量突破100万单。2027年，打造低空旅游精品线路10条。\n"
    )
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    found = {(t.indicator, t.value, t.unit, t.year) for t in targets}
    assert found == {
        ("起降场", 120.0, "个", 2028),
        ("年配送量", 100.0, "万单", 2028),
        ("低空旅游精品线路", 10.0, "条", 2027),
    }


def test_a_paper_without_years_in_its_title_reads_years_from_its_issue():
    text = (
        "禾科发〔2026〕17号\n关于加快科技成果转化的若干措施\n"
        "“十四五”期间，全省技术合同成交额由2020年的512亿元增长到2025年的1683亿元，年均增长26.9%；"
        "高校转化科技成果4260项；建成省级技术转移示范机构126家。\n"
        "一、目标\n到2028年，技术合同成交额达到2600亿元，研发投入强度年均提高0.2个百分点。"
        "从转化净收入中提取不低于80%的比例用于奖励。\n"
        "附件\n序号\t指标名称\t单位\t2026年\t2028年\n1\t省级中试基地\t家\t30\t80\n"
    )
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    assert {(t.indicator, t.value, t.unit, t.year) for t in targets} == {
        ("技术合同成交额", 2600.0, "亿元", 2028),
        ("研发投入强度", 0.2, "个百分点", 2028),
        ("省级中试基地", 30.0, "家", 2026),
        ("省级中试基地", 80.0, "家", 2028),
    }


def test_a_bare_verb_takes_its_object_and_a_park_alone_takes_the_indicator():
    text = (
        "某市数字经济三年行动计划（2026—2028年）\n一、任务\n"
        "（一）感知体系。部署物联网感知终端，到2028年累计部署50万个。\n"
        "（二）人才公寓。多渠道筹集人才公寓，到2028年累计筹集不少于2万套，其中2026年筹集5000套。\n"
        "（三）拿地即开工。全年实现“拿地即开工”项目不少于12个，其中甲丰经济开发区不少于8个。\n"
    )
    parsed = ingest_text(text)
    targets = extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)
    found = {(t.indicator, t.value, t.unit, t.year, t.scope) for t in targets}
    assert {
        ("物联网感知终端", 50.0, "万个", 2028, ""),
        ("人才公寓", 2.0, "万套", 2028, ""),
        ("人才公寓", 5000.0, "套", 2026, ""),
        ("“拿地即开工”项目", 8.0, "个", 2028, "甲丰经济开发区"),
    } <= found
