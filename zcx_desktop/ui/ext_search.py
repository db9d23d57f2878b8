"""Global search panel (Ctrl+Shift+F): results grouped by document, snippets, facet filters.

Installed into the main window by `extensions.install_extensions`; does nothing when the
search package is unavailable. A hit opens its document at the match with every
occurrence highlighted (reader layer "search").
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.ui.find_bar import find_all
from zcx_desktop.ui.html_delegate import HTML_ROLE, HtmlDelegate
from zcx_desktop.ui.i18n import language_signal, tr

log = logging.getLogger("zcx.ui")

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_LAYER = "search"
SEARCH_COLOR = QColor(120, 200, 255, 150)
FACET_NAMES = ("issuer", "year", "region")
MAX_DOCUMENTS = 50


def snippet_html(snippet: str, spans: list[tuple[int, int]]) -> str:
    """The snippet with matched spans in bold on a tinted background (escaped)."""
    parts, last = [], 0
    for start, end in spans:
        parts.append(html.escape(snippet[last:start]))
        parts.append(
            f"<b style='background:#ffe27a;color:#000'>{html.escape(snippet[start:end])}</b>"
        )
        last = end
    parts.append(html.escape(snippet[last:]))
    return "".join(parts)


class SearchPanel(QWidget):
    """Query box, facet filters and the result tree; results of stale queries are dropped."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.setObjectName("searchPanel")
        self.window_ = window
        self.latest_job = 0
        self.results = None
        self.action: QAction | None = None  # the menu action that shows this panel
        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setClearButtonEnabled(True)
        self.filters = {name: QComboBox() for name in FACET_NAMES}
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("searchResults")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(HtmlDelegate(self.tree))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query_edit)
        row = QHBoxLayout()
        for combo in self.filters.values():
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.activated.connect(lambda _=0: self.search())
            row.addWidget(combo)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.debounce = QTimer(self, singleShot=True, interval=250, timeout=self.search)
        self.query_edit.textEdited.connect(lambda _: self.debounce.start())
        self.query_edit.returnPressed.connect(self.search)
        self.tree.itemActivated.connect(self.open_item)
        self.tree.itemClicked.connect(self.open_item)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self.query_edit.setPlaceholderText(tr("search.placeholder"))
        if self.action is not None:
            self.action.setText(tr("action.global_search"))
        for name, combo in self.filters.items():
            value = combo.currentData()
            if combo.count() == 0:
                combo.addItem("", None)
            combo.setItemText(0, tr(f"search.all_{name}"))
            combo.setToolTip(tr(f"facet.{name}"))
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def focus_query(self) -> None:
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    def search(self) -> None:
        """Run the query in the background; only the newest query's results are shown."""
        query = self.query_edit.text().strip()
        if not query:
            self.tree.clear()
            self.status.setText("")
            return
        options = {
            name: combo.currentData() for name, combo in self.filters.items() if combo.currentData()
        }
        self.status.setText(tr("search.running"))

        def run(library, job):
            from zcx_desktop.core.search import index_for

            return index_for(library).search(query, limit=MAX_DOCUMENTS, per_doc=5, **options)

        job = self.window_.runner.run(run, label="search", on_done=lambda r: self._show(job_id, r))
        job_id = self.latest_job = job.id

    def _show(self, job_id: int, results) -> None:
        if job_id != self.latest_job:
            return
        self.results = results
        self.tree.clear()
        for document in results.documents:
            top = QTreeWidgetItem([f"{document.title}（{document.hit_count}）"])
            top.setToolTip(0, f"{document.issuer} {document.date}")
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for hit in document.hits:
                child = QTreeWidgetItem([hit.snippet])
                path = html.escape(hit.clause_path or tr("search.preamble"))
                child.setData(
                    0,
                    HTML_ROLE,
                    f"<span style='color:gray'>{path}</span>　{snippet_html(hit.snippet, hit.spans)}",
                )
                child.setData(0, HIT_ROLE, hit)
                top.addChild(child)
            top.setExpanded(True)
        text = tr(
            "search.summary",
            docs=results.total_docs,
            hits=results.total_hits,
            ms=f"{results.elapsed_ms:.0f}",
        )
        self.status.setText("\n".join([text, *results.notices]))
        self._fill_facets(results.facets)

    def _fill_facets(self, facets: dict[str, dict[str, int]]) -> None:
        for name, combo in self.filters.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, count in facets.get(name, {}).items():
                combo.addItem(f"{value}（{count}）", value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is None:
            return
        needles = {hit.snippet[s:e] for s, e in hit.spans}
        window = self.window_
        existing = window.reader_for(hit.doc_id)
        if existing is not None:
            window.open_document(hit.doc_id)
            show_hit(existing, hit, needles)
            return

        def when_opened(reader) -> None:
            if reader.doc_id == hit.doc_id:
                window.reader_opened.disconnect(when_opened)
                show_hit(reader, hit, needles)

        window.reader_opened.connect(when_opened)
        window.open_document(hit.doc_id)


def show_hit(reader: Any, hit: Any, needles: set[str]) -> None:
    """Highlight every occurrence of the matched words and scroll to the hit."""
    ranges = [
        (start, start + len(n), SEARCH_COLOR) for n in needles for start in find_all(reader.text, n)
    ]
    reader.view.set_layer(SEARCH_LAYER, ranges)
    if hit.match_start is not None:
        reader.jump_to_offset(hit.match_start)


def install(window: Any) -> None:
    """Add the search dock and the Ctrl+Shift+F action (skipped when search is unavailable)."""
    try:
        import zcx_desktop.core.search  # noqa: F401
    except ImportError:
        log.info("search package not available; no search panel")
        return
    panel = SearchPanel(window)
    dock = window.add_panel("search", panel, "search.panel")
    dock.hide()
    action = QAction(window)
    action.setObjectName("action_global_search")
    action.setShortcut(QKeySequence("Ctrl+Shift+F"))

    def show_search() -> None:
        dock.show()
        dock.raise_()
        panel.focus_query()

    action.triggered.connect(show_search)
    panel.action = action
    panel.retranslate()
    window.add_menu_action("edit", action, toolbar=True)
    window.search_panel = panel
