"""The raw text of one file before cleaning, and the readers' user-facing messages."""

from __future__ import annotations

from dataclasses import dataclass, field

MSG_BAD_DOCX = "文件已损坏（不是有效的 .docx）"
MSG_BAD_PDF = "文件已损坏（不是有效的 PDF）"
MSG_PDF_ENCRYPTED = "PDF 已加密，无法读取"
MSG_PDF_NO_TEXT = "PDF 没有文字层（可能是扫描件），请先进行文字识别(OCR)"
MSG_OLD_DOC = "旧版 Word .doc 文件不支持，请另存为 .docx"
MSG_TOO_LARGE = "文件解压后过大（可能是恶意压缩文件），已拒绝导入"


@dataclass
class RawDocument:
    """Text extracted from one file, before cleaning; hints carry e.g. html_title, source_url."""

    text: str
    source_format: str  # txt | html | docx | pdf | md
    encoding: str = ""
    hints: dict[str, str] = field(default_factory=dict)
