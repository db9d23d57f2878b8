"""read_file: txt/md/html/docx/pdf to raw text, and clear errors for wrong or broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core import fixtures_factory as ff
from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.readers import (
    SUPPORTED_EXTENSIONS,
    chinese_number,
    format_list_number,
    join_broken_lines,
    markdown_to_text,
    read_file,
)

needs_cjk_font = pytest.mark.skipif(
    ff.find_cjk_font() is None, reason="no CJK TrueType font installed"
)


# --- txt / md ---------------------------------------------------------------------------


def test_supported_extensions() -> None:
    assert SUPPORTED_EXTENSIONS == frozenset({".txt", ".html", ".htm", ".docx", ".pdf", ".md"})


def test_txt_in_gb18030(tmp_path: Path) -> None:
    path = ff.write_encoded(tmp_path / "通知.TXT", ff.SIMPLIFIED_SAMPLE, "gb18030")
    raw = read_file(path)
    assert (raw.text, raw.source_format, raw.encoding) == (ff.SIMPLIFIED_SAMPLE, "txt", "gb18030")


def test_txt_in_utf16_with_bom(tmp_path: Path) -> None:
    path = ff.write_encoded(tmp_path / "a.txt", ff.TRADITIONAL_SAMPLE, "utf-16-le", bom=True)
    assert read_file(path).text == ff.TRADITIONAL_SAMPLE


def test_markdown_is_stripped_to_paragraphs() -> None:
    md = (
        "# 关于印发**行动方案**的通知\n\n"
        "各区人民政府：\n现将方案印发给你们，\n请认真执行。\n\n"
        "## 一、总体要求\n\n"
        "1. 坚持*创新*驱动，详见[附件](http://x.gov.cn/a.pdf)。\n"
        "2. 坚持`协调`发展。\n"
        "- 加强组织领导\n"
        "> 引用的段落\n\n"
        "---\n"
        "| 指标 | 目标 |\n|---|---|\n| 研发投入 | 3% |\n"
    )
    assert markdown_to_text(md).split("\n") == [
        "关于印发行动方案的通知",
        "各区人民政府：现将方案印发给你们，请认真执行。",
        "一、总体要求",
        "1. 坚持创新驱动，详见附件。",
        "2. 坚持协调发展。",
        "加强组织领导",
        "引用的段落",
        "指标\t目标",
        "研发投入\t3%",
    ]


def test_md_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n正文第一段。\n", encoding="utf-8")
    raw = read_file(path)
    assert (raw.text, raw.source_format) == ("标题\n正文第一段。", "md")


# --- wrong or unsupported files ---------------------------------------------------------


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "a.xyz"
    path.write_text("内容", encoding="utf-8")
    with pytest.raises(
        ImportFailed, match=r"不支持的文件类型 \.xyz（支持 \.txt \.html \.htm \.docx \.pdf \.md）"
    ):
        read_file(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("图片.txt", ff.PNG_BYTES, "PNG 图片"),
        ("照片.docx", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "JPEG 图片"),
        ("旧文档.docx", ff.OLE2_BYTES, "旧版 Word .doc 文件不支持，请另存为 .docx"),
        ("旧文档.txt", ff.OLE2_BYTES, "旧版 Word .doc 文件不支持"),
        ("报告.docx", b"%PDF-1.4\n%...", "实际上是PDF 文件.*请把扩展名改为 .pdf"),
        ("报告.html", b"%PDF-1.7\n", "PDF 文件"),
    ],
)
def test_content_not_matching_extension(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=message):
        read_file(path)


def test_docx_renamed_to_pdf_is_recognised(tmp_path: Path) -> None:
    path = ff.make_docx(tmp_path / "a.docx", lambda d: d.add_paragraph("正文"))
    renamed = path.rename(tmp_path / "a.pdf")
    with pytest.raises(ImportFailed, match=r"Word \.docx 文档.*\.docx 后再导入"):
        read_file(renamed)


# --- html -------------------------------------------------------------------------------

ARTICLE = """
<h1>关于印发某某市科技创新<br>三年行动计划的通知</h1>
<table class="meta"><tr><td>索引号：</td><td>014000319/2018-00123</td></tr></table>
<div class="TRS_Editor">
<p>&nbsp;&nbsp;各市（县）、区人民政府，
  市各委办局：</p>
<p>现将《行动计划》印发给你们，请认真贯彻&lt;执行&gt;。</p>
<p>一、总体要求</p><ul><li>坚持创新驱动</li><li>坚持<b>协调</b>发展</li></ul>
<table><tr><th>指标</th><th>目标值</th></tr><tr><td>研发投入</td><td>3%</td></tr></table>
<div style="display:none">隐藏的统计内容</div>
</div>
"""


def test_html_main_text_lines_and_hints(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://www.wuxi.gov.cn/doc/2018/08/01/1.shtml"><meta name="PubDate" content="2018-08-01">'
    html = ff.gov_page_html(ARTICLE, title="行动计划_无锡市人民政府", head_extra=head)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    raw = read_file(path)
    assert raw.source_format == "html"
    assert raw.text.split("\n") == [
        "关于印发某某市科技创新",
        "三年行动计划的通知",
        "索引号：\t014000319/2018-00123",
        "各市（县）、区人民政府，市各委办局：",
        "现将《行动计划》印发给你们，请认真贯彻<执行>。",
        "一、总体要求",
        "坚持创新驱动",
        "坚持协调发展",
        "指标\t目标值",
        "研发投入\t3%",
    ]
    assert raw.hints["html_title"] == "行动计划_无锡市人民政府"
    assert raw.hints["source_url"] == "https://www.wuxi.gov.cn/doc/2018/08/01/1.shtml"
    assert raw.hints["meta_PubDate"] == "2018-08-01"


def test_html_respects_meta_charset(tmp_path: Path) -> None:
    html = ff.gov_page_html("<p>各区人民政府：请认真贯彻执行。</p>", charset="gb2312")
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("gb18030"))
    raw = read_file(path)
    assert raw.encoding == "gb18030"
    assert raw.text == "各区人民政府：请认真贯彻执行。"


def test_html_wrong_meta_charset_falls_back_to_detection(tmp_path: Path) -> None:
    html = ff.gov_page_html("<p>各区人民政府：请认真贯彻执行。</p>", charset="utf-8")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gb18030"))
    raw = read_file(path)
    assert (raw.text, raw.encoding) == ("各区人民政府：请认真贯彻执行。", "gb18030")


def test_html_article_element_is_main_content(tmp_path: Path) -> None:
    body = (
        "<div>热点新闻标题很长很长的一个推荐块</div><article><h1>通知标题</h1><p>"
        + "正文内容。" * 30
        + "</p></article>"
    )
    path = tmp_path / "a.html"
    path.write_text(ff.gov_page_html(body), encoding="utf-8")
    assert read_file(path).text.split("\n")[0] == "通知标题"


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><body><script>var a='正文';</script></body></html>", encoding="utf-8")
    with pytest.raises(ImportFailed, match="没有正文"):
        read_file(path)


# --- docx -------------------------------------------------------------------------------


def _build_numbered(document) -> None:
    ff.set_numbering(document)
    document.add_paragraph("关于印发某某方案的通知")
    for text, num_id, ilvl in [
        ("总体要求", 5, 0),
        ("基本原则", 5, 1),
        ("坚持创新。", 5, 2),
        ("坚持协调。", 5, 2),
        ("发展目标", 5, 1),
        ("到2025年，研发投入达3%。", 5, 2),
        ("重点任务", 5, 0),
        ("无编号要点", 6, 0),
    ]:
        ff.number_paragraph(document.add_paragraph(text), num_id, ilvl)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标"
    table.cell(1, 0).text = "研发投入"
    table.cell(1, 1).text = "3%"
    document.add_paragraph("表后的段落。")


def test_docx_numbering_and_tables_in_body_order(tmp_path: Path) -> None:
    path = ff.make_docx(tmp_path / "a.docx", _build_numbered)
    raw = read_file(path)
    assert raw.source_format == "docx"
    assert raw.text.split("\n") == [
        "关于印发某某方案的通知",
        "一、总体要求",
        "（一）基本原则",
        "1. 坚持创新。",
        "2. 坚持协调。",
        "（二）发展目标",
        "1. 到2025年，研发投入达3%。",
        "二、重点任务",
        "无编号要点",
        "指标\t目标",
        "研发投入\t3%",
        "表后的段落。",
    ]


def test_docx_line_break_inside_a_cell_keeps_the_row_on_one_line(tmp_path: Path) -> None:
    def build(document) -> None:
        table = document.add_table(rows=1, cols=3)
        table.cell(0, 0).paragraphs[0].add_run("经济发展").add_break()
        table.cell(0, 0).paragraphs[0].add_run("（200分）")
        table.cell(0, 1).text = "地区生产总值增速"
        table.cell(0, 2).text = "6%"

    raw = read_file(ff.make_docx(tmp_path / "break.docx", build))
    assert raw.text.split("\n") == ["经济发展 （200分）\t地区生产总值增速\t6%"]


@pytest.mark.parametrize(
    ("n", "fmt", "label"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (21, "chineseCountingThousand", "二十一"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "lowerRoman", "iv"),
        (28, "upperLetter", "BB"),
        (12, "decimalFullWidth", "１２"),
        (7, "decimal", "7"),
    ],
)
def test_list_number_formats(n: int, fmt: str, label: str) -> None:
    assert format_list_number(n, fmt) == label


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (11, 20, 100, 105, 110, 1001)] == [
        "十一", "二十", "一百", "一百零五", "一百一十", "一千零一",
    ]  # fmt: skip


def test_truncated_docx(tmp_path: Path) -> None:
    path = ff.make_docx(tmp_path / "a.docx", lambda d: d.add_paragraph("正文" * 100))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFailed, match=r"文件已损坏（不是有效的 \.docx）"):
        read_file(path)


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = ff.make_zip_without_document(tmp_path / "a.docx")
    with pytest.raises(ImportFailed, match=r"文件已损坏（不是有效的 \.docx）"):
        read_file(path)


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = ff.make_docx_bomb(tmp_path / "bomb.docx")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFailed, match="解压后过大"):
        read_file(path)


# --- pdf --------------------------------------------------------------------------------

PARAGRAPH = "为全面实现我市创新示范区建设目标，加强创新资源深度融合与优化配置，以点带面放大辐射示范效应，建设更具活力的国家创新型城市，制定本行动计划。"


def _wrap(text: str, width: int = 30) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


@needs_cjk_font
def test_pdf_text_with_broken_lines_joined(tmp_path: Path) -> None:
    page1 = ["关于印发行动计划的通知", *_wrap(PARAGRAPH), "一、总体要求", "- 1 -"]
    page2 = ["2", *_wrap("（一）" + PARAGRAPH), "二、主要任务"]
    path = ff.make_pdf(tmp_path / "a.pdf", [page1, page2])
    raw = read_file(path)
    assert raw.source_format == "pdf"
    assert raw.text.split("\n") == [
        "关于印发行动计划的通知",
        PARAGRAPH,
        "一、总体要求",
        "（一）" + PARAGRAPH,
        "二、主要任务",
    ]


@needs_cjk_font
def test_encrypted_pdf(tmp_path: Path) -> None:
    path = ff.make_pdf(tmp_path / "a.pdf", [["加密的文字内容"]], password="secret")
    with pytest.raises(ImportFailed, match="PDF 已加密，无法读取"):
        read_file(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = ff.make_blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(
        ImportFailed, match=r"PDF 没有文字层（可能是扫描件），请先进行文字识别\(OCR\)"
    ):
        read_file(path)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj garbage\n%%EOF")
    with pytest.raises(ImportFailed, match=r"文件已损坏（不是有效的 PDF）"):
        read_file(path)


def test_join_broken_lines_is_conservative() -> None:
    lines = [
        "第一条 这是一条很长很长的条文内容，它在这一行没有写完而是",
        "在下一行继续写下去直到句子结束。",
        "第二条 这是另一条很长很长的条文内容，它在这一行已经写完了。",
        "（一）下一项",
        "短标题",
        "另一个短行",
    ]
    assert join_broken_lines(lines) == [
        "第一条 这是一条很长很长的条文内容，它在这一行没有写完而是在下一行继续写下去直到句子结束。",
        "第二条 这是另一条很长很长的条文内容，它在这一行已经写完了。",
        "（一）下一项",
        "短标题",
        "另一个短行",
    ]


# --- html page through the cleaner: same result as the copied text -----------------------

REAL_SHAPE_PAGE = """
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zfgb">政府公报</a></div>
<div class="article">
<h1 class="title">市政府办公室关于印发某某市数字经济行动方案的通知</h1>
<div class="info"><span>发布时间：2021-06-01</span> <span>来源：市政府办公室</span>
<span>字号：[ <a>大</a> <a>中</a> <a>小</a> ]</span> <span>浏览次数：<em>321</em></span></div>
<table class="xxgk"><tr><td>文号</td><td>某政办发〔2021〕7号</td><td>成文日期</td><td>2021-05-28</td></tr>
<tr><td>发文机关</td><td>某某市人民政府办公室</td><td>文件状态</td><td>有效</td></tr></table>
<div class="content">
<p>各区人民政府，市各委办局：</p>
<p>　　《某某市数字经济行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。</p>
<p style="text-align:right">某某市人民政府办公室</p><p style="text-align:right">2021年5月28日</p>
<p>附件：<a href="/f/1.pdf">1.任务分解表</a> <a href="/f/2.docx">2.项目清单</a> <a href="/f/3.xls">3.指标表</a></p>
</div>
<div class="editor">【责任编辑：赵六】</div>
<div class="tools"><a>【打印本页】</a><a>【关闭窗口】</a></div>
</div>
<div class="foot"><p>主办：某某市人民政府办公室</p><p>版权所有 © 2021 网站标识码：1234567890</p></div>
"""


def test_html_page_then_clean_gives_only_the_document(tmp_path: Path) -> None:
    from zcx_desktop.core.ingest.clean import clean_text

    path = tmp_path / "page.html"
    path.write_text(ff.gov_page_html(REAL_SHAPE_PAGE), encoding="utf-8")
    result = clean_text(read_file(path).text)
    assert result.text.split("\n") == [
        "市政府办公室关于印发某某市数字经济行动方案的通知",
        "各区人民政府，市各委办局：",
        "《某某市数字经济行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。",
        "某某市人民政府办公室",
        "2021年5月28日",
        "附件：1.任务分解表 2.项目清单 3.指标表",
    ]
    assert result.fields == {
        "published_date": "2021-06-01",
        "doc_number": "某政办发〔2021〕7号",
        "written_date": "2021-05-28",
        "issuer": "某某市人民政府办公室",
        "status": "有效",
    }
