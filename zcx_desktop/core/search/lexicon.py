"""Term lists of one index field, for expanding single characters and partial words at query time."""

from __future__ import annotations

import bisect
import re
from typing import Any

_HAN_START = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3007]")

MAX_EXPANSION = 4000


class TermLexicon:
    """All terms of a bigram-analysed field, split into Han bigrams/characters and words."""

    def __init__(self, reader: Any, fieldname: str) -> None:
        self.words: list[str] = []
        self.han: list[str] = []
        for raw in reader.lexicon(fieldname):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            (self.han if _HAN_START.match(term) else self.words).append(term)
        self.han.sort()
        self._by_last: dict[str, list[str]] | None = None

    def han_containing(self, char: str) -> list[str]:
        """Bigrams starting or ending with the character, and the character as a lone token."""
        start = bisect.bisect_left(self.han, char)
        found = []
        for term in self.han[start:]:
            if not term.startswith(char):
                break
            found.append(term)
        if self._by_last is None:
            self._by_last = {}
            for term in self.han:
                if len(term) == 2:
                    self._by_last.setdefault(term[1], []).append(term)
        found += [t for t in self._by_last.get(char, []) if t[0] != char]
        return found

    def words_matching(self, word: str, at_start: bool, at_end: bool) -> list[str]:
        """Words of which `word` may be a piece: a suffix, a prefix, or anywhere inside."""
        if at_start and at_end:
            return [t for t in self.words if word in t]
        if at_start:
            return [t for t in self.words if t.endswith(word)]
        return [t for t in self.words if t.startswith(word)]
