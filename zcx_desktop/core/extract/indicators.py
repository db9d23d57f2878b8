"""The canonical indicator dictionary (shipped JSON, overridable by a copy in the library dir)."""

from __future__ import annotations

import json
import logging
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from zcx_desktop.core.errors import KnownError
from zcx_desktop.paths import resources_dir

log = logging.getLogger("zcx.extract")

INDICATORS_FILE = "indicators.json"
_DROP_RE = re.compile(r"[\s“”\"'‘’「」『』]|的")
_ASCII_PAREN_RE = re.compile(r"[（(]\s*[A-Za-z&/ ]+\s*[）)]")


class DictionaryError(KnownError):
    """A user-edited dictionary file cannot be read."""


@dataclass
class IndicatorEntry:
    """One canonical indicator: name, written forms, regex patterns, default unit."""

    canonical: str
    unit: str = ""
    aliases: list[str] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)

    def matches(self, normalised: str) -> bool:
        if normalised == normalise_indicator(self.canonical):
            return True
        if any(normalised == normalise_indicator(alias) for alias in self.aliases):
            return True
        return any(pattern.search(normalised) for pattern in self.patterns)

    def accepts_unit(self, unit: str) -> bool:
        """Listed units when the entry has them, else any unit of the default unit's kind
        (a count of firms is never measured in 亿元)."""
        if self.units:
            return unit in self.units
        return not self.unit or not unit or unit_kind(unit) == unit_kind(self.unit)


def unit_kind(unit: str) -> str:
    """money | share | count | other: what a unit measures."""
    if unit.endswith("元"):
        return "money"
    if unit in ("%", "‰", "个百分点", "百分点"):
        return "share"
    if unit.lstrip("万千百亿") in COUNT_UNITS:
        return "count"
    return "other"


COUNT_UNITS = frozenset("家 个 项 所 座 件 名 人 人次 户 家次 支 位 台 套 篇 部 条 场 批".split())


def normalise_indicator(text: str) -> str:
    """Comparable form: no spaces, quotes, 的, or bracketed ASCII abbreviations like (R&D)."""
    text = _ASCII_PAREN_RE.sub("", text)
    return _DROP_RE.sub("", text).replace("（", "(").replace("）", ")")


class IndicatorDictionary:
    """Maps an indicator as written to its canonical name (first matching entry wins)."""

    def __init__(self, entries: list[IndicatorEntry], source: Path | None = None) -> None:
        self.entries = entries
        self.source = source

    @classmethod
    def load(cls, library_dir: Path | None = None) -> IndicatorDictionary:
        """The library's own copy when present, else the shipped one."""
        path = user_file(library_dir, INDICATORS_FILE) or shipped_file(INDICATORS_FILE)
        return cls.from_file(path)

    @classmethod
    def from_file(cls, path: Path) -> IndicatorDictionary:
        data = read_json(path)
        entries = [_entry(item, path) for item in data.get("indicators", [])]
        return cls(entries, path)

    def canonical(self, indicator: str, unit: str = "", *, check_unit: bool = True) -> str | None:
        normalised = normalise_indicator(indicator)
        if not normalised:
            return None
        for entry in self.entries:
            if entry.matches(normalised) and (not check_unit or entry.accepts_unit(unit)):
                return entry.canonical
        return None

    def names(self) -> list[str]:
        return [entry.canonical for entry in self.entries]


def _entry(item: dict, path: Path) -> IndicatorEntry:
    try:
        return IndicatorEntry(
            canonical=item["canonical"],
            unit=item.get("unit", ""),
            aliases=list(item.get("aliases", [])),
            patterns=[re.compile(p) for p in item.get("patterns", [])],
            units=list(item.get("units", [])),
        )
    except (KeyError, re.error, TypeError) as err:
        raise DictionaryError(f"指标词典 {path} 中的条目有误：{item!r}（{err}）") from err


def shipped_file(name: str) -> Path:
    return resources_dir() / "data" / name


def user_file(library_dir: Path | None, name: str) -> Path | None:
    if library_dir is None:
        return None
    path = Path(library_dir) / name
    return path if path.is_file() else None


def ensure_user_copy(library_dir: Path, name: str) -> Path:
    """Copy a shipped data file into the library dir (once) so the user can edit it."""
    target = Path(library_dir) / name
    if not target.exists():
        shutil.copyfile(shipped_file(name), target)
        log.info("copied %s to %s for editing", name, target)
    return target


def read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DictionaryError(f"无法读取数据文件 {path}：{err}") from err
