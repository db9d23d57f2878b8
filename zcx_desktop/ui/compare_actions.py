"""What the comparison window does with its rows: open a clause in the reader, similar clauses, export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex

from zcx_desktop.ui import compare_dialogs
from zcx_desktop.ui.compare_export import add_to_brief, short
from zcx_desktop.ui.compare_model import A_PATH, A_TEXT, B_PATH, B_TEXT, UNIT_ROLE
from zcx_desktop.ui.compare_ops import export_op
from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.compare")


class RowActions:
    """Mixin of ComparisonWindow (uses self.main, self.table, self.model, self.result, self.only_changes)."""

    # -- opening clauses ------------------------------------------------------------------
    def _cell_clicked(self, index: QModelIndex) -> None:
        if index.column() in (A_PATH, B_PATH):
            self.open_unit(index)

    def _cell_double_clicked(self, index: QModelIndex) -> None:
        if index.column() in (A_TEXT, B_TEXT):
            self.open_unit(
                self.model.index(index.row(), A_PATH if index.column() == A_TEXT else B_PATH)
            )

    def open_unit(self, path_index: QModelIndex) -> bool:
        """Open the clause of a path cell in the reader; False for an empty cell."""
        unit = path_index.data(UNIT_ROLE)
        if unit is None or self.result is None:
            return False
        side = (
            self.result.comparison.a if path_index.column() == A_PATH else self.result.comparison.b
        )
        if side.doc_id is None:
            return False
        self.main.open_document(side.doc_id, offset=unit.start)
        self.main.raise_()
        self.main.activateWindow()
        return True

    # -- similar clauses and export --------------------------------------------------------
    def current_clause(self) -> tuple[int, str, str] | None:
        """(doc_id, path, label) of the current row's clause (B side first), or None."""
        index = self.table.currentIndex()
        if not index.isValid() or self.result is None:
            return None
        row = self.model.row_at(index.row())
        comparison = self.result.comparison
        for units, side in ((row.b_units, comparison.b), (row.a_units, comparison.a)):
            unit = next(
                (u for u in units if u.clause_index is not None or self.result.clause_pair), None
            )
            if unit is not None and side.doc_id is not None:
                return (
                    side.doc_id,
                    unit.path,
                    f"《{short(side.title, 30)}》{unit.path} {unit.heading}".strip(),
                )
        return None

    def show_similar(self) -> Any:
        clause = self.current_clause()
        if clause is None:
            self.main.statusBar().showMessage(tr("compare.similar.no_clause"), 4000)
            return None
        dialog = compare_dialogs.SimilarDialog(self.main, *clause)
        dialog.show()
        return dialog

    def export(self, kind: str) -> Any:
        """Ask for a file and write the comparison as HTML or CSV in the background."""
        if self.result is None:
            return None
        suffix = "html" if kind == "html" else "csv"
        name = (
            short(self.result.comparison.b.title or "comparison", 30).replace("/", "_")
            + f"_对照.{suffix}"
        )
        path = compare_dialogs.save_path(
            self, tr(f"compare.export.{kind}"), name, tr(f"compare.export.filter_{kind}")
        )
        if not path:
            return None
        only = self.only_changes.isChecked()
        return self.main.runner.run(
            export_op(self.result.comparison, Path(path), kind, only),
            on_done=lambda written: self.main.statusBar().showMessage(
                tr("compare.export.done", path=str(written)), 6000
            ),
            label="compare-export",
        )

    def add_to_brief(self) -> Any:
        return add_to_brief(self.main, self.result.comparison) if self.result else None
