"""What a number in a policy sentence is when it is NOT a development target, and counts in words.

Support measures (给予…奖励, 最高500万元), eligibility conditions (申报企业…不低于5000万元),
achievements (“十四五”以来…已达…), and the ends of ranges (30—50个) are left out. Counts written
in Chinese numerals (新建研发机构三十个) are turned into digits so they are read like 30个.
"""

from __future__ import annotations

import re

from zcx_desktop.core.ingest.numerals import chinese_to_int

SUPPORT_RE = re.compile(
    r"给予|予以(?:奖励|补助|资助|补贴|支持)|一次性(?:奖励|补助|资助|补贴)|贴息|分别奖励"
    r"|最高(?:可)?(?:分别)?(?:提高到|提高至|达到|达|为|不超过|支持|给予|奖励|补助|补贴|资助)?\s*\d"
    r"|免征|减征|减半征收|减按"
    r"|按[^，,。；;]{0,16}?的比例(?:兑现|拨付|发放|分摊|分担)"  # 分三年按40%、30%、30%的比例兑现
)
ELIGIBILITY_RE = re.compile(
    r"^(?:对|凡)?(?:申报|申请|参评|入选|认定|入库|享受)[^，。；]{0,16}?"
    r"(?:企业|单位|机构|项目|人员|人才|团队|孵化器|平台|众创空间)"
    r"|应当具有|应当具备|须具备|须为|需具备|条件为|条件是"
    r"|(?:^|[：:])(?:是)?指[^，。]{0,30}\d"  # a definition: 规模以上企业：指年收入2000万元…
)
RULE_RE = re.compile(  # a rule, not a goal; it voids its own clause only
    # 成员单位应不少于5家 (供应不少于 is a supply)
    r"(?:(?<![供响适反效对相感回])应|须|需|应当|必须)(?:不少于|不低于|不超过|达到|在)\s*\d"
    r"|(?:不得|原则上[^，,。；;\d]{0,4}?不?|一般不|按规定不|可按不|按不)(?:少于|低于|超过|高于|小于|大于)"  # 不得超过…2%
    r"|(?<!许)可[^，,。；;\d]{0,6}?不超过"  # 间接费用比例可提高至不超过…30%
)
GRANT_OPEN_RE = re.compile(r"^(?:分别|一次性|再|可|均)?(?:给予|奖励|补助|补贴|资助)")
# …原则上不少于5家，全年新组建创新联合体5个: beside a rule, only a clause with a goal word is a goal
GOAL_PIECE_RE = re.compile(
    r"新增|新建|新设|新组建|新认定|新培育|新引进|建成|达到|突破|实现|力争|争取|全年|年内|年度|到20\d\d"
    r"|保持|稳定在|控制在"
)
PAST_SENTENCE_RE = re.compile(r"由20\d{2}年(?:底)?的")
FUTURE_WORD_RE = re.compile(r"到20\d{2}年|力争|争取|将|预计|确保|目标|计划|提高到|达到20")
QUALIFIER_RE = re.compile(
    r"^(?:以上|以下|及以上)?的[^，,。；;]{0,14}?(?:企业|单位|人员|人才|机构|项目|团队|个人|法人|科研人员|主体)"
)
CONDITION_RE = re.compile(r"^(?:对|凡)[^，,；;]*的")
RULE_AFTER_RE = re.compile(  # 年用水量超过计划20%的依法实行累进加价: the figure is a condition
    r"^(?:以上|以下)?的[，,]?(?:依法|一律|应当|应|须|必须|予以|给予|按照|按|由|实行|可以|可|不得|将)"
)
# 考核计分规则: 每超1个百分点加0.2分 / 完成率低于60%的该项不得分
SCORING_RE = re.compile(r"得分|加分|扣分|计分|记分|分值(?!付费)|[加扣减]\s*\d+(?:\.\d+)?\s*分")
SINCE_RE = re.compile(r"以来|近年来|过去[一二三四五六七八九十\d]+年")
PAST_PREFIX_RE = re.compile(r"已|现有|目前|现已|原有|仅为|仅有")
RANGE_END_RE = re.compile(r"\d\s*[%％]?\s*[—–\-~～至]\s*$")  # 30—50个 / 8%—10%

_COUNT_UNITS = "家|个|项|名|人次|人|件|所|座|台|套|篇|部|支|位|户|场|条|种|款|公里|处|起(?![草步来点始])"
CN_COUNT_RE = re.compile(  # 八万千瓦 / 五十万亩 too, but not 超百万吨 (a class)
    r"([零一二两三四五六七八九十百千]+)(?=(?:万|亿)?(?:" + _COUNT_UNITS + r")"
    r"|(?<![超过上][十百千])(?:万|亿)(?:千瓦|千瓦时|亩|吨|平方米|平方公里|立方米))"
    r"|([零一二两三四五六七八九十百千]{2,})(?=亩(?!均)|吨|平方米|立方米)"  # 三百亩, not 千亩示范方
)
SMALL_COUNT_VERB_RE = re.compile(
    r"(?:新增|新建|新培育|新引进|新认定|建成|建设|培育|引进|争创|创建|打造|认定|达到|突破|超过|不少于"
    r"|累计|设立|组建|布局|控制在|关闭|淘汰)(?:$|(?=[\u4e00-\u9fff]))"
)
_NOT_COUNT_BEFORE = set("第其之每逐唯统进一同单")


CAPTION_RE = re.compile(
    r"(?:附件\s*\d*\s*[:：]?\s*)?[^，,。；;：:]{2,40}?"
    r"(?:目标任务|任务清单|任务分解|清单|分解表|一览表|安排表|计划表|指标表|情况表)"
)


def is_not_target_sentence(sentence: str) -> bool:
    """An eligibility rule, a scoring rule (每超1个百分点加0.2分) or a review of past results:
    nothing in it is a target."""
    sentence = sentence.strip()
    if CAPTION_RE.fullmatch(sentence):
        return True  # 附件：2027年县十件民生实事项目目标任务: the title of what follows
    if PAST_SENTENCE_RE.search(sentence) and not FUTURE_WORD_RE.search(sentence):
        return True  # 企业由2020年的86家增加到213家，累计建成…: a record of results
    return bool(
        ELIGIBILITY_RE.search(sentence) or SINCE_RE.search(sentence) or SCORING_RE.search(sentence)
    )


def without_support_numbers(sentence: str) -> str:
    """Digits of support measures blanked out (same length): the pieces that grant money
    (给予50万元奖励, 最高500万元), conditions (对…突破1亿元的企业) and rules (原则上不超过25%) with the clauses
    around them that set no goal."""
    ruled = RULE_RE.search(sentence) is not None
    pieces = re.split(r"([，,；;])", sentence)
    granted = {  # 交易额首次超过10亿元、50亿元的，分别给予…奖励: the threshold of a grant
        index
        for index in range(0, len(pieces) - 2, 2)
        if pieces[index].strip().endswith("的") and GRANT_OPEN_RE.match(pieces[index + 2].strip())
    }
    return "".join(
        re.sub(r"\d", "＃", piece)
        if SUPPORT_RE.search(piece)
        or CONDITION_RE.match(piece.strip())
        or index in granted
        or (ruled and (RULE_RE.search(piece) or not GOAL_PIECE_RE.search(piece)))
        else piece
        for index, piece in enumerate(pieces)
    )


def is_qualifier(trailing: str, has_more: bool) -> bool:
    """营业收入超10亿元的领军企业5家 / 年薪不低于60万元的人员: the amount picks out who is
    counted (followed by 的 and an entity, or by 的 and the real count later)."""
    if trailing.strip() == "的" or RULE_AFTER_RE.match(trailing.strip()):
        return True  # 试点医院不少于10家的，可申请: a condition closing its clause
    return trailing.startswith("的") and (has_more or QUALIFIER_RE.match(trailing) is not None)


BARE_QUALIFIER_RE = re.compile(
    r"^(?:以上|以下)?[\u4e00-\u9fff]{0,8}?(?:企业|单位|项目|机构|产品|品种|团队|主体)"
    r"(?:不少于|不低于|达到|超过|突破|力争|累计|总数|数量|数)?$"
)


def is_bare_qualifier(trailing: str, has_more: bool) -> bool:
    """营业收入超10亿元企业15家 / 5亿元以上项目不少于30个: an amount followed straight by the
    entity it picks out and then the real count."""
    return has_more and BARE_QUALIFIER_RE.match(trailing.strip()) is not None


def is_past_figure(prefix: str) -> bool:
    """2025年全市高新技术企业已达1860家: the words before the number report a state already reached."""
    return PAST_PREFIX_RE.search(prefix) is not None


def is_range_end(prefix: str) -> bool:
    """The 50 of 30—50个: ranges are not one target."""
    return RANGE_END_RE.search(prefix) is not None


def arabic_counts(sentence: str) -> str:
    """新建研发机构三十个 -> 新建研发机构30个 (counts in Chinese numerals, outside quotes).

    One-digit counts (三个, 五项) are read only right after a target verb (新建三个), because
    phrases such as 三项制度 or 两个毫不动摇 are no targets; 一 (打造一支队伍) never is.
    """
    pieces: list[str] = []
    last = 0
    for match in CN_COUNT_RE.finditer(sentence):
        value = chinese_to_int(match.group(1) or match.group(2))
        before = sentence[: match.start()]
        if value is None or value <= 1 or _in_quotes(before):  # 一支队伍, 一批: "a", not a count
            continue
        if before and before[-1] in _NOT_COUNT_BEFORE:
            continue
        if value < 10 and not _after_target_verb(before):
            continue
        pieces.append(sentence[last : match.start()])
        pieces.append(str(value))
        last = match.end()
    pieces.append(sentence[last:])
    return "".join(pieces)


def _after_target_verb(before: str) -> bool:
    """新建三个 / 新认定重点实验室三家: a target verb right before, or opening the phrase, or
    a count listed after other counts of the same verb."""
    clauses = re.split(r"[，,；;：:。]", before)
    clause = clauses[-1]
    if clause.startswith("其中") and len(clauses) >= 2:
        clause = clauses[-2] + "，" + clause  # 关闭矿山五座，其中甲县三座、乙县两座: its verb
    listed = clause.split("、")
    phrase = listed[-1].strip()
    if SMALL_COUNT_VERB_RE.search(phrase) or SMALL_COUNT_VERB_RE.match(phrase):
        return True
    # 培育…企业30家、超千亿元的企业三家: a further count in a list of counts after the verb
    return (
        len(listed) >= 2
        and re.search(r"[\d一二两三四五六七八九十](?:万|亿)?(?:" + _COUNT_UNITS + r")$", listed[-2].strip())
        is not None
        and SMALL_COUNT_VERB_RE.search(clause) is not None
    )


def _in_quotes(before: str) -> bool:
    return before.count("“") > before.count("”")


# the parts a document or its assessment consists of: 7个一级指标、37个二级指标 / 7个方面28项重点任务
DOCUMENT_PART_RE = re.compile(r"(?:[一二三]级)?(?:考核)?指标|方面|(?:重点|主要)?任务")


# Policy parameters (assessment weights, grants per item), not development targets.
INSTRUMENT_RE = re.compile(  # 补助资金 is a budget line; 各承担50% a cost share
    r"权重|分值|(?:奖励|奖补|补助|补贴|资助|贴息)(?!资金|性)|各承担|分别承担|分担(?!率)"
)
CEILING_ONLY_RE = re.compile(r"(?:单个|单项|单笔|每个|每家)?(?:最高|最多|最低|最少)")


def is_document_part(indicator: str) -> bool:
    """A count of the document's own indicators, aspects or tasks, not a target."""
    return DOCUMENT_PART_RE.fullmatch(indicator) is not None


def names_no_measure(indicator: str) -> bool:
    """A support instrument (补助资金, 各承担50%), a part of the document, a cap on an award
    (最高增加2000万元) or a weight (协同招商情况占30%): the words name nothing to reach."""
    return (
        INSTRUMENT_RE.search(indicator) is not None
        or is_document_part(indicator)
        or CEILING_ONLY_RE.fullmatch(indicator) is not None
        or indicator.endswith("占")
    )


SERVICE_ACTS = "办结|响应|答复|回应|反馈|处置|到场|到达|完成|解决"  # 2小时内响应 / 1个工作日内办结
SERVICE_LIMIT_RE = re.compile(r"^内(?:" + SERVICE_ACTS + r")$")


def is_service_limit(prefix: str, tail: str) -> bool:
    """企业紧急诉求2小时内响应 / 抵押登记1小时内办结: a service promise of an action plan (在5个
    工作日内答复, 应当…内办结: a procedure's rule)."""
    return SERVICE_LIMIT_RE.match(tail) is not None and not re.search(r"在$|应当|应|须|必须", prefix)
