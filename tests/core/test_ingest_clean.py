"""clean_text: clean-text contract, general boilerplate rules, page metadata as fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zcx_desktop.core.ingest.clean import clean_text

CORPUS = Path(__file__).resolve().parents[2] / "resources" / "sample"


def _corpus(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


FURNITURE_WORDS = (
    "繁体版",
    "当前位置",
    "浏览次数",
    "责编",
    "微信公众号",
    "回到顶部",
    "扫码关注",
    "收起",
    "无障碍",
)


def _assert_contract(text: str) -> None:
    assert "\n\n" not in text
    for line in text.split("\n"):
        assert line == line.strip(" \t\u3000\u00a0"), repr(line)
        assert line
    assert "\u200b" not in text and "\ufeff" not in text


# --- the real corpus ------------------------------------------------------------------


def test_corpus_000_is_clean() -> None:
    result = clean_text(_corpus("000"))
    lines = result.text.split("\n")
    _assert_contract(result.text)
    assert lines[0] == (
        "市政府办公室关于印发无锡市深入推进苏南国家自主创新示范区建设三年行动计划(2018—2020年)的通知"
    )
    assert lines[1] == "各市(县)、区人民政府,市各委办局,市各直属单位:"
    assert lines[-1].startswith("落实国家、省、市有关改革创新容错免责制度和意见。")
    assert lines[-1].endswith("允许试错的良好氛围。")
    for word in FURNITURE_WORDS + ("文号", "制发机关", "发布时间", "提示"):
        assert not any(line.startswith(word) for line in lines), word
    assert "(此件公开发布)" in lines
    assert "无锡市人民政府办公室" in lines  # the signature is content
    assert "2018年8月1日" in lines
    assert result.fields == {
        "doc_number": "锡政办发〔2018〕91号",
        "issuer": "无锡市人民政府办公室",
        "written_date": "2018-08-01 09:35:08",
        "status": "执行中",
        "published_date": "2019年05月13日",
    }
    assert "责编:司法局" in result.removed_lines
    assert result.removed_lines[0] == "繁体版 English EN"


def test_corpus_001_keeps_its_annex_lines() -> None:
    result = clean_text(_corpus("001"))
    lines = result.text.split("\n")
    assert lines[0] == "市政府办公室关于印发2018年无锡苏南国家自主创新示范区建设工作要点的通知"
    assert lines[-2].startswith("附件:1.2018年无锡苏南")
    assert lines[-1] == "2.2018年无锡苏南国家自主创新示范区重大科技创新建设项目表"
    assert result.fields["doc_number"] == "锡政办发〔2018〕90号"
    assert not any(word in result.text for word in FURNITURE_WORDS)


def test_corpus_002_keeps_summary_and_interpretation_title() -> None:
    result = clean_text(_corpus("002"))
    lines = result.text.split("\n")
    _assert_contract(result.text)
    assert lines[0].startswith("【摘要】《关于印发苏南国家自主创新示范区一体化发展实施方案")
    assert lines[0].endswith("要点")
    assert lines[1].endswith("》解读")
    assert lines[2] == "一、总体要求"
    assert lines[-1].startswith("4. 强化督查考核。")
    assert "原文链接" not in result.text and "http" not in result.text
    for word in ("点赞", "收藏", "转发", "政策级别", "发文部门", "政策主题", "发布时间"):
        assert word not in lines, word
        assert not any(line.startswith(word) for line in lines)
    assert result.fields == {
        "source_url": "http://www.jiangsu.gov.cn/art/2020/5/13/art_46143_9113557.html",
        "published_date": "2020-05-21",
        "level": "省级",
        "topic": "创业创新",
    }


# --- contract ------------------------------------------------------------------------


def test_whitespace_zero_width_and_controls() -> None:
    raw = "\u3000\u3000第一段\u200b文字。\u00a0\r\n\r\n\t\n  第二段,半角标点;保持原样. \x07\n\ufeff第三段"
    result = clean_text(raw)
    assert result.text == "第一段文字。\n第二段,半角标点;保持原样.\n第三段"
    assert result.removed_lines == []


# --- other site shapes: same furniture, different wording -----------------------------

OTHER_SITE = """简体 | 繁體 | ENGLISH
手机版   适老化模式   读屏专用
您现在的位置：首页 > 政务公开 > 政策文件
关于加快推进数字经济高质量发展的实施意见
索引号：11320000014000319X/2021-00456    主题分类：工业、交通
发文机关：江苏省人民政府    成文日期：2021年03月02日
发文字号：苏政发〔2021〕12号    发布日期：2021年03月05日
有效性：有效
【字体：大 中 小】 【打印本页】 【关闭窗口】
来源：省政府办公厅   作者：     点击数：1234
各设区市人民政府，省各委办厅局，省各直属单位：
为加快推进数字经济高质量发展，现提出如下意见。
一、总体要求
本意见自发布之日起施行。
江苏省人民政府
2021年3月2日
【责任编辑：王小明】 审核：李四
分享到：微信 微博 QQ空间
相关链接
国务院
江苏省政府
主办单位：江苏省人民政府办公厅 承办：省大数据管理中心
版权所有© 江苏省人民政府 网站标识码：3200000065
苏ICP备05009014号   苏公网安备 32010202010045号
联系我们  网站地图
"""


def test_other_government_site_shape() -> None:
    result = clean_text(OTHER_SITE)
    assert result.text.split("\n") == [
        "关于加快推进数字经济高质量发展的实施意见",
        "各设区市人民政府，省各委办厅局，省各直属单位：",
        "为加快推进数字经济高质量发展，现提出如下意见。",
        "一、总体要求",
        "本意见自发布之日起施行。",
        "江苏省人民政府",
        "2021年3月2日",
    ]
    assert result.fields == {
        "index_no": "11320000014000319X/2021-00456",
        "topic": "工业、交通",
        "issuer": "江苏省人民政府",
        "written_date": "2021年03月02日",
        "doc_number": "苏政发〔2021〕12号",
        "published_date": "2021年03月05日",
        "status": "有效",
    }


TABLE_SHAPE = """无障碍阅读 长者模式 关怀版
你的位置：网站首页 » 信息公开 » 规范性文件
索引号:\t000014349/2022-01234\t信息分类:\t政策文件
发布机构:\t某某市发展和改革委员会\t生成日期:\t
文号:\t某发改〔2022〕3号\t时效性:\t现行有效
某某市促进民营经济发展若干措施
第一条 为了促进民营经济发展，制定本措施。
第二条 本措施由市发展改革委负责解释。
更新时间：2022-04-01 10:20   阅读次数：87次
扫一扫在手机打开当前页
【我要纠错】 【打印】【关闭】
"""


def test_metadata_table_rows_with_tabs() -> None:
    result = clean_text(TABLE_SHAPE)
    assert result.text.split("\n") == [
        "某某市促进民营经济发展若干措施",
        "第一条 为了促进民营经济发展，制定本措施。",
        "第二条 本措施由市发展改革委负责解释。",
    ]
    assert result.fields["index_no"] == "000014349/2022-01234"
    assert result.fields["issuer"] == "某某市发展和改革委员会"
    assert result.fields["doc_number"] == "某发改〔2022〕3号"
    assert result.fields["status"] == "现行有效"
    assert result.fields["topic"] == "政策文件"
    assert result.fields["published_date"] == "2022-04-01 10:20"


def test_this_link_line_goes_to_source_url() -> None:
    raw = "关于做好春季农业生产工作的通知\n各有关单位：请认真落实。\n本文链接：https://www.example.gov.cn/art/1.html"
    result = clean_text(raw)
    assert result.text == "关于做好春季农业生产工作的通知\n各有关单位：请认真落实。"
    assert result.fields["source_url"] == "https://www.example.gov.cn/art/1.html"


def test_original_link_without_clause_label() -> None:
    raw = "某某政策解读\n一、主要内容\n内容很好。\n原文链接：\nhttps://www.gov.cn/zhengce/content/2023-01/01/content_1.htm"
    result = clean_text(raw)
    assert result.text == "某某政策解读\n一、主要内容\n内容很好。"
    assert result.fields["source_url"].endswith("content_1.htm")


# --- body paragraphs survive ------------------------------------------------------------

BODY_MENTIONS = [
    "各地要在发布时间确定后及时通知编辑部门，并由审核人员复核。",
    "来源于财政预算的资金，应当专款专用。",
    "编辑出版单位应当严格执行审核、校对制度。",
    "发布机构关于做好疫情防控工作的通知",
    "文号管理应当规范，不得重复使用。",
    "（三）加强版权保护，打击侵犯版权所有人合法权益的行为。",
    "提示",  # a lone 提示 after the document started is content (e.g. a heading)
    "打印机、复印机等办公设备统一采购。",
    "微信公众号、政务微博等新媒体平台要加强内容审核，确保信息安全。",
]


@pytest.mark.parametrize("sentence", BODY_MENTIONS)
def test_body_paragraphs_mentioning_furniture_words_survive(sentence: str) -> None:
    raw = f"关于加强新闻出版管理工作的通知\n各有关单位：\n{sentence}\n特此通知。\n某某市人民政府\n2020年1月1日"
    result = clean_text(raw)
    assert sentence in result.text.split("\n")
    assert result.removed_lines == []


def test_editor_label_needs_colon() -> None:
    result = clean_text("某某通知正文第一段文字内容。\n编辑 张三\n编辑：李四")
    assert result.text.split("\n") == ["某某通知正文第一段文字内容。", "编辑 张三"]
    assert result.removed_lines == ["编辑：李四"]


def test_footer_needs_a_marker() -> None:
    # Short lines at the end without any footer marker (signature, date) are content.
    raw = "关于某事的通知正文内容在这里。\n附件：1.项目表\n2.任务表\n某某局\n2024年5月6日"
    assert clean_text(raw).text == raw


def test_empty_metadata_value_is_removed_without_field() -> None:
    result = clean_text("发文部门：\n成文日期:\n关于某事的通知，正文内容。")
    assert result.text == "关于某事的通知，正文内容。"
    assert result.fields == {}
    assert result.removed_lines == ["发文部门：", "成文日期:"]


MEETING_NOTICE = """关于召开全市科技创新工作会议的通知
各区科技局：
经研究，决定召开全市科技创新工作会议，现将有关事项通知如下，请各单位认真做好参会准备工作。
时间：2024年3月1日
日期：2024-03-01
来源：市科技局统计数据
作者：课题组
一、参会人员
各区科技局主要负责同志，各区科技局分管负责同志，有关单位负责同志，请准时参加会议。
某某市科学技术局
2024年2月20日
来源：市科技局
上一篇：关于开展2024年度科技计划项目申报工作的通知
下一篇：无
"""


def test_weak_labels_inside_the_body_are_content() -> None:
    result = clean_text(MEETING_NOTICE)
    lines = result.text.split("\n")
    for kept in (
        "时间：2024年3月1日",
        "日期：2024-03-01",
        "来源：市科技局统计数据",
        "作者：课题组",
    ):
        assert kept in lines
    # after the last long paragraph, the same shapes are page furniture
    assert lines[-1] == "2024年2月20日"
    assert result.removed_lines == [
        "来源：市科技局",
        "上一篇：关于开展2024年度科技计划项目申报工作的通知",
        "下一篇：无",
    ]
    assert "published_date" not in result.fields


_ALPHABET = "关于印发通知一二三、（）。，：发布时间来源编辑打印关闭版权所有 \u3000\u00a0\t\n\r\u200b2024年-:ENab"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_contract_holds_for_any_text(raw: str) -> None:
    result = clean_text(raw)
    if not result.text:
        return
    _assert_contract(result.text)
    normalised = raw.replace("\u200b", "").replace("\u00a0", " ").replace("\r", "\n")
    for line in result.text.split("\n"):
        assert line in normalised  # kept lines are as written, never rewritten
