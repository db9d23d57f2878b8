"""Responsible-unit names: splitting lists (、，), grouped forms, omitted 市 prefixes, aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zcx_desktop.core.extract.indicators import read_json, shipped_file, user_file

UNIT_ALIASES_FILE = "unit_aliases.json"
_OPENERS = "（(〔[［【"
_CLOSERS = "）)〕]］】"
DEPT_SUFFIX_RE = re.compile(r"(局|委|办|厅|部|委员会|办公室|中心|署|室|处|会|队)$")
# 市场监管局 and 区域创新处 start with a word, not with a level.
_LEVEL = r"(?:省|市(?!场)|县|区(?!域))"
LEVEL_PREFIX_RE = re.compile(r"^(" + _LEVEL + r"|[\u4e00-\u9fff]{2,3}?(?:省|市|县|区))")
HAS_LEVEL_RE = re.compile(
    r"^(?:" + _LEVEL + r"|各|相关|有关|国家|中央|人民|团[省市县区]委|[\u4e00-\u9fff]{2,4}(?:省|市|县|区|州)"
    r"|[\u4e00-\u9fff]{2,10}?(?:开发区|高新区|经开区|园区|新区|示范区|试验区))"  # a named zone
)
GROUPED_LEFT_RE = re.compile(  # 各市（县）、区政府 / 各县、区人民政府
    r"^(?:各|相关|有关)?(?:市|县)[（(〔][县区市][）)〕]$|^(?:各|相关|有关)?(?:市|县)$|^各区$"
)
GROUPED_RIGHT_RE = re.compile(r"^(?:区|县|市)(?:人民)?(?:政府)?$")
_BODY = r"(?:党委|党工委|党组|人民政府|政府|管委会|管理委员会)"
BODY_PAIR_RE = re.compile(r"^(.+?)(" + _BODY + r")(?:和|及|与)(" + _BODY + r")$")
BARE_BODY_RE = re.compile(r"^" + _BODY + r"$")
OWNER_BODY_RE = re.compile(r"^(.{2,}?)" + _BODY + r"$")
# Vertically managed or national bodies: 民航岚江监管局 after 省公安厅 takes no 省 prefix.
OWN_SYSTEM_RE = re.compile(
    r"民航|国家|中国|中央|人民银行|人行|国网|海关|铁路|邮政|证监|金融监管总局"
    # bodies named after their own place: 某某证监局, 某某街道办事处, 某某经济区管委会
    r"|.{2,}(?:证监局|海关|街道办事处|管委会|管理委员会|交易中心|公司)$"
    r"|^(?:公安|交警|交通警察|消防|税务|自然资源和规划|自然资源|生态环境|规划和自然资源).{2,6}分局$"  # 公安翊川分局
)
PLACE_ONLY_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:市|县|区|州|盟|镇|乡|街道)$")
PLACE_BODY_RE = re.compile(
    r"^[\u4e00-\u9fff]{1,6}?(?:市|县|区|州|盟|镇|乡|街道)(人民政府|政府|党委|管委会|办事处)$"
)
# 琨阳区、汾亭区、蔻川县教育局: the department written once, after the last place
PLACE_DEPT_RE = re.compile(
    r"^(?![市县区省])[\u4e00-\u9fff]{1,4}?(?:市|县|区|镇|乡)([\u4e00-\u9fff]{1,8}?(?:局|委|办))$"
)
EACH_BODY_RE = re.compile(r"^(?:街道办事处|街道|乡镇|镇|乡|社区|村)(?:人民政府|政府|办事处)?$")
CONJUNCTION_RE = re.compile(r"以及|和|及|与")
UNIT_BODY_END_RE = re.compile(r"(政府|管委会|党工委|党委|集团|公司|银行|支行|中心)$")
# 市发改委（牵头） / 市生态环境局（牵头，负责农村生活污水治理）
_SHARED_DUTY = r"(?:按职责分工|按职责|分别|共同)"  # how several units hold one role
ROLE_MARK_RE = re.compile(
    r"[（(]" + _SHARED_DUTY + r"?(牵头|负责|配合|参与|协助)(?:[，,][^（）()]*)?[）)]$"
)
# 市交通运输局、市水利局（按职责分工牵头）: the mark holds for every name of its run
SHARED_MARK_RE = re.compile(
    r"([^，,；;（）()]+、[^，,；;（）()]+?)[（(]" + _SHARED_DUTY + r"(牵头|负责|配合)[）)]"
)
_PUNCT = " 　。；;，,：:"


@dataclass
class UnitAliases:
    """Alias table: whole names and level-independent department names (科学技术局 -> 科技局)."""

    exact: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    source: Path | None = None

    @classmethod
    def load(cls, library_dir: Path | None = None) -> UnitAliases:
        path = user_file(library_dir, UNIT_ALIASES_FILE) or shipped_file(UNIT_ALIASES_FILE)
        data = read_json(path)
        aliases = cls(source=path)
        for entry in data.get("units", []):
            for alias in [entry["name"], *entry.get("aliases", [])]:
                aliases.exact[_squash(alias)] = entry["name"]
        for entry in data.get("departments", []):
            for alias in [entry["name"], *entry.get("aliases", [])]:
                aliases.departments[_squash(alias)] = entry["name"]
        return aliases

    def normalise(self, name: str) -> str:
        """The unit's canonical name (unknown names come back as written)."""
        key = _squash(name)
        second = SECOND_NAME_RE.match(key)
        if second:  # 市市场监管局（市知识产权局）: one body under two names, known by the first
            key = name = second.group(1)
        if key.startswith("各") and key.endswith("人民政府"):
            key = key[: -len("人民政府")] + "政府"  # 各县（市、区）人民政府 = 各县（市、区）政府
        if key in self.exact:
            return self.exact[key]
        if key.startswith("各"):
            return key  # a group (各设区市政府), not a department with a level prefix
        for match in _prefix_candidates(key):
            core = key[len(match) :]
            if core in self.departments:
                return match + self.departments[core]
        return name


SECOND_NAME_RE = re.compile(
    r"^(.{2,20}?(?:局|厅|委|办|办公室|中心|部|处|室))（(?!设在|含|挂)[^（）]{2,14}(?:局|办公室|办|委|中心)）$"
)


def _prefix_candidates(name: str) -> list[str]:
    """Possible level prefixes: "" then every head ending in 省/市/县/区 (市, 无锡市 ...)."""
    return [""] + [name[:i] for i in range(1, min(len(name), 8)) if name[i - 1] in "省市县区"]


def _squash(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）").replace("〔", "（").replace("〕", "）")


def split_units(text: str) -> list[str]:
    """Split 市科技局、经信委，各市〔县〕、区政府 into names; brackets and grouped forms kept whole."""
    names: list[str] = []
    for run in _split_top_level(text, "，,；;"):
        pieces = _share_each(_merge_grouped(_split_top_level(run, "、/ 　")))
        pieces = _share_body(_split_conjunctions(_split_body_pairs(pieces)))
        names.extend(_inherit_prefix(_share_owner(pieces)))
    return [n for n in names if n]


def _split_top_level(text: str, separators: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            pieces.append("".join(current).strip(_PUNCT))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current).strip(_PUNCT))
    return [p for p in pieces if p]


def _merge_grouped(pieces: list[str]) -> list[str]:
    merged: list[str] = []
    for piece in pieces:
        if merged and GROUPED_LEFT_RE.match(merged[-1]) and GROUPED_RIGHT_RE.match(piece):
            merged[-1] = merged[-1] + "、" + piece
        else:
            merged.append(piece)
    return merged


def _split_body_pairs(pieces: list[str]) -> list[str]:
    """各县（市、区）党委和政府 -> 各县（市、区）党委, 各县（市、区）政府."""
    result: list[str] = []
    for piece in pieces:
        match = BODY_PAIR_RE.match(piece)
        if match:
            result.extend([match.group(1) + match.group(2), match.group(1) + match.group(3)])
        else:
            result.append(piece)
    return result


def _share_each(pieces: list[str]) -> list[str]:
    """各乡镇人民政府、街道办事处 -> 各乡镇人民政府, 各街道办事处 (各 covers the next body)."""
    result = list(pieces)
    for index in range(1, len(result)):
        previous, piece = result[index - 1], result[index]
        if previous.startswith("各") and not piece.startswith("各") and EACH_BODY_RE.match(piece):
            result[index] = "各" + piece
    return result


def _share_body(pieces: list[str]) -> list[str]:
    """岚州市、青川市人民政府 -> 岚州市人民政府, 青川市人民政府 (the body written once, last;
    a department too: 琨阳区、蔻川县教育局)."""
    result = list(pieces)
    for index in range(len(result) - 2, -1, -1):
        following = PLACE_BODY_RE.match(result[index + 1]) or PLACE_DEPT_RE.match(result[index + 1])
        if following and PLACE_ONLY_RE.match(result[index]) and not result[index].startswith("各"):
            result[index] += following.group(1)
    return result


def _split_conjunctions(pieces: list[str]) -> list[str]:
    """市发展改革委及市工信局 -> two units; 市住房和城乡建设局 stays one (市住房 is no unit)."""
    result: list[str] = []
    for piece in pieces:
        parts = [piece]
        match = CONJUNCTION_RE.search(piece)
        while match is not None:
            left, right = parts[-1][: match.start()], parts[-1][match.end() :]
            if not (DEPT_SUFFIX_RE.search(left) or UNIT_BODY_END_RE.search(left)) or len(right) < 2:
                break
            parts[-1:] = [left, right]
            match = CONJUNCTION_RE.search(parts[-1])
        result.extend(parts)
    return result


def _share_owner(pieces: list[str]) -> list[str]:
    """XX开发区党工委、管委会 -> XX开发区党工委, XX开发区管委会 (the owner written once)."""
    result: list[str] = []
    owner = ""
    for piece in pieces:
        if owner and BARE_BODY_RE.match(piece):
            result.append(owner + piece)
            continue
        match = OWNER_BODY_RE.match(piece)
        owner = match.group(1) if match else ""
        result.append(piece)
    return result


def is_division(name: str) -> bool:
    """规划财务处 / 办公室科: a division inside a body, which takes no 市/区 level prefix
    from the unit listed before it (市监测中心、规划财务处)."""
    return name.endswith(("处", "科"))


def _inherit_prefix(pieces: list[str]) -> list[str]:
    """市科技局、经信委 -> 市科技局、市经信委 (the level prefix written once for a run)."""
    result: list[str] = []
    prefix = ""
    party = False
    for piece in pieces:
        bare = ROLE_MARK_RE.sub("", piece)
        level = LEVEL_PREFIX_RE.match(bare)
        if HAS_LEVEL_RE.match(bare):
            prefix = level.group(1) if level and DEPT_SUFFIX_RE.search(bare) else ""
            party = bool(prefix) and bare.startswith(prefix + "委")  # 市委组织部、宣传部
            result.append(piece)
        elif (
            prefix
            and DEPT_SUFFIX_RE.search(bare)
            and not OWN_SYSTEM_RE.match(bare)
            and not is_division(bare)
        ):
            result.append(prefix + ("委" if party and bare.endswith("部") else "") + piece)
        else:
            result.append(piece)
    return result


def shared_marks(body: str) -> str:
    """市交通运输局、市水利局（按职责分工牵头） -> 市交通运输局（牵头）、市水利局（牵头）."""
    return SHARED_MARK_RE.sub(
        lambda m: "、".join(f"{name}（{m.group(2)}）" for name in m.group(1).split("、")), body
    )


def role_mark(piece: str) -> tuple[str, str]:
    """市发改委（牵头） -> ("市发改委", "lead"); no mark -> (piece, "")."""
    match = ROLE_MARK_RE.search(piece)
    if not match:
        return piece, ""
    return piece[: match.start()], "lead" if match.group(1) == "牵头" else (
        "cooperate" if match.group(1) in ("配合", "参与", "协助") else "responsible"
    )
