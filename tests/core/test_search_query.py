"""Search analysis and query syntax: bigram tokens, folding, parsing, malformed input."""

from __future__ import annotations

import pytest

from zcx_desktop.core.search.analysis import bigram_tokens, fold, split_runs
from zcx_desktop.core.search.lexicon import TermLexicon
from zcx_desktop.core.search.querying import (
    MAX_QUERY_CHARS,
    parse_query,
    parse_year_range,
    plan_literal,
)


def test_bigrams_overlap_and_leave_a_gap_between_runs() -> None:
    tokens = list(bigram_tokens("科技金融，R&D"))
    assert [t[0] for t in tokens] == ["科技", "技金", "金融", "r", "d"]
    positions = [t[1] for t in tokens]
    assert positions[:3] == [0, 1, 2]
    assert positions[3] > positions[2] + 1  # the comma breaks the phrase
    assert tokens[0][2:] == (0, 2)


def test_lone_han_character_is_its_own_token() -> None:
    assert [t[0] for t in bigram_tokens("（一）加强")] == ["一", "加强"]


def test_fold_keeps_length_and_maps_full_width() -> None:
    assert fold("（２０２０）ＡＩ") == "(2020)ai"
    assert len(fold("ＡＢＣ中文")) == 5


class FakeReader:
    """Stands in for a Whoosh reader's term list."""

    def lexicon(self, fieldname: str) -> list[bytes]:
        return [t.encode() for t in ["2020", "12020", "5g", "r", "d", "年", "年底", "今年", "创新", "新年"]]


def lexicons(fieldname: str) -> TermLexicon:
    return TermLexicon(FakeReader(), fieldname)


def test_lexicon_expands_single_characters_and_partial_words() -> None:
    lex = lexicons("text")
    assert sorted(lex.han_containing("年")) == ["今年", "年", "年底", "新年"]
    assert lex.words_matching("2020", at_start=True, at_end=False) == ["2020", "12020"]
    assert lex.words_matching("20", at_start=False, at_end=True) == ["2020"]
    assert lex.words_matching("02", at_start=True, at_end=True) == ["2020", "12020"]


def test_runs_split_han_from_words() -> None:
    assert [(r.kind, r.text) for r in split_runs("到2020年底")] == [
        ("han", "到"),
        ("word", "2020"),
        ("han", "年底"),
    ]


def test_plain_words_are_anded_and_or_groups_neighbours() -> None:
    parsed = parse_query("科技 金融 OR 创新 -发展 NOT 人才")
    assert [[lit.needle for lit in g] for g in parsed.groups] == [["科技"], ["金融", "创新"]]
    assert [lit.needle for lit in parsed.excluded] == ["发展", "人才"]


def test_quoted_phrase_keeps_spaces_and_operators() -> None:
    parsed = parse_query('"科技 OR 金融" issuer:无锡')
    assert [lit.needle for lit in parsed.literals] == ["科技 or 金融"]
    assert [(f.name, f.value) for f in parsed.filters] == [("issuer", "无锡")]


def test_field_filters_and_chinese_aliases() -> None:
    parsed = parse_query('year:2018..2020 docno:锡政办发 tag:重点 文号：苏政办发 in:notes 批注词 issuer:"无锡 市"')
    names = [(f.name, f.value) for f in parsed.filters]
    assert ("year", "2018..2020") in names and ("docno", "锡政办发") in names
    assert ("tag", "重点") in names and ("docno", "苏政办发") in names
    assert ("issuer", "无锡 市") in names
    assert parsed.literals[0].scope == "notes"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018", (2018, 2018)), ("2018..2020", (2018, 2020)), ("2020..2018", (2018, 2020)),
     ("..2019", (0, 2019)), ("2018..", (2018, 9999)), ("abc", None), ("..", None)],
)
def test_year_ranges(value: str, expected: tuple[int, int] | None) -> None:
    assert parse_year_range(value) == expected


@pytest.mark.parametrize(
    "query",
    ['"未闭合的引号', "OR", "NOT", "-", "AND OR NOT", "issuer:", "year:abc", ":", '""', "x" * 10_000,
     "（", "*?[]{}\\", "中" * 5000, "a:b:c", "-\"", "OR 科技 OR"],
)
def test_malformed_queries_never_raise(query: str) -> None:
    parsed = parse_query(query)
    for lit in parsed.literals + parsed.excluded:
        plan_literal(lit, lexicons)
        assert len(lit.needle) <= MAX_QUERY_CHARS


def test_long_query_is_truncated_with_notice() -> None:
    parsed = parse_query("中" * 10_000)
    assert parsed.notices and len(parsed.literals[0].needle) == MAX_QUERY_CHARS


def test_only_a_single_term_literal_is_exact_at_document_level() -> None:
    assert plan_literal(parse_query("研发").literals[0], lexicons).exact
    assert plan_literal(parse_query("2020").literals[0], lexicons).exact is False  # may be part of 12020
    assert not plan_literal(parse_query("研发投入").literals[0], lexicons).exact  # bigrams may be apart
    assert not plan_literal(parse_query("2020年").literals[0], lexicons).exact


def test_literal_condition_is_an_and_of_all_its_bigrams() -> None:
    plan = plan_literal(parse_query("研发投入").literals[0], lexicons)
    kind, (in_text, in_notes) = plan.candidate
    assert kind == "or" and in_text == ("and", [("term", "text", g) for g in ["研发", "发投", "投入"]])
    assert in_notes[1][0][1] == "notes"


def test_lone_character_alone_scans_and_edge_character_is_left_to_confirmation() -> None:
    assert plan_literal(parse_query("年").literals[0], lexicons).candidate == ("all",)
    cond = plan_literal(parse_query("2020年").literals[0], lexicons).candidate
    assert "年" not in repr(cond) and "2020" in repr(cond)
