"""The library tab: collections, facet tree (发文机关, year, region, tags), filter box and the table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zcx_desktop.core.model import Document
from zcx_desktop.ui.collections_controller import CollectionsController
from zcx_desktop.ui.collections_list import CollectionsList
from zcx_desktop.ui.i18n import language_signal, tr
from zcx_desktop.ui.library_model import (
    DOC_ID_ROLE,
    FACETS,
    DocumentTableModel,
    LibraryFilter,
    facet_counts,
)

# column -> text whose width the column gets (title stretches)
COLUMN_WIDTH_SAMPLES = {
    1: "锡政办发〔2018〕91号",
    2: "无锡市人民政府办公室",
    3: "2018-08-01",
    4: "无锡市某区",
    5: "执行中",
    6: "条款数",
    7: "批注数",
}
FACET_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class FacetTree(QTreeWidget):
    """Facet groups with their values and counts; selected values filter the table.

    Signals:
        facets_changed(dict): facet name → set of selected values.
    """

    facets_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetTree")
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.itemSelectionChanged.connect(lambda: self.facets_changed.emit(self.selected()))

    def populate(self, documents: list[Document]) -> None:
        chosen = self.selected()
        self.blockSignals(True)
        self.clear()
        self.groups = {}
        for facet in FACETS:
            group = QTreeWidgetItem([tr(f"facet.{facet}")])
            group.setData(0, FACET_ROLE, facet)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(group)
            self.groups[facet] = group
            for value, count in facet_counts(documents, facet):
                item = QTreeWidgetItem([value, str(count)])
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                item.setForeground(1, self.palette().placeholderText())
                item.setData(0, FACET_ROLE, facet)
                item.setData(0, VALUE_ROLE, value)
                item.setToolTip(0, value)
                group.addChild(item)
                item.setSelected(value in chosen.get(facet, set()))
            group.setExpanded(facet != "tags" or group.childCount() > 0)
        self.blockSignals(False)
        self.facets_changed.emit(self.selected())

    def retranslate(self) -> None:
        for facet, group in self.groups.items():
            group.setText(0, tr(f"facet.{facet}"))

    def selected(self) -> dict[str, set[str]]:
        chosen: dict[str, set[str]] = {}
        for item in self.selectedItems():
            value = item.data(0, VALUE_ROLE)
            if value is not None:
                chosen.setdefault(item.data(0, FACET_ROLE), set()).add(value)
        return chosen


class LibraryPane(QWidget):
    """Documents of the library; double-click or Enter opens them; collections filter them.

    The collections controller needs the window's runner: it is attached when the first
    document list arrives (the pane is inside the main window by then).

    Signals:
        open_requested(list): ids of the documents to open.
    """

    open_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self.model = DocumentTableModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.facets = FacetTree()
        self.collections = CollectionsList()
        self.collections_controller: CollectionsController | None = None
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("libraryFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("libraryCount")
        self.table = self._build_table()
        self.context_actions: list[QAction] = []
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("librarySideSplitter")
        self.side_splitter.addWidget(self.collections)
        self.side_splitter.addWidget(self.facets)
        self.side_splitter.setSizes([160, 500])
        self.splitter.addWidget(self.side_splitter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filter_edit)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.count_label)
        self.splitter.addWidget(right)
        self.splitter.setSizes([230, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self.filter_edit.textChanged.connect(self._filter_text)
        self.facets.facets_changed.connect(self._filter_facets)
        self.table.doubleClicked.connect(lambda _: self.open_requested.emit(self.selected_ids()))
        self.table.activated.connect(lambda _: self.open_requested.emit(self.selected_ids()))
        self._fit_to_font()
        self.setTabOrder(self.filter_edit, self.table)
        self.setTabOrder(self.table, self.collections)
        self.setTabOrder(self.collections, self.facets)
        language_signal().changed.connect(self.retranslate)
        self.retranslate()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("documentTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setDragEnabled(True)  # onto a collection: adds the documents to it
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        table.setDefaultDropAction(Qt.DropAction.CopyAction)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        return table

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # 长者模式 and font size changes
            self._fit_to_font()
        super().changeEvent(event)

    def _fit_to_font(self) -> None:
        """Row height and column widths in proportion to the current font."""
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        for column, sample in COLUMN_WIDTH_SAMPLES.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def retranslate(self, *_: object) -> None:
        self.filter_edit.setPlaceholderText(tr("library.filter"))
        self.facets.retranslate()
        self.collections.retranslate()
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self._show_count()

    def set_documents(
        self, documents: list[Document], annotation_counts: dict[int, int] | None = None
    ) -> None:
        chosen = self.selected_ids()
        self.model.set_documents(documents, annotation_counts)
        self.facets.populate(documents)
        self.select_ids(chosen)
        self._show_count()
        self._attach_collections()
        if self.collections_controller is not None:
            self.collections_controller.reload()

    def _attach_collections(self) -> None:
        if self.collections_controller is None:
            window = self.window()
            if getattr(window, "runner", None) is not None:
                self.collections_controller = CollectionsController(self, window)

    def filter_by_collection(self, doc_ids: set[int] | None) -> None:
        """Show only these documents (None: every document)."""
        self.proxy.set_doc_ids(doc_ids)
        self._show_count()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(DOC_ID_ROLE)) for index in sorted(rows, key=lambda i: i.row())]

    def select_ids(self, doc_ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for doc_id in doc_ids:
            row = self.model.row_of(doc_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    selection.select(
                        index,
                        QItemSelectionModel.SelectionFlag.Select
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )

    def add_context_action(self, action: QAction) -> None:
        """Extension point: an action shown in the table's context menu (acts on the selection)."""
        self.context_actions.append(action)

    def _context_menu(self, point) -> None:
        self.context_menu().popup(self.table.viewport().mapToGlobal(point))

    def context_menu(self) -> QMenu:
        """The table's context menu: the registered actions, then 加入文件夹 ▸ / 从文件夹移除."""
        menu = QMenu(self)
        menu.setObjectName("libraryContextMenu")
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        if self.collections_controller is not None:
            menu.addSeparator()
            self.collections_controller.table_menu_actions(menu, self.selected_ids())
        return menu

    def _filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    def _filter_facets(self, facets: dict) -> None:
        self.proxy.set_facets(facets)
        self._show_count()

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        key = "library.count" if shown == total else "library.count_filtered"
        self.count_label.setText(tr(key, shown=shown, total=total))
