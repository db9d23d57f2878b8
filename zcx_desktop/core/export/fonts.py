"""Fonts for export: bundled faces, the user's installed 仿宋/小标宋 when embeddable, reportlab registration."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from zcx_desktop.paths import resources_dir

log = logging.getLogger("zcx.export")

KAI_FILE = "ZCXKai-Regular.ttf"
HEI_FILE = "wqy-microhei.ttc"

BUNDLED_KAI = "ZCXKai"
BUNDLED_HEI = "ZCXHei"

# role -> candidate family names (fontconfig) and file names (common font folders)
SYSTEM_CANDIDATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fangsong": (
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "方正仿宋简体", "FZFangSong-Z02S", "STFangsong", "华文仿宋"),
        ("simfang.ttf", "FangSong_GB2312.ttf", "fangsong_gb2312.ttf", "FZFSK.TTF", "FZFSJW.TTF", "STFANGSO.TTF"),
    ),
    "xiaobiaosong": (
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXBSJW--GB1-0", "华文中宋", "STZhongsong"),
        ("FZXBSJW.TTF", "FZXBSK.TTF", "fzxbsjt.ttf", "STZHONGS.TTF"),
    ),
    "heiti": (("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体"), ("simhei.ttf", "FZHTK.TTF", "FZHTJW.TTF")),
    "kaiti": (("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK"), ("simkai.ttf", "KaiTi_GB2312.ttf", "FZKTK.TTF")),
}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def bundled_font_paths() -> list[Path]:
    """The font files shipped with the app (for QFontDatabase.addApplicationFont and PDF export)."""
    return [fonts_dir() / KAI_FILE, fonts_dir() / HEI_FILE]


@dataclass
class FontSet:
    """reportlab font names per role, plus where each came from (for reports and tests)."""

    body: str
    title: str
    heading: str
    kai: str
    fallback: str = BUNDLED_HEI
    sources: dict[str, str] = field(default_factory=dict)

    def names(self) -> set[str]:
        return {self.body, self.title, self.heading, self.kai, self.fallback}


@cache
def _register(name: str, path: str, subfont: int = 0) -> bool:
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=subfont))
    except (TTFError, OSError, ValueError) as err:
        log.info("font %s (%s) not usable for embedding: %s", name, path, err)
        return False
    return True


def register_bundled() -> None:
    """Register the bundled faces with reportlab (idempotent)."""
    kai, hei = bundled_font_paths()
    for name, path in ((BUNDLED_KAI, kai), (BUNDLED_HEI, hei)):
        if not _register(name, str(path)):
            from zcx_desktop.core.export.errors import ExportError

            raise ExportError(f"内置字体缺失或损坏：{path}，请重新安装程序。")


def _fc_list() -> list[tuple[str, list[str]]]:
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(
            ["fc-list", "-f", "%{file}\t%{family}\n", ":lang=zh"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in out.splitlines():
        path, _, families = line.partition("\t")
        rows.append((path, [f.strip() for f in families.split(",")]))
    return rows


def _font_folders() -> list[Path]:
    folders = [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        folders = [Path(windir) / "Fonts", Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft/Windows/Fonts"]
    elif sys.platform == "darwin":
        folders = [Path.home() / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return [f for f in folders if f.is_dir()]


def _find_by_filename(names: tuple[str, ...]) -> str | None:
    wanted = {n.lower() for n in names}
    for folder in _font_folders():
        for path in folder.rglob("*"):
            if path.name.lower() in wanted:
                return str(path)
    return None


@lru_cache(maxsize=1)
def find_system_fonts() -> dict[str, str]:
    """role -> path of an installed TrueType file for 仿宋 / 小标宋 / 黑体 / 楷体, if any."""
    found: dict[str, str] = {}
    installed = _fc_list()
    for role, (families, files) in SYSTEM_CANDIDATES.items():
        path = next((p for fam in families for p, fams in installed if fam in fams and p.lower().endswith((".ttf", ".ttc"))), None)
        path = path or _find_by_filename(files)
        if path:
            found[role] = path
    return found


def _system_font(role: str, system: dict[str, str]) -> str | None:
    path = system.get(role)
    if not path:
        return None
    name = f"ZCXSys-{role}"
    return name if _register(name, path) else None


def font_set(layout: str, use_system_fonts: bool = True) -> FontSet:
    """Pick the faces for a layout: 公文 prefers installed 仿宋/小标宋/黑体/楷体, else bundled stand-ins."""
    register_bundled()
    bundled = FontSet(body=BUNDLED_KAI, title=BUNDLED_HEI, heading=BUNDLED_HEI, kai=BUNDLED_KAI)
    bundled.sources = {role: "bundled" for role in ("body", "title", "heading", "kai")}
    if layout != "gbt9704" or not use_system_fonts:
        return bundled
    system = find_system_fonts()
    picks = {"body": "fangsong", "title": "xiaobiaosong", "heading": "heiti", "kai": "kaiti"}
    for attr, role in picks.items():
        name = _system_font(role, system)
        if name:
            setattr(bundled, attr, name)
            bundled.sources[attr] = system[role]
    return bundled


@cache
def _cmap(font_name: str) -> frozenset[int]:
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph.keys())


def has_glyph(font_name: str, ch: str) -> bool:
    return ord(ch) in _cmap(font_name)
