"""Labelling aid: print a document's clean text line by line with the clause path each line is in.

Usage: python bench/outline_dump.py FILE
Runs only the import pipeline (reader, cleaning, clause structure), never the extractors, so a
labeller can read clause paths for hand labels without seeing what the extractor would find.
A .txt file is decoded as the importer decodes it (UTF-8, GB18030, …) and read as pasted text
(as bench/extract_eval.py does); other types go through their file reader (docx tables become
tab-separated rows, html the same).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zcx_desktop.core.ingest import ingest_file, ingest_text  # noqa: E402
from zcx_desktop.core.ingest.decode import decode_bytes  # noqa: E402
from zcx_desktop.core.outline import clause_at  # noqa: E402


def parse_source(path: Path):
    """The document as the extraction benchmark sees it."""
    if path.suffix.lower() == ".txt":
        text, _encoding = decode_bytes(path.read_bytes(), path.name)
        return ingest_text(text)
    return ingest_file(path)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    parsed = parse_source(Path(argv[0]))
    print(f"# title: {parsed.meta.title}")
    offset = 0
    for line in parsed.text.split("\n"):
        clause = clause_at(parsed.clauses, offset)
        path = clause.path if clause else "-"
        print(f"{path:<16}| {line}")
        offset += len(line) + 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
