"""Phrase analysis for targets: comparator, leading period/park/verb words, owner, kind.

The words before a number (全市…新增…高新技术企业 / 力争达到) are peeled off in order:
period, park scope, context word, verb; what is left is the indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zcx_desktop.core.extract.target_filters import PAST_PREFIX_RE
from zcx_desktop.core.extract.text import (
    PLACE_NAME_RE,
    Period,
    is_place_name,
    leading_period,
    leading_place,
    scope_name,
)

COMPARATORS = (
    "提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|扩大到|扩大至|达到|超过|突破|不少于|不低于"
    "|压缩至|压缩到|压减至|压减到|缩短至|缩短到|减少至|减少到|减至|扩展至|扩展到|拓展至|拓展到|调整为|调整到"
    "|不超过|不高于|低于|高于|控制在|保持在|稳定在|保持|降低到|降低至|下降到|下降至|降到|降至|增至|年均增长"
    "|增长|增加|提高|提升|下降|降低|减少|达|超|逾|约|至少|为"
)
_COMPARED_WITH = r"(?<!占)(?:比|较)(?:上年|20\d{2}年底?)"  # 较2025年 (占比 is a share, not 比)
COMPARATOR_END_RE = re.compile(  # 较2025年分别下降 / 分别较2025年下降 / 到2028年均达到 (年 + 均)
    r"(?:同比|" + _COMPARED_WITH + r")?(分别)?(?:再|进一步|同比|(?<![人平\d])均|" + _COMPARED_WITH + r")?"
    r"((?:力争|争取|确保|累计|总计|合计|(?<!\d)年均)?(?:"
    + COMPARATORS
    + r")|力争|争取|确保|累计)\s*$"
)
_CONTEXT_WORDS = (
    "其中|同时|全市|全省|全区|全县|全国|本市|我市|力争|争取|确保|努力|基本|累计|合计|总计|共|再|进一步"
    "|使得|使|实现|由|从|另|此外|并|且|均|届时|预计|重点|大力|积极|同比|环比|比上年|较上年"
)
_INCREMENT_VERBS = "新增|新建成|新建|新培育|新引进|新认定|新设立|新设|新落户|新获批|新开工|新招引|新创建|新组建|新打造|新发展"
_NEUTRAL_VERBS = (
    "布局建设|组织实施|组织开展|培育引进|引进培育|培育|引进|建设|建成|实施|开展|发放|形成|打造|集聚|认定"
    "|完成|推动|支持|吸引|争创|创建|获批|申报|招引|推进|举办|组织|带动|扶持|设立|组建|搭建|培养|创办|推广"
    "|安排|统筹"
)
LEADING_WORD_RE = re.compile(r"^(?:" + _CONTEXT_WORDS + r")")
COMPOUND_VERB_RE = re.compile(r"^(?:和|及|与|、)(?:改造|提升|改扩建|扩建|改建|新建|建设|认定|培育|引进|提档)")
GUIDED_RE = re.compile(  # 指导各区县建成县级幸福河湖不少于18条: the places are the city's hands
    r"^(?:指导|督促|推动|组织|引导|鼓励|支持|帮助)(?:全市|全省)?各(?:区县|县（市、区）|县市区|县区|市县"
    r"|区|县|乡镇|镇街|街道|地|园区)"
)
YEARS_SPAN_RE = re.compile(r"^(?:[两二三四五六七八九十]|\d{1,2})个?年(?:内|间)?(?=累计|合计|年均|$)")
INCREMENT_RE = re.compile(r"^(?:" + _INCREMENT_VERBS + r")")
VERB_RE = re.compile(r"^(?:" + _NEUTRAL_VERBS + r")(?!区)")  # 建成区 is a place, not 建成
PREDICATE_RE = re.compile(r"力争|位居|成为|进入|实现|达到|超过|突破|保持|跻身|排名")
TRAILING_CUT_RE = re.compile(r"组成|构成|等|，|的(?:目标|任务)")
OWNER_STOP_RE = re.compile(r"^(?:目标|水平|任务|要求|规模|程度|幅度|比例)$")
BARE_PARK_RE = re.compile(
    r"^((?:省会|市|县|区)?(?:国家高新区|高新区|经开区|开发区|综保区))(?=[\u4e00-\u9fff]{2})"
)
INNER_PERIOD_RE = re.compile(r"(每年度|每年|全年)")
TRAILING_YEAR_RE = re.compile(r"(?<![\d—–\-~～至到])(?:到|至)?(20\d{2})\s*年(?:底|末)?(?:前)?$")
TRAILING_PERIOD_RE = re.compile(r"(每年|全年|年均|当年|每年度)\s*$")


@dataclass
class Lead:
    """What was stripped off the front of an indicator phrase."""

    rest: str
    period: Period | None = None
    strength: str = ""
    increment: bool = False
    park: str = ""
    baseline: bool = False  # 比2025年 / 较上年: the comparison base was stripped


BASELINE_RE = re.compile(r"^(?:比|较)(?:20\d{2}\s*年(?:底|末)?|上年|去年|基期|基准年)")


def strip_leading(core: str) -> Lead:
    lead = Lead(core.strip(" 　"))
    for _ in range(8):
        rest = lead.rest
        period, after = leading_period(rest)
        if period is not None:
            lead.period, lead.rest = period, after
            continue
        park = scope_name(rest, parks_only=True) or bare_park(rest) or acting_place(rest)
        if park and len(rest) > len(park) + 1 and not lead.park:
            lead.park, lead.rest = park, rest[len(park) :]
            continue
        base = BASELINE_RE.match(rest)
        if base:
            lead.baseline, lead.rest = True, rest[base.end() :]
            continue
        word = (  # 三年累计 / 两年年均 / 指导各区县
            LEADING_WORD_RE.match(rest) or YEARS_SPAN_RE.match(rest) or GUIDED_RE.match(rest)
        )
        if word:
            if word.group(0) in ("力争", "争取", "确保", "累计"):
                lead.strength = lead.strength or word.group(0)
            lead.rest = rest[word.end() :]
            continue
        verb = INCREMENT_RE.match(rest) or VERB_RE.match(rest)
        if verb and COMPOUND_VERB_RE.match(rest[verb.end() :]):
            break  # 新建和改造提升高标准农田: the verbs belong together (创建和美乡村 does not)
        if verb:
            lead.increment = lead.increment or INCREMENT_RE.match(rest) is not None
            lead.rest = rest[verb.end() :]
            continue
        break
    lead.rest = lead.rest.strip(" 　，,、的")
    return lead


PLACE_WORD_TAILS = tuple("域级属直内外管区村")  # 县域经济 / 镇级财政: a word, not the place's own measure
ACTING_WORD_RE = re.compile(r"^(?:力争|争取|确保|要|将|在20\d{2}年|完成|累计|共)")


def acting_place(text: str) -> str:
    """河洲区到2028年建成… / 苜原乡完成创建…: a district, county or town that opens the phrase
    and does what follows (a period or a verb comes next), else ""."""
    place = leading_place(text)
    if not place or place.endswith(("园区", "片区", "社区")):
        return ""
    rest = text[len(place) :]
    acts = leading_period(rest)[0] is not None or INCREMENT_RE.match(rest) or VERB_RE.match(rest)
    owns = place.endswith(("镇", "乡", "县", "街道", "村")) and not rest.startswith(PLACE_WORD_TAILS)
    return place if acts or owns or ACTING_WORD_RE.match(rest) else ""  # 燕坝镇茶叶种植面积…


def bare_park(text: str) -> str:
    """高新区研发投入强度 / 省会高新区… -> the park (a bare park word, optionally 省会/市/县/区 before it)."""
    match = BARE_PARK_RE.match(text)
    return match.group(1) if match else ""


def trailing_period(core: str) -> tuple[str, Period | None]:
    """入库培育企业每年(不少于50家) / 护理型床位占比2026年(达到60%): a period word or a year
    written between indicator and comparator."""
    year = TRAILING_YEAR_RE.search(core)
    if year and year.start() >= 2:
        return core[: year.start()], Period(year.group(0), int(year.group(1)))
    match = TRAILING_PERIOD_RE.search(core)
    if not match or match.start() == 0:
        return core, None
    return core[: match.start()], Period(match.group(1), None)


def inner_period(core: str) -> tuple[str, Period | None]:
    """市财政每年安排科技专项资金: a 每年 inside the phrase; the indicator is what follows its verb."""
    match = INNER_PERIOD_RE.search(core)
    if not match or match.start() == 0:
        return core, None
    rest = core[match.end() :]
    verb = VERB_RE.match(rest) or INCREMENT_RE.match(rest)
    rest = rest[verb.end() :] if verb else rest
    if len(rest) < 2:
        if verb and len(core[: match.start()]) >= 2:  # 首贷户每年新增: the indicator came first
            return core[: match.start()], Period(match.group(1), None)
        return core, None
    return rest, Period(match.group(1), None)


def with_owner(core: str, tail: str) -> str:
    """总规模20亿元的科技创新基金 -> 科技创新基金总规模 (the measure belongs to the noun after 的)."""
    owner = TRAILING_CUT_RE.split(tail[1:], maxsplit=1)[0].strip() if tail.startswith("的") else ""
    if len(owner) < 2 or OWNER_STOP_RE.match(owner) or PREDICATE_RE.search(owner):
        return core
    return owner + core


COMPARATOR_YEAR_RE = re.compile(  # 由2025年的58%提高到2030年的75%: the year the value is for
    r"((?:提高|提升|增加|增长|扩大|降低|下降|压缩|减少|缩短)(?:到|至)|达到)(20\d{2})\s*年(?:底|末)?的?\s*$"
)


def year_after_comparator(prefix: str) -> tuple[str, Period | None]:
    """利用率提高到2030年的 -> (利用率提高到, 2030年)."""
    match = COMPARATOR_YEAR_RE.search(prefix)
    if match is None:
        return prefix, None
    year = int(match.group(2))
    return prefix[: match.start()] + match.group(1), Period(f"到{year}年", year)


def split_comparator(prefix: str) -> tuple[str, bool, str]:
    match = COMPARATOR_END_RE.search(prefix)
    if not match:
        return "", False, prefix
    return match.group(2), bool(match.group(1)), prefix[: match.start()]


NAME_JOIN_RE = re.compile(r"、|和|及(?!以[上下]|其)")  # 二级及以上综合性医院 is one name


FUNDING_VERB_RE = re.compile(r"(?:安排|投入|出资|筹集|统筹)\s*$")
FUNDED_RE = re.compile(r"^(?:设立|设置|建立|组建)([\u4e00-\u9fff]{2,20}?(?:资金|基金|资金池))$")


def funded_name(prefix: str, tail: str) -> str:
    """安排 | 2亿元 | 设立中小企业应急转贷资金 -> 中小企业应急转贷资金: the fund an amount sets up."""
    funded = FUNDED_RE.match(tail) if FUNDING_VERB_RE.search(prefix) else None
    return funded.group(1) if funded else ""


def holds_for_each(prefix: str) -> bool:
    """…接种率均保持在 / 高血压、糖尿病患者…服务率到2028年均达到: one value for every name (or
    year) before 均."""
    prefix = prefix.strip()
    match = COMPARATOR_END_RE.search(prefix)
    return match is not None and "均" in prefix[match.start() : match.start(2)]


YEAR_LIST = r"((?:20\d{2}\s*年\s*[、，,和]\s*)+20\d{2}\s*年)"  # 2026年、2027年和2028年
EACH_YEARS_RE = re.compile(YEAR_LIST + r"(?=均)")


def years_in_common(prefix: str) -> tuple[list[int], str]:
    """…Ⅲ类比例2028年、2030年均保持 -> ([2028, 2030], "…Ⅲ类比例均保持")."""
    match = EACH_YEARS_RE.search(prefix)
    if match is None:
        return [], prefix
    years = [int(year) for year in re.findall(r"20\d{2}", match.group(1))]
    return years, prefix[: match.start()] + prefix[match.end() :]


def each_name(indicator: str) -> list[str]:
    """高血压、糖尿病患者规范管理率 (before 均) -> one name per listed kind, sharing the measure."""
    names = [name for name in NAME_JOIN_RE.split(indicator) if name]
    if len(names) < 2 or any(len(name) < 2 for name in names):
        return [indicator]
    return with_shared_head(names)


def target_kind(comparator: str, unit: str, increment: bool) -> str:
    if unit in ("个百分点", "百分点"):
        return "change"
    if "增长" in comparator and not comparator.endswith(("到", "至")):
        return "growth" if unit in ("%", "‰") else "increment"
    if comparator in ("提高", "提升", "下降", "降低", "减少"):
        return "change"
    if increment or comparator == "增加":
        return "increment"
    return "level"


COUNTED_PLACES_RE = re.compile(r"^[两二三四五六七八九十\d]+个[\u4e00-\u9fff]{0,6}?(?:镇|乡|县|市|区|园区|园)")


MEASURE_HEAD_RE = re.compile(
    r"(?:使用量|用水量|用量|排放量|消耗量|产量|总量|强度|比重|占比|覆盖率|利用率|达标率)$"
)
MEASURED_END = tuple("量率数额度重比值积")


def with_shared_head(names: list[str]) -> list[str]:
    """化肥、农药使用量分别下降3%和5%: the names before the last share its measure word."""
    head = MEASURE_HEAD_RE.search(names[-1]) if names else None
    if head is None:
        return [_with_parallel_tail(n, names[-1]) for n in names[:-1]] + names[-1:]
    return [n if n.endswith(MEASURED_END) else n + head.group(0) for n in names[:-1]] + names[-1:]


KIND_NOUN_RE = re.compile(r"(?:患者|居民|人口|人群|儿童|学生|家庭|农户|企业|医院|学校)[\u4e00-\u9fff]")


def _with_parallel_tail(name: str, last: str) -> str:
    """城镇居民 beside 农村居民人均可支配收入 -> 城镇居民人均可支配收入: a name ending in the same
    word as the start of the last one shares what the last one says after that word."""
    if len(name) < 2 or name.endswith(MEASURED_END):
        return name
    at = last.find(name[-2:])
    if len(name) >= 3 and 0 < at and at + 2 < len(last):
        return name + last[at + 2 :]
    if len(name) <= 4 and KIND_NOUN_RE.match(last[len(name) :]):
        return name + last[len(name) :]  # 高血压 beside 糖尿病患者规范管理率: the same kind of people
    return name


def respective_places(prefix: str) -> tuple[list[str], str]:
    """苍州市、滨江市智能算力规模分别达到 -> (["苍州市", "滨江市"], "智能算力规模达到"): the places
    that the values after 分别 belong to, in order, and the phrase without them."""
    names = re.sub(r"^其中[，,]?", "", prefix).split("、")  # 其中甲区、乙区分别不少于
    if "分别" not in names[-1] or len(names) < 2:
        return [], prefix
    if not all(PLACE_NAME_RE.fullmatch(name.strip()) for name in names[:-1]):
        return [], prefix
    last = PLACE_NAME_RE.match(names[-1].strip())
    if last is None:
        return [], prefix
    rest = COUNTED_PLACES_RE.sub("", names[-1].strip()[last.end() :])  # 两个产粮大镇
    return [*(n.strip() for n in names[:-1]), last.group(0)], rest.replace("分别", "", 1)


def shared_places(prefix: str) -> tuple[list[str], str]:
    """茗川县、瑶原县空气质量优良天数比率均达到 -> (["茗川县", "瑶原县"], "空气质量优良天数比率达到"):
    places listed before one indicator that share its value (no 分别)."""
    names = re.sub(r"^其中", "", prefix).split("、")  # 其中甲区、乙区…达到95%
    if len(names) == 1 and prefix.startswith("其中"):
        return _part_place(names[0].lstrip("，, "), prefix)
    if len(names) < 2 or "分别" in names[-1]:
        return [], prefix
    if not all(is_place_name(name.strip()) for name in names[:-1]):
        return [], prefix
    last = PLACE_NAME_RE.match(names[-1].strip())
    if last is None or not is_place_name(last.group(0)):
        return [], prefix
    rest = names[-1].strip()[last.end() :]
    if rest.startswith("各"):  # 其中柳塘镇、芹口镇各3个: each, of the indicator just named
        rest = rest[1:]
    elif len(rest) < 2:
        return [], prefix
    return [*(n.strip() for n in names[:-1]), last.group(0)], re.sub(r"均|都", "", rest, count=1)


def subject_places(text: str) -> tuple[list[str], str]:
    """覃源县、汶亭县重点发展乡村旅游 -> (["覃源县", "汶亭县"], "重点发展乡村旅游"): two or more
    places opening a phrase as its subject (…各建设…2个 then gives each of them the value)."""
    places: list[str] = []
    names = re.sub(r"^(?:在|由|推动|支持)", "", text.strip()).split("、")
    for index, name in enumerate(names):
        name = name.strip()
        if is_place_name(name):
            places.append(name)
            continue
        place = leading_place(name)
        if place and len(places) >= 1:
            rest = "、".join([name[len(place) :], *names[index + 1 :]])
            return [*places, place], rest
        break
    return [], text


def each_place(prefix: str, subject: list[str]) -> tuple[list[str], str]:
    """在甲区、乙区各打造…5个 / 甲县、乙县重点发展…，各建设…2个 (`subject`: the places opening
    the sentence): each place gets the value."""
    places, rest = subject_places(prefix)
    if places and rest.startswith("各"):
        return places, rest[1:]
    if prefix.startswith("各") and subject:
        return subject, prefix[1:]
    return [], prefix


def _part_place(text: str, prefix: str) -> tuple[list[str], str]:
    """其中芮丘区盘活 -> (["芮丘区"], "盘活"): one place's part of the total just named."""
    place = leading_place(text)
    return ([place], text[len(place) :]) if place else ([], prefix)


RESPECTIVE_YEARS_RE = re.compile(  # 2026年、2027年、2028年全市粮食播种面积分别不低于
    r"^(.*?)" + YEAR_LIST + r"([^，,。；;\d]{0,20}?)分别(.*)$"
)


MORE_YEARS_RE = re.compile(r"^(?:\s*(?:和|、|及|与|以及)\s*(?:到|至)?(20\d{2})\s*年(?:底|末)?)+")


def more_years(rest: str) -> tuple[list[int], str]:
    """到2028年 | 和2030年，… -> ([2030], "，…"): the further years of a listed horizon."""
    match = MORE_YEARS_RE.match(rest)
    if match is None:
        return [], rest
    return [int(y) for y in re.findall(r"20\d{2}", match.group(0))], rest[match.end() :]


def respective_years(prefix: str) -> tuple[list[int], str]:
    """技术合同成交额2026年、2027年、2028年分别达到 -> ([2026, 2027, 2028], "技术合同成交额达到")."""
    match = RESPECTIVE_YEARS_RE.match(prefix)
    if match is None:
        return [], prefix
    years = [int(year) for year in re.findall(r"20\d{2}", match.group(2))]
    return years, match.group(1) + match.group(3) + match.group(4)


SERVED_RE = re.compile(r"^为(.{2,16}?)(免费)?(?:开展|提供|实施|发放|配备|安装)(.{2,})$")


def served_phrase(indicator: str) -> str:
    """为65周岁及以上老年人免费开展健康体检 -> 65周岁及以上老年人免费健康体检: who is served and
    with what, without the 为…开展 frame."""
    match = SERVED_RE.match(indicator)
    if match is None:
        return indicator
    return match.group(1) + (match.group(2) or "") + match.group(3)


def past_figure_name(prefix: str) -> str:
    """目前全市有进出口实绩的企业 -> 有进出口实绩的企业: what a present figure counts."""
    words = PAST_PREFIX_RE.split(prefix)[-1]
    return strip_leading(words.strip(" ，,")).rest


LISTING_RE = re.compile(r"(?:目标)?任务|分解|下达|分配|如下")


def listed_measure(phrase: str) -> str:
    """粮食播种面积任务分解到乡镇 -> 粮食播种面积: what a list of places' figures measures."""
    if not LISTING_RE.search(phrase):
        return ""
    return strip_leading(LISTING_RE.split(phrase, maxsplit=1)[0]).rest
