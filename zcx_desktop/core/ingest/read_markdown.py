"""Markdown → plain paragraphs (syntax and raw HTML stripped, Chinese numbering kept).

Linear time on hostile input: no pattern backtracks over a line (leading whitespace is
measured with str.lstrip, emphasis is paired with a delimiter stack, every regex scans
each character a bounded number of times), so deep lists or 100,000 delimiters stay fast.
"""

from __future__ import annotations

import re

from zcx_desktop.core.ingest.structure import match_label

_MD_FENCE = re.compile(r"(```|~~~)")
_MD_QUOTES = re.compile(r"(?:>[ \t]*)+")
_MD_REFERENCE = re.compile(r"\[[^\[\]]{1,200}\]:[ \t]*\S+")
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\[\]]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_DELIMITER = re.compile(r"\*+|_+|~~")
# Raw HTML whose content is never text: script/style blocks and comments (to their end, or
# to the end of the document when unclosed, as CommonMark does).
_RAW_OPEN = re.compile(r"<(script|style)(?=[\s>/])|<!--", re.IGNORECASE)
_RAW_CLOSE = {"script": re.compile(r"</script\s*>", re.IGNORECASE),
              "style": re.compile(r"</style\s*>", re.IGNORECASE), "": re.compile(r"-->")}  # fmt: skip
_TABLE_SEPARATOR_CHARS = frozenset("|:- \t")


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown syntax, keeping one paragraph per line; numbered labels are kept."""
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            paragraphs.append(_join_soft_wrapped(current))
            current.clear()

    for line in drop_raw_html_blocks(markdown).split("\n"):
        body = line.lstrip()
        indent = len(line) - len(body)
        if indent <= 3 and _MD_FENCE.match(body):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            paragraphs.append(line)
            continue
        body = body.rstrip()
        if not body or _is_rule(body, indent) or _is_table_separator(body):
            flush()
            continue
        if current and indent <= 3 and _is_setext_underline(body):
            flush()
            continue
        if indent <= 3 and _MD_REFERENCE.fullmatch(body):
            continue
        block = _markdown_block(body, indent)
        if block is None:
            current.append(_markdown_inline(_strip_quotes(body)))
        else:
            flush()
            paragraphs.append(block)
    flush()
    return "\n".join(p for p in paragraphs if p.strip())


def drop_raw_html_blocks(markdown: str) -> str:
    """Remove <script>/<style> elements and HTML comments with their content."""
    kept: list[str] = []
    position = 0
    while True:
        opening = _RAW_OPEN.search(markdown, position)
        if opening is None:
            kept.append(markdown[position:])
            return "".join(kept)
        kept.append(markdown[position : opening.start()])
        tag = (opening.group(1) or "").lower()
        closing = _RAW_CLOSE[tag].search(markdown, opening.end())
        if closing is None:
            return "".join(kept)
        position = closing.end()


def _is_rule(body: str, indent: int) -> bool:
    """A thematic break: three or more of the same -, * or _ (spaces allowed)."""
    if indent > 3 or body[0] not in "-*_":
        return False
    compact = body.replace(" ", "").replace("\t", "")
    return len(compact) >= 3 and compact == body[0] * len(compact)


def _is_table_separator(body: str) -> bool:
    return "--" in body and not (set(body) - _TABLE_SEPARATOR_CHARS)


def _is_setext_underline(body: str) -> bool:
    return body[0] in "=-" and body == body[0] * len(body)


def _strip_quotes(body: str) -> str:
    quotes = _MD_QUOTES.match(body)
    return body[quotes.end() :] if quotes else body


def _heading_text(body: str) -> str | None:
    hashes = len(body) - len(body.lstrip("#"))
    if not 1 <= hashes <= 6 or (len(body) > hashes and not body[hashes].isspace()):
        return None
    text = body[hashes:].strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1].isspace()):
        text = closed.rstrip()
    return text


def _markdown_block(body: str, indent: int) -> str | None:
    """A line that is a paragraph of its own (heading, list item, table row), else None."""
    heading = _heading_text(body) if indent <= 3 else None
    if heading is not None:
        return _markdown_inline(heading)
    stripped = _strip_quotes(body)
    if len(stripped) > 1 and stripped[0] in "-*+" and stripped[1] in " \t":
        return _markdown_inline(stripped[2:].lstrip())
    if re.match(r"\d+[.、)]\s", stripped) or match_label(stripped[:200]) is not None:
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
    text = _strip_emphasis(text)
    return _MD_ESCAPE.sub(r"\1", text).rstrip()


def _strip_emphasis(text: str) -> str:
    """Remove paired *, _ and ~~ delimiter runs (one pass, a stack per delimiter character)."""
    openers: dict[str, list[tuple[int, int]]] = {"*": [], "_": [], "~": []}
    removed: list[tuple[int, int]] = []
    for run in _MD_DELIMITER.finditer(text):
        start, end = run.span()
        if start and text[start - 1] == "\\":
            continue
        char = text[start]
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        can_open, can_close = not after.isspace(), not before.isspace()
        if char == "_":  # snake_case words are not emphasis
            can_open = can_open and not (before.isascii() and before.isalnum())
            can_close = can_close and not (after.isascii() and after.isalnum())
        stack = openers[char]
        if can_close and stack:
            open_start, open_end = stack.pop()
            width = min(open_end - open_start, end - start)
            removed.append((open_end - width, open_end))
            removed.append((start, start + width))
        elif can_open:
            stack.append((start, end))
    if not removed:
        return text
    removed.sort()
    pieces, position = [], 0
    for start, end in removed:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _join_soft_wrapped(lines: list[str]) -> str:
    """Join the lines of one Markdown paragraph: no space between CJK characters."""
    pieces = [lines[0]]
    previous = lines[0]
    for line in lines[1:]:
        if previous and line and previous[-1].isascii() and line[0].isascii():
            pieces.append(" ")
        pieces.append(line)
        if line:
            previous = line
    return "".join(pieces)
