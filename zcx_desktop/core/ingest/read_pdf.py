"""PDF with a text layer → lines, re-joining lines broken mid-paragraph."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.raw import (
    MSG_BAD_PDF,
    MSG_PDF_ENCRYPTED,
    MSG_PDF_NO_TEXT,
    RawDocument,
)

log = logging.getLogger("zcx.ingest")

_PDF_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*共?\s*\d{1,4}\s*页?)?[\s\-—–－_·]*$"
)
_PDF_CLAUSE_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[.．、]\d*)*[.．、\s]|"
    r"[①-⑳]|第[一二三四五六七八九十百千\d]+[章节条款部分编]|附件|附表)"
)
_PDF_LINE_END = re.compile(r"[。；：！？;:!?]$")
_PDF_MIN_WIDTH = 12
_PDF_FULL_LINE = 0.85


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF's text layer, page by page, re-joining lines broken inside a paragraph."""
    from pypdf import PdfReader

    name = str(path)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not _pdf_decrypt(reader):
            raise ImportFailed(name, MSG_PDF_ENCRYPTED)
        page_count = len(reader.pages)
        pages = [_pdf_page_lines(page, name) for page in reader.pages]
    except (ImportFailed, MemoryError, RecursionError):
        raise
    except Exception as err:  # pypdf raises many types for a broken file
        log.info("%s: pypdf failed: %s: %s", name, type(err).__name__, err)
        raise ImportFailed(name, MSG_BAD_PDF) from err
    lines = [line for page in pages for line in page]
    visible = sum(len(re.sub(r"\s", "", line)) for line in lines)
    if visible < max(10, 5 * page_count):
        raise ImportFailed(name, MSG_PDF_NO_TEXT)
    hints = {}
    title = _pdf_title(reader)
    if title:
        hints["pdf_title"] = title
    return RawDocument(text="\n".join(join_broken_lines(lines)), source_format="pdf", hints=hints)


def _pdf_decrypt(reader) -> bool:
    """Open PDFs that only have an owner password (empty user password)."""
    try:
        return bool(reader.decrypt(""))
    except Exception as err:  # noqa: BLE001 - pypdf raises DependencyError/NotImplementedError for AES etc.
        log.info("PDF decryption failed: %s", err)
        return False


def _pdf_page_lines(page, name: str) -> list[str]:
    try:
        text = page.extract_text() or ""
    except Exception as err:  # noqa: BLE001 - one damaged page must not lose the document
        log.warning("%s: text of a page could not be extracted: %s", name, err)
        return []
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    while lines and _PDF_PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    while lines and _PDF_PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return lines


def _pdf_title(reader) -> str:
    try:
        return ((reader.metadata or {}).get("/Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken info dictionary: the title is only a hint
        return ""


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join a line that fills the text width and does not end a sentence with the next one.

    Conservative: short lines (headings, signatures), lines ending in 。；：！？ and lines
    followed by a clause label (一、 （一） 1. 第X条 附件 ...) are never joined.
    """
    width = _typical_full_width(lines)
    if width < _PDF_MIN_WIDTH:
        return list(lines)
    joined: list[str] = []
    previous_line = ""
    for line in lines:
        if joined and _continues(previous_line, line, width):
            gap = (
                " "
                if previous_line[-1].isascii() and previous_line[-1].isalnum() and line[0].isascii()
                else ""
            )
            joined[-1] += gap + line
        else:
            joined.append(line)
        previous_line = line
    return joined


def _typical_full_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if len(line) >= 5)
    if len(lengths) < 3:
        return 0
    return lengths[int(len(lengths) * 0.8)]


def _continues(previous_line: str, line: str, width: int) -> bool:
    """True when `previous_line` is a full-width line cut mid-sentence and `line` goes on."""
    return (
        len(previous_line) >= width * _PDF_FULL_LINE
        and _ends_mid_sentence(previous_line)
        and not _PDF_CLAUSE_START.match(line)
    )


def _ends_mid_sentence(line: str) -> bool:
    return not _PDF_LINE_END.search(line)
