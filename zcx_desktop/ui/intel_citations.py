"""Citations dock: what the current reader document cites (引用), who cites it (被引用), unresolved references."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from zcx_desktop.core.extract import Citation
from zcx_desktop.ui.html_delegate import HTML_ROLE, HtmlDelegate
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.intel_data import (
    CitationsResult,
    extractor_for,
    load_citations,
    open_at,
)

log = logging.getLogger("zcx.ui.intel")

LINK_ROLE = Qt.ItemDataRole.UserRole + 4  # (doc_id, offset or None, end or None)
GROUPS = ("cites", "cited_by", "unresolved")
LINK_COLOR = QColor(30, 100, 200)


def citation_label(citation: Citation) -> str:
    title = f"《{citation.title}》" if citation.title else ""
    number = f"（{citation.doc_number}）" if citation.doc_number else ""
    return (title + number) or citation.text


def wrapped_item(text: str, color: QColor | None = None) -> QTreeWidgetItem:
    """A tree item painted as wrapping rich text (link colour when it opens something)."""
    item = QTreeWidgetItem([text])
    escaped = html.escape(text)
    if color is not None:
        escaped = f"<span style='color:{color.name()}'>{escaped}</span>"
        item.setForeground(0, QBrush(color))
    item.setData(0, HTML_ROLE, escaped)
    return item


class CitationsPanel(QWidget):
    """Follows the current reader; links open the cited or citing document."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.setObjectName("intelCitationsPanel")
        self.window_ = window
        self.latest_job = 0
        self.doc_id: int | None = None
        self.result: CitationsResult | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("intelCitationsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(HtmlDelegate(self.tree))  # wraps long titles in a narrow dock
        self.tree.itemClicked.connect(self.open_item)
        self.tree.itemActivated.connect(self.open_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        window.tabs.currentChanged.connect(lambda _: self.follow_reader())
        window.documents_loaded.connect(lambda _docs: self.refresh())
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self._fill()

    def follow_reader(self) -> None:
        reader = self.window_.current_reader()
        doc_id = reader.doc_id if reader is not None else None
        if doc_id != self.doc_id:
            self.doc_id = doc_id
            self.refresh()

    def refresh(self) -> None:
        """Load the current document's citations in the background (stale results dropped)."""
        if self.doc_id is None or not self.isVisible():
            self.latest_job = 0
            self.result = None
            self._fill()
            return
        job = self.window_.runner.run(load_citations(extractor_for(self.window_), self.doc_id),
                                      label="intel-cites", on_done=lambda r: self._loaded(job_id, r))
        job_id = self.latest_job = job.id

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.doc_id = None
        self.follow_reader()

    def _loaded(self, job_id: int, result: CitationsResult) -> None:
        if job_id != self.latest_job:
            return
        self.result = result
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        result = self.result
        if result is None or result.doc_id != self.doc_id:
            self.heading.setText(tr("intel.cites.no_document"))
            return
        self.heading.setText(result.titles.get(result.doc_id, ""))
        resolved = [c for c in result.cites if c.resolved_doc_id is not None]
        unresolved = [c for c in result.cites if c.resolved_doc_id is None]
        self._group("cites", [self._cite_item(c, result) for c in resolved])
        self._group("cited_by", [self._cited_by_item(c, result) for c in result.cited_by])
        self._group("unresolved", [self._unresolved_item(c) for c in unresolved])

    def _group(self, key: str, children: list[QTreeWidgetItem]) -> None:
        top = QTreeWidgetItem([tr(f"intel.cites.{key}", count=len(children))])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        if key == "unresolved" and children:
            top.setToolTip(0, tr("intel.cites.import_hint"))
            hint = wrapped_item(tr("intel.cites.import_hint"))
            hint.setData(0, HTML_ROLE, f"<span style='color:gray'>{html.escape(hint.text(0))}</span>")
            children = [*children, hint]
        self.tree.addTopLevelItem(top)
        top.addChildren(children)
        if not children:
            top.addChild(QTreeWidgetItem([tr("intel.cites.none")]))
        top.setExpanded(True)

    def _cite_item(self, citation: Citation, result: CitationsResult) -> QTreeWidgetItem:
        target = result.titles.get(citation.resolved_doc_id or 0, "")
        item = wrapped_item(citation_label(citation), LINK_COLOR)
        item.setToolTip(0, tr("intel.cites.open", title=target))
        item.setData(0, LINK_ROLE, (citation.resolved_doc_id, None, None))
        return item

    def _cited_by_item(self, citation: Citation, result: CitationsResult) -> QTreeWidgetItem:
        source = result.titles.get(citation.doc_id or 0, "")
        where = f" {citation.clause_path}" if citation.clause_path else ""
        item = wrapped_item(f"{source}{where}", LINK_COLOR)
        item.setToolTip(0, citation.text)
        item.setData(0, LINK_ROLE, (citation.doc_id, citation.start, citation.end))
        return item

    def _unresolved_item(self, citation: Citation) -> QTreeWidgetItem:
        count = tr("intel.cites.times", count=citation.count) if citation.count > 1 else ""
        item = wrapped_item(citation_label(citation) + count)
        item.setToolTip(0, tr("intel.cites.import_hint"))
        if self.doc_id is not None:
            item.setData(0, LINK_ROLE, (self.doc_id, citation.start, citation.end))
        return item

    def open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        link = item.data(0, LINK_ROLE)
        if not link or link[0] is None:
            return
        doc_id, start, end = link
        if start is None:
            self.window_.open_document(doc_id)
        else:
            open_at(self.window_, doc_id, start, end)
