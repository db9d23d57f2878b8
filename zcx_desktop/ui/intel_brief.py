"""A unit's task list as a briefing pack ("all tasks of 市工信局").

With the GUI composer installed (`window.brief_composer`, ext_brief) the composer opens on the
documents of the unit's tasks, restricted to those clauses, with the task table added. Without
it the list is written directly: PDF through the export API, or Markdown/CSV.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from zcx_desktop.ui.i18n import tr

log = logging.getLogger("zcx.ui.intel")

COLUMN_WEIGHTS = [2.2, 1.0, 3.2, 0.8, 1.2, 2.6]
FILTERS = "PDF (*.pdf);;Markdown (*.md);;CSV (*.csv)"


def composer_of(window: Any) -> Any | None:
    """The GUI brief composer when one offers `add_table`, else None."""
    composer = getattr(window, "brief_composer", None)
    return composer if composer is not None and hasattr(composer, "add_table") else None


def send_to_composer(composer: Any, unit: str, tasks: list, clause_span: Any,
                     headers: list[str], rows: list[list[str]]):
    """Open the composer on the tasks' clauses (in document order) and add the task table."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for task in tasks:
        if task.duty.doc_id is not None:
            span = clause_span(task.duty)
            if span not in ranges.setdefault(task.duty.doc_id, []):
                ranges[task.duty.doc_id].append(span)
    title = tr("intel.brief_title", unit=unit)
    dialog = composer.open(list(ranges), ranges, title) if hasattr(composer, "open") else None
    table_dialog = composer.add_table(tr("intel.brief_table", unit=unit), headers, rows)
    return dialog or table_dialog


def choose_unit_brief_file(parent: QWidget, unit: str) -> Path | None:
    """Ask where to write the unit's task list (PDF briefing pack, Markdown or CSV)."""
    suggested = Path.home() / f"{unit}{tr('intel.task_list_suffix')}.pdf"
    path, chosen = QFileDialog.getSaveFileName(parent, tr("intel.unit_brief"), str(suggested), FILTERS)
    if not path:
        return None
    result = Path(path)
    if result.suffix.lower() not in (".pdf", ".md", ".csv"):
        result = result.with_suffix("." + chosen.split("*.")[-1].rstrip(")"))
    return result


def export_unit_brief(unit: str, subtitle: str, headers: list[str], rows: list[list[str]], path: Path) -> Path:
    """Write a PDF briefing pack holding the unit's task table (runs in a background op)."""
    from zcx_desktop.core.export import BriefingPack, TableSection, export_pack

    table = TableSection(title=tr("intel.brief_table", unit=unit), headers=headers, rows=rows,
                         col_widths=COLUMN_WEIGHTS)
    pack = BriefingPack(title=tr("intel.brief_title", unit=unit), subtitle=subtitle,
                        date=_dt.date.today().isoformat(), toc=False, extra_sections=[table])
    result = export_pack(pack, path, "pdf")
    log.info("unit brief for %s: %s pages, %s bytes", unit, result.pages, result.bytes)
    return Path(result.path)
