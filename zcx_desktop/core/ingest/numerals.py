"""Chinese numerals: 十二 -> 12, 二〇一八 -> 2018, 12 -> 十二, circled ① -> 1."""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS)
_DIGIT_NAMES = "零一二三四五六七八九"

# ①..⑳, ㉑..㉟, ㊱..㊿
_CIRCLED_RANGES = ((0x2460, 1, 20), (0x3251, 21, 35), (0x32B1, 36, 50))


def chinese_to_int(numeral: str) -> int | None:
    """Value of a Chinese numeral (十二, 一百零五, 二〇一八); None when it is not one."""
    if not numeral or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in numeral):
        return None
    if not any(ch in CN_UNITS for ch in numeral):
        value = 0
        for ch in numeral:  # digit by digit: 二〇一八
            value = value * 10 + CN_DIGITS[ch]
        return value
    total, digit = 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def int_to_chinese(value: int) -> str:
    """Chinese numeral for 0 < value < 10000 as used in labels: 3 -> 三, 12 -> 十二."""
    if value <= 0 or value >= 10000:
        return str(value)
    parts: list[str] = []
    zero_pending = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = (value // unit) % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_DIGIT_NAMES[digit] + name)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def circled_to_int(char: str) -> int | None:
    """Value of a circled number ① .. ㊿; None otherwise."""
    code = ord(char) if len(char) == 1 else -1
    for first, base, last in _CIRCLED_RANGES:
        if first <= code <= first + (last - base):
            return base + code - first
    return None


def int_to_circled(value: int) -> str:
    """Circled character for 1..50, else the plain number."""
    for first, base, last in _CIRCLED_RANGES:
        if base <= value <= last:
            return chr(first + value - base)
    return str(value)
