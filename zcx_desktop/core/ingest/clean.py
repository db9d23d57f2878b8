"""Clean raw text: one paragraph per line, web-page boilerplate removed, page metadata kept as fields.

Rules are general (label vocabularies and line shapes), not exact strings of one site:

* a line is page furniture when it splits entirely into known labels ("发布时间", "浏览次数",
  "责任编辑", "打印", "分享到" ...) each followed by a value of the expected shape (a date, a
  count, a short name, nothing); metadata labels ("文号", "成文日期", "索引号" ...) in such a
  line put their value into `fields`;
* navigation lines consist only of toolbar words (繁体版 / English / 无障碍 / 长者版 ...);
* breadcrumbs start with 当前位置/您的位置 or 首页 > ...;
* a footer block starts at a footer marker line (版权所有, ICP备, 微信公众号, 回到顶部 ...)
  when everything after it is furniture or short lines;
* a trailing 原文链接 section and 本文链接 lines go, their URL into fields["source_url"].

Body paragraphs are never touched: every rule requires the whole (short) line to match.
Lines such as "【摘要】《…》要点" and "《…》解读" titles are kept as written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

log = logging.getLogger("zcx.ingest")


@dataclass
class CleanResult:
    """Clean text, the boilerplate lines that were removed, and page metadata found in them."""

    text: str
    removed_lines: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible characters that only hide or reorder text: C0/C1 controls except tab and line
# breaks, bidi embeddings/overrides/isolates and marks, noncharacters, tag characters.
_NONCHARACTERS = "".join(
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
)
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0/C1 except \t \n \v \f \r NEL (line breaks)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    f"\ufdd0-\ufdef{_NONCHARACTERS}\U000e0000-\U000e007f]"  # noncharacters, tag characters
)
_INNER_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_EDGE_WHITESPACE = (
    " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")

# --- label vocabularies ---------------------------------------------------------------
# Metadata labels: (regex, field key or "" for labels removed without a field).
_METADATA_LABELS: tuple[tuple[str, str], ...] = (
    (r"发文字号|文号|发文号|文件编号", "doc_number"),
    (r"制发机关|发文机关|发文单位|发文部门|发布机构|发布机关|发布单位|所属机构|制文机关", "issuer"),
    (r"成文日期|成文时间|印发日期|生成日期", "written_date"),
    (r"发布日期|公开日期|发文日期", "published_date"),
    (r"文件状态|时效性|有效性|效力状态|时效状态|是否有效", "status"),
    (r"索引号", "index_no"),
    (r"政策级别|文件级别|发文级别", "level"),
    (
        r"政策主题|主题分类|主题词|体裁分类|组配分类|服务对象分类|文件分类|信息分类|政策类别",
        "topic",
    ),
    (r"实施日期|生效日期|施行日期|废止日期|失效日期|公开方式|公开范围|公开时限|信息来源", ""),
)

_DATE = r"\d{2,4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_EMPTY_OR_DATE = rf"(?:{_DATE})?"
_COUNT = r"\d*\s*次?"
_FONT_SIZE = r"[\[【(（]?\s*(?:[大中小标准默认][\s|｜/]*)*[\]】)）]?"
_SHORT_NAME = r"[^。；;，,！？!?]{0,30}"

# Furniture labels with a value: (labels, value regex, field key).
_DATE_LABELS = "|".join(
    f"{a}{b}" for a in ("发布", "更新", "发表", "上传", "创建", "录入") for b in ("时间", "日期")
)
_VALUED_FURNITURE: tuple[tuple[str, str, str], ...] = (
    (_DATE_LABELS, _EMPTY_OR_DATE, "published_date"),
    (r"文字大小|字体大小|字号大小|字体|字号|文字", _FONT_SIZE, ""),
    (
        r"浏览次数|点击次数|阅读次数|访问次数|查看次数|浏览量|点击量|阅读量|访问量|点击数|阅读数|浏览数|浏览|阅读",
        _COUNT,
        "",
    ),
    (r"来源|信息来源|文章来源|稿件来源|作者|撰稿|供稿|摄影|记者|通讯员", _SHORT_NAME, ""),
    (
        r"责任编辑|责编|编辑|审核|审校|校对|初审|复审|终审|签发|核稿|编审|值班编辑",
        _SHORT_NAME,
        "",
    ),
    (r"上一篇|下一篇|上一条|下一条", r".{0,100}", ""),
)
# Labels that also start real content lines ("来源：统计局" under a table, "作者：" of a
# cited report): such a line is furniture only in the page header or after the last long
# paragraph, unless it also holds a label that never starts content.
_WEAK_LABELS = re.compile(
    r"^(?:来源|信息来源|文章来源|稿件来源|作者|撰稿|供稿|摄影|记者|通讯员|编辑|审核|审校|校对|"
    r"初审|复审|终审|签发|核稿|编审|上一篇|下一篇|上一条|下一条)$"
)
_LONG_PARAGRAPH = 40
# Labels that need a colon after them because the bare word also starts ordinary sentences.
_COLON_REQUIRED = re.compile(
    r"^(?:时间|日期|文字|字体|来源|作者|撰稿|供稿|摄影|记者|通讯员|编辑|审核|审校|校对|初审|复审|终审|签发|核稿|编审|浏览|阅读)$"
)

# Toolbar words that form a line on their own (no value).
_BARE_FURNITURE = (
    r"打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|保存本页|保存|收藏本页|收藏|加入收藏|点赞|转发|"
    r"分享到|分享|评论|我要评论|我要纠错|纠错|返回顶部|回到顶部|返回|"
    r"微信|微博|朋友圈|QQ空间|QQ好友|QQ|豆瓣|复制链接|扫一扫|在手机上打开|手机扫码|"
    r"繁体版|繁體版|简体版|簡體版|繁体|繁體|简体|簡體|繁体中文|简体中文|English|ENGLISH|EN|"
    r"中文版|英文版|手机版|手机客户端|客户端|手机门户|移动版|移动端|无障碍浏览|无障碍阅读|无障碍|"
    r"长者版|长者模式|适老化|适老版|适老化模式|关怀版|关怀模式|老年版|读屏|读屏专用|"
    r"登录|注册|个人中心|网站导航|站内搜索|高级搜索|搜索|设为首页|网站首页|返回首页|首页|"
    r"政务微信|政务微博|官方微信|官方微博|今日头条|抖音"
)
# Bare words that are furniture only in the page header zone (before the document starts).
_HEADER_ONLY = re.compile(r"^(?:提示|温馨提示|首页|搜索|登录|注册)$")

_FOOTER_MARKER = re.compile(
    r"版权所有|版权归|Copyright|©|ICP备|ICP证|网站标识码|公网安备|网安备|"
    r"^(?:主办|承办|协办|技术支持|运维|维护)(?:单位)?[:：]|^联系我们$|^网站地图$|^关于我们$|"
    r"^(?:微信)?公众号$|微信公众号|扫码关注|扫一扫|二维码|^政务微博$|^官方微博$|智能问答|智能客服|"
    r"^\S{0,8}APP$|^回到顶部$|^返回顶部$|^收起$|^展开(?:全部)?$|^热门评论$|^网友评论$|^相关(?:文章|链接|阅读|新闻)$|"
    r"版权与免责声明|免责声明|^隐私(?:政策|声明)$|^本文链接",
    re.IGNORECASE,
)
_FOOTER_SHORT_LINE_MAX = 25
_SENTENCE_END = re.compile(r"[。；！？]$")

_BREADCRUMB = re.compile(
    r"^(?:您?(?:现在|当前)?(?:的|所在)?(?:当前)?位置|你的位置|所在位置|当前页面)\s*[:：]"
    r"|^(?:首页|网站首页|主页)\s*[>»›＞→/|]"
)
_BREADCRUMB_MAX = 100
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_CLAUSE_PREFIX = r"(?:[一二三四五六七八九十百]+[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[、.．])?"
_ORIGINAL_LINK = re.compile(
    rf"^{_CLAUSE_PREFIX}\s*(?:原文链接|原文地址|原文网址|原文)\s*[:：]?\s*(?P<url>\S*)$"
)
_THIS_LINK = re.compile(
    r"^(?:本文链接|本页链接|本文地址|文章链接|网页链接)\s*[:：]\s*(?P<url>\S+)$"
)
_FURNITURE_LINE_MAX = 160
_SEPARATORS = r"[\s|｜/·•丨,，、:：\[\]【】()（）<>《》]*"


def strip_invisible(text: str) -> str:
    """Remove controls (except tab and line breaks), bidi controls, noncharacters and tags."""
    return _INVISIBLE.sub("", text)


def clean_text(raw: str) -> CleanResult:
    """Turn raw extracted text into the clean-text contract and strip page boilerplate."""
    lines = _normalise_lines(strip_invisible(raw))
    fields: dict[str, str] = {}
    end = _original_link_section_start(lines, fields)
    end = _footer_start(lines[:end])
    removed_tail = lines[end:]
    for line in removed_tail:
        link = _THIS_LINK.match(line)
        if link:
            fields.setdefault("source_url", link.group("url"))
    removed: list[str] = []
    kept: list[str] = []
    in_header = True
    last_long = max(
        (i for i, line in enumerate(lines[:end]) if len(line) >= _LONG_PARAGRAPH), default=-1
    )
    for index, line in enumerate(lines[:end]):
        if _is_boilerplate_line(line, fields, in_header, loose=in_header or index > last_long):
            removed.append(line)
            continue
        kept.append(line)
        if _is_document_start(line):
            in_header = False
    removed.extend(removed_tail)
    log.debug("clean_text removed %d lines, fields %s", len(removed), sorted(fields))
    return CleanResult(text="\n".join(kept), removed_lines=removed, fields=fields)


def _normalise_lines(raw: str) -> list[str]:
    text = _LINE_BREAKS.sub("\n", raw)
    text = _ZERO_WIDTH.sub("", text)
    lines = []
    for line in text.split("\n"):
        line = _CONTROL.sub("", line)
        line = _INNER_SPACES.sub(" ", line).strip(_EDGE_WHITESPACE)
        if line:
            lines.append(line)
    return lines


def _is_document_start(line: str) -> bool:
    """The header zone ends at the first line with real text (a title or a sentence)."""
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 8


def _is_boilerplate_line(line: str, fields: dict[str, str], in_header: bool, loose: bool) -> bool:
    if in_header and _HEADER_ONLY.match(line):
        return True
    if len(line) <= _BREADCRUMB_MAX and _BREADCRUMB.search(line):
        return True
    link = _THIS_LINK.match(line)
    if link:
        fields.setdefault("source_url", link.group("url"))
        return True
    return _parse_label_line(line, fields, loose)


# --- label:value lines ------------------------------------------------------------------


def _label_pattern() -> re.Pattern[str]:
    alternatives = [label for label, _ in _METADATA_LABELS]
    alternatives += [label for label, _, _ in _VALUED_FURNITURE]
    alternatives.append(_BARE_FURNITURE)
    words = sorted({w for alt in alternatives for w in alt.split("|")}, key=len, reverse=True)
    joined = "|".join(w for w in words)
    return re.compile(rf"(?:^|(?<=[\s|｜/·•丨,，、:：\]】)）>]))【?(?P<label>{joined})")


_LABEL = _label_pattern()


def _parse_label_line(line: str, fields: dict[str, str], loose: bool) -> bool:
    """True when the whole line is label(:value) segments of known page furniture."""
    if len(line) > _FURNITURE_LINE_MAX:
        return False
    matches = [m for m in _LABEL.finditer(line)]
    if not matches or line[: matches[0].start()].strip("【[ ") != "":
        return False
    labels = [m.group("label") for m in matches]
    if not loose and all(_WEAK_LABELS.match(label) for label in labels):
        return False
    found: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        label = match.group("label")
        rest = line[match.end() : end]
        if not _accept_segment(label, rest, found):
            return False
    for key, value in found.items():
        fields.setdefault(key, value)
    return True


def _accept_segment(label: str, rest: str, found: dict[str, str]) -> bool:
    has_colon = bool(re.match(r"^[】\]]?\s*[:：]", rest))
    value = re.sub(r"^[】\]]?\s*[:：]?\s*", "", rest).strip(" \t|｜/·•丨,，")
    for pattern, key in _METADATA_LABELS:
        if re.fullmatch(pattern, label):
            if rest and not re.match(r"^[】\]]?[\s:：]", rest):
                return False
            if len(value) > 80 or re.search(r"[。；]", value):
                return False
            if key and value:
                found.setdefault(key, value)
            return True
    for pattern, value_pattern, key in _VALUED_FURNITURE:
        if re.fullmatch(pattern, label):
            if _COLON_REQUIRED.match(label) and not has_colon:
                return False
            value = value.rstrip("】] ")
            if not re.fullmatch(value_pattern, value):
                return False
            if key and value:
                found.setdefault(key, value)
            return True
    return re.fullmatch(_SEPARATORS, rest) is not None


# --- trailing sections ------------------------------------------------------------------


def _original_link_section_start(lines: list[str], fields: dict[str, str]) -> int:
    """Index of a trailing "原文链接" heading (with or without clause label) before its URL line."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
        match = _ORIGINAL_LINK.match(lines[index])
        if not match:
            continue
        url = match.group("url")
        tail = lines[index + 1 :]
        if url and not _URL.match(url):
            continue
        if not url and tail and _URL.match(tail[0]):
            url = tail[0]
            tail = tail[1:]
        if not url or any(not _is_footer_furniture(line) for line in tail):
            continue
        fields.setdefault("source_url", url)
        return index
    return len(lines)


def _is_footer_furniture(line: str) -> bool:
    return bool(_FOOTER_MARKER.search(line)) or _is_short_furniture(line)


def _is_short_furniture(line: str) -> bool:
    return len(line) <= _FOOTER_SHORT_LINE_MAX and not _SENTENCE_END.search(line)


def _footer_start(lines: list[str]) -> int:
    """Index of the page footer: the first footer marker after which all lines are furniture."""
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if _FOOTER_MARKER.search(line):
            start = index
        elif not _is_short_furniture(line) or _looks_like_signature(line):
            break
    return start


def _looks_like_signature(line: str) -> bool:
    """Dates and issuer lines at the end of a document are content, not furniture."""
    return bool(re.search(_DATE, line)) or bool(
        re.search(r"(?:人民政府|办公室|委员会|局|厅|部)$", line)
    )
