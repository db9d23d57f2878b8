"""Targets (指标汇总) page: sortable, filterable table of every target, CSV/XLSX export, and the chart page."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.extract import Target
from zcx_desktop.core.extract.tables import export_targets_csv, export_targets_xlsx, indicator_key
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.intel_chart import ChartWidget, build_chart_data, render_chart_image
from zcx_desktop.ui.intel_data import make_searchable
from zcx_desktop.ui.intel_models import (
    TARGET_COLUMNS,
    TARGET_ROLE,
    TargetsFilterProxy,
    TargetsTableModel,
)

log = logging.getLogger("zcx.ui.intel")

SCOPE_ALL, SCOPE_SELECTED = "all", "selected"


class DocumentScopeCombo(QComboBox):
    """Choose all documents or the documents selected in the library pane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", SCOPE_ALL)
        self.addItem("", SCOPE_SELECTED)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def retranslate(self, selected_count: int) -> None:
        self.setItemText(0, tr("intel.docs_all"))
        self.setItemText(1, tr("intel.docs_selected", count=selected_count))

    def scope(self) -> str:
        return self.currentData()


class TargetsPage(QWidget):
    """The targets table. Signals: open_target(Target) on double-click, indicator_chosen(str)."""

    open_target = Signal(object)
    indicator_chosen = Signal(str)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intelTargetsPage")
        self.window_ = window
        self.model = TargetsTableModel(self)
        self.proxy = TargetsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("intelIndicatorFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_indicator_text)
        self.filter_edit.textChanged.connect(lambda _: self._show_count())
        self.count_label = QLabel()
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.xlsx_button = QPushButton()
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.table = self._build_table()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 2)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.csv_button)
        row.addWidget(self.xlsx_button)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("intelTargetsTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {"indicator": 300, "document": 340, "scope": 120, "comparator": 70, "value": 70,
                  "unit": 70, "year": 110}
        for column, name in enumerate(TARGET_COLUMNS):
            table.setColumnWidth(column, widths.get(name, 90))
        table.doubleClicked.connect(self._activated)
        table.activated.connect(self._activated)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        return table

    def retranslate(self, *_: object) -> None:
        self.filter_edit.setPlaceholderText(tr("intel.filter_placeholder"))
        self.csv_button.setText(tr("intel.export_csv"))
        self.xlsx_button.setText(tr("intel.export_xlsx"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(TARGET_COLUMNS) - 1)
        self._show_count()

    def set_targets(self, targets: list[Target], titles: dict[int, str]) -> None:
        self.model.set_targets(targets, titles)
        self._show_count()

    def set_doc_ids(self, doc_ids: list[int] | None) -> None:
        """Show only these documents (None: all)."""
        self.proxy.set_doc_ids(set(doc_ids) if doc_ids is not None else None)
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(tr("intel.count", shown=self.proxy.rowCount(), total=self.model.rowCount()))

    def _activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if target is not None:
            self.open_target.emit(target)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        target = current.data(TARGET_ROLE)
        if target is not None:
            self.indicator_chosen.emit(indicator_key(target))

    # -- export -----------------------------------------------------------------------
    def choose_export(self, fmt: str) -> None:
        name = f"{tr('intel.export_name')}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, tr(f"intel.export_{fmt}"), str(Path.home() / name),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str):
        """Write the shown rows (filter and order as on screen) in the background; returns the job."""
        targets = self.proxy.visible_targets()
        titles = dict(self.model.titles)
        write = export_targets_xlsx if fmt == "xlsx" else export_targets_csv

        def run(library, job):
            return write(targets, path, titles)

        return self.window_.runner.run(run, label="intel-export", on_done=self._exported)

    def _exported(self, path: Path) -> None:
        self.count_label.setText(tr("intel.exported", path=str(path)))
        log.info("targets exported to %s", path)


class ChartPage(QWidget):
    """Indicator combo (editable, searchable), the chart, and save-as-PNG."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intelChartPage")
        self.targets: list[Target] = []
        self.titles: dict[int, str] = {}
        self.label = QLabel()
        self.combo = QComboBox()
        self.combo.setObjectName("intelIndicatorCombo")
        make_searchable(self.combo)
        self.combo.setMinimumContentsLength(28)
        self.combo.currentIndexChanged.connect(lambda _: self.redraw())
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_save)
        self.chart = ChartWidget()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self.label.setText(tr("intel.chart.indicator"))
        self.save_button.setText(tr("intel.chart.save"))
        self.chart.update()

    def set_targets(self, targets: list[Target], titles: dict[int, str]) -> None:
        """Offer the indicators that have at least one dated level target, most documents first."""
        self.targets, self.titles = targets, titles
        docs: dict[str, set] = {}
        for target in targets:
            if target.kind == "level" and target.year:
                docs.setdefault(indicator_key(target), set()).add(target.doc_id)
        ranked = sorted(docs, key=lambda name: (-len(docs[name]), name))
        chosen = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for name in ranked:
            self.combo.addItem(tr("intel.chart.item", name=name, docs=len(docs[name])), name)
        self.combo.setCurrentIndex(max(0, self.combo.findData(chosen)))
        self.combo.blockSignals(False)
        self.redraw()

    def choose_indicator(self, name: str) -> bool:
        index = self.combo.findData(name)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        return index >= 0

    def redraw(self) -> None:
        indicator = self.combo.currentData() or ""
        self.chart.set_data(build_chart_data(self.targets, indicator, self.titles))

    def choose_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("intel.chart.save"), str(Path.home() / "chart.png"),
                                              "PNG (*.png)")
        if path:
            self.save_png(Path(path))

    def save_png(self, path: Path) -> bool:
        return render_chart_image(self.chart.data, font=self.chart.font()).save(str(path))
