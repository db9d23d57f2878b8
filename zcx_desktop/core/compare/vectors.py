"""Character-bigram TF-IDF vectors and cosine similarity (pure Python, sparse dicts)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

_NOT_WORD = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]+")
Vector = dict[str, float]


def normalise(text: str) -> str:
    """Letters, digits and Han characters only, lower case: what similarity looks at."""
    return _NOT_WORD.sub("", text).lower()


def bigram_counts(text: str) -> Counter[str]:
    """Overlapping character bigrams of the normalised text (a lone character counts as itself)."""
    norm = normalise(text)
    if len(norm) < 2:
        return Counter([norm] if norm else [])
    return Counter(norm[i : i + 2] for i in range(len(norm) - 1))


def inverse_document_frequency(counts: Iterable[Counter[str]]) -> tuple[dict[str, float], int]:
    """Smoothed idf over a collection of bigram counters; returns (idf, collection size)."""
    frequency: Counter[str] = Counter()
    size = 0
    for counter in counts:
        frequency.update(counter.keys())
        size += 1
    return {term: math.log((1 + size) / (1 + df)) + 1.0 for term, df in frequency.items()}, size


def weigh(counts: Counter[str], idf: dict[str, float], default_idf: float) -> Vector:
    """Unit-length TF-IDF vector with sub-linear term frequency."""
    vector = {
        term: (1.0 + math.log(tf)) * idf.get(term, default_idf) for term, tf in counts.items()
    }
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {term: w / norm for term, w in vector.items()} if norm else {}


def cosine(left: Vector, right: Vector) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(w * right.get(term, 0.0) for term, w in left.items())


def similarity_matrix(
    rows: Sequence[Vector], cols: Sequence[Vector], floor: float = 0.05
) -> list[dict[int, float]]:
    """Cosine of every row vector with every column vector, via an inverted index; keeps scores ≥ floor."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(cols):
        for term, w in vector.items():
            postings.setdefault(term, []).append((j, w))
    matrix: list[dict[int, float]] = []
    for vector in rows:
        scores: dict[int, float] = {}
        get = scores.get
        for term, w in vector.items():
            for j, cw in postings.get(term, ()):
                scores[j] = get(j, 0.0) + w * cw
        matrix.append({j: s for j, s in scores.items() if s >= floor})
    return matrix
