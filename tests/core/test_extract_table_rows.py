"""Task rows, box-drawn tables and spanned headings read as targets."""

from __future__ import annotations

from tests.core.extract_helpers import scoped_targets as _scoped
from zcx_desktop.core.extract import extract_targets


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


def test_year_headings_with_a_bracketed_unit_and_a_total_column_under_a_caption():
    text = "\n".join(
        [
            "甲市城市更新三年行动计划（2026—2028年）",
            "二、年度任务分解",
            "表1 甲山市城镇老旧小区改造年度任务分解表",
            "区\t2026年（个）\t2027年（个）\t2028年（个）\t三年合计（个）",
            "乙山区\t38\t41\t35\t114",
        ]
    )
    assert _scoped(text) == {
        ("城镇老旧小区改造", 38.0, "个", 2026, "乙山区"),
        ("城镇老旧小区改造", 41.0, "个", 2027, "乙山区"),
        ("城镇老旧小区改造", 35.0, "个", 2028, "乙山区"),
        ("城镇老旧小区改造", 114.0, "个", 2028, "乙山区"),
    }


def test_a_heading_over_a_span_of_years_counts_by_the_end_year():
    text = "\n".join(
        [
            "甲市乡村振兴实施方案（2026—2028年）",
            "附件2",
            "各县（区）乡村全面振兴主要目标任务分解表（到2028年）",
            "县（区）\t粮食播种面积（万亩）\t2026—2028年新建高标准农田（万亩）",
            "乙山县\t92\t6.5",
        ]
    )
    assert _scoped(text) == {
        ("粮食播种面积", 92.0, "万亩", 2028, "乙山县"),
        ("新建高标准农田", 6.5, "万亩", 2028, "乙山县"),
    }
