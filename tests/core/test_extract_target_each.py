"""One value for several names or years (均, 分别 after two horizons), and figures that only
look like targets: a condition before 的, a cap on an award, a permit's 可."""

from __future__ import annotations

from tests.core.extract_helpers import scoped_targets as _scoped

HEAD = "关于印发健康城市建设行动方案（2026—2030年）的通知\n二、重点任务\n（一）健康服务\n"


def test_fenbie_after_two_horizons_of_the_sentence_gives_each_value_its_year():
    text = HEAD + (
        "1.扩充人才队伍。到2028年，每千人口执业（助理）医师达到3.5人，到2030年达到3.8人；"
        "每千人口注册护士分别达到4.1人和4.5人；二级及以上综合性医院设立老年医学科的比例"
        "分别达到90%和95%。\n"
    )
    found = _scoped(text)
    assert {
        ("每千人口注册护士", 4.1, "人", 2028, ""),
        ("每千人口注册护士", 4.5, "人", 2030, ""),
        ("二级及以上综合性医院设立老年医学科的比例", 90.0, "%", 2028, ""),
        ("二级及以上综合性医院设立老年医学科的比例", 95.0, "%", 2030, ""),
    } <= found
    assert not any(t[0] == "二级" for t in found)


def test_fenbie_after_a_year_of_its_own_still_names_the_listed_items():
    text = HEAD + (
        "2.营养健康。到2028年，全市建成营养健康食堂120家、营养健康餐厅80家，"
        "到2030年分别达到200家、150家。\n"
    )
    assert {
        ("营养健康食堂", 200.0, "家", 2030, ""),
        ("营养健康餐厅", 150.0, "家", 2030, ""),
    } <= _scoped(text)


def test_jun_gives_the_value_to_every_listed_kind_and_is_no_annual_average_after_a_year():
    text = HEAD + (
        "3.慢病管理。高血压、糖尿病患者基层规范管理服务率到2028年均达到65%，"
        "到2030年均达到70%。\n"
    )
    assert _scoped(text) == {
        ("高血压患者基层规范管理服务率", 65.0, "%", 2028, ""),
        ("糖尿病患者基层规范管理服务率", 65.0, "%", 2028, ""),
        ("高血压患者基层规范管理服务率", 70.0, "%", 2030, ""),
        ("糖尿病患者基层规范管理服务率", 70.0, "%", 2030, ""),
    }


def test_jun_after_two_years_holds_in_each_year():
    text = HEAD + (
        "4.环境质量。县级及以上城市集中式饮用水水源水质达到或优于Ⅲ类比例2028年、2030年均保持100%。\n"
        "5.免疫规划。到2028年和2030年，适龄儿童免疫规划疫苗接种率均保持在95%以上。\n"
    )
    assert _scoped(text) == {
        ("县级及以上城市集中式饮用水水源水质达到或优于Ⅲ类比例", 100.0, "%", 2028, ""),
        ("县级及以上城市集中式饮用水水源水质达到或优于Ⅲ类比例", 100.0, "%", 2030, ""),
        ("适龄儿童免疫规划疫苗接种率", 95.0, "%", 2028, ""),
        ("适龄儿童免疫规划疫苗接种率", 95.0, "%", 2030, ""),
    }


def test_pingjun_before_a_comparator_stays_in_the_name():
    text = HEAD + "6.减材料。到2027年，企业和群众办事提交材料平均减少40%。\n"
    assert _scoped(text) == {("企业和群众办事提交材料平均", 40.0, "%", 2027, "")}


def test_a_figure_before_de_and_a_rule_is_a_condition_and_an_award_cap_no_measure():
    text = HEAD + (
        "7.节水。年用水量超过计划20%的依法实行累进加价，单笔转贷金额超过5000万元的须经联席会议审定。\n"
        "8.激励。对完成情况好的县区，在资金分配中予以倾斜，最高增加2000万元。\n"
    )
    assert _scoped(text) == set()


def test_a_fund_set_up_with_an_amount_and_counts_in_chinese_numerals_of_land():
    text = HEAD + (
        "9.要素保障。区财政安排2亿元设立中小企业应急转贷资金。双井街道完成低效工业用地盘活三百亩，"
        "新增工业用地供应不少于三千亩，建设千亩示范方5个。\n"
        "10.审批提速。从取得不动产权证书到核发施工许可证不超过3个工作日。\n"
    )
    found = _scoped(text)
    assert {
        ("中小企业应急转贷资金", 2.0, "亿元", 2030, ""),
        ("低效工业用地盘活", 300.0, "亩", 2030, "双井街道"),
        ("工业用地供应", 3000.0, "亩", 2030, ""),
        ("取得不动产权证书到核发施工许可证", 3.0, "个工作日", 2030, ""),
    } <= found
    assert not any(t[1] == 1000.0 for t in found)


def test_a_measure_heading_two_sub_columns_dates_its_target_column():
    text = HEAD + (
        "各设区市指标分解见下表。\n"
        "设区市\t新增节水灌溉面积（万亩）\t农村供水工程规模化覆盖率（%）\t\t治理中小河流（公里）\n"
        "设区市\t新增节水灌溉面积（万亩）\t2026年基数\t2027年目标\t治理中小河流（公里）\n"
        "甲川市\t12\t86.5\t90\t60\n"
        "合计\t85\t84.6\t88\t420\n"
    )
    found = _scoped(text)
    assert {
        ("农村供水工程规模化覆盖率", 90.0, "%", 2027, "甲川市"),
        ("农村供水工程规模化覆盖率", 88.0, "%", 2027, ""),
    } <= found
    assert not any(t[1] in (86.5, 84.6) for t in found)


def test_a_review_opening_the_paragraph_ends_where_the_plan_goes_on():
    text = "城市更新行动实施方案（2026—2027年）\n一、总体要求\n（三）工作目标\n" + (
        "“十四五”期间，全市累计改造城镇老旧小区612个。在此基础上，到2027年底，"
        "全市完成城镇老旧小区改造320个；其中，2026年完成城镇老旧小区改造150个。\n"
    )
    assert _scoped(text) == {
        ("城镇老旧小区改造", 320.0, "个", 2027, ""),
        ("城镇老旧小区改造", 150.0, "个", 2026, ""),
    }


def test_past_figures_listed_together_and_a_year_before_the_whole_year():
    text = "应急管理局2026年工作要点\n" + (
        "2025年，全市共发生生产安全事故74起。全年组织开展各类应急演练726场次，"
        "新增应急避难场所31个。目前，我区已与11所高校、6家科研院所签订合作协议。\n"
        "一、重点工作\n（一）物资保障。市级应急物资储备品种达到60类，"
        "应急指挥平台接入视频监控点位突破2万路。\n"
        "（二）技能人才。每年新增技能人才4000人以上，其中高技能人才1500人以上。\n"
    )
    found = {(t[0], t[1], t[2], t[3]) for t in _scoped(text)}
    assert found == {
        ("市级应急物资储备品种", 60.0, "类", 2026),
        ("应急指挥平台接入视频监控点位", 2.0, "万路", 2026),
        ("技能人才", 4000.0, "人", None),
        ("高技能人才", 1500.0, "人", None),
    }


def test_a_fifteenth_five_year_outline_ends_in_2030_and_a_town_opening_a_phrase_is_its_scope():
    text = "璩安县国民经济和社会发展第十五个五年规划纲要\n" + (
        "规划期为2026—2030年，展望到2035年。\n第三章　构建现代化产业体系\n"
        "第三节　推进农业现代化\n做优特色农业。燕坝镇茶叶种植面积稳定在3万亩，县域经济总量达到500亿元。\n"
    )
    assert _scoped(text) == {
        ("茶叶种植面积", 3.0, "万亩", 2030, "燕坝镇"),
        ("县域经济总量", 500.0, "亿元", 2030, ""),
    }
