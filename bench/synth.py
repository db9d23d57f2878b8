"""Synthetic policy documents recombined from the bundled corpus (for benchmarks)."""

from __future__ import annotations

import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "resources" / "sample"
HAN_NUMERALS = "一二三四五六七八九十"
CITIES = ["无锡", "南京", "苏州", "常州", "镇江", "南通", "扬州", "泰州", "徐州", "盐城"]


def corpus_paragraphs() -> list[str]:
    """Body paragraphs of the corpus (lines long enough to be prose)."""
    paragraphs = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 40:
                paragraphs.append(re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*", "", line))
    return paragraphs


def make_document(number: int, paragraphs: list[str], size: int = 25_000, seed: int = 0) -> str:
    """One plan of about `size` UTF-8 bytes with a web-page header, sections 一、…, items （一）… and 1. …"""
    rng = random.Random(seed * 100_003 + number)
    city = rng.choice(CITIES)
    year = rng.randint(2015, 2024)
    lines = [
        "当前位置:首页 > 政府信息公开",
        f"{city}市人民政府办公室关于印发{city}市科技创新行动方案（第{number}号）的通知",
        f"文号 {city[0]}政办发〔{year}〕{number}号",
        f"成文日期 {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        f"{city}市科技创新行动方案（第{number}号）",
    ]
    total = sum(len(x.encode("utf-8")) for x in lines)
    section = 0
    while total < size:
        section += 1
        heading = f"{_numeral(section)}、{rng.choice(paragraphs)[:14]}"
        lines.append(heading)
        for item in range(1, rng.randint(2, 6)):
            body = rng.choice(paragraphs).replace("2020", str(year + rng.randint(1, 5)))
            lines.append(f"（{_numeral(item)}）{body}")
            for sub in range(1, rng.randint(1, 4)):
                lines.append(f"{sub}.{rng.choice(paragraphs)}")
        total = sum(len(x.encode("utf-8")) + 1 for x in lines)
    lines.append("回到顶部")
    return "\n".join(lines) + "\n"


def _numeral(n: int) -> str:
    if n <= 10:
        return HAN_NUMERALS[n - 1]
    if n < 20:
        return "十" + HAN_NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return HAN_NUMERALS[tens - 1] + "十" + (HAN_NUMERALS[ones - 1] if ones else "")


def write_documents(folder: Path, count: int, size: int = 25_000, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = corpus_paragraphs()
    paths = []
    for number in range(1, count + 1):
        path = folder / f"doc_{number:05d}.txt"
        path.write_text(make_document(number, paragraphs, size, seed), encoding="utf-8")
        paths.append(path)
    return paths
