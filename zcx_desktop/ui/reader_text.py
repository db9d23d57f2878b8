"""Clean text → QTextDocument for the reader, with an exact offset ↔ position mapping.

One block per paragraph (the clean text's `\n` separators become block separators), so a
text offset maps to a document position by adding the UTF-16 surrogate count of the
characters before it (characters outside the BMP take two positions in Qt). Highlight
overlays (find hits, search hits, annotations) use `OffsetMap` to place ranges.
The shown text is `display_punctuation(text)` (full-width ，；：（） in Chinese context): it has
the same length as the clean text, so the mapping is unchanged and copying keeps offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from zcx_desktop.core.model import Clause
from zcx_desktop.core.typography import display_punctuation

LINE_HEIGHT_PERCENT = 175
HEADING_SCALE = {0: 1.45, 1: 1.2, 2: 1.08}


class OffsetMap:
    """Converts clean-text offsets (code points) to QTextDocument positions (UTF-16) and back."""

    def __init__(self, text: str) -> None:
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_position(self, offset: int) -> int:
        return offset + bisect_left(self.wide, offset)

    def to_offset(self, position: int) -> int:
        offset = position
        for index, wide in enumerate(self.wide):
            if wide + index >= position:
                break
            offset -= 1
        return offset


@dataclass
class ParagraphRole:
    """How one paragraph is typeset: 'title', 'heading' (with clause level) or 'body'."""

    kind: str
    level: int = 0


TITLE_SEARCH_LINES = 15
SIGNATURE_MAX_CHARS = 24
DATE_LINE = re.compile(
    r"^[0-9〇零一二三四五六七八九十]{4}年[0-9〇一二三四五六七八九十]{1,2}月[0-9〇一二三四五六七八九十]{1,3}日$"
)


def paragraph_roles(text: str, clauses: list[Clause], titles: list[str]) -> list[ParagraphRole]:
    """Role of each paragraph: a title line, a clause heading, a signature/date line, or body."""
    lines = text.split("\n")
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    roles = [ParagraphRole("body") for _ in starts]
    wanted = {t.strip() for t in titles if t and t.strip()}
    for index, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        if line.strip() in wanted:
            roles[index] = ParagraphRole("title")
        elif line.endswith(("：", ":")) and "。" not in line and len(line) <= 80:
            roles[index] = ParagraphRole("salutation")  # 主送机关, flush left
    for index, line in enumerate(lines):
        if DATE_LINE.match(line.strip()):
            roles[index] = ParagraphRole("signature")
            previous = lines[index - 1].strip() if index else ""
            if (
                index
                and len(previous) <= SIGNATURE_MAX_CHARS
                and not re.search(r"[，。；：,;:]", previous)
            ):
                roles[index - 1] = ParagraphRole("signature")
    for clause in clauses:
        index = bisect_left(starts, clause.start)
        if (
            index < len(starts)
            and starts[index] == clause.start
            and _is_heading(clause, lines[index])
        ):
            roles[index] = ParagraphRole("heading", clause.level)
    return roles


def _is_heading(clause: Clause, line: str) -> bool:
    """A clause paragraph is a heading when it has a heading and is short (no sentence after it)."""
    if clause.kind in ("chapter", "section", "annex"):
        return True
    return bool(clause.heading) and len(line) <= len(clause.label) + len(clause.heading) + 2


@dataclass
class Typography:
    """Reader typesetting choices (font family list, size in points, colours)."""

    families: list[str]
    point_size: float
    heading_families: list[str]


def build_document(
    text: str, clauses: list[Clause], titles: list[str], typography: Typography
) -> tuple[QTextDocument, OffsetMap]:
    """A typeset QTextDocument of `text` (with display punctuation) and its offset map."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(24)
    base = QFont()
    base.setFamilies(typography.families)
    base.setPointSizeF(typography.point_size)
    document.setDefaultFont(base)
    cursor = QTextCursor(document)
    cursor.insertText(display_punctuation(text))
    apply_typography(document, paragraph_roles(text, clauses, titles), typography)
    return document, OffsetMap(text)


def apply_typography(
    document: QTextDocument, roles: list[ParagraphRole], typography: Typography
) -> None:
    """Set block and character formats for every paragraph (re-run after a zoom change)."""
    indent = typography.point_size * 2 * 96 / 72  # 2em in pixels
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    index = 0
    while block.isValid():
        role = roles[index] if index < len(roles) else ParagraphRole("body")
        cursor.setPosition(block.position())
        cursor.setBlockFormat(_block_format(role, indent))
        if role.kind in ("title", "heading"):
            cursor.setPosition(
                block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.setCharFormat(_heading_format(role, typography))
        block = block.next()
        index += 1
    cursor.endEditBlock()


def _block_format(role: ParagraphRole, indent: float) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setLineHeight(
        LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    )
    if role.kind == "title":
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setTopMargin(8)
        fmt.setBottomMargin(18)
    elif role.kind == "heading":
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
        fmt.setTextIndent(indent if role.level > 1 else 0)
        fmt.setTopMargin(14 if role.level == 1 else 6)
        fmt.setBottomMargin(4)
        fmt.setHeadingLevel(min(role.level + 1, 6))
    elif role.kind == "salutation":
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
        fmt.setBottomMargin(4)
    elif role.kind == "signature":
        fmt.setAlignment(Qt.AlignmentFlag.AlignRight)
        fmt.setRightMargin(indent)
    else:
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        fmt.setTextIndent(indent)
        fmt.setBottomMargin(4)
    return fmt


def _heading_format(role: ParagraphRole, typography: Typography) -> QTextCharFormat:
    fmt = QTextCharFormat()
    level = 0 if role.kind == "title" else role.level
    fmt.setFontPointSize(typography.point_size * HEADING_SCALE.get(level, 1.0))
    fmt.setFontWeight(QFont.Weight.Bold)
    if role.kind == "title" or level == 1:
        fmt.setFontFamilies(typography.heading_families)
    return fmt
