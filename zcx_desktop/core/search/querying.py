"""Parse the user's query syntax and compile it to Whoosh candidate queries that never miss.

Every literal becomes a *necessary* condition on the index (Han bigrams, whole words, and
for pieces cut at the literal's edges, the index terms that contain them); literals whose condition is not also sufficient are confirmed against
the stored text afterwards, so results are exact substring matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as wq

from zcx_desktop.core.search.analysis import Run, fold, han_bigrams, split_runs
from zcx_desktop.core.search.lexicon import MAX_EXPANSION, TermLexicon

MAX_QUERY_CHARS = 200
LONG_RUN = 6  # Han runs this long use an AND of every other bigram plus confirmation

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


@dataclass
class LiteralPlan:
    """A literal's Whoosh condition, whether that condition alone is exact, and a ranking query."""

    literal: Literal
    candidate: wq.Query
    exact: bool
    boost: wq.Query | None
    rank: wq.Query  # cheaper superset of `candidate` (no positions) used to score known matches


Lexicons = Callable[[str], TermLexicon]


def _terms(fieldname: str, terms: list[str]) -> wq.Query:
    if not terms:
        return wq.NullQuery
    return wq.Term(fieldname, terms[0]) if len(terms) == 1 else wq.Or([wq.Term(fieldname, t) for t in terms])


def _han_condition(fieldname: str, run: Run, edge: bool, alone: bool, lexicons: Lexicons) -> tuple[wq.Query | None, bool]:
    grams = han_bigrams(run.text)
    if len(run.text) == 1 and edge:
        if not alone:
            return None, False  # other parts of the literal narrow it; confirmation checks the rest
        return _terms(fieldname, lexicons(fieldname).han_containing(run.text)), True
    if len(grams) == 1:
        return wq.Term(fieldname, grams[0]), True
    if len(run.text) < LONG_RUN:
        return wq.Phrase(fieldname, grams), True
    picked = grams[::2] + ([grams[-1]] if len(grams) % 2 == 0 else [])
    return wq.And([wq.Term(fieldname, g) for g in dict.fromkeys(picked)]), False


def _word_condition(
    fieldname: str, run: Run, at_start: bool, at_end: bool, alone: bool, lexicons: Lexicons
) -> tuple[wq.Query | None, bool]:
    if not at_start and not at_end:
        return wq.Term(fieldname, run.text), True
    terms = lexicons(fieldname).words_matching(run.text, at_start, at_end)
    if len(terms) > MAX_EXPANSION and not alone:
        return None, False
    return _terms(fieldname, terms), True


def _field_condition(fieldname: str, needle: str, lexicons: Lexicons) -> tuple[wq.Query, bool]:
    """(necessary condition, whether it is also sufficient) for the needle in one field."""
    runs = split_runs(needle)
    exact = len(runs) == 1 and runs[0].start == 0 and runs[0].end == len(needle)
    alone = len(runs) == 1
    parts: list[wq.Query] = []
    for run in runs:
        at_start, at_end = run.start == 0, run.end == len(needle)
        if run.kind == "han":
            cond, ok = _han_condition(fieldname, run, at_start or at_end, alone, lexicons)
        else:
            cond, ok = _word_condition(fieldname, run, at_start, at_end, alone, lexicons)
        exact = exact and ok
        if cond is not None:
            parts.append(cond)
    if not parts:
        return wq.Every(), False
    return (parts[0] if len(parts) == 1 else wq.And(parts)), exact


def plan_literal(literal: Literal, lexicons: Lexicons) -> LiteralPlan:
    """Compile one literal over text+notes (or notes only) with a heading ranking boost."""
    in_notes, exact_notes = _field_condition("notes", literal.needle, lexicons)
    if literal.scope == "notes":
        candidate, exact = in_notes, exact_notes
    else:
        in_text, exact_text = _field_condition("text", literal.needle, lexicons)
        candidate = wq.Or([in_text, in_notes])
        exact = exact_text and exact_notes
    heading, _ = _field_condition("heading", literal.needle, lexicons)
    boost = None if isinstance(heading, wq.Every) else heading
    fields = ("notes",) if literal.scope == "notes" else ("text", "notes")
    ranks = [q for q in (_rank_terms(f, literal.needle) for f in fields) if q is not None]
    rank = (ranks[0] if len(ranks) == 1 else wq.Or(ranks)) if len(ranks) == len(fields) else candidate
    return LiteralPlan(literal, candidate, exact, boost, rank)


def _rank_terms(fieldname: str, needle: str) -> wq.Query | None:
    """AND of the index terms every true match must contain (bigrams, complete words), or None."""
    terms: list[str] = []
    for run in split_runs(needle):
        complete = run.start > 0 and run.end < len(needle)
        if run.kind == "han" and len(run.text) >= 2:
            terms += han_bigrams(run.text)
        elif complete:
            terms.append(run.text)
    unique = list(dict.fromkeys(terms))
    if not unique:
        return None
    return wq.Term(fieldname, unique[0]) if len(unique) == 1 else wq.And([wq.Term(fieldname, t) for t in unique])


def literal_matches(literal: Literal, text: str, notes: str) -> bool:
    """The exact test: folded (lowercase, half-width) substring of the clause text or of its notes."""
    if literal.scope == "notes":
        return literal.needle in fold(notes)
    return literal.needle in fold(text) or literal.needle in fold(notes)
