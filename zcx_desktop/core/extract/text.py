"""Text helpers for extraction: paragraphs, sentences, clause lookup, periods, scope names."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from zcx_desktop.core.model import Clause

SENTENCE_END = "。！？；;!?"
LABEL_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十百]+[、.．]"
    r"|\d+[、.．](?!\d)|\d{1,2}[.．](?=20\d{2}\s*年)|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条])\s*"
)

# Period expressions (time context of a target).
YEAR_RANGE_RE = re.compile(r"(20\d{2})\s*年?\s*[—–\-~～至到]+\s*(20\d{2})\s*年")
PLAN_PERIOD_RE = re.compile(
    r"[“\"]?(十[一二三四五六七八九]五|[一二三四五六七八九十]{3,4}五)[”\"]?(?:期间|时期|末)"
)
YEAR_RE = re.compile(
    r"(?:(到|至|截至|截止到?|力争到|争取到|展望)\s*)?(20\d{2})\s*年(底前|年底|底|末|前|内|以前)?"
)
ANNUAL_RE = re.compile(r"(每年|全年|年度|当年|年底前|年内|今年|本年度)")


@dataclass
class Paragraph:
    """One line of the clean text with its offsets."""

    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """A sentence (ends at 。；！？) inside one paragraph."""

    start: int
    end: int
    text: str
    paragraph: Paragraph


@dataclass
class Period:
    """A time expression: the text as written and the year it names (None when not one year)."""

    text: str
    year: int | None


def paragraphs(text: str) -> list[Paragraph]:
    """Split clean text into lines (paragraphs) with offsets, skipping empty ones."""
    result: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            result.append(Paragraph(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return result


def sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """Sentences of one paragraph; a closing quote or bracket stays with its sentence."""
    text = paragraph.text
    begin = 0
    i = 0
    while i < len(text):
        if text[i] in SENTENCE_END:
            end = i + 1
            while end < len(text) and text[end] in "”’）)】」":
                end += 1
            yield _make_sentence(paragraph, begin, end)
            begin = end
            i = end
            continue
        i += 1
    if begin < len(text) and text[begin:].strip():
        yield _make_sentence(paragraph, begin, len(text))


def _make_sentence(paragraph: Paragraph, begin: int, end: int) -> Sentence:
    raw = paragraph.text[begin:end]
    lead = len(raw) - len(raw.lstrip())
    return Sentence(paragraph.start + begin + lead, paragraph.start + end, raw.strip(), paragraph)


def strip_label(text: str) -> str:
    """Remove a leading clause label such as （一） / 1. / 第三条."""
    return LABEL_RE.sub("", text, count=1)


class ClauseLocator:
    """Finds the deepest clause containing an offset; gives its path and ancestors."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self.clauses = list(clauses)
        self._starts = [c.start for c in self.clauses]

    def at(self, offset: int) -> Clause | None:
        index = bisect_right(self._starts, offset) - 1
        while index >= 0:
            clause = self.clauses[index]
            if clause.start <= offset < max(clause.end, clause.start + 1):
                return clause
            index = clause.parent if clause.parent is not None else -1
        return None

    def path_at(self, offset: int) -> str:
        clause = self.at(offset)
        return clause.path if clause else ""

    def chain(self, clause: Clause | None) -> list[Clause]:
        """The clause and its ancestors, deepest first."""
        result: list[Clause] = []
        while clause is not None:
            result.append(clause)
            clause = self.clauses[clause.parent] if clause.parent is not None else None
        return result


def find_period(text: str) -> Period | None:
    """The first time expression in `text` (到2020年, 2018年底, 每年, “十四五”期间 ...)."""
    candidates: list[tuple[int, Period]] = []
    match = YEAR_RANGE_RE.search(text)
    if match:
        candidates.append((match.start(), Period(match.group(0), None)))
    match = PLAN_PERIOD_RE.search(text)
    if match:
        candidates.append((match.start(), Period(match.group(0), None)))
    for match in YEAR_RE.finditer(text):
        if YEAR_RANGE_RE.search(text[max(0, match.start() - 8) : match.end()]):
            continue
        candidates.append((match.start(), Period(match.group(0), int(match.group(2)))))
        break
    match = ANNUAL_RE.search(text)
    if match:
        candidates.append((match.start(), Period(match.group(0), None)))
    if not candidates:
        return None
    return min(candidates, key=lambda item: item[0])[1]


LEADING_PERIOD_RE = re.compile(
    r"^(?:(?:到|至|截至|力争到|争取到|展望)\s*)?(?:20\d{2}\s*年?\s*[—–\-~～至到]+\s*)?20\d{2}\s*年(?:底前|年底|底|末|前|内|以前)?"
    r"|^(?:到|至)?[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期|末)"
    r"|^(?:每年|全年|年度|当年|年底前|年内|今年|本年度)"
    r"|^[一二三四五两六七八九十]{1,2}年(?:内|间)?(?=[\u4e00-\u9fff]|$)"
)


def leading_period(text: str) -> tuple[Period | None, str]:
    """Split a time expression off the start of `text`; returns (period, rest)."""
    match = LEADING_PERIOD_RE.match(text)
    if not match:
        return None, text
    written = match.group(0)
    return find_period(written), text[match.end() :].lstrip("，, ")


STRONG_YEAR_RE = re.compile(r"(?:到|至|力争到|争取到|展望)\s*(20\d{2})\s*年")


def strong_year(text: str) -> Period | None:
    """The last 到20XX年 in `text` (a horizon that governs what follows)."""
    found = list(STRONG_YEAR_RE.finditer(text))
    if not found:
        return None
    match = found[-1]
    return Period(match.group(0), int(match.group(1)))


PLAN_END_YEARS = {
    "十一五": 2010,
    "十二五": 2015,
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
    "十六五": 2035,
}


def plan_end_year(text: str) -> int | None:
    """“十三五”期间 -> 2020, 2026—2028年 -> 2028 (the last year of the period)."""
    match = YEAR_RANGE_RE.search(text)
    if match:
        return int(match.group(2))
    for name, year in PLAN_END_YEARS.items():
        if name in text or f"第{name[:-1]}个五年" in text:  # 第十五个五年规划纲要
            return year
    return None


def document_years(title: str, text: str = "") -> tuple[int | None, int | None]:
    """(first, last) year a plan is about: 2018年…工作要点 -> 2018, 2018; …(2018—2020年) -> 2018, 2020."""
    sample = title or "\n".join(text.split("\n")[:3])
    match = YEAR_RANGE_RE.search(sample)
    if match:
        return int(match.group(1)), int(match.group(2))
    plan = plan_end_year(sample)
    if plan is not None:
        return plan - 4, plan
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", sample)]
    if years:  # a title 2026年计划执行情况与2027年计划草案的报告 plans for the later year
        year = max(years) if title else years[0]
        return year, year
    # no year in the title: the first 到20XX年 horizon that lies ahead (增长到2025年的1683亿元
    # in a review, or any year before the issue year, is a statistic)
    issued = issue_year(text)
    for horizon in STRONG_YEAR_RE.finditer(text):
        year = int(horizon.group(1))
        before = text[max(0, horizon.start() - 8) : horizon.start()]
        if NO_HORIZON_RE.search(before):  # 有效期至2028年12月31日 / 展望到2035年: no plan horizon
            continue
        if text[horizon.end() : horizon.end() + 1] != "的" and (issued is None or year >= issued):
            return None, year
    return None, None


NO_HORIZON_RE = re.compile(r"有效期|施行|执行期|适用期|展望")
OWN_NUMBER_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（](20\d{2})[〕\]］)）]\s*\d+\s*号$")
DELIVERY_LINE_RE = re.compile(r"^[—－\-\s]*(20\d{2})年(\d{1,2})月\d{1,2}日在.{2,60}(?:会议|大会)上")
SIGNING_DATE_RE = re.compile(r"^(20\d{2})年\d{1,2}月\d{1,2}日$")


def issue_year(text: str) -> int | None:
    """The year a document was issued: from its own 文号 line near the top (青政办发〔2026〕9号),
    or the line saying when a report was delivered (——2027年1月14日在…大会上), else from its
    signing-date line (2026年2月24日). None when none is written."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines[:15]:
        match = OWN_NUMBER_LINE_RE.match(line) or DELIVERY_LINE_RE.match(line)
        if match:
            return int(match.group(1))
    for line in lines:
        match = SIGNING_DATE_RE.match(line)
        if match:
            return int(match.group(1))
    return None


# Named places/parks a paragraph can be about (scope of its targets).
SCOPE_SUFFIX = (
    r"(?:国家高新技术产业开发区|高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|环科园|科技园"
    r"|产业园|工业园|园区|新区|新城|市|区|县)"
)
SCOPE_RE = re.compile(r"^([\u4e00-\u9fff]{2,8}?" + SCOPE_SUFFIX + r")(?=[\u4e00-\u9fff])")
PARK_RE = re.compile(
    r"^([\u4e00-\u9fff]{2,8}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|环科园|科技园|工业园|产业园|科创园|科学城|科技城|园区))"
)
_SCOPE_STOP_START = set("在对按以到全各我本由向从为经省市其该此上下")
_SCOPE_STOP_WORDS = (
    "万元",  # 万元地区生产总值用水量: a measure, not a place
    "单位",
    "建成",  # 建成市级幸福河湖6条
    "创建",
    "建设",
    "推进",
    "加快",
    "发展",
    "实施",
    "支持",
    "鼓励",
    "推动",
    "加强",
    "完善",
    "提升",
    "培育",
    "引导",
    "强化",
    "深化",
    "落实",
    "围绕",
    "依托",
    "按照",
    "根据",
    "结合",
    "坚持",
    "打造",
    "形成",
    "构建",
    "开展",
    "组织",
    "优化",
    "聚焦",
    "扩大",
    "充分",
    "积极",
    "大力",
    "着力",
    "全面",
    "深入",
    "创建",
    "争创",
    "设立",
    "集聚",
    "承接",
    "规划",
    "布局",
    "探索",
    "整合",
    "自创",
    "示范",
)
_GENERIC_STEM_RE = re.compile(
    r"(特色|创新型|科技|产业|工业|专业|示范|各类|相关|有关|重点|辐射|省级|市级|国家级)"
    + SCOPE_SUFFIX
    + "$"
)
# a named place: 临江县, 苍州市, 白沙镇, 东港智造园, 生物医药港 (a bracketed note may follow)
PLACE_NAME_RE = re.compile(
    r"(?![全各本该我其])[\u4e00-\u9fff]{2,10}?(?:园|港|区|县|市|镇|乡|街道|新城|片区|基地)"
    r"(?:[（(][^（）()]{1,8}[）)])?"
)
_SCOPE_STOP_NAMES = {
    "地区",
    "园区",
    "社区",
    "市区",
    "城区",
    "新区",
    "高新区",
    "开发区",
    "辖区",
    "片区",
}


def scope_name(text: str, *, parks_only: bool = False) -> str:
    """A place/park name opening `text` (无锡高新区加快… -> 无锡高新区), else ""."""
    body = strip_label(text)
    match = (PARK_RE if parks_only else SCOPE_RE).match(body)
    if not match:
        return ""
    name = match.group(1)
    return name if _is_named_place(name) else ""


# a place of government on its own (北岚市, 柳汐街道, 清渚镇): not 中试基地, 公办幼儿园, 送电影下乡
ADMIN_PLACE_RE = re.compile(
    r"(?![全各本该我其])(?:[\u4e00-\u9fff]{2,3}(?:市|县|镇|街道)|[\u4e00-\u9fff]{2}(?:区|乡)"
    r"|(?!城市|农村|城乡|示范|完整|智慧|绿色|和谐|美丽|老旧|新型)[\u4e00-\u9fff]{2}社区"  # 福康社区
    r"|(?![\u4e00-\u9fff]*(?:乡|农|山|渔|行政|自然|示范|中心|传统|重点|薄弱|贫困|脱贫|样板|试点|帮扶|美|强"
    r"|每|个|健康|文明|卫生|生态|数字|智慧|平安|法治|森林|绿色|宜居|文化|旅游|特色|金融|信用|电商|红色|古|名))"
    r"[\u4e00-\u9fff]{2,3}村"  # 何家坂村 (乡村, 示范村, 健康村 are kinds of village)
    r"|[\u4e00-\u9fff]{2,4}(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区"
    r"|园区|片区))"  # 其中昱丰经济开发区不少于8个
)


def is_place_name(text: str) -> bool:
    """北岚市 on its own: a named place of government and nothing else."""
    return ADMIN_PLACE_RE.fullmatch(text) is not None and _is_named_place(text)


def leading_place(text: str) -> str:
    """嘉陌市城镇老旧小区改造 -> 嘉陌市; 智造港片区新增 -> 智造港片区: the shortest named place
    opening the text (城镇 and 乡镇 are words, not a place's end), else ""."""
    for end in range(3, min(len(text), 14) + 1):
        if is_place_name(text[:end]) and text[end - 2 : end] not in ("城镇", "乡镇"):
            return text[:end]
    return ""


def _is_named_place(name: str) -> bool:
    if name[0] in _SCOPE_STOP_START or name in _SCOPE_STOP_NAMES:
        return False
    if any(word in name for word in _SCOPE_STOP_WORDS):
        return False
    return _GENERIC_STEM_RE.search(name) is None  # 特色园区 / 科技园区: a kind of place


# a plain-text table row whose cells are set apart by ideographic spaces (or 2+ spaces):
# 1　粮食安全　粮食播种面积　万亩　62.4　≥62　约束性
SPACED_CELLS_RE = re.compile(r"\u3000+| {2,}")
MIN_SPACED_CELLS = 4


BAR_CHARS = "|｜│┃"  # cell separators of a text table: | ｜ and the box-drawing │ ┃
TABLE_RULE_RE = re.compile(r"[-─━═┄┈+＋" + BAR_CHARS + r"┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬\s]{3,}")


def is_table_rule(line: str) -> bool:
    """┌──┬──┐ / ├──┼──┤ / +----+----+: a ruled line drawn between the rows of a text table."""
    return bool(TABLE_RULE_RE.fullmatch(line.strip())) and bool(re.search(r"[-─━═]{2}", line))


def table_cells(line: str) -> list[str]:
    """Cells of a tab-separated, |- or │-delimited or space-aligned row ([] when the line is no
    row)."""
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    line = line.strip()
    if line[:1] in BAR_CHARS and line[-1:] in BAR_CHARS and len(line) > 2:
        return [cell.strip() for cell in re.split("[" + BAR_CHARS + "]", line[1:-1])]
    cells = SPACED_CELLS_RE.split(line.strip())
    if (
        len(cells) >= MIN_SPACED_CELLS
        and not re.search(r"[。；;，,]", line)
        and all(0 < len(cell) <= 40 for cell in cells)
        and (any(ch.isdigit() for ch in line) or cells[0] in ("序号", "编号"))
    ):
        return cells  # a row with figures, or a header opening with 序号
    return []


def work_year(text: str) -> int | None:
    """The year a report delivered at a congress plans for: the year it was delivered, or the
    next one when it was delivered in November or December (——2026年12月28日在…大会上)."""
    for line in text.split("\n")[:15]:
        match = DELIVERY_LINE_RE.match(line.strip())
        if match:
            return int(match.group(1)) + (1 if int(match.group(2)) >= 11 else 0)
    return None
