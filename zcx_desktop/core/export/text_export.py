"""The same briefing pack as Markdown or as a standalone HTML page (all user text escaped)."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

from zcx_desktop.core.export.content import (
    Block,
    Note,
    PreparedSection,
    metadata_rows,
    prepare_section,
)
from zcx_desktop.core.export.errors import ExportError
from zcx_desktop.core.export.markup import safe_color, tint
from zcx_desktop.core.export.pack import BriefingPack, ExportResult, TableSection
from zcx_desktop.core.typography import display_punctuation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~=])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")


def md_escape(text: str) -> str:
    """Markdown-inert text: emphasis/link/HTML punctuation backslash-escaped, & as its entity."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;")).replace("\n", " ")
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _h(text: str) -> str:
    return html.escape(text, quote=True)


# -- Markdown --------------------------------------------------------------------------------
def _md_block(block: Block, prepared: PreparedSection, doc_no: int) -> str:
    parts = []
    for seg in block.segments:
        text = md_escape(seg.text)
        for a in seg.marks:
            text = {"underline": f"<u>{text}</u>", "strike": f"~~{text}~~"}.get(a.style, f"=={text}==")
        parts.append(text + "".join(f"[^d{doc_no}-{n}]" for n in seg.notes_after))
    line = "".join(parts)
    if block.kind == "heading":
        return f"### {line}"
    if block.kind in ("path", "subheading"):
        return f"**{line}**"
    return line


def _md_note(note: Note, doc_no: int) -> str:
    layer = f"【{md_escape(note.layer_name)}】" if note.layer_name else ""
    return f"[^d{doc_no}-{note.number}]: {layer}{md_escape(note.annotation.note)}"


def _md_table(table: TableSection) -> list[str]:
    width = max([len(table.headers)] + [len(r) for r in table.rows]) or 1

    def row(cells: list[str]) -> str:
        cells = [md_escape(str(c)) for c in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    lines = [f"## {md_escape(table.title)}", "", row(table.headers or [""] * width), "|" + " --- |" * width]
    lines += [row(r) for r in table.rows]
    if table.note:
        lines += ["", md_escape(table.note)]
    if table.chart:
        chart = table.chart
        lines += ["", f"**{md_escape(chart.title)}**" + (f"（{md_escape(chart.unit)}）" if chart.unit else "")]
        lines += [f"- {md_escape(str(label))}：{value:g}" for label, value in zip(chart.labels, chart.values)]
    return lines + [""]


def render_markdown(pack: BriefingPack) -> str:
    """The pack as Markdown: footnotes for notes, ==highlight==, <u>underline</u>, ~~strike~~."""
    lines = [f"# {md_escape(pack.title)}", ""]
    front = [pack.subtitle, pack.unit, pack.date, pack.classification, pack.copy_no and f"份号：{pack.copy_no}"]
    lines += [md_escape(v) + "  " for v in front if v] + [""]
    if pack.watermark:
        lines += [f"> {md_escape(pack.watermark)}", ""]
    for doc_no, section in enumerate(pack.sections, 1):
        prepared = prepare_section(section)
        lines += [f"## {md_escape(prepared.title)}", ""]
        lines += [f"- **{label}**：{md_escape(value)}" for label, value in metadata_rows(section)] + [""]
        if prepared.legend:
            lines += ["图层：" + "　".join(f"{md_escape(layer.name)}（{n}）" for layer, n in prepared.legend), ""]
        for block in prepared.blocks:
            lines += [_md_block(block, prepared, doc_no), ""]
        lines += [_md_note(n, doc_no) for n in prepared.notes] + [""]
        if prepared.orphans:
            lines += ["**未能在原文中定位的批注**", ""]
            lines += [
                f"- “{md_escape(display_punctuation(n.annotation.quote))}” {md_escape(n.annotation.note)}"
                for n in prepared.orphans
            ] + [""]
    for table in pack.extra_sections:
        lines += _md_table(table)
    return "\n".join(lines).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------------------------
CSS = """
body{font-family:"ZCX Kai","LXGW WenKai","KaiTi","FangSong",serif;max-width:46em;margin:2em auto;line-height:1.8;color:#222;padding:0 1em}
h1{text-align:center;font-family:"WenQuanYi Micro Hei","SimHei",sans-serif}
h2{font-family:"WenQuanYi Micro Hei","SimHei",sans-serif;border-bottom:1px solid #ccc;margin-top:2.5em}
.front{text-align:center;color:#555}.watermark{color:#999;text-align:center;letter-spacing:.3em}
.meta{background:#f3f5f7;border:1px solid #cfd8dc;border-collapse:collapse;width:100%}.meta th{width:7em;text-align:left;color:#555;font-weight:normal}
.meta td,.meta th{padding:.15em .6em}p{text-indent:2em;text-align:justify;margin:.3em 0}
p.heading{text-indent:0;font-weight:bold;font-size:1.1em}p.path{text-indent:0;color:#1565c0;font-size:.9em}
sup a{color:#c62828;text-decoration:none}.legend{font-size:.85em;color:#555}.sw{display:inline-block;width:.8em;height:.8em;margin-right:.2em}
ol.notes{font-size:.92em}table.data{border-collapse:collapse;width:100%}table.data th{background:#37474f;color:#fff}
table.data td,table.data th{border:1px solid #b0bec5;padding:.2em .5em}.bar{background:#1e88e5;height:1em;display:inline-block}
"""


def _html_block(block: Block, prepared: PreparedSection, doc_no: int) -> str:
    parts = []
    for seg in block.segments:
        text = _h(seg.text)
        for a in seg.marks:
            color = safe_color(prepared.color_of(a))
            if a.style == "underline":
                text = f'<u style="text-decoration-color:{color}">{text}</u>'
            elif a.style == "strike":
                text = f'<s style="text-decoration-color:{color}">{text}</s>'
            else:
                text = f'<mark style="background:{tint(color)}">{text}</mark>'
        parts.append(text + "".join(f'<sup><a href="#n{doc_no}-{n}" id="r{doc_no}-{n}">[{n}]</a></sup>' for n in seg.notes_after))
    css = {"heading": "heading", "subheading": "heading", "path": "path", "gap": "path"}.get(block.kind, "")
    return f'<p class="{css}">' + "".join(parts) + "</p>" if css else "<p>" + "".join(parts) + "</p>"


def _html_section(section_no: int, prepared: PreparedSection) -> list[str]:
    out = [f"<h2>{_h(prepared.title)}</h2>"]
    rows = metadata_rows(prepared.section)
    if rows:
        out.append('<table class="meta">' + "".join(f"<tr><th>{_h(k)}</th><td>{_h(v)}</td></tr>" for k, v in rows) + "</table>")
    if prepared.legend:
        items = "".join(f'<span class="sw" style="background:{safe_color(layer.color)}"></span>{_h(layer.name)}（{n}）　' for layer, n in prepared.legend)
        out.append(f'<p class="legend">图层：{items}</p>')
    out += [_html_block(b, prepared, section_no) for b in prepared.blocks]
    notes = prepared.notes + prepared.orphans
    if notes:
        items = "".join(
            f'<li id="n{section_no}-{n.number}" value="{n.number}">'
            + (f"【{_h(n.layer_name)}】" if n.layer_name else "")
            + _h(n.annotation.note).replace("\n", "<br>") + "</li>"
            for n in notes
        )
        out.append(f'<h3>注释</h3><ol class="notes">{items}</ol>')
    return out


def _html_table(table: TableSection) -> list[str]:
    out = [f"<h2>{_h(table.title)}</h2>", '<table class="data">']
    if table.headers:
        out.append("<tr>" + "".join(f"<th>{_h(str(c))}</th>" for c in table.headers) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{_h(str(c))}</td>" for c in row) + "</tr>" for row in table.rows]
    out.append("</table>")
    if table.note:
        out.append(f'<p class="legend">{_h(table.note)}</p>')
    chart = table.chart
    if chart and chart.values:
        top = max(max(chart.values), 1e-9)
        out.append(f"<h3>{_h(chart.title)}{'（' + _h(chart.unit) + '）' if chart.unit else ''}</h3><table>")
        out += [
            f'<tr><td>{_h(str(label))}</td><td><span class="bar" style="width:{max(value, 0) / top * 20:.2f}em"></span> {value:g}</td></tr>'
            for label, value in zip(chart.labels, chart.values)
        ]
        out.append("</table>")
    return out


def render_html(pack: BriefingPack) -> str:
    """A standalone, script-free HTML page of the pack."""
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">', f"<title>{_h(pack.title)}</title>", f"<style>{CSS}</style></head><body>"]
    out.append(f"<h1>{_h(pack.title)}</h1>")
    front = [pack.subtitle, pack.unit, pack.date, pack.classification, pack.copy_no and f"份号：{pack.copy_no}"]
    out += [f'<p class="front">{_h(v)}</p>' for v in front if v]
    if pack.watermark:
        out.append(f'<p class="watermark">{_h(pack.watermark)}</p>')
    for n, section in enumerate(pack.sections, 1):
        out += _html_section(n, prepare_section(section))
    for table in pack.extra_sections:
        out += _html_table(table)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_text(pack: BriefingPack, out: Path, fmt: str) -> ExportResult:
    started = time.perf_counter()
    text = render_markdown(pack) if fmt == "md" else render_html(pack)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"无法写入文件 {out}：{err.strerror or err}") from err
    return ExportResult(str(out), 0, out.stat().st_size, fmt, {}, time.perf_counter() - started)
