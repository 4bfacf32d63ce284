"""Matching checklist items against a report's sentences.

The rules are data in checklists/rules.yaml (MATCH-*, VETO-*, SIG-*, MOD-*); in short:
a sentence is about an item when it holds one of the item's phrases (MATCH-PHRASE) or
stands under a heading about the item (MATCH-HEADING), unless a veto removes the hit;
the item is covered when such a sentence reports something concrete done in the year,
partial when it is only touched, missing otherwise. Every verdict carries the
sentences and the rule records (RuleMatch) that produced it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.literal_gates import gates_for
from scorer.analysis.phrase_index import NOTHING, DocPhrases, find_all, find_spans, index_for
from scorer.analysis.segment import add_words, is_whole_word
from scorer.analysis.sentences import Sentence, Signal, classify_modality, find_signals, formula_clauses, within
from scorer.checklist.load import Checklist
from scorer.checklist.prefilter import finditer_holding
from scorer.checklist.rules import RuleBook, switched_on
from scorer.checklist.schema import ItemSpec, expanded_phrases
from scorer.models import JURISDICTION_KIND_LABELS, Evidence, ItemResult, JurisdictionKind, Section, Status

MAX_EVIDENCE = 3



class _cached:  # noqa: N801 - functools.cached_property without its lock
    """A property computed on first access, then an attribute of the instance. Python 3.11's own takes
    a lock on every first access; a Hit is computed by one thread (three per hit, ~1 µs each)."""

    def __init__(self, func):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.func(obj)
        # (setattr, not obj.__dict__[name]: asking for __dict__ turns the instance's compact attribute
        # storage into a dict of its own, which then slows every attribute of the hit; ~25 % off making
        # a hit and asking its cached properties)
        setattr(obj, self.name, value)
        return value


@dataclass(slots=True)
class Veto:
    rule: str
    start: int  # offsets into the sentence
    end: int
    what: str  # Chinese: the covering text ("所引上级法律文件《…》")


@dataclass
class Hit:
    sentence: Sentence
    rule: str  # the phrase, heading word or pattern that matched
    via_heading: Section | None = None  # set when the sentence counts through its heading
    rejected: str = ""  # why a literal hit did not count (boundary, exclude)
    n_rules: int = 1  # how many of the item's rules the sentence matches
    listed: bool = False  # the item is only one entry of an enumeration in the sentence
    framing: bool = False  # the sentence is in the preamble of a report with numbered headings
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule) of each matched part
    later: list[tuple[int, int]] = field(default_factory=list)  # the parts' later usable occurrences (SIG-NEAR)
    veto_rule: str = ""  # for rejected hits: the rule that removed it
    signals: list[Signal] | None = None  # the item's own signals when the item tunes the rule book
    modality: str | None = None
    book: RuleBook | None = None  # the rules a phrase hit is judged by (SIG-NEAR, VETO-MEETING-TOPIC)
    formula: list[tuple[int, int]] | None = None  # the item's own VETO-FORMULA clauses when it tunes the rule book
    regions: VetoRegions | None = None  # where the sentence only says, ranks or names things (phrase hits)
    doc: AnalysedDoc | None = None  # phrase hits: where `regions` is looked up when first needed
    under_heading: bool = False  # a phrase hit in a paragraph whose heading is about the item (SIG-NEAR relaxed)

    @_cached
    def sentence_signals(self) -> list[Signal]:
        """The signals that make this hit concrete: not the hit phrase itself ("问责" is both
        a phrase and an act word), and near it (rule SIG-NEAR).
        Computed once per hit (the ranking asks for it many times)."""
        signals = self.sentence.signals if self.signals is None else self.signals
        if not self.spans or not signals:
            return signals
        places = [(a, b) for a, b, _ in self.spans]  # (no closure cell: the comprehension reads only its own names)
        near = self.book.near_clauses if self.book is not None else None
        if self.under_heading or near is None:
            # under the item's own heading the paragraph is about the item: a signal anywhere in the
            # sentence is about it too (and without SIG-NEAR anywhere is near); not the hit itself
            return _not_within(signals, places)
        marks = _clause_marks(self.sentence.text)
        places += self.later
        # (hit clause, clauses a signal may stand before it): worked out once, not per signal
        clauses = set()
        for a, _ in places:
            clauses.add(bisect_right(marks, a - 1))
        hit_clauses = []
        for c in clauses:
            hit_clauses.append((c, self._before(c, marks)))
        # an opening clause that only says when (「2017年1月份，……报告……，同时在门户网站上公开……」) dates every clause
        lead = self.book.lead_time_rx
        dated = bool(marks) and lead is not None and lead.fullmatch(self.sentence.text, 0, marks[0]) is not None
        out = []
        for sig in _not_within(signals, places):  # (a signal inside a place is the hit itself)
            sig_clause = bisect_right(marks, sig.start - 1)  # clause marks before the signal
            if dated and sig_clause == 0:
                out.append(sig)
                continue
            for c, before in hit_clauses:
                if -before <= sig_clause - c <= near:
                    out.append(sig)
                    break
        return out

    def _before(self, clause: int, marks: list[int]) -> int:
        """How many clauses before the hit's clause a signal may stand: none when the hit's
        clause opens a new task (「完成机构改革，推进综合执法改革」: 「完成」 was the earlier task's)."""
        before, new_task = self.book.near_before, self.book.new_task_rx
        if before and new_task is not None:
            start = marks[clause - 1] + 1 if clause > 0 else 0
            if new_task.match(self.sentence.text, start):
                return 0
        return before

    @property
    def sentence_modality(self) -> str:
        return self.sentence.modality if self.modality is None else self.modality

    @_cached
    def concrete(self) -> bool:
        """Counts as a concrete fact for this item: a done, specific act that is about
        the item itself, not an item named in passing in a list. Computed once per hit
        (ranking and judging ask for it many times)."""
        return (self.sentence_modality == "achievement" and (not self.sentence.is_heading or self.fact_heading)
                and bool(self.sentence_signals) and not self.listed
                and not self.framing and not self.in_formula and not self.meeting_topic and self.region_veto is None
                and not self.plan_only)

    @property
    def fact_heading(self) -> bool:
        """A numbered line that states a counted or documented fact (「1.全年办理行政复议案件48件。」) reports
        work, where a heading only names a topic (「（一）深化行政复议体制改革」)."""
        return any(sig.rule in FACT_SIGNALS for sig in self.sentence_signals)

    @_cached
    def plan_only(self) -> bool:
        """The sentence is concrete only through a plan it made (rule VETO-PLAN-DOCUMENT, switched on
        by the items it suits): 「印发了《2025年普法责任清单》」 arranges the work, it does not do it."""
        rx = self.book.plan_document_rx if self.book is not None else None
        signals = self.sentence_signals
        if rx is None or not signals:
            return False
        return _plan_only(self.sentence.text, self.spans, signals, rx)

    @_cached
    def meeting_topic(self) -> bool:
        """Every span of the hit stands in the name of a meeting held (rule VETO-MEETING-TOPIC)."""
        regions = self._regions()
        if regions is None or not regions.meetings or not self.spans:
            return False
        return _in_meeting_names(self.spans, regions.meetings)

    @_cached
    def region_veto(self) -> tuple[str, str] | None:
        """(rule id, name) of the region veto (VETO-SPEECH, VETO-RANKING, VETO-BODY-NAME) holding the hit: every
        span of the hit stands in such a region or in a meeting's name (「召开执法规范化推进会，他指出……执法程序」)."""
        if not self.spans:
            return self._heading_region_veto()
        regions = self._regions()
        if regions is None or not regions.vetoes:
            return None
        found = []
        for x, y, _ in self.spans:
            rule = _region_holding(x, y, regions.vetoes)
            if rule is None:
                if not (regions.meetings and within(x, y, regions.meetings)):
                    return None
                continue  # a meeting's topic: VETO-MEETING-TOPIC's part of the hit
            found.append(rule)
        return found[0] if found else None

    def _heading_region_veto(self) -> tuple[str, str] | None:
        """A sentence that counts through its heading has no words of the item to place; a region veto marked
        `under_heading` holds it when every signal that makes it concrete stands in the region (under 「加强宣传教育」,
        「在15个主体班次中开设专题课」 is training for the body's own cadres, VETO-STAFF-AUDIENCE)."""
        if self.via_heading is None or self.book is None or not self.book.heading_region_vetoes:
            return None
        signals = self.sentence_signals
        regions = self._regions() if signals else None  # (looked up only when the answer can be yes)
        if regions is None:
            return None
        return next(((r, n) for r, n, spans in regions.vetoes
                     if spans and r in self.book.heading_region_vetoes
                     and all(within(sig.start, sig.end, spans) for sig in signals)), None)

    def _regions(self) -> VetoRegions | None:
        """The sentence's veto regions, looked up (memoised on the document) only for the hits whose
        concreteness or evidence gets that far: most hits are decided before (modality, signals)."""
        if self.regions is None and self.doc is not None:
            self.regions = self.doc.veto_regions(self.sentence, self.book)
        return self.regions

    @property
    def in_formula(self) -> bool:
        """Every span of the hit stands in a set-phrase clause of guidance (rule VETO-FORMULA)."""
        f = self.sentence.formula if self.formula is None else self.formula
        return bool(f and self.spans) and _all_within(self.spans, f)


def _in_meeting_names(spans: list[tuple[int, int, str]], meetings: list[tuple[int, int]]) -> bool:
    """Hit.meeting_topic once a meeting stands in the sentence: every span stands in a meeting's name."""
    # a phrase that ends where the meeting's name does is the meeting itself (「举办首届法治论坛」), not its topic
    return all(within(x, y, meetings) and not any(a <= x and y == b for a, b in meetings) for x, y, _ in spans)


def _region_holding(x: int, y: int, vetoes: list[tuple[str, str, list[tuple[int, int]]]]) -> tuple[str, str] | None:
    """(rule id, name) of the first region veto whose regions hold [x, y), or None (Hit.region_veto)."""
    for rule, name, spans in vetoes:
        if spans and within(x, y, spans):  # (most rules have no region in the sentence: no call)
            return rule, name
    return None


def _plan_only(text: str, spans: list[tuple[int, int, str]], signals: list[Signal], rx) -> bool:
    """Hit.plan_only, once the rule applies: `rx` finds the plans a sentence makes (VETO-PLAN-DOCUMENT).
    (Apart from the property: its comprehensions would make closure cells of its variables on every call.)"""
    if spans and "《" in text:
        # the item is named only in the title of a plan (「制定……《普法依法治理工作要点》」): whatever else
        # the sentence did, for this item it made a plan
        plans = [m.span() for m in rx.finditer(text)]
        # (each matched word's every occurrence: a span's rule may be a combination, 「目标考核+法治」, not a word)
        if plans and all(within(a, b, plans) for x, y, _ in spans for a, b in find_spans(text, text[x:y])):
            return True
    return (any(sig.rule == "SIG-DOCUMENT" for sig in signals)
            and all(sig.rule == "SIG-ACT" or (sig.rule == "SIG-DOCUMENT" and rx.search(sig.text)) for sig in signals))


class VetoRegions(NamedTuple):
    vetoes: list[tuple[str, str, list[tuple[int, int]]]]  # (rule id, name, spans) of each region veto
    meetings: list[tuple[int, int]]  # names of meetings held (VETO-MEETING-TOPIC)


def veto_regions(book: RuleBook, text: str, gated: tuple | None = None) -> VetoRegions:
    """The spans of each region veto and of meeting names in a sentence (AnalysedDoc.veto_regions memoises it).
    `gated`: the sentence's (SignalGates, mask) (literal_gates.py), which says which patterns can match."""
    if gated is not None and gated[0].book is book:
        # the report's one scan for needed literals already says which patterns can match here
        # (a bit per region veto, then one for the meeting names; one set: no need to look again)
        mask, bits = gated[1], gated[0].region_bits
        finditer = finditer_holding
    else:
        needs = book.region_veto_needs
        if needs is not None and needs.search(text) is None:
            # most sentences hold none of the literals every match needs: one search instead of four
            return VetoRegions([(rule, name, []) for rule, name, _ in book.region_vetoes], [])
        mask, bits = None, None  # every pattern is tried
        finditer = _finditer
    vetoes = []  # (loops, not comprehensions: those would make closure cells of `text` and `mask`)
    for k, (rule, name, rx) in enumerate(book.region_vetoes):
        vetoes.append((rule, name, [m.span() for m in finditer(rx, text)] if bits is None or mask & bits[k] else []))
    meetings = ([m.span() for m in finditer(book.meeting_rx, text)]
                if book.meeting_rx is not None and (bits is None or mask & bits[-1]) else [])
    return VetoRegions(vetoes, meetings)


def _finditer(rx, text: str):
    """`rx.finditer(text)` (what finditer_holding stands for where no scan said a needed literal is there)."""
    return rx.finditer(text)


@dataclass
class ItemMatch:
    hits: list[Hit] = field(default_factory=list)
    rejected: list[Hit] = field(default_factory=list)


DOC_TITLE = re.compile(r"《[^《》]*》")
CLAUSE_MARKS = "，,；;：:"
RETUNING_RULES = ("SIG-", "MOD-", "SEC-", "VETO-FORMULA")  # rules that change how a sentence itself is read
LIST_SEPARATORS = "、+＋"  # "A、B、C" and named combinations "法治督察+执法监督+行政复议"
INTERNET_PLUS = re.compile(r"互联网[+＋]")
LIST_BOUNDS = LIST_SEPARATORS + CLAUSE_MARKS + "。等"  # where one list entry ends
# Words that close a list like 等 does: what follows them is said of the whole list
# (「部署执法、司法、守法、普法各项工作20余次」: the 20 times are not 普法's own)
LIST_CLOSERS = ("各项", "各类", "多项", "诸项")
OPEN_LIST_TAIL = re.compile(f"[^{CLAUSE_MARKS}。]*?等")  # an open list closes with 等 in the same clause
LISTED_WORK = ("SIG-QUANTITY", "SIG-DOCUMENT")  # signals that make a list entry work done on that entry
FACT_SIGNALS = ("SIG-QUANTITY", "SIG-DOCUMENT", "SIG-DATE")  # signals that make a numbered line a fact, not a topic


_CLAUSE_MARK_RX = re.compile(f"[{CLAUSE_MARKS}]")
# Where a list entry and its clause begin and end, found by `re` rather than a step per character
# in Python (_after_last, _next_at): a list entry ends at a separator, a clause mark, 。, 等 or a closer.
_LAST_LIST_BOUND = re.compile(f"(?s).*[{LIST_BOUNDS}]")
_NEXT_LIST_BOUND = re.compile(f"[{LIST_BOUNDS}]|{'|'.join(LIST_CLOSERS)}")
_LAST_CLAUSE_END = re.compile(f"(?s).*[{CLAUSE_MARKS}。]")
_NEXT_CLAUSE_END = re.compile(f"[{CLAUSE_MARKS}。]")


def _after_last(last: re.Pattern[str], text: str, pos: int) -> int:
    """Just after the last character before `pos` that `last` (「.*[…]」) ends at; 0 when there is none."""
    m = last.match(text, 0, pos)
    return m.end() if m else 0


def _next_at(bound: re.Pattern[str], text: str, pos: int) -> int:
    """Where the first match of `bound` at or after `pos` begins; the end of `text` when there is none."""
    m = bound.search(text, pos)
    return m.start() if m else len(text)


_QUOTED_RX = re.compile(r"“[^“”]*”|《[^《》]*》")  # a quoted name or a title: one unit


@lru_cache(maxsize=4096)
def _clause_marks(text: str) -> list[int]:
    """Offsets of the clause marks of a sentence (shared by every item's hits on it). A mark inside
    quotes or a title (「以“践行……思想、提升……”为题」) does not end a clause: the quoted name is one unit;
    nor does one after 组长 (为组长，…为副组长，…为成员的领导小组): a group's make-up is one phrase."""
    marks = [m.start() for m in _CLAUSE_MARK_RX.finditer(text)]
    if marks and "组长" in text:
        # a group's make-up is one phrase: 「成立以局长为组长，分管领导为副组长，……为成员的领导小组」
        marks = [i for i in marks if not text.endswith("组长", 0, i)]
    if marks and ("“" in text or "《" in text):
        quoted = [m.span() for m in _QUOTED_RX.finditer(text)]
        marks = [i for i in marks if not any(a < i < b for a, b in quoted)]
    return marks


def _vetoes(item: ItemSpec, book: RuleBook, text: str, shared: list[Veto],
            found: dict[str, list[int]] | None = None) -> list[Veto]:
    """The item's own exclude phrases plus the vetoes every item shares (`shared`).
    `found`: the words in the sentence (phrase_index.py), when it knows the excludes."""
    if not item.exclude or (found is not None and found.keys().isdisjoint(item.exclude)):
        return shared
    return _exclude_vetoes(item.exclude, text) + shared


def _exclude_vetoes(exclude: list[str], text: str) -> list[Veto]:
    """The vetoes of an item's exclude phrases in `text`. (Apart from _vetoes, which runs for every
    sentence an item meets: the comprehension would make `text` a closure cell there on every call.)"""
    return [Veto("ITEM-EXCLUDE", a, b, f"排除短语「{ex}」") for ex in exclude for a, b in find_spans(text, ex)]


def shared_vetoes(book: RuleBook, text: str, gated: tuple | None = None) -> list[Veto]:
    """Vetoes that do not depend on the item: computed once per sentence and rule book. `gated`: the
    sentence's (SignalGates, mask) (literal_gates.py), which says which of the patterns can match."""
    out: list[Veto] = []
    if gated is not None and gated[0].book is book:
        # the report's one scan for needed literals already says which patterns can match here
        # (bits in the order of RuleBook.shared_veto_patterns), and a pattern whose bit is set need
        # not look for its literals again (finditer_holding)
        mask, (law_bit, basis_bit, organ_bit, training_bit) = gated[1], gated[0].shared_bits
        law, basis, organ, training_on = mask & law_bit, mask & basis_bit, mask & organ_bit, mask & training_bit
        finditer = finditer_holding
    else:
        needs = book.shared_veto_needs
        if needs is not None and needs.search(text) is None:
            return out  # most sentences hold no literal any shared veto needs: one search instead of four
        law = basis = organ = training_on = True
        finditer = _finditer
    if book.cited_law_rx is not None and law:
        out += [Veto("VETO-CITED-LAW", m.start(), m.end(), f"所引上级法律文件{m.group(0)}")
                for m in finditer(book.cited_law_rx, text)]
    if book.cited_basis_rx is not None and basis:
        out += [Veto("VETO-CITED-BASIS", m.start(), m.end(), _basis_label(m.group(0)))
                for m in finditer(book.cited_basis_rx, text)]
    if book.organ_name_rx is not None and organ:
        out += [Veto("VETO-ORGAN-NAME", m.start(), m.end(), f"机关名称「{m.group(0)}」")
                for m in finditer(book.organ_name_rx, text)]
    if book.training_rx is not None and training_on:
        training = book.training_rx.search(text)
        # A leader presiding over a meeting that studies the rule of law is leadership, not training content.
        if training and not (book.training_unless_rx is not None and book.training_unless_rx.search(text)):
            out += [Veto("VETO-TRAINING", m.start(), m.end(), f"培训学习内容{m.group(0)}")
                    for m in DOC_TITLE.finditer(text)]
            for m in book.training_rx.finditer(text, training.start()):  # (a loop: no closure cell of `text`)
                out.append(Veto("VETO-TRAINING", m.end(), _training_content_end(text, m.end()),
                                f"「{m.group(0)}」之后的培训学习内容"))
    return out


def _basis_label(region: str) -> str:
    """How a rejected hit's VETO-CITED-BASIS region is named to a reader: the cited titles alone
    (「作为依据引用的文件《法治政府建设实施纲要(2015-2020年)》」, not the verb and issuer before them),
    or the quoted clause when it cites no title (「按照市委部署要求」)."""
    titles = DOC_TITLE.findall(region)
    return f"作为依据引用的文件{''.join(titles)}" if titles else f"作为依据的「{region}」"


def _training_content_end(text: str, start: int) -> int:
    """Where the content of a training named at `start` ends: with the clause after the one naming it
    (「举办培训班，讲解了行政诉讼法」); a later clause reports other work (「……学法考法，……，组织负责人出庭应诉27人次」)."""
    marks = _CLAUSE_MARK_RX.finditer(text, start)
    next(marks, None)  # the end of the clause naming the training
    second = next(marks, None)
    return second.start() if second else len(text)


_DEPARTMENT = JurisdictionKind.department  # (an Enum member looked up on its class costs ~0.35 µs in Python 3.11)
_COVERED, _PARTIAL, _MISSING, _NOT_APPLICABLE = Status.covered, Status.partial, Status.missing, Status.not_applicable


def _own_name(doc: AnalysedDoc, book: RuleBook) -> str | None:
    """The issuing department's name when rule VETO-OWN-FIELD applies to the report (departments only)."""
    meta = doc.document.meta
    if book.own_field_rx is None or meta.jurisdiction_kind != _DEPARTMENT:
        return None
    return meta.jurisdiction or None


def _own_field(name: str | None, book: RuleBook, phrase: str) -> bool:
    """The phrase is the field in the issuing department's own name (「应急管理」 in 江苏省应急管理厅):
    it says who wrote the report, not that the item was done (rule VETO-OWN-FIELD)."""
    if not name:
        return False
    i = name.find(phrase)
    return i >= 0 and book.own_field_rx.match(name, i + len(phrase)) is not None


_USABLE = ("", "")


def _why_unusable(start: int, end: int, phrase: str, text: str, vetoes: list[Veto], book: RuleBook,
                  own_name: str | None, training_item: bool) -> tuple[str, str]:
    """(Chinese reason, rule id) why the occurrence text[start:end] of `phrase` does not count,
    or _USABLE: the issuing department's own field, a veto holding it, not a whole word."""
    if own_name and _own_field(own_name, book, phrase):
        return f"「{phrase}」只是发布机关名称（{own_name}）里的业务领域", "VETO-OWN-FIELD"
    for v in vetoes:
        if v.start <= start and end <= v.end:
            if v.rule == "VETO-TRAINING" and training_item:
                continue  # a training item is about exactly this
            return f"「{phrase}」出现在{v.what}中", v.rule
    if len(phrase) <= book.whole_word_max and not is_whole_word(text, start, end):
        return f"「{phrase}」在本句中不是独立词语", "VETO-WHOLE-WORD"
    return _USABLE


def _listed(start: int, end: int, s: Sentence, plain: str, has_deng: bool, book: RuleBook) -> bool:
    """Whether the occurrence at [start, end) is only one entry of an enumeration in sentence `s`
    (rule VETO-ENUMERATION). `plain`: its text with 「互联网+」 written out; `has_deng`: 「等」 in it."""
    if not book.enumeration:
        return False
    text = s.text
    before = plain[start - 1] if start > 0 else ""
    after = plain[end:end + 1]
    adjacent = before in LIST_SEPARATORS or after in LIST_SEPARATORS or after == "等"
    # An entry of an open list names an example whatever words it holds: 「研究规范性文件审查、
    # 政府法律顾问管理、……等工作13次」 mentions 规范性文件 as 「规范性文件、法律顾问等」 does.
    if not adjacent and (not has_deng or not OPEN_LIST_TAIL.match(plain, end)):
        return False  # (the usual case: neither next to a separator nor before a 等 in its clause)
    # the list entry holding the phrase: from just after the last bound before it to the next one
    a, b = _after_last(_LAST_LIST_BOUND, plain, start), _next_at(_NEXT_LIST_BOUND, plain, end)
    if not adjacent and not ((plain[a - 1] if a > 0 else "") in LIST_SEPARATORS
                             or plain[b:b + 1] in LIST_SEPARATORS or plain[b:b + 1] == "等"):
        return False
    if "的" in plain[end:b]:
        # the phrase owns what the list names (「对权责清单中行政职权的管理权限、运行流程等进行清理」):
        # the list is of its parts, the phrase itself is no entry
        return False
    # A list is three entries or an open one ("A、B等"); "会前学法、学政策" is a pair.
    clause = plain[_after_last(_LAST_CLAUSE_END, text, start):_next_at(_NEXT_CLAUSE_END, text, end)]
    if _separators(clause) < 2 and "等" not in clause:
        return False
    # A list entry that carries its own figure ("完成18件规范性文件、68件上会文件审查") or names
    # its own document ("审议了《……应诉工作规定》《规范性文件管理规定》等制度") is work on that entry.
    return not _listed_work(s.signals, a, b)


# (The helpers below are loops, not any()/all()/sum() over generator expressions, and stand apart from
# the functions that call them: a comprehension or generator inside a function makes every variable of
# that function it reads a closure cell, made on each call and read more slowly. These run hundreds of
# times per report.)


def _not_within(signals: list[Signal], places: list[tuple[int, int]]) -> list[Signal]:
    """The signals that stand inside none of `places`, in order."""
    out = []
    for sig in signals:
        if not within(sig.start, sig.end, places):
            out.append(sig)
    return out


def _any_search(rx, texts) -> bool:
    """Whether `rx` finds a match in one of `texts`."""
    for text in texts:
        if rx.search(text):
            return True
    return False


def _separators(clause: str) -> int:
    """How many list separators (LIST_SEPARATORS) `clause` holds."""
    n = 0
    for c in LIST_SEPARATORS:
        n += clause.count(c)
    return n


def _listed_work(signals: list[Signal], a: int, b: int) -> bool:
    """Whether a signal that makes a list entry work on it (LISTED_WORK) stands within [a, b)."""
    for sig in signals:
        if sig.rule in LISTED_WORK and a <= sig.start and sig.end <= b:
            return True
    return False


def _phrase_hits(item: ItemSpec, patterns: list[re.Pattern[str]], s: Sentence, book: RuleBook, training_item: bool,
                 doc: AnalysedDoc, found: dict[str, list[int]] | None = None, rules=None, own_name: str | None = None,
                 ) -> tuple[list[tuple[str, list[tuple[int, int, str]]]], list[tuple[str, str]], bool, list[tuple[int, int]]]:
    """Rules of `item` that match sentence `s` with their spans, rejected literal hits
    (reason, rule id), and whether every usable hit is only one entry of an
    enumeration ("A、B、C等", rule VETO-ENUMERATION). `found` maps each phrase part in
    the sentence to its starts (phrase_index.py; None: searched here); `rules` gives the
    (rule, parts) pairs: with `found`, only those whose first part is in the sentence
    (ItemPlan.rules_in: a rule whose first part is not there is neither a hit nor a rejected one).
    `own_name`: the issuing department's name when rule VETO-OWN-FIELD applies (_own_name, once per item).
    Last: the later usable occurrences of the matched parts, which only rule SIG-NEAR reads."""
    text, formula = s.text, s.formula
    if rules is None:
        rules = [(rule, [p.strip() for p in rule.split("+")]) for rule in expanded_phrases(item.phrases)]
    vetoes = _vetoes(item, book, text, doc.vetoes(s, book), found)
    # An occurrence is asked `_why_unusable` only where something can reject it: a veto, the issuing
    # department's name, or the whole-word test of a short phrase (most occurrences of most sentences
    # face none of them).
    checked, short = bool(vetoes or own_name), book.whole_word_max
    plain = INTERNET_PLUS.sub("互联网加", text) if "互联网" in text else text  # "互联网+" is one term, not a list
    has_deng = "等" in plain  # an open list closes with 等: without one, no regex search for it

    matched: list[tuple[str, list[tuple[int, int, str]]]] = []
    rejected: list[tuple[str, str]] = []
    later: list[tuple[int, int]] = []  # later usable occurrences of matched parts (SIG-NEAR reads them too)
    for rule, parts in rules:
        ok, why, spans = True, ("", ""), []
        for part in parts:
            chosen = None
            occurrences = found.get(part, NOTHING) if found is not None else find_all(text, part)
            fallback = None  # a usable occurrence outside set phrases, but only one entry of a list
            size = len(part)
            for pos in occurrences:
                reason = (_why_unusable(pos, pos + size, part, text, vetoes, book, own_name, training_item)
                          if checked or size <= short else _USABLE)
                if not reason[0]:
                    chosen = chosen or (pos, pos + size, part)
                    if not (formula and within(pos, pos + size, formula)):  # (most sentences have none)
                        chosen = (pos, pos + size, part)
                        # The term may stand again in the sentence as work done in its own right
                        # (「集中学法+定期学法的形式……开展专题学法培训4场」): that one counts.
                        if (len(occurrences) > 1 and pos != occurrences[-1]
                                and _listed(pos, pos + size, s, plain, has_deng, book)):
                            fallback = fallback or chosen
                            continue
                        break  # an occurrence outside set-phrase clauses is the one that counts
                else:
                    why = reason
            if fallback is not None and (chosen is None or within(chosen[0], chosen[1], formula)):
                chosen = fallback
            if chosen:
                spans.append(chosen)
                if len(occurrences) > 1 and s.signals:
                    # the term stands again later in the sentence: a figure next to that mention is about
                    # it too (「……出庭应诉责任制度，……，行政机关负责人出庭应诉率100%」; rule SIG-NEAR only;
                    # a sentence with no signal has nothing to be near). (A loop, not a comprehension, here
                    # and below: one would make a dozen of this function's variables closure cells.)
                    for pos in occurrences:
                        if (pos > chosen[0] and not (formula and within(pos, pos + size, formula)) and not (
                                (_why_unusable(pos, pos + size, part, text, vetoes, book, own_name, training_item)
                                 if checked or size <= short else _USABLE)[0])):
                            later.append((pos, pos + size))
            else:
                ok = False
                break
        if ok:
            matched.append((rule, spans))
        elif why[0]:
            rejected.append(why)
    # Overlapping hits ("大气污染" and "污染防治") are one mention: judge the enumeration
    # rule on the merged span, so a list element is not rescued by a second phrase inside it.
    all_listed = False
    if matched and book.enumeration:  # (without the rule no span is listed)
        if len(matched) == 1 and len(matched[0][1]) == 1:  # the usual case: one span, nothing to merge
            a, b, _ = matched[0][1][0]
            all_listed = _listed(a, b, s, plain, has_deng, book)
        else:
            merged: list[list[int]] = []
            for a, b, _ in sorted(sp for _, sps in matched for sp in sps):
                if merged and a <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            all_listed = True
            for a, b in merged:
                if not _listed(a, b, s, plain, has_deng, book):
                    all_listed = False
                    break
    for rx in patterns:
        m = rx.search(text)
        if m and not _why_unusable(m.start(), m.end(), "#" * (short + 1), text, vetoes, book, own_name, training_item)[0]:
            matched.append((f"正则 {rx.pattern}", [(m.start(), m.end(), m.group(0))]))
            all_listed = False
    return matched, rejected, bool(matched) and all_listed, later


def _candidates(item: ItemSpec, patterns: list[re.Pattern[str]], text: str,
                sentences: list[Sentence], starts: list[int], phrases: DocPhrases | None = None,
                firsts: frozenset[str] = frozenset()) -> list[int]:
    """Indices of sentences in which the first part of some rule starts. `phrases`: the
    text scanned once for all words of the checklist (phrase_index.py), and `firsts` the
    item's first parts (ItemPlan.first_set), else searched here once per phrase."""
    found: set[int] = set()
    if phrases is not None:  # every word of the item is in the checklist's index
        starting_in = phrases.starting_in
        # (most of an item's first parts are not in the report; `keys() & firsts` walks the item's ~15
        # first parts, where firsts.intersection(starting_in) walked the report's ~130 words)
        for first in starting_in.keys() & firsts:
            found.update(starting_in[first])
    for rule in expanded_phrases(item.phrases) if phrases is None else ():
        first = rule.split("+")[0].strip()
        pos = text.find(first)
        while pos != -1:
            _add_sentence_of(pos, found, sentences, starts)
            pos = text.find(first, pos + 1)
    for rx in patterns:
        for m in rx.finditer(text):
            _add_sentence_of(m.start(), found, sentences, starts)
    return sorted(found)


def _add_sentence_of(pos: int, found: set[int], sentences: list[Sentence], starts: list[int]) -> None:
    """Add to `found` the index of the sentence holding offset `pos`, if one does. (A function, not a
    closure in _candidates: that made three closure cells on each of its calls, ~40 per report.)"""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < sentences[i].end:
        found.add(i)


def _heading_word(item: ItemSpec, s: Sentence, book: RuleBook, found: dict[str, list[int]] | None = None,
                  own_name: str | None = None) -> str | None:
    """A heading word of the item standing in heading sentence `s` as a whole word.
    `found` maps the words in the sentence to their starts (None: searched here); `own_name`: the
    issuing department's name (a word naming its own field does not make a heading about the item)."""
    aims = None
    for word in item.heading_words:
        if own_name and _own_field(own_name, book, word):
            continue
        for pos in (found.get(word, NOTHING) if found is not None else find_all(s.text, word)):
            if len(word) > book.whole_word_max or is_whole_word(s.text, pos, pos + len(word)):
                if aims is None:
                    aims = _aim_clauses(s.text, book)
                if not within(pos, pos + len(word), aims):
                    return word
    return None


def _aim_clauses(text: str, book: RuleBook) -> list[tuple[int, int]]:
    """Spans of a heading's aim clauses (rule MATCH-HEADING: 「深化普法教育，提升法治素养水平」 is about
    普法; 提升法治素养 is what it is for)."""
    return [m.span() for m in book.heading_aim_rx.finditer(text)] if book.heading_aim_rx is not None else []


def doc_phrases(doc: AnalysedDoc, checklist: Checklist) -> DocPhrases:
    """The report scanned once for every phrase and heading word of the checklist."""
    index = index_for(checklist)
    entry = doc._phrase_scans.get(id(index))
    if entry is None or entry[0] is not index:
        entry = doc._phrase_scans[id(index)] = (index, DocPhrases(index, doc.text, doc.sentences, doc.starts))
    return entry[1]


_TRAINING_ITEMS: dict[tuple[int, int], tuple[RuleBook, ItemSpec, list[str], bool]] = {}


def _training_item(item: ItemSpec, book: RuleBook) -> bool:
    """Whether a phrase of the item is itself training content (rule VETO-TRAINING),
    worked out once per rule book and item. Keyed by the two objects (kept in the entry, so
    their ids stay theirs) and checked against a copy of the phrase list: an item changed in
    place gets a new answer. (Keying by the phrases as a tuple made and hashed the tuple for
    every item of every report.)"""
    if book.training_rx is None:
        return False
    key = (id(book), id(item))
    entry = _TRAINING_ITEMS.get(key)
    if entry is None or entry[0] is not book or entry[1] is not item or entry[2] != item.phrases:
        if len(_TRAINING_ITEMS) > 4096:
            _TRAINING_ITEMS.clear()
        # an item that switches the veto on itself (O21-11: 教育培训 there is the education-and-training trade)
        # is not a training item whatever its words
        answer = not switched_on(item.rules.get("VETO-TRAINING")) and _any_search(book.training_rx, expanded_phrases(item.phrases))
        entry = _TRAINING_ITEMS[key] = (book, item, list(item.phrases), answer)
    return entry[3]


def match_item(item: ItemSpec, checklist: Checklist, doc: AnalysedDoc, book: RuleBook | None = None) -> ItemMatch:
    book = book or doc.book
    text, sentences, starts = doc.text, doc.sentences, doc.starts
    patterns = checklist.compiled_patterns.get(item.id, [])
    result = ItemMatch()
    topical: dict[int, tuple[Section, str]] = {}  # section start -> (section, rule)
    leads: dict[int, str] = {}  # lead sentence index -> rule (a lead sentence works as a heading)
    lead_regions = doc.lead_regions if book.heading else {}
    # An item that tunes rules of signals, modality or sections judges each sentence by its own
    # rules; one that only switches a veto off reads the sentence as the document does.
    own_book = book is not doc.book and any(str(k).startswith(RETUNING_RULES) for k in item.rules)
    # A training item is about exactly what the training veto removes.
    training_item = _training_item(item, book)
    phrases = doc_phrases(doc, checklist)
    plan = phrases.index.plan(item)
    known = plan.known  # else this item's words are searched sentence by sentence
    own_name = _own_name(doc, book)
    framing = book.preamble and doc.has_headings  # (the preamble of a report with numbered headings: per item, not per hit)
    for i in _candidates(item, patterns, text, sentences, starts, phrases if known else None, plan.first_set):
        s = sentences[i]
        if doc.padding and i in doc.padding:
            continue
        found = phrases.in_sentence(i) if known else None
        rules, rejected, listed, later = _phrase_hits(item, patterns, s, book, training_item, doc, found,
                                               plan.rules if found is None else plan.rules_in(found), own_name)
        if rules:
            spans = []  # (a loop: a comprehension is a function call of its own, once per hit)
            for rule, sps in rules:
                for x, y, _ in sps:
                    spans.append((x, y, rule))
            hit = Hit(s, rules[0][0], n_rules=len(rules), listed=listed, spans=spans, later=later,
                      framing=framing and not s.section.path, book=book, doc=doc)
            result.hits.append(_retuned(hit, book, doc.book) if own_book else hit)
            if book.heading and (s.is_heading or i in lead_regions):
                aims = _aim_clauses(s.text, book)
                topic = _topic_rule(rules, aims)
                if topic is not None and s.is_heading:
                    topical[s.section.start] = (s.section, topic)
                elif topic is not None:
                    leads[i] = topic
        for why, rule_id in rejected:
            result.rejected.append(Hit(s, "", rejected=why, veto_rule=rule_id))
    if book.heading and item.heading_words:
        # Only headings and lead sentences that hold one of the item's heading words are read.
        for i in phrases.among(doc.heading_indices, item.heading_words) if known else doc.heading_indices:
            s = sentences[i]
            if s.section.start not in topical:
                word = _heading_word(item, s, book, phrases.in_sentence(i) if known else None, own_name)
                if word:
                    topical[s.section.start] = (s.section, word)
        for i in phrases.among(lead_regions, item.heading_words) if known else lead_regions:
            if i not in leads:
                word = _heading_word(item, sentences[i], book, phrases.in_sentence(i) if known else None,
                                     own_name)
                if word:
                    leads[i] = word
    direct = {id(h.sentence): h for h in result.hits}
    for i, rule in leads.items():
        sec, region = lead_regions[i]
        for j in region:
            s = sentences[j]
            if id(s) in direct:
                direct[id(s)].under_heading = True  # a phrase hit under the item's own lead sentence
                continue
            if doc.padding and j in doc.padding:
                continue
            hit = Hit(s, rule, via_heading=sec, doc=doc, book=book)
            direct[id(s)] = hit
            result.hits.append(_retuned(hit, book, doc.book) if own_book else hit)
    if topical and known and book.heading_max_topics is not None:
        # A heading naming the topics of three or more items (「推进政府机构职能优化、推进“放管服”改革、优化法治化营商环境」)
        # does not say which of them each sentence below it is about: those count by their own words.
        crowded = []  # (a loop, not a comprehension: no closure cells of `doc`, `phrases` and `book` here)
        for start in topical:
            if _many_topics(doc, phrases, start, book.heading_max_topics):
                crowded.append(start)
        for start in crowded:
            del topical[start]
    if topical:
        for i in _sentences_under(topical, doc.sentences_by_section):
            s = sentences[i]
            if s.is_heading or s.section.start not in topical:
                continue
            if id(s) in direct:
                direct[id(s)].under_heading = True  # a phrase hit under the item's own heading
                continue
            if doc.padding and i in doc.padding:
                continue
            hit = Hit(s, topical[s.section.start][1], via_heading=s.section, doc=doc, book=book)
            result.hits.append(_retuned(hit, book, doc.book) if own_book else hit)
    return result


def _all_within(spans: list[tuple[int, int, str]], regions: list[tuple[int, int]]) -> bool:
    """Whether every (start, end, part) of `spans` lies inside one of `regions`."""
    if not regions:
        return not spans  # (the usual case: a heading without an aim clause)
    for x, y, _ in spans:
        if not within(x, y, regions):
            return False
    return True


def _topic_rule(rules: list[tuple[str, list[tuple[int, int, str]]]], aims: list[tuple[int, int]]) -> str | None:
    """The first of a heading's matched rules that makes it about the item: a rule whose every span stands
    in the heading's aim clauses (`aims`) does not."""
    for rule, spans in rules:
        if not _all_within(spans, aims):
            return rule
    return None


def _sentences_under(sections, by_section: dict[int, list[int]]) -> list[int]:
    """The indices of the sentences of the sections starting at `sections`, ascending."""
    return sorted(j for start in sections for j in by_section.get(start, ()))


def _many_topics(doc: AnalysedDoc, phrases: DocPhrases, section_start: int, most: int) -> bool:
    """The heading of the section starting at `section_start` holds heading words of more than `most` items.
    (The same answer for every item whose heading it is: memoised on the scan.)"""
    key = (section_start, most)
    answer = phrases.many_topics.get(key)
    if answer is None:
        answer = phrases.many_topics[key] = _heading_topics(doc, phrases, section_start) > most
    return answer


def _heading_topics(doc: AnalysedDoc, phrases: DocPhrases, section_start: int) -> int:
    """How many items' heading words the heading of the section starting at `section_start` holds."""
    heading_items = phrases.index.heading_items
    for i in doc.sentences_by_section.get(section_start, ()):
        s = doc.sentences[i]
        if s.is_heading:
            ids: set[str] = set()
            for w in phrases.in_sentence(i):
                ids |= heading_items.get(w, frozenset())
            return len(ids)
    return 0


_ADDED_SIGNALS: dict[tuple[int, int], tuple[RuleBook, RuleBook, tuple | None]] = {}


def _added_signals(book: RuleBook, base: RuleBook) -> tuple | None:
    """(the signal rules `book` has beyond `base`, the position of each of `book`'s signal rules) when those rules
    are all that differs between them (an item that only switches a signal on, such as SIG-STUDIED-LAW for the
    study items), else None. Worked out once per pair."""
    key = (id(book), id(base))
    entry = _ADDED_SIGNALS.get(key)
    if entry is None or entry[0] is not book or entry[1] is not base:
        if len(_ADDED_SIGNALS) > 256:
            _ADDED_SIGNALS.clear()
        changed = {rid for rid in set(book.specs) | set(base.specs) if book.specs.get(rid) != base.specs.get(rid)}
        on = {r.id for r in book.signals}
        added = None
        if changed and all(rid.startswith("SIG-") and rid in on and not (base.specs.get(rid) and base.specs[rid].enabled)
                           for rid in changed):
            added = (tuple(r for r in book.signals if r.id in changed), {r.id: i for i, r in enumerate(book.signals)})
        entry = _ADDED_SIGNALS[key] = (book, base, added)
    return entry[2]


def _retuned(hit: Hit, book: RuleBook, base: RuleBook) -> Hit:
    """An item that tunes the rule book judges concreteness and modality by its own rules."""
    s = hit.sentence
    added = _added_signals(book, base)
    if added is not None:
        # only signals were switched on: the sentence reads as the document read it, plus their matches, listed
        # in the book's rule order as find_signals lists them
        rules, order = added
        extra = find_signals(s.text, book, s.formula, rules)
        if extra:
            hit.signals = sorted([*s.signals, *extra], key=lambda sig: order.get(sig.rule, len(order)))
        return hit
    # which of the book's patterns can match here: one scan of the sentence for their needed
    # literals (literal_gates.py), as the document's sentences were read, not a search per pattern
    gates = gates_for(book)
    mask = gates.masks(s.text, [(0, len(s.text))])[0]
    hit.formula = formula_clauses(s.text, book, gates.formula(mask))
    hit.signals = find_signals(s.text, book, hit.formula, gates.rules(mask))
    hit.modality = classify_modality(s.text, s.section, book, bool(mask & gates.plan_bit),
                                     bool(mask & gates.shortcoming_bit))[0]
    return hit


def evidence_for(hit: Hit, book: RuleBook) -> Evidence:
    """The evidence record of one hit, validated (judge_item validates its records with the item)."""
    return Evidence.model_validate(evidence_fields(hit))


def evidence_fields(hit: Hit) -> dict:
    """The fields of one hit's evidence record, as written for validation: rule records first,
    Chinese reasons from them. The records are dicts validated with the evidence in one call
    (pydantic builds the nested RuleMatch models in one pass: about twice as fast as one by one)."""
    s = hit.sentence
    matched: list[dict] = []
    if hit.via_heading is not None:
        sec = hit.via_heading
        matched.append(dict(rule="MATCH-HEADING", text=sec.title[:30], start=sec.start, end=sec.body_start,
                            phrase=hit.rule))
    else:
        for a, b, rule in hit.spans:  # each part under the rule it belongs to
            matched.append({"rule": "MATCH-PHRASE", "text": s.text[a:b], "start": s.start + a, "end": s.start + b,
                            "phrase": rule})
        if not hit.spans:
            matched.append(dict(rule="MATCH-PHRASE", text=hit.rule, phrase=hit.rule))
    # (dict displays, not dict(...) calls: ~4 records per piece of evidence; a loop, not a comprehension,
    # which would make `s` a closure cell of this function)
    signals = []
    for sig in hit.sentence_signals:
        signals.append({"rule": sig.rule, "text": sig.text, "start": s.start + sig.start, "end": s.start + sig.end,
                        "reason": sig.label})
    limits: list[dict] = []
    modality = hit.sentence_modality
    if modality != "achievement":
        limits.append(dict(rule=s.modality_rule or "MOD-PLAN", reason=s.modality_reason))
    elif hit.listed:
        limits.append(dict(rule="VETO-ENUMERATION", phrase=hit.rule, reason=f"「{hit.rule}」只是句中列举的一项"))
    elif hit.framing:
        limits.append(dict(rule="VETO-PREAMBLE", reason="位于导语（总述），不是具体举措"))
    elif hit.meeting_topic:
        limits.append(dict(rule="VETO-MEETING-TOPIC", phrase=hit.rule, reason=f"「{hit.rule}」只是所召开会议名称里的议题"))
    elif hit.in_formula:
        limits.append(dict(rule="VETO-FORMULA", phrase=hit.rule,
                           reason=f"「{hit.rule}」出现在“坚持以……为指导”“学习贯彻……精神”这类套话分句中"))
    elif hit.region_veto is not None:
        rule, name = hit.region_veto
        limits.append(dict(rule=rule, phrase=hit.rule, reason=f"「{hit.rule}」只出现在{name}里"))
    elif hit.plan_only:
        limits.append(dict(rule="VETO-PLAN-DOCUMENT", phrase=hit.rule,
                           reason="句中只写了制定计划、要点或清单，是安排工作，不是做了这项工作"))
    elif not signals:
        limits.append(dict(rule="SIG-NONE", reason="没有具体数据、文件、时间或已完成的行动"))
    shown = modality if modality != "achievement" or hit.concrete else "vague"
    return {"section": s.section.path or "导语", "text": s.text, "start": s.start, "end": s.end,
            "reasons": evidence_reasons(matched, signals, limits), "modality": shown,
            "matched": matched, "signals": signals, "limits": limits}


def evidence_reasons(matched: list[dict], signals: list[dict], limits: list[dict]) -> list[str]:
    """Chinese reasons written from the rule records (the only place they are worded), as
    written for validation (dicts of RuleMatch fields): reading them back from the models
    and assigning to the validated Evidence cost as much as the validation itself."""
    reasons = []
    for m in matched[:1]:
        if m["rule"] == "MATCH-HEADING":
            reasons.append(f"所在段落标题「{m.get('text', '')}」命中「{m.get('phrase')}」")
        else:
            reasons.append(f"命中「{m.get('phrase')}」")
    seen = set()
    for sig in signals:
        if sig["rule"] not in seen:
            reasons.append(f"{sig.get('reason')}「{sig.get('text', '')}」")
            seen.add(sig["rule"])
    reasons += [lim["reason"] for lim in limits if lim.get("reason")]
    return reasons


def _rank(hit: Hit) -> tuple:
    """How a hit ranks for its item, best first: concrete facts first (`_top`), then this."""
    signals = hit.sentence_signals
    return (
        hit.via_heading is None,  # direct hits before hits through a heading
        hit.n_rules,  # sentences that are about the item, not merely touching it
        len({sig.rule for sig in signals}) if len(signals) > 1 else len(signals),  # kinds of signal
        hit.sentence_modality == "achievement",
        -hit.sentence.start,
    )


def _top(hits: list[Hit], n: int) -> list[Hit]:
    """The first `n` hits ranked by (concrete, _rank), best first: the same as sorting by that key, but
    concreteness (a hit's costliest question: veto regions, meetings, plans) is asked only of hits in
    _rank order until `n` concrete ones are found (an item with many hits has many concrete ones)."""
    ranked = sorted(hits, key=_rank, reverse=True)
    top = list(islice((h for h in ranked if h.concrete), n))
    if len(top) < n:  # (then every hit's concreteness is known)
        top += [h for h in ranked if not h.concrete][:n - len(top)]
    return top


def _vetoed_records(m: ItemMatch) -> list[dict]:
    """The distinct rejected literal hits of the first few sentences holding one, as RuleMatch fields
    (validated with the item): a reader shown why a 缺失 holds sees each such sentence once, with all
    its reasons, rather than one sentence three times."""
    out, seen, sentences = [], set(), set()
    for h in m.rejected:
        key = (h.veto_rule, h.rejected)
        if key in seen:
            continue
        where = h.sentence.start
        if where not in sentences:
            if len(sentences) >= MAX_EVIDENCE:
                continue
            sentences.add(where)
        seen.add(key)
        out.append(dict(rule=h.veto_rule or "VETO", text=h.sentence.text[:60], start=h.sentence.start,
                        end=h.sentence.end, reason=h.rejected))
        if len(out) >= 4 * MAX_EVIDENCE:
            break
    return out


# ItemResult.model_validate without its Python wrapper (~1 µs a call, ~50 items per report)
_VALIDATE_ITEM = ItemResult.__pydantic_validator__.validate_python


def _item_result(base: dict, status: Status, **fields) -> ItemResult:
    """An item's result, validated in one call with its records, written as dicts: pydantic builds
    the nested models in one pass (cheaper than a validation per evidence and vetoed record; building
    them unvalidated, with model_construct or by hand, was slower still). `machine_status` is the
    verdict itself, written here rather than assigned to the model afterwards (pydantic's __setattr__)."""
    return _VALIDATE_ITEM({**base, "status": status, "machine_status": status, **fields})


def _distinct_phrases(hit: Hit) -> int:
    """How many of the item's phrases the hit's sentence matched (the parts of a pair share their phrase)."""
    return len({rule for _a, _b, rule in hit.spans})


def judge_item(item: ItemSpec, checklist: Checklist, doc: AnalysedDoc) -> ItemResult:
    """The item's verdict with its evidence and vetoed records (`_item_result`)."""
    base = {"id": item.id, "title": item.title, "area": item.area, "weight": item.weight}
    kind = doc.document.meta.jurisdiction_kind
    if kind in item.not_applicable_for:
        return _item_result(base, _NOT_APPLICABLE, confidence=0.95,
                            explanation=f"本项不适用于{JURISDICTION_KIND_LABELS[kind]}（检查清单中标注）。")
    book = doc.book_for(checklist, item)
    m = match_item(item, checklist, doc, book)
    vetoed = _vetoed_records(m)
    if not m.hits:
        note = f"（另有 {len(m.rejected)} 处字面命中被规则排除：{m.rejected[0].rejected}）" if m.rejected else ""
        return _item_result(base, _MISSING, confidence=0.75 if m.rejected else 0.9, vetoed=vetoed,
                            explanation=f"报告中没有找到与本项相关的内容{note}。")
    hits = m.hits
    top = _top(hits, MAX_EVIDENCE)  # concrete hits first: the evidence, and all the verdict reads of them
    evidence = [evidence_fields(h) for h in top]
    if top[0].concrete:
        best = top[0]
        heading_hit = any(h.sentence.is_heading for h in hits)
        confidence = 0.6
        confidence += 0.15 if best.via_heading is None else 0.0  # (a direct concrete hit ranks first)
        confidence += 0.1 if len(top) >= 2 and top[1].concrete else 0.0
        confidence += 0.05 if heading_hit else 0.0
        confidence += 0.05 * min(len({sig.rule for sig in best.sentence_signals}), 2)
        # a sentence that names the item in two of its phrases is about the item more surely than one that
        # shares a single word with it (read parts: 0.85 against 0.63 right; held-out parts: 0.84 against 0.57)
        two_phrases = _distinct_phrases(best) >= 2
        confidence += 0.05 if two_phrases else 0.0
        where = best.sentence.section.path or "导语"
        sig = best.sentence_signals[0]
        how = "标题" if best.via_heading is not None else "句子"
        confidence = book.calibrated(round(min(confidence, 0.98), 2))
        needs_check = book.check_below is not None and confidence < book.check_below
        check = ""
        if needs_check:  # say what the evidence lacks (rule SCORE-CONFIDENCE)
            weak = [] if len(top) >= 2 and top[1].concrete else ["只有一句写到具体事实"]
            weak += [] if two_phrases or best.via_heading is not None else ["句中只出现本项的一个用语"]
            weak += ["这句是经段落标题归入本项的"] if best.via_heading is not None else []
            check = f"{'，'.join(weak) or '证据较弱'}（置信度{confidence:.2f}），建议核对原文。"
        return _item_result(
            base, _COVERED, confidence=confidence, needs_check=needs_check, evidence=evidence, vetoed=vetoed,
            explanation=f"在「{where}」找到具体举措（{sig.label}「{sig.text}」，经{how}命中「{best.rule}」），判定为已覆盖。{check}")
    vague = [h for h in hits if h.sentence_modality == "achievement"]  # (no hit is concrete here)
    if vague:
        why = ("只在列举中顺带提到" if all(h.listed for h in vague)
               else "只在导语的总述中提到" if all(h.framing for h in vague)
               else "只找到原则性表述，没有具体数据、文件、时间或已完成的行动")
        return _item_result(base, _PARTIAL, confidence=0.65, evidence=evidence, vetoed=vetoed,
                            explanation=f"{why}，判定为部分覆盖。")
    modalities = {h.sentence_modality for h in hits}
    what = "下步计划" if modalities == {"plan"} else ("存在的不足" if modalities == {"shortcoming"} else "计划或不足")
    return _item_result(base, _PARTIAL, confidence=0.75, evidence=evidence, vetoed=vetoed,
                        explanation=f"只在{what}中提到，没有本年度已完成的举措，判定为部分覆盖。")


_PREPARED: set[str] = set()


def prepare(checklist: Checklist) -> None:
    """Register the checklist's short phrases and heading words as words before matching
    (once per checklist content: scoring many reports does not repeat it)."""
    if checklist.sha256 and checklist.sha256 in _PREPARED:
        return
    if checklist.sha256:
        _PREPARED.add(checklist.sha256)
    words = {p.strip() for it in checklist.items for rule in (*expanded_phrases(it.phrases), *it.exclude, *it.heading_words)
             for p in rule.split("+") if len(p.strip()) <= 6}
    add_words(words)
