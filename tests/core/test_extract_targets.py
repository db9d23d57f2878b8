"""Target extraction: multi-target sentences, comparators, years, scope, dictionary."""

from __future__ import annotations

from zcx_desktop.core.extract import IndicatorDictionary, extract_targets
from zcx_desktop.core.ingest import ingest_text

GOALS = (
    "一、建设目标\n"
    "到2020年，建成国家创新型城市，人均地区生产总值达到18.5万元，科技进步贡献率达到65%，"
    "全社会研发投入占地区生产总值比重达到2.95%，高层次人才超过13万人，高新技术企业超过2100家，"
    "行政认定驰名商标90 件，技术市场合同交易额达100亿元，国家级创新平台力争达10个，"
    "5个特色产业集群力争位居国内前列。"
)


def _document_targets(text):
    """Targets of a whole document (title, clauses) as the library reads it."""
    parsed = ingest_text(text)
    return extract_targets(parsed.text, parsed.clauses, title=parsed.meta.title)


def _by_value(targets):
    return {(t.value, t.unit): t for t in targets}


def test_one_sentence_lists_every_target_with_shared_year():
    targets = extract_targets(GOALS)
    found = _by_value(targets)
    assert len(targets) == 8
    assert found[(18.5, "万元")].canonical == "人均地区生产总值"
    assert found[(13.0, "万人")].comparator == "超过"
    assert found[(10.0, "个")].comparator == "力争达"
    assert found[(90.0, "件")].indicator == "行政认定驰名商标"
    assert found[(100.0, "亿元")].canonical == "技术合同成交额"
    assert all(t.year == 2020 and t.period == "到2020年" for t in targets)
    assert (5.0, "个") not in found  # a count of clusters that should rank high, not a target


def test_rd_intensity_synonyms_unify_and_patent_indicators_stay_apart():
    dictionary = IndicatorDictionary.load()
    rd = {
        dictionary.canonical(name, "%")
        for name in (
            "全社会研发投入占地区生产总值比重",
            "全社会研究与开发(R&D)投入占地区生产总值(GDP)比重",
            "全社会研究与试验发展经费支出占地区生产总值比重",
            "全社会研发投入占地区生产总值的比重",
        )
    }
    assert len(rd) == 1 and None not in rd
    assert dictionary.canonical("万人发明专利拥有量", "件") == dictionary.canonical(
        "每万人发明专利拥有量", "件"
    )
    assert dictionary.canonical("每万人口拥有高价值发明专利数", "件") != dictionary.canonical(
        "万人发明专利拥有量", "件"
    )
    assert dictionary.canonical("规模以上高新技术企业研发机构建有率", "%") != "高新技术企业数"


def test_park_scope_from_paragraph_and_region_default():
    text = (
        "二、园区\n（一）强化核心载体\n"
        "无锡高新区加快建设核心载体。到2020年，全社会研发投入占地区生产总值的比重达到3.9%，高新技术企业超过700家。\n"
        "到2020年，力争建设10家省级以上创新型科技园区。"
    )
    targets = extract_targets(text, region="无锡市")
    assert [t.scope for t in targets] == ["无锡高新区", "无锡高新区", "无锡市"]


def test_respectively_baseline_growth_and_points():
    text = (
        "一、目标\n到2025年，科技型中小企业、专精特新企业分别达到5000家、200家。"
        "企业研发机构建有率从45%提高到60%。技术合同成交额年均增长15%以上，"
        "高新技术产业产值占规模以上工业产值比重提高2个百分点。"
    )
    found = _by_value(extract_targets(text))
    assert found[(200.0, "家")].indicator == "专精特新企业"
    assert (45.0, "%") not in found
    assert found[(60.0, "%")].comparator == "提高到"
    assert found[(15.0, "%")].kind == "growth" and found[(15.0, "%")].qualifier == "以上"
    assert found[(2.0, "个百分点")].kind == "change"


def test_periods_and_document_year():
    text = (
        "一、任务\n每年新增高新技术企业300家以上。“十四五”期间，累计引进高层次人才2万名。"
        "2017年，全市高新技术企业1650家。有效期内高新技术企业达1800家。"
    )
    targets = extract_targets(text, title="2018年某市科技工作要点")
    found = _by_value(targets)
    assert found[(300.0, "家")].year is None and found[(300.0, "家")].period == "每年"
    assert found[(300.0, "家")].kind == "increment"
    assert found[(2.0, "万名")].period == "“十四五”期间"
    assert (1650.0, "家") not in found  # last year's statistic
    assert found[(1800.0, "家")].year == 2018


def test_document_numbers_and_titles_are_not_targets():
    text = "根据《某某办法（2018—2020年）》（苏发〔2015〕5号）和省科技创新40条，新增不少于2000名高层次人才。"
    targets = extract_targets(text)
    assert [(t.value, t.unit, t.indicator) for t in targets] == [(2000.0, "名", "高层次人才")]


def test_user_dictionary_overrides_shipped(tmp_path):
    (tmp_path / "indicators.json").write_text(
        '{"indicators": [{"canonical": "研发强度", "patterns": ["研发投入.*比重"]}]}',
        encoding="utf-8",
    )
    dictionary = IndicatorDictionary.load(tmp_path)
    targets = extract_targets(
        "到2020年，全社会研发投入占地区生产总值比重达到3%。", dictionary=dictionary
    )
    assert targets[0].canonical == "研发强度"


def test_canonical_indicator_keeps_to_its_kind_of_unit():
    targets = extract_targets("到2027年，专精特新企业营业收入突破500亿元，专精特新企业数达到60家。")
    canonical = {(t.value, t.unit): t.canonical for t in targets}
    assert canonical == {(500.0, "亿元"): None, (60.0, "家"): "专精特新企业数"}


def test_places_listed_before_one_indicator_share_its_value():
    text = (
        "到2030年，茗川县、瑶原县空气质量优良天数比率均达到92%以上，"
        "其中濯阳区、泓安区建成区道路机械化清扫率达到95%，"
        "全市战略性新兴产业增加值占地区生产总值比重达到22%（2025年为16.8%），"
        "新增生活垃圾焚烧处理能力1500吨/日。"
    )
    found = {(t.indicator, t.value, t.unit, t.scope) for t in extract_targets(text)}
    assert found == {
        ("空气质量优良天数比率", 92.0, "%", "茗川县"),
        ("空气质量优良天数比率", 92.0, "%", "瑶原县"),
        ("建成区道路机械化清扫率", 95.0, "%", "濯阳区"),
        ("建成区道路机械化清扫率", 95.0, "%", "泓安区"),
        ("战略性新兴产业增加值占地区生产总值比重", 22.0, "%", ""),
        ("生活垃圾焚烧处理能力", 1500.0, "吨/日", ""),
    }


def test_livelihood_items_each_place_served_groups_and_second_measures():
    text = (
        "附件：2027年县十件民生实事项目目标任务\n"
        "新建“家门口”就业服务站15个，其中柳塘镇、芹口镇各3个；"
        "为65周岁及以上老年人免费开展健康体检4.2万人次；改造城镇老旧小区18个、1460户，"
        "有条件的加装电梯10部；全年完成食品安全监督抽检2200批次，更新智慧黑板200块，"
        "农家书屋更新图书1.5万册。"
    )
    found = {(t.indicator, t.value, t.unit, t.scope) for t in extract_targets(text)}
    assert found == {
        ("“家门口”就业服务站", 15.0, "个", ""),
        ("“家门口”就业服务站", 3.0, "个", "柳塘镇"),
        ("“家门口”就业服务站", 3.0, "个", "芹口镇"),
        ("65周岁及以上老年人免费健康体检", 4.2, "万人次", ""),
        ("改造城镇老旧小区", 18.0, "个", ""),
        ("改造城镇老旧小区", 1460.0, "户", ""),
        ("有条件的加装电梯", 10.0, "部", ""),
        ("食品安全监督抽检", 2200.0, "批次", ""),
        ("更新智慧黑板", 200.0, "块", ""),
        ("农家书屋更新图书", 1.5, "万册", ""),
    }


def test_subdistrict_items_communities_places_and_a_later_plain_year():
    text = (
        "广福街道2027年工作要点\n三、民生\n"
        "3．推进改造。2026年完成老旧小区改造7个的基础上，2027年完成老旧小区改造6个，"
        "其中和园社区3个；加装电梯25部，其中福康社区8部。\n"
        "4．建设公园。新民社区、兴业社区各建成口袋公园1处。网格总数由148个调整为156个。\n"
        "5．开展整治。全年整治背街小巷12条，规范设置非机动车停放点30处。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year, t.scope) for t in _document_targets(text)}
    assert found == {
        ("老旧小区改造", 6.0, "个", 2027, ""),
        ("老旧小区改造", 3.0, "个", 2027, "和园社区"),
        ("加装电梯", 25.0, "部", 2027, ""),
        ("加装电梯", 8.0, "部", 2027, "福康社区"),
        ("口袋公园", 1.0, "处", 2027, "新民社区"),
        ("口袋公园", 1.0, "处", 2027, "兴业社区"),
        ("网格总数", 156.0, "个", 2027, ""),
        ("整治背街小巷", 12.0, "条", 2027, ""),
        ("规范设置非机动车停放点", 30.0, "处", 2027, ""),
    }


def test_a_milestone_inside_a_paragraph_does_not_govern_the_bullets_after_it():
    text = (
        "甲省“十五五”数字经济发展规划\n二、发展目标\n"
        "到2030年，数字经济规模突破2.8万亿元。其中，到2028年，数字经济规模力争达到2.3万亿元。\n"
        "——数字产业化能级跃升。电子信息制造业营业收入突破9000亿元。\n"
        "——基础设施领先。全省5G基站总数达到15万个；到2032年，达到19万个。\n"
        "——治理提升。实名注册用户达到6000万，孕产妇死亡率和婴儿死亡率分别控制在8/10万和3‰以下，"
        "新引进高层次人才5000名（省委人才办牵头）。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year) for t in _document_targets(text)}
    assert found == {
        ("数字经济规模", 2.8, "万亿元", 2030),
        ("数字经济规模", 2.3, "万亿元", 2028),
        ("电子信息制造业营业收入", 9000.0, "亿元", 2030),
        ("5G基站总数", 15.0, "万个", 2030),
        ("5G基站总数", 19.0, "万个", 2032),
        ("实名注册用户", 6000.0, "万", 2030),
        ("孕产妇死亡率", 8.0, "/10万", 2030),
        ("婴儿死亡率", 3.0, "‰", 2030),
        ("高层次人才", 5000.0, "名", 2030),
    }


def test_service_promises_count_and_procedure_limits_do_not():
    promises = extract_targets("到2027年，不动产抵押登记1小时内办结，复杂诉求15个工作日内办结。")
    assert {(t.indicator, t.value, t.unit) for t in promises} == {
        ("不动产抵押登记", 1.0, "小时"),
        ("复杂诉求", 15.0, "个工作日"),
    }
    assert extract_targets("第十条 受理机关应当在5个工作日内答复。") == []


def test_this_year_in_measures_with_no_year_in_the_title_is_the_issue_year():
    text = (
        "甲市人民政府办公室文件\n甲政办发〔2026〕47号\n甲市稳外贸稳外资若干措施\n"
        "第一条　明确工作目标。到2028年，全市外贸进出口总额突破800亿元。\n"
        "第二条　壮大外贸主体。目前全市有进出口实绩的企业986家，到2027年达到1200家。\n"
        "第三条　加大信保支持。扩大覆盖面，全年短期险承保规模达到18亿美元，"
        "小微企业信保覆盖率达到85%。\n"
        "第四条　降低物流成本。全年开行国际货运班列120列，列入目录的企业给予补贴。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year) for t in _document_targets(text)}
    assert found == {
        ("外贸进出口总额", 800.0, "亿元", 2028),
        ("有进出口实绩的企业", 1200.0, "家", 2027),
        ("短期险承保规模", 18.0, "亿美元", 2026),
        ("小微企业信保覆盖率", 85.0, "%", 2026),
        ("开行国际货运班列", 120.0, "列", 2026),
    }


def test_reduction_targets_named_before_respectively_and_counts_of_incidents():
    text = (
        "甲市2027年安全生产工作要点\n一、主要目标\n"
        "生产安全事故起数和死亡人数实现“双下降”，分别较2026年下降8%和6%以上；"
        "较大生产安全事故起数控制在二起以内。\n"
        "二、重点任务\n全年关闭退出不具备安全生产条件的非煤矿山五座，其中甲山县三座、乙水县两座。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.scope) for t in _document_targets(text)}
    assert found == {
        ("生产安全事故起数", 8.0, "%", ""),
        ("死亡人数", 6.0, "%", ""),
        ("较大生产安全事故起数", 2.0, "起", ""),
        ("关闭退出不具备安全生产条件的非煤矿山", 5.0, "座", ""),
        ("关闭退出不具备安全生产条件的非煤矿山", 3.0, "座", "甲山县"),
        ("关闭退出不具备安全生产条件的非煤矿山", 2.0, "座", "乙水县"),
    }


def test_a_year_between_indicator_and_comparator_is_that_items_year():
    text = (
        "甲市养老服务体系建设三年行动方案（2026—2028年）\n一、目标\n"
        "养老机构护理型床位占比2026年达到60%，2027年达到65%，2028年达到70%以上；"
        "旅游总收入达到950亿元，2026—2028年年均增长12%左右。\n"
    )
    found = {(t.indicator, t.value, t.year) for t in _document_targets(text)}
    assert found == {
        ("养老机构护理型床位占比", 60.0, 2026),
        ("养老机构护理型床位占比", 65.0, 2027),
        ("养老机构护理型床位占比", 70.0, 2028),
        ("旅游总收入", 950.0, 2028),
        ("旅游总收入", 12.0, 2028),
    }


def test_a_year_range_written_with_zhi_gives_its_end_year():
    (target,) = extract_targets("2026年至2028年，举办海外英才对接活动30场以上。")
    assert (target.value, target.unit, target.year) == (30.0, "场", 2028)


def test_places_listed_after_a_colon_and_places_sharing_a_count_after_qizhong():
    text = (
        "甲县2027年乡村振兴工作要点\n一、粮食\n"
        "粮食播种面积任务分解到乡镇：甲山镇8.6万亩、乙水镇10.2万亩。"
        "创建市级和美乡村示范村15个，其中甲山镇、乙水镇各3个，丙河镇4个。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.scope) for t in _document_targets(text)}
    assert found == {
        ("粮食播种面积", 8.6, "万亩", "甲山镇"),
        ("粮食播种面积", 10.2, "万亩", "乙水镇"),
        ("市级和美乡村示范村", 15.0, "个", ""),
        ("市级和美乡村示范村", 3.0, "个", "甲山镇"),
        ("市级和美乡村示范村", 3.0, "个", "乙水镇"),
        ("市级和美乡村示范村", 4.0, "个", "丙河镇"),
    }


def test_a_report_delivered_in_december_plans_for_the_next_year():
    text = (
        "甲县第十八届人民代表大会第七次会议文件（一）\n政 府 工 作 报 告\n"
        "——2026年12月28日在甲县第十八届人民代表大会第七次会议上\n各位代表：\n"
        "一、2026年工作回顾\n全年新增规上工业企业21家。\n"
        "二、2027年工作安排\n主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%以上。\n"
    )
    found = {(t.indicator, t.value, t.year) for t in _document_targets(text)}
    assert found == {("地区生产总值", 6.0, 2027), ("一般公共预算收入", 5.0, 2027)}


def test_a_span_of_years_before_a_total_or_an_average_names_no_indicator():
    """两年年均增长 / 三年累计 measure the indicator just named; 片 counts sports grounds."""
    text = (
        "甲区促消费行动方案（2026—2028年）\n一、目标\n"
        "到2027年，社会消费品零售总额突破325亿元，两年年均增长6.5%左右。\n"
        "每年认定新优质学校不少于10所，三年累计不少于30所。\n"
        "到2027年，新建社区多功能运动场10片。\n"
    )
    found = {(t.indicator, t.value, t.unit) for t in _document_targets(text)}
    assert found == {
        ("社会消费品零售总额", 325.0, "亿元"),
        ("社会消费品零售总额", 6.5, "%"),
        ("新优质学校", 10.0, "所"),
        ("新优质学校", 30.0, "所"),
        ("社区多功能运动场", 10.0, "片"),
    }


def test_a_sentence_opening_with_qizhong_keeps_the_year_of_the_sentence_before():
    text = (
        "甲市稳就业实施方案（2026—2028年）\n一、目标\n"
        "（三）主要目标。2026年，全市城镇新增就业5.2万人以上。"
        "其中，乙山区、丙水县城镇新增就业分别达到1.35万人、1.2万人。\n"
        "开展职业技能培训8万人次以上，其中乙山区、丙水县分别不少于2.2万人次、1.8万人次。\n"
    )
    found = {(t.indicator, t.value, t.year, t.scope) for t in _document_targets(text)}
    assert found == {
        ("城镇新增就业", 5.2, 2026, ""),
        ("城镇新增就业", 1.35, 2026, "乙山区"),
        ("城镇新增就业", 1.2, 2026, "丙水县"),
        ("职业技能培训", 8.0, 2028, ""),
        ("职业技能培训", 2.2, 2028, "乙山区"),
        ("职业技能培训", 1.8, 2028, "丙水县"),
    }


def test_names_sharing_a_comparison_a_measure_word_or_a_coefficient():
    """较2025年分别下降 lists the names before it; 化肥、农药使用量 share 使用量; a coefficient
    takes a bare number; 万元地区 is no place; 指导各区县 is the city's own count."""
    text = (
        "甲市水利局2027年工作要点\n一、目标\n"
        "万元地区生产总值用水量、万元工业增加值用水量较2025年分别下降6.5%和7%；"
        "农田灌溉水有效利用系数达到0.603。\n"
        "化肥、农药使用量分别下降3%和5%。\n"
        "建成市级幸福河湖6条，指导各区县建成县级幸福河湖不少于18条。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.scope) for t in _document_targets(text)}
    assert found == {
        ("万元地区生产总值用水量", 6.5, "%", ""),
        ("万元工业增加值用水量", 7.0, "%", ""),
        ("农田灌溉水有效利用系数", 0.603, "", ""),
        ("化肥使用量", 3.0, "%", ""),
        ("农药使用量", 5.0, "%", ""),
        ("市级幸福河湖", 6.0, "条", ""),
        ("县级幸福河湖", 18.0, "条", ""),
    }


def test_a_bare_verb_in_a_task_row_is_the_task():
    text = (
        "甲市水利局2027年工作要点\n附件\n"
        "序号\t重点任务\t目标要求\t牵头处室\t完成时限\n"
        "3\t病险水库除险加固\t开工8座，汛前完成主体工程5座以上\t建设处\t2027年5月底\n"
    )
    found = {(t.indicator, t.value) for t in _document_targets(text)}
    assert found == {("病险水库除险加固", 8.0), ("汛前完成主体工程", 5.0)}


def test_tiao_counts_rivers_streets_and_lines_but_not_policies():
    text = (
        "甲市2027年工作要点\n一、任务\n"
        "年内建成市级幸福河湖六条、县级幸福河湖十八条。创建食品安全示范街区10条。"
        "全年监测各类广告12万条次以上。认真落实稳经济20条。\n"
    )
    found = {(t.indicator, t.value, t.unit) for t in _document_targets(text)}
    assert found == {
        ("市级幸福河湖", 6.0, "条"),
        ("县级幸福河湖", 18.0, "条"),
        ("食品安全示范街区", 10.0, "条"),
        ("监测各类广告", 12.0, "万条次"),
    }


def test_chinese_numerals_before_a_measure_in_ten_thousands():
    text = (
        "甲市2027年节能降碳工作方案\n一、任务\n"
        "全年新增建筑光伏装机八万千瓦。完成既有建筑节能改造五十万平方米。"
        "培育营业收入超百亿元企业5家。\n"
    )
    found = {(t.indicator, t.value, t.unit) for t in _document_targets(text)}
    assert found == {
        ("建筑光伏装机", 8.0, "万千瓦"),
        ("既有建筑节能改造", 50.0, "万平方米"),
        ("营业收入超百亿元企业", 5.0, "家"),
    }


def test_one_place_after_qizhong_takes_its_part_of_the_total_just_named():
    text = (
        "甲高新区若干措施\n第十九条　到2027年，园区新增数字经济产业载体面积50万平方米，"
        "其中智造港片区新增20万平方米。三年盘活低效工业用地3000亩，其中乙山区盘活800亩。\n"
    )
    found = {(t.indicator, t.value, t.scope) for t in _document_targets(text)}
    assert found == {
        ("园区新增数字经济产业载体面积", 50.0, ""),
        ("园区新增数字经济产业载体面积", 20.0, "智造港片区"),
        ("三年盘活低效工业用地", 3000.0, ""),
        ("三年盘活低效工业用地", 800.0, "乙山区"),
    }


def test_grant_thresholds_payment_shares_and_norms_are_no_targets_and_an_inner_meinian_governs():
    text = (
        "甲高新区若干措施\n"
        "第四条　对新引进的企业，按其实缴注册资本的2%给予落户奖励，分三年按40%、30%、30%的比例兑现。\n"
        "第五条　对新引进的平台型企业，年度平台交易额首次超过10亿元、50亿元的，分别给予50万元、150万元奖励。\n"
        "第六条　每个口袋公园面积原则上不小于400平方米。\n"
        "第七条　管委会每年发布应用场景清单，开放应用场景不少于30个。\n"
    )
    found = {(t.indicator, t.value, t.year) for t in _document_targets(text)}
    assert found == {("开放应用场景", 30.0, None)}


def test_a_vision_year_a_base_year_paragraph_person_years_and_postdocs():
    text = (
        "某省“十五五”科技创新发展规划\n"
        "一、总体要求\n规划期为2026—2030年，展望到2035年。\n"
        "（一）促进成果转化\n"
        "2025年全省技术合同成交额为1150亿元。在此基础上，技术合同成交额年均增长12%左右，"
        "到2030年力争突破2000亿元。\n"
        "（二）集聚人才\n"
        "培育人才团队100个，每年新引进博士及博士后2000人以上，研发人员全时当量达到22万人年。\n"
    )
    found = {(t.indicator, t.value, t.unit, t.year) for t in _document_targets(text)}
    assert found == {
        ("技术合同成交额", 12.0, "%", 2030),
        ("技术合同成交额", 2000.0, "亿元", 2030),
        ("人才团队", 100.0, "个", 2030),
        ("博士及博士后", 2000.0, "人", None),
        ("研发人员全时当量", 22.0, "万人年", 2030),
    }


def test_years_before_a_name_with_fenbie_serve_the_whole_sentence_and_each_year_its_count():
    text = (
        "某市乡村振兴实施方案（2026—2028年）\n一、目标\n"
        "2026年、2027年全市粮食播种面积分别不低于386.5万亩、388万亩，粮食总产量分别达到153万吨、154万吨。\n"
        "2026年创建和美乡村示范村40个，2027年创建45个。\n"
        "全面消除年经营性收入5万元以下的薄弱村，无人机配送覆盖80%以上的乡镇。\n"
        "二、步骤\n（一）全面启动阶段（2026年）。完成新建和改造提升高标准农田9万亩。\n"
    )
    targets = _document_targets(text)
    found = {(t.indicator, t.value, t.year) for t in targets}
    assert {
        ("粮食播种面积", 386.5, 2026),
        ("粮食播种面积", 388.0, 2027),
        ("粮食总产量", 153.0, 2026),
        ("粮食总产量", 154.0, 2027),
        ("和美乡村示范村", 40.0, 2026),
        ("和美乡村示范村", 45.0, 2027),
        ("新建和改造提升高标准农田", 9.0, 2026),
    } <= found
    assert {(t.value, t.unit) for t in targets if t.value in (5.0, 80.0)} == {(80.0, "%")}
    assert len(targets) == 8
