"""Citations of other policies: 《title》 and 文号 (苏发〔2015〕5号), resolved against the library."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from zcx_desktop.core.extract.model import Citation
from zcx_desktop.core.extract.text import ClauseLocator
from zcx_desktop.core.model import Clause, DocumentMeta

TITLE_RE = re.compile(r"《([^《》\n]{2,120})》")
_OPEN = r"〔\[［【(（"
_CLOSE = r"〕\]］】)）"
_NUMBER = (
    r"[\u4e00-\u9fffA-Za-z]{1,10}?\s*["
    + _OPEN
    + r"]\s*(?:19|20)\d{2}\s*["
    + _CLOSE
    + r"]\s*第?\s*\d+\s*号"
    r"|[\u4e00-\u9fff]{2,16}?(?:公告|令)\s*第\s*\d+\s*号"
)
DOC_NUMBER_RE = re.compile(_NUMBER)
PAREN_NUMBER_RE = re.compile(r"[（(]\s*(" + _NUMBER + r")\s*[）)]")
_NUMBER_LEAD_RE = re.compile(
    r"^(?:根据|按照|依据|依照|落实|贯彻|参照|执行|印发|关于|见|和|及|与|或|文件|精神|的)+"
)
_SPACE_RE = re.compile(r"\s+")
# Words that end the running text before a bare 文号's issuer code (…严格按照云财规〔2024〕5号).
_BEFORE_ISSUER_RE = re.compile(
    r"按照|根据|依据|依照|参照|执行|具体按|按|依|见|和|及|与|或|即|的|为|详见"
)


def _issuer_start(number_text: str) -> int:
    """Offset where the issuer code starts: after the last running-text word before the 〔."""
    bracket = re.search("[" + _OPEN + "]", number_text)
    head = number_text[: bracket.start()] if bracket else ""
    ends = [m.end() for m in _BEFORE_ISSUER_RE.finditer(head) if m.end() < len(head)]
    return ends[-1] if ends else 0


def normalise_doc_number(text: str) -> str:
    """锡政办发[2018]91号 / (2018) -> 锡政办发〔2018〕91号."""
    text = _SPACE_RE.sub("", text)
    text = re.sub(r"[" + _OPEN + r"]((?:19|20)\d{2})[" + _CLOSE + r"]", r"〔\1〕", text)
    return _NUMBER_LEAD_RE.sub("", text)


def normalise_title(text: str) -> str:
    """Comparable title: no 《》, spaces or quotes; brackets and dashes unified."""
    text = _SPACE_RE.sub("", text.strip("《》"))
    text = text.replace("(", "（").replace(")", "）")
    text = re.sub(r"[—–\-－~～]+", "—", text)
    return re.sub(r"[“”\"']", "", text)


def title_core(title: str) -> str:
    """关于印发X的通知 -> X (the policy a notice wraps)."""
    title = normalise_title(title)
    match = re.search(r"关于印发(.+?)的通知$", title)
    return normalise_title(match.group(1)) if match else title


def mask_citations(text: str) -> str:
    """Blank out 《titles》 and 文号 (same length, □) so their digits are not read as targets."""
    chars = list(text)
    for pattern in (TITLE_RE, PAREN_NUMBER_RE, DOC_NUMBER_RE):
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                chars[i] = "□"
    return "".join(chars)


def extract_citations(
    text: str,
    clauses: Sequence[Clause] = (),
    *,
    meta: DocumentMeta | None = None,
    doc_id: int | None = None,
) -> list[Citation]:
    """Every distinct policy this document refers to, in order of first mention."""
    locator = ClauseLocator(clauses)
    own = _own_keys(meta)
    found: dict[tuple[str, str], Citation] = {}
    for citation in _raw_citations(text):
        if citation.title and title_core(citation.title) in own or citation.doc_number in own:
            continue
        citation.clause_path = locator.path_at(citation.start)
        citation.doc_id = doc_id
        key = (normalise_title(citation.title), citation.doc_number)
        if key in found:
            found[key].count += 1
        else:
            found[key] = citation
    return list(found.values())


def _raw_citations(text: str) -> list[Citation]:
    result: list[Citation] = []
    used: list[tuple[int, int]] = []
    for match in TITLE_RE.finditer(text):
        number, end = _number_after(text, match.end())
        title = match.group(1).strip()
        result.append(
            Citation(text[match.start() : end], title, number, start=match.start(), end=end)
        )
        used.append((match.start(), end))
    for pattern in (PAREN_NUMBER_RE, DOC_NUMBER_RE):
        for match in pattern.finditer(text):
            if any(a <= match.start() < b or a < match.end() <= b for a, b in used):
                continue
            start = match.start()
            if pattern is DOC_NUMBER_RE:
                lead = _NUMBER_LEAD_RE.match(match.group(0))
                start += lead.end() if lead else 0
                start += _issuer_start(text[start : match.end()])
            number = normalise_doc_number(
                text[start : match.end()] if pattern is DOC_NUMBER_RE else match.group(1)
            )
            result.append(
                Citation(text[start : match.end()], "", number, start=start, end=match.end())
            )
            used.append((match.start(), match.end()))
    result.sort(key=lambda c: c.start)
    return result


def _number_after(text: str, pos: int) -> tuple[str, int]:
    match = PAREN_NUMBER_RE.match(text, pos) or PAREN_NUMBER_RE.match(text, _skip_spaces(text, pos))
    if match:
        return normalise_doc_number(match.group(1)), match.end()
    return "", pos


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    return pos


def _own_keys(meta: DocumentMeta | None) -> set[str]:
    if meta is None:
        return set()
    keys = {
        title_core(meta.title),
        title_core(meta.notice_title),
        normalise_doc_number(meta.doc_number),
    }
    keys.discard("")
    return keys


class CitationResolver:
    """Links citations to library documents by 文号, then by title (notice wrapper ignored)."""

    def __init__(self, documents: Iterable[tuple[int, DocumentMeta]]) -> None:
        self.by_number: dict[str, int] = {}
        self.by_title: dict[str, int] = {}
        for doc_id, meta in documents:
            if meta.doc_number:
                self.by_number.setdefault(normalise_doc_number(meta.doc_number), doc_id)
            for title in (meta.title, meta.notice_title):
                if title:
                    self.by_title.setdefault(title_core(title), doc_id)

    def resolve(self, citation: Citation) -> int | None:
        if citation.doc_number and citation.doc_number in self.by_number:
            return self.by_number[citation.doc_number]
        if citation.title:
            return self.by_title.get(title_core(citation.title))
        return None

    def resolve_all(self, citations: Iterable[Citation]) -> list[Citation]:
        result = list(citations)
        for citation in result:
            citation.resolved_doc_id = self.resolve(citation)
        return result
