"""Table model of the library's documents, and the proxy that filters it by text and facets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from zcx_desktop.core.model import Document
from zcx_desktop.ui.collections_list import DOC_IDS_MIME, doc_ids_mime
from zcx_desktop.ui.i18n import tr

DOC_ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    "title",
    "doc_number",
    "issuer",
    "written_date",
    "region",
    "status",
    "clauses",
    "annotations",
)
FACETS = ("issuer", "year", "region", "tags")

# Extension point: the annotations area registers a function doc_id -> count.
AnnotationCounter = Callable[[], dict[int, int]]


def document_year(doc: Document) -> str:
    date = doc.meta.written_date or doc.meta.published_date
    return date[:4] if len(date) >= 4 and date[:4].isdigit() else ""


def facet_values(doc: Document, facet: str) -> list[str]:
    """The values a document has for a facet (several for tags)."""
    if facet == "tags":
        return list(doc.tags)
    value = document_year(doc) if facet == "year" else getattr(doc.meta, facet)
    return [value] if value else []


def facet_counts(documents: list[Document], facet: str) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for doc in documents:
        counts.update(facet_values(doc, facet))
    if facet == "year":
        return sorted(counts.items(), reverse=True)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class DocumentTableModel(QAbstractTableModel):
    """One row per document (metadata only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.documents: list[Document] = []
        self.annotation_counts: dict[int, int] = {}

    def set_documents(
        self, documents: list[Document], annotation_counts: dict[int, int] | None = None
    ) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self.annotation_counts = annotation_counts or {}
        self.endResetModel()

    def document(self, row: int) -> Document:
        return self.documents[row]

    def row_of(self, doc_id: int) -> int:
        for row, doc in enumerate(self.documents):
            if doc.id == doc_id:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.documents)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(f"column.{COLUMNS[section]}")
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        doc = self.documents[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._value(doc, column, sorting=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return doc.meta.notice_title or doc.meta.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("clauses", "annotations"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DOC_ID_ROLE:
            return doc.id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [DOC_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        """Dragged rows carry their document ids (dropped on a collection to add them)."""
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return doc_ids_mime([self.documents[row].id for row in rows])

    def _value(self, doc: Document, column: str, *, sorting: bool):
        if column == "clauses":
            return doc.clause_count
        if column == "annotations":
            count = self.annotation_counts.get(doc.id, 0)
            return count if sorting else (str(count) if count else "")
        if column == "title":
            return doc.meta.title or doc.original_name
        return getattr(doc.meta, column)


class LibraryFilter(QSortFilterProxyModel):
    """Keeps rows in the chosen collection matching the filter text and every selected facet group."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self.text = ""
        self.facets: dict[str, set[str]] = {}
        self.doc_ids: set[int] | None = None  # the chosen collection's documents; None: all

    def set_doc_ids(self, doc_ids: set[int] | None) -> None:
        chosen = None if doc_ids is None else set(doc_ids)
        self._change_filter(lambda: setattr(self, "doc_ids", chosen))

    def set_text(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "text", text.strip().casefold()))

    def set_facets(self, facets: dict[str, set[str]]) -> None:
        chosen = {name: set(values) for name, values in facets.items() if values}
        self._change_filter(lambda: setattr(self, "facets", chosen))

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, DocumentTableModel):
            return True
        doc = model.document(source_row)
        if self.doc_ids is not None and doc.id not in self.doc_ids:
            return False
        for facet, wanted in self.facets.items():
            if not wanted.intersection(facet_values(doc, facet)):
                return False
        if self.text:
            meta = doc.meta
            haystack = " ".join(
                (
                    meta.title,
                    meta.notice_title,
                    meta.doc_number,
                    meta.issuer,
                    meta.region,
                    meta.status,
                    meta.written_date,
                    " ".join(doc.tags),
                )
            )
            return self.text in haystack.casefold()
        return True
