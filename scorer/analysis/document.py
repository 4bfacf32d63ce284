"""One analysed document that every check reads and annotates (like spaCy's `Doc`).

Ingest gives the cleaned text and its metadata; sections and sentences are computed
once here with the rule book in force; matching, structure checks and the padding
filter all take this one object instead of loose `text, sentences, starts`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from scorer.analysis.sections import parse_sections
from scorer.analysis.sentences import Sentence, split_sentences
from scorer.checklist.rules import RuleBook, rulebook
from scorer.models import Document, Section, SectionKind

# "一是……。" / "二是……；": an enumerated lead clause short enough to be a heading.
LEAD_RX = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|首先|其次|再次|最后)")
MAX_LEAD_CHARS = 30


_MATCH = None


def _match():
    """scorer.analysis.match (it imports this module): looked up once, not by an import
    statement per call (~3 µs each, ~150 calls per report)."""
    global _MATCH
    if _MATCH is None:
        from scorer.analysis import match

        _MATCH = match
    return _MATCH


@dataclass
class AnalysedDoc:
    document: Document
    book: RuleBook  # the rule book of the checklist the report is judged against
    sections: list[Section]
    sentences: list[Sentence]
    starts: list[int]
    # Sentence index -> Chinese reason, for sentences that only pile up checklist terms
    # (rule MATCH-PADDING): they are never evidence.
    padding: dict[int, str] = field(default_factory=dict)
    _vetoes: dict[tuple[int, int], list] = field(default_factory=dict, repr=False)
    _regions: dict[tuple[int, int], tuple] = field(default_factory=dict, repr=False)
    # id(PhraseIndex) -> (index, DocPhrases): the text scanned once per checklist (match.py).
    _phrase_scans: dict[int, tuple] = field(default_factory=dict, repr=False)
    _books: dict[tuple[int, str], RuleBook] = field(default_factory=dict, repr=False)
    # id(tuned book) -> (book, the book whose shared vetoes / veto regions it reads the same as: its own or `book`)
    _veto_books: dict[int, tuple[RuleBook, RuleBook, RuleBook]] = field(default_factory=dict, repr=False)

    @classmethod
    def analyse(cls, document: Document, book: RuleBook | None = None) -> AnalysedDoc:
        book = book or rulebook()
        sections = parse_sections(document.text, document.meta.year, document.meta.title, book)
        sentences = split_sentences(document.text, sections, book)
        return cls(document, book, sections, sentences, [s.start for s in sentences])

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def has_headings(self) -> bool:
        return len(self.sections) > 1

    @cached_property
    def headings(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_heading]

    @cached_property
    def heading_indices(self) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if s.is_heading]

    @cached_property
    def sentences_by_section(self) -> dict[int, list[int]]:
        """Section start -> indices of the sentences whose (deepest) section starts there."""
        out: dict[int, list[int]] = {}
        for i, s in enumerate(self.sentences):
            out.setdefault(s.section.start, []).append(i)
        return out

    @cached_property
    def sentences_by_kind(self) -> dict[SectionKind, list[Sentence]]:
        """Section kind -> the sentences of sections of that kind, in order (structure.py asks
        for one kind per structure item: one pass over the sentences instead of one per item)."""
        out: dict[SectionKind, list[Sentence]] = {}
        for s in self.sentences:
            out.setdefault(s.section.kind, []).append(s)
        return out

    @cached_property
    def lead_regions(self) -> dict[int, tuple[Section, list[int]]]:
        """Short lead sentences that work as headings inside a paragraph ("一是全面部署法治政府
        建设工作。……二是……"): index -> (a pseudo-section for the lead, the sentences it heads,
        up to the next lead or the end of the paragraph). Rule MATCH-HEADING."""
        out: dict[int, tuple[Section, list[int]]] = {}
        text, sents = self.document.text, self.sentences
        for i, s in enumerate(sents):
            if s.is_heading or len(s.text) > MAX_LEAD_CHARS or not LEAD_RX.match(s.text):
                continue
            para_end = text.find("\n", s.end)
            para_end = len(text) if para_end == -1 else para_end
            region = []
            for j in range(i + 1, len(sents)):
                t = sents[j]
                if t.start >= para_end or t.is_heading or LEAD_RX.match(t.text):
                    break
                region.append(j)
            if region:
                end = sents[region[-1]].end
                sec = s.section.model_copy(update={"title": s.text.rstrip("。；;：:"), "start": s.start,
                                                   "body_start": s.end, "end": end, "label": ""})
                out[i] = (sec, region)
        return out

    def is_padding(self, index: int) -> bool:
        return index in self.padding

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def _same_vetoes(self, book: RuleBook) -> tuple[RuleBook, RuleBook]:
        """(for shared vetoes, for veto regions) the document's own book when a tuned `book` has the same
        patterns for them, else `book`: an item that tunes other rules then reads the vetoes the document
        already found, through the report's one scan for their literals (sentence.gated). Once per book."""
        entry = self._veto_books.get(id(book))
        if entry is None or entry[0] is not book:
            base = self.book
            entry = self._veto_books[id(book)] = (
                book, base if book.shared_veto_key == base.shared_veto_key else book,
                base if book.region_veto_key == base.region_veto_key else book)
        return entry[1], entry[2]

    def vetoes(self, sentence: Sentence, book: RuleBook) -> list:
        """Item-independent vetoes of a sentence (cited laws, training content …), memoised."""
        if book is not self.book:
            book = self._same_vetoes(book)[0]
        key = (sentence.start, id(book))
        found = self._vetoes.get(key)
        if found is None:
            found = self._vetoes[key] = _match().shared_vetoes(book, sentence.text, sentence.gated)
        return found

    def veto_regions(self, sentence: Sentence, book: RuleBook) -> tuple:
        """Where a sentence's words are only said, ranked, named or a meeting's topic (the region
        vetoes and VETO-MEETING-TOPIC), memoised like `vetoes`: every item hitting it asks."""
        if book is not self.book:
            book = self._same_vetoes(book)[1]
        key = (sentence.start, id(book))
        found = self._regions.get(key)
        if found is None:
            found = self._regions[key] = _match().veto_regions(book, sentence.text, sentence.gated)
        return found

    def book_for(self, checklist, item) -> RuleBook:
        """The rule book for one item: the document's, unless the item tunes it (memoised)."""
        if not item.rules:
            return self.book
        key = (id(checklist), item.id)
        book = self._books.get(key)
        if book is None:
            book = self._books[key] = rulebook(checklist.spec.rules, item.rules)
        return book
