"""The comparison table: one aligned row per line (status | A clause | A text | B clause | B text).

`ComparisonModel` holds a `Comparison` and the filters (only changes, only number changes);
`DiffDelegate` paints the text columns as marked-up rich text and the status as a badge.
Both panes live in one table, so rows stay aligned and scroll together by construction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from zcx_desktop.core.compare import AlignedRow, Comparison
from zcx_desktop.ui.compare_render import (
    STATUS_COLORS,
    Segment,
    Span,
    is_dark,
    side_document,
    side_segments,
)
from zcx_desktop.ui.i18n import tr

COLUMNS = ("status", "a_path", "a_text", "b_path", "b_text")
STATUS_COLUMN, A_PATH, A_TEXT, B_PATH, B_TEXT = range(5)
SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 1
CHIPS_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
ROW_ROLE = Qt.ItemDataRole.UserRole + 4
UNIT_ROLE = Qt.ItemDataRole.UserRole + 5
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 6
_NO_PARENT = QModelIndex()


def chip_texts(row: AlignedRow) -> list[str]:
    """The "数字变化 2.95%→3.1%" chips of a row."""
    return [tr("compare.chip.number", a=c.a, b=c.b) for c in row.number_changes]


def is_change(row: AlignedRow) -> bool:
    return row.status != "same"


class ComparisonModel(QAbstractTableModel):
    """Aligned rows of a comparison, filtered; annotations (absolute spans per side) mark the text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.annotations: dict[str, list[Span]] = {"a": [], "b": []}
        self.only_changes = False
        self.only_numbers = False
        self.visible: list[int] = []
        self._segments: dict[tuple[int, str], list[Segment]] = {}

    # -- content and filters --------------------------------------------------------
    def set_comparison(
        self, comparison: Comparison | None, annotations: dict[str, list[Span]] | None = None
    ) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.annotations = annotations or {"a": [], "b": []}
        self._segments.clear()
        self.visible = self._filtered()
        self.endResetModel()

    def set_filters(self, *, only_changes: bool, only_numbers: bool) -> None:
        self.beginResetModel()
        self.only_changes, self.only_numbers = only_changes, only_numbers
        self.visible = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        if self.comparison is None:
            return []
        return [
            i
            for i, row in enumerate(self.comparison.rows)
            if (not self.only_changes or is_change(row))
            and (not self.only_numbers or row.number_changes)
        ]

    def row_at(self, view_row: int) -> AlignedRow:
        assert self.comparison is not None
        return self.comparison.rows[self.visible[view_row]]

    def view_row_of(self, source_row: int) -> int:
        try:
            return self.visible.index(source_row)
        except ValueError:
            return -1

    def segments(self, source_row: int, side: str) -> list[Segment]:
        key = (source_row, side)
        if key not in self._segments:
            assert self.comparison is not None
            row = self.comparison.rows[source_row]
            self._segments[key] = side_segments(row, side, self.annotations.get(side, []))
        return self._segments[key]

    # -- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return tr(f"compare.column.{COLUMNS[section]}")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or self.comparison is None:
            return None
        source = self.visible[index.row()]
        row = self.comparison.rows[source]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == SOURCE_ROLE:
            return source
        if role == STATUS_ROLE:
            return row.status
        if column == STATUS_COLUMN:
            return self._status_data(row, role)
        side = "a" if column in (A_PATH, A_TEXT) else "b"
        units = row.a_units if side == "a" else row.b_units
        if column in (A_PATH, B_PATH):
            return self._path_data(units, role)
        if role == SEGMENTS_ROLE:
            return self.segments(source, side)
        if role == CHIPS_ROLE:
            return chip_texts(row) if side == "b" or not row.b_units else []
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(u.content for u in units)
        return None

    def _status_data(self, row: AlignedRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(f"compare.status.{row.status}")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = tr("compare.tip.similarity", value=f"{row.similarity:.0%}")
            if row.status in ("moved", "split", "merged") and row.content_changed:
                tip += "\n" + tr("compare.tip.wording_changed")
            return tip
        return None

    @staticmethod
    def _path_data(units: list, role: int) -> Any:
        if not units:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [
                u.path + (f"\n{u.heading}" if u.heading and len(units) == 1 else "") for u in units
            ]
            return "\n".join(lines)
        if role == UNIT_ROLE:
            return units[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("compare.tip.open_clause")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QPalette().color(QPalette.ColorRole.Link)
        return None


def soft_selection(view: Any, palette: QPalette) -> None:
    """Give `view` a light selection colour mixed from `palette` (the window's own colours)."""
    base = palette.color(QPalette.ColorRole.Base)
    strong = palette.color(QPalette.ColorRole.Highlight)
    mix = 0.2
    tint = QColor(
        round(base.red() + (strong.red() - base.red()) * mix),
        round(base.green() + (strong.green() - base.green()) * mix),
        round(base.blue() + (strong.blue() - base.blue()) * mix),
    )
    own = view.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        own.setColor(group, QPalette.ColorRole.Highlight, tint)
        own.setColor(
            group, QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text)
        )
    view.setPalette(own)


class DiffDelegate(QStyledItemDelegate):
    """Paints text columns from SEGMENTS_ROLE (cached per row, width and theme) and status badges."""

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self._cache: dict[tuple[int, int, int, bool], QTextDocument] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def document(self, index: QModelIndex | QPersistentModelIndex, width: int) -> QTextDocument:
        dark = is_dark(self.view.palette())
        key = (int(index.data(SOURCE_ROLE)), index.column(), width, dark)
        document = self._cache.get(key)
        if document is None:
            if len(self._cache) > 4000:
                self._cache.clear()
            muted = index.data(STATUS_ROLE) == "same"
            document = side_document(
                index.data(SEGMENTS_ROLE) or [],
                index.data(CHIPS_ROLE) or [],
                self.view.font(),
                width,
                dark=dark,
                muted=muted,
            )
            self._cache[key] = document
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        selected = bool(options.state & QStyle.StateFlag.State_Selected)
        options.state &= ~QStyle.StateFlag.State_Selected
        option_plain = QStyleOptionViewItem(option)
        option_plain.state &= ~QStyle.StateFlag.State_Selected
        if selected:  # a light tint (see soft_selection) keeps the diff readable
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        column = index.column()
        if column not in (A_TEXT, B_TEXT, STATUS_COLUMN):
            super().paint(painter, option_plain, index)
            return
        options.text = ""
        style = self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, self.view)
        if column == STATUS_COLUMN:
            if selected:
                bar = QRectF(option.rect.x(), option.rect.y(), 3, option.rect.height())
                painter.fillRect(
                    bar, self.view.window().palette().color(QPalette.ColorRole.Highlight)
                )
            self._paint_badge(
                painter, option, str(index.data() or ""), str(index.data(STATUS_ROLE))
            )
            return
        document = self.document(index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def _paint_badge(self, painter, option: QStyleOptionViewItem, text: str, status: str) -> None:
        background, foreground = STATUS_COLORS.get(status, ("#ddd", "#222"))
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 4
        rect = QRectF(option.rect.x() + 6, option.rect.y() + 5, width, height)
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(foreground))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        column = index.column()
        if column not in (A_TEXT, B_TEXT):
            hint = super().sizeHint(option, index)
            return QSize(hint.width(), hint.height() + 8)
        width = self.view.columnWidth(column)
        document = self.document(index, width)
        return QSize(width, int(document.size().height()) + 2)
