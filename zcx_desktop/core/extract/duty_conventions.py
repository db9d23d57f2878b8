"""Conventions a document states once about its duty lists, and the statement they apply to.

排在第一位的为牵头单位，其余为配合单位 (for every list, only bracketed ones, or one named list),
标☆的为牵头单位 (a sign before the lead), and bare lists of unit names in brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zcx_desktop.core.extract.model import UnitRef
from zcx_desktop.core.extract.units import split_units

BARE_UNIT_RE = re.compile(
    r"(局|委|办|厅|处|(?<![学专])科|股|院|所|(?<=[监检测督保])站|(?<![验])室|(?<=[育物化])馆"
    r"|委员会|办公室|人民政府|政府|管委会|中心|科协"
    r"|（街道）|\(街道\)|各镇|街道办事处)$"
)
LISTED_RE = re.compile(  # a 责任单位 list, or a table row (closed brackets before its first tab)
    r"责任(?:单位|部门|科室|处室|股室)|^(?:[^（）()\t]|[（(][^（）()\t]*[）)])*\t"
)
FIRST_LEADS_RE = re.compile(  # 排在第一位的为主办处室（单位） / 列于首位者为该项工作的主责单位
    r"(?:(?:列|排|排列|排在|排名|居|名列|位列)(?:于|在)?(?:第一位|第一个|第一|首位)|(?<=[，,])第一个)"
    r"(?:的|者)?(?:单位|部门|处室|科室|股室)?"
    r"(?:[（(](?:单位|部门|处室|科室)[）)])?"
    r"(?:(?:为|是)(?:该项工作|本项工作|各项工作)?的?"
    r"(?:牵头|主办|主责)(?:单位|部门|处室|科室|股室)(?:[（(](?:单位|部门)[）)])?"
    r"|(?:承担|履行|负)(?:牵头|主责)(?:职责|责任))"  # 名列首位者承担牵头职责
)
# …，其余为协办处室（单位） / …，负责…；其余为配合单位: the role of the others, close behind
OTHERS_ROLE_RE = re.compile(  # 其他市级部门为配合单位: the others of one level only
    r"(?:其他|其余|其它)(?:(省|市|县|区)级)?(?:单位|部门|处室|科室|股室)?"
    r"(?:为|是|按照?职责分工)(?P<role>配合|协办|参与|责任|协助|协同)"  # 其余单位按职责分工配合推进
)
# 各项工作所列责任科室中，排在第一位的…: the convention names the list it governs
# / “责任股室”所列单位中，排在第一位的…
CONVENTION_LIST_RE = re.compile(
    r"所列(?:的)?(?:单位中)?(责任(?:单位|部门|科室|处室|股室))"
    r"|[“\"](责任(?:单位|部门|科室|处室|股室))[”\"](?:栏|中)?所列"
    r"|(责任(?:单位|部门|科室|处室|股室))(?:[（(]单位[）)])?(?:栏|中)?未(?:作|予)?(?:注明|标明|标注)"
)
# 注：表中所列责任处室（单位）为牵头单位: every unit a table row names leads it
LISTED_LEAD_RE = re.compile(
    r"(?:表中|本表|上表|附表)所列(?:的)?责任(?:单位|部门|处室|科室|股室)(?:[（(]单位[）)])?"
    r"(?:均|皆)?为牵头(?:单位|部门|处室|科室|股室)"
)
# 标☆的为牵头单位 / 带*号的为牵头单位: a sign before a unit name marks the lead
LEAD_SIGN_RE = re.compile(r"[☆★*＊※▲△◆]")
SIGNED_LEADS_RE = re.compile(
    r"(" + LEAD_SIGN_RE.pattern + r")号?(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)"
)
UNMARKED_ONLY_RE = re.compile(r"未(?:作|予)?(?:标明|注明|明确|标注)|括号内")
# …括号内所列单位中，排在第一位的为牵头单位…。附件所列项目的责任单位，按照同一原则确定。
TABLES_TOO_RE = re.compile(r"附件|表中|表格")
SAME_RULE_RE = re.compile(r"同一原则|同样原则|上述原则|此原则|参照执行|同样适用|依此确定|照此确定")
SINGLE_RESPONSIBLE_RE = re.compile(  # …只列一个单位的由该单位负责 / 栏中有多个部门的，排在第一位的…
    r"只(?:列|有|写)(?:一|1)个(?:单位|部门)的?[^。；]{0,12}负责"
    r"|(?:有|列有|填列)(?:多个|两个及以上|两个以上|2个及以上)(?:单位|部门|处室|科室)的[，,]\s*"
    r"(?:排在|列在|排|列|名列|位列)?(?:第一位|第一个|首位)"
)
BARE_LIST_STOP_RE = re.compile(r"简称|包括|包含|例如|\d")
# Bodies outside the government that a bare list may name beside its departments:
# （省能源局、国网某省电力公司、某州海关）.
PARTNER_BODY_RE = re.compile(
    r"(公司|集团|总队|支队|海关|银行|分行|交易中心|协会|商会|联合会|大学|学院"
    r"|工商联|妇联|残联|侨联|文联|科协|工会|团[省市县区]委|各部门|有关部门|相关部门"
    r"|各处室|各科室|各股室|各单位)$"
)
TABLE_NOTE_RE = re.compile(r"^\W*(?:说明|注)?\W*(?:本表|此表|该表|表中|附表)")
BELOW_RE = re.compile(r"(?:以)?下同|后同")  # the convention governs what follows it
# the role the others take: …，其余为配合单位 / 其余为责任单位
OTHERS_ROLES = {
    "配合": "cooperate", "协办": "cooperate", "参与": "cooperate", "协助": "cooperate", "协同": "cooperate"
}


@dataclass
class Statement:
    """One responsibility statement found in the text (offsets of its raw text)."""

    start: int
    end: int
    raw: str
    content: str
    labelled: bool
    task: str = ""  # a table row's own task cell (the row is then a Duty of its own)
    header: str = ""  # a table row's header row (序号 | 指标 | … | 责任处室)
    listing: bool = False  # 责任单位： alone on its line: the unit lines below belong to it


@dataclass
class FirstLeads:
    """The document's convention that the unit listed first leads, and where it applies:
    every 责任单位 list and table row, or (未标明…括号内) only unlabelled brackets; a single
    unit leads too unless the document says 只列一个单位的，由该单位负责."""

    others: str
    bare_only: bool
    single_leads: bool
    list_label: str = ""  # 责任科室: only lists under that label (责任单位 lines keep their role)
    brackets: bool = False  # 括号内所列单位，排在第一位的…: (A、B按职责分工负责) too
    begins: int = 0  # …为牵头单位，下同: only the lists written after it
    others_level: str = ""  # 其他市级部门为配合单位: 市; the rest (各区县人民政府) keep their role
    table_only: bool = False  # 本表“责任单位”一栏…: the rows of a table, not the body's lists
    all_lead: bool = False  # 表中所列责任处室为牵头单位: every unit listed leads

    @classmethod
    def find_all(cls, text: str) -> list[FirstLeads]:
        """Every convention the document states, one per sentence (a preamble's for the brackets
        of the body, an annex note's for its table: 责任单位栏填列多个单位的，第一个为…)."""
        found: list[FirstLeads] = []
        sentence_end = -1
        for match in FIRST_LEADS_RE.finditer(text):
            if match.start() < sentence_end or _in_bracket(text, match):
                continue
            ends = [i for i in (text.find(mark, match.end()) for mark in "。\n") if i >= 0]
            sentence_end = min(ends, default=len(text))
            found.append(cls._stated(text, match, sentence_end))
        for match in LISTED_LEAD_RE.finditer(text):
            found.append(cls("配合", False, True, table_only=True, all_lead=True))
        return found

    @classmethod
    def _stated(cls, text: str, match: re.Match[str], sentence_end: int) -> FirstLeads:
        start = max(text.rfind(mark, 0, match.start()) for mark in "。\n")
        sentence = text[start + 1 : sentence_end]
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        others = OTHERS_ROLE_RE.search(text, match.end(), match.end() + 60)
        after = text[match.end() : line_end if line_end >= 0 else len(text)]
        tables_too = TABLES_TOO_RE.search(after) and SAME_RULE_RE.search(after)
        named = CONVENTION_LIST_RE.search(sentence)
        label = next((group for group in named.groups() if group), "") if named else ""
        unstated = _unstated_others(line, match.start() - line_start)
        return cls(
            others=others.group("role") if others else unstated,
            others_level=(others.group(1) or "") if others else "",
            # 括号内 alone means unlabelled brackets; 括号内“责任股室”所列 names a labelled list
            bare_only=UNMARKED_ONLY_RE.search(sentence) is not None and not (tables_too or label),
            single_leads=SINGLE_RESPONSIBLE_RE.search(line) is None,
            list_label=label if label != "责任单位" else "",
            brackets="括号" in sentence,
            begins=match.start() if BELOW_RE.search(sentence) else 0,
            table_only=TABLE_NOTE_RE.search(sentence) is not None,
        )

    def covers(self, statement: Statement, count: int) -> bool:
        if statement.start < self.begins or (count < 2 and not self.single_leads):
            return False
        if self.table_only and not statement.header:
            return False
        if is_bare_bracket(statement) or (self.brackets and _shares_duties(statement)):
            return True
        named = statement.raw + statement.header  # a table's 责任处室 column is such a list
        if self.list_label and statement.labelled and self.list_label not in named:
            return False
        listed = LISTED_RE.search(statement.raw) is not None or bool(statement.header)
        return not self.bare_only and listed

    def governs_group(self, statement: Statement) -> bool:
        """（责任股室：A、B；责任乡镇：C）: the convention names one labelled list, so it settles
        that group's roles alone and leaves the other groups of the statement as labelled."""
        return (
            bool(self.list_label)
            and statement.labelled
            and statement.start >= self.begins
            and re.search(re.escape(self.list_label) + r"\s*[:：]", statement.content) is not None
        )

    def settle(self, units: list[UnitRef]) -> list[UnitRef]:
        """The roles of one list under the convention: the first leads unless it marks its own."""
        if any(u.role != "responsible" for u in units):
            return self.others_follow(units)
        if len(units) < 2 and not self.single_leads:
            return units
        return self.first_leads(units)

    @property
    def others_role(self) -> str:
        return OTHERS_ROLES.get(self.others, "responsible")

    def others_follow(self, units: list[UnitRef]) -> list[UnitRef]:
        """A list that marks its own lead: the unmarked units take the others' role."""
        if not any(u.role == "lead" for u in units):
            return units
        return [
            UnitRef(
                text=u.text,
                name=u.name,
                role=self._other_role(u) if u.role == "responsible" else u.role,
            )
            for u in units
        ]

    def first_leads(self, units: list[UnitRef]) -> list[UnitRef]:
        """The unit listed first leads, the others cooperate (配合) or share the responsibility."""
        return [
            UnitRef(
                text=u.text,
                name=u.name,
                role="lead" if index == 0 or self.all_lead else self._other_role(u),
            )
            for index, u in enumerate(units)
        ]

    def _other_role(self, unit: UnitRef) -> str:
        if self.others_level and not unit.name.startswith(self.others_level):
            return unit.role
        return self.others_role


LIST_LABEL_RE = re.compile(r"(?:责任|牵头|实施|承办)(?:单位|部门|处室|科室)\s*[:：]")


def _unstated_others(line: str, at: int) -> str:
    """The others' role when the convention does not say it: inside a task's own list
    (责任单位：A、B、C，排在第一位的为牵头单位) they keep that list's role; in a note of its own
    (（责任单位中排在第一位的为牵头单位）) they are the lead's partners."""
    return "责任" if LIST_LABEL_RE.search(line[:at]) else "配合"


def _in_bracket(text: str, match: re.Match[str]) -> bool:
    """（A、B按职责分工负责，排在第一位的为牵头单位）: a convention for that bracket alone."""
    opening = text.rfind("（", 0, match.start())
    if opening < text.rfind("）", 0, match.start()):
        return False
    return re.search(r"(?:负责|牵头|配合)[，,；;]\s*$", text[opening : match.start()]) is not None


def local_first_leads(statement: Statement, units: list[UnitRef]) -> list[UnitRef]:
    """Units of a statement that states the first-leads convention for itself."""
    if FIRST_LEADS_RE.search(statement.raw) is None or len(units) < 2:
        return units
    others = OTHERS_ROLE_RE.search(statement.raw)
    convention = FirstLeads(others.group("role") if others else "责任", False, True)
    if all(u.role == "responsible" for u in units):
        return convention.first_leads(units)
    return units


def is_bare_bracket(statement: Statement) -> bool:
    """（机关党委、人事处）: units in brackets with no label and no role word."""
    return (
        not statement.labelled
        and "：" not in statement.content
        and is_bare_unit_list(statement.content)
    )


SHARED_DUTIES_RE = re.compile(r"^[（(](.+?)(?:按照?职责分工|按职责|分别|共同)负责[）)]$")


def _shares_duties(statement: Statement) -> bool:
    """（A、B、C按职责分工负责）: a bracket whose units only share the work, so the document's
    convention on bracketed lists says who leads."""
    match = SHARED_DUTIES_RE.match(statement.raw.strip())
    return match is not None and is_bare_unit_list(match.group(1))


def is_bare_unit_list(content: str) -> bool:
    """（市科技局、市财政局）: a short list of department names with no role word at all."""
    if len(content) > 120 or BARE_LIST_STOP_RE.search(content):
        return False
    parts = [p.strip().removesuffix("等") for p in split_units(content)]
    if not parts or not any(BARE_UNIT_RE.search(part) for part in parts):
        return False
    return all(
        2 < len(part) <= 20 and (BARE_UNIT_RE.search(part) or PARTNER_BODY_RE.search(part))
        for part in parts
    )
