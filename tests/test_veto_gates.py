"""The report's one scan for needed literals answers the vetoes as a search per sentence does.

Every sentence an item hits asks for its shared vetoes (VETO-CITED-LAW/-BASIS/ORGAN-NAME/TRAINING)
and its region vetoes (VETO-SPEECH/-RANKING/-BODY-NAME, meeting names). The sentence carries the
mask of scorer/analysis/literal_gates.py, worked out in the same scan as its signals, which says
which of those patterns can match in it. These tests hold the gated answers to the plain ones
(each pattern searched in the sentence): on the seeds, on texts made of the patterns' own words cut
anywhere, and for a rule book that is not the one the sentence was read with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.ingest import load_document
from scorer.analysis.match import shared_vetoes, veto_regions
from scorer.analysis.sections import parse_sections
from scorer.analysis.sentences import split_sentences
from scorer.checklist.prefilter import required_literals
from scorer.checklist.rules import rulebook

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _same_answers(sentences, book) -> int:
    """Asserts the gated and the plain answers agree for every sentence; returns how many vetoes were found."""
    found = 0
    for s in sentences:
        assert s.gated is not None
        shared = shared_vetoes(book, s.text, s.gated)
        assert shared == shared_vetoes(book, s.text), s.text
        regions = veto_regions(book, s.text, s.gated)
        assert regions == veto_regions(book, s.text), s.text
        found += len(shared) + sum(len(spans) for _, _, spans in regions.vetoes) + len(regions.meetings)
    return found


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_the_seeds_get_the_vetoes_a_search_per_sentence_finds(seed):
    book = rulebook()
    sentences = AnalysedDoc.analyse(load_document(seed), book).sentences
    assert _same_answers(sentences, book) > 0  # the seeds hold vetoed words


_BOOK = rulebook()
_PATTERNS = [_BOOK.cited_law_rx, _BOOK.cited_basis_rx, _BOOK.organ_name_rx, _BOOK.training_rx,
             *(rx for _, _, rx in _BOOK.region_vetoes), _BOOK.meeting_rx]
_WORDS = sorted({w for rx in _PATTERNS if rx is not None for w in (required_literals(getattr(rx, "rx", rx)) or ())})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS),
                          st.sampled_from(list("，。；、：12年第了的在为组长领导小组 \n《》“”法条例会议"))), max_size=60))
def test_any_text_gets_the_vetoes_a_search_per_sentence_finds(pieces):
    text = "".join(pieces)
    sentences = split_sentences(text, parse_sections(text, 2023), _BOOK)
    _same_answers(sentences, _BOOK)


def test_a_rule_book_other_than_the_sentences_own_searches_each_sentence():
    text = "根据《中华人民共和国行政复议法》，召开推进会议，他指出要依法行政。"
    plain = rulebook()
    tuned = rulebook(None, {"VETO-CITED-LAW": {"enabled": False}})
    sentences = split_sentences(text, parse_sections(text, 2023), plain)
    for s in sentences:
        # the mask was worked out for `plain`: `tuned` is answered by its own searches
        assert shared_vetoes(tuned, s.text, s.gated) == shared_vetoes(tuned, s.text)
        assert veto_regions(tuned, s.text, s.gated) == veto_regions(tuned, s.text)
    assert any(v.rule == "VETO-CITED-LAW" for s in sentences for v in shared_vetoes(plain, s.text, s.gated))
    assert not any(v.rule == "VETO-CITED-LAW" for s in sentences for v in shared_vetoes(tuned, s.text, s.gated))
