"""Numbers as first-class tokens: find percentages, amounts with units, years and periods, and pair them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万]+"
_UNITS = (
    "万亿元|亿美元|万美元|亿元|万元|美元|元|万平方米|平方米|平方公里|万千瓦|千瓦|兆瓦|公顷|万亩|亩|公里|千米|吨|"
    "万人次|人次|万人|万户|户|人|名|家|个|件|项|所|座|台|套|条|篇|支|只|批|次|天|倍|万|亿|个百分点"
)
_CN_UNITS = "个|家|项|名|所|座|条|大|支"
_PATTERNS: list[tuple[str, str]] = [
    ("period", r"十[一二三四五六七八九]五"),
    ("period", r"(?:19|20)\d{2}\s*[—–\-－~～至到]{1,2}\s*(?:19|20)\d{2}年?"),
    ("date", r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?"),
    ("year", r"(?:19|20)\d{2}年(?:底|末|前|内|起)?"),
    ("percent", rf"{_NUM}\s*[%％‰]|百分之(?:{_CN}|{_NUM})(?:\.\d+)?"),
    ("amount", rf"{_NUM}\s*(?:{_UNITS})"),
    (
        "count",
        rf"(?<![第一-龥]){_CN}(?:{_CN_UNITS})(?=[一-龥])|(?<=[建设新增培育打造形成]){_CN}(?:{_CN_UNITS})(?=[一-龥])",
    ),
    ("number", _NUM),
]
NUMBER_RE = re.compile(
    "|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(_PATTERNS))
)
ATOM_RE = re.compile(rf"{_NUM}\s*[%％‰]?|[A-Za-z]+")  # numbers kept atomic inside the diff

_DELIMS = '，。；：、,;:！？!?\n（）()【】“”"《》'
_VERBS = re.compile(
    r"(?:力争达到|力争达|力争|达到|提高到|提高至|提升至|提升到|增长到|增加到|控制在|保持在|稳定在|超过|突破|不少于|不低于|"
    r"不超过|累计|约为|约|达|超|为|至|到|在|占|是|以上)+$"
)
_QUALIFIERS = re.compile(r"^(?:以上|以内|左右|以下|多)")


@dataclass
class NumberToken:
    """One number found in a text, with what it measures."""

    text: str
    kind: str
    unit_class: str
    value: str  # normalised value used to decide whether two numbers differ
    start: int
    end: int
    before: str  # indicator words before the number (verbs stripped)
    after: str  # words right after the number


def find_numbers(text: str, offset: int = 0) -> list[NumberToken]:
    """All numbers in `text`, offsets shifted by `offset`."""
    tokens = []
    for match in NUMBER_RE.finditer(text):
        kind = match.lastgroup.rstrip("0123456789") if match.lastgroup else "number"
        raw = match.group()
        if kind == "count" and raw[0] == "一" and len(raw) == 2:
            continue  # 一个/一项 is prose, not a target
        if kind == "number" and _is_reference_number(text, match.start(), match.end()):
            continue  # 文号 / 公告第65号: a citation, not a measure
        before, after = _surroundings(text, match.start(), match.end())
        tokens.append(
            NumberToken(
                text=raw,
                kind=kind,
                unit_class=_unit_class(kind, raw),
                value=_normalise_value(raw),
                start=match.start() + offset,
                end=match.end() + offset,
                before=before,
                after=after,
            )
        )
    return tokens


def _is_reference_number(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] in ("〕", "第", "[", "〔") or text[end : end + 1] in (
        "号",
        "〕",
        "]",
    )


def _surroundings(text: str, start: int, end: int) -> tuple[str, str]:
    left = start
    while left > 0 and text[left - 1] not in _DELIMS and start - left < 30:
        left -= 1
    right = end
    while right < len(text) and text[right] not in _DELIMS and right - end < 12:
        right += 1
    raw_before = text[left:start].strip()
    before = _VERBS.sub("", raw_before) or raw_before
    after = _QUALIFIERS.sub("", text[end:right].strip())
    return before, after


def _unit_class(kind: str, raw: str) -> str:
    if kind in ("period", "date", "year", "percent"):
        return kind
    unit = re.sub(rf"^(?:{_NUM}|{_CN}|\s)+", "", raw) if kind != "number" else ""
    for family, members in (("money", "元"), ("people", "人名"), ("area", "米亩顷公里")):
        if unit and any(ch in unit for ch in members):
            return family + ":" + ("万" if "万" in unit else "") + ("亿" if "亿" in unit else "")
    return "unit:" + unit


def _normalise_value(raw: str) -> str:
    return re.sub(r"[\s,“”\"]", "", raw).replace("％", "%")


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _dice(left: str, right: str) -> float:
    a, b = _bigrams(left), _bigrams(right)
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def descriptor_similarity(a: NumberToken, b: NumberToken) -> float:
    """How likely two numbers measure the same thing: their indicator words, then what follows."""
    before = _dice(a.before, b.before)
    after = _dice(a.after, b.after)
    if a.before and b.before:
        return max(before, 0.7 * before + 0.3 * after)
    return after if (a.after or b.after) else 0.0


def pair_numbers(
    a_nums: list[NumberToken], b_nums: list[NumberToken]
) -> list[tuple[NumberToken, NumberToken]]:
    """Pair numbers of the same unit family by indicator similarity; unchanged values pair first."""
    candidates = []
    for i, a in enumerate(a_nums):
        for j, b in enumerate(b_nums):
            if a.unit_class != b.unit_class:
                continue
            score = descriptor_similarity(a, b) + (0.5 if a.value == b.value else 0.0)
            if score >= 0.4:
                candidates.append(
                    (score, -abs(i / max(len(a_nums), 1) - j / max(len(b_nums), 1)), i, j)
                )
    candidates.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _score, _order, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a_nums[i], b_nums[j]))
    pairs.extend(_pair_lone_leftovers(a_nums, b_nums, used_a, used_b))
    return pairs


_SLOT_FAMILIES = ("year", "period", "date")  # deadlines and periods: one per sentence slot


def _pair_lone_leftovers(
    a_nums: list[NumberToken], b_nums: list[NumberToken], used_a: set[int], used_b: set[int]
) -> list[tuple[NumberToken, NumberToken]]:
    """A single unpaired deadline or period on each side (到2020年 → 到2022年) is the same slot."""
    pairs = []
    families = {n.unit_class for n in a_nums} & {n.unit_class for n in b_nums}
    for family in families:
        left = [i for i, n in enumerate(a_nums) if i not in used_a and n.unit_class == family]
        right = [j for j, n in enumerate(b_nums) if j not in used_b and n.unit_class == family]
        if len(left) == 1 and len(right) == 1 and family in _SLOT_FAMILIES:
            pairs.append((a_nums[left[0]], b_nums[right[0]]))
    return pairs


def context_snippet(text: str, start: int, end: int, width: int = 24) -> str:
    """The sentence piece around text[start:end], at most `width` characters either side."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    for stop in "。；\n":
        cut = text.rfind(stop, left, start)
        if cut >= 0:
            left = max(left, cut + 1)
        cut = text.find(stop, end, right)
        if cut >= 0:
            right = min(right, cut + 1)
    prefix = "…" if left > 0 and text[left - 1] not in "。；\n" else ""
    suffix = "…" if right < len(text) and text[right - 1] not in "。；\n" else ""
    return prefix + text[left:right].strip() + suffix
