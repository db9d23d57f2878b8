"""Parse the user's query syntax and compile it to document conditions that never miss.

Every literal becomes a *necessary* condition on the document index (all its Han bigrams,
whole words, and for word pieces cut at the literal's edges, the index terms that contain
them). Candidates are then confirmed clause by clause against the clean text, so results
are exact substring matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zcx_desktop.core.search.analysis import Run, fold, han_bigrams, split_runs
from zcx_desktop.core.search.lexicon import MAX_EXPANSION, TermLexicon

MAX_QUERY_CHARS = 200

FILTER_ALIASES = {
    "issuer": "issuer", "发文机关": "issuer", "机关": "issuer",
    "year": "year", "年份": "year", "年": "year",
    "docno": "docno", "文号": "docno",
    "tag": "tag", "标签": "tag",
    "region": "region", "地区": "region",
    "level": "level", "级别": "level",
    "status": "status", "状态": "status",
    "in": "in", "范围": "in",
}
NOTES_SCOPES = {"notes", "note", "批注", "笔记"}
_QUOTES = {'"': '"', "“": "”", "”": "“"}
_FIELD = re.compile(r"^(?P<name>[^:：]+)[:：](?P<value>.*)$", re.S)
_YEAR_RANGE = re.compile(r"^(\d{4})?\s*(?:\.\.|-|—|~|到|至)\s*(\d{4})?$")


@dataclass
class Literal:
    """A piece of text that must occur (lowercased substring) in the clause text or notes."""

    needle: str
    scope: str = "content"  # "content" (text or notes) | "notes"


@dataclass
class Filter:
    """A document-level condition such as issuer:无锡 or year:2018..2020."""

    name: str
    value: str
    negate: bool = False


@dataclass
class ParsedQuery:
    """AND of OR-groups of literals, excluded literals, document filters, and notices for the user."""

    groups: list[list[Literal]] = field(default_factory=list)
    excluded: list[Literal] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def literals(self) -> list[Literal]:
        return [lit for group in self.groups for lit in group]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.filters and not self.excluded


def _split_words(text: str, notices: list[str]) -> list[tuple[str, bool]]:
    """(word, was_quoted) pieces; an unbalanced quote runs to the end of the query."""
    pieces: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _QUOTES:
            close = text.find(_QUOTES[ch], i + 1)
            if close < 0:
                notices.append("引号不成对，已把引号后的全部内容作为一个短语")
                close = n
            pieces.append((text[i + 1 : close], True))
            i = close + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        # field:"quoted value"
        if j < n and text[j] in _QUOTES and text[j - 1] in ":：":
            close = text.find(_QUOTES[text[j]], j + 1)
            close = n if close < 0 else close
            pieces.append((text[i:j] + text[j + 1 : close], False))
            i = close + 1
            continue
        pieces.append((text[i:j], False))
        i = j
    return pieces


def parse_query(text: str) -> ParsedQuery:
    """Parse words, "phrases", OR, NOT/-word and field:value filters; never raises."""
    parsed = ParsedQuery()
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        parsed.notices.append(f"查询过长，只使用前 {MAX_QUERY_CHARS} 个字符")
        text = text[:MAX_QUERY_CHARS]
    scope = "content"
    negate_next = False
    or_next = False
    items: list[tuple[Literal, bool, bool]] = []  # literal, negated, joined by OR to previous
    for word, quoted in _split_words(text, parsed.notices):
        if not quoted and word in ("OR", "|", "或"):
            or_next = bool(items)
            continue
        if not quoted and word in ("-", "+", "AND", "&", "&&"):
            continue
        if not quoted and word in ("NOT", "非"):
            negate_next = True
            continue
        negate = negate_next
        negate_next = False
        if not quoted and word.startswith("-") and len(word) > 1:
            negate, word = True, word[1:]
        match = None if quoted else _FIELD.match(word)
        name = FILTER_ALIASES.get(match.group("name").lower()) if match else None
        if match and name:
            value = match.group("value").strip()
            if name == "in":
                scope = _scope_from(value, parsed)
            elif value:
                parsed.filters.append(Filter(name, value, negate))
            or_next = False
            continue
        if not word.strip():
            continue
        items.append((Literal(fold(word)), negate, or_next and not negate))
        or_next = False
    if negate_next or or_next:
        parsed.notices.append("查询末尾的 OR/NOT 缺少词语，已忽略")
    for literal, negated, joined in items:
        literal.scope = scope
        if negated:
            parsed.excluded.append(literal)
        elif joined and parsed.groups:
            parsed.groups[-1].append(literal)
        else:
            parsed.groups.append([literal])
    return parsed


def _scope_from(value: str, parsed: ParsedQuery) -> str:
    if value.lower() in NOTES_SCOPES:
        return "notes"
    parsed.notices.append(f"不支持的范围 in:{value}，已在正文和批注中搜索")
    return "content"


def parse_year_range(value: str) -> tuple[int, int] | None:
    """'2018' -> (2018, 2018); '2018..2020' -> (2018, 2020); open ends allowed; else None."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return int(value), int(value)
    m = _YEAR_RANGE.match(value)
    if not m or not (m.group(1) or m.group(2)):
        return None
    low = int(m.group(1)) if m.group(1) else 0
    high = int(m.group(2)) if m.group(2) else 9999
    return (low, high) if low <= high else (high, low)


Cond = tuple  # ("all",) | ("term", field, term) | ("and", [Cond]) | ("or", [Cond])
ALL: Cond = ("all",)


@dataclass
class LiteralPlan:
    """A literal's necessary condition on the document index, and whether it is also sufficient."""

    literal: Literal
    candidate: Cond
    exact: bool  # the condition alone proves the needle occurs in the document


Lexicons = Callable[[str], TermLexicon]


def _terms(fieldname: str, terms: list[str]) -> Cond:
    return ("or", [("term", fieldname, t) for t in terms])


def _han_condition(fieldname: str, run: Run, edge: bool, alone: bool) -> tuple[Cond | None, bool]:
    if len(run.text) == 1 and edge:
        return (ALL, False) if alone else (None, False)  # a lone edge character: scan or let others narrow
    grams = list(dict.fromkeys(han_bigrams(run.text)))
    if len(grams) == 1:
        return ("term", fieldname, grams[0]), True
    return ("and", [("term", fieldname, g) for g in grams]), False


def _word_condition(
    fieldname: str, run: Run, at_start: bool, at_end: bool, alone: bool, lexicons: Lexicons
) -> tuple[Cond | None, bool]:
    if not at_start and not at_end:
        return ("term", fieldname, run.text), True
    terms = lexicons(fieldname).words_matching(run.text, at_start, at_end)
    if len(terms) > MAX_EXPANSION:
        return (ALL, False) if alone else (None, False)
    return _terms(fieldname, terms), False


def _field_condition(fieldname: str, needle: str, lexicons: Lexicons) -> tuple[Cond, bool]:
    """(necessary condition, whether it is also sufficient) for the needle in one field."""
    runs = split_runs(needle)
    exact = len(runs) == 1 and runs[0].start == 0 and runs[0].end == len(needle)
    alone = len(runs) == 1
    parts: list[Cond] = []
    for run in runs:
        at_start, at_end = run.start == 0, run.end == len(needle)
        if run.kind == "han":
            cond, ok = _han_condition(fieldname, run, at_start or at_end, alone)
        else:
            cond, ok = _word_condition(fieldname, run, at_start, at_end, alone, lexicons)
        exact = exact and ok
        if cond is not None and cond != ALL:
            parts.append(cond)
    if not parts:
        return ALL, False
    return (parts[0] if len(parts) == 1 else ("and", parts)), exact


def plan_literal(literal: Literal, lexicons: Lexicons) -> LiteralPlan:
    """Compile one literal over the document's text and notes (or its notes only)."""
    in_notes, exact_notes = _field_condition("notes", literal.needle, lexicons)
    if literal.scope == "notes":
        return LiteralPlan(literal, in_notes, exact_notes)
    in_text, exact_text = _field_condition("text", literal.needle, lexicons)
    candidate = ALL if ALL in (in_text, in_notes) else ("or", [in_text, in_notes])
    return LiteralPlan(literal, candidate, exact_text and exact_notes)


def literal_matches(literal: Literal, text: str, notes: str) -> bool:
    """The exact test: folded (lowercase, half-width) substring of the clause text or of its notes."""
    if literal.scope == "notes":
        return literal.needle in fold(notes)
    return literal.needle in fold(text) or literal.needle in fold(notes)
