"""Ingest pipeline: file or pasted text → clean text, clause tree and metadata (ParsedDocument)."""

from __future__ import annotations

import logging
from pathlib import Path

from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.clean import clean_text, strip_invisible
from zcx_desktop.core.ingest.metadata import extract_metadata
from zcx_desktop.core.ingest.readers import SUPPORTED_EXTENSIONS, read_file
from zcx_desktop.core.ingest.structure import parse_clauses
from zcx_desktop.core.model import ParsedDocument

log = logging.getLogger("zcx.ingest")

__all__ = ["SUPPORTED_EXTENSIONS", "ingest_file", "ingest_text", "ingest_raw"]


def ingest_file(path: Path) -> ParsedDocument:
    """Read, clean and structure one file; raises ImportFailed with a clear message."""
    raw = read_file(Path(path))
    hints = dict(raw.hints)
    hints.setdefault("filename", Path(path).name)
    return ingest_raw(
        raw.text,
        name=str(path),
        source_format=raw.source_format,
        encoding=raw.encoding,
        hints=hints,
    )


def ingest_text(text: str, title: str = "", name: str = "粘贴的文本") -> ParsedDocument:
    """Turn pasted text (e.g. from a government web page) into a document."""
    hints = {"filename": name}
    parsed = ingest_raw(text, name=name, source_format="paste", hints=hints)
    title = strip_invisible(title).strip()
    if title:
        parsed.meta.title = title
    return parsed


def ingest_raw(
    raw_text: str,
    *,
    name: str,
    source_format: str,
    encoding: str = "",
    hints: dict[str, str] | None = None,
) -> ParsedDocument:
    """Clean `raw_text`, parse its clauses and extract its metadata."""
    cleaned = clean_text(raw_text)
    if not cleaned.text.strip():
        raise ImportFailed(name, "没有可导入的正文内容（清理网页杂项后为空）")
    clauses, warnings = parse_clauses(cleaned.text)
    hints = {key: strip_invisible(value) for key, value in (hints or {}).items()}
    meta = extract_metadata(cleaned.text, cleaned.fields, hints, cleaned.removed_lines)
    if not meta.title:
        meta.title = _fallback_title(cleaned.text, hints)
    return ParsedDocument(
        text=cleaned.text,
        meta=meta,
        clauses=clauses,
        removed_lines=cleaned.removed_lines,
        warnings=warnings,
        source_format=source_format,
        encoding=encoding,
    )


def _fallback_title(text: str, hints: dict[str, str]) -> str:
    """A document always gets a visible title: its first line, else the file name."""
    first = text.split("\n", 1)[0].strip()
    if 0 < len(first) <= 80:
        return first
    stem = Path(hints.get("filename", "")).stem
    return stem or first[:40]
