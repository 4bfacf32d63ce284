"""The faster issuer searches of metadata.py find exactly what the plain searches find.

`near_literal.finditer_near` searches a pattern only near the literal every match holds
(the city written before a district); SELF_DEPT_RE (我局, 局党组……) is tried only where a
match can begin. Both are held here to the plain `re` search: on the seeds, and on texts
made of the patterns' own characters in any order (hypothesis), where matches overlap,
touch, repeat and run into the ends of the text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.analysis import metadata
from scorer.analysis.near_literal import finditer_near

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))]
CJK = metadata.CJK


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


# (pattern, literal, before, after): every match holds the literal at most `before` characters
# after its start and ends at most `after` characters after it
_NEAR = [
    (rf"([{CJK}]{{2,9}})洪泽区", "洪泽区", 9, 0),
    (rf"([{CJK}]{{2,9}})区", "区", 9, 0),  # a one-character literal: windows touch and merge
    (rf"([{CJK}]{{2,9}}?)市市", "市市", 9, 0),  # lazy, and a literal that overlaps itself
    (r"[市区]{0,3}区区[县]{0,2}", "区区", 3, 2),
]


@pytest.mark.parametrize("pattern, literal, before, after", _NEAR)
def test_searching_near_the_literal_finds_the_plain_matches_in_the_seeds(pattern, literal, before, after):
    rx = re.compile(pattern)
    for text in SEEDS + ["", literal, "淮安市洪泽区" * 3, "\n洪泽区，淮安市洪泽区洪泽区。"]:
        assert _spans(finditer_near(rx, text, literal, before, after)) == _spans(rx.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_NEAR), st.text(alphabet="淮安市洪泽区县，。\n a", max_size=60))
def test_searching_near_the_literal_finds_the_plain_matches_in_any_text(case, text):
    pattern, literal, before, after = case
    rx = re.compile(pattern)
    assert _spans(finditer_near(rx, text, literal, before, after)) == _spans(rx.finditer(text))


def test_the_city_before_a_district_is_found_as_before():
    text = "淮安市洪泽区2023年法治政府建设情况报告\n2023年，洪泽区坚持……，淮安市洪泽区人民政府……。"
    assert metadata._city_written_before("洪泽区", text) == "淮安市"
    assert metadata._city_written_before("金湖县", text) is None


@pytest.mark.parametrize("pattern", [r"(?<=市)[区县]", r"^市区", r"市区$", r"\b市区", r"市(?=区)区"])
def test_a_pattern_that_looks_outside_its_match_is_refused(pattern):
    with pytest.raises(ValueError):
        list(finditer_near(re.compile(pattern), "市区", "区", 5))


_SELF_DEPT_ALPHABET = "我本局厅委办党组领导班子主任会议公会，,。；;：:\n市司法 a"


def _plain_self_dept():
    return metadata.SELF_DEPT_RE.rx  # the pattern itself, without the first-character prefilter


def _same(got, want):
    return (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def test_self_department_search_finds_the_plain_match_in_the_seeds():
    plain = _plain_self_dept()
    texts = SEEDS + ["我局", "局党组", "市司法局党组", "，局党组", "\n委主任办公会", "本办", "局党局党组", "我本局"]
    for text in texts:
        assert _same(metadata.SELF_DEPT_RE.search(text), plain.search(text)), text
        assert _spans(metadata.SELF_DEPT_RE.finditer(text)) == _spans(plain.finditer(text)), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_SELF_DEPT_ALPHABET, max_size=40))
def test_self_department_search_finds_the_plain_match_in_any_text(text):
    plain = _plain_self_dept()
    assert _same(metadata.SELF_DEPT_RE.search(text), plain.search(text))
    assert _spans(metadata.SELF_DEPT_RE.finditer(text)) == _spans(plain.finditer(text))
