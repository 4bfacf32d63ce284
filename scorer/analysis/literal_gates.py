"""Which signal rules (and modality and set-phrase patterns) can match in which sentence, found in one pass.

Every signal rule (SIG-*) is tried on every sentence, and most first look for a literal
one of which every match contains (prefilter.required_literals: 「《」 for SIG-DOCUMENT,
「年」「月」 for SIG-DATE, the words themselves for SIG-FIRST). Each such look is one
regular-expression search per sentence and rule, and a search costs ~1,000 instructions
before it reads a character: ~1,100 searches and ~4 M instructions per seed report. One
overlapping Aho-Corasick scan of the report for all those literals, handed out to the
sentences they stand wholly in, answers every rule for every sentence for ~0.8 M. The
answers are exactly those of the per-sentence search: a literal wholly inside the
sentence's text. MOD-PLAN, MOD-SHORTCOMING and VETO-FORMULA, asked of every sentence
too, are answered by the same scan. (Searching each rule's literals in the whole text with its regular
expression cost more, since that scans the text to its end once per rule: the fourth
speed round tried and reverted it.)
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict

from ahocorasick_rs import AhoCorasick, Implementation

from scorer.checklist.prefilter import required_literals
from scorer.checklist.rules import RuleBook, SignalRule

_MAX_BOOKS = 16  # rule books kept with their automaton (one per checklist and tuned item)


class SignalGates:
    """The needed literals of one rule book's signal rules, and of its modality (MOD-PLAN,
    MOD-SHORTCOMING) and set-phrase (VETO-FORMULA) patterns, in one automaton. Bit k of a
    sentence's mask stands for signal rule k; plan_bit and shortcoming_bit for the modality patterns, and
    `formula_bits` for each of VETO-FORMULA's patterns (RuleBook.formula_parts).
    The vetoes asked of every sentence an item hits have a bit each too (match.shared_vetoes:
    VETO-CITED-LAW/-BASIS/ORGAN-NAME/TRAINING in `shared_bits`; match.veto_regions: each region
    veto, then the meeting names, in `region_bits`): a pattern whose bit is off has no match there."""

    def __init__(self, book: RuleBook):
        self.book = book  # (the vetoes read a mask only for the book it was worked out for)
        self.signals = book.signals
        n = len(self.signals)
        self.signal_mask = (1 << n) - 1
        self.plan_bit, self.shortcoming_bit = 1 << n, 1 << n + 1
        shared, regions, formula = list(book.shared_veto_patterns), book.region_veto_patterns, book.formula_parts
        self.shared_bits = tuple(1 << n + 2 + j for j in range(len(shared)))
        self.region_bits = tuple(1 << n + 2 + len(shared) + j for j in range(len(regions)))
        self.formula_shift = n + 2 + len(shared) + len(regions)  # the bit of VETO-FORMULA's first pattern
        self.formula_bits = tuple(1 << self.formula_shift + j for j in range(len(formula)))
        self.formula_mask = sum(self.formula_bits)
        patterns = ([rule.rx for rule in self.signals] + [book.plan_rx, book.shortcoming_rx]
                    + shared + regions + list(formula))
        bits: dict[str, int] = {}
        self.free = 0  # patterns without a set of needed literals: tried on every sentence
        for k, rx in enumerate(patterns):
            literals = required_literals(getattr(rx, "rx", rx)) if rx is not None else None  # Prefiltered or plain
            if not literals or not all(literals):
                self.free |= 1 << k
                continue
            for word in literals:
                bits[word] = bits.get(word, 0) | 1 << k
        self.words = sorted(bits)
        self.bits = [bits[w] for w in self.words]
        # A contiguous NFA, not a DFA, as phrase_index.py: between reports the DFA's tables are out of the
        # CPU cache (in the pipeline ~0.40 against ~0.44 ms per seed report).
        self.automaton = AhoCorasick(self.words, implementation=Implementation.ContiguousNFA) if self.words else None
        self._rules: dict[int, tuple[SignalRule, ...]] = {}
        self._formula: dict[int, tuple] = {}

    def masks(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        """For each (start, end) span of `text` (ascending, not overlapping): a bit for each
        pattern that can match in text[start:end] (a needed literal stands wholly inside)."""
        out = [self.free] * len(spans)
        if self.automaton is None or not spans:
            return out
        starts = [a for a, _ in spans]
        bits = self.bits
        # The span of the last match: a match starting in [lo, hi) (from span i's start to the next
        # span's) falls to span i. Matches come in the order of their ends, so most fall to the span
        # of the one before: a range test instead of a bisect per match.
        i, lo, hi, end = -1, 0, 0, 0
        for w, a, b in self.automaton.find_matches_as_indexes(text, overlapping=True):
            if not lo <= a < hi:
                j = bisect_right(starts, a) - 1
                if j < 0:
                    continue  # before the first span
                i, lo, end = j, starts[j], spans[j][1]
                hi = starts[j + 1] if j + 1 < len(starts) else len(text) + 1
            if b <= end:
                out[i] |= bits[w]
        return out

    def rules(self, mask: int) -> tuple[SignalRule, ...]:
        """The signal rules of `mask`, in the book's order (memoised: a report has few masks)."""
        mask &= self.signal_mask  # (the other bits do not choose signal rules)
        found = self._rules.get(mask)
        if found is None:
            found = self._rules[mask] = _chosen(self.signals, mask)
            if len(self._rules) > 4096:  # (a report has a few dozen masks)
                self._rules.clear()
        return found


    def formula(self, mask: int) -> tuple:
        """VETO-FORMULA's patterns of `mask`, in the book's order (memoised as `rules`)."""
        mask &= self.formula_mask
        if not mask:
            return ()  # (most sentences)
        found = self._formula.get(mask)
        if found is None:
            found = self._formula[mask] = _chosen(self.book.formula_parts, mask >> self.formula_shift)
        return found


def _chosen(items, mask: int) -> tuple:
    """The items whose bit (bit k for the k-th) is set in `mask`, in order. (Built apart from the memoised
    look-ups that call it: a comprehension there would make `mask` a closure cell on every call.)"""
    return tuple(item for k, item in enumerate(items) if mask >> k & 1)


_GATES: OrderedDict[int, tuple[RuleBook, SignalGates]] = OrderedDict()


def gates_for(book: RuleBook) -> SignalGates:
    """The signal gates of a rule book, built on first use."""
    entry = _GATES.get(id(book))
    if entry is not None and entry[0] is book:
        return entry[1]
    gates = SignalGates(book)
    _GATES[id(book)] = (book, gates)  # the reference keeps the id from being reused
    while len(_GATES) > _MAX_BOOKS:
        _GATES.popitem(last=False)
    return gates
