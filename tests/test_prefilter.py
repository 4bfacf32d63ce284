"""The regex prefilters (scorer/checklist/prefilter.py) never change what a rule finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.ingest import load_document
from scorer.checklist.prefilter import (Alternatives, Prefiltered, captured_scout, finditer_holding, first_pattern, matcher,
                                        may_match, prefiltered, required_literals, scout, search_holding, span_finder)
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
            if may_match(rx, text):  # (a string the report's literal scan found a needed literal in)
                assert [m.span() for m in finditer_holding(rx, text)] == [m.span() for m in plain.finditer(text)]
                got, want = search_holding(rx, text), plain.search(text)
                assert (got and got.span()) == (want and want.span()), (name, text)
    for rid, rule in rules:
        for text in sentences:
            got, want = rule.search(text), rule.rx.search(text)
            assert (got and got.span()) == (want and want.span()), (rid, text)
            for pos in (0, len(text) // 2):
                assert [m.span() for m in rule.matches(text, pos)] == [m.span() for m in rule.rx.finditer(text, pos)], (rid, text)
                assert rule.spans(text, pos) == [m.span() for m in rule.rx.finditer(text, pos)], (rid, text)


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
    find, spans = matcher(rx, first_pattern(rx)), span_finder(rx, first_pattern(rx))
    assert find is not rx.finditer
    for text in ["", "12件3件", "2019年1.5件", "是三件十二项第二件", "二二二件", "abcbd bd", "bbbd"]:
        for pos in range(len(text) + 1):
            assert [m.span() for m in find(text, pos)] == [m.span() for m in rx.finditer(text, pos)], (text, pos)
            assert spans(text, pos) == [m.span() for m in rx.finditer(text, pos)], (text, pos)


@pytest.mark.parametrize("pattern", [
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?:%|个百分点|余?[件项])|(?<![是第])[两二三十]+[余多]?[件项](?!制度)",  # SIG-QUANTITY's shape
    r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|年(?:初|底)",  # SIG-DATE's
    r"(?P<n>\d+)件|(\d)项",  # groups of its own
    r"\d+(?:件|件次)?",  # the first of several ways to match wins, as in `match`
])
def test_a_captured_scout_gives_the_spans_finditer_gives(pattern):
    rx = re.compile(pattern)
    assert captured_scout(rx) is not None
    spans = span_finder(rx, first_pattern(rx))
    for text in ["", "12件3件", "2019年1.5件", "是三件十二项第二件", "3月5日", "2020年12月年底", "11件22件次", "一二项",
                 "10 %，二十余件制度", "3.5个百分点5项"]:
        for pos in range(len(text) + 1):
            assert spans(text, pos) == [m.span() for m in rx.finditer(text, pos)], (text, pos)


@pytest.mark.parametrize("pattern", [
    r"(?<![\d.])\d+(?:\.\d+)?[件项]|(?<![是第])[二三十]+[件项]",  # look-behinds, then a class (SIG-QUANTITY's shape)
    r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|年(?:初|底)",  # branches beginning with a class or a literal (SIG-DATE's)
    r"(?P<n>\d+)件",  # a named group
    r"[一-龥]+(?=项)",  # a look-ahead at the end
])
def test_a_scout_finds_where_the_leftmost_match_begins(pattern):
    rx = re.compile(pattern)
    start = scout(rx)
    assert start is not None
    for text in ["", "12件3件", "2019年1.5件", "是三件十二项第二件", "3月5日", "2020年12月年底", "11件22件", "一二项"]:
        for pos in range(len(text) + 1):
            for endpos in {len(text), max(pos, len(text) - 1)}:
                c, m = start.search(text, pos, endpos), rx.search(text, pos, endpos)
                assert (c and c.start()) == (m and m.start()), (text, pos, endpos)


def test_no_scout_where_words_begin_every_match_or_re_would_refuse_it():
    assert scout(re.compile("(?:已完成|共有)[^，]{0,5}")) is None  # its words' prefix tree finds fewer places
    assert scout(re.compile(r"\d+件  # a count", re.VERBOSE)) is None
    assert scout(re.compile(r"(\d)\1件")) is None  # re refuses a group reference inside the look-behind


def test_a_pattern_anchored_at_the_start_is_left_to_re():
    # re tries `^…` at the string's start alone; a candidate loop would try it at every first character
    rx = prefiltered(re.compile(r"^(?:从而|进而)?(?:增强|提升)[^，]{0,30}(?:意识|能力)"))
    assert not isinstance(rx, Prefiltered) or rx.first is None
    multiline = prefiltered(re.compile(r"^(?:从而|进而)?(?:增强|提升)[^，]{0,30}(?:意识|能力)", re.M))
    assert isinstance(multiline, Prefiltered) and multiline.first is not None


def test_an_alternation_searched_as_its_parts_that_can_match_finds_what_the_whole_finds():
    # VETO-ORGAN-NAME's shape: a part re must try at every clause start, and a part beginning with names
    parts = ["(?:^|(?<=[，,；;：:])|(?<=根据))(?!成立)[^，,。；;、：:“”《》]{2,20}领导小组办公室",
             "(?:生态环境|应急管理|卫生健康)(?:局|委|办公室)", "督察(?:组|办)"]
    rx = re.compile("|".join(parts))
    alt = prefiltered(rx, parts)
    assert isinstance(alt, Alternatives)
    texts = ["", "市生态环境局会同区法治政府建设领导小组办公室开展督察", "根据全面依法治区领导小组办公室要求，应急管理局牵头",
             "成立领导小组办公室", "卫生健康委、生态环境局督察组", "应急管理", "区委全面依法治区委员会办公室"]
    for text in texts:
        for pos in range(len(text) + 1):
            for endpos in {len(text), max(pos, len(text) - 3)}:
                assert [m.span() for m in alt.finditer(text, pos, endpos)] == [m.span() for m in rx.finditer(text, pos, endpos)]
                got, want = alt.search(text, pos, endpos), rx.search(text, pos, endpos)
                assert (got and got.span()) == (want and want.span()), (text, pos, endpos)


def test_the_organ_name_veto_is_searched_by_its_parts():
    assert isinstance(rulebook().organ_name_rx, Alternatives)
    # parts with capturing groups are not narrowed: the groups would be numbered anew
    parts = ["(?:^|(?<=，))[^，]{2,20}(领导)小组", "(应急管理)局"]
    assert not isinstance(prefiltered(re.compile("|".join(parts)), parts), Alternatives)
