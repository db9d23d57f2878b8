"""Chinese text analysis for the search index: overlapping Han bigrams and whole words.

Whoosh pickles analyzers into the index, so the classes here must keep this import path.
The same run splitter is used for documents and for queries, which is what makes the
candidate conditions in `querying.py` complete (100% recall for any substring).
`TermSetField` indexes each distinct term of a document once (no positions, no counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from whoosh import formats
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import FieldType

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3007"
_RUN = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<word>[^\W_{_HAN}]+)")


# Full-width ASCII (！..～) and the ideographic space fold to ASCII, one character for one.
_WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


_FOLDABLE = re.compile("[\uff01-\uff5e\u3000]")
_FOLD_CHAR = {chr(code): chr(target) for code, target in _WIDTH_FOLD.items()}


def fold(text: str) -> str:
    """Lowercase and fold full-width letters/digits/brackets to ASCII (length kept for offsets)."""
    folded = text
    for char in set(_FOLDABLE.findall(text)):  # a few distinct characters: much faster than translate
        folded = folded.replace(char, _FOLD_CHAR[char])
    lowered = folded.lower()
    return lowered if len(lowered) == len(text) else folded


@dataclass(frozen=True)
class Run:
    """A maximal stretch of Han characters or of other letters/digits in lowercased text."""

    kind: str  # "han" | "word"
    text: str
    start: int
    end: int


def split_runs(text: str) -> list[Run]:
    """Han runs and word runs (letters/digits, folded); punctuation and spaces separate them."""
    lowered = fold(text)
    return [
        Run("han" if m.lastgroup == "han" else "word", m.group(), m.start(), m.end())
        for m in _RUN.finditer(lowered)
    ]


def han_bigrams(run_text: str) -> list[str]:
    """Overlapping bigrams of a Han run; a lone character stands for itself."""
    if len(run_text) == 1:
        return [run_text]
    return [run_text[i : i + 2] for i in range(len(run_text) - 1)]


def bigram_tokens(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, startchar, endchar) for the ranked field; a gap separates runs."""
    pos = 0
    for run in split_runs(text):
        if run.kind == "han":
            for i, gram in enumerate(han_bigrams(run.text)):
                yield gram, pos, run.start + i, run.start + i + len(gram)
                pos += 1
        else:
            yield run.text, pos, run.start, run.end
            pos += 1
        pos += 1  # phrases never cross punctuation


class BigramTokenizer(Tokenizer):
    """Overlapping Han bigrams and whole lowercased words with sequential positions."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term, pos, startchar, endchar in bigram_tokens(value):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + startchar
                token.endchar = start_char + endchar
            yield token


def bigram_analyzer() -> BigramTokenizer:
    return BigramTokenizer()


def index_terms(text: str) -> set[str]:
    """Distinct terms of a text: Han bigrams (a lone Han character as itself) and whole words."""
    terms: set[str] = set()
    for match in _RUN.finditer(fold(text)):
        run = match.group()
        if match.lastgroup == "han" and len(run) > 1:
            terms.update(map(str.__add__, run[:-1], run[1:]))
        else:
            terms.add(run)
    return terms


class TermSetField(FieldType):
    """A Whoosh field holding which terms a document contains (Existence postings only)."""

    def __init__(self) -> None:
        super().__init__(formats.Existence(), BigramTokenizer(), scorable=False, stored=False)

    def index(self, value: object, **kwargs: object):  # type: ignore[no-untyped-def, override]
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is not text")
        return [(term.encode("utf-8"), 1, 1.0, b"") for term in index_terms(value)]
