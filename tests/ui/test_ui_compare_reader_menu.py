"""Compare actions in the reader's context menu act on the clause at the selection / right-click."""

from __future__ import annotations

import pytest

from tests.ui.conftest import open_first_document
from zcx_desktop.ui import compare_dialogs
from zcx_desktop.ui.extensions import install_extensions

pytestmark = pytest.mark.usefixtures("qapp")


def test_reader_menu_compares_the_selected_clause(sample_window, qtbot, monkeypatch):
    install_extensions(sample_window, only=["zcx_desktop.ui.ext_compare"])
    reader = open_first_document(sample_window, qtbot)
    clause = [c for c in reader.clauses if c.level >= 2][-1]
    reader.view.select_offsets(clause.start, clause.body_end)
    menu = reader.build_context_menu(reader.view.rect().center())
    names = [a.objectName() for a in menu.actions()]
    assert names.index("action_compare_clauses") > menu.actions().index(reader.copy_citation_action)
    assert "action_compare_similar" in names
    asked = []
    monkeypatch.setattr(compare_dialogs, "pick_clause", lambda _w, _docs, doc_id, label: asked.append((doc_id, label)))
    next(a for a in menu.actions() if a.objectName() == "action_compare_clauses").trigger()
    assert asked == [(reader.doc_id, f"{clause.path} {clause.heading}".strip())]
    menu.deleteLater()
