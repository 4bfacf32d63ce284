"""One scan of the report for the rules' needed literals answers what a search per sentence answers.

Sentence splitting asks scorer/analysis/literal_gates.py which signal rules (and MOD-PLAN,
MOD-SHORTCOMING, VETO-FORMULA) can match in which sentence instead of searching each sentence
for each rule's needed literals. These tests hold it to the per-sentence search: on the real
seeds, on texts made of the rules' own words cut anywhere, and with a rule book whose words a
checklist tuned.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.ingest import load_document
from scorer.analysis.literal_gates import gates_for
from scorer.analysis.sections import parse_sections
from scorer.analysis.sentences import classify_modality, find_signals, formula_clauses, split_sentences
from scorer.checklist.prefilter import required_literals
from scorer.checklist.rules import rulebook

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _plain(sentences, book):
    """Each sentence's modality, set-phrase clauses and signals as found with a needed-literal
    search per sentence and rule."""
    out = []
    for s in sentences:
        formula = formula_clauses(s.text, book)
        signals = [(g.rule, g.text, g.start) for g in find_signals(s.text, book, formula)]
        out.append((classify_modality(s.text, s.section, book), formula, signals))
    return out


def _gated(sentences):
    return [((s.modality, s.modality_reason, s.modality_rule), s.formula, [(g.rule, g.text, g.start) for g in s.signals])
            for s in sentences]


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_the_seeds_get_the_signals_and_modality_a_search_per_sentence_finds(seed):
    book = rulebook()
    sentences = AnalysedDoc.analyse(load_document(seed), book).sentences
    assert _gated(sentences) == _plain(sentences, book)
    assert sum(len(s.signals) for s in sentences) > 10  # the seeds are full of signals


def test_a_rule_is_tried_exactly_where_one_of_its_literals_stands_wholly_in_the_sentence():
    book = rulebook()
    gates = gates_for(book)
    date = next(k for k, r in enumerate(book.signals) if r.id == "SIG-DATE")
    text = "我们在3月召开会议。全年完成。今后将继续"  # 年 in 全年; no 年 or 月 in the last sentence
    spans = [(0, 9), (10, 14), (15, len(text))]
    masks = gates.masks(text, spans)
    assert [bool(m >> date & 1) for m in masks] == [True, True, False]
    # A literal cut by the end of a span does not count for it (「开展」 split as 开|展).
    activity = next(k for k, r in enumerate(book.signals) if r.id == "SIG-COUNTED-ACT")
    assert "开展" in required_literals(book.signals[activity].rx)
    assert not gates.masks("全面开展", [(0, 3)])[0] >> activity & 1
    assert gates.masks("全面开展", [(0, 4)])[0] >> activity & 1


_BOOK = rulebook()
_WORDS = sorted({w for rx in [r.rx for r in _BOOK.signals] + [_BOOK.plan_rx.rx, _BOOK.shortcoming_rx.rx, _BOOK.formula_rx.rx]
                 for w in (required_literals(rx) or ())})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(list("，。；、12年月日第了的在 \n《》“”"))),
                max_size=60))
def test_any_text_gets_the_signals_and_modality_a_search_per_sentence_finds(pieces):
    text = "".join(pieces)
    book = rulebook()
    sentences = split_sentences(text, parse_sections(text, 2023), book)
    assert _gated(sentences) == _plain(sentences, book)


def test_a_word_a_checklist_adds_to_a_signal_rule_is_looked_for_in_its_own_book():
    text = "2023年，我局组织验收合格项目，效果良好。"
    plain = rulebook()
    tuned = rulebook(None, {"SIG-ACT": {"words_add": ["验收"]}})
    assert gates_for(tuned) is not gates_for(plain)

    def acts(book):
        sentences = split_sentences(text, parse_sections(text, 2023), book)
        return [g.text for s in sentences for g in s.signals if g.rule == "SIG-ACT"]

    assert "验收" not in acts(plain)
    assert "验收" in acts(tuned)
