"""Where a target's year and standing come from: the sentence, clause, section and document.

A sentence's items share a context (the period so far, the clause's horizon, the plan's years,
the issue year). Review sections (发展基础, 工作回顾) hold statistics; a plain year before the
plan or the issue year is past; a horizon in a single-year plan's running text only looks ahead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zcx_desktop.core.extract.text import (
    ClauseLocator,
    Paragraph,
    Period,
    plan_end_year,
    scope_name,
    strip_label,
    strong_year,
)
from zcx_desktop.core.model import Clause

STRONG_PERIOD_RE = re.compile(r"^(?:到|至|力争到|争取到|截至)|五|\d{4}\s*[—–\-~～至到]")


@dataclass
class Context:
    """What a sentence's items share: period so far, scope, fallbacks."""

    period: Period | None
    clause_period: Period | None
    doc_year: int | None
    scope: str
    start_year: int | None = None
    issued: int | None = None  # the year the document was issued
    paragraph_period: Period | None = None  # 2025年，…: a plain year opening the paragraph
    sentence_period: Period | None = None  # …。2025年，…；…。: one opening a sentence, up to 。
    opening: bool = True  # in the paragraph's first sentence
    last_indicator: str = ""  # …，比2025年提高1.8个百分点 measures the indicator just named
    pending_names: list[str] = field(default_factory=list)
    pending_scopes: list[str] = field(default_factory=list)  # 苍州市、滨江市…分别达到12、6
    pending_years: list[int] = field(default_factory=list)  # 2026年、2027年分别达到25、30
    respective_years: list[int] = field(default_factory=list)  # …，粮食总产量分别达到…: the same
    in_table: bool = False  # a tab-separated row: a cell holding only an amount is no target
    sentence_indicator: str = ""  # the last indicator of the sentence before, in the paragraph
    past_measure: tuple[str, str] = ("", "")  # 目前…企业986家: (what it counts, its unit)
    bare_phrase: str = ""  # the last item of the sentence with no figure (named before 分别)
    subject_places: list[str] = field(default_factory=list)  # 甲县、乙县…，各建设…2个
    respective_names: list[str] = field(default_factory=list)  # 起数和死亡人数分别下降5%
    named_piece: list[str] = field(default_factory=list)  # the names of the piece before
    past_run: bool = False  # the item before ended on a past figure (已与11所高校、6家院所…)
    horizons: list[int] = field(default_factory=list)  # 到2028年…，到2030年…；…分别达到…和…: to 。


def resolve_year(
    period: Period | None, own: Period | None, context: Context
) -> tuple[int | None, str, str]:
    if period is not None and (
        period.year is not None
        or period.text in ("每年",)
        or "五" in period.text
        or any(c.isdigit() for c in period.text)
    ):
        year = period.year if period.year is not None else plan_end_year(period.text)
        return year, period.text, "item" if own is not None else "paragraph"  # 十五五期间: 2030
    text = period.text if period is not None else ""
    if this_year(period) and context.start_year is None and context.issued is not None:
        return context.issued, text, "document"  # 全年 in 若干措施 issued in 2026: 2026
    if context.clause_period is not None:
        return context.clause_period.year, text or context.clause_period.text, "clause"
    if context.doc_year is not None:
        return context.doc_year, text, "document"
    return None, text, ""


def vague_annual(period: Period | None) -> bool:
    """年度 / 全年 / 当年 / 年内: a yearly measure that takes its year from the context."""
    return (
        period is not None
        and period.year is None
        and period.text in ("年度", "全年", "当年", "年内")
    )


def this_year(period: Period | None) -> bool:
    """全年 / 年内 / 今年 / 年底前: the current year of a paper whose title names no year."""
    return period is not None and period.year is None and period.text in THIS_YEAR_WORDS


THIS_YEAR_WORDS = ("全年", "年内", "今年", "年底前", "本年度")


def plain_year(period: Period) -> bool:
    """2025年 as written (not 到2025年 / 截至2025年底)."""
    return period.year is not None and not STRONG_PERIOD_RE.match(period.text)


def carries(period: Period) -> bool:
    """到2020年 / 2018年 / 十四五期间 govern what follows; 每年 / 全年 only their own item."""
    return period.year is not None or "五" in period.text or any(c.isdigit() for c in period.text)


def is_past(period: Period | None, start_year: int | None, issued: int | None = None) -> bool:
    """A plain 2020年 in a 2021—2025 plan, or 截至2025年底 in a document issued in 2026, is a
    statistic, not a target (到2020年 would still count)."""
    if period is None:
        return False
    forward = period.text.startswith(("到", "至", "力争", "争取"))
    if issued is not None and period.year is not None and period.year < issued and not forward:
        return True
    plan_end = plan_end_year(period.text)
    if plan_end is not None and (start_year or issued) is not None:
        return plan_end < (start_year or issued)  # “十四五”期间 in a paper of 2026
    if start_year is None:
        return False
    if period.year is None:
        return False
    return period.year < start_year and not forward


REVIEW_HEADING_RE = re.compile(
    r"发展基础|规划基础|发展现状|现状与形势|主要成[就效]|工作回顾|基本情况|取得的?(?:主要)?成[效绩就]|面临的?形势"
    r"|执行情况|完成情况"
)
AHEAD_HEADING_RE = re.compile(r"目标|任务|思路")  # 发展基础和主要目标: past and future together


def is_review(text: str, clause: Clause | None, locator: ClauseLocator) -> bool:
    """Sections such as 发展基础 / 工作回顾 report past figures, not targets (a section that also
    sets the goals, 发展基础和主要目标, is read sentence by sentence with its years)."""
    for current in locator.chain(clause):
        heading = current.heading or text[current.start : current.body_end].split("\n", 1)[0][:20]
        if REVIEW_HEADING_RE.search(heading) and not AHEAD_HEADING_RE.search(heading):
            return True
    return False


CONDITIONS_LEAD_RE = re.compile(r"(?:具备|符合|满足)(?:以下|下列|如下)[^。；;：:]{0,6}条件[:：]\s*$")


def lists_conditions(text: str, clause: Clause | None, locator: ClauseLocator) -> bool:
    """The items under 纳入考核的项目须同时具备以下条件： set conditions (总投资1亿元以上), not goals."""
    for current in locator.chain(clause)[1:]:
        if CONDITIONS_LEAD_RE.search(text[current.start : current.body_end]):
            return True
    return False


def clause_scope(text: str, clause: Clause | None) -> str:
    if clause is None:
        return ""
    first_line = text[clause.start : clause.body_end].split("\n", 1)[0]
    return scope_name(first_line)


LEAD_IN_YEAR_RE = re.compile(r"(20\d{2})\s*年度?[，,]?[^。；;：:]{0,40}(?:目标|任务)[^。；;：:]{0,8}[:：]$")


def _governing_year(own: str) -> Period | None:
    """The horizon that governs what follows: the last one opening a line (到2030年，… then its
    ——bullets), not a milestone inside it (…。其中，到2028年，…); else the last one written."""
    for line in reversed(own.split("\n")):
        head = strip_label(line.strip())[:12]
        opening = strong_year(head)
        if opening is not None and head.startswith(opening.text):
            return opening
        lead_in = LEAD_IN_YEAR_RE.match(strip_label(line.strip()))
        if lead_in:  # 第七条 2026年，全区招商引资工作的主要目标是：
            return Period(f"{lead_in.group(1)}年", int(lead_in.group(1)))
    return strong_year(own)


def clause_period(
    text: str,
    paragraph: Paragraph,
    locator: ClauseLocator,
    doc_years: tuple[int | None, int | None],
) -> Period | None:
    """A 到20XX年 horizon stated earlier in the clause or in an ancestor's own text. In a
    single-year plan (2027年…实施方案) a later horizon in running text (…。力争到2030年，…) looks
    ahead for its own sentence only; one in a heading (（三）到2030年远景目标) still governs."""
    clause = locator.at(paragraph.start)
    first, last = doc_years
    for index, current in enumerate(locator.chain(clause)):
        end = paragraph.start if index == 0 else min(current.body_end, paragraph.start)
        own = text[current.start : end]
        period = _governing_year(own)
        if period is None:
            continue
        look_ahead = first is not None and first == last and (period.year or 0) > last
        if look_ahead and strong_year(own.split("\n", 1)[0]) is None:
            continue
        if last is not None and (period.year or 0) > last and _is_vision(own, period):
            continue  # 规划期为2026—2030年，展望到2035年: the vision governs its own sentence only
        return period
    return None


def _is_vision(text: str, period: Period) -> bool:
    return re.search(r"展望(?:到|至)?\s*" + str(period.year), text) is not None


DEADLINE_CELL_RE = re.compile(r"(20\d{2})\s*年(?:\d{1,2}\s*月)?(?:年?底|末)?(?:以?前)?(?:完成)?")


STAGE_RE = re.compile(  # （一）全面启动阶段（2026年）。 / 巩固提升阶段（2027—2028年）
    r"^[^，,。；;（(]{2,20}[（(](?:20\d{2}\s*年?\s*[—–\-至到]\s*)?(20\d{2})\s*年(?:底|末)?[）)][。．.]?"
)


def stage_year(paragraph: str) -> Period | None:
    """The year a stage heading opening the paragraph names (its end year for a range)."""
    match = STAGE_RE.match(strip_label(paragraph.strip()))
    return Period(match.group(0), int(match.group(1))) if match else None


def row_deadline(cells: list[str]) -> Period | None:
    """The 完成时限 cell of a task-table row (2027年底 / 2028年6月前), as the row's year."""
    for cell in cells[1:]:
        match = DEADLINE_CELL_RE.fullmatch(cell.strip())
        if match:
            return Period(match.group(0), int(match.group(1)))
    return None


PART_OPENING_RE = re.compile(r"^(?:其中|全年|当年)")  # …。全年…: the year of the sentence before
FORWARD_OPENING_RE = re.compile(r"^(?:在此基础上|在这一基础上|今后|此后|下一步|未来)")


def carry_period(context: Context, sentence: str, ended: Period | None) -> None:
    """How a sentence's opening words take up or drop the year of the sentences before it."""
    if ended is not None and PART_OPENING_RE.match(sentence):
        context.sentence_period = ended  # 2026年，全市…。其中，甲区…: still 2026
    if FORWARD_OPENING_RE.match(sentence):
        context.paragraph_period = None  # 2025年…为1150亿元。在此基础上，…: onward
        if context.period is not None and plain_year(context.period):
            context.period = None
