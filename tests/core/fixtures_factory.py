"""Helpers that generate ingest test files: encoded text, .docx, .pdf, html pages, broken files."""

from __future__ import annotations

import zipfile
from pathlib import Path

SIMPLIFIED_SAMPLE = (
    "关于印发无锡市推进科技创新行动方案的通知\n"
    "各市（县）、区人民政府，市各委办局：\n"
    "现将《无锡市推进科技创新行动方案》印发给你们，请认真贯彻执行。\n"
    "一、总体要求\n"
    "（一）坚持创新驱动发展战略，加快建设国家创新型城市。\n"
)
TRADITIONAL_SAMPLE = (
    "關於印發臺北市推動科技創新行動方案的通知\n"
    "一、總體要求\n"
    "（一）堅持創新驅動發展戰略，加快建設國家創新型城市，提升產業競爭力。\n"
    "二、主要任務\n"
    "（一）強化企業創新主體地位，鼓勵研發投入與人才培養。\n"
)

CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


def write_encoded(path: Path, text: str, encoding: str, bom: bool = False) -> Path:
    """Write `text` in `encoding` (optionally with its BOM) and return the path."""
    data = text.encode(encoding)
    if bom:
        boms = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
        data = boms[encoding] + data
    path.write_bytes(data)
    return path


def find_cjk_font() -> Path | None:
    """A TrueType-outline CJK font reportlab can embed, or None when none is installed."""
    for candidate in CJK_FONT_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate)
    return None


def make_pdf(path: Path, pages: list[list[str]], password: str | None = None) -> Path:
    """A PDF whose pages hold the given lines exactly (one drawString per line)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_path = find_cjk_font()
    if font_path is None:
        raise RuntimeError("no CJK TrueType font installed")
    if "ZcxTestCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ZcxTestCJK", str(font_path), subfontIndex=0))
    kwargs = {}
    if password is not None:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(
            password, ownerPassword="owner", strength=40
        )
    pdf = canvas.Canvas(str(path), **kwargs)
    for lines in pages:
        pdf.setFont("ZcxTestCJK", 12)
        y = 800
        for line in lines:
            pdf.drawString(40, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return path


def make_blank_pdf(path: Path, page_count: int = 2) -> Path:
    """A PDF with pages but no text layer (like a scan): only drawn rectangles."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for _ in range(page_count):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def make_docx(path: Path, build) -> Path:
    """Create a .docx with python-docx; `build(document)` adds the content."""
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


NUMBERING_XML_TEMPLATE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="6"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"""


def set_numbering(document, xml: str = NUMBERING_XML_TEMPLATE) -> None:
    """Replace the document's numbering definitions with `xml`."""
    from docx.oxml import parse_xml

    part = document.part.numbering_part
    part._element = parse_xml(xml.encode("utf-8"))


def number_paragraph(paragraph, num_id: int, ilvl: int) -> None:
    """Give a python-docx paragraph automatic numbering (w:numPr)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl_el = OxmlElement("w:ilvl")
    ilvl_el.set(qn("w:val"), str(ilvl))
    num_el = OxmlElement("w:numId")
    num_el.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl_el)
    num_pr.append(num_el)
    ppr.append(num_pr)


def make_zip_without_document(path: Path) -> Path:
    """A zip that is not a Word document (no word/document.xml)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "你好")
    return path


def make_docx_bomb(path: Path, size: int = 60 * 1024 * 1024) -> Path:
    """A zip whose word/document.xml inflates to `size` bytes of spaces."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return path


PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
OLE2_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def gov_page_html(
    body_html: str, title: str = "测试页面", head_extra: str = "", charset: str = "utf-8"
) -> str:
    """A government-site-shaped page: header toolbar, nav menu, content, footer."""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title>{head_extra}
<style>.x{{color:red}}</style><script>var tracker = "统计代码";</script></head>
<body>
<div class="top"><header><a href="#">繁体版</a> <a href="#">English</a> <a href="#">无障碍</a></header></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li><li><a href="/b">政务服务</a></li>
<li><a href="/c">互动交流</a></li></ul></nav>
<div class="menu"><a href="/1">机构概况</a> | <a href="/2">政策文件</a> | <a href="/3">政策解读</a> | <a href="/4">新闻发布</a></div>
<div class="main">{body_html}</div>
<footer><p>版权所有：某某市人民政府办公室</p><p>网站标识码：3202000001 苏ICP备12345678号</p></footer>
<noscript>请启用脚本</noscript>
</body></html>"""
