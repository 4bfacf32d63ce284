"""The fast matching machinery finds exactly what the plain search finds.

Matching reads every phrase, heading word and exclude phrase of a checklist from one
Aho-Corasick pass over the report (scorer/analysis/phrase_index.py), and the rule
book's patterns look first for a character their matches can begin with
(scorer/checklist/prefilter.py). These tests hold both to the plain searches they
replace, on the real seeds, and check that a changed local checklist or a tuned
rule book is matched with its new words in the same process.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.ingest import load_document
from scorer.analysis.match import judge_item
from scorer.analysis.phrase_index import DocPhrases, PhraseIndex, find_all, find_spans
from scorer.analysis.pipeline import choose_checklist, score_file
from scorer.checklist.load import STRUCTURE_CHECKLIST, Checklist, auto_outlines, load_checklist
from scorer.checklist.prefilter import first_class
from scorer.checklist.rules import load_rulebook_spec, rulebook

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CHECKLISTS = [*auto_outlines(), load_checklist(STRUCTURE_CHECKLIST)]


def analysed(path: Path) -> tuple[AnalysedDoc, Checklist]:
    doc = load_document(path)
    cl, _ = choose_checklist(doc)
    return AnalysedDoc.analyse(doc, rulebook(cl.spec.rules)), cl


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_one_pass_finds_every_occurrence_that_str_find_finds(seed):
    adoc, _ = analysed(seed)
    for cl in CHECKLISTS:
        index = PhraseIndex(cl.items)
        found = DocPhrases(index, adoc.text, adoc.sentences, adoc.starts)
        for i, s in enumerate(adoc.sentences):
            plain = {w: find_all(s.text, w) for w in index.words}
            assert found.in_sentence(i) == {w: p for w, p in plain.items() if p}, s.text
        for w in index.words:
            plain_starts = set()
            for pos in find_all(adoc.text, w):
                j = [k for k, s in enumerate(adoc.sentences) if s.start <= pos < s.end]
                plain_starts.update(j)
            # Where words start is kept for the first parts of rules only (what matching asks).
            assert set(found.starting_in.get(w, [])) == (plain_starts if w in index.firsts else set()), w


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_every_item_is_judged_the_same_with_and_without_the_phrase_index(seed):
    adoc, cl = analysed(seed)
    # The same checklist as an object whose index knows no word: every item is then
    # matched by searching each phrase in each sentence, as before the index.
    unindexed = Checklist(spec=cl.spec.model_copy(update={"items": []}), path=cl.path, sha256="",
                          compiled_patterns=cl.compiled_patterns)
    fresh = AnalysedDoc(adoc.document, adoc.book, adoc.sections, adoc.sentences, adoc.starts)
    fast = [judge_item(it, cl, adoc).model_dump_json() for it in cl.items]
    plain = [judge_item(it, unindexed, fresh).model_dump_json() for it in cl.items]
    assert fast == plain
    assert any('"status":"covered"' in r for r in fast)  # the comparison is about real verdicts


def _local_checklist(path: Path, added: list[str]) -> None:
    path.write_text(textwrap.dedent(f"""\
        id: local-speed
        version: "1"
        title: 本市清单
        extends: outline-2021
        years: null
        overrides:
          O21-19:
            phrases_add: [{", ".join(added)}]
        """), encoding="utf-8")


def test_a_changed_local_checklist_is_matched_with_its_new_phrases_in_the_same_process(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("某区2023年法治政府建设年度报告\n"
                      "一、主要工作\n2023年，我区开展蓝鲸专项行动，办结争议案件12件。\n", encoding="utf-8")
    local = tmp_path / "local.yaml"
    _local_checklist(local, ["信访复查"])
    before = next(it for it in score_file(report, str(local)).items if it.id == "O21-19")
    assert before.status.value == "missing"
    _local_checklist(local, ["信访复查", "蓝鲸专项行动"])  # edited: the file grows, a new phrase
    after = next(it for it in score_file(report, str(local)).items if it.id == "O21-19")
    assert after.status.value == "covered"
    assert "命中「蓝鲸专项行动」" in after.evidence[0].reasons


def test_a_rule_book_word_added_by_a_checklist_is_found_by_the_prefiltered_signal_rule(tmp_path):
    text = "某区2023年法治政府建设年度报告\n一、主要工作\n我区行政复议中心竣工。\n"
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    local = tmp_path / "local.yaml"
    local.write_text(textwrap.dedent("""\
        id: local-act
        version: "1"
        title: 本市清单
        extends: outline-2021
        years: null
        """), encoding="utf-8")
    plain = next(it for it in score_file(report, str(local)).items if it.id == "O21-19")
    assert plain.status.value == "partial"
    local.write_text(local.read_text(encoding="utf-8") + "rules:\n  SIG-ACT: {words_add: [竣工]}\n", encoding="utf-8")
    tuned = next(it for it in score_file(report, str(local)).items if it.id == "O21-19")
    assert tuned.status.value == "covered"
    assert {s.text for s in tuned.evidence[0].signals} == {"竣工"}


def _book_patterns() -> list[re.Pattern[str]]:
    book = rulebook()
    out = [sig.rx for sig in book.signals]
    out += [getattr(book, name) for name in ("plan_rx", "shortcoming_rx", "act_rx", "response_rx", "training_rx",
                                             "training_unless_rx", "cited_law_rx", "cited_basis_rx", "organ_name_rx")]
    return [getattr(rx, "rx", rx) for rx in out if rx is not None]


def _seed_sentences() -> list[str]:
    return [s.text for seed in SEEDS for s in analysed(seed)[0].sentences]


def test_rule_book_patterns_match_as_the_patterns_written_in_the_book():
    # Compiled as one flat alternation; each wrapped in a group as written, the same matches.
    spec = {r.id: r for _, r in load_rulebook_spec().all_rules()}
    book = rulebook()
    sentences = _seed_sentences()
    for sig in book.signals:
        r = spec[sig.id]
        parts = [p for p in r.patterns if p] + ([
            "|".join(re.escape(w) for w in sorted(set(r.words), key=len, reverse=True))] if r.words else [])
        wrapped = re.compile("|".join(f"(?:{p})" for p in parts))
        for s in sentences:
            assert [m.span() for m in sig.rx.finditer(s)] == [m.span() for m in wrapped.finditer(s)], (sig.id, s)


def test_prefilter_skips_only_where_no_match_can_begin():
    sentences = _seed_sentences()
    checked = 0
    for rx in _book_patterns():
        first = first_class(rx)
        if first is None:
            continue
        checked += 1
        for s in sentences:
            m = first.search(s)
            quick = [] if m is None else [x.span() for x in rx.finditer(s, m.start())]
            assert quick == [x.span() for x in rx.finditer(s)], (rx.pattern, s)
    assert checked >= 5


def test_prefilter_is_not_used_for_patterns_it_cannot_state():
    for pattern in [r"a*", r"(?:x|)", r".x", r"[^a]b", r"(?i)ab", r"(a)?\1"]:
        assert first_class(re.compile(pattern)) is None, pattern
    assert first_class(re.compile(r"(?<![\d.])\d+%|第[一二]次")).pattern == r"[\d第]"


_PATTERNS = [r"(?<![\d.])\d+(?:\.\d+)?\s*(?:%|个|余?件)", r"\d{1,2}月\d{1,2}日|年(?:初|底)", r"^(?:下一步|今后)|将(?:继续|进一步)",
             r"(?:先后|共)?[\d两二三]+次(?:召开|研究)", r"[a-c]{2,}\b|\s+x", r"(?=ab)\w+c"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PATTERNS), st.text(alphabet="0123456789.%个余件月日年初底下一步今后将继续进一先后共两二三次召开研究abcx \n，。",
                                            max_size=40))
def test_prefiltered_search_finds_the_same_matches_on_any_text(pattern, text):
    rx = re.compile(pattern)
    first = first_class(rx)
    assert first is not None
    m = first.search(text)
    quick = [] if m is None else [x.span() for x in rx.finditer(text, m.start())]
    assert quick == [x.span() for x in rx.finditer(text)]


def test_a_phrase_part_with_alternatives_matches_either_word_and_names_the_plain_rule(tmp_path):
    # "蓝鲸+专项|集中" stands for 蓝鲸+专项 and 蓝鲸+集中: the evidence names the one that matched.
    report = tmp_path / "report.txt"
    report.write_text("某区2023年法治政府建设年度报告\n"
                      "一、主要工作\n2023年，我区开展蓝鲸集中整治，办结争议案件12件。\n", encoding="utf-8")
    local = tmp_path / "local.yaml"
    _local_checklist(local, ["蓝鲸+专项|集中"])
    item = next(it for it in score_file(report, str(local)).items if it.id == "O21-19")
    assert item.status.value == "covered"
    assert {(m.text, m.phrase) for m in item.evidence[0].matched} == {("蓝鲸", "蓝鲸+集中"), ("集中", "蓝鲸+集中")}
    _local_checklist(local, ["蓝鲸+专项|行动"])  # neither alternative is in the sentence
    item = next(it for it in score_file(report, str(local)).items if it.id == "O21-19")
    assert item.status.value == "missing"


def test_the_shipped_assessment_items_need_a_rule_of_law_word_beside_a_generic_one():
    # O21-30 writes 考评+法治|依法|述法 once instead of three rules: each alternative still counts alone.
    from scorer.checklist.schema import expanded_phrases

    o21 = next(cl for cl in CHECKLISTS if cl.spec.id == "outline-2021")
    rules = expanded_phrases(o21.item("O21-30").phrases)
    assert {"考评+法治", "考评+依法", "考评+述法"} <= set(rules)
    assert "考评" not in rules and len(rules) == len(set(rules))


_OUTLINE = auto_outlines()[-1]
_INDEX = PhraseIndex(_OUTLINE.items)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_an_items_rules_in_a_sentence_are_those_whose_first_part_stands_there(data):
    # ItemPlan.rules_in reads its table of first parts; the plain answer filters every rule of the item.
    item = data.draw(st.sampled_from(_OUTLINE.items))
    plan = _INDEX.plan(item)
    words = sorted({parts[0] for _, parts in plan.rules} | {"法治", "不在清单里的词"})
    found = {w: [0] for w in data.draw(st.lists(st.sampled_from(words), max_size=6))}
    assert plan.rules_in(found) == tuple(rule for rule in plan.rules if rule[1][0] in found)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="法治法治a.、", max_size=30), st.text(alphabet="法治a.、", max_size=3))
def test_find_spans_finds_what_the_escaped_pattern_finds(text, word):
    """find_spans stands in for re.finditer(re.escape(word), text): the same spans, overlaps skipped."""
    assert find_spans(text, word) == [m.span() for m in re.finditer(re.escape(word), text)]
