"""File readers: .txt/.md/.html/.docx/.pdf to raw text (paragraphs separated by newlines)."""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.decode import decode_bytes

log = logging.getLogger("zcx.ingest")

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset({".txt", ".html", ".htm", ".docx", ".pdf", ".md"})

MSG_BAD_DOCX = "文件已损坏（不是有效的 .docx）"
MSG_BAD_PDF = "文件已损坏（不是有效的 PDF）"
MSG_PDF_ENCRYPTED = "PDF 已加密，无法读取"
MSG_PDF_NO_TEXT = "PDF 没有文字层（可能是扫描件），请先进行文字识别(OCR)"
MSG_OLD_DOC = "旧版 Word .doc 文件不支持，请另存为 .docx"
MSG_TOO_LARGE = "文件解压后过大（可能是恶意压缩文件），已拒绝导入"


@dataclass
class RawDocument:
    """Text extracted from one file, before cleaning; hints carry e.g. html_title, source_url."""

    text: str
    source_format: str  # txt | html | docx | pdf | md
    encoding: str = ""
    hints: dict[str, str] = field(default_factory=dict)


# Magic bytes → (kind, description shown to the user).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "pdf", "PDF 文件"),
    (b"PK\x03\x04", "zip", "ZIP 压缩格式文件"),
    (b"\x89PNG\r\n\x1a\n", "image", "PNG 图片"),
    (b"\xff\xd8\xff", "image", "JPEG 图片"),
    (b"GIF87a", "image", "GIF 图片"),
    (b"GIF89a", "image", "GIF 图片"),
    (b"BM", "image", "BMP 图片"),
    (b"II*\x00", "image", "TIFF 图片"),
    (b"MM\x00*", "image", "TIFF 图片"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "旧版 Office 文件（.doc/.xls）"),
    (b"Rar!", "archive", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "7z 压缩包"),
    (b"\x1f\x8b", "archive", "gzip 压缩包"),
    (b"{\\rtf", "rtf", "RTF 文件"),
)


def read_file(path: Path) -> RawDocument:
    """Read a supported file into raw text; raises ImportFailed with a clear Chinese message."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        shown = suffix or "（无扩展名）"
        raise ImportFailed(name, f"不支持的文件类型 {shown}（支持 .txt .html .htm .docx .pdf .md）")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportFailed(name, f"无法读取文件：{err.strerror or err}") from err
    _check_content_matches_extension(data, suffix, path)
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in (".html", ".htm"):
        return read_html(data, name)
    text, encoding = decode_bytes(data, name)
    if suffix == ".md":
        return RawDocument(text=markdown_to_text(text), source_format="md", encoding=encoding)
    return RawDocument(text=text, source_format="txt", encoding=encoding)


def sniff_kind(data: bytes) -> tuple[str, str] | None:
    """(kind, description) of binary content recognised by its magic bytes, else None."""
    for magic, kind, description in _MAGIC:
        if data.startswith(magic):
            return kind, description
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf", "PDF 文件"
    return None


def _check_content_matches_extension(data: bytes, suffix: str, path: Path) -> None:
    name = str(path)
    sniffed = sniff_kind(data)
    if sniffed is None:
        if suffix in (".docx", ".pdf") and data.strip():
            problem = MSG_BAD_DOCX if suffix == ".docx" else MSG_BAD_PDF
            raise ImportFailed(name, problem)
        return
    kind, description = sniffed
    if kind == "ole":
        raise ImportFailed(name, MSG_OLD_DOC)
    if suffix == ".pdf" and kind == "pdf":
        return
    if suffix == ".docx" and kind == "zip":
        return
    if kind == "zip":
        description = _describe_zip(path)
    real = {"PDF 文件": ".pdf", "Word .docx 文档": ".docx"}.get(description)
    advice = f"，请把扩展名改为 {real} 后再导入" if real else ""
    raise ImportFailed(name, f"文件实际上是{description}，与扩展名 {suffix} 不符{advice}")


def _describe_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "ZIP 压缩格式文件"
    if "word/document.xml" in names:
        return "Word .docx 文档"
    if any(n.startswith("xl/") for n in names):
        return "Excel 表格（.xlsx）"
    if any(n.startswith("ppt/") for n in names):
        return "PowerPoint 演示文稿（.pptx）"
    return "ZIP 压缩包"


# --- Markdown ---------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown syntax, keeping one paragraph per line; numbered labels are kept."""
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            paragraphs.append(_join_soft_wrapped(current))
            current.clear()

    for line in markdown.split("\n"):
        if _MD_FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            paragraphs.append(line)
            continue
        if not line.strip() or _MD_RULE.match(line) or _MD_TABLE_SEPARATOR.match(line):
            flush()
            continue
        if _MD_SETEXT.match(line) and current:
            flush()
            continue
        block = _markdown_block(line)
        if block is None:
            current.append(_markdown_inline(_MD_QUOTE.sub("", line).strip()))
        else:
            flush()
            paragraphs.append(block)
    flush()
    return "\n".join(p for p in paragraphs if p.strip())


def _markdown_block(line: str) -> str | None:
    """A line that is a paragraph of its own (heading, list item, table row), else None."""
    heading = _MD_HEADING.match(line)
    if heading:
        return _markdown_inline(heading.group(1))
    stripped = _MD_QUOTE.sub("", line).strip()
    if _MD_BULLET.match(stripped):
        return _markdown_inline(_MD_BULLET.sub("", stripped))
    if re.match(r"^\d+[.、)]\s", stripped) or re.match(r"^[一二三四五六七八九十]+、", stripped):
        return _markdown_inline(stripped)
    if stripped.startswith("|") and stripped.count("|") >= 2:
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        return "\t".join(_markdown_inline(c) for c in cells)
    return None


def _markdown_inline(text: str) -> str:
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_HTML_TAG.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _MD_EMPHASIS.sub(r"\2", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text).rstrip()


def _join_soft_wrapped(lines: list[str]) -> str:
    """Join the lines of one Markdown paragraph: no space between CJK characters."""
    joined = lines[0]
    for line in lines[1:]:
        if joined and line and (joined[-1].isascii() and line[0].isascii()):
            joined += " " + line
        else:
            joined += line
    return joined


# --- HTML -------------------------------------------------------------------------------

_HTML_DROP_TAGS = (
    "script", "style", "nav", "header", "footer", "aside", "form", "iframe", "noscript",
    "template", "svg", "canvas", "object", "embed", "button", "select", "input", "textarea",
)  # fmt: skip
_HTML_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "address",
        "center",
        "figure",
        "figcaption",
        "caption",
        "hr",
        "body",
        "html",
    ]
)
_HTML_CELL_TAGS = frozenset({"td", "th"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CJK_WRAP = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_LINK_DENSE_RATIO = 0.7
_LINK_DENSE_MIN_LINKS = 3
_ATTACHMENT_HREF = re.compile(
    r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar)(?:[?#].*)?$", re.IGNORECASE
)
_HINT_META_NAMES = (
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "ColumnName",
    "description",
    "keywords",
)


def read_html(data: bytes, name: str) -> RawDocument:
    """Read a saved web page: main text as lines, <title>/<meta>/canonical URL as hints."""
    import lxml.etree
    import lxml.html

    text, encoding = _decode_html(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as err:
        raise ImportFailed(name, "网页内容为空或无法解析") from err
    hints = _html_hints(root)
    body = root.find("body")
    if body is None:
        body = root
    _drop_boilerplate_elements(body)
    content = _main_content(body)
    lines = _render_html_lines(content)
    if not lines:
        raise ImportFailed(name, "网页中没有正文文字")
    return RawDocument(text="\n".join(lines), source_format="html", encoding=encoding, hints=hints)


def _decode_html(data: bytes, name: str) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    has_bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if declared and not has_bom:
        label = declared.group(1).decode("ascii").lower()
        codec = _CODEC_ALIASES.get(label, label)
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            log.info("%s: declared charset %s does not fit, detecting", name, label)
        else:
            if text.strip():
                return text.replace("\r\n", "\n").replace("\r", "\n"), codec
    return decode_bytes(data, name)


def _html_hints(root) -> dict[str, str]:
    hints: dict[str, str] = {}
    title = root.findtext(".//title")
    if title and title.strip():
        hints["html_title"] = _HTML_SPACE.sub(" ", title).strip()
    for meta in root.iter("meta"):
        key = meta.get("name") or meta.get("property") or ""
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        if key in _HINT_META_NAMES:
            hints[f"meta_{key}"] = content
        if key in ("og:url", "url") and content.startswith(("http://", "https://")):
            hints.setdefault("source_url", content)
    for link in root.iter("link"):
        href = (link.get("href") or "").strip()
        if "canonical" in (link.get("rel") or "").lower() and href.startswith(
            ("http://", "https://")
        ):
            hints["source_url"] = href
    return hints


def _drop_boilerplate_elements(body) -> None:
    import lxml.etree

    doomed = [el for el in body.iter() if not isinstance(el.tag, str)]
    doomed += [el for el in body.iter(*_HTML_DROP_TAGS)]
    doomed += [
        el
        for el in body.iter()
        if isinstance(el.tag, str)
        and re.search(r"display\s*:\s*none", el.get("style") or "", re.IGNORECASE)
    ]
    for el in doomed:
        if el.getparent() is not None:
            if isinstance(el, lxml.etree._Comment | lxml.etree._ProcessingInstruction):
                _remove_keeping_tail(el)
            else:
                el.drop_tree()
    for el in list(body.iter("ul", "ol", "div", "table", "p", "section", "td", "dl")):
        if el.getparent() is not None and _is_link_dense(el):
            el.drop_tree()


def _remove_keeping_tail(el) -> None:
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _is_link_dense(el) -> bool:
    """Navigation menus and link lists; attachment lists (links to documents) are content."""
    links = list(el.iter("a"))
    if len(links) < _LINK_DENSE_MIN_LINKS:
        return False
    if any(_ATTACHMENT_HREF.search(a.get("href") or "") for a in links):
        return False
    total = len(_HTML_SPACE.sub("", el.text_content()))
    linked = sum(len(_HTML_SPACE.sub("", a.text_content())) for a in links)
    return total > 0 and linked / total >= _LINK_DENSE_RATIO


def _main_content(body):
    """<article>/<main> when it holds most of the page's Chinese text, else the whole body."""
    total = len(_HAN.findall(body.text_content()))
    for tag in ("article", "main"):
        for el in body.iter(tag):
            if total and len(_HAN.findall(el.text_content())) >= 0.6 * total:
                return el
    return body


def _render_html_lines(root) -> list[str]:
    parts: list[str] = []
    _render_element(root, parts, preformatted=False)
    lines = []
    for line in "".join(parts).split("\n"):
        line = line.replace("\u00a0", " ")
        line = re.sub(r" *\t[ \t]*", "\t", line).strip(" \t")
        if line:
            lines.append(line)
    return lines


def _render_element(el, parts: list[str], preformatted: bool) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    preformatted = preformatted or tag == "pre"
    if tag == "br" or tag in _HTML_BLOCK_TAGS:
        parts.append("\n")
    if el.text and tag != "br":
        parts.append(_html_text(el.text, preformatted))
    for child in el:
        _render_element(child, parts, preformatted)
        if child.tail:
            parts.append(_html_text(child.tail, preformatted))
    if tag in _HTML_CELL_TAGS:
        parts.append("\t")
    elif tag in _HTML_BLOCK_TAGS:
        parts.append("\n")


def _html_text(text: str, preformatted: bool) -> str:
    if preformatted:
        return text
    return _HTML_SPACE.sub(" ", _CJK_WRAP.sub("", text))


# --- DOCX -------------------------------------------------------------------------------

_DOCX_MAX_XML_BYTES = 50 * 1024 * 1024
_DOCX_MAX_TOTAL_BYTES = 200 * 1024 * 1024
_DOCX_MAX_RATIO = 200


def read_docx(path: Path) -> RawDocument:
    """Read a .docx: paragraphs and table rows in body order, automatic numbering rendered."""
    import docx

    name = str(path)
    _check_docx_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises many types for a broken package
        log.info("%s: python-docx failed: %s", name, err)
        raise ImportFailed(name, MSG_BAD_DOCX) from err
    numbering = _DocxNumbering(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        lines.extend(_docx_block_lines(block, numbering))
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise ImportFailed(name, "文档中没有文字")
    hints = {}
    title = (document.core_properties.title or "").strip()
    if title:
        hints["docx_title"] = title
    return RawDocument(text=text, source_format="docx", hints=hints)


def _check_docx_archive(path: Path) -> None:
    """Refuse broken archives and zip bombs before python-docx inflates anything."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ImportFailed(name, MSG_BAD_DOCX) from err
    main = infos.get("word/document.xml")
    if main is None:
        raise ImportFailed(name, MSG_BAD_DOCX)
    total = sum(info.file_size for info in infos.values())
    ratio = main.file_size / max(main.compress_size, 1)
    if main.file_size > _DOCX_MAX_XML_BYTES or total > _DOCX_MAX_TOTAL_BYTES:
        raise ImportFailed(name, MSG_TOO_LARGE)
    if main.file_size > 1024 * 1024 and ratio > _DOCX_MAX_RATIO:
        raise ImportFailed(name, MSG_TOO_LARGE)


def _docx_block_lines(block, numbering: _DocxNumbering) -> list[str]:
    from docx.oxml.ns import qn

    if block.tag == qn("w:p"):
        return [numbering.paragraph_text(block)]
    if block.tag == qn("w:tbl"):
        return _docx_table_lines(block, numbering)
    if block.tag == qn("w:sdt"):
        lines: list[str] = []
        for content in block.iterchildren(qn("w:sdtContent")):
            for child in content.iterchildren():
                lines.extend(_docx_block_lines(child, numbering))
        return lines
    return []


def _docx_table_lines(table, numbering: _DocxNumbering) -> list[str]:
    from docx.oxml.ns import qn

    lines = []
    for row in table.iterchildren(qn("w:tr")):
        cells = []
        for cell in row.iterchildren(qn("w:tc")):
            parts: list[str] = []
            for child in cell.iterchildren():
                parts.extend(_docx_block_lines(child, numbering))
            cells.append(" ".join(p.strip() for p in parts if p.strip()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


_CHINESE_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as used in 一、 labels)."""
    if n <= 0 or n >= 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    result = ""
    pending_zero = False
    rest = n
    for value, unit in units:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                result += "零"
            prefix = "" if (value == 10 and digit == 1 and not result) else _CHINESE_DIGITS[digit]
            result += prefix + unit
            pending_zero = False
        elif result:
            pending_zero = True
    if rest:
        result += ("零" if pending_zero else "") + _CHINESE_DIGITS[rest]
    return result


def format_list_number(n: int, fmt: str) -> str:
    """Render counter `n` in Word numbering format `fmt` (w:numFmt)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return chinese_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    table = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = ""
    for value, letters in table:
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str


class _DocxNumbering:
    """Word automatic numbering: numbering.xml definitions plus running counters."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._styles = document.styles.element if document.styles is not None else None
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    fmt=self._child_val(lvl, "w:numFmt") or "decimal",
                    text=self._child_val(lvl, "w:lvlText") or "",
                    start=int(self._child_val(lvl, "w:start") or "1"),
                    suffix=self._child_val(lvl, "w:suff") or "tab",
                )
            self._abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = self._child_val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"))] = (
                self._child_val(num, "w:abstractNumId") or "",
                overrides,
            )

    def _child_val(self, el, tag: str) -> str | None:
        child = el.find(self._qn(tag))
        return None if child is None else child.get(self._qn("w:val"))

    def paragraph_text(self, p) -> str:
        text = str(p.text)  # runs, hyperlinks, tabs and line breaks, as python-docx reads them
        label, suffix = self._label(p)
        if not label or not text.strip():
            return text
        gap = "" if suffix == "nothing" or not label[-1].isascii() else " "
        return label + gap + text.lstrip()

    def _label(self, p) -> tuple[str, str]:
        num_id, ilvl = self._num_pr(p)
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return "", ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        key = num_id if overrides else abstract_id
        counters = self._counters.setdefault(key, {})
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return "", ""

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, level)
            return format_list_number(counters.get(k, overrides.get(k, lvl.start)), lvl.fmt)

        return re.sub(r"%(\d)", number, level.text), level.suffix

    def _num_pr(self, p) -> tuple[str | None, int]:
        qn = self._qn
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None and ppr is not None:
            num_pr = self._style_num_pr(self._child_val(ppr, "w:pStyle"))
        if num_pr is None:
            return None, 0
        num_id = self._child_val(num_pr, "w:numId")
        ilvl = int(self._child_val(num_pr, "w:ilvl") or "0")
        return num_id, ilvl

    def _style_num_pr(self, style_id: str | None):
        qn = self._qn
        seen = set()
        while style_id and self._styles is not None and style_id not in seen:
            seen.add(style_id)
            style = next(
                (
                    s
                    for s in self._styles.iterchildren(qn("w:style"))
                    if s.get(qn("w:styleId")) == style_id
                ),
                None,
            )
            if style is None:
                return None
            ppr = style.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is not None:
                return num_pr
            style_id = self._child_val(style, "w:basedOn")
        return None


# --- PDF --------------------------------------------------------------------------------

_PDF_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*共?\s*\d{1,4}\s*页?)?[\s\-—–－_·]*$"
)
_PDF_CLAUSE_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[.．、]\d*)*[.．、\s]|"
    r"[①-⑳]|第[一二三四五六七八九十百千\d]+[章节条款部分编]|附件|附表)"
)
_PDF_LINE_END = re.compile(r"[。；：！？;:!?]$")
_PDF_MIN_WIDTH = 12
_PDF_FULL_LINE = 0.85


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF's text layer, page by page, re-joining lines broken inside a paragraph."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = str(path)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not _pdf_decrypt(reader):
            raise ImportFailed(name, MSG_PDF_ENCRYPTED)
        page_count = len(reader.pages)
        pages = [_pdf_page_lines(page, name) for page in reader.pages]
    except ImportFailed:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        log.info("%s: pypdf failed: %s", name, err)
        raise ImportFailed(name, MSG_BAD_PDF) from err
    lines = [line for page in pages for line in page]
    visible = sum(len(re.sub(r"\s", "", line)) for line in lines)
    if visible < max(10, 5 * page_count):
        raise ImportFailed(name, MSG_PDF_NO_TEXT)
    hints = {}
    title = _pdf_title(reader)
    if title:
        hints["pdf_title"] = title
    return RawDocument(text="\n".join(join_broken_lines(lines)), source_format="pdf", hints=hints)


def _pdf_decrypt(reader) -> bool:
    """Open PDFs that only have an owner password (empty user password)."""
    try:
        return bool(reader.decrypt(""))
    except Exception as err:  # noqa: BLE001 - pypdf raises DependencyError/NotImplementedError for AES etc.
        log.info("PDF decryption failed: %s", err)
        return False


def _pdf_page_lines(page, name: str) -> list[str]:
    try:
        text = page.extract_text() or ""
    except Exception as err:  # noqa: BLE001 - one damaged page must not lose the document
        log.warning("%s: text of a page could not be extracted: %s", name, err)
        return []
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    while lines and _PDF_PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    while lines and _PDF_PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return lines


def _pdf_title(reader) -> str:
    try:
        return ((reader.metadata or {}).get("/Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken info dictionary: the title is only a hint
        return ""


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join a line that fills the text width and does not end a sentence with the next one.

    Conservative: short lines (headings, signatures), lines ending in 。；：！？ and lines
    followed by a clause label (一、 （一） 1. 第X条 附件 ...) are never joined.
    """
    width = _typical_full_width(lines)
    if width < _PDF_MIN_WIDTH:
        return list(lines)
    joined: list[str] = []
    previous_line = ""
    for line in lines:
        if joined and _continues(previous_line, line, width):
            gap = (
                " "
                if previous_line[-1].isascii() and previous_line[-1].isalnum() and line[0].isascii()
                else ""
            )
            joined[-1] += gap + line
        else:
            joined.append(line)
        previous_line = line
    return joined


def _typical_full_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if len(line) >= 5)
    if len(lengths) < 3:
        return 0
    return lengths[int(len(lengths) * 0.8)]


def _continues(previous_line: str, line: str, width: int) -> bool:
    """True when `previous_line` is a full-width line cut mid-sentence and `line` goes on."""
    return (
        len(previous_line) >= width * _PDF_FULL_LINE
        and _ends_mid_sentence(previous_line)
        and not _PDF_CLAUSE_START.match(line)
    )


def _ends_mid_sentence(line: str) -> bool:
    return not _PDF_LINE_END.search(line)
