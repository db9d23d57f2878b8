"""HTML pages → the main text as lines (no scripts, navigation or remote resources)."""

from __future__ import annotations

import logging
import re

from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.decode import decode_bytes
from zcx_desktop.core.ingest.html_tables import CELL_TAGS, table_rows
from zcx_desktop.core.ingest.raw import (
    RawDocument,
)

log = logging.getLogger("zcx.ingest")

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
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Parts of class names (art-jiedu, art-prevnext): 解读/相关文件 links, previous/next article, tools.
_CHROME_PART = re.compile(
    r"jiedu|xgjd|xgwj|xgxx|xgyd|prevnext|prev|next|sxp|sxy|tools|toolbar|mainnav|foot|footer"
)
_CHROME_NAME = re.compile(
    r"(?:footer|foot|bottom|copyright|header|top-?bar|topnav|nav|navbar|menu|breadcrumbs?|crumbs?"
    r"|position|location|share|print|related|sidebar|side-?bar|search)(?:$|[-_]|bar|box|wrap|links?)"
)
_CJK_WRAP = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_LINK_DENSE_RATIO = 0.7
_LINK_DENSE_MIN_LINKS = 3
_ATTACHMENT_HREF = re.compile(
    r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar)(?:[?#].*)?$", re.IGNORECASE
)
# libxml2 checks duplicate attributes in quadratic time: tags with absurdly many attributes
# are cut down before parsing (no real page needs more than a few dozen).
_MAX_ATTRIBUTES = 200
_LONG_TAG_CHARS = 2000
_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']++|"[^"]*+"|'[^']*+')*+>""")  # possessive: no backtracking
_ATTRIBUTE = re.compile(r"""[^\s=<>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"']*))?""")
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
    text = _TAG.sub(_cap_attributes, text)
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


def _cap_attributes(tag: re.Match[str]) -> str:
    """Keep the tag name and its first _MAX_ATTRIBUTES attributes."""
    if tag.end() - tag.start() < _LONG_TAG_CHARS:
        return tag.group(0)
    inner = tag.group(0)[1:-1]
    parts = _ATTRIBUTE.findall(inner, 0, len(inner))
    if len(parts) <= _MAX_ATTRIBUTES + 1:
        return tag.group(0)
    log.info("tag <%s> with %d attributes cut to %d", parts[0], len(parts) - 1, _MAX_ATTRIBUTES)
    return "<" + " ".join(parts[: _MAX_ATTRIBUTES + 1]) + ">"


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
    total = len(_HAN.findall(body.text_content()))
    for el in list(body.iter("div", "ul", "section", "p", "span", "table")):
        if el.getparent() is not None and _is_site_chrome(el, total):
            el.drop_tree()


def _is_site_chrome(el, total_han: int) -> bool:
    """Portal header, footer, breadcrumbs, share and print bars, related links, by class or id
    (never an element holding a large part of the page's text)."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    parts = [part for name in names for part in re.split(r"[-_]", name)]
    if not any(_CHROME_NAME.match(n) for n in names) and not any(
        _CHROME_PART.fullmatch(p) for p in parts
    ):
        return False
    return len(_HAN.findall(el.text_content())) < 0.4 * max(total_han, 1)


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
        line = re.sub(r" *\t *", "\t", line).strip(" ").rstrip("\t")
        if line:
            lines.append(line)
    return lines


def _render_element(el, parts: list[str], preformatted: bool) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    preformatted = preformatted or tag == "pre"
    if tag == "br" or tag in _HTML_BLOCK_TAGS:
        parts.append("\n")
    if tag == "table":
        rows = table_rows(el, lambda cell: _cell_text(cell, preformatted))
        parts.append("\n" + "\n".join(rows) + "\n")
        return
    if tag != "br":
        _render_contents(el, parts, preformatted)
    if tag in CELL_TAGS:
        parts.append("\t")
    elif tag in _HTML_BLOCK_TAGS:
        parts.append("\n")


def _cell_text(cell, preformatted: bool) -> str:
    """A table cell's text on one line."""
    parts: list[str] = []
    _render_contents(cell, parts, preformatted)
    return " ".join("".join(parts).replace("\t", " ").split())


def _render_contents(el, parts: list[str], preformatted: bool) -> None:
    """An element's own text, its children and their tails."""
    if el.text:
        parts.append(_html_text(el.text, preformatted))
    for child in el:
        _render_element(child, parts, preformatted)
        if child.tail:
            parts.append(_html_text(child.tail, preformatted))


def _html_text(text: str, preformatted: bool) -> str:
    if preformatted:
        return text
    return _HTML_SPACE.sub(" ", _CJK_WRAP.sub("", text))
