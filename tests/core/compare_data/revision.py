"""Scripted revision of a policy document with a known list of edits (ground truth for compare tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zcx_desktop.core.ingest.numerals import int_to_chinese
from zcx_desktop.core.model import Clause

_LABEL = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


@dataclass
class Section:
    head: str  # the top-level clause's own text (label, heading, intro)
    path: str
    items: list[tuple[str, str]] = field(
        default_factory=list
    )  # (original path or "" for new, block text)


def outline_blocks(text: str, clauses: list[Clause]) -> tuple[str, list[Section]]:
    preamble = text[: clauses[0].start].strip("\n")
    sections: list[Section] = []
    for clause in clauses:
        if clause.level == 1:
            sections.append(Section(text[clause.start : clause.body_end].strip("\n"), clause.path))
        else:
            sections[-1].items.append((clause.path, text[clause.start : clause.end].strip("\n")))
    return preamble, sections


def render(preamble: str, sections: list[Section]) -> tuple[str, dict[str, str]]:
    """Text with items renumbered per section; returns {original path: new path}."""
    lines = [preamble]
    where: dict[str, str] = {}
    for section in sections:
        lines.append(section.head)
        where[section.path] = section.path
        for number, (origin, block) in enumerate(section.items, start=1):
            label = f"({int_to_chinese(number)})"
            lines.append(_LABEL.sub(label, block, count=1))
            new_path = f"{section.path}/（{int_to_chinese(number)}）"
            where[origin or f"new:{block[:12]}"] = new_path
    return "\n".join(lines), where


def _take(sections: list[Section], path: str) -> tuple[str, str]:
    for section in sections:
        for position, (origin, block) in enumerate(section.items):
            if origin == path:
                return section.items.pop(position)
    raise KeyError(path)


def _section(sections: list[Section], path: str) -> Section:
    return next(s for s in sections if s.path == path)


def revise_000(text: str, clauses: list[Clause]) -> tuple[str, dict]:
    """Revise corpus 000 (无锡 三年行动计划): 3 number changes, 1 rewording, 2 moves, 1 deletion, 1 addition, 1 split."""
    preamble, sections = outline_blocks(text, clauses)
    goals = _section(sections, "一")
    path, block = goals.items[1]
    block = (
        block.replace("到2020年", "到2022年", 1)
        .replace("2.95%", "3.1%")
        .replace("2100家", "2500家")
    )
    goals.items[1] = (path, block)

    services = _section(sections, "四")
    path, block = services.items[2]
    block = block.replace(
        "壮大第三方物流、节能环保、电子商务、服务外包、融资租赁、人力资源服务、售后服务、品牌建设等生产性服务业",
        "做大做强现代物流、绿色环保、跨境电商、服务外包、人力资源服务和工业设计等生产性服务业",
    )
    block = block.replace(
        "大力发展数字电影产业,抢占产业发展制高点。", "积极培育数字创意产业,打造产业发展新优势。"
    )
    services.items[2] = (path, block)

    moved_one = _take(sections, "三/（一）")
    _section(sections, "五").items.append(moved_one)
    moved_two = _take(sections, "七/（二）")
    _section(sections, "九").items.append(moved_two)

    _take(sections, "六/（三）")

    finance = _section(sections, "八")
    path, block = finance.items[1]
    head, body = block.split("\n", 1)
    cut = body.index("健全科技股权投资体系")
    finance.items[1] = (path, head + "\n" + body[:cut])
    finance.items.insert(2, ("", "(三)拓宽科技企业融资渠道\n" + body[cut:]))
    new_clause = (
        "(四)强化数据要素支撑\n建设全市科技大数据中心,推动政务数据与企业研发数据有序共享,"
        "开展数据资产登记试点,支持企业利用工业互联网平台开展协同研发。"
    )
    finance.items.append(("", new_clause))

    revised, where = render(preamble, sections)
    expected = {
        "changed": {("一/（二）", where["一/（二）"]), ("四/（三）", where["四/（三）"])},
        "moved": {("三/（一）", where["三/（一）"]), ("七/（二）", where["七/（二）"])},
        "deleted": {"六/（三）"},
        "added": {"八/（五）"},
        "split": {("八/（二）", ("八/（二）", "八/（三）"))},
        "merged": set(),
        "numbers": {("2020年", "2022年"), ("2.95%", "3.1%"), ("2100家", "2500家")},
    }
    return revised, expected
