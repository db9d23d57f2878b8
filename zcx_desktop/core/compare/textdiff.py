"""Chinese-aware diff: one token per Han character, numbers and Latin words atomic, phrase-level cleanup.

Uses diff-match-patch (PyPI `diff-match-patch`) on an encoded string where every multi-character
token becomes one private-use code point, so its semantic cleanup never splits 2.92 into 2.9 + 2.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from zcx_desktop.core.compare.model import DiffOp
from zcx_desktop.core.compare.numbers import ATOM_RE

_PRIVATE_BASE = 0xF0000
_OPS = {-1: "-", 0: "=", 1: "+"}


class _Codec:
    """Maps multi-character tokens (and any private-use characters) to single code points and back."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.tokens: list[str] = []

    def _code_for(self, token: str) -> str:
        code = self.codes.get(token)
        if code is None:
            code = chr(_PRIVATE_BASE + len(self.tokens))
            self.codes[token] = code
            self.tokens.append(token)
        return code

    def encode(self, text: str) -> str:
        parts = []
        position = 0
        for match in ATOM_RE.finditer(text):
            parts.append(self._escape(text[position : match.start()]))
            parts.append(self._code_for(match.group()))
            position = match.end()
        parts.append(self._escape(text[position:]))
        return "".join(parts)

    def _escape(self, chunk: str) -> str:
        if not any(ord(ch) >= _PRIVATE_BASE for ch in chunk):
            return chunk
        return "".join(self._code_for(ch) if ord(ch) >= _PRIVATE_BASE else ch for ch in chunk)

    def decode(self, encoded: str) -> str:
        if not any(ord(ch) >= _PRIVATE_BASE for ch in encoded):
            return encoded
        return "".join(
            self.tokens[ord(ch) - _PRIVATE_BASE] if ord(ch) >= _PRIVATE_BASE else ch
            for ch in encoded
        )


PHRASE_RE = re.compile(r"[^，。；：、,;:！？!?\n]*[，。；：、,;:！？!?\n]?")


REFINE_ABOVE = 300  # longer texts are diffed phrase by phrase first, then character by character
REFINE_MIN_LIKENESS = 0.3  # replaced stretches sharing fewer bigrams stay whole phrases


def diff_texts(a: str, b: str, *, timeout: float = 0.2, coarse: bool = False) -> list[DiffOp]:
    """Diff two texts as ("=", "-", "+") operations whose pieces concatenate back to `a` and `b`.

    `coarse` diffs whole phrases (up to the next punctuation mark) instead of characters:
    faster and easier to read when the two texts are mostly different. Long texts are
    matched phrase by phrase first and only the replaced stretches are diffed by character.
    """
    if a == b:
        return [("=", a)] if a else []
    if coarse:
        return _diff(a, b, _PhraseCodec(), timeout)
    if len(a) + len(b) <= REFINE_ABOVE:
        return _diff(a, b, _Codec(), timeout)
    refined: list[DiffOp] = []
    pending_a: list[str] = []
    pending_b: list[str] = []
    for op, text in _diff(a, b, _PhraseCodec(), timeout) + [("=", "")]:
        if op == "-":
            pending_a.append(text)
        elif op == "+":
            pending_b.append(text)
        else:
            refined += _refine("".join(pending_a), "".join(pending_b), timeout)
            pending_a, pending_b = [], []
            refined.append((op, text))
    return _merge_neighbours(refined)


def _refine(a: str, b: str, timeout: float) -> list[DiffOp]:
    """Character diff of a replaced stretch, unless the two sides have little in common."""
    if a and b and _bigram_dice(a, b) < REFINE_MIN_LIKENESS:
        return [("-", a), ("+", b)]
    return _diff(a, b, _Codec(), timeout)


def _bigram_dice(a: str, b: str) -> float:
    left = {a[i : i + 2] for i in range(len(a) - 1)}
    right = {b[i : i + 2] for i in range(len(b) - 1)}
    return 2 * len(left & right) / (len(left) + len(right)) if left and right else 0.0


def _diff(a: str, b: str, codec: _Codec, timeout: float) -> list[DiffOp]:
    if not a or not b:
        return [("-", a)] if a else ([("+", b)] if b else [])
    engine = diff_match_patch()
    engine.Diff_Timeout = timeout
    diffs = engine.diff_main(codec.encode(a), codec.encode(b), False)
    engine.diff_cleanupSemantic(diffs)
    _absorb_short_equalities(diffs)
    return [(_OPS[op], codec.decode(text)) for op, text in diffs if text]


def _merge_neighbours(diff: list[DiffOp]) -> list[DiffOp]:
    """Join consecutive pieces with the same operation; drop empty ones."""
    merged: list[DiffOp] = []
    for op, text in diff:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


class _PhraseCodec(_Codec):
    """Every phrase (text up to and including a punctuation mark) is one token."""

    def encode(self, text: str) -> str:
        return "".join(self._code_for(m.group()) for m in PHRASE_RE.finditer(text) if m.group())

    def decode(self, encoded: str) -> str:
        return "".join(self.tokens[ord(ch) - _PRIVATE_BASE] for ch in encoded)


def _absorb_short_equalities(diffs: list[tuple[int, str]], longest: int = 1) -> None:
    """Fold a lone character kept between two edits into them, so phrases read as one change."""
    changed = True
    while changed:
        changed = False
        for i in range(1, len(diffs) - 1):
            op, text = diffs[i]
            if op != 0 or len(text) > longest or not text.isalnum():
                continue
            if diffs[i - 1][0] != 0 and diffs[i + 1][0] != 0:
                _merge_equality_into_edits(diffs, i)
                changed = True
                break


def _merge_equality_into_edits(diffs: list[tuple[int, str]], i: int) -> None:
    start = i
    while start > 0 and diffs[start - 1][0] != 0:
        start -= 1
    end = i + 1
    while end < len(diffs) and diffs[end][0] != 0:
        end += 1
    deleted = "".join(text for op, text in diffs[start:end] if op != 1)
    inserted = "".join(text for op, text in diffs[start:end] if op != -1)
    diffs[start:end] = [(-1, deleted), (1, inserted)]


def side_text(diff: list[DiffOp], side: str) -> str:
    """Rebuild one side ("a" or "b") from a diff."""
    keep = "-" if side == "a" else "+"
    return "".join(text for op, text in diff if op in ("=", keep))
