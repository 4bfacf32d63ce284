"""The rule book (checklists/rules.yaml): every legal rule the analysis applies, as data.

Each rule has an id, a Chinese name and a one-line description that a legal officer
understands; the analysis modules read their patterns, word lists and numbers from
here, and every piece of evidence names the rule ids that produced it.

A checklist tunes the book for all its items (top-level `rules:`) or for one item
(`rules:` on the item or in `overrides`):

    rules:
      VETO-TRAINING: off                 # switch a rule off
      SIG-ACT: {words_add: [验收]}        # add words (also words_remove, words)
      STR-MIN-SENTENCES: {min_sentences: {achievements: 3}}

Word lists are literal words (escaped before compiling); regular expressions can only
be changed in the shipped book, so a local checklist cannot slow the matcher down.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import stat
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from scorer.checklist import diskcache
from scorer.checklist.looked_up import looked_up
from scorer.checklist.prefilter import first_pattern, literals_class, matcher, prefiltered, required_literals, span_finder
from scorer.errors import ChecklistError
from scorer.paths import CHECKLIST_DIR

RULEBOOK_NAME = "rules"
GROUPS = ("signals", "modality", "vetoes", "matching", "sections", "structure", "scoring", "document_kind")
# Parameters a checklist may tune besides `enabled` and the word lists.
TUNABLE = {"max_clauses", "max_clauses_before", "max_topics", "min_sentences", "values", "model", "max_chars", "min_distinct", "min_hits", "min_position"}
OFF_WORDS = {"off", "false", "no", "关", "关闭", "停用"}
ON_WORDS = {"on", "true", "yes", "开", "启用"}


PartKind = Literal["achievements", "shortcomings", "duties", "plans"]  # SectionKind's values that a report part has


class RuleSpec(BaseModel):
    """One rule as written in rules.yaml."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]+$")
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    enabled: bool = True
    words: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    ignore_words: list[str] = Field(default_factory=list)
    ignore_patterns: list[str] = Field(default_factory=list)
    # Signals: patterns searched in the clause before the match ("认真学习《…》《…》": a document studied, not made)
    ignore_before_patterns: list[str] = Field(default_factory=list)
    unless_patterns: list[str] = Field(default_factory=list)
    response_patterns: list[str] = Field(default_factory=list)
    task_patterns: list[str] = Field(default_factory=list)  # SIG-NEAR: a clause that opens a new task
    lead_patterns: list[str] = Field(default_factory=list)  # SIG-NEAR: a sentence's opening clause that only says when
    # DOC-LOOKALIKE: a release line followed by the report's own opening (the report reposted), and what makes a title
    # a headline about the release rather than the report's own title (陕西发布2025年法治政府建设情况)
    release_patterns: list[str] = Field(default_factory=list)
    headline_patterns: list[str] = Field(default_factory=list)
    plan_patterns: list[str] = Field(default_factory=list)
    shortcoming_patterns: list[str] = Field(default_factory=list)
    weak_patterns: list[str] = Field(default_factory=list)
    kind: str | None = None
    kinds: dict[str, list[str]] = Field(default_factory=dict)
    weak_kinds: dict[str, list[str]] = Field(default_factory=dict)
    max_chars: int | None = None
    min_sentences: dict[str, int] = Field(default_factory=dict)
    # STR-MIN-SENTENCES: a part of one kind also counts the content of sections of other kinds (the leaders'
    # duties part, often the first part of the year's work, reports the year's measures too)
    also_counts: dict[PartKind, list[PartKind]] = Field(default_factory=dict)
    # STR-MIN-SENTENCES: without a part of its own, this many concrete sentences on the subject anywhere make it present
    min_concrete: dict[PartKind, int] = Field(default_factory=dict)
    # ... and a sentence matching one of these patterns is not such a fact (a leading group set up is not the leader's act)
    concrete_unless: dict[PartKind, list[str]] = Field(default_factory=dict)
    model: str | None = None
    values: dict[str, float] = Field(default_factory=dict)
    # SCORE-CONFIDENCE: a covered verdict whose calibrated confidence is below this is marked 建议核对
    check_below: float | None = Field(default=None, ge=0, le=1)
    min_distinct: int | None = None
    min_hits: int | None = None
    min_position: float | None = None
    max_clauses: int | None = None
    max_clauses_before: int | None = None  # SIG-NEAR: clauses a signal may stand before the hit (default: max_clauses)
    max_topics: int | None = None  # MATCH-HEADING: a heading naming more items' topics than this is about none of them
    # region vetoes: the region also holds a sentence counted through its heading, when every signal that makes the
    # sentence concrete stands in it (the region says who the work was for, or that it was only said)
    under_heading: bool = False


class RuleBookSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    title: str
    signals: list[RuleSpec] = Field(default_factory=list)
    modality: list[RuleSpec] = Field(default_factory=list)
    vetoes: list[RuleSpec] = Field(default_factory=list)
    matching: list[RuleSpec] = Field(default_factory=list)
    sections: list[RuleSpec] = Field(default_factory=list)
    structure: list[RuleSpec] = Field(default_factory=list)
    scoring: list[RuleSpec] = Field(default_factory=list)
    document_kind: list[RuleSpec] = Field(default_factory=list)

    def all_rules(self) -> list[tuple[str, RuleSpec]]:
        return [(g, r) for g in GROUPS for r in getattr(self, g)]


_OVERRIDE: ContextVar[Path | None] = ContextVar("rulebook_override", default=None)
_LOCAL_BOOK = CHECKLIST_DIR / f"{RULEBOOK_NAME}.yaml"  # the book beside the checklists in use
_LOCAL_BOOK_STR = str(_LOCAL_BOOK)


@contextmanager
def using_rulebook(path: str | Path) -> Iterator[None]:
    """Score with another rule book inside the block (`scorer checklist diff` of two books)."""
    token = _OVERRIDE.set(Path(path))
    try:
        yield
    finally:
        _OVERRIDE.reset(token)


def rulebook_path() -> Path:
    """The rule book beside the checklists in use; a checklists folder of one's own
    (SCORER_CHECKLISTS) without one uses the shipped book."""
    override = _OVERRIDE.get()
    if override is not None:
        return override
    if _LOCAL_BOOK.is_file():
        return _LOCAL_BOOK
    from scorer.paths import SHIPPED_CHECKLIST_DIR

    return SHIPPED_CHECKLIST_DIR / f"{RULEBOOK_NAME}.yaml"


@lru_cache(maxsize=4)
def _load_spec(path_str: str, mtime: float) -> RuleBookSpec:
    path = Path(path_str)
    try:
        data = path.read_bytes()
        cache_name = "rules-" + diskcache.key(data)
        stored = diskcache.get(cache_name)  # validated before (diskcache.py): no YAML to parse
        if isinstance(stored, RuleBookSpec):
            return stored
        raw = YAML(typ="safe").load(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError([f"{path}: 无法读取规则手册（{exc}）"]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ChecklistError([f"{path}:{mark.line + 1 if mark else 1}: 规则手册 YAML 语法错误"]) from None
    try:
        spec = RuleBookSpec.model_validate(raw)
    except ValidationError as exc:
        from scorer.checklist.load import translate  # (load imports this module)

        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e["loc"])
            problems.append(f"{path}: 规则手册字段「{where}」无效：{translate(e)}")
        raise ChecklistError(problems) from None
    seen: set[str] = set()
    problems = []
    for _, rule in spec.all_rules():
        if rule.id in seen:
            problems.append(f"{path}: 规则编号「{rule.id}」重复")
        seen.add(rule.id)
        for rx in _rule_patterns(rule):
            try:
                re.compile(rx)
            except re.error as exc:
                problems.append(f"{path}: 规则 {rule.id} 的正则「{rx}」无效（{exc}）")
    if problems:
        raise ChecklistError(problems)
    diskcache.put(cache_name, spec)
    return spec


def _rule_patterns(rule: RuleSpec) -> list[str]:
    out = rule.patterns + rule.ignore_patterns + rule.ignore_before_patterns + rule.unless_patterns + rule.response_patterns + rule.task_patterns
    out += rule.lead_patterns + rule.release_patterns + rule.headline_patterns
    out += rule.plan_patterns + rule.shortcoming_patterns + rule.weak_patterns
    for pats in list(rule.kinds.values()) + list(rule.weak_kinds.values()) + list(rule.concrete_unless.values()):
        out += pats
    return out


def load_rulebook_spec(path: Path | None = None) -> RuleBookSpec:
    from scorer.checklist.load import check_file  # (load imports this module)

    path = path or rulebook_path()
    if not os.path.exists(path):
        raise ChecklistError([f"{path}: 找不到规则手册 rules.yaml"])
    # a device, a folder or a file of megabytes is refused before it is read, as a checklist is
    st = check_file(path, str(path), noun="规则手册")
    return _load_spec(str(path), st.st_mtime)


# --------------------------------------------------------------------------- tuning


def tuning_problems(tuning: Any) -> list[str]:
    """Chinese problems with a `rules:` mapping of a checklist or item (empty when fine)."""
    if tuning in (None, {}):
        return []
    if not isinstance(tuning, dict):
        return [f"rules 必须是「规则编号: off」或「规则编号: {{words_add: [...]}}」形式的映射"]
    known = {r.id: r for _, r in load_rulebook_spec().all_rules()}
    problems = []
    for rule_id, value in tuning.items():
        if rule_id not in known:
            near = [k for k in known if k.split("-")[0] == str(rule_id).split("-")[0]]
            hint = f"（同类规则有：{'、'.join(near)}）" if near else ""
            problems.append(f"rules 中的规则编号「{rule_id}」不存在{hint}")
            continue
        if isinstance(value, (bool, str)):
            if isinstance(value, str) and value.strip().lower() not in OFF_WORDS | ON_WORDS:
                problems.append(f"rules.{rule_id} 的值「{value}」无效，应为 off 或 on")
            continue
        if not isinstance(value, dict):
            problems.append(f"rules.{rule_id} 应为 off、on 或字段映射")
            continue
        for key, v in value.items():
            if key in ("enabled",):
                continue
            if key in ("words", "words_add", "words_remove"):
                if not isinstance(v, list) or not all(isinstance(w, str) and w.strip() for w in v):
                    problems.append(f"rules.{rule_id}.{key} 必须是词语列表")
                continue
            if key in TUNABLE:
                continue
            if key in ("patterns",) or key.endswith("patterns"):
                problems.append(f"rules.{rule_id}.{key}：正则表达式只能在规则手册 rules.yaml 中修改，"
                                f"本地清单请用 words_add / words_remove 增删词语")
                continue
            problems.append(f"rules.{rule_id} 中的字段「{key}」未知，可用：enabled、words_add、words_remove、"
                            f"words、{'、'.join(sorted(TUNABLE))}")
    return problems


def _on(value: bool | str) -> bool:
    """A switch written as true/false or a word (on, 开, 启用 …)."""
    return value if isinstance(value, bool) else value.strip().lower() in ON_WORDS


def switched_on(value: Any) -> bool:
    """Whether a checklist's tuning of a rule (`on`, `{enabled: on}`) switches it on explicitly; None, `off`
    and word lists alone do not."""
    if isinstance(value, dict):
        return "enabled" in value and _on(value["enabled"] if isinstance(value["enabled"], bool)
                                          else str(value["enabled"]))
    return isinstance(value, (bool, str)) and _on(value)


def _apply(rule: RuleSpec, value: Any) -> RuleSpec:
    if isinstance(value, (bool, str)):
        return rule.model_copy(update={"enabled": _on(value)})
    update: dict[str, Any] = {}
    if "enabled" in value:
        v = value["enabled"]
        update["enabled"] = v if isinstance(v, bool) else str(v).lower() in ON_WORDS
    words = list(value.get("words", rule.words))
    words += [w for w in value.get("words_add", []) if w not in words]
    words = [w for w in words if w not in set(value.get("words_remove", []))]
    update["words"] = words
    for key in TUNABLE:
        if key in value:
            current = getattr(rule, key)
            update[key] = {**current, **value[key]} if isinstance(current, dict) else value[key]
    return rule.model_copy(update=update)


# --------------------------------------------------------------------------- compiled book


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _compile(patterns: list[str], words: list[str] = (), prefilter: bool = True) -> re.Pattern[str] | None:
    parts = [p for p in patterns if p]
    if words:
        parts.append(_alternation(list(words)))
    if not parts:
        return None
    # "p1|p2|w1|w2" matches exactly as "(?:p1)|(?:p2)|(?:w1|w2)" (alternation is tried in
    # order either way; every pattern compiles on its own, see _load_spec), but Python's re
    # can skip ahead to the possible first characters only when the alternatives are not
    # wrapped in groups: several times faster on the signal and modality rules. (A pattern
    # with global flags such as "(?i)" stays wrapped, so that its flags stay its own.)
    wrapped = any(_GLOBAL_FLAGS.search(p) for p in parts)
    if wrapped:
        rx = re.compile("|".join(f"(?:{p})" for p in parts))
    else:
        rx = re.compile("|".join(parts))
    # Where `re` cannot skip ahead by itself, look for a possible first character first, and
    # search only the parts whose needed literals stand in the text (prefilter.py). Signal
    # rules keep the plain pattern and their own `first` class.
    return prefiltered(rx, None if wrapped else parts) if prefilter else rx


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


@dataclass
class SignalRule:
    id: str
    label: str
    rx: re.Pattern[str]
    ignore_words: tuple[str, ...] = ()
    ignore_rx: re.Pattern[str] | None = None
    # Searched in the match's clause up to the match: a hit drops the signal (ignore_before_patterns).
    before_rx: re.Pattern[str] | None = None
    # The characters a match can begin with (prefilter.py): a sentence without any has no match.
    first: re.Pattern[str] | None = None
    # The literals one of which every match contains (prefilter.py): likewise.
    needs: re.Pattern[str] | None = None
    # (text, pos) -> the matches of rx.finditer(text, pos), found faster (prefilter.matcher).
    matches: Any = field(default=None, repr=False, compare=False)
    # (text, pos) -> the (start, end) of those matches, as a list (prefilter.span_finder: what find_signals reads).
    spans: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first is None:
            self.first = first_pattern(self.rx)
        if self.needs is None:
            self.needs = literals_class(self.rx)
        if self.matches is None:
            self.matches = matcher(self.rx, self.first)
        if self.spans is None:
            self.spans = span_finder(self.rx, self.first)

    def search(self, text: str) -> re.Match[str] | None:
        """`rx.search(text)`, looking first for a literal every match contains and a
        character a match can begin with."""
        if self.needs is not None and self.needs.search(text) is None:
            return None
        if self.first is None:
            return self.rx.search(text)
        m = self.first.search(text)
        return None if m is None else self.rx.search(text, m.start())


@dataclass
class RuleBook:
    """The rule book in force for one checklist item, compiled for matching."""

    version: str
    specs: dict[str, RuleSpec]
    signals: list[SignalRule] = field(default_factory=list)
    plan_rx: re.Pattern[str] | None = None
    shortcoming_rx: re.Pattern[str] | None = None
    response_rx: re.Pattern[str] | None = None
    training_rx: re.Pattern[str] | None = None
    training_unless_rx: re.Pattern[str] | None = None
    cited_law_rx: re.Pattern[str] | None = None
    cited_basis_rx: re.Pattern[str] | None = None
    organ_name_rx: re.Pattern[str] | None = None
    formula_rx: re.Pattern[str] | None = None  # VETO-FORMULA
    # VETO-FORMULA's patterns one by one: a clause is tried only with those whose needed literals stand in its
    # sentence (sentences.formula_clauses; the seven together cost ~3 µs a clause, backtracking at its start)
    formula_parts: tuple[re.Pattern[str], ...] = ()
    meeting_rx: re.Pattern[str] | None = None  # VETO-MEETING-TOPIC
    # VETO-* rules of kind `region` (VETO-SPEECH, VETO-RANKING, VETO-BODY-NAME): (id, name, regex); a hit all
    # of whose words stand in such a region is said, ranked or named there, not done: partial at most.
    region_vetoes: list[tuple[str, str, re.Pattern[str]]] = field(default_factory=list)
    heading_region_vetoes: frozenset[str] = frozenset()  # the region vetoes that hold sentences counted through a heading
    # The literals one of which every match of every shared veto (VETO-CITED-LAW/-BASIS/-ORGAN-NAME/
    # -TRAINING) contains: a sentence holding none skips the four (None: some veto has no such set).
    shared_veto_needs: re.Pattern[str] | None = None
    # The same for the region vetoes and the meeting names (match.veto_regions).
    region_veto_needs: re.Pattern[str] | None = None
    act_rx: re.Pattern[str] | None = None
    whole_word_max: int = 0  # 0 = whole-word rule off
    own_field_rx: re.Pattern[str] | None = None  # VETO-OWN-FIELD: what follows a phrase in a department's own name
    enumeration: bool = True
    near_clauses: int | None = None  # SIG-NEAR: clauses after the hit
    near_before: int | None = None  # SIG-NEAR: clauses before the hit
    new_task_rx: re.Pattern[str] | None = None  # SIG-NEAR: a hit clause opening a new task looks at no clause before it
    lead_time_rx: re.Pattern[str] | None = None  # SIG-NEAR: an opening clause that only says when dates the whole sentence
    preamble: bool = True
    plan_document_rx: re.Pattern[str] | None = None  # VETO-PLAN-DOCUMENT (an item switches it on)
    heading: bool = True
    heading_aim_rx: re.Pattern[str] | None = None  # MATCH-HEADING: a heading's aim clause (「……，提升法治素养」)
    heading_max_topics: int | None = None  # MATCH-HEADING: more items' heading words than this in one heading: no attribution
    catch_all_max_items: int | None = None  # VETO-CATCH-ALL: a sentence concrete for more covered items than this is a list
    padding: bool = True
    section_kinds: list[tuple[str, str, re.Pattern[str]]] = field(default_factory=list)
    transition: RuleSpec | None = None
    transition_plan_rx: re.Pattern[str] | None = None
    transition_shortcoming_rx: re.Pattern[str] | None = None
    min_sentences: dict[str, int] = field(default_factory=dict)
    part_also_counts: dict[str, list[str]] = field(default_factory=dict)  # STR-MIN-SENTENCES also_counts
    part_min_concrete: dict[str, int] = field(default_factory=dict)  # STR-MIN-SENTENCES min_concrete
    part_concrete_unless: dict[str, re.Pattern[str]] = field(default_factory=dict)  # STR-MIN-SENTENCES concrete_unless
    score_model: str = "weighted"
    score_values: dict[str, float] = field(default_factory=dict)
    confidence_bins: list[tuple[float, float]] = field(default_factory=list)  # (raw from, calibrated)
    check_below: float | None = None  # covered verdicts less sure than this are marked 建议核对 (SCORE-CONFIDENCE)
    report_terms: list[str] = field(default_factory=list)
    report_min_distinct: int = 5
    report_min_hits: int = 6
    lookalikes: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)  # even under a report title
    weak_lookalikes: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)  # only without one
    lookalike_cited_rx: re.Pattern[str] | None = None  # a lookalike's word the document cites as its basis
    reprint_rx: re.Pattern[str] | None = None  # a titled page saying the report follows in full (具体内容如下)
    release_rx: re.Pattern[str] | None = None  # ……发布关于2020年法治政府建设情况的报告。2020年，…… (the report follows)
    release_headline_rx: re.Pattern[str] | None = None  # a title announcing the release: news about the report
    report_title_rx: re.Pattern[str] | None = None
    report_title_weak_rx: re.Pattern[str] | None = None
    period_rx: re.Pattern[str] | None = None  # DOC-PERIOD: a span of years in the title
    # DOC-SITE-REPOST: a writing site's blurb words, the text's own named documents, and blanked names
    repost_blurb_words: frozenset[str] = frozenset()
    repost_own_name_rx: re.Pattern[str] | None = None
    repost_blank_rx: re.Pattern[str] | None = None
    repost_chars: int = 3000
    placeholder_rx: re.Pattern[str] | None = None  # DOC-PLACEHOLDER: names starred out
    placeholder_figure_rx: re.Pattern[str] | None = None  # DOC-PLACEHOLDER: figures starred out
    placeholder_chars: int = 3000
    body_lookalikes: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)  # DOC-BODY-LOOKALIKE: in the body
    # DOC-BODY-LOOKALIKE's weak kinds: a page titled as the year's report outweighs them
    body_weak_lookalikes: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    body_lookalike_chars: int = 3000

    def calibrated(self, raw: float) -> float:
        """A covered verdict's confidence as the precision measured for its raw score."""
        out = raw
        for start, value in self.confidence_bins:
            if raw >= start:
                out = value
        return out

    def enabled(self, rule_id: str) -> bool:
        spec = self.specs.get(rule_id)
        return bool(spec and spec.enabled)

    def name(self, rule_id: str) -> str:
        spec = self.specs.get(rule_id)
        return spec.name if spec else rule_id

    @property
    def shared_veto_patterns(self) -> tuple[re.Pattern[str] | None, ...]:
        """VETO-CITED-LAW, -CITED-BASIS, -ORGAN-NAME, -TRAINING, in the one order in which their needed
        literals are worked out (_build), their gate bits given (literal_gates.py) and match.shared_vetoes reads them."""
        return (self.cited_law_rx, self.cited_basis_rx, self.organ_name_rx, self.training_rx)

    @property
    def region_veto_patterns(self) -> list[re.Pattern[str] | None]:
        """Each region veto's pattern, then the meeting names', in the order match.veto_regions reads them."""
        return [rx for _, _, rx in self.region_vetoes] + [self.meeting_rx]

    @cached_property
    def shared_veto_key(self) -> tuple:
        """What match.shared_vetoes reads of the book: two books with the same key find the same vetoes.
        (Worked out once per book: a book is kept across reports.)"""
        return tuple(_pattern_key(rx) for rx in (*self.shared_veto_patterns, self.training_unless_rx))

    @cached_property
    def region_veto_key(self) -> tuple:
        """What match.veto_regions reads of the book: two books with the same key find the same regions."""
        return tuple((rule, name, _pattern_key(rx)) for rule, name, rx in self.region_vetoes) + (_pattern_key(self.meeting_rx),)

    @property
    def fingerprint(self) -> str:
        data = {k: v.model_dump(mode="json") for k, v in sorted(self.specs.items())}
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _pattern_key(rx) -> tuple[str, int] | None:
    """A pattern (plain or prefiltered, which matches as its pattern does) as its text and flags."""
    return None if rx is None else (rx.pattern, rx.flags)


def _build(specs: dict[str, RuleSpec], version: str) -> RuleBook:
    book = RuleBook(version=version, specs=specs)
    on = {k: v for k, v in specs.items() if v.enabled}
    for rid, r in on.items():  # signals in the book's order (the order reasons list them in)
        if rid.startswith("SIG-"):
            rx = _compile(r.patterns, r.words, prefilter=False)
            if rx is not None:
                book.signals.append(SignalRule(rid, r.name, rx, tuple(r.ignore_words), _compile(r.ignore_patterns),
                                                _compile(r.ignore_before_patterns)))
    act = on.get("SIG-ACT")
    book.act_rx = _compile(act.patterns, act.words) if act else None
    if (r := on.get("MOD-PLAN")):
        book.plan_rx = _compile(r.patterns, r.words)
    if (r := on.get("MOD-SHORTCOMING")):
        book.shortcoming_rx = _compile(r.patterns, r.words)
        book.response_rx = _compile(r.response_patterns)
    if (r := on.get("VETO-TRAINING")):
        book.training_rx = _compile(r.patterns, r.words)
        book.training_unless_rx = _compile(r.unless_patterns)
    if (r := on.get("VETO-CITED-LAW")):
        book.cited_law_rx = _compile(r.patterns, r.words)
    if (r := on.get("VETO-CITED-BASIS")):
        book.cited_basis_rx = _compile(r.patterns, r.words)
    if (r := on.get("VETO-MEETING-TOPIC")):
        book.meeting_rx = _compile(r.patterns, r.words)
    if (r := on.get("VETO-FORMULA")):
        book.formula_rx = _compile(r.patterns, r.words)
        book.formula_parts = tuple(_compile([p]) for p in r.patterns if p) + ((_compile([], r.words),) if r.words else ())
    for rid, r in on.items():
        if rid.startswith("VETO-") and r.kind == "region" and (rx := _compile(r.patterns, r.words)) is not None:
            book.region_vetoes.append((rid, r.name, rx))
            if r.under_heading:
                book.heading_region_vetoes |= {rid}
    if (r := on.get("VETO-ORGAN-NAME")):
        book.organ_name_rx = _compile(r.patterns, r.words)
    book.shared_veto_needs = _needed_literals(book.shared_veto_patterns)
    book.region_veto_needs = _needed_literals(book.region_veto_patterns)
    if (r := on.get("VETO-WHOLE-WORD")):
        book.whole_word_max = r.max_chars or 3
    book.enumeration = "VETO-ENUMERATION" in on
    if (r := on.get("VETO-OWN-FIELD")):
        book.own_field_rx = _compile(r.patterns, r.words)
    if (r := on.get("SIG-NEAR")):
        book.near_clauses = r.max_clauses
        book.near_before = r.max_clauses if r.max_clauses_before is None else r.max_clauses_before
        book.new_task_rx = _compile(r.task_patterns)
        book.lead_time_rx = _compile(r.lead_patterns)
    book.preamble = "VETO-PREAMBLE" in on
    if (r := on.get("VETO-PLAN-DOCUMENT")):
        book.plan_document_rx = _compile(r.patterns)
    book.heading = "MATCH-HEADING" in on
    if (r := on.get("MATCH-HEADING")):
        book.heading_aim_rx = _compile(r.ignore_patterns)
        book.heading_max_topics = r.max_topics
    if (r := on.get("VETO-CATCH-ALL")):
        book.catch_all_max_items = r.max_topics if r.max_topics is not None else 3
    book.padding = "MATCH-PADDING" in on
    for rid, r in on.items():
        if rid.startswith("SEC-") and r.kind and r.patterns:
            book.section_kinds.append((rid, r.kind, _compile(r.patterns, r.words)))
    if (r := on.get("SEC-TRANSITION")):
        book.transition = r
        book.transition_plan_rx = _compile(r.plan_patterns)
        book.transition_shortcoming_rx = _compile(r.shortcoming_patterns)
    if (r := specs.get("STR-MIN-SENTENCES")):
        book.min_sentences = dict(r.min_sentences)
        book.part_also_counts = {k: list(v) for k, v in r.also_counts.items()}
        book.part_min_concrete = dict(r.min_concrete)
        book.part_concrete_unless = {k: _compile(v) for k, v in r.concrete_unless.items() if v}
    if (r := specs.get("SCORE-MODEL")):
        book.score_model = r.model or "weighted"
        book.score_values = dict(r.values)
    if (r := on.get("SCORE-CONFIDENCE")):
        book.confidence_bins = sorted((float(k), v) for k, v in r.values.items())
        book.check_below = r.check_below
    if (r := specs.get("DOC-REPORT")):
        book.report_terms = list(r.words)
        book.report_min_distinct = r.min_distinct or 5
        book.report_min_hits = r.min_hits or 6
    if (r := on.get("DOC-LOOKALIKE")):
        # prefiltered: a head without the literals a kind's every match needs skips its search (「[^\n]{4,}的决定\s*$」
        # tries every start to the line's end); the same matches (prefilter.py)
        book.lookalikes = [(kind, prefiltered(re.compile("|".join(pats), re.M))) for kind, pats in r.kinds.items() if pats]
        book.weak_lookalikes = [(kind, prefiltered(re.compile("|".join(pats), re.M)))
                                for kind, pats in r.weak_kinds.items() if pats]
        book.lookalike_cited_rx = _compile(r.ignore_patterns)
        book.reprint_rx = _compile(r.unless_patterns)
        book.release_rx = _compile(r.release_patterns)
        book.release_headline_rx = _compile(r.headline_patterns)
    if (r := on.get("DOC-REPORT-TITLE")):
        book.report_title_rx = re.compile("|".join(f"(?:{p})" for p in r.patterns), re.M)
        if r.weak_patterns:
            book.report_title_weak_rx = re.compile("|".join(f"(?:{p})" for p in r.weak_patterns), re.M)
    if (r := on.get("DOC-SITE-REPOST")):
        book.repost_blurb_words = frozenset(r.words)
        book.repost_own_name_rx = _compile(r.patterns)
        book.repost_blank_rx = _compile(r.unless_patterns)
        book.repost_chars = r.max_chars or book.repost_chars
    if (r := on.get("DOC-PLACEHOLDER")):
        book.placeholder_rx = _compile(r.patterns)
        book.placeholder_figure_rx = _compile(r.weak_patterns)
        book.placeholder_chars = r.max_chars or book.placeholder_chars
    if (r := on.get("DOC-BODY-LOOKALIKE")):
        book.body_lookalikes = [(kind, _compile(pats)) for kind, pats in r.kinds.items() if pats]
        book.body_weak_lookalikes = [(kind, _compile(pats)) for kind, pats in r.weak_kinds.items() if pats]
        book.body_lookalike_chars = r.max_chars or book.body_lookalike_chars
    if (r := on.get("DOC-PERIOD")) and r.patterns:
        book.period_rx = re.compile("|".join(f"(?:{p})" for p in r.patterns))
    return book


def _needed_literals(patterns) -> re.Pattern[str] | None:
    """One pattern for the literals of which every match of every given pattern contains one
    (prefilter.required_literals), or None when some pattern has no such set."""
    literals: set[str] = set()
    for rx in patterns:
        if rx is None:
            continue
        needed = required_literals(getattr(rx, "rx", rx))  # a Prefiltered pattern or a plain one
        if needed is None:
            return None
        literals |= needed
    return re.compile("|".join(map(re.escape, sorted(literals, key=lambda w: (-len(w), w))))) if literals else None


_FROZEN: dict[int, tuple[dict, dict, str]] = {}


def _freeze(tuning: dict | None) -> str:
    """The tuning as a cache key (JSON). A tuned item asks for its rule book once per report, and
    json.dumps costs ~20 µs: the text is kept with the dict and a deep copy of it, so a dict changed
    in place gets a new one."""
    if not tuning:
        return "{}"  # json.dumps({}), the usual case, without the call
    entry = _FROZEN.get(id(tuning))
    if entry is not None and entry[0] is tuning and entry[1] == tuning:
        return entry[2]
    frozen = json.dumps(tuning, ensure_ascii=False, sort_keys=True, default=str)
    if len(_FROZEN) > 1024:
        _FROZEN.clear()
    _FROZEN[id(tuning)] = (tuning, copy.deepcopy(tuning), frozen)
    return frozen


@lru_cache(maxsize=256)
def _book_for(book_key: str, checklist_tuning: str, item_tuning: str) -> RuleBook:
    spec = load_rulebook_spec()
    specs = {r.id: r for _, r in spec.all_rules()}
    for tuning in (json.loads(checklist_tuning), json.loads(item_tuning)):
        for rule_id, value in tuning.items():
            if rule_id in specs:
                specs[rule_id] = _apply(specs[rule_id], value)
    return _build(specs, spec.version)


def rulebook(checklist_rules: dict | None = None, item_rules: dict | None = None) -> RuleBook:
    """The compiled rule book with a checklist's and an item's tuning applied."""
    key = looked_up(("rule book", _OVERRIDE.get()), _book_key)  # once per report (looked_up.py)
    return _book_for(key, _freeze(checklist_rules), _freeze(item_rules))


def _book_key() -> str:
    """'path:mtime' of the rule book in force (re-read when the file changes), found with
    one or two stat calls: it is asked for many times per report."""
    override = _OVERRIDE.get()
    if override is None:
        try:
            st = os.stat(_LOCAL_BOOK_STR)
            if stat.S_ISREG(st.st_mode):  # as rulebook_path's is_file()
                return f"{_LOCAL_BOOK_STR}:{st.st_mtime}"
        except (OSError, ValueError):
            pass
    path = rulebook_path()
    try:
        return f"{path}:{os.stat(path).st_mtime}"
    except (OSError, ValueError):
        return f"{path}:0"


def describe_rules() -> list[dict[str, str]]:
    """id, group, name, description of every rule: what README, guide and templates show."""
    return [{"id": r.id, "group": g, "name": r.name, "description": r.description, "enabled": r.enabled}
            for g, r in load_rulebook_spec().all_rules()]
