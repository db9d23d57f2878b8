"""What a document section prints, independent of the output format: blocks, marked segments, notes.

Printed text and titles go through `display_punctuation` (full-width ，；：（） in Chinese
context); it keeps the length, so annotation offsets cut the shown text at the same places.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import pairwise

from zcx_desktop.core.annotations.model import Annotation, Layer
from zcx_desktop.core.export.pack import DocumentSection
from zcx_desktop.core.model import Clause
from zcx_desktop.core.typography import display_punctuation

DEFAULT_COLOR = "#FFD54F"
HEADING_MAX_CHARS = 40


@dataclass
class Note:
    """A numbered note: the annotation carrying it, its layer and colour."""

    number: int
    annotation: Annotation
    layer_name: str
    color: str


@dataclass
class Segment:
    """A run of text with the annotations covering it, then the note numbers placed after it."""

    text: str
    marks: list[Annotation] = field(default_factory=list)
    notes_after: list[int] = field(default_factory=list)


@dataclass
class Block:
    """A printed paragraph. kind: heading (top-level clause), subheading, para, path (clause caption), gap."""

    kind: str
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)
    outline: str = ""  # bookmark title when this block opens a top-level clause


@dataclass
class PreparedSection:
    """A document section resolved into blocks, notes and a layer legend."""

    title: str
    section: DocumentSection
    blocks: list[Block]
    notes: list[Note]
    legend: list[tuple[Layer, int]]
    orphans: list[Note]
    colors: dict[str, str]

    def color_of(self, annotation: Annotation) -> str:
        return self.colors.get(annotation.id, DEFAULT_COLOR)


def section_title(section: DocumentSection) -> str:
    meta = section.meta
    title = meta.title or meta.notice_title
    return display_punctuation(title) if title else (f"文档 {section.doc_id}" if section.doc_id else "未命名文档")


def _selected_annotations(section: DocumentSection) -> list[Annotation]:
    layers = {layer.id: layer for layer in section.layers}
    wanted = set(section.layer_filter) if section.layer_filter else None

    def keep(a: Annotation) -> bool:
        layer = layers.get(a.layer_id)
        if wanted is not None:
            return layer is not None and layer.name in wanted
        return layer is None or layer.visible

    return sorted((a for a in section.annotations if keep(a)), key=lambda a: (a.start, a.end))


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _deepest_clause(clauses: list[Clause], offset: int) -> Clause | None:
    best = None
    for clause in clauses:
        if clause.start <= offset < clause.end and (best is None or clause.level >= best.level):
            best = clause
    return best


def _enclosing_ranges(section: DocumentSection, offsets: list[int], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """For each offset the deepest clause holding it (else its paragraph), merged, with citation paths."""
    ranges = []
    for offset in offsets:
        clause = _deepest_clause(section.clauses, offset)
        if clause is not None:
            ranges.append((clause.start, clause.end, clause.path))
            continue
        para = next(((s, e) for s, e in spans if s <= offset < e + 1), None)
        if para:
            ranges.append((para[0], para[1], ""))
    return _merge(ranges)


def _explicit_ranges(section: DocumentSection, ranges: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found = []
    for start, end in ranges:
        clause = _deepest_clause(section.clauses, start)
        found.append((max(0, start), min(end, len(section.text)), clause.path if clause else ""))
    return _merge(found)


def _merge(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    ranges = sorted(ranges)
    merged: list[tuple[int, int, str]] = []
    for start, end, path in ranges:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, path))
    return merged


def _block_kind(clause: Clause | None, length: int) -> str:
    if clause is None or length > HEADING_MAX_CHARS:
        return "para"
    return "heading" if clause.level == 1 else ("subheading" if clause.level == 2 else "para")


def _skip_title_line(section: DocumentSection, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not spans:
        return spans
    first = section.text[spans[0][0] : spans[0][1]].replace(" ", "")
    titles = {t.replace(" ", "") for t in (section.meta.title, section.meta.notice_title) if t}
    return spans[1:] if first in titles else spans


def _blocks(section: DocumentSection, marks: list[Annotation], shown: str) -> list[Block]:
    spans = _skip_title_line(section, _paragraph_spans(section.text))
    starts = {c.start: c for c in section.clauses}
    excerpt = section.only_annotated or section.ranges is not None
    if section.ranges is not None:
        ranges = _explicit_ranges(section, section.ranges)
    elif section.only_annotated:
        ranges = _enclosing_ranges(section, [a.start for a in marks], spans)
    else:
        ranges = [(spans[0][0], spans[-1][1], "")] if spans else []
    blocks: list[Block] = []
    for n, (r0, r1, path) in enumerate(ranges):
        if excerpt:
            if n:
                blocks.append(Block("gap", r0, r0, [Segment("……")]))
            if path:
                blocks.append(Block("path", r0, r0, [Segment(path.replace("/", " › "))]))
        for s, e in spans:
            s2, e2 = max(s, r0), min(e, r1)
            if s2 >= e2:
                continue
            clause = starts.get(s2)
            block = Block(_block_kind(clause, e2 - s2), s2, e2)
            if clause is not None and clause.level == 1:
                block.outline = shown[s2:e2][:HEADING_MAX_CHARS]
            blocks.append(block)
    return blocks


def _segments(text: str, block: Block, marks: list[Annotation], ends: dict[int, list[int]]) -> list[Segment]:
    cuts = {block.start, block.end}
    for a in marks:
        cuts.update(p for p in (a.start, a.end) if block.start < p < block.end)
    cuts.update(p for p in ends if block.start < p < block.end)
    points = sorted(cuts)
    segments = []
    for s, e in pairwise(points):
        active = [a for a in marks if a.start < e and a.end > s]
        segments.append(Segment(text[s:e], active, list(ends.get(e, []))))
    return segments


def _note_positions(blocks: list[Block], notes: list[Note]) -> dict[int, list[int]]:
    """offset -> note numbers, each at its annotation's end clipped to the last printed block it touches."""
    ends: dict[int, list[int]] = {}
    text_blocks = [b for b in blocks if b.end > b.start]
    block_starts = [b.start for b in text_blocks]
    for note in notes:
        a = note.annotation
        idx = bisect.bisect_left(block_starts, a.end) - 1
        while idx >= 0 and text_blocks[idx].start >= a.end:
            idx -= 1
        if idx < 0 or text_blocks[idx].end <= a.start:
            continue
        ends.setdefault(min(a.end, text_blocks[idx].end), []).append(note.number)
    return ends


def prepare_section(section: DocumentSection) -> PreparedSection:
    """Resolve a section: choose annotations, number notes, cut paragraphs into marked segments."""
    layers = {layer.id: layer for layer in section.layers}
    marks = _selected_annotations(section)
    colors = {a.id: a.color or (layers[a.layer_id].color if a.layer_id in layers else DEFAULT_COLOR) for a in marks}
    anchored = [a for a in marks if a.status != "orphan" and 0 <= a.start < a.end <= len(section.text)]
    orphaned = [a for a in marks if a not in anchored]
    shown = display_punctuation(section.text)  # same length: offsets still apply
    blocks = _blocks(section, anchored, shown)
    printed = [a for a in anchored if any(b.start < a.end and b.end > a.start for b in blocks)]
    notes: list[Note] = []
    for a in printed:
        if a.note.strip():
            layer_name = layers[a.layer_id].name if a.layer_id in layers else ""
            notes.append(Note(len(notes) + 1, a, layer_name, colors[a.id]))
    ends = _note_positions(blocks, notes)
    for block in blocks:
        if block.end > block.start:
            block.segments = _segments(shown, block, printed, ends)
    orphans = [
        Note(len(notes) + i + 1, a, layers[a.layer_id].name if a.layer_id in layers else "", colors[a.id])
        for i, a in enumerate(o for o in orphaned if o.note.strip() or o.quote)
    ]
    counts: dict[int, int] = {}
    for a in printed:
        counts[a.layer_id] = counts.get(a.layer_id, 0) + 1
    legend = [(layers[lid], n) for lid, n in sorted(counts.items(), key=lambda kv: layers[kv[0]].position if kv[0] in layers else 0) if lid in layers]
    return PreparedSection(section_title(section), section, blocks, notes, legend, orphans, colors)


def metadata_rows(section: DocumentSection) -> list[tuple[str, str]]:
    """(label, value) pairs for the metadata box; empty fields left out."""
    meta = section.meta
    rows = [
        ("标题", meta.notice_title if meta.notice_title and meta.notice_title != meta.title else ""),
        ("文号", meta.doc_number),
        ("发文机关", meta.issuer),
        ("成文日期", meta.written_date),
        ("发布日期", meta.published_date),
        ("文件状态", meta.status),
        ("地区 / 层级", " / ".join(v for v in (meta.region, meta.level) if v)),
    ]
    return [(label, display_punctuation(value)) for label, value in rows if value]
