"""Recall: every random substring of generated documents is found, and nothing else is."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from zcx_desktop.core.library import Library
from zcx_desktop.core.search import SearchIndex
from zcx_desktop.core.search.analysis import fold

CORPUS = Path(__file__).resolve().parents[2] / "resources" / "sample"
EXTRAS = ["R&D投入", "达到2.95%", "5G基站", "到2020年底", "ＡＩ应用", "第3季度", "v2.0版本", "人民法院", "高质量发展"]
LABELS = ["一、", "二、", "三、", "四、"]
SUBLABELS = ["（一）", "（二）", "（三）"]


def corpus_sentences() -> list[str]:
    text = "".join(p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt")))
    parts = [s.strip() for s in re.split(r"(?<=。)", text)]
    return [s for s in parts if 8 <= len(s) <= 120 and "\n" not in s]


def make_document(rng: random.Random, sentences: list[str], n: int) -> str:
    lines = [f"测试文件{n}号关于推进创新的实施方案", "为落实有关要求，制定本方案。"]
    for label in LABELS:
        lines.append(label + "".join(rng.sample(sentences, 2)))
        for sub in SUBLABELS[: rng.randint(1, 3)]:
            body = "".join(rng.sample(sentences, 2))
            if rng.random() < 0.5:
                body += rng.choice(EXTRAS) + "。"
            lines.append(sub + body)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    rng = random.Random(20261122)
    sentences = corpus_sentences()
    library = Library.open(tmp_path_factory.mktemp("recall") / "lib")  # no listener: index once
    for n in range(25):
        assert library.import_text(make_document(rng, sentences, n), title=f"测试{n}").ok
    index = SearchIndex(library)
    assert index.ensure_ready() is not None
    yield library, index
    index.close()
    library.close()



_PIECES: dict[int, dict[int, list[str]]] = {}


def pieces_of(library) -> dict[int, list[str]]:
    """Per document: each clause's own text and the text outside clauses, folded (cached)."""
    key = id(library)
    if key not in _PIECES:
        table = {}
        for doc in library.list_documents():
            text = library.get_text(doc.id)
            clauses = library.get_clauses(doc.id)
            pieces = [text[c.start : c.body_end] for c in clauses]
            cursor = 0
            for start, end in sorted((c.start, c.body_end) for c in clauses):
                pieces.append(text[cursor:start])
                cursor = max(cursor, end)
            pieces.append(text[cursor:])
            table[doc.id] = [fold(p) for p in pieces]
        _PIECES[key] = table
    return _PIECES[key]


def truth(library, needle: str) -> set[int]:
    """Documents where the needle occurs inside one clause's own text or outside clauses."""
    return {doc_id for doc_id, pieces in pieces_of(library).items() if any(needle in p for p in pieces)}


def random_needles(library, rng: random.Random, count: int) -> list[str]:
    docs = library.list_documents()
    needles = []
    while len(needles) < count:
        doc = rng.choice(docs)
        clauses = library.get_clauses(doc.id)
        text = library.get_text(doc.id)
        clause = rng.choice(clauses)
        body = text[clause.start : clause.body_end]
        length = rng.choice([2, 2, 3, 4, 4, 5, 7, 10, 16])
        if len(body) <= length:
            continue
        start = rng.randrange(len(body) - length)
        needle = body[start : start + length]
        if '"' in needle or "“" in needle or "”" in needle or "\n" in needle or not needle.strip():
            continue
        needles.append(needle.strip())
    return [n for n in needles if len(n) >= 2]


def found_docs(index, needle: str) -> tuple[set[int], int]:
    results = index.search(f'"{needle}"', limit=1000, per_doc=1)
    assert set(results.all_doc_ids) == {d.doc_id for d in results.documents}
    return set(results.all_doc_ids), results.total_docs


def test_random_substrings_are_all_found_without_false_positives(generated) -> None:
    library, index = generated
    rng = random.Random(7)
    misses, extras = [], []
    for needle in random_needles(library, rng, 200):
        expected = truth(library, fold(needle))
        got, total = found_docs(index, needle)
        assert total == len(got)
        if expected - got:
            misses.append(needle)
        if got - expected:
            extras.append(needle)
    assert not misses, f"missed: {misses[:10]}"
    assert not extras, f"false positives: {extras[:10]}"


@pytest.mark.parametrize("needle", ["R&D", "2.95%", "5G", "5g", "2020年", "0年底", "AI", "ai应", "v2.0", "法院", "质量", "95%", "&D投"])
def test_mixed_ascii_number_queries(generated, needle: str) -> None:
    library, index = generated
    expected = truth(library, fold(needle))
    assert expected, f"generator should have produced {needle}"
    assert found_docs(index, needle)[0] == expected


@pytest.mark.parametrize("needle", ["年", "创", "G", "%"])
def test_single_character_queries(generated, needle: str) -> None:
    library, index = generated
    expected = truth(library, fold(needle))
    assert expected
    assert found_docs(index, needle)[0] == expected
