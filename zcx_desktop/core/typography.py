"""Display-only Chinese punctuation: half-width , ; : ? ! ( ) shown full-width in Chinese context.

The clean text keeps punctuation exactly as the source wrote it (many government pages type
"各市(县)、区人民政府,市各委办局:"). `display_punctuation` returns a string of exactly the same
length (one BMP character for one), so clause offsets and annotation anchors stay valid for
the shown text. Latin contexts ("R&D (GDP)"), times "09:35", thousands "1,000", URLs and
HTML entities are left alone.
"""

from __future__ import annotations

import re

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
PUNCTUATION = ",;:?!"
CHINESE_PUNCTUATION = "“”‘’…—·"  # used between Han characters in Chinese typesetting

_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_URL_TRAILING = ",;:?!.'"


def is_chinese(char: str) -> bool:
    """True for a Han character or a CJK / full-width punctuation mark."""
    if not char:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F  # CJK symbols and punctuation (、。〈〉《》「」【】〔〕〇)
        or 0xFF01 <= code <= 0xFF65  # full-width forms
        or 0xFE10 <= code <= 0xFE1F
        or 0xFE30 <= code <= 0xFE4F
        or char in CHINESE_PUNCTUATION
    )


def _url_end(text: str, match: re.Match[str]) -> int:
    """End of a URL match without trailing sentence punctuation or an unbalanced ')'."""
    end = match.end()
    while end > match.start():
        last = text[end - 1]
        url = text[match.start() : end]
        if last in _URL_TRAILING or (last == ")" and url.count("(") < url.count(")")):
            end -= 1
        else:
            break
    return end


def _protected(text: str) -> list[bool]:
    """Positions inside URLs or HTML entities (never converted)."""
    kept = [False] * len(text)
    for match in _URL.finditer(text):
        for i in range(match.start(), _url_end(text, match)):
            kept[i] = True
    for match in _ENTITY.finditer(text):
        for i in range(match.start(), match.end()):
            kept[i] = True
    return kept


def _at(chars: list[str], index: int) -> str:
    return chars[index] if 0 <= index < len(chars) else ""


def _bracket_pairs(chars: list[str], kept: list[bool]) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched ASCII ( ) pairs within one line, and the unmatched ones."""
    pairs: list[tuple[int, int]] = []
    lonely: list[int] = []
    stack: list[int] = []
    for i, char in enumerate(chars):
        if char == "\n":
            lonely.extend(stack)
            stack = []
        elif kept[i]:
            continue
        elif char == "(":
            stack.append(i)
        elif char == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lonely.append(i)
    lonely.extend(stack)
    return pairs, lonely


def _convert_brackets(chars: list[str], kept: list[bool]) -> None:
    pairs, lonely = _bracket_pairs(chars, kept)
    # Innermost pairs first: a converted inner pair makes its outer pair's content Chinese.
    for start, end in sorted(pairs, key=lambda pair: pair[1] - pair[0]):
        content = chars[start + 1 : end]
        outside = (_at(chars, start - 1), _at(chars, end + 1))
        if any(is_chinese(c) for c in content) or any(is_chinese(c) for c in outside):
            chars[start], chars[end] = FULL_WIDTH["("], FULL_WIDTH[")"]
    for i in lonely:
        if is_chinese(_at(chars, i - 1)) or is_chinese(_at(chars, i + 1)):
            chars[i] = FULL_WIDTH[chars[i]]


def _between_digits(chars: list[str], i: int) -> bool:
    """09:35, 1,000, 1:2 — a separator inside a number stays half-width."""
    return _at(chars, i - 1).isascii() and _at(chars, i - 1).isdigit() and \
        _at(chars, i + 1).isascii() and _at(chars, i + 1).isdigit()


def display_punctuation(text: str) -> str:
    """`text` with ASCII , ; : ? ! ( ) made full-width where they sit in Chinese; same length."""
    if not any(c in FULL_WIDTH for c in text):
        return text
    chars = list(text)
    kept = _protected(text)
    _convert_brackets(chars, kept)
    for i, char in enumerate(chars):
        if char not in PUNCTUATION or kept[i] or (char in ",:" and _between_digits(chars, i)):
            continue
        if is_chinese(_at(chars, i - 1)) or is_chinese(_at(chars, i + 1)):
            chars[i] = FULL_WIDTH[char]
    return "".join(chars)
