"""Clause tree of a policy document: numbering systems, nesting, headings and numbering warnings."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from zcx_desktop.core.ingest.numerals import (
    CN_NUMERAL_CHARS,
    chinese_to_int,
    circled_to_int,
    int_to_chinese,
    int_to_circled,
)
from zcx_desktop.core.model import Clause

log = logging.getLogger("zcx.ingest")

_CN = CN_NUMERAL_CHARS
# Canonical nesting order of the numbering systems (smaller = higher level).
STYLE_RANK: dict[str, int] = {
    "annex": -1,
    "part": 0,  # 第一部分
    "chapter": 1,  # 第一章
    "section": 2,  # 第一节
    "article": 3,  # 第一条
    "dun": 4,  # 一、
    "cn_paren": 5,  # （一）
    "arabic": 6,  # 1. 1、 1．
    "ar_paren": 7,  # （1）
    "circled": 8,  # ①
}
_KIND = {"annex": "annex", "part": "chapter", "chapter": "chapter", "section": "section",
         "article": "article"}
_REGULATION_UNITS = {"部分": "part", "章": "chapter", "节": "section", "条": "article"}

_RE_REGULATION = re.compile(rf"第([{_CN}]{{1,6}}|\d{{1,4}})(部分|章|节|条)")
_RE_DUN = re.compile(rf"([{_CN}]{{1,5}})、")
_RE_CN_PAREN = re.compile(rf"[（(]([{_CN}]{{1,5}})[)）]")
_RE_AR_PAREN = re.compile(r"[（(](\d{1,2})[)）]")
_RE_ARABIC = re.compile(r"(\d{1,3})([.．、])\s*")
_RE_YEAR_AFTER_DOT = re.compile(r"(?:19|20)\d\d年")
_RE_ANNEX = re.compile(rf"附\s*件\s*(\d{{1,2}}|[{_CN}]{{1,3}})?\s*([:：])?\s*")
_RE_RESPONSIBILITY = re.compile(r"[（(]?(牵头|责任|配合|协办|主办|参与)(单位|部门)")
_RE_TOC = re.compile(r"目\s*录")
_TOC_STYLES = {"part", "chapter", "section"}
_REGULATION_STOP = set("、，,的之和及至中规所款项")
_TERMINATOR = re.compile(r"[。！？；：:!?;]")
_COMMA = re.compile(r"[，,]")
_BRACKET_TITLE = re.compile(r"【([^】]{1,20})】")

MAX_HEADING_SENTENCE = 30  # a first sentence longer than this is body text, not a heading
MAX_HEADING_LINE = 60  # a whole line without punctuation up to this length is a heading
MAX_WARNINGS = 50


@dataclass(frozen=True)
class Label:
    """A numbering label found at the start of a line."""

    style: str
    text: str  # as written, without trailing spaces: "（一）", "1.", "第五条", "附件:"
    number: int  # 0 for an unnumbered 附件
    key: str  # path component: "一", "（一）", "1", "第五条", "附件1"
    rest: str  # the line text after the label, stripped
    annex_list: bool = False  # "附件：1.xxx" — the following 1./2. lines are its list


def parse_clauses(text: str) -> tuple[list[Clause], list[str]]:
    """Clauses of `text` (clean text, one paragraph per line) in document order, and warnings."""
    builder = _OutlineBuilder(len(text))
    lines = text.split("\n")
    labels = [match_label(line) for line in lines]
    _drop_table_of_contents(lines, labels)
    offset = 0
    for line, label in zip(lines, labels):
        if label is not None:
            builder.add(label, offset)
        offset += len(line) + 1
    return builder.finish()


def _drop_table_of_contents(lines: list[str], labels: list[Label | None]) -> None:
    """Forget the chapter labels of a 目录 block when the same chapters follow in the text."""
    toc = next((i for i, line in enumerate(lines[:200]) if _RE_TOC.fullmatch(line)), None)
    if toc is None:
        return
    first = labels[toc + 1] if toc + 1 < len(lines) else None
    end = toc + 1
    while end < len(lines) and labels[end] is not None and labels[end].style in _TOC_STYLES:
        if end > toc + 1 and first is not None and labels[end].key == first.key:
            break
        end += 1
    if first is not None and any(lb is not None and lb.key == first.key for lb in labels[end:]):
        for i in range(toc + 1, end):
            labels[i] = None


def match_label(line: str) -> Label | None:
    """The numbering label at the start of `line`, or None (false positives rejected)."""
    if not line:
        return None
    first = line[0]
    if first == "第":
        label = _match_regulation(line)
    elif first in "（(":
        label = _match_paren(line)
    elif first.isdigit() and first.isascii():
        label = _match_arabic(line)
    elif first in _CN:
        label = _match_dun(line)
    elif first == "附":
        label = _match_annex(line)
    else:
        label = _match_circled(line)
    if label is not None and label.style != "annex" and _RE_RESPONSIBILITY.match(label.rest):
        return None  # (牵头单位：…) belongs to the task above, never starts a clause
    return label


def _match_regulation(line: str) -> Label | None:
    m = _RE_REGULATION.match(line)
    if m is None or (m.end() < len(line) and line[m.end()] in _REGULATION_STOP):
        return None
    number = _number(m.group(1))
    if number is None:
        return None
    style = _REGULATION_UNITS[m.group(2)]
    return Label(style, m.group(0), number, m.group(0), line[m.end():].strip())


def _match_paren(line: str) -> Label | None:
    m = _RE_CN_PAREN.match(line)
    if m is not None:
        number = chinese_to_int(m.group(1))
        if number:
            return Label("cn_paren", m.group(0), number, f"（{m.group(1)}）", line[m.end():].strip())
        return None
    m = _RE_AR_PAREN.match(line)
    if m is not None and int(m.group(1)) > 0:
        return Label("ar_paren", m.group(0), int(m.group(1)), f"（{int(m.group(1))}）",
                     line[m.end():].strip())
    return None


def _match_arabic(line: str) -> Label | None:
    m = _RE_ARABIC.match(line)
    if m is None or int(m.group(1)) == 0:
        return None
    after = line[m.end():]
    spaced = m.end() > m.start(2) + 1
    if after[:1].isdigit() and not spaced and not _RE_YEAR_AFTER_DOT.match(after):
        return None  # a decimal (1.5倍, 2.95%) or a list of numbers (3、4月)
    return Label("arabic", m.group(1) + m.group(2), int(m.group(1)), m.group(1), after.strip())


def _match_dun(line: str) -> Label | None:
    m = _RE_DUN.match(line)
    number = chinese_to_int(m.group(1)) if m else None
    if m is None or not number:
        return None
    return Label("dun", m.group(0), number, m.group(1), line[m.end():].strip())


def _match_circled(line: str) -> Label | None:
    number = circled_to_int(line[0])
    if number is None:
        return None
    return Label("circled", line[0], number, line[0], line[1:].strip())


def _match_annex(line: str) -> Label | None:
    m = _RE_ANNEX.match(line)
    if m is None:
        return None
    numeral, colon = m.group(1), m.group(2)
    rest = line[m.end():].strip()
    if numeral is None and colon is None and rest:
        return None  # "附件中所列…" is body text
    if numeral is not None and colon is None and rest and m.end() == m.end(1):
        return None  # "附件1所列…" is body text
    number = _number(numeral) if numeral else 0
    if number is None:
        return None
    key = f"附件{numeral}" if numeral else "附件"
    text = line[: m.end()].rstrip()
    if numeral is None and colon is not None:
        is_list = _match_arabic(rest) is not None
        return Label("annex", text, 0, key, "" if is_list else rest, annex_list=True)
    return Label("annex", text, number, key, rest)


def _number(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else chinese_to_int(numeral)


def heading_of(label: Label) -> str:
    """The clause's heading: a short first sentence or a heading-only line, else ""."""
    rest = label.rest
    if not rest:
        return ""
    if label.style == "article":
        m = _BRACKET_TITLE.match(rest)
        return m.group(1) if m else ""
    m = _TERMINATOR.search(rest, 0, MAX_HEADING_LINE + 1)
    if m is None:
        fits = len(rest) <= MAX_HEADING_LINE and not _COMMA.search(rest)
        return rest if fits else ""
    candidate = rest[: m.start()].strip()
    nothing_follows = m.end() >= len(rest)
    if not candidate or len(candidate) > MAX_HEADING_SENTENCE or _COMMA.search(candidate):
        return ""
    if nothing_follows and m.group(0) not in "：:":
        return ""  # a one-sentence item ("本办法自发布之日起施行。") has no heading
    return candidate


def format_label(style: str, number: int, like: str) -> str:
    """A label of `style` with value `number`, written like the label `like`."""
    if style == "dun":
        return f"{int_to_chinese(number)}、"
    if style == "cn_paren":
        return f"{like[0]}{int_to_chinese(number)}{like[-1]}"
    if style in ("arabic", "ar_paren"):
        return f"{like[0] if style == 'ar_paren' else ''}{number}{like[-1]}"
    if style == "circled":
        return int_to_circled(number)
    if style == "annex":
        return f"附件{number}"
    return f"{like[0]}{int_to_chinese(number)}{like[len(like) - (2 if style == 'part' else 1):]}"


def _missing(style: str, first: int, last: int, like: str) -> str:
    if last - first >= 3:
        return f"{format_label(style, first, like)}至{format_label(style, last, like)}"
    return " ".join(format_label(style, n, like) for n in range(first, last + 1))


class _OutlineBuilder:
    """Builds the flat clause list with a stack of open clauses (linear time)."""

    def __init__(self, text_length: int) -> None:
        self.text_length = text_length
        self.clauses: list[Clause] = []
        self.stack: list[tuple[int, int]] = []  # (clause index, rank)
        self.in_annex_list = False
        self.list_annexes: set[int] = set()
        self.last_sibling: dict[tuple[int | None, str], tuple[int, str]] = {}
        self.last_of_style: dict[str, tuple[int, str]] = {}
        self.warnings: list[str] = []
        self.suppressed_warnings = 0

    def add(self, label: Label, offset: int) -> None:
        if self.in_annex_list and label.style == "arabic":
            return  # "2.xxx" after "附件：1.xxx" is an item of the attachment list
        self.in_annex_list = False
        rank = STYLE_RANK[label.style]
        while self.stack and (self.stack[-1][1] >= rank or self._is_annex_list(self.stack[-1][0])):
            self._close(self.stack.pop()[0], offset)
        parent = self.stack[-1][0] if self.stack else None
        self._check_numbering(parent, label)
        clause = Clause(
            index=len(self.clauses),
            label=label.text,
            heading=heading_of(label),
            level=len(self.stack) + 1,
            ordinal=label.number,
            path=label.key if parent is None else f"{self.clauses[parent].path}/{label.key}",
            start=offset,
            end=-1,
            body_end=-1,
            parent=parent,
            kind=_KIND.get(label.style, "item"),
        )
        if parent is not None and self.clauses[parent].body_end < 0:
            self.clauses[parent].body_end = max(self.clauses[parent].start, offset - 1)
        self.clauses.append(clause)
        self.stack.append((clause.index, rank))
        self.in_annex_list = label.annex_list
        if label.annex_list:
            self.list_annexes.add(clause.index)

    def _is_annex_list(self, index: int) -> bool:
        return index in self.list_annexes  # an attachment list has no sub-clauses

    def _close(self, index: int, offset: int) -> None:
        clause = self.clauses[index]
        clause.end = max(clause.start, offset - 1)
        if clause.body_end < 0:
            clause.body_end = clause.end

    def finish(self) -> tuple[list[Clause], list[str]]:
        while self.stack:
            self._close(self.stack.pop()[0], self.text_length + 1)
        if self.suppressed_warnings:
            self.warnings.append(f"另有{self.suppressed_warnings}处编号问题未列出")
        log.debug("parsed %d clauses, %d warnings", len(self.clauses), len(self.warnings))
        return self.clauses, self.warnings

    def _check_numbering(self, parent: int | None, label: Label) -> None:
        if label.style == "annex" and label.number == 0:
            return
        key = (parent, label.style)
        previous = self.last_sibling.get(key)
        continued = self.last_of_style.get(label.style)
        self.last_sibling[key] = (label.number, label.text)
        self.last_of_style[label.style] = (label.number, label.text)
        if previous is None:
            if label.number == 1 or (continued and label.number == continued[0] + 1):
                return
            if continued and label.number > continued[0] + 1:
                previous = continued
            else:
                missing = _missing(label.style, 1, label.number - 1, label.text)
                self._warn(parent, f"编号不连续：{label.text}之前缺{missing}")
                return
        number, text = previous
        if label.number == number + 1:
            return
        if label.number > number + 1:
            missing = _missing(label.style, number + 1, label.number - 1, label.text)
            self._warn(parent, f"编号不连续：{text}之后是{label.text}（缺{missing}）")
        else:
            self._warn(parent, f"编号重复或倒退：{text}之后是{label.text}")

    def _warn(self, parent: int | None, message: str) -> None:
        if len(self.warnings) >= MAX_WARNINGS:
            self.suppressed_warnings += 1
            return
        where = "" if parent is None else f"{self.clauses[parent].path}下"
        self.warnings.append(where + message)
