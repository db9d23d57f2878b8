"""Property tests for the clause parser on hostile text: never raises, offsets and tree consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zcx_desktop.core.ingest.structure import MAX_WARNINGS, parse_clauses

LABELS = [
    "一、", "二、", "三、", "十、", "九十九、", "（一）", "（二）", "（十）", "(3)", "1.", "2．", "3、",
    "10.", "（1）", "（2）", "①", "②", "⑳", "第一章", "第二章", "第一节", "第一条", "第二条",
    "第一百条", "附件", "附件1", "附件2：", "目录", "一、总体要求", "（一）主要目标。",
]
FILLER = st.text(
    alphabet=st.sampled_from(list("政策条款内容，。；：、（）() 0123456789一二三十第章条附件\u200b\u202e\ufeff")),
    max_size=30,
)
LINE = st.one_of(
    st.builds(lambda label, rest: label + rest, st.sampled_from(LABELS), FILLER),
    FILLER,
    st.text(max_size=20),
)
TEXT = st.lists(LINE, max_size=60).map(lambda lines: "\n".join(lines))


def check_outline(text: str) -> None:
    clauses, warnings = parse_clauses(text)
    assert isinstance(warnings, list)
    previous_start = -1
    for position, clause in enumerate(clauses):
        assert clause.index == position
        assert 0 <= clause.start <= clause.body_end <= clause.end <= len(text)
        assert clause.start >= previous_start, "clauses in document order"
        previous_start = clause.start
        assert text.startswith(clause.label, clause.start) or clause.kind == "annex"
        assert clause.path and "//" not in clause.path and not clause.path.startswith("/")
        if clause.parent is None:
            assert clause.level == 1 or "/" not in clause.path
            continue
        parent = clauses[clause.parent]
        assert clause.parent < position, "parents before children"
        assert parent.level < clause.level
        assert parent.start <= clause.start and clause.end <= parent.end
        assert parent.body_end <= clause.start
        assert clause.path.startswith(parent.path + "/"), (parent.path, clause.path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_outline_is_consistent_for_label_soup(text: str) -> None:
    check_outline(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    check_outline(text)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(LABELS), st.integers(min_value=1, max_value=3000))
def test_repeated_labels_stay_bounded(label: str, times: int) -> None:
    text = "\n".join([label + "内容"] * times)
    clauses, warnings = parse_clauses(text)
    assert len(clauses) <= times
    assert len(warnings) <= MAX_WARNINGS + 1  # plus one "N more" summary line
