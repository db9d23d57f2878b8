"""Word .docx → paragraphs and tables in body order, automatic numbering rendered."""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.raw import (
    MSG_BAD_DOCX,
    MSG_TOO_LARGE,
    RawDocument,
)

log = logging.getLogger("zcx.ingest")

_DOCX_MAX_XML_BYTES = 50 * 1024 * 1024
_DOCX_MAX_TOTAL_BYTES = 200 * 1024 * 1024
_DOCX_MAX_RATIO = 200


def read_docx(path: Path) -> RawDocument:
    """Read a .docx: paragraphs and table rows in body order, automatic numbering rendered.

    Any failure of zipfile, lxml or python-docx on a broken package becomes MSG_BAD_DOCX;
    only MemoryError and RecursionError pass (the isolated parser reports those).
    """
    name = str(path)
    try:
        _check_docx_archive(path)
        return _read_docx_package(path)
    except (ImportFailed, MemoryError, RecursionError):
        raise
    except Exception as err:  # zipfile, lxml and python-docx raise many types
        log.info("%s: .docx unreadable: %s: %s", name, type(err).__name__, err)
        raise ImportFailed(name, MSG_BAD_DOCX) from err


def _read_docx_package(path: Path) -> RawDocument:
    import docx

    name = str(path)
    document = docx.Document(str(path))
    numbering = _DocxNumbering(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        lines.extend(_docx_block_lines(block, numbering))
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise ImportFailed(name, "文档中没有文字")
    hints = {}
    title = (document.core_properties.title or "").strip()
    if title:
        hints["docx_title"] = title
    return RawDocument(text=text, source_format="docx", hints=hints)


def _check_docx_archive(path: Path) -> None:
    """Refuse broken archives and zip bombs before python-docx inflates anything."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as err:
        raise ImportFailed(name, MSG_BAD_DOCX) from err
    main = infos.get("word/document.xml")
    if main is None:
        raise ImportFailed(name, MSG_BAD_DOCX)
    total = sum(info.file_size for info in infos.values())
    ratio = main.file_size / max(main.compress_size, 1)
    if main.file_size > _DOCX_MAX_XML_BYTES or total > _DOCX_MAX_TOTAL_BYTES:
        raise ImportFailed(name, MSG_TOO_LARGE)
    if main.file_size > 1024 * 1024 and ratio > _DOCX_MAX_RATIO:
        raise ImportFailed(name, MSG_TOO_LARGE)


def _docx_block_lines(block, numbering: _DocxNumbering) -> list[str]:
    from docx.oxml.ns import qn

    if block.tag == qn("w:p"):
        return [numbering.paragraph_text(block)]
    if block.tag == qn("w:tbl"):
        return _docx_table_lines(block, numbering)
    if block.tag == qn("w:sdt"):
        lines: list[str] = []
        for content in block.iterchildren(qn("w:sdtContent")):
            for child in content.iterchildren():
                lines.extend(_docx_block_lines(child, numbering))
        return lines
    return []


def _docx_table_lines(table, numbering: _DocxNumbering) -> list[str]:
    """One tab-separated line per row, on the table's column grid.

    A cell spanning columns (gridSpan) is followed by empty cells so later columns stay in
    place; a vertically merged cell (vMerge) repeats its text in every row it covers, so each
    row reads whole (a lead unit merged over three tasks belongs to all three).
    """
    from docx.oxml.ns import qn

    lines = []
    merged_text: dict[int, str] = {}
    for row in table.iterchildren(qn("w:tr")):
        cells: list[str] = [""] * _grid_before(row)
        for cell in row.iterchildren(qn("w:tc")):
            column = len(cells)
            span, merge = _cell_span(cell)
            if merge == "continue":
                text = merged_text.get(column, "")
            else:
                parts: list[str] = []
                for child in cell.iterchildren():
                    parts.extend(_docx_block_lines(child, numbering))
                # a line break inside the cell (经济发展↵（200分）) must not split the row
                text = " ".join(p.strip() for p in "\n".join(parts).split("\n") if p.strip())
                if merge == "restart":
                    merged_text[column] = text
                else:
                    merged_text.pop(column, None)
            cells.append(text)
            cells.extend([""] * (span - 1))
        if any(cells):
            lines.append("\t".join(cells).rstrip("\t"))
    return lines


def _grid_before(row) -> int:
    """Leading grid columns a row skips (w:trPr/w:gridBefore)."""
    from docx.oxml.ns import qn

    found = row.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    return _int_attr(found, 0)


def _cell_span(cell) -> tuple[int, str]:
    """(columns spanned, "restart" | "continue" | "") from the cell's w:tcPr."""
    from docx.oxml.ns import qn

    properties = cell.find(qn("w:tcPr"))
    if properties is None:
        return 1, ""
    span = max(1, _int_attr(properties.find(qn("w:gridSpan")), 1))
    merge = properties.find(qn("w:vMerge"))
    if merge is None:
        return span, ""
    return span, "restart" if merge.get(qn("w:val")) == "restart" else "continue"


def _int_attr(element, default: int) -> int:
    from docx.oxml.ns import qn

    if element is None:
        return default
    try:
        return int(element.get(qn("w:val")) or default)
    except ValueError:
        return default


_CHINESE_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as used in 一、 labels)."""
    if n <= 0 or n >= 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    result = ""
    pending_zero = False
    rest = n
    for value, unit in units:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                result += "零"
            prefix = "" if (value == 10 and digit == 1 and not result) else _CHINESE_DIGITS[digit]
            result += prefix + unit
            pending_zero = False
        elif result:
            pending_zero = True
    if rest:
        result += ("零" if pending_zero else "") + _CHINESE_DIGITS[rest]
    return result


def format_list_number(n: int, fmt: str) -> str:
    """Render counter `n` in Word numbering format `fmt` (w:numFmt)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return chinese_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    table = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = ""
    for value, letters in table:
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str


class _DocxNumbering:
    """Word automatic numbering: numbering.xml definitions plus running counters."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._styles = document.styles.element if document.styles is not None else None
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    fmt=self._child_val(lvl, "w:numFmt") or "decimal",
                    text=self._child_val(lvl, "w:lvlText") or "",
                    start=int(self._child_val(lvl, "w:start") or "1"),
                    suffix=self._child_val(lvl, "w:suff") or "tab",
                )
            self._abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = self._child_val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"))] = (
                self._child_val(num, "w:abstractNumId") or "",
                overrides,
            )

    def _child_val(self, el, tag: str) -> str | None:
        child = el.find(self._qn(tag))
        return None if child is None else child.get(self._qn("w:val"))

    def paragraph_text(self, p) -> str:
        text = str(p.text)  # runs, hyperlinks, tabs and line breaks, as python-docx reads them
        label, suffix = self._label(p)
        if not label or not text.strip():
            return text
        gap = "" if suffix == "nothing" or not label[-1].isascii() else " "
        return label + gap + text.lstrip()

    def _label(self, p) -> tuple[str, str]:
        num_id, ilvl = self._num_pr(p)
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return "", ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        key = num_id if overrides else abstract_id
        counters = self._counters.setdefault(key, {})
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return "", ""

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, level)
            return format_list_number(counters.get(k, overrides.get(k, lvl.start)), lvl.fmt)

        return re.sub(r"%(\d)", number, level.text), level.suffix

    def _num_pr(self, p) -> tuple[str | None, int]:
        qn = self._qn
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None and ppr is not None:
            num_pr = self._style_num_pr(self._child_val(ppr, "w:pStyle"))
        if num_pr is None:
            return None, 0
        num_id = self._child_val(num_pr, "w:numId")
        ilvl = int(self._child_val(num_pr, "w:ilvl") or "0")
        return num_id, ilvl

    def _style_num_pr(self, style_id: str | None):
        qn = self._qn
        seen = set()
        while style_id and self._styles is not None and style_id not in seen:
            seen.add(style_id)
            style = next(
                (
                    s
                    for s in self._styles.iterchildren(qn("w:style"))
                    if s.get(qn("w:styleId")) == style_id
                ),
                None,
            )
            if style is None:
                return None
            ppr = style.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is not None:
                return num_pr
            style_id = self._child_val(style, "w:basedOn")
        return None
