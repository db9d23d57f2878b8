"""A sentence's value-bearing items: the value pattern, the split at commas and enumerations,
and the passes that mend an item's indicator from its neighbours after the split."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from zcx_desktop.core.extract.model import Target
from zcx_desktop.core.extract.target_phrases import COMPARATORS, NAME_JOIN_RE, each_name
from zcx_desktop.core.extract.text import BAR_CHARS

_BASE_UNITS = (
    "个工作日|工作日|个月|台（套）|平方公里|平方米|公顷|亩次|亩|美元|元|人次|家次|户次|架次|人年(?!均)|人|名|家|个|件|项|次"
    "|所|座|台|套|篇|部|支|位|户|批次|批|单|块|册|处(?!理|置)|吨标准煤|吨|千瓦时|千瓦|兆瓦时|兆瓦|吉瓦时|吉瓦|太瓦时|瓦时"
    "|千伏安|兆伏安|立方米|公里|倍|天|小时|张|种|款|辆|列(?![入为出举支明])|起(?![草步来点始])|栋"
    "|场次|场|期|轮次|轮|条次|条|架|艘|类(?![型别似])|路(?![段线口径灯网面况子])|标箱|宗|微克|毫克|千克|公斤|斤|分钟|岁|(?<![万亿千百])级|头|只|羽|片(?![区林])"
    "|[EPT]FLOPS|[EPT]Flops|[TGM]bps|[EPT]B|核(?![心查算酸准定发实销减拨])"  # 算力 35EFLOPS, 带宽 120Tbps,
    # 存储 40PB, 计算资源 5万核
)
NUM_UNIT_RE = re.compile(
    r"(?<![\d.．第A-Za-z/])(?<!(?<!博士)后)(?<!(?<!目)前)(\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(个百分点|百分点|%|％|‰|/10万|/十万|(?:万亿|万|亿|千|百)?(?:" + _BASE_UNITS + r")"
    r"|万(?=[，,。；;、）)]|$))(?!级)"  # 实名注册用户达到6000万; 5万吨级泊位 is a class
    r"((?:/|每)(?:人|亩|吨|年|日|天|万元|平方米|立方米|升|户|标准煤|公斤|千克|小时))?"
    r"(?![A-Za-z])(以上|以下|左右|以内|之内|多)?"
)
ITEM_SPLIT_RE = re.compile(r"[，,：:□\t" + BAR_CHARS + r"]")  # a tab or a bar separates table cells
ENUM_SPLIT_RE = re.compile(r"、|以及|和|及(?!以[上下])|并(?![网购联发行列举重存])")
ENDS_WITH_VALUE_RE = re.compile(NUM_UNIT_RE.pattern + r"\s*$")
STARTS_WITH_VALUE_RE = re.compile(r"^\s*(?:" + COMPARATORS + r")?\s*\d(?!\d{3}\s*年)")
UNITLESS_RE = re.compile(r"(?<![\d.])(\d+\.\d+)()()(以上|以下|左右|以内)?(?=\s*(?:[，,。；;、）)]|$))")
UNITLESS_NAME_RE = re.compile(r"(?:系数|指数|PUE[）)]?)\s*(?:" + COMPARATORS + r")\s*$")
TOTAL_WORDS = ("总数", "总量", "总规模")
GROWTH_WORDS = ("增长", "同比增长", "年均增长", "提高", "提升", "增加", "增幅", "增速")


@dataclass
class Item:
    """A comma/enumeration-separated piece of a sentence with its offset in the sentence."""

    text: str
    offset: int
    piece: int = 0  # which comma piece it came from (a 每年 governs the rest of its piece)


def growth_of_previous(targets: list[Target]) -> None:
    """支出不低于3.5亿元，增长不低于10%: a bare 增长 measures the indicator just named;
    新增龙头企业6家、总数达到58家: a bare 总数 counts it."""
    for previous, target in pairwise(targets):
        if target.indicator in TOTAL_WORDS and previous.indicator:
            target.indicator = counted(previous.indicator) + target.indicator
            continue
        if target.indicator in GROWTH_WORDS and previous.indicator:
            target.comparator = target.indicator + target.comparator
            target.indicator = previous.indicator
            target.kind = "growth" if target.unit in ("%", "‰") else target.kind


VERB_ONLY_RE = re.compile(
    r"(?:累计|新增|共|再)?(部署|筹集|建设|建成|新建|培育|引进|发放|打造|招引|布局|开通|推广|改造"
    r"|配置|安装|储备|谋划|认定|举办|开展)"
)


def value_matches(item: str) -> list[re.Match[str]]:
    """Every value with its unit in an item; failing any, the bare number a coefficient or an
    index reaches (农田灌溉水有效利用系数达到0.603)."""
    matches = list(NUM_UNIT_RE.finditer(item))
    if matches:
        return matches
    return [m for m in UNITLESS_RE.finditer(item) if UNITLESS_NAME_RE.search(item[: m.start()])]


BARE_TASK_VERB_RE = re.compile(
    VERB_ONLY_RE.pattern + r"|(?:新)?(?:开工|完工|竣工|开建|投产|完成|启动|实施)"
)


def named_by_task(targets: list[Target], cells: list[str]) -> None:
    """病险水库除险加固 | 开工8座: in a task row, a target named by a bare verb is the task's."""
    task = next((c.strip() for c in cells if TASK_CELL_RE.fullmatch(c.strip())), "")
    if not task:
        return
    for target in targets:
        if BARE_TASK_VERB_RE.fullmatch(target.indicator):
            target.indicator = task


TASK_CELL_RE = re.compile(r"[^\d，,。；;：:]{2,30}")


def object_of_verb(targets: list[Target], sentence: str) -> None:
    """部署物联网感知终端，到2028年累计部署50万个: the verb alone names no indicator; what it
    acted on earlier in the sentence does."""
    for target in targets:
        verb = VERB_ONLY_RE.fullmatch(target.indicator)
        if verb is None:
            continue
        named = re.search(
            verb.group(1) + r"([^，,。；;：:\d\s]{2,20}?)(?=[，,。；;]|$)", sentence
        )
        if named is not None:
            target.indicator = named.group(1)


def counted(indicator: str) -> str:
    """新增龙头企业 -> 龙头企业: what an increment counts."""
    return re.sub(r"^(?:新增|净增|新建|新认定|新培育|新引进|累计)", "", indicator)


def fill_borrowed(targets: list[Target]) -> None:
    """新建1家、提档3家国际科技合作平台: an item without its own indicator takes its neighbour's
    (the next one's; a bare growth rate, or a second measure in another unit right after the
    one before, 改造老旧小区18个、1460户, the one before)."""
    for index, target in enumerate(targets):
        if target.indicator:
            continue
        after = next((t.indicator for t in targets[index + 1 :] if t.indicator), "")
        before = next((t.indicator for t in reversed(targets[:index]) if t.indicator), "")
        growth = target.comparator in GROWTH_WORDS  # 支出4.2亿元、增长8%，其中…: the one before
        previous = targets[index - 1] if index else None
        measured = previous is not None and previous.indicator and previous.unit != target.unit
        dated = (  # 2026年创建示范村40个，2027年创建45个: the next year of the one before
            previous is not None and target.year_source == "item" and previous.unit == target.unit
        )
        target.indicator = (before or after) if growth or measured or dated else (after or before)


def split_items(sentence: str) -> list[Item]:
    """Split at ，：and at 、/和/及 where a value ends the left part or starts the right part."""
    items: list[Item] = []
    pos = 0
    for number, piece in enumerate(ITEM_SPLIT_RE.split(sentence)):
        for item in _split_enumeration(piece, pos):
            item.piece = number
            items.append(item)
        pos += len(piece) + 1
    return [item for item in items if item.text.strip()]


def _split_enumeration(piece: str, offset: int) -> list[Item]:
    result: list[Item] = []
    start = 0
    for sep in ENUM_SPLIT_RE.finditer(piece):
        left = piece[start : sep.start()]
        right = piece[sep.end() :]
        if ENDS_WITH_VALUE_RE.search(left) or STARTS_WITH_VALUE_RE.match(right):
            result.append(Item(left, offset + start))
            start = sep.end()
    result.append(Item(piece[start:], offset + start))
    return result


SEVERAL_VALUES_RE = re.compile(r"[^，,；;。]*?\d[^，,；;。]*?[、和及与至到—\-~～][^，,；;。]*?\d")


def one_value_each(targets: list[Target], names: list[str], sentence: str) -> None:
    """起数和死亡人数同比分别下降5%: one value after 分别 holds for every name before it
    (`names` are the names after the first, still waiting for a value)."""
    if not targets or SEVERAL_VALUES_RE.match(sentence[sentence.find("分别") :]):
        return  # 分别增长5.5%和7%: a value for each name, one of them not read as a target
    first = next((t for t in targets if t.indicator and t.indicator not in names), None)
    if first is not None and first is targets[-1]:
        targets.extend(replace(first, indicator=name) for name in names)


def horizons_named(item: str, horizons: list[int], piece: list[str]) -> bool:
    """到2028年，…达到3.5人，到2030年达到3.8人；每千人口注册护士分别达到4.1人和4.5人: one name
    with as many values after 分别 (in its piece of the sentence) as the sentence has horizons
    takes them year by year."""
    values = sum(len(value_matches(text)) for text in piece)
    if "分别" not in item or len(horizons) < 2 or values != len(horizons):
        return False
    subject = re.split(r"[，,；;：:]", item.split("分别", 1)[0])[-1]
    return bool(subject.strip()) and not NAME_JOIN_RE.search(subject.replace("与", "和"))


def for_each(target: Target, years: list[int], named_before: str) -> list[Target]:
    """The one value after 均, for every name listed before it (…，到2030年均达到70%: the names
    of the item before) and every year it holds in."""
    names = each_name(target.indicator or named_before)
    names = names if target.indicator or len(names) > 1 else [""]
    years = years if target.year in years or target.year is None else []
    return [
        replace(target, indicator=name, year=year, period=f"{year}年", year_source="item")
        if years
        else replace(target, indicator=name)
        for name in names
        for year in (years or [target.year])
    ]
