"""Hostile corpus (≥ 200 files): each imports sensibly or fails with a clear message, in bounded
time, through the isolated parser, and a failed import leaves the library untouched."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.hostile_factory import write_hostile_corpus
from zcx_desktop.core import isolate
from zcx_desktop.core.importer import ImportResult
from zcx_desktop.core.isolate import IsolatedParser, Limits

pytestmark = pytest.mark.slow

# Short limits so the few pathological files (python-markdown on 2,000 nested lists, 50,000
# HTML attributes) time out quickly in CI; the app uses 30 s + 3 s/MB.
TEST_LIMITS = Limits(base_seconds=5, seconds_per_mb=3, max_seconds=20)
SLACK_SECONDS = 5
HAN = re.compile(r"[\u4e00-\u9fff]")

# Reader bugs found by this corpus (none left): a reader bug would show as
# "解析此文件时程序出错（…）" instead of crashing the import.
KNOWN_READER_BUGS: dict[str, str] = {}
MUST_IMPORT = {"valid_reference.docx", "valid_reference.pdf", "utf16_no_bom.txt", "enc_big5.txt"}
MUST_FAIL = {
    "docx_bomb_honest.docx": "", "docx_bomb_lying.docx": "", "docx_bomb_many_small.docx": "",
    "huge_100mb.txt": "文件过大", "text_40mb.txt": "文件过大", "pdf_encrypted.pdf": "加密",
    "empty.txt": "", "all_nul.txt": "", "noise_1048576.docx": "", "ole_as.docx": ".doc",
}


@dataclass
class Outcome:
    """One file's import: result, seconds taken, library snapshot before and after."""

    result: ImportResult
    seconds: float
    before: dict[str, object]
    after: dict[str, object]


def snapshot(library) -> dict[str, object]:
    conn = library.connect()
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("documents", "clauses", "document_tags", "annotations", "layers")
    }
    originals = sorted(str(p.relative_to(library.originals_dir)) for p in library.originals_dir.rglob("*"))
    return {"counts": counts, "originals": originals}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_hostile_corpus(folder)


@pytest.fixture(scope="module")
def outcomes(corpus, tmp_path_factory: pytest.TempPathFactory):
    from zcx_desktop.core.library import Library

    folder, categories = corpus
    parser = IsolatedParser(TEST_LIMITS)
    saved, isolate._default = isolate._default, parser
    # Plain library: the search index (derived, ~1 ms per clause) is checked separately below.
    library = Library.open(tmp_path_factory.mktemp("hostile-lib") / "lib")
    library.import_text("一、总体要求\n（一）已有的文档，导入失败时不得改变。", title="基线")
    results: dict[str, Outcome] = {}
    try:
        for name in sorted(categories):
            before = snapshot(library)
            started = time.monotonic()
            result = library.import_file(folder / name)
            results[name] = Outcome(result, time.monotonic() - started, before, snapshot(library))
        yield library, results
    finally:
        library.close()
        parser.close()
        isolate._default = saved


def test_corpus_has_at_least_200_files(corpus) -> None:
    folder, categories = corpus
    assert len(categories) >= 200
    assert len(set(categories.values())) >= 25
    assert (folder / "huge_100mb.txt").stat().st_size == 100 * 1024 * 1024


def test_every_failure_is_a_clear_message_naming_the_file(outcomes) -> None:
    _, results = outcomes
    unclear = []
    for name, outcome in results.items():
        result = outcome.result
        if result.ok:
            continue
        if not (result.error.startswith(Path(name).name + "：") and HAN.search(result.error)):
            unclear.append((name, result.error))
        if "Traceback" in result.error or "Error:" in result.error:
            unclear.append((name, result.error))
    assert not unclear


def test_reader_bugs_are_only_the_known_ones(outcomes) -> None:
    _, results = outcomes
    bugs = {n for n, o in results.items() if "程序出错" in o.result.error}
    assert bugs <= set(KNOWN_READER_BUGS), sorted(bugs - set(KNOWN_READER_BUGS))


def test_every_file_finishes_in_bounded_time(outcomes) -> None:
    _, results = outcomes
    slow = {n: round(o.seconds, 1) for n, o in results.items()
            if o.seconds > TEST_LIMITS.max_seconds + SLACK_SECONDS}
    assert not slow


def test_failed_imports_leave_the_library_unchanged(outcomes) -> None:
    _, results = outcomes
    changed = [n for n, o in results.items() if not o.result.ok and o.before != o.after]
    assert not changed


def test_successful_imports_add_one_document_or_are_duplicates(outcomes) -> None:
    _, results = outcomes
    wrong = []
    for name, outcome in results.items():
        if not outcome.result.ok:
            continue
        added = outcome.after["counts"]["documents"] - outcome.before["counts"]["documents"]
        if added != (0 if outcome.result.duplicate else 1):
            wrong.append((name, added))
    assert not wrong


def test_imported_documents_keep_the_clean_text_contract(outcomes) -> None:
    library, results = outcomes
    broken = []
    for name, outcome in results.items():
        if not outcome.result.ok or outcome.result.duplicate:
            continue
        doc_id = outcome.result.doc_id
        text = library.get_text(doc_id)
        if not text or "\x00" in text or "\n\n" in text:
            broken.append((name, "empty, NUL or blank line"))
        for clause in library.get_clauses(doc_id):
            if not 0 <= clause.start <= clause.body_end <= clause.end <= len(text):
                broken.append((name, f"clause {clause.path} offsets"))
                break
    assert not broken


def test_expected_outcomes(outcomes) -> None:
    _, results = outcomes
    for name in MUST_IMPORT:
        assert results[name].result.ok, (name, results[name].result.error)
    for name, words in MUST_FAIL.items():
        result = results[name].result
        assert not result.ok and words in result.error, (name, result.error)


def test_oversized_files_are_refused_quickly(outcomes) -> None:
    _, results = outcomes
    assert results["huge_100mb.txt"].seconds < 5
    assert results["docx_bomb_lying.docx"].seconds < TEST_LIMITS.max_seconds


def test_library_is_sound_afterwards(outcomes) -> None:
    library, _ = outcomes
    assert library.connect().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert library.connect().execute("PRAGMA foreign_key_check").fetchall() == []
    assert library.list_documents()[0].meta.title == "基线"


LEAKS = ("while(true)", "假条款", "evil.example", "tracker.example", "base64", "alert(")


def assert_no_leaks(library, result: ImportResult) -> None:
    assert result.ok, result.error
    text = library.get_text(result.doc_id)
    assert not [leak for leak in LEAKS if leak in text]


@pytest.mark.parametrize("name", ["html_scripts.html", "html_remote_resources.html", "md_remote_images.md"])
def test_scripts_and_remote_resources_never_reach_the_text(outcomes, name: str) -> None:
    library, results = outcomes
    assert_no_leaks(library, results[name].result)


def test_markdown_script_contents_are_dropped(outcomes) -> None:
    library, results = outcomes
    assert_no_leaks(library, results["md_raw_html_script.md"].result)


def test_search_works_with_hostile_documents(corpus, tmp_path: Path) -> None:
    from zcx_desktop.core.search import index_for
    from zcx_desktop.core.session import open_session

    folder, _ = corpus
    library = open_session(tmp_path / "lib")
    try:
        for name in ("num_yi_10000_lines.txt", "html_scripts.html", "ctrl_zwsp.txt", "noise_1024.txt"):
            library.import_file(folder / name)
        results = index_for(library).search("安全生产")
        assert results.total_docs == 1  # html_scripts and ctrl_zwsp share one clean text
        assert index_for(library).search("假条款").total_docs == 0
    finally:
        library.close()
