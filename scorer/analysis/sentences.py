"""Sentences of a report, each with its section and what kind of statement it is.

A legal officer reads a sentence for two things before asking what it is about:
is it something done this year, or a plan or an admitted shortcoming (modality);
and does it say anything concrete -- a figure, a document, a date, a completed act
-- or is it a slogan (signals). Both are decided here by rules stated in Chinese
terms, and both are reported back as reasons.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from scorer.analysis.literal_gates import gates_for
from scorer.checklist.prefilter import may_match, search_holding
from scorer.checklist.rules import RuleBook, SignalRule, rulebook
from scorer.models import Section, SectionKind

SENTENCE_RX = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
# The legal rules (concreteness signals, plan and shortcoming markers) are data in
# checklists/rules.yaml (SIG-*, MOD-*); this module only applies them.
# A run longer than this without 。！？； is split, at a comma where there is one: a
# real sentence is shorter, and a 100,000-character "sentence" makes every later
# step (matching, signals, the quotes in a PDF) scale with its length.
MAX_SENTENCE_CHARS = 300


@dataclass(slots=True)  # (slots: ~200 per report, made and freed; no attribute dict each)
class Signal:
    rule: str  # rule id in the rule book, e.g. SIG-QUANTITY
    label: str  # the rule's Chinese name: 数据、文件、时间、具体行动 …
    text: str
    start: int = 0  # offsets into the sentence text
    end: int = 0

    @property
    def kind(self) -> str:
        return self.rule


@dataclass(slots=True)  # (slots: read in every step; no attribute dict per sentence)
class Sentence:
    start: int
    end: int
    text: str
    section: Section
    is_heading: bool  # the title part of a numbered heading line
    modality: str  # achievement | plan | shortcoming
    modality_reason: str
    signals: list[Signal] = field(default_factory=list)
    modality_rule: str = ""  # rule id that set a plan/shortcoming modality
    formula: list[tuple[int, int]] = field(default_factory=list)  # rule VETO-FORMULA: set-phrase clauses (offsets in text)
    # (SignalGates, mask) of the rule book the sentence was read with: which vetoes can match in it (literal_gates.py)
    gated: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def concrete(self) -> bool:
        return bool(self.signals)


# Enum members taken once: in Python 3.11 `SectionKind.plans` goes through the class's member
# descriptor on every use (~0.35 µs), and the modality of every sentence asks for two.
_PLANS, _SHORTCOMINGS = SectionKind.plans, SectionKind.shortcomings

CLAUSE_END_CHARS = "，,；;：:。！？!?"
CLAUSE_END = re.compile(f"[{CLAUSE_END_CHARS}]")


def within(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """Whether text[start:end] lies inside one of `regions` ((start, end) offsets)."""
    # (a loop, not any() over a generator: called ~400 times per report, and a generator expression
    # costs a generator and makes `start` and `end` closure cells on every call)
    for a, b in regions:
        if a <= start and end <= b:
            return True
    return False


def formula_clauses(text: str, book: RuleBook | None = None, parts: tuple | None = None) -> list[tuple[int, int]]:
    """Clauses of `text` that are set phrases of guidance (rule VETO-FORMULA): 「在……领导下」
    「坚持以……为指导」「深入学习贯彻……精神」. They say what the work follows, not what was done.
    `parts`: those of the rule's patterns (RuleBook.formula_parts) that can match in `text`, when the
    report's scan for their needed literals already says (literal_gates.py); None: looked for here.
    A clause matches the rule when one of its patterns matches it."""
    book = book or rulebook()
    if parts is None:
        parts = _may_match(book.formula_parts, text)
    if not parts:
        return []  # no clause can match where the whole sentence holds none of the literals
    out, start = [], 0
    for m in CLAUSE_END.finditer(text + "。"):
        clause = text[start:m.start()]
        for rx in parts if clause else ():
            if rx.search(clause):
                out.append((start, m.start()))
                break
        start = m.end()
    return out


def _may_match(patterns, text: str) -> list:
    """Those of `patterns` that can match in `text` (a function of its own: a comprehension over `text` in
    formula_clauses would make `text` a closure cell there on every call)."""
    return [rx for rx in patterns if may_match(rx, text)]


def _holds_any(text: str, words) -> bool:
    """Whether one of `words` stands in `text` (a loop: no generator and closure cell per call)."""
    for w in words:
        if w in text:
            return True
    return False


def find_signals(text: str, book: RuleBook | None = None, formula: list[tuple[int, int]] | None = None,
                 rules: tuple[SignalRule, ...] | None = None) -> list[Signal]:
    """`rules`: the signal rules that can match in `text` (literal_gates.py: the report scanned
    once for their needed literals); None: every rule looks for its needed literals here."""
    book = book or rulebook()
    out: list[Signal] = []
    if formula is None:
        formula = formula_clauses(text, book)
    check = rules is None
    for rule in book.signals if check else rules:
        if check and rule.needs is not None and rule.needs.search(text) is None:
            continue  # none of the literals every match contains (same matches, found faster)
        # rule.spans looks only where a match can begin (prefilter.span_finder): same matches, found faster
        for start, end in rule.spans(text, 0):
            if start == end:
                continue
            found = text[start:end]
            if formula and within(start, end, formula):  # (most sentences have no set phrase: no call)
                continue  # 「全面落实《法治中国建设规划》的要求」: what the work follows, not a fact
            if rule.ignore_words and _holds_any(found, rule.ignore_words):
                continue  # e.g. citing the outline itself says nothing about this year's work
            if rule.ignore_rx is not None and rule.ignore_rx.search(found):
                continue
            if rule.before_rx is not None and rule.before_rx.search(_clause_before(text, start)):
                continue  # 「认真学习《宪法》《党章》」: what the clause studies or follows, not what it made
            out.append(Signal(rule.id, rule.label, found, start, end))
    return out


def _clause_before(text: str, pos: int) -> str:
    """The text of the clause holding `pos`, up to `pos`."""
    start = pos
    while start > 0 and text[start - 1] not in CLAUSE_END_CHARS:
        start -= 1
    return text[start:pos]


def classify_modality(text: str, section: Section, book: RuleBook | None = None,
                      plan: bool | None = None, shortcoming: bool | None = None) -> tuple[str, str, str]:
    """(modality, Chinese reason, rule id). `plan`, `shortcoming`: whether `text` holds one of
    the literals a match of MOD-PLAN, MOD-SHORTCOMING needs, as the report's scan for them found
    (literal_gates.py); None: not known, looked for here."""
    book = book or rulebook()
    if section.kind == _PLANS:
        return "plan", f"位于「{section.path or '导语'}」下步安排部分", "SEC-PLANS"
    m = _search(book.plan_rx, text, plan) if book.plan_rx and plan is not False else None
    if m:
        return "plan", f"句中「{m.group(0).strip('，,')}」表示计划", "MOD-PLAN"
    if section.kind == _SHORTCOMINGS:
        return "shortcoming", f"位于「{section.path or '导语'}」问题与不足部分", "SEC-SHORTCOMINGS"
    m = _search(book.shortcoming_rx, text, shortcoming) if book.shortcoming_rx and shortcoming is not False else None
    # "针对……存在的问题，开展……" answers a problem: that is an achievement.
    if m and not (book.act_rx and book.act_rx.search(text)) and not (book.response_rx and book.response_rx.match(text)):
        return "shortcoming", f"句中「{m.group(0)}」表示不足", "MOD-SHORTCOMING"
    return "achievement", "", ""


def _search(rx, text: str, holding: bool | None):
    """`rx.search(text)`; `holding`: True when `text` is known to hold one of the literals its matches need."""
    return search_holding(rx, text) if holding else rx.search(text)


def split_sentences(text: str, sections: list[Section], book: RuleBook | None = None) -> list[Sentence]:
    book = book or rulebook()
    starts = [s.start for s in sections]
    heading_starts = {s.start: s.body_start for s in sections[1:]}
    kept: list[tuple[int, str, Section, bool]] = []  # (start, text, section, is_heading)
    for m_start, raw in _bounded_pieces(text):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(body) < 2:
            continue
        start = m_start + lead
        end = start + len(body)
        # A numbered heading line "（一）深化行政审批制度改革。……": the title is its own sentence.
        hb = heading_starts.get(start)
        if hb is not None and start < hb < end:
            pieces = [(start, hb, True), (hb, end, False)]
        else:
            pieces = [(start, end, hb is not None)]
        for ps, pe, is_heading in pieces:
            seg = text[ps:pe]
            strip_l = len(seg) - len(seg.lstrip("。；;，, "))
            ps += strip_l
            seg = text[ps:pe].rstrip()
            if len(seg) < 2:
                continue
            kept.append((ps, seg, _deepest(sections, starts, ps), is_heading))
    # Which rules can match in which sentence: one scan of the text for their needed literals.
    gates = gates_for(book)
    masks = gates.masks(text, [(ps, ps + len(seg)) for ps, seg, _, _ in kept])
    out: list[Sentence] = []
    for (ps, seg, sec, is_heading), mask in zip(kept, masks):
        modality, why, rule = classify_modality(seg, sec, book, bool(mask & gates.plan_bit),
                                                bool(mask & gates.shortcoming_bit))
        formula = formula_clauses(seg, book, gates.formula(mask))
        out.append(Sentence(ps, ps + len(seg), seg, sec, is_heading, modality, why,
                            find_signals(seg, book, formula, gates.rules(mask)), rule, formula, (gates, mask)))
    return out


def _bounded_pieces(text: str):
    """(offset, text) of each SENTENCE_RX match, overlong ones cut at the last comma
    (，,、：:) before MAX_SENTENCE_CHARS, else at the limit."""
    for m in SENTENCE_RX.finditer(text):
        raw, pos = m.group(0), m.start()
        while len(raw) > MAX_SENTENCE_CHARS:
            cut = _last_comma(raw)
            cut = cut + 1 if cut > 0 else MAX_SENTENCE_CHARS
            yield pos, raw[:cut]
            raw, pos = raw[cut:], pos + cut
        yield pos, raw


def _last_comma(raw: str) -> int:
    """The last comma (，,、：:) of an overlong run between a third of MAX_SENTENCE_CHARS and it, or -1.
    (A function of its own: a generator over `raw` in _bounded_pieces made `raw` a closure cell there.)"""
    return max(raw.rfind(c, MAX_SENTENCE_CHARS // 3, MAX_SENTENCE_CHARS) for c in "，,、：:")


def _deepest(sections: list[Section], starts: list[int], offset: int) -> Section:
    i = bisect_right(starts, offset) - 1
    # Sections are in document order; the last one starting at or before the offset
    # that still contains it is the deepest.
    while i > 0 and not (sections[i].start <= offset < sections[i].end):
        i -= 1
    return sections[max(i, 0)]
