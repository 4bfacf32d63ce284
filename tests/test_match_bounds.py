"""The list-entry and clause bounds of rule VETO-ENUMERATION, found by `re`, are those a step per
character finds (scorer/analysis/match.py: _after_last, _next_at)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.analysis.match import (CLAUSE_MARKS, LIST_BOUNDS, LIST_CLOSERS, _LAST_CLAUSE_END, _LAST_LIST_BOUND,
                                   _NEXT_CLAUSE_END, _NEXT_LIST_BOUND, _after_last, _next_at)

_TEXTS = st.lists(st.sampled_from([*LIST_BOUNDS, *LIST_CLOSERS, "各", "项", "类", "法", "治", "\n", "1", "“", "”"]),
                  max_size=40).map("".join)


def _plain_entry(text: str, start: int, end: int) -> tuple[int, int]:
    a, b = start, end
    while a > 0 and text[a - 1] not in LIST_BOUNDS:
        a -= 1
    while b < len(text) and text[b] not in LIST_BOUNDS and not text.startswith(LIST_CLOSERS, b):
        b += 1
    return a, b


def _plain_clause(text: str, start: int, end: int) -> tuple[int, int]:
    a, b = start, end
    while a > 0 and text[a - 1] not in CLAUSE_MARKS + "。":
        a -= 1
    while b < len(text) and text[b] not in CLAUSE_MARKS + "。":
        b += 1
    return a, b


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.data())
def test_the_bounds_found_by_re_are_the_bounds_found_step_by_step(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert (_after_last(_LAST_LIST_BOUND, text, start), _next_at(_NEXT_LIST_BOUND, text, end)) == _plain_entry(text, start, end)
    assert (_after_last(_LAST_CLAUSE_END, text, start), _next_at(_NEXT_CLAUSE_END, text, end)) == _plain_clause(text, start, end)
