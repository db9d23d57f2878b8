"""UI strings: one JSON table per language in resources/i18n, looked up through `tr()`.

Keys are stable identifiers ("menu.file"); an area may ship its own
`resources/i18n/<area>.<language>.json` (merged in). Values may hold `{name}` fields filled by
`tr(key, name=...)`. Widgets connect to `language_signal().changed` and re-read their
texts, so the language can be switched at runtime.
"""

from __future__ import annotations

import json
import logging
from functools import cache

from PySide6.QtCore import QObject, Signal

from zcx_desktop.paths import resources_dir

log = logging.getLogger("zcx.ui")

LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_state = {"language": DEFAULT_LANGUAGE}


class LanguageSignal(QObject):
    """Emits `changed(language)` after the UI language was switched."""

    changed = Signal(str)


@cache
def language_signal() -> LanguageSignal:
    """The global signal. Connect only bound methods of QObjects (auto-disconnected when the
    object dies); plain objects and lambdas must use `watch_language(owner, callback)`."""
    return LanguageSignal()


def watch_language(owner: QObject, callback) -> None:
    """Call `callback()` after each language switch while the QObject `owner` is alive."""
    relay = _LanguageRelay(owner, callback)
    language_signal().changed.connect(relay.relay)


class _LanguageRelay(QObject):
    """A child of `owner` (so it dies with it) that forwards language changes to a callback."""

    def __init__(self, owner: QObject, callback) -> None:
        super().__init__(owner)
        self.callback = callback

    def relay(self, *_: object) -> None:
        self.callback()


@cache
def load_table(language: str) -> dict[str, str]:
    """The translation table of `language`: `<language>.json` merged with every area's
    `<area>.<language>.json` (so areas add strings without editing a shared file)."""
    folder = resources_dir() / "i18n"
    table: dict[str, str] = {}
    for path in [folder / f"{language}.json", *sorted(folder.glob(f"*.{language}.json"))]:
        try:
            table.update(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            log.warning("no translation table %s", path)
        except ValueError as err:
            log.error("broken translation table %s: %s", path, err)
    return table


def current_language() -> str:
    return _state["language"]


def set_language(language: str) -> None:
    """Switch the UI language and tell every widget to re-translate itself."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    if language == _state["language"]:
        return
    _state["language"] = language
    language_signal().changed.emit(language)


def tr(key: str, **fields: object) -> str:
    """The text of `key` in the current language (Chinese, then the key itself, as fallback)."""
    text = load_table(_state["language"]).get(key)
    if text is None:
        text = load_table(DEFAULT_LANGUAGE).get(key, key)
    if fields:
        try:
            return text.format(**fields)
        except (KeyError, IndexError, ValueError):
            log.warning("bad fields for %s: %s", key, fields)
    return text


_qt_translator: list = []


def install_qt_translator(language: str) -> None:
    """Load Qt's own translations (standard buttons, context menus) for `language`."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _qt_translator:
        app.removeTranslator(old)
    _qt_translator.clear()
    if language == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qt_{language}", folder):
        app.installTranslator(translator)
        _qt_translator.append(translator)
