"""File readers: .txt/.md/.html/.docx/.pdf to raw text (paragraphs separated by newlines)."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from zcx_desktop.core.errors import ImportFailed
from zcx_desktop.core.ingest.decode import decode_bytes
from zcx_desktop.core.ingest.raw import (
    MSG_BAD_DOCX,
    MSG_BAD_PDF,
    MSG_OLD_DOC,
    MSG_PDF_ENCRYPTED,
    MSG_PDF_NO_TEXT,
    MSG_TOO_LARGE,
    RawDocument,
)
from zcx_desktop.core.ingest.read_docx import chinese_number, format_list_number, read_docx
from zcx_desktop.core.ingest.read_html import read_html
from zcx_desktop.core.ingest.read_markdown import markdown_to_text
from zcx_desktop.core.ingest.read_pdf import join_broken_lines, read_pdf

log = logging.getLogger("zcx.ingest")

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset({".txt", ".html", ".htm", ".docx", ".pdf", ".md"})


# Magic bytes → (kind, description shown to the user).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "pdf", "PDF 文件"),
    (b"PK\x03\x04", "zip", "ZIP 压缩格式文件"),
    (b"\x89PNG\r\n\x1a\n", "image", "PNG 图片"),
    (b"\xff\xd8\xff", "image", "JPEG 图片"),
    (b"GIF87a", "image", "GIF 图片"),
    (b"GIF89a", "image", "GIF 图片"),
    (b"BM", "image", "BMP 图片"),
    (b"II*\x00", "image", "TIFF 图片"),
    (b"MM\x00*", "image", "TIFF 图片"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "旧版 Office 文件（.doc/.xls）"),
    (b"Rar!", "archive", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "7z 压缩包"),
    (b"\x1f\x8b", "archive", "gzip 压缩包"),
    (b"{\\rtf", "rtf", "RTF 文件"),
)


def read_file(path: Path) -> RawDocument:
    """Read a supported file into raw text; raises ImportFailed with a clear Chinese message."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        shown = suffix or "（无扩展名）"
        raise ImportFailed(name, f"不支持的文件类型 {shown}（支持 .txt .html .htm .docx .pdf .md）")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportFailed(name, f"无法读取文件：{err.strerror or err}") from err
    _check_content_matches_extension(data, suffix, path)
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in (".html", ".htm"):
        return read_html(data, name)
    text, encoding = decode_bytes(data, name)
    if suffix == ".md":
        return RawDocument(text=markdown_to_text(text), source_format="md", encoding=encoding)
    return RawDocument(text=text, source_format="txt", encoding=encoding)


def sniff_kind(data: bytes) -> tuple[str, str] | None:
    """(kind, description) of binary content recognised by its magic bytes, else None."""
    for magic, kind, description in _MAGIC:
        if data.startswith(magic):
            return kind, description
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf", "PDF 文件"
    return None


def _check_content_matches_extension(data: bytes, suffix: str, path: Path) -> None:
    name = str(path)
    sniffed = sniff_kind(data)
    if sniffed is None:
        if suffix in (".docx", ".pdf") and data.strip():
            problem = MSG_BAD_DOCX if suffix == ".docx" else MSG_BAD_PDF
            raise ImportFailed(name, problem)
        return
    kind, description = sniffed
    if kind == "ole":
        raise ImportFailed(name, MSG_OLD_DOC)
    if suffix == ".pdf" and kind == "pdf":
        return
    if suffix == ".docx" and kind == "zip":
        return
    if kind == "zip":
        description = _describe_zip(path)
    real = {"PDF 文件": ".pdf", "Word .docx 文档": ".docx"}.get(description)
    advice = f"，请把扩展名改为 {real} 后再导入" if real else ""
    raise ImportFailed(name, f"文件实际上是{description}，与扩展名 {suffix} 不符{advice}")


def _describe_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "ZIP 压缩格式文件"
    if "word/document.xml" in names:
        return "Word .docx 文档"
    if any(n.startswith("xl/") for n in names):
        return "Excel 表格（.xlsx）"
    if any(n.startswith("ppt/") for n in names):
        return "PowerPoint 演示文稿（.pptx）"
    return "ZIP 压缩包"


# --- Markdown ---------------------------------------------------------------------------


__all__ = [
    "MSG_BAD_DOCX", "MSG_BAD_PDF", "MSG_OLD_DOC", "MSG_PDF_ENCRYPTED", "MSG_PDF_NO_TEXT",
    "MSG_TOO_LARGE", "SUPPORTED_EXTENSIONS", "RawDocument", "chinese_number",
    "format_list_number", "join_broken_lines", "markdown_to_text", "read_docx", "read_file",
    "read_html", "read_pdf", "sniff_kind",
]
