"""Markdown → plain paragraphs (syntax stripped, Chinese numbering kept)."""

from __future__ import annotations

import re

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown syntax, keeping one paragraph per line; numbered labels are kept."""
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            paragraphs.append(_join_soft_wrapped(current))
            current.clear()

    for line in markdown.split("\n"):
        if _MD_FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            paragraphs.append(line)
            continue
        if not line.strip() or _MD_RULE.match(line) or _MD_TABLE_SEPARATOR.match(line):
            flush()
            continue
        if _MD_SETEXT.match(line) and current:
            flush()
            continue
        block = _markdown_block(line)
        if block is None:
            current.append(_markdown_inline(_MD_QUOTE.sub("", line).strip()))
        else:
            flush()
            paragraphs.append(block)
    flush()
    return "\n".join(p for p in paragraphs if p.strip())


def _markdown_block(line: str) -> str | None:
    """A line that is a paragraph of its own (heading, list item, table row), else None."""
    heading = _MD_HEADING.match(line)
    if heading:
        return _markdown_inline(heading.group(1))
    stripped = _MD_QUOTE.sub("", line).strip()
    if _MD_BULLET.match(stripped):
        return _markdown_inline(_MD_BULLET.sub("", stripped))
    if re.match(r"^\d+[.、)]\s", stripped) or re.match(r"^[一二三四五六七八九十]+、", stripped):
        return _markdown_inline(stripped)
    if stripped.startswith("|") and stripped.count("|") >= 2:
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        return "\t".join(_markdown_inline(c) for c in cells)
    return None


def _markdown_inline(text: str) -> str:
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_HTML_TAG.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _MD_EMPHASIS.sub(r"\2", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text).rstrip()


def _join_soft_wrapped(lines: list[str]) -> str:
    """Join the lines of one Markdown paragraph: no space between CJK characters."""
    joined = lines[0]
    for line in lines[1:]:
        if joined and line and (joined[-1].isascii() and line[0].isascii()):
            joined += " " + line
        else:
            joined += line
    return joined


# --- HTML -------------------------------------------------------------------------------
