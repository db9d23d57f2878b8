"""Responsibility extraction: 牵头/责任/配合单位 of each task clause (parentheses or own line)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zcx_desktop.core.extract.duty_articles import article_names, assigned_articles
from zcx_desktop.core.extract.duty_conventions import (
    BARE_UNIT_RE,
    FIRST_LEADS_RE,
    LEAD_SIGN_RE,
    SIGNED_LEADS_RE,
    FirstLeads,
    Statement,
    is_bare_unit_list,
    local_first_leads,
)
from zcx_desktop.core.extract.duty_sentences import is_unit_line, role_sentence
from zcx_desktop.core.extract.duty_tables import header_columns, read_row
from zcx_desktop.core.extract.model import Duty, UnitRef
from zcx_desktop.core.extract.text import (
    ClauseLocator,
    Paragraph,
    paragraphs,
    sentences,
    strip_label,
    table_cells,
)
from zcx_desktop.core.extract.units import (
    DEPT_SUFFIX_RE,
    HAS_LEVEL_RE,
    OWN_SYSTEM_RE,
    UnitAliases,
    is_division,
    role_mark,
    shared_marks,
    split_units,
)
from zcx_desktop.core.model import Clause

_LABELS = {
    "lead": "牵头单位|牵头部门|牵头责任单位|牵头处室|牵头科室|牵头股室|主责单位|主责部门|主办单位|主办处室"
    "|主办部门|牵头|主办",
    "cooperate": "配合单位|配合部门|配合处室|参与单位|参与部门|协办单位|协办处室|协办部门|协同单位"
    "|协助单位|协作单位|配合|参与|协办|配合股室|协同单位",
    "responsible": "主要责任单位|责任单位|责任部门|责任处室|责任科室|责任股室|责任乡镇|责任主体"
    "|实施单位|承办单位|落实单位|负责单位",
    "person": "责任领导|牵头领导|分管领导|牵头市领导|牵头区领导|牵头县领导|责任市领导|责任区领导"
    "|联系领导|责任人|联系人",
}
_DEADLINE = "完成时限|完成时间|时间节点|时间安排|时限要求|时限"
_LABEL_NOTE = r"(?:[（(](?:单位|部门|处室|科室)[）)])?"  # 配合处室（单位）：
LABEL_RE = re.compile(
    r"(" + "|".join(_LABELS.values()) + r"|" + _DEADLINE + r")" + _LABEL_NOTE + r"\s*[:：]"
)
LINE_RE = re.compile(  # （牵头单位：… / 【牵头单位：… / ——牵头：…；配合：…
    r"^(?:[（(【]|[—－-]{1,2})?\s*(?:" + "|".join(_LABELS.values()) + r")" + _LABEL_NOTE + r"\s*[:：]"
)
DASHES = "—–－- 　"
UNIT_LABEL_RE = re.compile(
    r"(?:"
    + "|".join(v for k, v in _LABELS.items() if k != "person")
    + r")"
    + _LABEL_NOTE
    + r"\s*[:：]"
)
ROLE_TAIL_RE = re.compile(
    r"(?:分别|共同|具体|按照?职责(?:分工)?)?(按职责分工负责|按职责分工落实|按职责负责|分工负责|共同负责|分别负责|牵头负责|牵头落实"
    r"|负责落实|负责实施|组织实施|具体负责|牵头|负责|配合|参与|协助|落实)$"
)
INLINE_LABEL_RE = re.compile(
    r"[。；;]\s*((?:" + "|".join(_LABELS.values()) + r")" + _LABEL_NOTE + r"\s*[:：][^。]*)。?$"
)
# 市委组织部（市委人才办） / 机关党委（人事处） / 办公室（财务）: the bracket names the same body
SECOND_NAME_RE = re.compile(
    r"^(.{2,}?(?:部|局|委|办|厅|会|室|中心|处|科))[（(](?!以下简称)[^（）()]{2,20}[）)]$"
)
SUMMARY_TAIL_RE = re.compile(  # 省财政厅、省税务局等省有关部门: the list's own summary
    r"等(?:省|市|县|区)?(?:级)?(?:有关|相关|其他|各)?[\u4e00-\u9fff]{0,4}?(?:部门|单位|机构)(?=和|及|、|$)"
)
UNIT_HINT_RE = re.compile(
    r"(局|委|办|厅|部|政府|中心|院|行|会|区|园|署|室|(?<![学专])科|股|乡镇|街道|镇|单位|机构|高校|集团|公司|企业"
    r"|科协|社联|妇联|工会|团委|党校|学校|大学|学院|所|站|馆|队|处|工商联|侨联|文联|残联|科联|海关|合作社|供销社"
    r"|(?<!城)乡$|(?<![农乡山渔])村$)"
)

LABEL_ROLE_TAIL_RE = re.compile(r"(?:按照?职责分工|分别|共同)?(?:牵头|负责|配合)$")


def extract_duties(
    text: str,
    clauses: Sequence[Clause] = (),
    *,
    aliases: UnitAliases | None = None,
    doc_id: int | None = None,
) -> list[Duty]:
    """Every task clause with responsible units, in document order (one Duty per clause or table row)."""
    aliases = aliases or UnitAliases.load()
    locator = ClauseLocator(clauses)
    conventions = FirstLeads.find_all(text)  # 列第一位的为牵头单位，其他为配合单位
    signed = SIGNED_LEADS_RE.search(text)  # 标☆的为牵头单位
    lead_sign = signed.group(1) if signed else ""
    articles = article_names(clauses)
    duties: dict[str, Duty] = {}
    order: list[str] = []
    for statement in _statements(text):
        grouped = next((c for c in conventions if c.governs_group(statement)), None)
        units, deadline = _parse_units(statement, aliases, lead_sign, grouped)
        if not units:
            continue
        units = local_first_leads(statement, units)
        named = [articles[n] for n in assigned_articles(statement.raw) if n in articles]
        for clause in named or [locator.at(statement.start)]:  # 第四条至第八条由…负责: theirs
            key = _key(clause, statement)
            convention = None if grouped else _covering(conventions, statement, len(units))
            unmarked = all(u.role == "responsible" for u in units)
            if convention is not None and not (unmarked and _has_lead(duties, key)):
                units = convention.settle(units)  # 责任单位：A（牵头），B、C: B and C cooperate
            if key not in duties:
                duties[key] = Duty(
                    task=statement.task or _task(text, clause, statement),
                    units=[],
                    raw="",
                    clause_path=clause.path if clause else "",
                    doc_id=doc_id,
                    start=clause.start if named else statement.start,
                )
                order.append(key)
            _record(duties[key], statement, units, deadline)
            if named:  # the duty spans the article it belongs to
                duties[key].end = max(duties[key].end, clause.end)
    return sorted((duties[key] for key in order), key=lambda duty: duty.start)


def _covering(
    conventions: list[FirstLeads], statement: Statement, count: int
) -> FirstLeads | None:
    """The first of the document's conventions that governs the statement's list."""
    return next((c for c in conventions if c.covers(statement, count)), None)


def _record(duty: Duty, statement: Statement, units: list[UnitRef], deadline: str) -> None:
    """Add a statement's units (each name and role once) and its text to the clause's duty."""
    duty.units.extend(
        u for u in units if (u.name, u.role) not in {(x.name, x.role) for x in duty.units}
    )
    duty.raw = f"{duty.raw}\n{statement.raw}" if duty.raw else statement.raw
    duty.deadline = duty.deadline or deadline
    duty.end = statement.end


def _key(clause: Clause | None, statement: Statement) -> str:
    key = clause.path if clause else f"@{statement.start}"
    return f"{key}#{statement.start}" if statement.task else key


def _has_lead(duties: dict[str, Duty], key: str) -> bool:
    """牵头单位：A on one line, 责任单位：B、C on the next: the clause already names its lead."""
    return key in duties and any(u.role == "lead" for u in duties[key].units)


def _statements(text: str) -> list[Statement]:
    found: list[Statement] = []
    columns: list[str] | None = None
    header = ""
    for paragraph in paragraphs(text):
        cells = table_cells(paragraph.text)
        if cells and header_columns(cells):
            columns, header = header_columns(cells), paragraph.text
            continue
        row = read_row(cells, columns) if cells and columns else None
        if row is not None:
            found.append(
                Statement(
                    paragraph.start, paragraph.end, paragraph.text, row.content, True, row.task,
                    header,
                )
            )
            continue
        if found and found[-1].listing and is_unit_line(paragraph.text):
            _add_unit_line(found[-1], paragraph)  # 责任单位：\n市农业农村局（牵头）\n各县政府
            continue
        if LINE_RE.match(paragraph.text) and UNIT_LABEL_RE.search(paragraph.text):
            content = _unwrap_line(paragraph.text)
            found.append(
                Statement(
                    paragraph.start, paragraph.end, paragraph.text, content, True,
                    listing=content.endswith(("：", ":")),
                )
            )
            continue
        statement = _trailing_parenthesis(paragraph) or _inline_labels(paragraph)
        if (
            statement is not None
            and statement.labelled
            and not UNIT_LABEL_RE.search(statement.content)
        ):
            statement = None  # 联系人：… / 完成时限：… name no unit
        inner = _inner_parentheses(paragraph, statement.start if statement else paragraph.end)
        found.extend(inner)
        if statement is not None:
            found.append(statement)
        claimed = [*inner, statement] if statement is not None else inner
        found.extend(
            sentence
            for sentence in _role_sentences(paragraph)
            if not any(c.start < sentence.end and sentence.start < c.end for c in claimed)
        )
    return found


def _role_sentences(paragraph: Paragraph) -> list[Statement]:
    """由A牵头，B配合。 / A会同B负责。 written as sentences of the paragraph."""
    found: list[Statement] = []
    for sentence in sentences(paragraph):
        content = role_sentence(sentence.text)
        if content:
            found.append(Statement(sentence.start, sentence.end, sentence.text, content, True))
    return found


def _inline_labels(paragraph: Paragraph) -> Statement | None:
    """…推广应用。责任单位：市商务局，市市场监管局。 (labels closing the paragraph's text)."""
    match = INLINE_LABEL_RE.search(paragraph.text)
    if match is None:
        return None
    start = paragraph.start + match.start(1)
    raw = paragraph.text[match.start(1) :]
    return Statement(start, paragraph.end, raw, match.group(1).strip("。；; "), True)


def _add_unit_line(statement: Statement, paragraph: Paragraph) -> None:
    """One unit line under a label written alone on its line."""
    separator = "" if statement.content.endswith(("：", ":")) else "、"
    statement.content += separator + paragraph.text.strip("。；;、， 　")
    statement.raw += "\n" + paragraph.text
    statement.end = paragraph.end


def _unwrap_line(line: str) -> str:
    """（牵头单位：…） -> 牵头单位：…; a closing bracket that belongs to a unit (各镇（街道）) stays."""
    body = line.strip("。；; ").lstrip(DASHES)
    if body.startswith(("（", "(")) and _closing_of(body, 0) == len(body) - 1:
        body = body[1:-1]
    elif body.startswith("【") and body.endswith("】") and body.count("【") == 1:
        body = body[1:-1]
    return body.strip("。；; ")


def _closing_of(text: str, opening: int) -> int:
    """Index of the bracket closing the one at `opening` (-1 when unbalanced)."""
    depth = 0
    for index in range(opening, len(text)):
        if text[index] in "（(":
            depth += 1
        elif text[index] in "）)":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _trailing_parenthesis(paragraph: Paragraph) -> Statement | None:
    """The balanced （…） or 【…】 closing a paragraph, when it names responsible units."""
    text = paragraph.text.rstrip("。；; ")
    if text.endswith("】") and "【" in text:
        return _closing_bracket(paragraph, text, text.rfind("【"))
    if not text.endswith(("）", ")")):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char in "）)":
            depth += 1
        elif char in "（(":
            depth -= 1
            if depth == 0:
                return _closing_bracket(paragraph, text, index)
    return None


def _closing_bracket(paragraph: Paragraph, text: str, opening: int) -> Statement | None:
    """The bracket opening at `opening` and closing `text`, when it names responsible units."""
    content = text[opening + 1 : -1].strip()
    labelled = LABEL_RE.match(content) is not None
    bare = is_bare_unit_list(content) and not _names_the_unit_before(text[:opening])
    if labelled or _is_unlabelled_duty(content) or bare:
        start = paragraph.start + opening
        return Statement(start, paragraph.start + len(text), text[opening:], content, labelled)
    return None


def _inner_parentheses(paragraph: Paragraph, stop: int) -> list[Statement]:
    """…按职责分工负责）优先保障… / …监测制度（省统计局负责）。保障…: an assignment in brackets
    right after a sentence or closing one, mid-paragraph."""
    found: list[Statement] = []
    text = paragraph.text[: stop - paragraph.start]
    for match in re.finditer(r"[（(]", text):
        opening = match.start()
        closing = _closing_of(text, opening)
        if closing < 0:
            continue
        after_sentence = opening > 0 and text[opening - 1] in "。；;"
        closes_sentence = closing + 1 < len(text) and text[closing + 1] in "。；;"
        if not (after_sentence or closes_sentence):
            continue
        content = text[opening + 1 : closing].strip()
        labelled = LABEL_RE.match(content) is not None
        if labelled or _is_unlabelled_duty(content):
            start = paragraph.start + opening
            raw = text[opening : closing + 1]
            found.append(Statement(start, start + len(raw), raw, content, labelled))
    return found


def _names_the_unit_before(before: str) -> bool:
    """报送领导小组办公室（区工信局）: the bracket says who that office is, it assigns nothing."""
    return BARE_UNIT_RE.search(before.rstrip()) is not None or before.rstrip().endswith("小组")


def _is_unlabelled_duty(content: str) -> bool:
    """（市科技局牵头，市财政局、市人社局配合） / （科技部、财政部按职责分工负责）."""
    parts = [p.strip() for p in re.split(r"[；;，,]", content) if p.strip()]
    if not parts or len(content) > 200 or not ROLE_TAIL_RE.search(parts[-1]):
        return False
    return all(UNIT_HINT_RE.search(ROLE_TAIL_RE.sub("", part)) for part in parts)


def _parse_units(
    statement: Statement,
    aliases: UnitAliases,
    lead_sign: str = "",
    convention: FirstLeads | None = None,
) -> tuple[list[UnitRef], str]:
    """The statement's units with their roles and its deadline; `convention` settles the roles
    of the one labelled group it names (责任股室：…)."""
    groups = (
        _labelled_groups(statement.content)
        if statement.labelled
        else [(role, body, "") for role, body in _role_groups(statement.content)]
    )
    units: list[UnitRef] = []
    deadline = ""
    level = ""  # the level prefix of the statement's first unit
    for role, body, label in groups:
        if role == "deadline":
            deadline = body.strip("，,；; ")
            continue
        if role == "person":
            continue  # 责任领导：王强副市长 names people, not units
        body = shared_marks(SUMMARY_TAIL_RE.sub("", body))  # A、B（按职责分工牵头）: both lead
        signed = _signed_names(body, lead_sign) if lead_sign else set()
        body = LEAD_SIGN_RE.sub("", body)
        names = _inner_partners(split_units(body))
        if (
            level
            and names
            and not HAS_LEVEL_RE.match(names[0])
            and not OWN_SYSTEM_RE.match(names[0])
            and DEPT_SUFFIX_RE.search(names[0])
            and not is_division(names[0])  # 市节水办 | 水资源管理处
        ):
            names = split_units(level + body)  # 区科技局牵头，工信局、财政局配合: 区 for all
        if names and not level and names[0][:1] in "省市县区" and DEPT_SUFFIX_RE.search(names[0]):
            level = names[0][:1]
        group: list[UnitRef] = []
        for name, mark in _marks_carried_back(names):
            name = name.removesuffix("等").lstrip(DASHES).removeprefix("由")  # 市科技局等 / （由…牵头
            if not _looks_like_unit(name):
                continue
            core = _without_second_name(name)
            if any(name.endswith(signed_name) for signed_name in signed):
                mark = "lead"
            group.append(UnitRef(text=name, name=aliases.normalise(core), role=mark or role))
        if convention is not None and label == convention.list_label and group:
            group = convention.settle(group)
        units.extend(group)
    return units, deadline


INNER_PARTNERS_RE = re.compile(r"^(.{2,20}?)[（(]([^（）()]{4,60}?)(配合|协助|参与|协同)[）)]$")


def _inner_partners(names: list[str]) -> list[str]:
    """高新技术股（县财政局、县税务局配合） -> 高新技术股, 县财政局（配合）, 县税务局（配合）: the units
    a bracket names as the unit's partners stand beside it with their role."""
    result: list[str] = []
    for name in names:
        match = INNER_PARTNERS_RE.match(name)
        inner = split_units(match.group(2)) if match else []
        if not match or not all(_looks_like_unit(part) for part in inner):
            result.append(name)
            continue
        result.append(match.group(1))
        result.extend(f"{part}（{match.group(3)}）" for part in inner)
    return result


def _marks_carried_back(names: list[str]) -> list[tuple[str, str]]:
    """A（牵头），B、C（配合）: each name without its mark, and the mark; a 配合 mark closing a run
    of unmarked names holds for the whole run back to the last marked name."""
    read = [role_mark(name) for name in names]
    marks = [mark for _name, mark in read]
    carried = ""
    for index in range(len(names) - 1, -1, -1):
        if marks[index]:
            carried = marks[index] if marks[index] == "cooperate" else ""
        elif carried:
            marks[index] = carried
    return [(name, mark) for (name, _own), mark in zip(read, marks)]


def _signed_names(body: str, sign: str) -> set[str]:
    """☆市数据局、市工信局 -> {"市数据局"}: the names written after the document's lead sign."""
    return {match.group(1) for match in re.finditer(re.escape(sign) + r"+([^、，,；;\s]+)", body)}


def _labelled_groups(content: str) -> list[tuple[str, str, str]]:
    """牵头单位：A；配合单位：B、C -> (role, body, label) of each labelled part."""
    labels = list(LABEL_RE.finditer(content))
    groups: list[tuple[str, str, str]] = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(content)
        body = content[label.end() : end].split("。", 1)[0]  # （…。列第一位者为牵头单位，下同）
        body = FIRST_LEADS_RE.split(body, maxsplit=1)[0]  # （…，排在第一位的为牵头单位）
        body = LABEL_ROLE_TAIL_RE.sub("", body.strip("；;，, 。"))  # 牵头单位：A、B按职责分工牵头
        groups.append((_role_of(label.group(1)), body.strip("；;，, 。"), label.group(1)))
    return groups


def _role_groups(content: str) -> list[tuple[str, str]]:
    """（A牵头，B、C配合）: parts up to one ending in a role word form a group."""
    groups: list[tuple[str, str]] = []
    pending: list[str] = []
    for part in re.split(r"[；;，,]", content):
        part = part.strip()
        match = ROLE_TAIL_RE.search(part)
        if not match:
            pending.append(part)
            continue
        word = match.group(1)
        role = (
            "lead"
            if word.startswith("牵头")
            else ("cooperate" if word in ("配合", "参与", "协助") else "responsible")
        )
        body = "、".join([*pending, re.sub(r"等$", "", part[: match.start()])])
        pending = []
        lead, joined, partners = body.partition("会同")
        if joined and lead and partners:
            groups.extend([("lead", lead), ("cooperate", partners)])  # A会同B负责
            continue
        groups.append((role, body))
    if not groups and is_bare_unit_list(content):
        return [("responsible", content)]
    return groups


def _role_of(label: str) -> str:
    if re.fullmatch(_DEADLINE, label):
        return "deadline"
    for role, pattern in _LABELS.items():
        if re.fullmatch(pattern, label):
            return role
    return "responsible"


def _without_second_name(name: str) -> str:
    """市委组织部（市委人才办） -> 市委组织部: a bracketed second name of the same body."""
    match = SECOND_NAME_RE.match(name)
    return match.group(1) if match else name


def _looks_like_unit(name: str) -> bool:
    if name.startswith(("所列", "上述", "以上", "其余", "其他单位", "其它")):
        return False  # 由所列单位按职责分工负责: the lists themselves, in a note on how to read them
    return 2 <= len(name) <= 40 and (
        UNIT_HINT_RE.search(name) is not None or DEPT_SUFFIX_RE.search(name) is not None
    )


def _task(text: str, clause: Clause | None, statement: Statement) -> str:
    """The clause heading, else the first sentence of its text (the duty itself removed)."""
    if clause is None:
        return ""
    if clause.heading:
        return clause.heading
    body = text[clause.start : clause.body_end].replace(statement.raw, "")
    first = strip_label(body.split("\n", 1)[0])
    lines = [Paragraph(0, len(first), first)]
    for sentence in sentences(lines[0]):
        return sentence.text.rstrip("。；;")[:80]
    return first[:80]
