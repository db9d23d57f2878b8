"""User settings: declared once (name, type, default, choices), stored in one versioned JSON file.

Window geometry and splitter state are not settings; they live in QSettings (see `window_state`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from zcx_desktop.paths import APP_NAME

log = logging.getLogger("zcx.ui")

SETTINGS_VERSION = 1
CONFIG_ENV = "ZCX_CONFIG_DIR"


@dataclass(frozen=True)
class Setting:
    """One declared setting; `label`/`help` are i18n keys derived from the name."""

    name: str
    type: type
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 0

    @property
    def label_key(self) -> str:
        return f"setting.{self.name}"

    @property
    def help_key(self) -> str:
        return f"setting.{self.name}.help"


SETTINGS: tuple[Setting, ...] = (
    Setting("author_name", str, "", "Name written on new annotations"),
    Setting("language", str, "zh_CN", "UI language", choices=("zh_CN", "en")),
    Setting("theme", str, "light", "Colour theme", choices=("light", "dark")),
    Setting("font_size", int, 15, "Reader body text size in points", minimum=9, maximum=40),
    Setting("reader_font", str, "kai", "Reader typeface", choices=("kai", "hei")),
    Setting("elder_mode", bool, False, "长者模式: large text everywhere"),
    Setting(
        "default_layout",
        str,
        "outline_right",
        "Where the clause outline sits in the reader",
        choices=("outline_right", "outline_left", "outline_hidden"),
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def config_dir() -> Path:
    """`$ZCX_CONFIG_DIR` or the platform config dir (e.g. ~/.config/zcx-desktop)."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.json"


def coerce(setting: Setting, value: Any) -> Any:
    """`value` converted to the setting's type, or its default when that is impossible."""
    try:
        if setting.type is bool:
            converted: Any = value if isinstance(value, bool) else str(value).lower() == "true"
        else:
            converted = setting.type(value)
    except (TypeError, ValueError):
        return setting.default
    if setting.choices and converted not in setting.choices:
        return setting.default
    if setting.type is int and setting.maximum:
        converted = max(setting.minimum, min(setting.maximum, converted))
    return converted


class AppSettings:
    """The current values; `save()` writes them atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_file()
        self.values: dict[str, Any] = {s.name: s.default for s in SETTINGS}

    @classmethod
    def load(cls, path: Path | None = None) -> AppSettings:
        settings = cls(path)
        try:
            data = json.loads(settings.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, ValueError) as err:
            log.warning("ignoring unreadable settings %s: %s", settings.path, err)
            return settings
        stored = migrate_settings(data).get("values", {})
        for name, value in stored.items():
            if name in _BY_NAME:
                settings.values[name] = coerce(_BY_NAME[name], value)
        return settings

    def get(self, name: str) -> Any:
        return self.values[name]

    def set(self, name: str, value: Any) -> None:
        self.values[name] = coerce(_BY_NAME[name], value)

    def save(self) -> None:
        data = {"version": SETTINGS_VERSION, "values": self.values}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_suffix(".tmp")
            temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError as err:
            log.error("cannot save settings to %s: %s", self.path, err)


def migrate_settings(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings file up to SETTINGS_VERSION (version 1 is the first)."""
    version = int(data.get("version", 1) or 1)
    if version > SETTINGS_VERSION:
        log.warning(
            "settings file is newer (v%s) than this program (v%s)", version, SETTINGS_VERSION
        )
    return data
