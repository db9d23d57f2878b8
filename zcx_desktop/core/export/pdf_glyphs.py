"""Read glyph positions back from a PDF page (pypdf): for checking layouts, line breaks and justification.

Handles what reportlab writes: simple TrueType/Type1 fonts with one-byte codes, /Widths and a
/ToUnicode CMap; text operators BT ET Tf Tc Tw Tz TL Td TD Tm T* Tj TJ ' " and q Q cm.
Character spacing (Tc) is applied after every glyph, as the PDF specification says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject
from pypdf.generic import ContentStream

_BFCHAR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@dataclass
class Glyph:
    """One drawn character: text, font, size, baseline origin and right edge in page points."""

    text: str
    font: str
    size: float
    x0: float
    x1: float
    y: float


@dataclass
class _Font:
    name: str
    first: int
    widths: list[float]
    to_unicode: dict[int, str]
    missing: float = 0.0

    def width(self, code: int) -> float:
        i = code - self.first
        return self.widths[i] if 0 <= i < len(self.widths) else self.missing


def _mul(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _load_font(font: Any) -> _Font:
    to_unicode: dict[int, str] = {}
    if "/ToUnicode" in font:
        cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
            for src, dst in _BFCHAR.findall(block):
                to_unicode[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    widths = [float(w) for w in font.get("/Widths", [])]
    descriptor = font.get("/FontDescriptor")
    missing = float(descriptor.get_object().get("/MissingWidth", 0)) if descriptor else 0.0
    return _Font(str(font.get("/BaseFont", "")), int(font.get("/FirstChar", 0)), widths, to_unicode, missing or 500.0)


class _TextState:
    def __init__(self) -> None:
        self.ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        self.stack: list[list[float]] = []
        self.tm = self.tlm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        self.font: _Font | None = None
        self.size = 0.0
        self.tc = self.tw = 0.0
        self.tz = 1.0
        self.leading = 0.0

    def move(self, tx: float, ty: float) -> None:
        self.tlm = _mul([1, 0, 0, 1, tx, ty], self.tlm)
        self.tm = list(self.tlm)


def _show(state: _TextState, data: bytes, out: list[Glyph]) -> None:
    font = state.font
    if font is None:
        return
    for code in data:
        advance = font.width(code) / 1000 * state.size
        m = _mul(state.tm, state.ctm)
        x0, y = m[4], m[5]
        x1 = _mul([1, 0, 0, 1, advance * state.tz, 0], _mul(state.tm, state.ctm))[4]
        out.append(Glyph(font.to_unicode.get(code, chr(code)), font.name, state.size, x0, x1, y))
        step = (advance + state.tc + (state.tw if code == 32 else 0)) * state.tz
        state.tm = _mul([1, 0, 0, 1, step, 0], state.tm)


def page_glyphs(page: PageObject) -> list[Glyph]:
    """Every glyph drawn on the page (forms and images are not entered)."""
    resources: Any = page.get("/Resources", {})
    fonts_res: Any = resources.get("/Font", {})
    fonts = {name: _load_font(ref.get_object()) for name, ref in fonts_res.items()}
    state = _TextState()
    glyphs: list[Glyph] = []
    content = ContentStream(page.get_contents(), page.pdf)
    for operands, op in content.operations:
        _apply(state, operands, op.decode("latin-1") if isinstance(op, bytes) else op, fonts, glyphs)
    return glyphs


def _apply(state: _TextState, ops: list[Any], op: str, fonts: dict[str, _Font], out: list[Glyph]) -> None:
    if op == "q":
        state.stack.append(list(state.ctm))
    elif op == "Q" and state.stack:
        state.ctm = state.stack.pop()
    elif op == "cm":
        state.ctm = _mul([float(v) for v in ops], state.ctm)
    elif op == "BT":
        state.tm = state.tlm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    elif op == "Tf":
        state.font, state.size = fonts.get(str(ops[0])), float(ops[1])
    elif op in ("Tc", "Tw", "TL"):
        setattr(state, {"Tc": "tc", "Tw": "tw", "TL": "leading"}[op], float(ops[0]))
    elif op == "Tz":
        state.tz = float(ops[0]) / 100
    elif op == "Td":
        state.move(float(ops[0]), float(ops[1]))
    elif op == "TD":
        state.leading = -float(ops[1])
        state.move(float(ops[0]), float(ops[1]))
    elif op == "Tm":
        state.tm = state.tlm = [float(v) for v in ops]
    elif op == "T*":
        state.move(0, -state.leading)
    elif op == "Tj":
        _show(state, bytes(ops[0].original_bytes if hasattr(ops[0], "original_bytes") else ops[0]), out)
    elif op == "TJ":
        for item in ops[0]:
            if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                state.tm = _mul([1, 0, 0, 1, -float(item) / 1000 * state.size * state.tz, 0], state.tm)
            else:
                _show(state, bytes(item.original_bytes if hasattr(item, "original_bytes") else item), out)
    elif op in ("'", '"'):
        state.move(0, -state.leading)
        _show(state, bytes(ops[-1].original_bytes if hasattr(ops[-1], "original_bytes") else ops[-1]), out)


def text_lines(glyphs: list[Glyph], tolerance: float = 1.0) -> list[list[Glyph]]:
    """Glyphs grouped by baseline (top to bottom), each line sorted left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-g.y, g.x0)):
        if lines and abs(lines[-1][0].y - g.y) <= tolerance:
            lines[-1].append(g)
        else:
            lines.append([g])
    return [sorted(line, key=lambda g: g.x0) for line in lines]
