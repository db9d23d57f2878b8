"""Flowables of a briefing pack: cover, contents, per-document metadata box, marked text, notes, tables."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from zcx_desktop.core.annotations.model import Annotation
from zcx_desktop.core.export.cjk_wrap import CJKParagraph
from zcx_desktop.core.export.content import (
    Block,
    Note,
    PreparedSection,
    metadata_rows,
    prepare_section,
)
from zcx_desktop.core.export.markup import (
    MARK_CALLBACK,
    note_marker,
    safe_color,
    segment_markup,
    text_markup,
)
from zcx_desktop.core.export.pack import BriefingPack
from zcx_desktop.core.export.pdf_canvas import HighlightInfo
from zcx_desktop.core.export.pdf_doc import Registry
from zcx_desktop.core.export.pdf_layout import Layout
from zcx_desktop.core.export.pdf_tables import table_section_flowables
from zcx_desktop.core.notes_render import note_plain_text
from zcx_desktop.core.typography import display_punctuation

META_BG = colors.HexColor("#F3F5F7")
META_BORDER = colors.HexColor("#CFD8DC")


class StoryBuilder:
    """Turns a BriefingPack into reportlab flowables, filling the registry the template reads back."""

    def __init__(self, pack: BriefingPack, layout: Layout, registry: Registry) -> None:
        self.pack = pack
        self.layout = layout
        self.registry = registry
        self.endnotes = layout.name == "gbt9704" or not layout.margin_notes

    # -- small helpers ---------------------------------------------------------------------
    def para(self, text: str, style: str, mark: str = "") -> CJKParagraph:
        st = self.layout.styles[style]
        markup = text_markup(text, st.fontName, self.layout.fonts.fallback).replace("\n", "<br/>")
        return CJKParagraph(self._mark_tag(mark) + markup, st)

    @staticmethod
    def _mark_tag(key: str) -> str:
        return f'<onDraw name="{MARK_CALLBACK}" label="{key}"/>' if key else ""

    # -- cover and contents ----------------------------------------------------------------
    def cover(self) -> list[Any]:
        p, g = self.pack, self.layout.geometry
        flows: list[Any] = []
        corner = [v for v in (p.copy_no and f"份号：{p.copy_no}", p.classification) if v]
        flows += [self.para(v, "cover_corner") for v in corner]
        flows.append(Spacer(1, g.frame_h * 0.22 - 18 * len(corner)))
        flows.append(self.para(p.title or "参阅材料", "cover_title"))
        if p.subtitle:
            flows.append(self.para(p.subtitle, "cover_subtitle"))
        flows.append(Spacer(1, g.frame_h * 0.38))
        for value in (p.unit, p.date):
            if value:
                flows.append(self.para(value, "cover_unit"))
        flows += [NextPageTemplate("body"), PageBreak()]
        return flows

    def contents(self) -> list[Any]:
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [self.layout.styles["toc0"], self.layout.styles["toc1"]]
        return [self.para("目　录", "toc_title"), toc, PageBreak()]

    # -- documents -------------------------------------------------------------------------
    def metadata_box(self, prepared: PreparedSection) -> list[Any]:
        rows = metadata_rows(prepared.section)
        if not rows:
            return []
        data = [[self.para(label, "meta_label"), self.para(value, "meta_value")] for label, value in rows]
        label_w = max(24 * mm, 5 * self.layout.styles["meta_label"].fontSize + 14)  # "地区 / 层级" on one line
        table = Table(data, colWidths=[label_w, self.layout.geometry.frame_w - label_w])
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), META_BG),
            ("BOX", (0, 0), (-1, -1), 0.6, META_BORDER),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        return [table, Spacer(1, 6)]

    def legend(self, prepared: PreparedSection) -> list[Any]:
        if not prepared.legend:
            return []
        style = self.layout.styles["legend"]
        font, fallback = style.fontName, self.layout.fonts.fallback
        items = [
            f'<font color="{safe_color(layer.color)}">■</font> {text_markup(layer.name, font, fallback)}（{count}）'
            for layer, count in prepared.legend
        ]
        return [CJKParagraph("图层：" + "　".join(items), style), Spacer(1, 6)]

    def _highlight_key(self, annotation: Annotation, prepared: PreparedSection, notes: dict[str, Note]) -> str:
        key = f"h{id(prepared)}_{annotation.id}"
        if key not in self.registry.highlights:
            color = safe_color(prepared.color_of(annotation)).lstrip("#")
            rgb = tuple(int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
            note = notes.get(annotation.id)
            label = notes[annotation.id].layer_name if note else ""
            text = (f"[{note.number}] " if note else "") + note_plain_text(annotation.note)
            self.registry.highlights[key] = HighlightInfo(text, label or "批注", rgb)  # type: ignore[arg-type]
        return key

    def block(self, block: Block, prepared: PreparedSection, section_no: int, notes: dict[str, Note]) -> list[Any]:
        style_name = {"heading": "heading", "subheading": "subheading", "path": "path", "gap": "gap"}.get(block.kind, "body")
        style = self.layout.styles[style_name]
        mark = self.registry.mark(1, block.outline) if block.outline else ""
        by_number = {n.number: n for n in prepared.notes}

        def marker(number: int) -> str:
            key = f"n{section_no}_{number}"
            note = by_number[number]
            self.registry.notes[key] = (number, note_plain_text(note.annotation.note), note.color)
            return note_marker(number, key, style.fontSize, with_callback=not self.endnotes)

        parts = [
            segment_markup(
                seg, style.fontName, self.layout.fonts.fallback, prepared.color_of,
                lambda a: self._highlight_key(a, prepared, notes), marker,
            )
            for seg in block.segments
        ]
        para = CJKParagraph(self._mark_tag(mark) + "".join(parts), style)
        if block.kind in ("heading", "subheading", "path"):
            return [CondPageBreak(style.leading * 3.5), para]  # keep a heading off the page foot
        return [para]

    def endnote_flowables(self, prepared: PreparedSection) -> list[Any]:
        flows: list[Any] = []
        if self.endnotes and prepared.notes:
            flows.append(self.para("注释", "endnote_title"))
            flows += [self._endnote(n) for n in prepared.notes]
        if prepared.orphans:
            flows.append(self.para("未能在原文中定位的批注", "endnote_title"))
            flows += [self._endnote(n, quote=True) for n in prepared.orphans]
        return flows

    def _endnote(self, note: Note, quote: bool = False) -> CJKParagraph:
        style = self.layout.styles["endnote"]
        font, fallback = style.fontName, self.layout.fonts.fallback
        head = f'<font color="#C62828">[{note.number}]</font>'
        layer = f'<font color="{safe_color(note.color)}">■</font>{text_markup(note.layer_name, font, fallback)} ' if note.layer_name else ""
        excerpt = display_punctuation(note.annotation.quote.strip())
        shown = excerpt if len(excerpt) <= 40 else excerpt[:40] + "…"
        quoted = f"“{text_markup(shown, font, fallback)}”　" if (quote or self.layout.name == "gbt9704") and shown else ""
        body = text_markup(note_plain_text(note.annotation.note), font, fallback).replace("\n", "<br/>")
        return CJKParagraph(f"{head} {layer}{quoted}{body}", style)

    def document(self, section_no: int, prepared: PreparedSection, first: bool) -> list[Any]:
        flows: list[Any] = [] if first else [PageBreak()]
        mark = self.registry.mark(0, prepared.title)
        flows += [CondPageBreak(self.layout.geometry.frame_h * 0.3), self.para(prepared.title, "doc_title", mark)]
        flows += self.metadata_box(prepared)
        flows += self.legend(prepared)
        notes = {n.annotation.id: n for n in prepared.notes}
        for block in prepared.blocks:
            flows += self.block(block, prepared, section_no, notes)
        flows += self.endnote_flowables(prepared)
        return flows

    def tables(self) -> list[Any]:
        flows: list[Any] = []
        for n, table in enumerate(self.pack.extra_sections):
            flows.append(PageBreak() if n == 0 else CondPageBreak(120))
            heading = self.para(table.title, "table_title", self.registry.mark(0, table.title))
            flows += table_section_flowables(table, self.layout, heading)
        return flows

    def story(self) -> list[Any]:
        flows = self.cover()
        if self.pack.toc:
            flows += self.contents()
        for n, section in enumerate(self.pack.sections):
            flows += self.document(n, prepare_section(section), first=n == 0)
        flows += self.tables()
        return flows
