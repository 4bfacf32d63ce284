"""Where every phrase of a checklist stands in a report, found in one pass.

Matching asks, item by item and sentence by sentence, where each part of each phrase
rule, each heading word and each exclude phrase stands. Asking `str.find` for ~1,200
phrases one at a time in every candidate sentence was most of the scoring time. Here
a checklist's words are compiled once into one Aho-Corasick automaton (ahocorasick-rs),
a report is scanned once, and the occurrences are bucketed by sentence. The answers are
exactly those of `str.find` repeated from each hit + 1: every occurrence, overlapping
ones included, in ascending order.

Nothing here can go stale: the automaton belongs to one Checklist object (a changed
checklist file or a local checklist's phrases_add is a new object, so a new
automaton), the scan belongs to one AnalysedDoc, and a word the automaton does not
know (an item built or changed after the checklist was loaded) is searched with
`str.find` as before. No rule of the rule book is applied here: vetoes, whole words
and enumeration stay in match.py.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick, Implementation

from scorer.analysis.sentences import Sentence
from scorer.checklist.schema import ItemSpec, expanded_phrases

NOTHING: tuple[int, ...] = ()
_EMPTY: dict[str, list[int]] = {}
_MAX_INDEXES = 16  # checklists kept compiled at once (most runs use two or three)
_SMALL_INDEX = 100  # words up to which a checklist's automaton is a DFA


def find_all(text: str, word: str) -> list[int]:
    """Every start of `word` in `text`, overlapping ones included (the plain search)."""
    out = []
    pos = text.find(word)
    while pos != -1:
        out.append(pos)
        pos = text.find(word, pos + 1)
    return out


def find_spans(text: str, word: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of `word` in `text`, left to right and not overlapping: what
    re.finditer(re.escape(word), text) finds, without a pattern per word in re's cache of 512
    (checklist words filled it and pushed out the patterns other code looks up by their text)."""
    if not word:
        return [(i, i) for i in range(len(text) + 1)]  # (as the empty pattern matches)
    out = []
    pos = text.find(word)
    while pos != -1:
        out.append((pos, pos + len(word)))
        pos = text.find(word, pos + len(word))
    return out


def rule_parts(rule: str) -> tuple[str, ...]:
    """The parts of a phrase rule: "A+B" means A and B in the same sentence."""
    return tuple(p.strip() for p in rule.split("+"))


class ItemPlan(NamedTuple):
    """What matching reads about one item of a checklist, worked out once per item and phrase
    index instead of looked up piece by piece for every report."""

    rules: tuple[tuple[str, tuple[str, ...]], ...]  # (rule, parts) of each phrase rule, in the checklist's order
    by_first: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # first part -> its rules, in order
    first_set: frozenset[str]  # the distinct first parts of the rules (the keys of by_first)
    numbers: dict[str, tuple[int, ...]]  # first part -> where its rules stand in `rules`
    known: bool  # every phrase part, heading word and exclude phrase is in the index's automaton
    combined: dict[frozenset[str], tuple]  # several first parts in one sentence -> their rules (rules_in)

    @classmethod
    def of(cls, item: ItemSpec, index: PhraseIndex) -> ItemPlan:
        rules = tuple((rule, rule_parts(rule)) for rule in expanded_phrases(item.phrases))
        by_first: dict[str, list] = {}
        numbers: dict[str, list[int]] = {}
        for k, rule in enumerate(rules):
            by_first.setdefault(rule[1][0], []).append(rule)
            numbers.setdefault(rule[1][0], []).append(k)
        known = index.known
        answer = (all(p in known for _, parts in rules for p in parts) and all(w in known for w in item.heading_words)
                  and all(ex in known for ex in item.exclude)
                  # an item changed after loading may use a word in a new role: searched as before
                  and all(parts[0] in index.firsts for _, parts in rules)
                  and all(w in index.heading_words for w in item.heading_words))
        return cls(rules, {k: tuple(v) for k, v in by_first.items()}, frozenset(by_first),
                   {k: tuple(v) for k, v in numbers.items()}, answer, {})

    def rules_in(self, found: dict[str, list[int]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Those of the rules whose first part stands in a sentence (`found`: the words in it), in
        order. Most rules of an item are not there, and usually all the ones that are share one
        first part: one set intersection instead of a test per rule."""
        present = self.first_set.intersection(found)
        if len(present) == 1:
            return self.by_first[next(iter(present))]
        if not present:
            return ()
        # several first parts: their rules in the checklist's order (not a pass over all the item's rules),
        # put together once per set of first parts (a report meets the same few sets again and again)
        found_rules = self.combined.get(present)
        if found_rules is None:
            if len(self.combined) > 4096:
                self.combined.clear()
            found_rules = self.combined[present] = self._rules_of(present)
        return found_rules

    def _rules_of(self, firsts: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The rules whose first part is one of `firsts`, in order. (Apart from rules_in, which runs for every
        sentence an item meets: this comprehension would make `self` a closure cell there on every call.)"""
        return tuple(self.rules[k] for k in sorted(k for first in firsts for k in self.numbers[first]))


def _kept(indices, keep: set[int]) -> list[int]:
    """Those of `indices` in `keep`, in order (a function of its own: no closure cell in DocPhrases.among)."""
    return [i for i in indices if i in keep]


class PhraseIndex:
    """The phrase parts and heading words of one checklist, compiled once."""

    def __init__(self, items: list[ItemSpec]):
        words = {p for it in items for rule in expanded_phrases(it.phrases) for p in rule_parts(rule)}
        words |= set(it_word for it in items for it_word in it.heading_words)
        words |= set(ex for it in items for ex in it.exclude)
        self.words = sorted(w for w in words if w)
        self.known = frozenset(self.words)
        # Matching asks where words start only for the first parts of rules, and which sentences
        # hold a word only for heading words: a scan records those two for them alone.
        self.firsts = frozenset(rule_parts(rule)[0] for it in items for rule in expanded_phrases(it.phrases))
        self.heading_words = frozenset(w for it in items for w in it.heading_words)
        # heading word -> the items listing it (a heading naming many items' topics: rule MATCH-HEADING)
        self.heading_items: dict[str, frozenset[str]] = {}
        for it in items:
            for w in it.heading_words:
                self.heading_items[w] = self.heading_items.get(w, frozenset()) | {it.id}
        # per word number: (word, whether a rule's first part, whether a heading word), as a scan reads them
        self._kinds = [(w, w in self.firsts, w in self.heading_words) for w in self.words]
        # A contiguous NFA, not a DFA: the DFA scans faster only while its tables are in the CPU
        # cache, and between two reports they are not (measured in the pipeline: ~0.37 ms against
        # ~0.25 ms per scan of a seed report; the DFA won only in a loop of scans). A few dozen words
        # (the structure checklist's) make a DFA small enough to stay there: ~0.05 against ~0.1 ms.
        small = len(self.words) <= _SMALL_INDEX
        self._automaton = (AhoCorasick(self.words, implementation=Implementation.DFA if small else Implementation.ContiguousNFA)
                           if self.words else None)
        # Per item: what matching reads about it, worked out once (ItemPlan).
        self._plans: dict[int, tuple[ItemSpec, list[str], list[str], list[str], ItemPlan]] = {}

    def plan(self, item: ItemSpec) -> ItemPlan:
        """The item's plan, worked out on first use. The item is kept with it, so its id stays its
        own, and its phrase, heading and exclude lists with it: an item changed in place after the
        checklist was loaded gets a new plan."""
        cached = self._plans.get(id(item))
        if (cached is not None and cached[0] is item and cached[1] == item.phrases
                and cached[2] == item.heading_words and cached[3] == item.exclude):
            return cached[4]
        plan = ItemPlan.of(item, self)
        self._plans[id(item)] = (item, list(item.phrases), list(item.heading_words), list(item.exclude), plan)
        return plan

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(word number, start, end) of every occurrence of every word in `text`,
        overlapping ones included, in the order of their ends."""
        if self._automaton is None:
            return []
        return self._automaton.find_matches_as_indexes(text, overlapping=True)


_INDEXES: OrderedDict[int, tuple[object, PhraseIndex]] = OrderedDict()


def index_for(checklist) -> PhraseIndex:
    """The compiled phrase index of a Checklist object, built on first use."""
    key = id(checklist)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0] is checklist:
        _INDEXES.move_to_end(key)
        return entry[1]
    index = PhraseIndex(checklist.items)
    _INDEXES[key] = (checklist, index)  # the reference keeps the id from being reused
    while len(_INDEXES) > _MAX_INDEXES:
        _INDEXES.popitem(last=False)
    return index


class DocPhrases:
    """One report scanned for one checklist's words: for each word, the sentences in
    which it starts, and for each sentence, where each word stands wholly inside it."""

    def __init__(self, index: PhraseIndex, text: str, sentences: list[Sentence], starts: list[int]):
        self.index = index
        self.text = text
        # Every occurrence of every word of the index, overlapping ones included (padding.py reads them too).
        self.matches = index.matches(text)
        # First part of a rule -> indices of the sentences in which an occurrence starts (it may run past the end).
        self.starting_in: dict[str, list[int]] = {}
        # Sentence index -> {word: starts inside the sentence text}, for words wholly inside it.
        self._in_sentence: dict[int, dict[str, list[int]]] = {}
        self._inside: dict[str, set[int]] = {}  # heading word -> the sentences that hold it wholly
        self.many_topics: dict[tuple[int, int], bool] = {}  # match._many_topics, per heading (not per item)
        starting_in, in_sentence, inside = self.starting_in, self._in_sentence, self._inside
        kinds = index._kinds
        ends = [s.end for s in sentences]
        unordered = False
        # The sentence of the last match: sentence i spans [lo, end), `here` is its words (None: none yet).
        # Matches come in the order of their ends, so most stand in the sentence of the one before:
        # its span is tested instead of a bisect and two lookups per match (sentences never overlap).
        i, lo, end, here = -1, 0, 0, None
        for w, a, b in self.matches:
            if not lo <= a < end:
                j = bisect_right(starts, a) - 1
                if j < 0 or a >= ends[j]:
                    continue  # before the first sentence, or between sentences
                i, lo, end, here = j, starts[j], ends[j], in_sentence.get(j)
            word, first, heading = kinds[w]
            if first:
                found = starting_in.get(word)
                if found is None:
                    starting_in[word] = [i]
                else:
                    found.append(i)
            if b <= end:
                if here is None:
                    here = in_sentence[i] = {}
                local = a - lo
                found = here.get(word)
                if found is None:
                    here[word] = [local]
                    if heading:
                        holding = inside.get(word)
                        if holding is None:
                            inside[word] = {i}
                        else:
                            holding.add(i)
                else:
                    unordered = unordered or local < found[-1]
                    found.append(local)
        if unordered:  # never seen: one word's matches end, so start, in ascending order
            for here in in_sentence.values():
                for found in here.values():
                    found.sort()

    def among(self, indices, words: list[str]) -> list[int]:
        """Those of the ascending sentence `indices` that hold one of `words` wholly, in order."""
        holding: set[int] = set()
        for w in words:
            found = self._inside.get(w)
            if found:
                holding |= found
        return _kept(indices, holding) if holding else []

    def in_sentence(self, i: int) -> dict[str, list[int]]:
        """Word -> its starts inside sentence i (offsets into the sentence text), for the
        words of the index wholly inside the sentence; a word not there is absent."""
        return self._in_sentence.get(i, _EMPTY)
