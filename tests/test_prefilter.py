"""The regex prefilters (scorer/checklist/prefilter.py) never change what a rule finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.ingest import load_document
from scorer.checklist.prefilter import Prefiltered, first_pattern, matcher, prefiltered, required_literals
from scorer.checklist.rules import rulebook

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("pattern, needed", [
    ("领导小组办公室", {"领导小组办公室"}),
    ("[^，]{2,20}领导小组办公室|(?:应急管理|卫生健康)(?:局|委)", {"领导小组办公室", "应急管理", "卫生健康"}),
    ("已(?:经)?(?:完成|实现)", {"完成", "实现"}),  # the longer needed part wins over 「已」
    ("(?<!学习)《[^《》]{2,80}》", {"《"}),
    ("(?:开展|组织)+活动", {"活动"}),
    ("abc|d*", None),  # a branch that needs nothing
    ("(?:abc)?", None),
    ("(?i)abc", None),
    (r"\d+%", {"%"}),
    (r"\d+", None),
])
def test_required_literals(pattern, needed):
    found = required_literals(re.compile(pattern))
    assert (set(found) if found else None) == needed


def test_an_optional_group_breaks_a_run_of_literals():
    assert required_literals(re.compile("ab(?:x)?cde")) == {"cde"}


def test_prefiltered_patterns_find_exactly_what_the_plain_ones_find():
    book = rulebook()
    sentences = [s.text for p in SEEDS for s in AnalysedDoc.analyse(load_document(p), book).sentences]
    sentences += ["", "办公室", "市应急管理局召开会议", "已经完成了《规划》的制定"]
    rules = [(r.id, r) for r in book.signals]
    patterns = [(name, value) for name, value in vars(book).items() if isinstance(value, (re.Pattern, Prefiltered))]
    assert any(isinstance(rx, Prefiltered) and rx.needs is not None for _, rx in patterns)
    for name, rx in patterns:
        plain = rx.rx if isinstance(rx, Prefiltered) else rx
        for text in sentences:
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)
            assert bool(rx.search(text)) == bool(plain.search(text)), (name, text)
    for rid, rule in rules:
        for text in sentences:
            got, want = rule.search(text), rule.rx.search(text)
            assert (got and got.span()) == (want and want.span()), (rid, text)
            for pos in (0, len(text) // 2):
                assert [m.span() for m in rule.matches(text, pos)] == [m.span() for m in rule.rx.finditer(text, pos)], (rid, text)


def test_a_pattern_without_literals_or_first_characters_stays_plain():
    rx = re.compile(r".+")
    assert prefiltered(rx) is rx


def test_prefiltered_document_kind_patterns_find_what_the_plain_ones_find():
    # The lookalike kinds (DOC-LOOKALIKE) are read in the head of every report: searched prefiltered,
    # they must find exactly what the plain patterns find, across lines (re.M) too.
    book = rulebook()
    heads = [p.read_text(encoding="utf-8")[:400] for p in SEEDS]
    heads += ["", "关于印发某某的通知", "各乡镇人民政府：\n现印发给你们", "某县人民政府关于加强执法工作的决定",
              "本报讯 记者 通讯员\n3月5日，", "我院\n江州市人民法院\n", "调研报告", "**局\n20__年"]
    for kind, rx in book.lookalikes + book.weak_lookalikes:
        plain = rx.rx if isinstance(rx, Prefiltered) else rx
        assert plain.flags & re.M
        for text in heads:
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)], (kind, text)


@pytest.mark.parametrize("pattern", [
    r"(?<![\d.])\d+(?:\.\d+)?[件项]|(?<![是第])[二三十]+[件项]",  # begins with look-behinds and a class
    r"(?<!a)(?:bc|b)d?",  # begins with a look-behind and literals
])
def test_matcher_finds_what_finditer_finds_from_every_position(pattern):
    rx = re.compile(pattern)
    find = matcher(rx, first_pattern(rx))
    assert find is not rx.finditer
    for text in ["", "12件3件", "2019年1.5件", "是三件十二项第二件", "二二二件", "abcbd bd", "bbbd"]:
        for pos in range(len(text) + 1):
            assert [m.span() for m in find(text, pos)] == [m.span() for m in rx.finditer(text, pos)], (text, pos)
