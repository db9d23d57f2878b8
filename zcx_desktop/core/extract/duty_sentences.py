"""Responsibilities written as sentences: 由A牵头，B、C配合。 / A会同B负责。 / A负责资金保障。

Each sentence is rewritten into the labelled form the duty parser reads
(牵头单位：A；配合单位：B、C), so both paths share one unit parser. A sentence counts only when
every name before the role word is a unit (a false friend such as 本措施由市科技局负责解释 or
各有关单位要加强统筹 has no such subject, or no role word).
"""

from __future__ import annotations

import re

from zcx_desktop.core.extract.units import split_units

UNIT_END_RE = re.compile(
    r"(?:局|委|办|厅|部|署|处|室|委员会|办公室|人民政府|政府|管委会|管理委员会|党委|党工委|中心|集团"
    r"|公司|银行|支行|分行|科协|工会|团委|妇联|残联|侨联|文联|法院|检察院|院|所|学校|大学|学院|街道"
    r"|镇|乡|乡镇|（街道）|\(街道\)|（园区）|\(园区\)|部门|单位|队|站|馆|总队|支队)$"
)
UNIT_BAD_RE = re.compile(
    r"[由要将把对在的是并和及与也可按从为了如若等，,。；;：:]|本|各项|工作|措施|政策|资金"
)
_MODAL = r"(?:要|应|应当|须|需|将|继续|具体|切实)?(?:按职责分工|按照职责分工|按职责|根据职责|分别|共同|具体)?"
ROLE_WORD_RE = re.compile(_MODAL + r"(牵头|会同|负责|配合|参与|协助|协同)")
_JOINT_VERBS = r"(?:共同|联合|协同)?(?:负责|推进|实施|落实|组织实施|做好|开展|推动)?"
FALSE_DUTY_RE = re.compile(r"^(?:解释|同志|人|的)")
LEADING_RE = re.compile(r"^(?:此项工作|该项工作|上述工作|具体工作|各项任务)?(?:并|另|均)?由")
ROLE_LABEL = {
    "牵头": "牵头单位",
    "会同": "牵头单位",
    "负责": "责任单位",
    "配合": "配合单位",
    "参与": "配合单位",
    "协助": "配合单位",
    "协同": "配合单位",
}


def role_sentence(sentence: str) -> str:
    """The sentence as 牵头单位：…；配合单位：… text, or "" when it assigns no task to units."""
    groups: list[str] = []
    for part in re.split(r"[，,；;]", sentence.strip().rstrip("。；;")):
        part = part.strip()
        if not part:
            continue
        label = _role_part(part)
        if label is None:
            if groups:
                break  # the assignment ended; what follows is the task again
            continue
        groups.append(label)
    return "；".join(groups)


def _role_part(part: str) -> str | None:
    """A…牵头 / A会同B负责 / 由A负责X: the labelled text, or None."""
    part = LEADING_RE.sub("", part)
    match = ROLE_WORD_RE.search(part)
    if match is None or not is_unit_list(part[: match.start()]):
        return None
    units, word, rest = part[: match.start()], match.group(1), part[match.end() :]
    if FALSE_DUTY_RE.match(rest):
        return None
    if word == "会同":
        partners = re.match(r"(.+?)" + _JOINT_VERBS + r"$", rest)
        partner_text = partners.group(1) if partners else ""
        if not partner_text or not is_unit_list(partner_text):
            cut = re.match(r"(.+?)(?:共同|联合|协同)?(?:负责|推进|实施|落实|做好|开展|推动)", rest)
            if not cut or not is_unit_list(cut.group(1)):
                return None
            partner_text = cut.group(1)
        return f"牵头单位：{units}；配合单位：{partner_text}"
    return f"{ROLE_LABEL[word]}：{units}"


def is_unit_list(text: str) -> bool:
    """Every name in the run is a unit name (ends like one, carries no verb or function word)."""
    text = text.strip()
    if not 2 <= len(text) <= 120:
        return False
    names = split_units(text)
    return bool(names) and all(_is_unit_name(name) for name in names)


def _is_unit_name(name: str) -> bool:
    bare = (
        re.sub(r"[（(][^（）()]*[）)]$", "", name)
        if not name.endswith(("（街道）", "(街道)"))
        else name
    )
    return (
        2 <= len(name) <= 30
        and UNIT_END_RE.search(bare or name) is not None
        and UNIT_BAD_RE.search(re.sub(r"[（(][^（）()]*[）)]", "", name)) is None
    )
