"""Clause alignment: one-to-one matching by content and structure, order analysis, splits and merges."""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from zcx_desktop.core.compare.model import Unit
from zcx_desktop.core.compare.vectors import Vector, bigram_counts, cosine, normalise, weigh

log = logging.getLogger("zcx.compare")

STRONG_MATCH = (
    0.5  # cosine at which two clauses are taken as the same clause without further evidence
)
WEAK_MATCH = (
    0.14  # lower score accepted when the pair is mutual best (and, for versions, fits the order)
)
PART_CONTAINMENT = 0.7  # share of a part's bigrams found in the whole, for split / merge


@dataclass
class Group:
    """A set of A units aligned with a set of B units (1:1, 1:n split, n:1 merge)."""

    a: list[int]
    b: list[int]
    score: float
    in_order: bool = True

    @property
    def kind(self) -> str:
        if len(self.b) > 1:
            return "split"
        if len(self.a) > 1:
            return "merged"
        return "pair"


@dataclass
class AlignmentInput:
    """Everything alignment needs about both sides, computed once."""

    a_units: list[Unit]
    b_units: list[Unit]
    a_vectors: list[Vector]
    b_vectors: list[Vector]
    matrix: list[dict[int, float]]  # cosine a -> {b: score}
    idf: dict[str, float]
    default_idf: float
    versions: bool = True  # two versions of one text (most clauses match closely) vs two documents


def heading_similarity(a: Unit, b: Unit) -> float | None:
    """Dice coefficient of the two headings' character bigrams; None when either has no heading."""
    if not a.heading or not b.heading:
        return None
    if a.heading == b.heading:
        return 1.0
    left, right = _heading_bigrams(a.heading), _heading_bigrams(b.heading)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


@lru_cache(maxsize=4096)
def _heading_bigrams(heading: str) -> frozenset[str]:
    return frozenset(bigram_counts(heading))


def pair_score(data: AlignmentInput, i: int, j: int, content: float) -> float:
    """Content cosine blended with heading likeness, plus small structural hints."""
    a, b = data.a_units[i], data.b_units[j]
    heading = heading_similarity(a, b)
    score = content if heading is None else max(content, 0.6 * content + 0.4 * heading)
    if a.path == b.path:
        score += 0.03
    if a.level != b.level and data.versions:
        score -= 0.05
    return score


def align_units(data: AlignmentInput) -> list[Group]:
    """Align units of A with units of B; returns groups, `in_order` False for moved ones."""
    data.versions = _looks_like_versions(data)
    matched = _match_strong(data)
    _match_weak(data, matched)
    _match_empty_by_path(data, matched)
    groups = [Group([i], [j], data.matrix[i].get(j, 0.0)) for i, j in matched.items()]
    groups = _detect_splits_and_merges(data, groups)
    _mark_order(groups)
    return groups


def _looks_like_versions(data: AlignmentInput) -> bool:
    close = sum(1 for row in data.matrix if row and max(row.values()) >= 0.8)
    return close >= 0.3 * min(len(data.a_units), len(data.b_units))


def _match_strong(data: AlignmentInput) -> dict[int, int]:
    candidates = []
    for i, row in enumerate(data.matrix):
        for j, score in row.items():
            adjusted = pair_score(data, i, j, score)
            if adjusted >= STRONG_MATCH:
                candidates.append((adjusted, -abs(i - j), i, j))
    candidates.sort(reverse=True)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _score, _distance, i, j in candidates:
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


def _match_weak(data: AlignmentInput, matched: dict[int, int]) -> None:
    """Mutual best pairs among the leftovers, accepted when they fit the surrounding alignment."""
    for _round in range(2):
        taken = set(matched.values())
        free_b_best: dict[int, tuple[float, int]] = {}
        a_best: dict[int, tuple[float, int]] = {}
        for i, row in enumerate(data.matrix):
            if i in matched:
                continue
            for j, score in row.items():
                if j in taken:
                    continue
                adjusted = pair_score(data, i, j, score)
                if adjusted > a_best.get(i, (0.0, -1))[0]:
                    a_best[i] = (adjusted, j)
                if adjusted > free_b_best.get(j, (0.0, -1))[0]:
                    free_b_best[j] = (adjusted, i)
        added = 0
        for i, (score, j) in a_best.items():
            if free_b_best.get(j, (0.0, -1))[1] != i or score < WEAK_MATCH:
                continue
            if not data.versions or score >= STRONG_MATCH * 0.8 or _supported(data, matched, i, j):
                matched[i] = j
                added += 1
        if not added:
            return


def _match_empty_by_path(data: AlignmentInput, matched: dict[int, int]) -> None:
    """Clauses with no text of their own (a bare 二、 or 附件) pair up by citation path."""
    taken = set(matched.values())
    free_b = {
        u.path: u.index
        for u in data.b_units
        if not data.b_vectors[u.index] and u.index not in taken
    }
    for unit in data.a_units:
        if unit.index in matched or data.a_vectors[unit.index]:
            continue
        j = free_b.pop(unit.path, None)
        if j is not None:
            matched[unit.index] = j
            data.matrix[unit.index][j] = 1.0


def _supported(data: AlignmentInput, matched: dict[int, int], i: int, j: int) -> bool:
    """A weak pair counts when its parents are aligned or it sits between aligned neighbours."""
    pa, pb = data.a_units[i].parent_unit, data.b_units[j].parent_unit
    if pa is not None and pb is not None and matched.get(pa) == pb:
        return True
    before = [matched[k] for k in matched if k < i]
    after = [matched[k] for k in matched if k > i]
    low = max(before) if before else -1
    high = min(after) if after else len(data.b_units)
    return low < j < high


def _containment(part: Counter[str], whole: Counter[str]) -> float:
    total = sum(part.values())
    return sum(min(n, whole.get(t, 0)) for t, n in part.items()) / total if total else 0.0


def _detect_splits_and_merges(data: AlignmentInput, groups: list[Group]) -> list[Group]:
    a_counts = [bigram_counts(u.content) for u in data.a_units]
    b_counts = [bigram_counts(u.content) for u in data.b_units]
    by_a = {g.a[0]: g for g in groups}
    by_b = {g.b[0]: g for g in groups}
    for i in range(len(data.a_units)):
        found = _grow_parts(i, data.matrix[i], a_counts[i], b_counts, data.b_units, by_a, by_b)
        if found:
            _replace(
                groups,
                by_a,
                by_b,
                Group([i], found, _joint_score(data, [i], found, a_counts, b_counts)),
                "a",
            )
    transposed: list[dict[int, float]] = [{} for _ in data.b_units]
    for i, row in enumerate(data.matrix):
        for j, score in row.items():
            transposed[j][i] = score
    for j in range(len(data.b_units)):
        found = _grow_parts(j, transposed[j], b_counts[j], a_counts, data.a_units, by_b, by_a)
        if found:
            _replace(
                groups,
                by_b,
                by_a,
                Group(found, [j], _joint_score(data, found, [j], a_counts, b_counts)),
                "b",
            )
    return groups


def _grow_parts(
    whole: int,
    scores: dict[int, float],
    whole_counts: Counter[str],
    part_counts: list[Counter[str]],
    part_units: list[Unit],
    whole_groups: dict[int, Group],
    part_groups: dict[int, Group],
) -> list[int] | None:
    """Consecutive units on the other side that together make up `whole` (a split seen from the whole)."""
    own = whole_groups.get(whole)
    if own is not None and (own.kind != "pair" or own.score >= 0.95):
        return None

    def usable(k: int) -> bool:
        group = part_groups.get(k)
        free = group is None or (group.kind == "pair" and group is own)
        return free and _containment(part_counts[k], whole_counts) >= PART_CONTAINMENT

    for start in sorted(k for k, s in scores.items() if s >= 0.2):
        if not usable(start):
            continue
        parts = [start]
        k = start + 1
        while k < len(part_units) and part_units[k].level == part_units[start].level and usable(k):
            parts.append(k)
            k += 1
        if len(parts) < 2:
            continue
        joint: Counter[str] = Counter()
        for k in parts:
            joint.update(part_counts[k])
        if _containment(whole_counts, joint) >= PART_CONTAINMENT:
            return parts
    return None


def _joint_score(
    data: AlignmentInput, a: list[int], b: list[int], a_counts: list, b_counts: list
) -> float:
    left: Counter[str] = sum((a_counts[i] for i in a), Counter())
    right: Counter[str] = sum((b_counts[j] for j in b), Counter())
    return cosine(weigh(left, data.idf, data.default_idf), weigh(right, data.idf, data.default_idf))


def _replace(
    groups: list[Group], by_whole: dict, by_part: dict, new: Group, whole_side: str
) -> None:
    whole = new.a[0] if whole_side == "a" else new.b[0]
    parts = new.b if whole_side == "a" else new.a
    stale = {id(by_whole[whole])} if whole in by_whole else set()
    stale |= {id(by_part[k]) for k in parts if k in by_part}
    groups[:] = [g for g in groups if id(g) not in stale]
    groups.append(new)
    by_whole[whole] = new
    for k in parts:
        by_part[k] = new


def _mark_order(groups: list[Group]) -> None:
    """Groups on the heaviest increasing chain (by A then B position) are in order; the rest moved."""
    groups.sort(key=lambda g: (g.a[0], g.b[0]))
    keys = [g.b[0] for g in groups]
    weights = [len(g.a) + len(g.b) for g in groups]
    best = [0.0] * len(groups)
    previous = [-1] * len(groups)
    tails: list[tuple[int, int]] = []  # (b key, group index) — plain LIS when weights tie
    for index, key in enumerate(keys):
        position = bisect.bisect_left([t[0] for t in tails], key)
        previous[index] = tails[position - 1][1] if position > 0 else -1
        best[index] = (best[previous[index]] if position > 0 else 0.0) + weights[index]
        if position == len(tails):
            tails.append((key, index))
        else:
            tails[position] = (key, index)
    chain: set[int] = set()
    index = tails[-1][1] if tails else -1
    while index >= 0:
        chain.add(index)
        index = previous[index]
    for index, group in enumerate(groups):
        group.in_order = index in chain


def same_content(a: Unit, b: Unit) -> bool:
    return normalise(a.content) == normalise(b.content)
