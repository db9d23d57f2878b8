"""Quantitative target extraction: indicator, comparator, value, unit, year/period, scope."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from zcx_desktop.core.extract.citations import mask_citations
from zcx_desktop.core.extract.indicators import IndicatorDictionary
from zcx_desktop.core.extract.model import Target
from zcx_desktop.core.extract.target_context import (
    FORWARD_OPENING_RE,
    STRONG_PERIOD_RE,
    Context,
    carries,
    carry_period,
    clause_period,
    clause_scope,
    is_past,
    is_review,
    lists_conditions,
    plain_year,
    resolve_year,
    row_deadline,
    stage_year,
    this_year,
    vague_annual,
)
from zcx_desktop.core.extract.target_filters import (
    SERVICE_ACTS,
    arabic_counts,
    is_bare_qualifier,
    is_not_target_sentence,
    is_past_figure,
    is_qualifier,
    is_range_end,
    is_service_limit,
    names_no_measure,
    without_support_numbers,
)
from zcx_desktop.core.extract.target_items import (
    STARTS_WITH_VALUE_RE,
    fill_borrowed,
    for_each,
    growth_of_previous,
    horizons_named,
    named_by_task,
    object_of_verb,
    one_value_each,
    split_items,
    value_matches,
)
from zcx_desktop.core.extract.target_phrases import (
    NAME_JOIN_RE,
    PREDICATE_RE,
    TRAILING_CUT_RE,
    each_place,
    funded_name,
    holds_for_each,
    inner_period,
    listed_measure,
    more_years,
    past_figure_name,
    respective_places,
    respective_years,
    served_phrase,
    shared_places,
    split_comparator,
    strip_leading,
    subject_places,
    target_kind,
    trailing_period,
    with_owner,
    with_shared_head,
    year_after_comparator,
    years_in_common,
)
from zcx_desktop.core.extract.target_tables import table_targets
from zcx_desktop.core.extract.text import (
    ClauseLocator,
    Paragraph,
    Period,
    document_years,
    is_place_name,
    issue_year,
    leading_period,
    paragraphs,
    plan_end_year,
    scope_name,
    sentences,
    strip_label,
    table_cells,
    work_year,
)
from zcx_desktop.core.model import Clause

log = logging.getLogger("zcx.extract")

GENERIC_TRAIL_RE = re.compile(
    r"^(?:的|之|目标|水平|规模|以上|左右|$"
    r"|内(?:" + SERVICE_ACTS + r")$"  # 2小时内响应
    r"|[（(])"  # 达到22%（2025年为16.8%） / 人才5000名（省委人才办牵头）: a note after the value
)
BASELINE_OPEN_RE = re.compile(
    r"(?:从|由)(?:20\d{2}\s*年(?:底|末)?的?|(?:目前|当前|现在|现有)的?)?\s*$"
)
BASELINE_TRAIL_RE = re.compile(
    r"^\s*(?:提高|增加|增长|提升|下降|降低|减少|扩大|压缩|缩短|压减|缩减|调整)"
)
PAST_MARKERS_RE = re.compile(r"现有|已有|已经|已达|已建|目前|去年|上年")
MAX_INDICATOR = 45
ANNUAL_TITLE_RE = re.compile(r"工作报告|工作要点|工作计划|工作安排")  # one year's work
ROUTE_VERB_RE = re.compile(
    r"开通|开辟|新开|建成|新建|新增|打造|推出|开发|建设|推广|培育|整治|打通|改造|达到|达|突破|超过|不少于|累计|增至"
    r"|提高到|力争|创建|完成"
)
ROUTE_NOUN_RE = re.compile(  # what 条 counts: 县级幸福河湖18条, 示范街区10条
    r"(?:河|湖|河道|河湖|道|路|线|街|街区|巷|廊道|绿道|航线|生产线|隧道|管线|沟|渠|干线|专线|线路)$"
)
BULLETS = "—–-－●◆■▲►•·※☆★ 　"
DATE_AFTER_RE = re.compile(r"^\d{1,2}\s*月")
# 消除年经营性收入5万元以下的集体经济薄弱村: a threshold naming what is meant, no count
THRESHOLD_OF_RE = re.compile(r"^的(?!目标|水平|规模|比例|增长|速度|幅度)[\u4e00-\u9fff]")
PER_UNIT_MONEY_RE = re.compile(r"每(?:亩|人|户|吨|平方米|件|家|次|头)(?:每年|每月)?")
# a time limit, an age or a grade is a target only with a comparator (压缩至3个工作日, 达到5级)
COMPARED_UNITS = ("个工作日", "工作日", "个月", "天", "小时", "分钟", "岁", "级")


class TargetExtractor:
    """Extracts every quantitative target from clean text plus its clause list."""

    def __init__(self, dictionary: IndicatorDictionary | None = None) -> None:
        self.dictionary = dictionary or IndicatorDictionary.load()

    def extract(
        self,
        text: str,
        clauses: Sequence[Clause] = (),
        *,
        title: str = "",
        region: str = "",
        doc_id: int | None = None,
    ) -> list[Target]:
        masked = mask_citations(text)
        locator = ClauseLocator(clauses)
        doc_year = document_years(title, text)
        issued = issue_year(text)
        opening = re.sub(r"\s+", "", "".join(text.split("\n")[:6]))  # 政 府 工 作 报 告
        if doc_year[0] is None and issued and ANNUAL_TITLE_RE.search(title + opening):
            year = work_year(text) or issued  # 政府工作报告 delivered in 2027: 今年 is 2027
            doc_year = (year, year)
        if doc_year == (None, None) and issued:
            doc_year = (None, issued)  # no plan year or horizon anywhere: goals of the issue year
        lines = paragraphs(text)
        tables = table_targets(lines, locator, doc_year, region, issued)
        results: list[Target] = list(tables.targets)
        for paragraph in lines:
            if paragraph.start not in tables.consumed:
                results.extend(
                    self._paragraph(text, masked, paragraph, locator, (*doc_year, issued), region)
                )
        results.sort(key=lambda t: t.start)
        for target in results:
            target.doc_id = doc_id
            if target.year_source == "table":
                target.canonical = self.dictionary.canonical(target.indicator, target.unit)
        return results

    def _paragraph(
        self,
        text: str,
        masked: str,
        paragraph: Paragraph,
        locator: ClauseLocator,
        doc_year: tuple[int | None, int | None, int | None],
        region: str,
    ) -> list[Target]:
        clause = locator.at(paragraph.start)
        if is_review(text, clause, locator) or lists_conditions(text, clause, locator):
            return []
        reviewing = self._opens_past_period(paragraph, doc_year)  # until 在此基础上，到2027年…
        scope = scope_name(paragraph.text) or clause_scope(text, clause) or region
        context = Context(
            None,
            clause_period(text, paragraph, locator, doc_year[:2]),
            doc_year[1],
            scope,
            doc_year[0],
        )
        context.issued = doc_year[2]
        dated = row_deadline(table_cells(paragraph.text)) or stage_year(paragraph.text)
        if dated is not None:  # …260个 | … | 2027年底 / （一）全面启动阶段（2026年）。…
            context.clause_period = dated
        found: list[Target] = []
        ended: Period | None = None  # the year of the sentence before, for 其中…
        for sentence in sentences(paragraph):
            sentence_masked = masked[sentence.start : sentence.end]
            if sentence.start == paragraph.start:  # （一）到2025年，…: the label hides the period
                label = len(sentence_masked) - len(strip_label(sentence_masked))
                sentence_masked = " " * label + sentence_masked[label:]
            if reviewing and not FORWARD_OPENING_RE.match(sentence_masked.strip()):
                continue
            reviewing = False
            carry_period(context, sentence_masked.strip(), ended)
            targets = self._sentence(sentence_masked, context)
            context.opening = False
            if sentence.text.endswith(("。", "！", "？", "!", "?")):
                ended, context.sentence_period = context.sentence_period, None
                context.horizons = []
            for target in targets:
                target.sentence = sentence.text
                target.start, target.end = sentence.start, sentence.end
                target.clause_path = clause.path if clause else ""
            found.extend(targets)
        return found

    @staticmethod
    def _opens_past_period(
        paragraph: Paragraph, doc_year: tuple[int | None, int | None, int | None]
    ) -> bool:
        """“十四五”期间，我省…取得积极成效…: a paragraph opening with a past plan period reviews."""
        period, _rest = leading_period(strip_label(paragraph.text))
        return (
            period is not None
            and plan_end_year(period.text) is not None
            and period.year is None
            and is_past(period, doc_year[0], doc_year[2])
        )

    def _sentence(self, masked: str, context: Context) -> list[Target]:
        context.pending_names, context.pending_scopes, context.pending_years = [], [], []
        context.respective_years, context.subject_places, context.respective_names = [], [], []
        context.last_indicator, context.past_measure, context.bare_phrase = "", ("", ""), ""
        if context.period is not None and not STRONG_PERIOD_RE.match(context.period.text):
            # a plain 2018年 governs its own sentence (or its paragraph when it opens it);
            # 到2020年 the paragraph
            context.period = context.sentence_period or context.paragraph_period
        if is_not_target_sentence(masked):
            return []
        masked = without_support_numbers(arabic_counts(masked))
        context.in_table = bool(table_cells(masked))
        targets: list[Target] = []
        annual_piece = -1
        items = split_items(masked)
        named: dict[int, list[str]] = {}  # piece -> the names its targets measure
        for index, item in enumerate(items):
            own = leading_period(item.text.strip())[0]
            if own is None and 0 <= annual_piece == item.piece - 1 and item.text.startswith("其中"):
                annual_piece = item.piece  # 每年新增技能人才4000人，其中高技能人才1500人: yearly too
            if not masked[: item.offset].rstrip().endswith(("、", "和", "及")):
                context.past_run = False
            if own is None and not context.respective_years:
                piece = [other.text for other in items if other.piece == item.piece]
                if horizons_named(item.text, context.horizons, piece):
                    context.respective_years = list(context.horizons)
            if own is None and item.piece == annual_piece:
                item.text = "每年" + item.text  # 每年谋划项目150个、总投资800亿元: both yearly
            elif own is not None and own.text == "每年":
                annual_piece = item.piece
            earlier = [names for number, names in named.items() if number < item.piece and names]
            context.named_piece = earlier[-1] if earlier else []
            found = self._item(item.text, context, first=index == 0)
            targets.extend(found)
            named.setdefault(item.piece, []).extend(t.indicator for t in found if t.indicator)
        if context.pending_names and context.pending_names == context.respective_names:
            one_value_each(targets, context.respective_names, masked)
        growth_of_previous(targets)
        fill_borrowed(targets)
        for target in targets:
            if not target.indicator and target.unit == context.past_measure[1]:
                target.indicator = context.past_measure[0]
        object_of_verb(targets, masked)
        if context.in_table:
            named_by_task(targets, table_cells(masked))
        if STARTS_WITH_VALUE_RE.match(leading_period(masked.strip())[1]):
            for target in targets:  # …达到15万个；到2030年，达到19万个: the sentence before names it
                target.indicator = target.indicator or context.sentence_indicator
        if targets:
            context.sentence_indicator = targets[-1].indicator
        for target in targets:
            target.canonical = self.dictionary.canonical(
                target.indicator, target.unit, check_unit=target.kind in ("level", "increment")
            )
        return [t for t in targets if t.indicator]

    def _item(self, item: str, context: Context, first: bool = False) -> list[Target]:
        period, rest = leading_period(item.strip().lstrip(BULLETS))  # ——到2027年，…
        if period is not None and period.year is not None:
            later, rest = more_years(rest)  # 到2028年和2030年，…分别达到…和…
            if later:
                context.respective_years = [period.year, *later]
            if period.year not in context.horizons:
                context.horizons.append(period.year)
        if period is not None and DATE_AFTER_RE.match(rest):
            period = None  # 2028年6月底前完成验收: a deadline, no time for other items
        this = this_year(period) and context.period is None and context.start_year is None
        if period is not None and (carries(period) or this or (first and period.text == "每年")):
            context.period = period  # 每年 (全年 in a paper with no year) governs the sentence
        if period is not None and plain_year(period) and (first or context.sentence_period):
            # 2025年，…；…；…。: up to the full stop (2026年…的基础上，2027年…；…: the later year)
            context.sentence_period = period
            if first and context.opening:
                context.paragraph_period = period  # opening the paragraph: all of it
        if period is not None and not rest:
            return []
        matches = value_matches(item)
        if not matches:
            context.bare_phrase = PREDICATE_RE.split(rest, maxsplit=1)[0]
            context.subject_places = subject_places(rest)[0] or context.subject_places
            if first and period is None and context.period is None and "每年" in item:
                context.period = Period("每年", None)  # 管委会每年发布清单，开放场景不少于30个
        results: list[Target] = []
        cut = 0
        baseline: tuple[int, int] | None = None
        for index, match in enumerate(matches):
            following = matches[index + 1].start() if index + 1 < len(matches) else len(item)
            trailing = item[match.end() : following]
            opening = BASELINE_OPEN_RE.search(item[cut : match.start()])
            if opening and BASELINE_TRAIL_RE.match(trailing):
                baseline = (cut + opening.start(), match.end())
                continue  # 从2.5%提高到3% / 由2025年的8600亿元提高到: the baseline
            has_more = index + 1 < len(matches)
            if is_bare_qualifier(trailing, has_more):
                continue  # 超10亿元企业15家: the amount stays part of the indicator
            if baseline is not None:  # 由目前的120天压缩至60天: the baseline's 目前 is no past
                prefix = item[cut : baseline[0]] + item[baseline[1] : match.start()]
            else:
                prefix = item[cut : match.start()]
            past = is_past_figure(prefix) or (index == 0 and context.past_run)
            context.past_run = past and index == len(matches) - 1  # 已与11所高校、6家科研院所…
            if past:  # 目前…企业986家，到2027年达到1200家: names the next
                context.past_measure = (past_figure_name(prefix), match.group(2))
            if (
                is_range_end(item[: match.start()])
                or past
                or is_qualifier(trailing, has_more=has_more)
                or (
                    match.group(4) in ("以上", "以下")
                    and match.group(2) not in ("%", "％")  # 覆盖80%以上的乡镇 is a share
                    and THRESHOLD_OF_RE.match(trailing)
                )
                # 按每百户不低于30平方米的标准配建: a norm; 在建成5G基站1.1万个的基础上: a base
                or trailing.startswith(("的标准", "的基础上", "的比例"))  # 提取不低于80%的比例
                or (
                    context.in_table
                    and not item[cut : match.start()].strip()
                    and not trailing.strip()
                )
            ):
                cut = match.end() if not trailing.startswith("的") else cut
                continue
            baseline = None
            results.extend(self._analyse(prefix, trailing, match, context))
            cut = match.end()
        return results

    def _analyse(
        self, prefix: str, trailing: str, match: re.Match[str], context: Context
    ) -> list[Target]:
        """The target a value makes with the words before and after it, once per place when
        several places share it (甲县、乙县…均达到92%); none when it sets no target."""
        places, prefix = respective_places(prefix.strip())
        shared: list[str] = []
        if not places:
            shared, prefix = shared_places(prefix)
        if not (places or shared):
            shared, prefix = each_place(prefix, context.subject_places)
        years, prefix = years_in_common(prefix)  # …比例2028年、2030年均保持100%
        each = not (places or shared) and holds_for_each(prefix)
        named_before = context.last_indicator
        target = self._target(prefix, trailing, match, context, places, shared)
        if target is None:
            return []
        if each:  # 高血压、糖尿病患者…服务率均达到 / 到2028年和2030年，…接种率均保持在
            return for_each(target, years or context.respective_years, named_before)
        return [target, *(replace(target, scope=place) for place in shared[1:])]

    def _target(
        self,
        prefix: str,
        trailing: str,
        match: re.Match[str],
        context: Context,
        places: list[str],
        shared: list[str],
    ) -> Target | None:
        years, prefix = respective_years(prefix)
        prefix, dated = year_after_comparator(prefix)
        if years:
            context.respective_years = years
        elif not places and "分别" in prefix and context.respective_years:
            years = context.respective_years  # 2026年、2027年…分别…，粮食总产量分别达到…
            prefix = prefix.replace("分别", "", 1)
        scope = places[0] if places else (shared[0] if shared else "")
        own_year = years[0] if years else None
        comparator, respectively, core = split_comparator(prefix.strip())
        core, inner = trailing_period(core)
        if inner is None:
            core, inner = inner_period(core)
        lead = strip_leading(core)
        lead.period = lead.period or inner or dated
        if lead.baseline and not lead.rest:
            lead.rest = context.last_indicator  # 比重提高到6.5%，比2025年提高1.8个百分点
        period = lead.period or context.period
        if vague_annual(lead.period) and context.period is not None and context.period.year:
            period = context.period  # 到2030年，年度发放…: the horizon names the year
        unit = match.group(2).replace("％", "%") + (match.group(3) or "").replace("每", "/")
        if unit.endswith("条") and not (
            ROUTE_VERB_RE.search(prefix) or ROUTE_NOUN_RE.search(lead.rest)
        ):
            return None  # 落实科技创新40条: the name of a policy, not a count of routes or lines
        qualifier = match.group(4) or ""
        tail = trailing.strip(" 　。；;！？!?…")
        fund = funded_name(prefix, tail)
        if fund:  # 区财政安排2亿元设立中小企业应急转贷资金: the fund is what the amount measures
            lead.rest, tail = fund, ""
        if tail and not GENERIC_TRAIL_RE.match(tail):
            if PREDICATE_RE.search(tail) or len(lead.rest) > 2:
                return None  # 5个特色产业集群力争位居… / 物联网、集成电路3个产业集群: a count, not a target
            indicator = TRAILING_CUT_RE.split(tail, maxsplit=1)[0].strip()
            if len(indicator) < 2:
                return None
        else:
            indicator = with_owner(lead.rest, tail)
            if PAST_MARKERS_RE.search(indicator) or len(indicator) > MAX_INDICATOR:
                return None
        if names_no_measure(indicator):
            return None
        indicator = served_phrase(indicator)
        if unit.endswith("元") and PER_UNIT_MONEY_RE.search(prefix):
            return None  # 管护经费每亩每年不低于20元 / 保险金额每亩1100元: a rate, not a goal
        if not indicator and context.pending_names:
            indicator = context.pending_names.pop(0)
            scope = context.pending_scopes.pop(0) if context.pending_scopes else ""
            own_year = context.pending_years.pop(0) if context.pending_years else None
        elif unit in COMPARED_UNITS and comparator in ("", "为") and not is_service_limit(prefix, tail):
            return None  # 在5个工作日内答复 / 公示期为3个月: a procedure's time limit, not a goal
        if not indicator and lead.park:  # …和美乡村20个。苜原乡完成创建2个: of what was named
            indicator = context.last_indicator or context.sentence_indicator
        if len(indicator) <= 2 and shared and context.last_indicator:
            indicator = context.last_indicator  # …示范村15个，其中甲镇、乙镇各3个 / 其中甲区盘活800亩
        if is_place_name(indicator) and not scope:  # …分别达到…，北岚市力争达到100 /
            named = context.last_indicator or listed_measure(context.bare_phrase)
            if named:  # 粮食播种面积任务分解到乡镇：甲镇8.6万亩、乙镇10.2万亩
                scope, indicator = indicator, named
        if places or years:
            context.pending_names = [indicator] * (max(len(places), len(years)) - 1)
            context.pending_scopes, context.pending_years = places[1:], years[1:]
        elif respectively:  # 起数和死亡人数实现“双下降”，分别较2026年下降8%和6%: named before
            indicator = indicator or strip_leading(context.bare_phrase).rest
            names = with_shared_head([n for n in NAME_JOIN_RE.split(indicator) if n])
            if not names and len(context.named_piece) > 1:  # 食堂120家、餐厅80家，…分别达到200家、150家
                names = list(context.named_piece)
            indicator = names[0] if names else indicator
            context.pending_names = names[1:]
            context.respective_names = names[1:]
        year, period_text, source = resolve_year(period, lead.period, context)
        if own_year is not None:  # 成交额2026年、2027年分别达到25亿元、30亿元
            year, period_text, source = own_year, f"{own_year}年", "item"
        if is_past(period, context.start_year, context.issued):
            return None
        comparator = comparator or lead.strength or ("新增" if lead.increment else "") or qualifier
        value_text = match.group(1).replace(",", "")
        context.last_indicator = indicator
        return Target(
            indicator=indicator,
            canonical=None,
            comparator=comparator,
            value=float(value_text),
            unit=unit,
            year=year,
            period=period_text,
            scope=scope or lead.park or context.scope,
            qualifier=qualifier,
            kind=target_kind(comparator, unit, lead.increment),
            year_source=source,
            value_text=value_text,
        )


def extract_targets(
    text: str,
    clauses: Sequence[Clause] = (),
    *,
    title: str = "",
    region: str = "",
    doc_id: int | None = None,
    dictionary: IndicatorDictionary | None = None,
) -> list[Target]:
    """Every quantitative target of a document's clean text, in document order."""
    return TargetExtractor(dictionary).extract(
        text, clauses, title=title, region=region, doc_id=doc_id
    )
