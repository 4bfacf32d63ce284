"""Padding: text pasted in to buy coverage, not to report work.

Appending lines like 「权责清单，权力清单，责任清单，…，印发《推进政府机构职能优化协同
高效》，完成100%。」 -- one per checklist item -- would otherwise make every item
已覆盖: each line names the item's phrases, a 《document》 and a figure. A legal
officer sees at once what they are. The rules, as such an officer would state them
(each was checked against the five seeds and 178 published reports, none of which
it flags):

1. 术语罗列: a run of clauses that are nothing but checklist terms (权责清单，权力清单，
   责任清单) says nothing about what was done -- six or more in a row, or three or
   more that make up 40 % of the sentence.
2. 条目标题当文件: a 《…》 whose title is exactly an item's title is not a document
   the government issued; it is the checklist quoted back.
3. 同一数字重复: the same clause with a figure (完成100%) in three or more sentences
   that name checklist terms -- one generic figure stamped on many items.
4. 同一句式重复: three or more sentences that are the same once their checklist terms,
   《titles》 and numbers are blanked -- one template filled in per item.
5. 术语密度: where checklist terms make up far more of the rest of the text than in
   any real report (over 45 % of the Chinese characters; real reports: 1-35 %,
   median 23 %), sentences that are mostly terms (≥ 50 %, ≥ 3 terms) count as
   padding too.

`find_padding` returns the padding sentences and why; the pipeline leaves them out
of matching (they are never evidence) and the result says how many there were.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from scorer.analysis.sentences import Sentence
from scorer.checklist.rules import rulebook
from scorer.checklist.schema import expanded_phrases

PADDING_WARNING = "发现堆砌内容"  # how the warning begins; `scorer check` fails a report that has it

MIN_RUN = 6
MIN_RUN_SHARE, MIN_SHARE = 3, 0.4
MIN_REPEATS = 3
HIGH_DENSITY = 0.45
SENTENCE_DENSITY, SENTENCE_TERMS = 0.5, 3

_CLAUSE = re.compile(r"[，,、；;：:。！？!?]")
_QUOTES = re.compile(r"[“”\"'‘’「」『』\s]")
_DOC = re.compile(r"《([^《》\n]{2,80})》")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_T_RUN = re.compile(r"T(?:[，,、和及与]T)+")
# High bytes of the UTF-16 code units that are not Chinese characters (U+4E00-U+9FFF is
# exactly the code units whose high byte is 0x4E-0x9F; surrogates are 0xD8-0xDF).
_NOT_HAN_HIGH = bytes(b for b in range(256) if not 0x4E <= b <= 0x9F)


def _han(text: str) -> int:
    """How many Chinese characters (U+4E00-U+9FFF) `text` has: the text's UTF-16 code units
    whose high byte is 0x4E-0x9F, counted in C (~6x faster than summing the runs a regular
    expression finds, which made a string of each run: ~0.75 M instructions per report)."""
    return len(text.encode("utf-16-le")[1::2].translate(None, _NOT_HAN_HIGH))


@dataclass
class Padding:
    index: int  # into the sentences given
    reason: str  # Chinese


class _Terms:
    """The checklist's phrases (the first part of A+B phrases: the words that must stand beside it,
    such as 法治 in 考评+法治 or 检查 in 安全生产+检查, are ordinary words, not terms) and item titles."""

    def __init__(self, checklist):
        terms: set[str] = set()
        titles: set[str] = set()
        for item in checklist.items:
            titles.add(_QUOTES.sub("", item.title))
            for rule in expanded_phrases(item.phrases):
                part = rule.split("+")[0].strip()
                if len(part) >= 2:
                    terms.add(part)
        self.terms = terms
        self.titles = titles
        self.longest = max(map(len, terms), default=0) + 4  # a longer clause is never a bare term
        self.automaton = _automaton(terms)
        self._flags_of = None
        self._flags: list[bool] | None = None

    def bare(self, clause: str) -> str | None:
        if len(clause) > self.longest:
            return None
        c = clause.strip()
        for suffix in ("等等", "等"):
            c = c.removesuffix(suffix)
        for prefix in ("以及", "和", "及", "与"):
            c = c.removeprefix(prefix)
        return c if c in self.terms else None

    def spans(self, text: str, phrases=None) -> list[tuple[int, int]]:
        """Where the terms occur in `text`: leftmost first, the longest at a position,
        not overlapping. `phrases`: the text's scan for every word of the checklist
        (phrase_index.DocPhrases), read instead of scanning the text once more."""
        if self.automaton is None:
            return []
        term = self._term_flags(phrases.index) if phrases is not None and phrases.text is text else None
        if term is None:
            return [(a, b) for _, a, b in self.automaton.find_matches_as_indexes(text)]
        # The longest term at each start; taking, by start, each one that starts at or after the end
        # of the last one taken is what the leftmost-longest automaton reports. (A dict of ends, not a
        # sorted list of (start, -end) pairs: no pair and no negative number made per occurrence.)
        longest: dict[int, int] = {}
        for w, a, b in phrases.matches:
            if term[w] and b > longest.get(a, -1):
                longest[a] = b
        out: list[tuple[int, int]] = []
        pos = 0
        for a in sorted(longest):
            if a >= pos:
                pos = longest[a]
                out.append((a, pos))
        return out

    def _term_flags(self, index) -> list[bool] | None:
        """For each word of a phrase index, whether it is a term; None when the index lacks a term."""
        if self._flags_of is not index:
            known = set(index.words)
            self._flags = [w in self.terms for w in index.words] if self.terms <= known else None
            self._flags_of = index  # (one index per checklist object: the reference is all that is kept)
        return self._flags


def _automaton(words: set[str]):
    """One Aho-Corasick automaton for many literal words (ahocorasick-rs), reporting
    the leftmost match, the longest one at that position, then going on after it:
    several times faster than a regular expression or a str.find per word."""
    if not words:
        return None
    from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

    return AhoCorasick(sorted(words), matchkind=MatchKind.LeftmostLongest, implementation=Implementation.DFA)


_TERMS_CACHE: dict[str, _Terms] = {}


def _terms_for(checklist) -> _Terms:
    key = getattr(checklist, "sha256", None) or str(id(checklist))
    if key not in _TERMS_CACHE:
        _TERMS_CACHE[key] = _Terms(checklist)
    return _TERMS_CACHE[key]


def find_padding(text: str, sentences: Sequence[Sentence], checklist, phrases=None) -> list[Padding]:
    """The sentences of `text` that are padding, in order, each with its reason. `phrases`:
    the text scanned for the checklist's words (match.doc_phrases), when at hand."""
    t = _terms_for(checklist)
    if t.automaton is None or not sentences:
        return []
    # Term occurrences of the whole text, handed out to the sentences they fall in.
    hits_of: list[list[tuple[int, int]]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for a, b in t.spans(text, phrases):
        i = bisect_right(starts, a) - 1
        if i >= 0 and b <= sentences[i].end:
            hits_of[i].append((a - sentences[i].start, b - sentences[i].start))
    reasons: dict[int, list[str]] = defaultdict(list)
    # Figures are what the rule book calls data (SIG-QUANTITY).
    quantity = next((sig for sig in rulebook().signals if sig.id == "SIG-QUANTITY"), None)
    figures: dict[str, set[int]] = defaultdict(set)
    shapes: dict[str, set[int]] = defaultdict(set)

    for i, s in enumerate(sentences):
        hits = hits_of[i]
        clauses = None
        # 1. a list of bare terms
        if len(hits) >= MIN_RUN_SHARE:
            clauses = [c for c in _CLAUSE.split(s.text) if c.strip()]
            run, best, bare_chars, listed = 0, 0, 0, []
            for c in clauses:
                term = t.bare(c)
                if term:
                    run += 1
                    best = max(best, run)
                    bare_chars += len(term)
                    listed.append(term)
                else:
                    run = 0
            if best >= MIN_RUN or (best >= MIN_RUN_SHARE and bare_chars / (len(_CLAUSE.sub("", s.text)) or 1) >= MIN_SHARE):
                shown = "、".join(f"「{x}」" for x in listed[:3]) + ("等" if len(listed) > 3 else "")
                reasons[i].append(f"罗列了 {len(listed)} 个检查清单术语（{shown}），没有说明做了什么")
        # 2. an item's title quoted as a document
        if "《" in s.text:
            for m in _DOC.finditer(s.text):
                if _QUOTES.sub("", m.group(1)) in t.titles:
                    reasons[i].append(f"把检查清单条目标题《{m.group(1)}》当作文件名引用")
                    break
        if s.is_heading or len(hits) < 2:
            continue
        # 3. the same figure clause; 4. the same shape
        if quantity is not None and quantity.search(s.text):
            if clauses is None:
                clauses = [c for c in _CLAUSE.split(s.text) if c.strip()]
            for c in set(clauses):
                if quantity is not None and quantity.search(c):
                    figures[c.strip()].add(i)
        shape = _shape(s.text, hits)
        if len(shape.replace("T", "")) >= 4:
            shapes[shape].add(i)

    for clause, where in figures.items():
        if len(where) >= MIN_REPEATS:
            for i in where:
                reasons[i].append(f"同一数字表述「{clause}」在 {len(where)} 句中重复出现")
    for where in shapes.values():
        if len(where) >= MIN_REPEATS:
            for i in where:
                reasons[i].append(f"与另外 {len(where) - 1} 句句式相同，只换了检查清单术语")

    # 5. term density far above any real report, in what the rules above left
    covered = sum(b - a for i, hits in enumerate(hits_of) if i not in reasons for a, b in hits)
    if covered:
        han = _han(text) - sum(_han(sentences[i].text) for i in reasons)
        if han > 0 and covered / han > HIGH_DENSITY:
            for i, s in enumerate(sentences):
                hits = hits_of[i]
                if i in reasons or s.is_heading or len(hits) < SENTENCE_TERMS:
                    continue
                share = sum(b - a for a, b in hits) / max(1, _han(s.text))
                if share >= SENTENCE_DENSITY:
                    reasons[i].append(f"检查清单术语占本句 {share:.0%}（全文占 {covered / han:.0%}，远高于真实报告）")

    return [Padding(i, "；".join(dict.fromkeys(reasons[i]))) for i in sorted(reasons)]


def _shape(text: str, hits: list[tuple[int, int]]) -> str:
    """The sentence with its checklist terms (at `hits`), 《titles》 and numbers blanked."""
    parts, pos = [], 0
    for a, b in hits:
        parts.append(text[pos:a])
        parts.append("T")
        pos = b
    parts.append(text[pos:])
    shape = "".join(parts)
    if "《" in shape:
        shape = _DOC.sub("《》", shape)
    shape = _NUMBER.sub("9", shape)
    return _T_RUN.sub("T", shape)


def padding_warning(found: Sequence[Padding], sentences: Sequence[Sentence]) -> str:
    """The Chinese warning for a report with padding: how many sentences, where, why."""
    first = sentences[found[0].index]
    where = first.section.path or "导语"
    quote = first.text if len(first.text) <= 40 else first.text[:39] + "…"
    return (f"{PADDING_WARNING}：{len(found)} 句不是在陈述工作，而是堆砌检查清单的术语、条目标题或重复的数字，"
            f"未作为证据计分（如「{where}」：「{quote}」——{found[0].reason}）")
