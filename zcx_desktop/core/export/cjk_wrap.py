"""Chinese line breaking for reportlab: 避头尾 (kinsoku) and character-spacing justification.

Relies on reportlab internals (checked against reportlab==5.1.0 exactly):
`paragraph.FragLine`, `ParaLines`, `_handleBulletWidth`, `_putFragLine`,
`setXPos` and the module global `_justifyDrawParaLineX`, which is wrapped so that only
lines produced here (they carry `zcx_char_space`) are justified by character spacing;
every other paragraph is drawn exactly as before. The canvas must expose a
`zcx_char_space` attribute and add it to `stringWidth` (see `pdf_canvas.ZcxCanvas`) so that
highlight, underline and link positions follow the spaced glyphs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines
from reportlab.rl_config import _FUZZ

log = logging.getLogger("zcx.export")

REPORTLAB_VERSION_CHECKED = "5.1.0"

NO_LINE_START: frozenset[str] = frozenset(
    "，。、；：？！”’》）」』】〕］〉〗｝…‥·%‰℃°,.;:?!)]}" "\u30fb\uff05\uff0e\uff0c"
)
NO_LINE_END: frozenset[str] = frozenset("（“‘《「『【〔［〈〖｛([{")
MAX_CHAR_SPACE_RATIO = 0.5  # a line needing more than half an em per gap stays ragged


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_marker(u: Any) -> bool:
    """A note marker (raised text such as [3]) must stay with what precedes it."""
    return bool(getattr(u.frag, "rise", 0))


def _cannot_start(u: Any) -> bool:
    return u in NO_LINE_START or (bool(u) and _is_marker(u))


class _Unit(str):
    """One character (or a zero-width callback / image) with its frag and width."""

    frag: Any
    width: float


_WIDTHS: dict[tuple[str, str, float], float] = {}


def _unit(ch: str, frag: Any, width: float) -> _Unit:
    unit = _Unit(ch)
    unit.frag = frag
    unit.width = width
    return unit


def _glyphs(frags: Sequence[Any]) -> list[Any]:
    units: list[Any] = []
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if not text or hasattr(frag, "cbDefn"):
            units.append(_unit(text or "", frag, getattr(getattr(frag, "cbDefn", None), "width", 0) or (stringWidth(text, frag.fontName, frag.fontSize) if text else 0)))
            continue
        font, size = frag.fontName, frag.fontSize
        for ch in text:
            key = (ch, font, size)
            width = _WIDTHS.get(key)
            if width is None:
                width = _WIDTHS[key] = stringWidth(ch, font, size)
            units.append(_unit(ch, frag, width))
    return units


def _make_line(units: Sequence[Any], max_width: float, used: float, forced: bool) -> Any:
    """A reportlab CJK FragLine: consecutive units of the same frag merged into one word."""
    words: list[Any] = []
    max_size = ascent = descent = 0.0
    run: list[str] = []
    current = None
    for u in [*units, None]:
        frag: Any = None if u is None else u.frag
        if frag is not current and current is not None:
            word = current.clone()
            word.text = "".join(run)
            words.append(word)
            run = []
        if u is None:
            break
        if frag is not current:
            a, d = getAscentDescent(frag.fontName, frag.fontSize)
            max_size, ascent, descent = max(max_size, frag.fontSize), max(ascent, a), min(descent, d)
            current = frag
        run.append(u)
    return FragLine(
        kind=1, extraSpace=max_width - used, wordCount=1, words=words, fontSize=max_size, ascent=ascent,
        descent=descent, maxWidth=max_width, currentWidth=used, lineBreak=forced,
    )


def _next_visible(units: Sequence[Any], i: int) -> int:
    while i < len(units) and not units[i]:
        i += 1
    return i


def _prev_visible(units: Sequence[Any], i: int) -> int:
    """Index of the last visible glyph before position i, or -1."""
    i -= 1
    while i >= 0 and not units[i]:
        i -= 1
    return i


def _break_is_bad(units: Sequence[Any], i: int) -> bool:
    """True if breaking before units[i] violates 避头尾 or cuts a Latin word / number."""
    nxt = _next_visible(units, i)
    prev = _prev_visible(units, i)
    if nxt >= len(units) or prev < 0:
        return False
    if _cannot_start(units[nxt]) or units[prev] in NO_LINE_END:
        return True
    return _is_word_char(units[prev]) and _is_word_char(units[nxt])


def _squeeze_allowed(units: Sequence[Any], i: int, start: int) -> bool:
    """One closing punctuation mark may be squeezed into the line (挤进) instead of pushing text out."""
    nxt = _next_visible(units, i)
    if nxt >= len(units) or units[nxt] not in NO_LINE_START or nxt - start < 4:
        return False
    after = _next_visible(units, nxt + 1)
    return after >= len(units) or not _break_is_bad(units, after)


def choose_break(units: Sequence[Any], start: int, i: int) -> int:
    """Move the greedy break position i so the next line starts and this one ends legally."""
    if not _break_is_bad(units, i):
        return i
    if _squeeze_allowed(units, i, start):
        return _next_visible(units, i) + 1
    j = i
    limit = start + max(1, (i - start) // 3)
    while j > limit and _break_is_bad(units, j):
        j -= 1
    if j > limit:
        return j
    return i  # nothing legal nearby: keep the greedy break rather than a tiny line


def _unit_width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):  # an image given as a percentage of the line
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return w


def _greedy_end(units: Sequence[Any], start: int, max_width: float) -> tuple[int, bool]:
    width = 0.0
    i = start
    while i < len(units):
        w = _unit_width(units[i], max_width)
        if width + w > max_width + _FUZZ and i > start:
            return i, False
        width += w
        i += 1
        if hasattr(units[i - 1].frag, "lineBreak"):
            return i, True
    return i, False


def _char_space(units: Sequence[Any], extra: float, font_size: float) -> float:
    gaps = sum(1 for u in units if u and u.width) - 1
    if gaps <= 0:
        return 0.0
    space = extra / gaps
    return space if abs(space) <= MAX_CHAR_SPACE_RATIO * font_size else 0.0


def cjk_break_lines(frags: Sequence[Any], max_widths: Sequence[float]) -> ParaLines:
    """Break frags into reportlab CJK lines honouring 避头尾; each line carries its justification."""
    units = _glyphs(frags)
    lines: list[Any] = []
    start = 0
    while start < len(units):
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end, forced = _greedy_end(units, start, max_width)
        if end < len(units) and not forced:
            end = choose_break(units, start, end)
        chunk = units[start:end]
        used = sum(_unit_width(u, max_width) for u in chunk)
        line = _make_line(chunk, max_width, used, forced)
        is_last = end >= len(units) or forced
        extra = max_width - used
        line.zcx_char_space = 0.0 if (is_last and extra >= 0) else _char_space(chunk, extra, line.fontSize)
        lines.append(line)
        start = end
    result = ParaLines(kind=1, lines=lines)
    result.zcx = True
    return result


def _split_zcx_lines(bl_para: Any, start: int, stop: int) -> list[Any]:
    """Frags for part of a paragraph split across frames, without reportlab's inserted spaces."""
    return [word.clone() for line in bl_para.lines[start:stop] for word in line.words]


class CJKParagraph(Paragraph):
    """A Paragraph (wordWrap='CJK') using `cjk_break_lines`; markup is reportlab's mini-HTML."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        style = self.style
        self.height = 0
        rl_paragraph._handleBulletWidth(self.bulletText, style, widths)
        if not self.frags:
            return super().breakLinesCJK(widths)
        return cjk_break_lines(self.frags, widths)

    def _get_split_blParaFunc(self) -> Any:
        if getattr(self.blPara, "zcx", False):
            return _split_zcx_lines
        return super()._get_split_blParaFunc()


_original_justify = rl_paragraph._justifyDrawParaLineX


def _justify_line(tx: Any, offset: float, line: Any, last: int = 0) -> None:
    space = getattr(line, "zcx_char_space", 0.0)
    canvas = tx._canvas
    if not space or not hasattr(canvas, "zcx_char_space"):
        _original_justify(tx, offset, line, last)
        return
    tx._x_offset = offset
    rl_paragraph.setXPos(tx, offset)
    tx.setCharSpace(space)
    canvas.zcx_char_space = space
    try:
        rl_paragraph._putFragLine(offset, tx, line, last, "justify")
    finally:
        tx.setCharSpace(0)
        canvas.zcx_char_space = 0.0
    rl_paragraph.setXPos(tx, -offset)


def install() -> None:
    """Route justified line drawing through `_justify_line` (idempotent)."""
    if rl_paragraph._justifyDrawParaLineX is not _justify_line:
        rl_paragraph._justifyDrawParaLineX = _justify_line


install()
