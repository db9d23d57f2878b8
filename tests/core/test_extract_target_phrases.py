"""Target phrases: a place acting as subject, values shared by several places or names, the year
written after the comparator, and units of computing and inspection rounds."""

from __future__ import annotations

from tests.core.extract_helpers import scoped_targets as _scoped

HEAD = "关于印发数字政府建设规划（2026—2030年）的通知\n三、重点任务\n（一）基础设施\n"


def test_a_place_opening_the_phrase_is_the_scope_with_or_without_its_own_year():
    text = HEAD + (
        "1.完善城市运行体系。河洲区到2028年建成数字孪生街区不少于5个，"
        "蒿庄县建成智慧社区20个。\n"
    )
    assert _scoped(text) == {
        ("数字孪生街区", 5.0, "个", 2028, "河洲区"),
        ("智慧社区", 20.0, "个", 2030, "蒿庄县"),
    }


def test_a_place_that_only_completes_takes_the_measure_named_before():
    text = HEAD + (
        "2.创建和美乡村。全年创建县级以上和美乡村20个。苜原乡完成创建2个、杨营镇完成创建3个。\n"
    )
    assert _scoped(text) == {
        ("县级以上和美乡村", 20.0, "个", 2030, ""),
        ("县级以上和美乡村", 2.0, "个", 2030, "苜原乡"),
        ("县级以上和美乡村", 3.0, "个", 2030, "杨营镇"),
    }


def test_each_of_the_places_named_as_subject_gets_the_value():
    text = HEAD + (
        "3.发展乡村旅游。覃源县、汶亭县重点发展草甸观光和乡村旅游，各建设乡村旅游集聚片区2个。\n"
        "4.示范应用。在河洲区、丁渚区各打造示范应用场景5个，成熟后推广。\n"
    )
    assert _scoped(text) == {
        ("乡村旅游集聚片区", 2.0, "个", 2030, "覃源县"),
        ("乡村旅游集聚片区", 2.0, "个", 2030, "汶亭县"),
        ("示范应用场景", 5.0, "个", 2030, "河洲区"),
        ("示范应用场景", 5.0, "个", 2030, "丁渚区"),
    }


def test_the_year_written_after_the_comparator_is_the_target_year():
    text = HEAD + (
        "5.优化政务云。到2028年政务云计算资源达到5万核、存储资源达到40PB，"
        "政务云资源利用率由2025年的58%提高到2030年的75%。\n"
    )
    assert _scoped(text) == {
        ("政务云计算资源", 5.0, "万核", 2028, ""),
        ("存储资源", 40.0, "PB", 2028, ""),
        ("政务云资源利用率", 75.0, "%", 2030, ""),
    }


def test_one_value_after_fenbie_holds_for_every_name_and_rounds_are_counted():
    text = "隗州市交通运输局2027年工作要点\n四、安全\n（一）压实责任。" + (
        "道路运输生产安全事故起数和死亡人数同比分别下降5%。开展质量安全专项检查不少于4轮次。"
        "城镇居民和农村居民人均可支配收入分别增长5.5%和7%。\n"
    )
    assert _scoped(text) == {
        ("道路运输生产安全事故起数", 5.0, "%", 2027, ""),
        ("死亡人数", 5.0, "%", 2027, ""),
        ("质量安全专项检查", 4.0, "轮次", 2027, ""),
        ("城镇居民人均可支配收入", 5.5, "%", 2027, ""),
        ("农村居民人均可支配收入", 7.0, "%", 2027, ""),
    }


def test_villages_are_places_in_prose_and_as_table_rows():
    text = "稞湾镇2027年乡村振兴工作实施方案\n一、任务\n" + (
        "1.发展茶园。全年新发展有机茶园800亩，其中鹤坡村500亩、何家坂村300亩；创建健康村5个。\n"
        "附件\n序号\t村名\t包村领导\t农村户厕改造（户）\t新改建通组公路（公里）\n"
        "1\t鹤坡村\t郑志航\t80\t3.2\n2\t何家坂村\t周敏\t—\t2.5\n合计\t\t\t80\t5.7\n"
    )
    found = _scoped(text)
    assert {
        ("有机茶园", 500.0, "亩", 2027, "鹤坡村"),
        ("有机茶园", 300.0, "亩", 2027, "何家坂村"),
        ("健康村", 5.0, "个", 2027, ""),
        ("农村户厕改造", 80.0, "户", 2027, "鹤坡村"),
        ("新改建通组公路", 3.2, "公里", 2027, "鹤坡村"),
        ("新改建通组公路", 2.5, "公里", 2027, "何家坂村"),
        ("农村户厕改造", 80.0, "户", 2027, ""),
        ("新改建通组公路", 5.7, "公里", 2027, ""),
    } <= found
    assert not any(t[0] in ("鹤坡村", "何家坂村") for t in found)


def test_a_horizon_listing_two_years_gives_each_value_after_fenbie_its_year():
    text = HEAD + (
        "6.建设体育设施。到2028年和2030年，全市人均体育场地面积分别达到2.9平方米和3.3平方米。\n"
        "7.发展托育。到2028年和2030年，每千人口婴幼儿托位数分别达到4.2个和4.8个，"
        "其中普惠性托位占比分别不低于60%和65%。\n"
    )
    assert _scoped(text) == {
        ("人均体育场地面积", 2.9, "平方米", 2028, ""),
        ("人均体育场地面积", 3.3, "平方米", 2030, ""),
        ("每千人口婴幼儿托位数", 4.2, "个", 2028, ""),
        ("每千人口婴幼儿托位数", 4.8, "个", 2030, ""),
        ("普惠性托位占比", 60.0, "%", 2028, ""),
        ("普惠性托位占比", 65.0, "%", 2030, ""),
    }
