"""Document metadata (title, 文号, 发文机关, dates, status, region, level) from clean text and page fields."""

from __future__ import annotations

import logging
import re
from datetime import date

from zcx_desktop.core.ingest.numerals import chinese_to_int
from zcx_desktop.core.model import DocumentMeta

log = logging.getLogger("zcx.ingest")

TOP_LINES = 12  # notice/title lines are looked for near the top of the clean text
HEAD_LINES = 40  # labelled page fields and title lines: the first lines only
MAX_TITLE = 100

# Region names: name -> administrative level. A small table, extend as documents come in.
_PROVINCES = (
    "河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 "
    "广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区 "
    "西藏自治区 宁夏回族自治区 新疆维吾尔自治区 北京市 天津市 上海市 重庆市"
).split()
_CITIES = (
    "南京市 无锡市 徐州市 常州市 苏州市 南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 宿迁市 "
    "杭州市 宁波市 合肥市 福州市 厦门市 南昌市 济南市 青岛市 郑州市 武汉市 长沙市 广州市 深圳市 "
    "成都市 西安市 沈阳市 大连市 长春市 哈尔滨市 石家庄市 太原市 昆明市 贵阳市 南宁市 海口市"
).split()
_COUNTIES = (
    "江阴市 宜兴市 昆山市 常熟市 张家港市 太仓市 溧阳市 丹阳市 句容市 扬中市 仪征市 高邮市 "
    "梁溪区 锡山区 惠山区 滨湖区 新吴区 新北区 武进区 姑苏区 吴中区 相城区 吴江区 工业园区"
).split()
REGION_LEVEL: dict[str, str] = {
    **{name: "省级" for name in _PROVINCES},
    **{name: "市级" for name in _CITIES},
    **{name: "区县级" for name in _COUNTIES},
}
# 文号 prefixes (longest first wins) -> region. Only prefixes that are unambiguous.
DOC_NUMBER_REGION: dict[str, str] = {
    "苏府": "苏州市", "苏政": "江苏省", "苏办": "江苏省", "苏发": "江苏省", "苏委": "江苏省",
    "锡": "无锡市", "宁": "南京市", "徐": "徐州市", "常政": "常州市", "常办": "常州市",
    "通政": "南通市", "连政": "连云港市", "淮政": "淮安市", "盐政": "盐城市", "扬府": "扬州市",
    "镇政": "镇江市", "泰政": "泰州市", "宿政": "宿迁市", "澄": "江阴市", "宜政": "宜兴市",
    "沪": "上海市", "京政": "北京市", "浙政": "浙江省",
}
DOMAIN_REGION: dict[str, str] = {
    "jiangsu.gov.cn": "江苏省", "wuxi.gov.cn": "无锡市", "nanjing.gov.cn": "南京市",
    "suzhou.gov.cn": "苏州市", "changzhou.gov.cn": "常州市", "shanghai.gov.cn": "上海市",
    "zj.gov.cn": "浙江省",
}
KNOWN_STATUS = ("执行中", "现行有效", "有效", "部分失效", "已废止", "废止", "失效", "已修改", "尚未生效")

_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "(": "〔", "（": "〔", "【": "〔",
                           "]": "〕", "］": "〕", ")": "〕", "）": "〕", "】": "〕"})
_RE_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[(（［【]\s*((?:19|20)\d\d)\s*[〕\])）］】]\s*(\d{1,5})\s*号")
_RE_DATE_NUM = re.compile(
    r"((?:19|20)\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)\s*日?")
_RE_DATE_CN = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                         r"\s*([一二三四五六七八九十]{1,3})\s*日")
_RE_NOTICE = re.compile(r"([^《》【】\s]{0,40}?关于(?:印发|转发|下发|颁布|公布|发布)(.{2,120}?)的通知)")
_RE_TITLE_END = re.compile(
    r"(?:办法|方案|计划|意见|规定|条例|细则|要点|规划|决定|措施|纲要|指南|制度|规则|通知|通告|公告|"
    r"批复|指引|清单|目录|标准|若干政策|政策|工作要点|报告|请示|总结|公报|议案)(?:[（(][^（）()]{1,20}[)）])*$")
_RE_SENTENCE_PUNCT = re.compile(r"[。，,；;！？!?：:]")
_RE_ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()〔〕]{2,40}(?:人民政府|政府|办公室|办公厅|委员会|局|厅|委|部|中心|院|会|署|办|组|处)$")
_LABELLED = {
    "doc_number": re.compile(r"^(?:文\s*号|发文字号)[:：\s]\s*(.+)$"),
    "issuer": re.compile(r"^(?:制发机关|发文机关|发布机关|发文单位|发文部门)[:：\s]\s*(\S.*)$"),
    "written_date": re.compile(r"^(?:成文日期|成文时间|印发日期)[:：\s]\s*(.+)$"),
    "published_date": re.compile(r"(?:发布时间|发布日期|公布日期|公开日期)[:：\s]\s*(\S[^:：]*?\d日?)(?:\s|$)"),
    "status": re.compile(r"^(?:文件状态|时效性|有效性|效力状态)[:：\s]\s*(\S+)"),
    "level": re.compile(r"^(?:政策级别|文件级别)[:：\s]\s*(\S+)"),
}
_RE_PAREN_TAIL = re.compile(r"(?:\([^()]{1,20}\))+")
_RE_URL = re.compile(r"https?://[^\s<>\"'，。]+")


def extract_metadata(
    clean_text: str,
    fields: dict[str, str],
    hints: dict[str, str] | None = None,
    removed_lines: list[str] | None = None,
) -> DocumentMeta:
    """Metadata of one document; unknown fields stay "" (nothing is invented)."""
    hints = hints or {}
    lines = clean_text.split("\n")
    head = lines[:HEAD_LINES]
    found = _labelled_values(head + list(removed_lines or []))
    found.update({k: v.strip() for k, v in fields.items() if v and v.strip()})
    meta = DocumentMeta()
    meta.notice_title = _notice_title(head[:TOP_LINES], removed_lines or [], hints)
    meta.title = _policy_title(head, meta.notice_title, hints)
    meta.doc_number = normalise_doc_number(found.get("doc_number", "")) or _doc_number_line(lines)
    signature_issuer, signature_date = _signature(lines)
    meta.written_date = parse_date(found.get("written_date", "")) or signature_date
    meta.published_date = parse_date(found.get("published_date", ""))
    meta.status = _status(found.get("status", ""))
    meta.source_url = found.get("source_url", "") or hints.get("source_url", "") or _original_link(lines)
    region = _region(found.get("issuer", "") or signature_issuer, meta)
    meta.issuer = (_clean_issuer(found.get("issuer", "")) or signature_issuer
                   or _issuer_from_notice(meta.notice_title, region))
    meta.region = region or _region(meta.issuer, meta)
    meta.level = _level(found.get("level", ""), meta)
    log.debug("metadata: %s", meta)
    return meta


# --- labelled values, dates, numbers ----------------------------------------------------


def _labelled_values(lines: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        for key, pattern in _LABELLED.items():
            m = pattern.search(line) if key == "published_date" else pattern.match(line)
            if m and key not in values and m.group(1).strip():
                values[key] = m.group(1).strip()
    return values


def parse_date(value: str) -> str:
    """ISO date from 2018年8月1日, 2018-08-01 09:35:08, 2022/2/14, 二〇一八年八月一日; else ""."""
    if not value:
        return ""
    m = _RE_DATE_NUM.search(value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _RE_DATE_CN.search(value)
    if m:
        parts = [chinese_to_int(m.group(i)) for i in (1, 2, 3)]
        if None not in parts:
            return _iso(*parts)  # type: ignore[arg-type]
    return ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _is_date_line(line: str) -> bool:
    line = line.strip()
    m = _RE_DATE_NUM.fullmatch(line) or _RE_DATE_CN.fullmatch(line)
    return m is not None and bool(parse_date(line))


def normalise_doc_number(value: str) -> str:
    """文号 with 〔〕 year brackets and no spaces: 锡政办发[2018]91号 -> 锡政办发〔2018〕91号."""
    m = _RE_DOC_NUMBER.search(value.replace(" ", "").replace("\u3000", ""))
    if m is None:
        return ""
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"


def _doc_number_line(lines: list[str]) -> str:
    """A line that is a 文号 and nothing else, near the top (references in the body don't count)."""
    for line in lines[:HEAD_LINES]:
        candidate = line.strip()
        m = _RE_DOC_NUMBER.fullmatch(candidate.replace(" ", ""))
        if m and len(candidate) <= 30:
            return normalise_doc_number(candidate)
    return ""


def _status(value: str) -> str:
    value = value.strip()
    for status in KNOWN_STATUS:
        if value.startswith(status):
            return status
    return value if 0 < len(value) <= 8 else ""


# --- titles -------------------------------------------------------------------------


def _strip_wrappers(line: str) -> str:
    """"【摘要】《关于…的通知》要点" -> "关于…的通知"."""
    line = re.sub(r"^【[^】]{0,10}】", "", line.strip())
    m = re.fullmatch(r"《(.+)》\s*(?:要点|解读|全文|原文|政策解读|图解)?", line)
    return m.group(1) if m else line


def _joined_pairs(lines: list[str]) -> list[str]:
    """Each line, and each line joined with the next when it ends without punctuation."""
    out: list[str] = []
    for i, line in enumerate(lines):
        line = line.strip()
        out.append(line)
        if _RE_DOC_NUMBER.fullmatch(line.replace(" ", "")):
            continue  # 昀政〔2026〕58号 stands alone; it never begins a title
        if i + 1 < len(lines) and line and not _RE_SENTENCE_PUNCT.search(line[-1]):
            out.append(line + lines[i + 1].strip())
    return out


def _notice_title(top: list[str], removed: list[str], hints: dict[str, str]) -> str:
    html_title = re.split(r"_|\s[-|｜]\s|\|", hints.get("html_title", ""))[0]
    for line in _joined_pairs(top) + list(removed) + [html_title]:
        candidate = _strip_wrappers(line)
        if _RE_NOTICE.fullmatch(candidate) and len(candidate) <= MAX_TITLE + 20:
            return candidate
    return ""


def _inner_title(notice_title: str) -> str:
    m = _RE_NOTICE.fullmatch(notice_title)
    if m is None:
        return ""
    inner = m.group(2).strip()
    return inner[1:-1] if inner.startswith("《") and inner.endswith("》") else inner


def _comparable(text: str) -> str:
    return re.sub(r"[\s《》]", "", text).translate(str.maketrans("（）—", "()-"))


def _policy_title(head: list[str], notice_title: str, hints: dict[str, str]) -> str:
    inner = _inner_title(notice_title)
    candidates = _joined_pairs(head)
    if inner:
        wanted = _comparable(inner)
        for candidate in candidates:
            comparable = _comparable(candidate)
            if comparable == wanted or (comparable.startswith(wanted) and _RE_PAREN_TAIL.fullmatch(
                    comparable[len(wanted):])):
                return candidate
        return inner
    for candidate in candidates:
        if _looks_like_title(candidate):
            return _strip_wrappers(candidate)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", hints.get("filename", ""))
    return stem if _looks_like_title(stem) else ""


def _looks_like_title(line: str) -> bool:
    line = _strip_wrappers(line)
    if not 4 <= len(line) <= MAX_TITLE or _RE_SENTENCE_PUNCT.search(line):
        return False
    return bool(_RE_TITLE_END.search(line)) and re.search(r"[\u4e00-\u9fff]", line) is not None


# --- issuer, region, level -------------------------------------------------------------


def _signature(lines: list[str]) -> tuple[str, str]:
    """(issuer, date) from the first "organ name" line directly followed by a date line."""
    for i in range(1, len(lines)):
        if _is_date_line(lines[i]):
            previous = lines[i - 1].strip()
            names = previous.split()
            if names and all(_RE_ORGAN.match(name) for name in names):
                return previous, parse_date(lines[i])
    return "", ""


def _clean_issuer(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _issuer_from_notice(notice_title: str, region: str) -> str:
    """"市政府办公室关于…" -> "无锡市人民政府办公室" when the region is known; else ""."""
    prefix = notice_title.split("关于", 1)[0] if "关于" in notice_title else ""
    if not prefix:
        return ""
    if any(prefix.startswith(name) for name in REGION_LEVEL):
        return prefix
    m = re.fullmatch(r"([省市区县])政府(办公室|办公厅)?", prefix)
    if m and region and REGION_LEVEL.get(region) == _LEVEL_OF_UNIT[m.group(1)]:
        return f"{region}人民政府{m.group(2) or ''}"
    return ""


_LEVEL_OF_UNIT = {"省": "省级", "市": "市级", "区": "区县级", "县": "区县级"}


def _region(issuer: str, meta: DocumentMeta) -> str:
    for text in (issuer, meta.title, meta.notice_title):
        for name in sorted(REGION_LEVEL, key=len, reverse=True):
            if text.startswith(name):
                return name
    for prefix in sorted(DOC_NUMBER_REGION, key=len, reverse=True):
        if meta.doc_number.startswith(prefix):
            return DOC_NUMBER_REGION[prefix]
    m = re.match(r"https?://(?:[\w-]+\.)*?([\w-]+\.gov\.cn)", meta.source_url)
    return DOMAIN_REGION.get(m.group(1), "") if m else ""


def _level(given: str, meta: DocumentMeta) -> str:
    if given:
        return given.strip()
    issuer = meta.issuer
    if issuer.startswith(("国务院", "中共中央", "国家")):
        return "国家级"
    for name, level in REGION_LEVEL.items():
        if issuer.startswith(name):
            return level
    prefix = meta.notice_title.split("关于", 1)[0] if "关于" in meta.notice_title else issuer
    if prefix[:1] in _LEVEL_OF_UNIT and prefix[1:3] in ("政府", "委办", "人民"):
        return _LEVEL_OF_UNIT[prefix[0]]
    return REGION_LEVEL.get(meta.region, "")


def _original_link(lines: list[str]) -> str:
    """The URL given under or after a "原文链接" line."""
    for i, line in enumerate(lines):
        if "原文链接" in line:
            for candidate in (line, lines[i + 1] if i + 1 < len(lines) else ""):
                m = _RE_URL.search(candidate)
                if m:
                    return m.group(0)
    return ""
