"""The main window's actions, declared once: key (for tr and lookup), shortcut, menu, toolbar.

Texts are `tr("action.<key>")`; shortcuts show in menus automatically. Extensions add
their own actions with `MainWindow.add_menu_action`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

MENUS = ("file", "edit", "view", "tools", "help")


@dataclass(frozen=True)
class ActionSpec:
    """One main-window action; `slot` names a MainWindow method."""

    key: str
    menu: str
    slot: str
    shortcut: str | QKeySequence.StandardKey = ""
    toolbar: bool = False
    checkable: bool = False
    separator_before: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", "file", "choose_import_files", "Ctrl+O", toolbar=True),
    ActionSpec("import_folder", "file", "choose_import_folder", "Ctrl+Shift+O"),
    ActionSpec("paste_document", "file", "paste_as_document", "Ctrl+Shift+V", toolbar=True),
    ActionSpec("import_sample", "file", "import_sample"),
    ActionSpec("reimport", "file", "reimport_selected", "Ctrl+Shift+R", separator_before=True),
    ActionSpec("close_tab", "file", "close_current_tab", "Ctrl+W", separator_before=True),
    ActionSpec("quit", "file", "close", "Ctrl+Q"),
    ActionSpec("open_selected", "edit", "open_selected", "Ctrl+Return", toolbar=True),
    ActionSpec("edit_metadata", "edit", "edit_metadata", "Ctrl+E", toolbar=True),
    ActionSpec("undo_metadata", "edit", "undo_metadata", "Ctrl+Alt+Z"),
    ActionSpec("delete", "edit", "delete_selected", "Del", toolbar=True),
    ActionSpec("find", "edit", "find_in_document", "Ctrl+F", toolbar=True, separator_before=True),
    ActionSpec("filter_library", "edit", "focus_library_filter", "Ctrl+L"),
    ActionSpec("copy_citation", "edit", "copy_with_citation", "Ctrl+Shift+C"),
    ActionSpec("settings", "edit", "open_settings", "Ctrl+,", separator_before=True),
    ActionSpec("show_library", "view", "show_library", "Ctrl+1"),
    ActionSpec("zoom_in", "view", "zoom_in", "Ctrl+=", toolbar=True, separator_before=True),
    ActionSpec("zoom_out", "view", "zoom_out", "Ctrl+-", toolbar=True),
    ActionSpec("zoom_reset", "view", "zoom_reset", "Ctrl+0"),
    ActionSpec("elder_mode", "view", "toggle_elder_mode", "Ctrl+Shift+E", checkable=True),
    ActionSpec("dark_theme", "view", "toggle_dark_theme", "Ctrl+Shift+D", checkable=True),
    ActionSpec("toggle_outline", "view", "toggle_outline", "F9", checkable=True),
    ActionSpec("switch_language", "view", "switch_language", "Ctrl+Shift+L", separator_before=True),
    ActionSpec("open_log_folder", "help", "open_log_folder"),
    ActionSpec("about", "help", "show_about", "F1"),
)
