"""Article assignments: a closing article of a 若干措施 that names which unit carries out which
other articles (第四条至第八条由经济发展局负责；第十四条、第十五条由数据资源局负责). The units
belong to the articles named, not to the article that names them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zcx_desktop.core.extract.text import strip_label
from zcx_desktop.core.ingest.numerals import chinese_to_int, int_to_chinese
from zcx_desktop.core.model import Clause

_NUMBER = r"[〇零一二两三四五六七八九十百\d]+"
ARTICLE_RE = re.compile(r"第(" + _NUMBER + r")条")
REFS_RE = re.compile(
    r"^第" + _NUMBER + r"条(?:\s*(?:至|到|—|－|-|~|～|、|和|及)\s*第" + _NUMBER + r"条)*(?=由)"
)
RANGE_SEP_RE = re.compile(r"^\s*(?:至|到|—|－|-|~|～)\s*$")
MAX_RANGE = 60  # 第一条至第九十九条 would be no assignment but a slip


def article_names(clauses: Sequence[Clause]) -> dict[str, Clause]:
    """第七条 -> its clause (the last part of an article's path, chapters or not)."""
    found: dict[str, Clause] = {}
    for clause in clauses:
        name = clause.path.rsplit("/", 1)[-1]
        if ARTICLE_RE.fullmatch(name):
            found.setdefault(name, clause)
    return found


def assigned_articles(raw: str) -> list[str]:
    """The articles a statement assigns (第四条至第八条由… -> 第四条…第八条), else []."""
    body = raw.strip()
    refs = REFS_RE.match(body)
    if refs is None and re.search(r"[：:]", strip_label(body)):  # 本措施…实施部门如下：第三条由…
        body = re.split(r"[：:]", body)[-1].strip()
        refs = REFS_RE.match(body)
    if refs is None:
        return []
    return _expanded(refs.group(0))


def _expanded(refs: str) -> list[str]:
    """第四条至第八条、第十条 -> 第四条, 第五条, 第六条, 第七条, 第八条, 第十条."""
    numbers: list[int] = []
    previous_end = 0
    for match in ARTICLE_RE.finditer(refs):
        value = _number(match.group(1))
        if value is None:
            return []
        ranged = numbers and RANGE_SEP_RE.match(refs[previous_end : match.start()])
        if ranged and 0 < value - numbers[-1] <= MAX_RANGE:
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
        previous_end = match.end()
    return [f"第{int_to_chinese(n)}条" for n in numbers]


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_to_int(text)
