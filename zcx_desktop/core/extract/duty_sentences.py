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
    r"|公司|银行|支行|分行|科协|工会|团委|妇联|残联|侨联|文联|工商联|贸促会|商会|协会|联合会|促进会"
    r"|法院|检察院|院|所|学校|大学|学院|街道|领导小组|小组|专班|海关|合作社|供销社"
    r"|镇|乡|乡镇|（街道）|\(街道\)|（园区）|\(园区\)|部门|单位|队|站|馆|总队|支队)$"
)
UNIT_BAD_RE = re.compile(
    r"[由要将把对在的是并也可按从为了如若等于任，,。；;：:\d]|本|各项|工作|措施|资金|召集|领导|[布格]局"
    r"|^(?:该|此|上述|所列)|^各?(?:牵头|责任|配合|协办|主办|参与)(?:单位|部门|处室|科室)"  # 由该单位负责
    r"|^(?:部门|单位|政府|人民政府|党委|组织部门|职能部门|集团|公司|中心)$"  # 政府负责
    r"|跨(?:部门|区域|层级|领域)"  # 健全跨部门协同办理: a way of working, not a unit
    r"|^(?:形成|构建|建立|健全|完善|实行|推行|推动|促进|加强|强化)"  # 形成政府牵头、部门协作的格局
    r"|^(?:其他|其余|其它)"  # 其他相关处室按职责分工配合: the units not named
)
GROUP_TAIL_RE = re.compile(r"等(?:有关|相关)?(?:群团组织|单位|部门|机构|组织)?$")
BREAK_RE = re.compile(r"[、由的是和与及]")
ENCOURAGED_RE = re.compile(r"^(?:支持|鼓励|引导|带动|动员|吸引)")  # 支持高校院所牵头研发…
ACTION_RE = re.compile(r"建立|开展|制定|加强|完善|做好|落实|推动|推进|健全|出台")
_MODAL = (
    r"(?:要|应|应当|须|需|将|继续|具体|切实)?"
    r"(?:按职责分工|按照职责分工|按职责|根据职责|分别|共同|具体|(?:按照|根据)[^，。；]{1,24}?原则)?"
)
ROLE_WORD_RE = re.compile(  # 协同发展 / 协同创新 is how things grow, not a role
    _MODAL + r"(牵头|会同|负总责|负责|配合|参与|参加|协助|协同(?!发展|创新|联动|共享|攻关|治理|推进)"
    r"|(?<=具体)(?:实施|落实|承办)|抓好落实|抓落实)"  # 市卫生健康监督所具体实施 / 各区…按职责抓好落实
)
_JOINT_VERBS = r"(?:共同|联合|协同)?(?:负责|推进|实施|落实|组织实施|做好|开展|推动)?"
# 各区人民政府、岷亭经开区管委会是本辖区城市更新工作的责任主体
ANSWERING_BODY_RE = re.compile(r"^([^，,；;。]{2,60}?)(?:是|为)[^，,；;。]{0,24}?(?:责任主体|第一责任人)")
ANSWERABLE_RE = re.compile(r"^([^，,；;。]{2,40}?)对[^，,；;。]{1,30}?(?:负总责|负主体责任|负责(?!人))")
FALSE_DUTY_RE = re.compile(r"^(?:解释|同志|人(?![工才口员]))")  # 负责人 / 负责解释
INTERPRETATION_RE = re.compile(  # 本要点执行中的具体问题由局办公室负责协调: about the paper itself
    r"负责解释|解释权|(?:执行|实施|落实)(?:过程)?中(?:的|遇到的)?(?:具体)?问题"
)
LEADING_RE = re.compile(r"^(?:此项工作|该项工作|上述工作|具体工作|各项任务)?(?:并|另|均|具体)?由")
ORGANISED_BY_RE = re.compile(
    r"^(?:此项工作|具体工作)?(?:并|另|均|具体)?由((?:(?!会同|牵头).)+?)(?:负责)?组织实施"
)
MODIFIER_WORDS = ("负责", "实施", "落实", "承办")  # 乡镇具体落实的…机制: a description, no task
NARRATED_RE = re.compile(r"(?:编制|制定|起草|修订|出台|印发|研究制定|组织编制)了")
VAGUE_PARTNERS_RE = re.compile(r"(?:其他|市|县|区)?(?:有关|相关)(?:部门|单位)")
ROLE_LABEL = {
    "牵头": "牵头单位",
    "会同": "牵头单位",
    "负责": "责任单位",
    "负总责": "责任单位",
    "配合": "配合单位",
    "参与": "配合单位",
    "参加": "配合单位",
    "协助": "配合单位",
    "协同": "配合单位",
    "实施": "责任单位",
    "落实": "责任单位",
    "承办": "责任单位",
    "抓好落实": "责任单位",
    "抓落实": "责任单位",
}


def role_sentence(sentence: str) -> str:
    """The sentence as 牵头单位：…；配合单位：… text, or "" when it assigns no task to units."""
    groups: list[str] = []
    pending: list[str] = []  # A、B，C按职责分工负责: unit-only parts wait for their role word
    sentence = sentence.strip().rstrip("。；;")
    opened = sentence.count("（") + sentence.count("(") - sentence.count("）") - sentence.count(")")
    if sentence[:1] in "（(" and opened >= 0:
        sentence = sentence[1:]  # （A牵头，B配合；  — a bracket split at its ；
    if sentence[-1:] in "）)" and opened <= 0:
        sentence = sentence[:-1]  # C负责辖区内…工作）
    sentence = re.sub(r"牵头、(?=[^，,；;]+?配合)", "牵头，", sentence)  # 由A牵头、B、C配合
    for part in re.split(r"[，,；;]", sentence):
        part = part.strip()
        if not part:
            continue
        if groups and part.startswith("会同"):  # 由A牵头，会同B、C建立…
            partners = _leading_units(part[2:])
            if partners:
                groups.append(f"配合单位：{partners}")
                continue
        label = _role_part(part)
        if label is None:
            if is_unit_list(part):  # 由A牵头，B、C，各区县人民政府按职责分工负责
                pending = [*pending, part]
                continue
            if groups:
                break  # the assignment ended; what follows is the task again
            pending = []
            continue
        if pending and "：" in label:
            role, units = label.split("：", 1)
            label = f"{role}：{'、'.join(pending)}、{units}"
        pending = []
        groups.append(label)
    return "；".join(groups)


def _role_part(part: str) -> str | None:
    """A…牵头 / A会同B负责 / 由A负责X / …、A牵头的…: the labelled text, or None."""
    organised = ORGANISED_BY_RE.match(part)
    if organised and is_unit_list(organised.group(1)):
        return f"责任单位：{organised.group(1)}"  # 具体由市委组织部、市人社局组织实施
    part = LEADING_RE.sub("", part)
    body = ANSWERING_BODY_RE.match(part)
    if body and is_unit_list(body.group(1)):
        return f"责任单位：{body.group(1)}"
    match = ROLE_WORD_RE.search(part)
    if match is None or INTERPRETATION_RE.search(part):
        return None
    answerable = ANSWERABLE_RE.match(part)
    if answerable and is_unit_list(answerable.group(1)):
        return f"责任单位：{answerable.group(1)}"  # 各县（市、区）人民政府对…负总责
    units = _trailing_units(GROUP_TAIL_RE.sub("", part[: match.start()]))
    word, rest = match.group(1), part[match.end() :]
    if word in ("负责", "牵头") and rest.startswith("会同"):
        word, rest = "会同", rest[2:]  # 县统计局负责会同县民政局…
    elif word == "负责" and rest.startswith("牵头"):
        word, rest = "牵头", rest[2:]  # 县市场监管局负责牵头建立…
    if not units or FALSE_DUTY_RE.match(rest) or (word in MODIFIER_WORDS and rest.startswith("的")):
        return None
    if NARRATED_RE.search(rest):
        return None  # 省科学技术厅会同…编制了《规划》: what was done, not a task
    if word == "会同":
        partners = _leading_units(rest)
        if not partners:
            return None
        if VAGUE_PARTNERS_RE.fullmatch(partners):  # A要会同有关部门建立…: A alone answers for it
            return f"责任单位：{units}"
        return f"牵头单位：{units}；配合单位：{partners}"
    if word in ("配合", "协助"):
        served = _leading_units(rest)
        if served:  # 社会发展科技处配合市科协组织…: the unit served leads
            return f"牵头单位：{served}；配合单位：{units}"
    return f"{ROLE_LABEL[word]}：{units}"


def _trailing_units(before: str) -> str:
    """The unit list written right before a role word: the whole text, else its longest tail
    that starts after a break (由市政府分管副市长任召集人、市工信局 -> 市工信局)."""
    if is_unit_list(before):
        return before
    if ENCOURAGED_RE.match(before):
        return ""
    for match in BREAK_RE.finditer(before):
        tail = before[match.end() :]
        if is_unit_list(tail):
            return tail
    return ""


def _leading_units(after: str) -> str:
    """The unit list opening `after` (会同市财政局、市税务局于6月底前… -> 市财政局、市税务局)."""
    names = after.split("、")
    taken: list[str] = []
    for name in names:
        if is_unit_list(name) and not ACTION_RE.search(name):  # 会同县卫健局推进…向乡镇延伸
            taken.append(name)
            continue
        head = _shortest_unit_prefix(name)
        if head:
            taken.append(head)
        break
    return "、".join(taken)


def _shortest_unit_prefix(text: str) -> str:
    """市财政局组织实施… -> 市财政局; 有关部门根据… -> 有关部门 (部 grows into 部门)."""
    for end in range(2, min(len(text), 30) + 1):
        if UNIT_END_RE.search(text[:end]) and is_unit_list(text[:end]):
            limit = min(len(text), end + 12)  # 人民银行青川市分行: a branch name grows on
            longer = [
                e
                for e in range(end + 1, limit + 1)
                if is_unit_list(text[:e]) and not ACTION_RE.search(text[end:e])
            ]
            return text[: max(longer, default=end)]
    return ""


def is_unit_list(text: str) -> bool:
    """Every name in the run is a unit name (ends like one, carries no verb or function word)."""
    text = text.strip()
    if not 2 <= len(text) <= 120:
        return False
    names = split_units(text)
    return bool(names) and all(_is_unit_name(name) for name in names)


def is_unit_line(text: str) -> bool:
    """市生态环境局（牵头，负责农村生活污水治理） / 各县（区）人民政府: a line naming units only."""
    line = text.strip("。；;、， 　")
    return is_unit_list(re.sub(r"[（(][^（）()]*[）)]$", "", line)) if line else False


def _is_unit_name(name: str) -> bool:
    bare = (
        re.sub(r"[（(][^（）()]*[）)]$", "", name)
        if not name.endswith(("（街道）", "(街道)"))
        else name
    )
    return (
        2 <= len(name) <= 30
        and name.count("（") == name.count("）")  # （二）强化部门协同: a heading, no unit
        and UNIT_END_RE.search(bare or name) is not None
        and UNIT_BAD_RE.search(_without_body_words(name)) is None
    )


def _without_body_words(name: str) -> str:
    """The name without brackets, 领导小组 and the 工作 of 工作专班 (words that here name a body)."""
    name = re.sub(r"[（(][^（）()]*[）)]", "", name)
    return re.sub(r"(?:工作)?领导小组|工作(?=小组|专班|委员会|局|部|办公室|处|站)", "小组", name)
