"""User text to reportlab paragraph markup: escaping, per-character font fallback, highlight spans, note markers."""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape as _xml_escape

from zcx_desktop.core.annotations.model import Annotation
from zcx_desktop.core.export.content import Segment
from zcx_desktop.core.export.fonts import has_glyph

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
HIGHLIGHT_SCHEME = "zcxhl"
NOTE_CALLBACK = "zcxnote"
MARK_CALLBACK = "zcxmark"


def escape(text: str) -> str:
    """Make user text inert for reportlab's parser: & < > and quotes escaped, control characters dropped."""
    return _xml_escape(_CONTROL.sub("", text), {'"': "&quot;", "'": "&#39;"})


def text_markup(text: str, font: str, fallback: str) -> str:
    """Escaped text; runs of characters the font lacks are switched to the fallback face."""
    text = _CONTROL.sub("", text)
    out: list[str] = []
    run: list[str] = []
    run_missing = False
    for ch in text:
        missing = not ch.isspace() and not has_glyph(font, ch) and has_glyph(fallback, ch)
        if run and missing != run_missing:
            out.append(_run(run, run_missing, fallback))
            run = []
        run.append(ch)
        run_missing = missing
    if run:
        out.append(_run(run, run_missing, fallback))
    return "".join(out)


def _run(chars: list[str], missing: bool, fallback: str) -> str:
    body = escape("".join(chars))
    return f'<font name="{fallback}">{body}</font>' if missing else body


def tint(color: str, keep: float = 0.45) -> str:
    """The colour mixed with white (keep = share of the colour), for printable highlight backgrounds."""
    color = color.lstrip("#")
    if len(color) != 6:
        color = "FFD54F"
    channels = [int(color[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * keep) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def safe_color(color: str) -> str:
    return "#" + color.lstrip("#")[:6] if re.fullmatch(r"#?[0-9A-Fa-f]{6}", color or "") else "#FFB300"


def note_marker(number: int, key: str, font_size: float, with_callback: bool) -> str:
    callback = f'<onDraw name="{NOTE_CALLBACK}" label="{key}"/>' if with_callback else ""
    return f'{callback}<font color="#C62828"><super>[{number}]</super></font>'


def segment_markup(
    segment: Segment,
    font: str,
    fallback: str,
    color_of: Callable[[Annotation], str],
    highlight_key: Callable[[Annotation], str],
    marker: Callable[[int], str],
) -> str:
    """One segment: text wrapped in underline / strike / background spans and link anchors, then markers."""
    inner = text_markup(segment.text, font, fallback)
    background = ""
    for a in segment.marks:
        color = safe_color(color_of(a))
        if a.style == "underline":
            inner = f'<u color="{color}" width="1.2">{inner}</u>'
        elif a.style == "strike":
            inner = f'<strike color="{color}" width="1">{inner}</strike>'
        else:
            background = tint(color)
    if background:
        inner = f'<span backColor="{background}">{inner}</span>'
    for a in segment.marks:
        inner = f'<link href="{HIGHLIGHT_SCHEME}:{highlight_key(a)}">{inner}</link>'
    return inner + "".join(marker(n) for n in segment.notes_after)
