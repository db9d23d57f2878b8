"""Indicator tables (主要指标表) as targets: one target per row and target column.

A header row names an indicator column (指标 / 指标名称), usually a 单位 column, and year
columns (2025年（基期） | 2027年 | 2030年) or 目标值 / 年均增长 columns. Base-year columns
(基期, 现状, 完成, or years before the plan starts) are statistics, not targets. A second header
row (目标值 spanning 2027年 | 2030年) refines the first. Rows shorter than the header lost
their leading cells (a merged 类别 cell, an empty 序号) and are aligned to the right.
Project lists (重点项目表: 项目名称 | 建设内容 | 总投资 …) describe what each project builds;
their capacities and amounts are no policy targets, so their rows are consumed without any.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from zcx_desktop.core.extract.box_tables import logical_rows, span_map
from zcx_desktop.core.extract.model import Target
from zcx_desktop.core.extract.target_context import row_deadline
from zcx_desktop.core.extract.text import (
    PLACE_NAME_RE,
    ClauseLocator,
    Paragraph,
    is_table_rule,
    leading_place,
    scope_name,
)

INDICATOR_HEAD_RE = re.compile(
    r"[\u4e00-\u9fff]{0,4}?指标(?:名称|内容|项目)?|指标项|项目名称|名称"  # 考核指标 / 监测指标
)
TASK_HEAD_RE = re.compile(r"(?:主要|重点|工作|目标)?任务(?:名称|内容)?")
UNIT_HEAD_RE = re.compile(r"(?:计量)?单位")
YEAR_HEAD_RE = re.compile(r"(20\d{2})\s*年?度?(.*)")
YEAR_SPAN_HEAD_RE = re.compile(r"20\d{2}\s*年?\s*[—–\-至到~～]\s*(20\d{2})\s*年(.+)")
GROWTH_HEAD_RE = re.compile(r"(?:年均)(?:增长|增速|增幅)(?:率|速度|幅度)?(?:[（(]%[）)])?|年均增速")
TARGET_HEAD_RE = re.compile(
    r"(?:目标值?|预期目标|规划目标|(?:[“\"]?十[一-九]五[”\"]?)?累计)(?:[（(].*)?"
)
BASE_WORD_RE = re.compile(
    r"基期|基数|基准|现状|现值|^(?:年)?完成(?:值|数|情况)?(?:[（(].*)?$|实际(?!使用|利用)|已达|上年|起点|预计"
)
TARGET_WORD_RE = re.compile(r"目标|预期|规划|计划|力争")
VALUE_RE = re.compile(
    r"^[〔\[［(（]?\s*(?:≥|≤|>|＞|<|＜|不低于|不少于|不高于|超过|达到|力争|控制在"
    r"|(?:(?:比|较)(?:上年|20\d{2}年))?(?:提高|提升|增长|下降|降低|减少|压缩|压减|缩短)(?:至|到)?)?\s*"
    r"(\d+(?:\.\d+)?)\s*(%|％|个百分点|(?!以上|以下|左右|以内|之内)[\u4e00-\u9fff]{1,4}?)?"
    r"\s*[〕\]］)）]?\s*(以上|以下|左右|以内|之内)?$"
)
UNIT_IN_NAME_RE = re.compile(r"[（(]([^（）()]{1,6})[）)]$")
NAME_NOISE_RE = re.compile(r"^(?:其中[:：]?|\d+[.．、]|[（(]\d+[）)]|[★☆※*△▲])\s*|[*★☆※△▲①-⑩]+$")
MEASURE_RE = re.compile(r"(.+?)[（(]([^（）()]{1,8})[）)]")  # 低空航线（条） / 起降场（点）（个）
SCOPE_HEAD_RE = re.compile(
    r"设区市|地区|区域|地市|市州|市（州）|县（市、区）|县市区|县区|区县|城市|园区|开发区|各市|所在地"
    r"|(?:各)?(?:乡镇|镇|街道|镇街|县|区|市|园区|村|社区|村（社区）)(?:[（(][^（）()]{1,8}[）)])?(?:名称|名)?"
)
TOTAL_ROW_RE = re.compile(r"(?:全省|全市|全区|全县|全镇|全园区?)?(?:合计|总计|小计)|全省|全市|全区|全县|全镇")
PROJECT_HEAD_RE = re.compile(
    r"建设内容|建设规模|建设主体|项目单位|项目业主|实施主体|建设地点|建设期限|建设年限|建设周期"
    r"|总投资|计划投资|年度投资"
)
GROUP_ROW_RE = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])?[^，,。；;：:\d]{2,12}")
PLAIN_MEASURE_RE = re.compile(r"[\u4e00-\u9fff]{2,16}")
NOT_MEASURE_RE = re.compile(r"任务|单位|责任|备注|内容|措施|时限|序号|说明|项目|名称|类别")
DASHES = {"—", "——", "-", "－", "/", "／"}
EMPTY_CELL = DASHES | {"", "无", "…"}


@dataclass
class Column:
    """What one header cell names: indicator | unit | year | base | growth | target | ""."""

    kind: str
    year: int | None = None
    indicator: str = ""  # a header such as 2028年低空航线（条） names its own indicator and unit
    unit: str = ""
    scope: str = ""  # a place column's place ("" for the 全区 / 合计 column)


CAPTION_LEAD_RE = re.compile(r"^(?:附件\s*\d*|表\s*\d+)[\s:：.．]*")
CAPTION_PLACES_RE = re.compile(r"^.*?各(?:园区|县（市、区）|县市区|区县|市县|乡镇|镇街|街道|地区|片区|县|区|市)")
CAPTION_TAIL_RE = re.compile(
    r"(?:20\d{2}\s*年度?)?(?:分年度|年度)?(?:目标任务|主要目标|目标值|目标|任务)?"
    r"(?:分解表|分解|一览表|情况表|计划表|安排表|表)?$"
)
UNIT_LINE_RE = re.compile(r"^(?:计量)?单位\s*[:：]\s*([^\s，,。；;]{1,8})$")


@dataclass
class Caption:
    """The title and 单位：… line written above a table (岫原经济开发区各园区规上工业产值分年度目标):
    they name the indicator and unit of a table whose rows are places."""

    indicator: str = ""
    unit: str = ""
    year: int | None = None  # 各设区市新型储能装机规模目标（2028年）

    def read(self, line: str) -> None:
        line = line.strip()
        unit = UNIT_LINE_RE.match(line)
        if unit:
            self.unit = unit.group(1)
            return
        self.indicator, self.unit = caption_indicator(line), ""
        short = len(line) <= 40 and not re.search(r"[，,。；;]", line)
        year = re.search(r"(20\d{2})\s*年", line) if short else None
        self.year = int(year.group(1)) if year else None


def caption_indicator(line: str) -> str:
    """The measure a table caption names, or "" when the line is no short caption."""
    if len(line) > 40 or re.search(r"[，,。；;]", line):
        return ""
    text = CAPTION_PLACES_RE.sub("", CAPTION_LEAD_RE.sub("", line))
    text = re.sub(r"^20\d{2}\s*年度?", "", CAPTION_TAIL_RE.sub("", text))
    place = len(leading_place(text))  # 嘉陌市城镇老旧小区改造
    text = text[place:] if len(text) - place >= 2 else text
    return text if 2 <= len(text) <= 20 else ""


@dataclass
class IndicatorTable:
    """Header columns found so far and the targets read from the rows under them."""

    columns: list[Column]
    targets: list[Target] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # paragraph starts that belong to the table


def table_targets(
    paragraphs: Sequence[Paragraph],
    locator: ClauseLocator,
    doc_years: tuple[int | None, int | None],
    region: str = "",
    issued: int | None = None,
) -> IndicatorTable:
    """Targets of every indicator table; `consumed` lists the paragraphs they were read from."""
    result = IndicatorTable([])
    table: list[Column] | None = None
    projects = False
    block_start = True
    caption = Caption()
    for row in logical_rows(paragraphs):
        paragraph, cells = row.paragraph, row.cells
        if is_table_rule(paragraph.text):
            result.consumed.add(paragraph.start)  # ├──┼──┤ between rows: the table goes on
            continue
        result.consumed.update(row.joined)  # wrapped header lines read with the first
        if not cells and projects and GROUP_ROW_RE.fullmatch(paragraph.text.strip()):
            result.consumed.add(paragraph.start)  # 一、铁路 between the rows of a project list
            continue
        if not cells:
            table, projects, block_start = None, False, True
            caption.read(paragraph.text)
            continue
        if projects and not block_start and not re.search(r"\d", paragraph.text):
            projects = is_project_header(cells)  # 序号 | 重点任务 | 牵头单位: a new table begins
            table = None
        projects = projects or (block_start and is_project_header(cells))
        block_start = False
        if projects:
            result.consumed.add(paragraph.start)  # a project list: no targets in its rows
            continue
        header = header_columns(cells, doc_years, caption.unit, issued)
        if header is not None:
            spans = span_map(row.rule_before) if table is not None else None
            if spans is not None and len(spans) == len(header) and max(spans) < len(table):
                table = [table[i] for i in spans]  # 浓度 over 2026年 | 2027年: the column splits
            table = header if table is None else merge_headers(table, header)
            result.consumed.add(paragraph.start)
            continue
        if table is None:
            continue
        result.consumed.add(paragraph.start)
        clause = locator.at(paragraph.start)
        for target in row_targets(cells, table, doc_years, caption):
            target.clause_path = clause.path if clause else ""
            target.sentence = paragraph.text.replace("\t", " | ")
            target.start, target.end = paragraph.start, paragraph.end
            target.scope = target.scope or region
            result.targets.append(target)
    return result


def is_project_header(cells: list[str]) -> bool:
    """序号 | 项目名称 | 建设内容 | 总投资（亿元）…: the header of a list of projects (a row with
    figures, 实施市级重点项目480个…总投资10亿元以上项目65个, is no header)."""
    if any(re.search(r"\d", re.sub(r"20\d{2}\s*年", "", cell)) for cell in cells):
        return False  # (2027年计划投资 in a header is fine)
    return any("项目" in cell for cell in cells) and any(
        PROJECT_HEAD_RE.search(cell) for cell in cells
    )


def header_columns(
    cells: list[str],
    doc_years: tuple[int | None, int | None],
    caption_unit: str = "",
    issued: int | None = None,
) -> list[Column] | None:
    """Column kinds of an indicator-table header, or None when the row is not one."""
    columns = [_column(re.sub(r"\s+", "", cell)) for cell in cells]
    bodies = _bodies_column(columns, cells)
    if bodies is not None:
        columns[bodies] = Column("scope")  # 单位 | 签约项目（个） | 协议引资额（亿元）: rows are bodies
    if any(c.kind == "scope" for c in columns) and not any(c.kind == "indicator" for c in columns):
        columns = [
            _measure_column(cell, caption_unit) if c.kind == "" else c
            for c, cell in zip(columns, cells)
        ]
    columns = _place_columns(columns, cells)
    measured = any(c.kind in ("target", "year") for c in columns)
    if measured and not any(c.kind in ("indicator", "scope", "place") for c in columns):
        task = next((i for i, cell in enumerate(cells) if TASK_HEAD_RE.fullmatch(cell.strip())), None)
        if task is not None:  # 序号 | 工作任务 | 目标值 | 责任部门: the task names what is measured
            columns[task] = Column("indicator")
    years = [c for c in columns if c.kind == "year"]
    if not years and not any(
        c.kind in ("growth", "target", "base", "measure", "place") for c in columns
    ):
        return None
    if any(_is_value(cell) for cell in cells):
        return None
    marked = any(c.kind == "base" for c in columns)
    _resolve_bases(years, doc_years[0], marked=marked, issued=issued)
    for index in range(1, len(columns)):  # 2026年底重点用能单位 | 其中：年耗1万吨以上: both base
        if columns[index - 1].kind == "base" and cells[index].strip().startswith("其中"):
            columns[index] = Column("base", columns[index - 1].year)
    return columns


def _bodies_column(columns: list[Column], cells: list[str]) -> int | None:
    """A first column headed 单位 (after a 序号 column, if any) before measures that carry their
    own units names the bodies (街道, 园区) the row is about, not a unit of measurement."""
    first = 1 if cells and re.sub(r"\s+", "", cells[0]) == "序号" else 0
    later = cells[first + 1 :]
    measures = sum(1 for cell in later if _measure_column(cell).kind == "measure")
    named = len(columns) > first and columns[first].kind == "unit" and measures >= 2
    if named and not any(c.kind in ("indicator", "unit") for c in columns[first + 1 :]):
        return first
    return None


def _place_columns(columns: list[Column], cells: list[str]) -> list[Column]:
    """指标名称 | 单位 | 白沙科创园 | 东港智造园 | 全区: value columns headed by places."""
    squashed = [re.sub(r"\s+", "", cell) for cell in cells]
    places = {  # column index -> its place ("" for the 全区 / 合计 column)
        i: "" if TOTAL_ROW_RE.fullmatch(cell) else cell
        for i, (c, cell) in enumerate(zip(columns, squashed))
        if c.kind in ("", "scope") and (PLACE_NAME_RE.fullmatch(cell) or TOTAL_ROW_RE.fullmatch(cell))
    }
    if sum(1 for place in places.values() if place) < 2 or not any(
        c.kind == "indicator" for c in columns
    ):
        return columns
    return [Column("place", scope=places[i]) if i in places else c for i, c in enumerate(columns)]


def merge_headers(first: list[Column], second: list[Column]) -> list[Column]:
    """A second header row (the years under 目标值) refines the columns of the first."""
    if len(second) < len(first):  # only the sub-headings were written: put them under 目标值
        start = next((i for i, c in enumerate(first) if c.kind in ("target", "")), len(first))
        second = first[:start] + second + first[start + len(second) :]
    first = _spanned(first, len(second))
    return [_refined(old, new) for old, new in zip(first, second)] + first[len(second) :]


def _spanned(upper: list[Column], width: int) -> list[Column]:
    """2026年目标 | (blank) | 2027年目标 over 总额 | 增速 | 总额 | 增速: a year heading spans the
    blank cells after it and, when the lower row is wider, the cells past the row's end; a
    measure (覆盖率（%） | (blank) over 2026年基数 | 2027年目标) spans the blank cells after it."""
    spanned: list[Column] = []
    for index, column in enumerate(upper + [Column("")] * (width - len(upper))):
        left = spanned[-1] if spanned else None
        kinds = ("year", "base", "measure") if index < len(upper) else ("year", "base")
        if not column.kind and left is not None and left.kind in kinds:
            column = replace(left)
        spanned.append(column)
    return spanned


def _refined(old: Column, new: Column) -> Column:
    """The lower header's kind; a measure above keeps naming what a year below counts, and a
    year above dates the measure below it (2026年目标 over 总额（亿元））."""
    if not new.kind:
        return old
    if old.kind == "measure" and new.kind in ("year", "base") and not new.indicator:
        return Column(new.kind, new.year, old.indicator, old.unit)
    if old.kind in ("year", "base") and new.kind == "measure":
        return Column(old.kind, old.year, new.indicator, new.unit)
    return new


def row_targets(
    cells: list[str],
    columns: list[Column],
    doc_years: tuple[int | None, int | None],
    caption: Caption | None = None,
) -> list[Target]:
    """The row's targets: one per target-year, 目标值 or 年均增长 cell holding a number."""
    cells = _aligned(cells, columns)
    named = dict(zip((c.kind for c in columns), cells))
    indicator, name_unit = _indicator_name(named.get("indicator", ""))
    if caption is not None and "indicator" not in named and named.get("scope"):
        indicator, name_unit = caption.indicator, name_unit or caption.unit  # 园区 | 2026年 | …
    row_scope = re.sub(r"\s+", "", named.get("scope", ""))  # 全  市
    if TOTAL_ROW_RE.fullmatch(row_scope):
        row_scope = ""
    elif not row_scope and "scope" not in named:
        row_scope = scope_name(indicator, parks_only=True)  # 甲园区集成电路产业营业收入 | 300亿元: 甲园区's
    if len(indicator) < 2 and not any(c.indicator for c in columns):
        return []
    row_unit = named.get("unit", "").strip("（）() ") or name_unit
    unitless = row_unit in DASHES  # 电能利用效率（PUE） | — | ≤1.25: a pure number
    row_unit = "" if unitless else row_unit
    horizon = max((c.year for c in columns if c.kind == "year" and c.year), default=None)
    deadline = row_deadline(cells)
    deadline_year = deadline.year if deadline else None
    targets: list[Target] = []
    for column, cell in zip(columns, cells):
        if column.kind not in ("year", "target", "growth", "measure", "place"):
            continue
        if cell.strip() in EMPTY_CELL:
            continue
        for place, match in _cell_values(cell.strip()):
            value, cell_unit, qualifier = match.group(1), match.group(2) or "", match.group(3) or ""
            growth = column.kind == "growth"
            unit = ("%" if growth else "") or cell_unit.replace("％", "%") or column.unit or row_unit
            if not (unit or unitless) or not (column.indicator or indicator):
                continue
            if column.kind in ("measure", "place"):  # 粮食播种面积（万亩） by county: the plan's year
                year = (caption.year if caption else None) or doc_years[1] or horizon
            elif column.kind == "year":
                year = column.year
            else:  # 目标值 | … | 2027年12月底: the deadline cell, else the plan's year
                year = horizon or deadline_year or doc_years[1]
            targets.append(
                Target(
                    indicator=_column_indicator(column, indicator, caption),
                    canonical=None,
                    comparator="年均增长" if growth else "目标值",
                    scope=column.scope if column.kind == "place" else (place or row_scope),
                    value=float(value),
                    unit=unit,
                    year=year,
                    qualifier=qualifier,
                    kind="growth" if growth else "level",
                    year_source="table",
                    value_text=value,
                )
            )
    return targets


ASPECT_RE = re.compile(r"(?:[两三四五]年)?(?:年均)?(?:总额|总量|规模|增速|增幅|增长率?)")
TOTAL_ASPECT_RE = re.compile(r"(?:[两三四五]年|全部)?(?:合计|累计|小计|总计)")
UNIT_NOTE_RE = re.compile(r"(?:万|亿)?(?:个|户|家|项|人|所|座|条|公里|亩|平方米|套|处|件|名|栋|辆)")


def _column_indicator(column: Column, row_indicator: str, caption: Caption | None) -> str:
    """A column's own measure, else the row's; a bare aspect (总额, 增速) under a caption that
    names the measure (各街道社会消费品零售总额目标) is that measure's aspect."""
    name = column.indicator
    if not name:
        return row_indicator
    measure = caption.indicator if caption is not None else ""
    if measure and TOTAL_ASPECT_RE.fullmatch(name):  # 三年合计（个） under 老旧小区改造…分解表
        return measure
    if measure and ASPECT_RE.fullmatch(name):
        return measure if measure.endswith(name) else measure + name
    return name


def _cell_values(cell: str) -> list[tuple[str, re.Match[str]]]:
    """The number of a value cell; or each place's of 甲园区45万元、乙园区36万元 (a range such as
    62—65, or words, give none)."""
    match = VALUE_RE.match(cell)
    if match is not None:
        return [("", match)]
    found = []
    for part in cell.split("、"):
        split = re.search(r"[≥≤\d]", part)
        place = part[: split.start()].strip() if split else ""
        value = VALUE_RE.match(part[split.start() :].strip()) if split else None
        if value is None or not PLACE_NAME_RE.fullmatch(place):
            return []
        found.append((place, value))
    return found


def _aligned(cells: list[str], columns: list[Column]) -> list[str]:
    """A short row lost cells: its leading ones (an empty 序号, a merged 类别) unless it starts
    with a name, which then sits under the name column (合计 | 141.7 | … lost trailing cells)."""
    missing = len(columns) - len(cells)
    if missing <= 0:
        return cells
    anchor = next((i for i, c in enumerate(columns) if c.kind in ("scope", "indicator")), None)
    if anchor is not None and _numbered_name_at(cells, anchor):
        return cells + [""] * missing  # 2 | 星湖科创园 | 22 | 75 | 8000 under …| 备注: the 备注 is empty
    first = cells[0].strip() if cells else ""
    if anchor is not None and first not in EMPTY_CELL and not _is_value(first):
        cells = [""] * min(anchor, missing) + cells
        return cells + [""] * (len(columns) - len(cells))
    return [""] * missing + cells


def _numbered_name_at(cells: list[str], anchor: int) -> bool:
    """序号 cells (1, 2, …) up to the name column and a name in it: the row starts in place."""
    if not 0 < anchor < len(cells):
        return False
    name = cells[anchor].strip()
    serials = all(re.fullmatch(r"\d{1,3}", cell.strip()) for cell in cells[:anchor])
    return serials and name not in EMPTY_CELL and not _is_value(name)


def _measure_column(cell: str, caption_unit: str = "") -> Column:
    """粮食播种面积（万亩） heading a column of a region table: its own indicator and unit; under
    a 单位：万千瓦 line a plain 新型储能装机规模 heading takes that unit."""
    name = NAME_NOISE_RE.sub("", re.sub(r"\s+", "", cell))
    measure = MEASURE_RE.fullmatch(name)
    if measure is None:
        if caption_unit and PLAIN_MEASURE_RE.fullmatch(name) and not NOT_MEASURE_RE.search(name):
            return Column("measure", indicator=name, unit=caption_unit)
        return Column("")
    if len(measure.group(1)) < 2 or any(ch.isdigit() for ch in measure.group(2)):
        return Column("")
    return Column("measure", indicator=measure.group(1), unit=measure.group(2))


def _column(cell: str) -> Column:
    cell = NAME_NOISE_RE.sub("", cell)  # 其中：2027年完成投资（亿元）
    if INDICATOR_HEAD_RE.fullmatch(cell):
        return Column("indicator")
    if SCOPE_HEAD_RE.fullmatch(cell):
        return Column("scope")
    if UNIT_HEAD_RE.fullmatch(cell):
        return Column("unit")
    if GROWTH_HEAD_RE.fullmatch(cell):
        return Column("growth")
    span = YEAR_SPAN_HEAD_RE.fullmatch(cell)  # 2026—2028年新建高标准农田（万亩）: by the end year
    if span:
        measure = MEASURE_RE.fullmatch(span.group(2))
        if measure and len(measure.group(1)) >= 2:
            return Column("year", int(span.group(1)), measure.group(1), measure.group(2))
    year = YEAR_HEAD_RE.fullmatch(cell)
    if year:
        note = year.group(2)
        if BASE_WORD_RE.search(note):
            return Column("base", int(year.group(1)))
        measure = MEASURE_RE.fullmatch(note)
        if measure and len(measure.group(1)) >= 2:
            return Column("year", int(year.group(1)), measure.group(1), measure.group(2))
        if _is_bracket(note) and UNIT_NOTE_RE.fullmatch(note[1:-1]):
            return Column("year", int(year.group(1)), unit=note[1:-1])  # 2026年（个）
        return (
            Column("year", int(year.group(1)))
            if not note or TARGET_WORD_RE.search(note) or _is_bracket(note)
            else Column("")
        )
    if TARGET_HEAD_RE.fullmatch(cell):
        return Column("target")
    return Column("")


def _is_bracket(note: str) -> bool:
    return note.startswith(("（", "(")) and note.endswith(("）", ")"))


def _resolve_bases(
    years: list[Column], plan_start: int | None, marked: bool = False, issued: int | None = None
) -> None:
    """Unmarked year columns before the plan starts (else before the issue year) are baselines;
    knowing neither, the first of several year columns is, unless the header marks its base
    (2025年（基期） | 2027年 | …)."""
    plan_start = plan_start or issued
    if plan_start is not None:
        for column in years:
            if column.year is not None and column.year < plan_start:
                column.kind = "base"
        return
    distinct = sorted({c.year for c in years if c.year is not None})
    if len(distinct) >= 2 and not marked:
        for column in years:
            if column.year == distinct[0]:
                column.kind = "base"


def _is_value(cell: str) -> bool:
    return VALUE_RE.match(cell.strip()) is not None and not YEAR_HEAD_RE.fullmatch(cell.strip())


def _indicator_name(cell: str) -> tuple[str, str]:
    """(name without 其中：/numbering/marks, unit written in brackets after the name)."""
    name = NAME_NOISE_RE.sub("", cell.strip())
    name = NAME_NOISE_RE.sub("", name)
    unit_match = UNIT_IN_NAME_RE.search(name)
    if unit_match and not re.search(r"[\u4e00-\u9fff]{5,}", unit_match.group(1)):
        return name[: unit_match.start()].strip(), unit_match.group(1).replace("％", "%")
    return name, ""
