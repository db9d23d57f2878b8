"""An item delegate that paints a small piece of rich text (used for search snippets)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 10


class HtmlDelegate(QStyledItemDelegate):
    """Paints the item's HTML_ROLE text (falls back to the display text) with word wrap."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(3)
        html = index.data(HTML_ROLE) or ""
        document.setHtml(html)
        document.setTextWidth(max(option.rect.width(), 120))
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        if not index.data(HTML_ROLE):
            super().paint(painter, option, index)
            return
        document = self._document(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if options.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.HighlightedText)
            )
        else:
            context.palette.setColor(
                QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.Text)
            )
        text_rect = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, options, options.widget
        )
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        if not index.data(HTML_ROLE):
            return super().sizeHint(option, index)
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        width = options.widget.viewport().width() - 40 if options.widget else 300
        options.rect.setWidth(width)
        document = self._document(options, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))
