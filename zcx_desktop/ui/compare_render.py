"""How one side of an aligned row looks: diff segments with number and annotation marks, as a QTextDocument.

A side's text is the joined content of its units; every character gets the diff op it belongs
to ("=", "-" or "+"), whether it is part of a changed number, and the colour of an annotation
covering it. Runs of equal marks become `Segment`s, which `side_document` typesets with
theme-aware colours (deleted: red strike-through, inserted: green underline, numbers: amber).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextDocument

from zcx_desktop.core.compare import AlignedRow, Unit

Span = tuple[int, int, str]  # absolute start, end, "#RRGGBB"


@dataclass(frozen=True)
class Segment:
    """A run of one side's text with the same marks."""

    text: str
    op: str  # "=" | "-" | "+"
    number: bool = False
    color: str | None = None  # annotation colour


@dataclass(frozen=True)
class DiffColors:
    """Colours of the marks, chosen for a light or a dark palette."""

    deleted: str
    deleted_bg: str
    inserted: str
    inserted_bg: str
    number_bg: str
    number_fg: str
    muted: str


LIGHT = DiffColors("#b3261e", "#fde3e1", "#1b6e2a", "#ddf4de", "#ffd166", "#3b2a00", "#6b6b6b")
DARK = DiffColors("#ff9a92", "#4a2020", "#8fe39c", "#1d3f24", "#8a6200", "#fff3d1", "#a8a8a8")

STATUS_COLORS = {
    "same": ("#e7e7e7", "#4a4a4a"),
    "changed": ("#ffe9a8", "#5a4300"),
    "added": ("#cdeecf", "#155d22"),
    "deleted": ("#f9d0cd", "#8a1c14"),
    "moved": ("#d5e4ff", "#1d3f8a"),
    "split": ("#e9d8fb", "#4e2a84"),
    "merged": ("#e9d8fb", "#4e2a84"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def joined_text(units: list[Unit]) -> str:
    return "\n".join(u.content for u in units)


def side_segments(row: AlignedRow, side: str, annotations: list[Span]) -> list[Segment]:
    """Segments of side "a" or "b" of `row`, marked with its diff, number changes and annotations."""
    units = row.a_units if side == "a" else row.b_units
    text = joined_text(units)
    if not text:
        return []
    ops = _ops_per_char(row, side, text)
    numbers = [False] * len(text)
    for change in row.number_changes:
        start, end = (
            (change.a_start, change.a_end) if side == "a" else (change.b_start, change.b_end)
        )
        for position in _joined_range(units, start, end):
            numbers[position] = True
    colors: list[str | None] = [None] * len(text)
    for start, end, color in annotations:
        for position in _joined_range(units, start, end):
            colors[position] = color
    return _runs(text, ops, numbers, colors)


def _ops_per_char(row: AlignedRow, side: str, text: str) -> list[str]:
    keep = ("=", "-") if side == "a" else ("=", "+")
    pieces = [(op, piece) for op, piece in row.diff if op in keep]
    if "".join(piece for _op, piece in pieces) != text:  # unexpected diff shape: show it plain
        plain = {"added": "+", "deleted": "-"}.get(row.status, "=")
        return [plain] * len(text)
    return [op for op, piece in pieces for _char in piece]


def _joined_range(units: list[Unit], start: int, end: int) -> list[int]:
    """Positions in the joined text of the absolute span start..end (clipped to the units)."""
    positions: list[int] = []
    base = 0
    for unit in units:
        low, high = max(start, unit.start), min(end, unit.end)
        if low < high:
            positions.extend(range(base + low - unit.start, base + high - unit.start))
        base += len(unit.content) + 1
    return positions


def _runs(
    text: str, ops: list[str], numbers: list[bool], colors: list[str | None]
) -> list[Segment]:
    segments: list[Segment] = []
    begin = 0
    for position in range(1, len(text) + 1):
        if position == len(text) or (ops[position], numbers[position], colors[position]) != (
            ops[begin],
            numbers[begin],
            colors[begin],
        ):
            segments.append(
                Segment(text[begin:position], ops[begin], numbers[begin], colors[begin])
            )
            begin = position
    return segments


def unbreakable(text: str) -> str:
    """Join every character with U+2060 WORD JOINER so a chip never wraps inside."""
    return "\u2060".join(text.replace(" ", "\u00a0"))


def segment_format(segment: Segment, colors: DiffColors, muted: bool) -> QTextCharFormat:
    """The character format of one segment."""
    fmt = QTextCharFormat()
    if muted:
        fmt.setForeground(QColor(colors.muted))
    if segment.op == "-":
        fmt.setForeground(QColor(colors.deleted))
        fmt.setBackground(QColor(colors.deleted_bg))
        fmt.setFontStrikeOut(True)
    elif segment.op == "+":
        fmt.setForeground(QColor(colors.inserted))
        fmt.setBackground(QColor(colors.inserted_bg))
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(QColor(colors.inserted))
    if segment.number:
        fmt.setBackground(QColor(colors.number_bg))
        fmt.setForeground(QColor(colors.number_fg))
        fmt.setFontWeight(QFont.Weight.Bold)
    if segment.color and segment.op != "+":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(segment.color))
        if segment.op == "=" and not segment.number:
            tint = QColor(segment.color)
            tint.setAlpha(70)
            fmt.setBackground(tint)
    return fmt


def side_document(
    segments: list[Segment],
    chips: list[str],
    font: QFont,
    width: float,
    *,
    dark: bool,
    muted: bool = False,
) -> QTextDocument:
    """A laid-out document of the segments, then one amber chip per number change."""
    colors = DARK if dark else LIGHT
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(4)
    cursor = QTextCursor(document)
    for segment in segments:
        cursor.insertText(segment.text, segment_format(segment, colors, muted))
    if chips:
        chip = QTextCharFormat()
        chip.setBackground(QColor(colors.number_bg))
        chip.setForeground(QColor(colors.number_fg))
        chip.setFontWeight(QFont.Weight.Bold)
        smaller = QFont(font)
        smaller.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        chip.setFont(
            smaller, QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesSpecifiedOnly
        )
        cursor.insertBlock()
        for index, text in enumerate(chips):
            if index:
                cursor.insertText("  ", QTextCharFormat())
            cursor.insertText(f"\u2009{unbreakable(text)}\u2009", chip)
    document.setTextWidth(max(width, 60.0))
    return document
