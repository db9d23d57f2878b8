"""Merged table cells read on the column grid: docx gridSpan/vMerge and HTML colspan/rowspan."""

from __future__ import annotations

from pathlib import Path

import docx

from zcx_desktop.core.ingest import ingest_file


def _task_table_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("附件")
    table = document.add_table(rows=6, cols=6)
    for column, text in enumerate(["序号", "工作任务", "责任领导", "责任单位", "", "完成时限"]):
        table.cell(0, column).text = text
    table.cell(1, 3).text = "牵头单位"
    table.cell(1, 4).text = "配合单位"
    table.cell(0, 3).merge(table.cell(0, 4))
    for column in (0, 1, 2, 5):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(2, 0).merge(table.cell(2, 5)).text = "一、强化企业主体"
    for row, task in ((3, "任务甲"), (4, "任务乙"), (5, "任务丙")):
        for column, text in ((0, str(row - 2)), (1, task), (2, "王副市长"), (5, "2026年底")):
            table.cell(row, column).text = text
    table.cell(3, 3).text = "市科技局"
    table.cell(3, 3).merge(table.cell(5, 3))
    table.cell(3, 4).text = "市财政局"
    document.save(str(path))
    return path


def test_docx_spans_keep_columns_and_repeat_vertical_merges(tmp_path):
    text = ingest_file(_task_table_docx(tmp_path / "grid.docx")).text
    rows = [line.split("\t") for line in text.split("\n")]
    assert rows[1] == ["序号", "工作任务", "责任领导", "责任单位", "", "完成时限"]
    assert rows[2] == ["序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
    assert rows[3] == ["一、强化企业主体"]  # a row-wide cell is the group heading alone
    assert rows[4] == ["1", "任务甲", "王副市长", "市科技局", "市财政局", "2026年底"]
    assert rows[5] == ["2", "任务乙", "王副市长", "市科技局", "", "2026年底"]
    assert rows[6] == ["3", "任务丙", "王副市长", "市科技局", "", "2026年底"]


HTML = """<html><body><article><p>一、发展目标</p>
<table><tr><th rowspan="2">类别</th><th rowspan="2">指标名称</th><th rowspan="2">单位</th>
<th rowspan="2">2025年（基期）</th><th colspan="2">目标值</th><th rowspan="2">属性</th></tr>
<tr><th>2027年</th><th>2030年</th></tr>
<tr><td rowspan="2">创新<br>投入</td><td>研发投入强度</td><td>%</td><td>2.5</td><td>2.8</td>
<td>3.2</td><td>预期性</td></tr>
<tr><td>高新技术企业</td><td>家</td><td>120</td><td>160</td><td>220</td><td>预期性</td></tr>
<tr><td>科技人员</td><td>万人</td><td rowspan="99999">—</td></tr>
</table><p>二、重点任务</p></article></body></html>"""


def test_html_spans_keep_columns_and_repeat_row_spans(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    lines = ingest_file(path).text.split("\n")
    assert lines[0] == "一、发展目标"
    assert lines[1].split("\t") == [
        "类别",
        "指标名称",
        "单位",
        "2025年（基期）",
        "目标值",
        "",
        "属性",
    ]
    assert lines[2].split("\t") == [
        "类别",
        "指标名称",
        "单位",
        "2025年（基期）",
        "2027年",
        "2030年",
        "属性",
    ]
    assert lines[3].split("\t")[:3] == ["创新 投入", "研发投入强度", "%"]
    assert lines[4].split("\t") == [
        "创新 投入",
        "高新技术企业",
        "家",
        "120",
        "160",
        "220",
        "预期性",
    ]
    assert lines[5].split("\t") == [
        "科技人员",
        "万人",
        "—",
    ]  # a huge rowspan is capped, not expanded
    assert lines[6] == "二、重点任务"


def test_portal_chrome_found_by_class_is_left_out(tmp_path):
    page = (
        "<html><body><div class='top-bar'>欢迎访问东岭县人民政府门户网站</div>"
        "<div class='position'>当前位置：首页 &gt; 政策文件</div>"
        "<div class='article-content'><p>一、总体要求</p><p>（一）到2030年，新增高新技术企业50家。"
        "（责任单位：县科技局）</p><p>二、保障措施</p><p>加强组织领导，确保各项任务落实到位。</p></div>"
        "<div class='share-bar'>分享到：微信 微博</div>"
        "<div class='footer'><p>主办单位：东岭县人民政府办公室 承办单位：东岭县大数据管理局</p></div>"
        "</body></html>"
    )
    path = tmp_path / "portal.html"
    path.write_text(page, encoding="utf-8")
    text = ingest_file(path).text
    assert text.startswith("一、总体要求")
    for chrome in ("欢迎访问", "当前位置", "分享到", "主办单位", "承办单位"):
        assert chrome not in text
