"""Bytes to text: detect UTF-8/UTF-16/GB18030/Big5, reject binary data, normalise newlines."""

from __future__ import annotations

import codecs
import functools
import logging
import unicodedata

from zcx_desktop.core.errors import ImportFailed

log = logging.getLogger("zcx.ingest")

MSG_EMPTY = "文件为空"
MSG_BINARY = "不是文本文件（含二进制数据）"
MSG_UNKNOWN_ENCODING = "无法识别文件编码（支持 UTF-8、UTF-16、GB18030/GBK、Big5）"

_SCORE_SAMPLE_CHARS = 200_000
_MIN_PLAUSIBILITY = 0.6
_MIN_UTF16_PLAUSIBILITY = 0.8
_MAX_CONTROL_RATIO = 0.01
_COMMON_PUNCTUATION = frozenset("，。、；：？！“”‘’《》（）【】〔〕…—·「」『』　％")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode `data` (the content of file `name`) and return (text, encoding name).

    Newlines are normalised to "\\n". Raises ImportFailed for empty, binary or
    undecodable data.
    """
    if not data.strip():
        raise ImportFailed(name, MSG_EMPTY)
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ImportFailed(name, MSG_BINARY)
    if not text.strip(" \t\n\f\v\u3000\u00a0\ufeff"):
        raise ImportFailed(name, MSG_EMPTY)
    log.debug("decoded %s as %s", name, encoding)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    bom = _decode_with_bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        utf16 = _decode_bomless_utf16(data)
        if utf16 is None:
            raise ImportFailed(name, MSG_BINARY)
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_chinese_legacy(data, name)


def _decode_with_bom(data: bytes) -> tuple[str, str] | None:
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                return None
    return None


def _decode_bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: the byte order whose decoding reads as text (ASCII or common CJK)."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _utf16_plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None or best[0] < _MIN_UTF16_PLAUSIBILITY:
        return None
    return best[2], best[1]


def _utf16_plausibility(text: str) -> float:
    common = _common_any()
    sample = text[:_SCORE_SAMPLE_CHARS]
    good = sum(
        1
        for char in sample
        if ("\x20" <= char < "\x7f")
        or char in "\t\r\n"
        or char in common
        or char in _COMMON_PUNCTUATION
    )
    return good / max(len(sample), 1)


def _decode_chinese_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Choose between GB18030 and Big5 by how plausible each decoding is as Chinese."""
    candidates: list[tuple[float, str, str]] = []
    for codec, common in (("gb18030", _common_simplified()), ("cp950", _common_traditional())):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text, common), codec, text))
    if not candidates:
        raise ImportFailed(name, MSG_UNKNOWN_ENCODING)
    score, codec, text = max(candidates)
    log.debug("%s legacy encoding scores: %s", name, [(c, round(s, 3)) for s, c, _ in candidates])
    if score < _MIN_PLAUSIBILITY:
        raise ImportFailed(name, MSG_UNKNOWN_ENCODING)
    return text, codec


def _plausibility(text: str, common: frozenset[str]) -> float:
    """Share of non-ASCII characters that are common Chinese characters or punctuation."""
    total = 0
    good = 0
    for char in text[:_SCORE_SAMPLE_CHARS]:
        if char < "\x80":
            continue
        total += 1
        if char in common or char in _COMMON_PUNCTUATION:
            good += 1
    if total == 0:
        return 0.0
    return good / total


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(
        1
        for char in text[:_SCORE_SAMPLE_CHARS]
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
    sample = min(len(text), _SCORE_SAMPLE_CHARS)
    return sample > 0 and controls / sample > _MAX_CONTROL_RATIO


@functools.cache
def _common_simplified() -> frozenset[str]:
    """GB2312 level-1 characters: the 3,755 most common Simplified Chinese characters."""
    return _chars_in_range("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))


@functools.cache
def _common_any() -> frozenset[str]:
    return _common_simplified() | _common_traditional()


@functools.cache
def _common_traditional() -> frozenset[str]:
    """Big5 常用字 (lead bytes A4-C6): the 5,401 common Traditional Chinese characters."""
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return _chars_in_range("big5", range(0xA4, 0xC7), trails)


def _chars_in_range(codec: str, leads: range, trails: range | list[int]) -> frozenset[str]:
    chars: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)
