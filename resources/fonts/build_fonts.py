"""Build-time script: make the bundled body font (GB2312 subset of LXGW WenKai, renamed per OFL).

Run from the repository root: `python resources/fonts/build_fonts.py [SOURCE.ttf]`.
Needs fontTools (build time only; the app never imports it). The source defaults to the
Debian package fonts-lxgw-wenkai. The OFL reserves the names "LXGW" and "霞鹜" for
unmodified fonts, so the subset is renamed "ZCX Kai".
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
TARGET = HERE / "ZCXKai-Regular.ttf"
FAMILY = "ZCX Kai"

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation — “ ” ‘ ’ … ‰
    (0x2100, 0x218F),  # letterlike, Roman numerals Ⅰ Ⅱ
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # ■ □ ○ ●
    (0x3000, 0x303F),  # CJK punctuation 、。〈〉《》「」『』【】〔〕
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
]


def gb2312_characters() -> set[str]:
    """Every character of GB2312 (6763 hanzi plus symbols), found through Python's codec."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def wanted_codepoints() -> set[int]:
    points = {ord(c) for c in gb2312_characters()}
    for low, high in EXTRA_RANGES:
        points.update(range(low, high + 1))
    points.update(ord(c) for c in string.printable)
    return points


def rename(font: TTFont, family: str) -> None:
    """Replace every family / full / PostScript name so the reserved names are not used."""
    postscript = family.replace(" ", "") + "-Regular"
    names = {1: family, 3: f"{postscript};subset", 4: f"{family} Regular", 6: postscript, 16: family}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.setName(names[record.nameID], record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (17, 21, 22):
            table.removeNames(nameID=record.nameID)


def build(source: Path = DEFAULT_SOURCE, target: Path = TARGET) -> Path:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    rename(font, FAMILY)
    subset.save_font(font, str(target), options)
    return target


if __name__ == "__main__":
    out = build(Path(sys.argv[1])) if len(sys.argv) > 1 else build()
    sys.stdout.write(f"{out} {out.stat().st_size} bytes\n")
