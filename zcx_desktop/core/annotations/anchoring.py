"""Anchoring engine: build selectors for a span and find them again in a (revised) text.

Pure functions over strings and clause lists; no database. Order of attempts, as in the
Hypothesis client: the stored position if the quote still sits there with its context,
else the exact quote (ranked by prefix/suffix, clause path and distance), else the quote
between its unchanged prefix and suffix, else a fuzzy match above a threshold, else orphan.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from zcx_desktop.core.model import Clause

CONTEXT_LEN = 32  # characters of prefix/suffix stored with each quote
FUZZY_THRESHOLD = 80.0  # rapidfuzz score (0..100) a fuzzy match must reach
MIN_FUZZY_QUOTE = 6  # shorter quotes are only re-found exactly or between their context
MIN_BRACKET_CONTEXT = 6  # prefix/suffix characters needed to pin a changed quote
BRACKET_THRESHOLD = 50.0  # similarity a changed quote needs when pinned by its context
MAX_CANDIDATES = 2000  # exact occurrences examined per quote
AMBIGUITY_MARGIN = 0.1  # a repeated quote's best place must beat the next by this, else "fuzzy"
DISTANCE_WEIGHT = 0.5  # how much being far from the old offset costs (whole text = 0.5)
NEAR_CHARS = 2000  # a quote found farther than this (or 10% of the text) away is trusted only
FAR_CONTEXT = 0.98  # ... with (nearly) its whole prefix and suffix, or in its own clause

ANCHORED, FUZZY, ORPHAN = "anchored", "fuzzy", "orphan"


@dataclass(frozen=True)
class TextSelector:
    """Where an annotation sits: position, quote with context, clause path."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    clause_path: str = ""


@dataclass(frozen=True)
class Placement:
    """Result of locating a selector: the span found, how, and how sure."""

    start: int
    end: int
    status: str  # anchored | fuzzy | orphan
    method: str  # position | quote | context | fuzzy | none
    score: float = 100.0
    alternatives: int = 0  # other exact occurrences of the quote that were considered

    @property
    def found(self) -> bool:
        return self.status != ORPHAN


class ClauseIndex:
    """Answers "which clause path contains this offset" quickly for one document."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self._clauses = sorted(clauses, key=lambda c: (c.start, -c.end))
        self._starts = [c.start for c in self._clauses]

    def path_at(self, offset: int) -> str:
        """Path of the deepest clause whose span contains `offset` ("" outside all clauses)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            clause = self._clauses[i]
            if clause.start <= offset < clause.end:
                return clause.path
            i -= 1
        return ""


def make_selector(text: str, start: int, end: int, clauses: ClauseIndex | None = None) -> TextSelector:
    """Selectors for text[start:end]; raises ValueError for an empty or out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} outside text of length {len(text)}")
    return TextSelector(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_LEN) : start],
        suffix=text[end : end + CONTEXT_LEN],
        clause_path=clauses.path_at(start) if clauses else "",
    )


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> int:
    """Offset of the n-th (1-based) occurrence of `quote`, or -1."""
    if not quote or occurrence < 1:
        return -1
    position = -1
    for _ in range(occurrence):
        position = text.find(quote, position + 1)
        if position < 0:
            return -1
    return position


def locate(
    text: str, selector: TextSelector, clauses: ClauseIndex | None = None, expected: int | None = None
) -> Placement:
    """Find `selector` in `text`; never raises, returns an orphan placement when lost.

    `expected` is where the span probably moved to (e.g. shifted like its neighbours);
    it breaks ties between repeated quotes better than the old offset.
    """
    quote = selector.quote
    if not quote:
        return _orphan(selector)
    if _still_in_place(text, selector):
        return Placement(selector.start, selector.end, ANCHORED, "position")
    exact = _best_exact(text, selector, clauses, selector.start if expected is None else expected)
    if exact is not None:
        return exact
    bracketed = _between_context(text, selector)
    if bracketed is not None:
        return bracketed
    fuzzy_match = _fuzzy(text, selector)
    if fuzzy_match is not None:
        return fuzzy_match
    return _orphan(selector)


def _orphan(selector: TextSelector) -> Placement:
    return Placement(selector.start, selector.end, ORPHAN, "none", 0.0)


def _still_in_place(text: str, sel: TextSelector) -> bool:
    if text[sel.start : sel.end] != sel.quote:
        return False
    return _context_score(text, sel, sel.start, sel.end) >= 0.8


def _context_score(text: str, sel: TextSelector, start: int, end: int) -> float:
    """0..1: how well the text around start..end matches the stored prefix and suffix."""
    return (_side_score(sel.prefix, text[max(0, start - len(sel.prefix)) : start], start == 0)
            + _side_score(sel.suffix, text[end : end + len(sel.suffix)], end == len(text))) / 2


def _side_score(stored: str, found: str, at_edge: bool) -> float:
    if not stored:
        return 1.0 if at_edge else 0.5
    if stored == found:
        return 1.0
    return fuzz.ratio(stored, found) / 100.0


def _best_exact(text: str, sel: TextSelector, clauses: ClauseIndex | None, expected: int) -> Placement | None:
    """Rank every exact occurrence of the quote; None when the quote no longer occurs.

    A winner that is barely ahead of another occurrence is returned as fuzzy (to review).
    """
    starts = _occurrences(text, sel.quote)
    if not starts:
        return None
    span = len(sel.quote)
    ranked = sorted(
        ((_exact_score(text, sel, clauses, start, expected), -start) for start in starts), reverse=True
    )
    best, start = ranked[0][0], -ranked[0][1]
    runner_up = ranked[1][0] if len(ranked) > 1 else None
    context = _context_score(text, sel, start, start + span)
    same_clause = bool(clauses and sel.clause_path and clauses.path_at(start) == sel.clause_path)
    near = abs(start - expected) <= max(NEAR_CHARS, len(text) // 10)
    unique_and_long = len(starts) == 1 and span >= 8
    sure = (
        (near and (context >= 0.35 or unique_and_long))
        or (same_clause and context >= 0.35)
        or context >= FAR_CONTEXT
    )
    if runner_up is not None and best - runner_up < AMBIGUITY_MARGIN:
        sure = False
    status = ANCHORED if sure else FUZZY
    return Placement(start, start + span, status, "quote", round(context * 100, 1), len(starts) - 1)


def _exact_score(text: str, sel: TextSelector, clauses: ClauseIndex | None, start: int, expected: int) -> float:
    context = _context_score(text, sel, start, start + len(sel.quote))
    same_clause = bool(clauses and sel.clause_path and clauses.path_at(start) == sel.clause_path)
    distance = min(abs(start - expected) / max(len(text), 1), 1.0)
    return 2.0 * context + (0.5 if same_clause else 0.0) - DISTANCE_WEIGHT * distance


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    position = text.find(quote)
    while position >= 0 and len(found) < MAX_CANDIDATES:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _between_context(text: str, sel: TextSelector) -> Placement | None:
    """The quote was edited but its neighbours were not: take what lies between them."""
    prefix, suffix = sel.prefix[-16:], sel.suffix[:16]
    if len(prefix) < MIN_BRACKET_CONTEXT or len(suffix) < MIN_BRACKET_CONTEXT:
        return None
    longest = 2 * len(sel.quote) + 16
    best: tuple[float, int, int] | None = None
    for prefix_at in _occurrences(text, prefix)[:50]:
        start = prefix_at + len(prefix)
        end = text.find(suffix, start, start + longest + len(suffix))
        if end <= start:
            continue
        score = fuzz.ratio(sel.quote, text[start:end])
        rank = (score, -abs(start - sel.start))
        if best is None or rank > (best[0], -abs(best[1] - sel.start)):
            best = (score, start, end)
    if best is None or best[0] < BRACKET_THRESHOLD:
        return None
    return Placement(best[1], best[2], FUZZY, "context", round(best[0], 1))


def _fuzzy(text: str, sel: TextSelector) -> Placement | None:
    """Approximate match, first near the old position, then anywhere in the text."""
    quote = sel.quote
    if len(quote) < MIN_FUZZY_QUOTE or len(text) < len(quote) // 2:
        return None
    margin = 3 * len(quote) + 500
    window_start = max(0, sel.start - margin)
    window = text[window_start : sel.end + margin]
    found = _align(quote, window, window_start)
    if found is None and (window_start > 0 or sel.end + margin < len(text)):
        found = _align(quote, text, 0)
    if found is None:
        return None
    start, end = _refine(text, quote, *found)
    score = fuzz.ratio(quote, text[start:end])
    if score < FUZZY_THRESHOLD:
        return None
    return Placement(start, end, FUZZY, "fuzzy", round(score, 1))


def _align(quote: str, haystack: str, offset: int) -> tuple[int, int] | None:
    if len(haystack) < len(quote):
        result = fuzz.partial_ratio_alignment(haystack, quote)
        if result is None or result.score < FUZZY_THRESHOLD:
            return None
        return offset, offset + len(haystack)
    result = fuzz.partial_ratio_alignment(quote, haystack, score_cutoff=FUZZY_THRESHOLD)
    if result is None or result.dest_end <= result.dest_start:
        return None
    return offset + result.dest_start, offset + result.dest_end


def _refine(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Adjust the ends of an equal-length alignment to absorb insertions and deletions."""
    slack = max(3, len(quote) // 4)
    shifts = range(-slack, slack + 1)
    end = max(shifts, key=lambda k: (_ratio(quote, text, start, end + k), -abs(k))) + end
    end = max(start + 1, min(len(text), end))
    start = max(shifts, key=lambda k: (_ratio(quote, text, start + k, end), -abs(k))) + start
    start = max(0, min(end - 1, start))
    return start, end


def _ratio(quote: str, text: str, start: int, end: int) -> float:
    return fuzz.ratio(quote, text[max(0, start) : max(0, end)])


def reanchor_all(
    text: str, selectors: Sequence[TextSelector], clauses: Sequence[Clause] = ()
) -> list[Placement]:
    """Locate many selectors in one text (the work of a re-import)."""
    index = ClauseIndex(clauses) if clauses else None
    return [locate(text, sel, index) for sel in selectors]
