"""Matching checklist items against a report's sentences.

The rules, as a legal officer would state them:
1. A sentence is about an item when it contains one of the item's phrases (or all
   parts of an "A+B" phrase), the hit is a whole word, and no `exclude` phrase
   covers it. A sentence also counts when it stands under a heading that is about
   the item (a numbered paragraph's title names its subject; its body gives facts).
2. The item is covered when such a sentence reports something done in the year
   that is concrete: a figure, a document, a date or a completed act.
3. It is partial when it is only touched: slogans without anything concrete, or
   mentions that are only plans or admitted shortcomings.
4. Otherwise it is missing.
Every verdict carries the sentences and the reasons that produced it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from scorer.checklist.load import Checklist
from scorer.checklist.schema import ItemSpec
from scorer.models import Evidence, ItemResult, JurisdictionKind, Section, Status
from scorer.analysis.segment import SHORT_PHRASE, add_words, is_whole_word
from scorer.analysis.sentences import Sentence

MAX_EVIDENCE = 3

KIND_LABELS = {
    JurisdictionKind.province: "省级",
    JurisdictionKind.city: "设区的市",
    JurisdictionKind.county: "县级",
    JurisdictionKind.development_zone: "开发区",
    JurisdictionKind.department: "政府部门",
    JurisdictionKind.unknown: "未知",
}


@dataclass
class Hit:
    sentence: Sentence
    rule: str  # the phrase or pattern that matched
    via_heading: Section | None = None  # set when the sentence counts through its heading
    rejected: str = ""  # why a literal hit did not count (boundary, exclude)
    n_rules: int = 1  # how many of the item's rules the sentence matches
    listed: bool = False  # the item is only one entry of an enumeration in the sentence

    @property
    def concrete(self) -> bool:
        """Counts as a concrete fact for this item: a done, specific act that is about
        the item itself, not an item named in passing in a list."""
        s = self.sentence
        return s.modality == "achievement" and s.concrete and not self.listed


@dataclass
class ItemMatch:
    hits: list[Hit] = field(default_factory=list)
    rejected: list[Hit] = field(default_factory=list)


# Sentences about training: what was taught is not what was done ("讲解了行政诉讼法、
# 政府信息公开" is training, not litigation or disclosure work).
TRAINING = re.compile(r"培训|授课|讲解|讲授|讲座|学法|专题学习|辅导|考试|学习了?")
# Citing a higher authority's law by name says nothing about the jurisdiction's own work.
CITED_LAW = re.compile(r"《(?:中华人民共和国|中共中央|国务院|全国人大)?[^《》]*?(?:法|条例)》|《(?:中共中央|国务院|中华人民共和国)[^《》]*》")
DOC_TITLE = re.compile(r"《[^《》]*》")


def _phrase_hits(item: ItemSpec, patterns: list[re.Pattern[str]], s: Sentence) -> tuple[list[str], list[str], bool]:
    """Rules of `item` that match sentence `s`, rejected literal hits with reasons, and
    whether every usable hit is only one entry of an enumeration ("A、B、C等")."""
    text = s.text
    excluded = [(m.start(), m.end(), f"排除短语「{ex}」", "exclude")
                for ex in item.exclude for m in re.finditer(re.escape(ex), text)]
    excluded += [(m.start(), m.end(), f"所引上级法律文件{m.group(0)}", "law") for m in CITED_LAW.finditer(text)]
    training = TRAINING.search(text)
    if training:
        for m in DOC_TITLE.finditer(text):
            excluded.append((m.start(), m.end(), f"培训学习内容{m.group(0)}", "training"))
        excluded.append((training.end(), len(text), f"「{training.group(0)}」之后的培训学习内容", "training"))

    def usable(start: int, end: int, phrase: str, rule: str) -> str:
        for a, b, what, kind in excluded:
            if a <= start and end <= b:
                if kind == "training" and TRAINING.search(rule):
                    continue  # a training item is about exactly this
                return f"「{phrase}」出现在{what}中"
        if len(phrase) <= SHORT_PHRASE and not is_whole_word(text, start, end):
            return f"「{phrase}」在本句中不是独立词语"
        return ""

    def listed(start: int, end: int) -> bool:
        before = text[start - 1] if start > 0 else ""
        after = text[end:end + 1]
        return before == "、" or after in ("、", "等")

    matched, rejected = [], []
    all_listed = True
    for rule in item.phrases:
        parts = [p.strip() for p in rule.split("+")]
        ok, why, rule_listed = True, "", True
        for part in parts:
            found = False
            pos = text.find(part)
            while pos != -1:
                reason = usable(pos, pos + len(part), part, rule)
                if not reason:
                    found = True
                    rule_listed = rule_listed and listed(pos, pos + len(part))
                    break
                why = reason
                pos = text.find(part, pos + 1)
            if not found:
                ok = False
                break
        if ok:
            matched.append(rule)
            all_listed = all_listed and rule_listed
        elif why:
            rejected.append(why)
    for rx in patterns:
        m = rx.search(text)
        if m and not usable(m.start(), m.end(), "#" * (SHORT_PHRASE + 1), ""):
            matched.append(f"正则 {rx.pattern}")
            all_listed = False
    return matched, rejected, bool(matched) and all_listed


def _candidates(item: ItemSpec, patterns: list[re.Pattern[str]], text: str,
                sentences: list[Sentence], starts: list[int]) -> list[int]:
    """Indices of sentences that contain the first part of some rule. Searching the
    whole text once per phrase is far faster than looping over sentences."""
    found: set[int] = set()

    def add(pos: int) -> None:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < sentences[i].end:
            found.add(i)

    for rule in item.phrases:
        first = rule.split("+")[0].strip()
        pos = text.find(first)
        while pos != -1:
            add(pos)
            pos = text.find(first, pos + 1)
    for rx in patterns:
        for m in rx.finditer(text):
            add(m.start())
    return sorted(found)


def match_item(item: ItemSpec, checklist: Checklist, text: str, sentences: list[Sentence],
               starts: list[int]) -> ItemMatch:
    patterns = checklist.compiled_patterns.get(item.id, [])
    result = ItemMatch()
    topical: dict[int, tuple[Section, str]] = {}  # section start -> (section, rule)
    for i in _candidates(item, patterns, text, sentences, starts):
        s = sentences[i]
        rules, rejected, listed = _phrase_hits(item, patterns, s)
        if rules:
            result.hits.append(Hit(s, rules[0], n_rules=len(rules), listed=listed))
            if s.is_heading:
                topical[s.section.start] = (s.section, rules[0])
        for why in rejected:
            result.rejected.append(Hit(s, "", rejected=why))
    if topical:
        direct = {id(h.sentence) for h in result.hits}
        for s in sentences:
            if id(s) in direct or s.is_heading:
                continue
            sec = s.section
            if sec.start in topical:
                result.hits.append(Hit(s, topical[sec.start][1], via_heading=sec))
    return result


def _evidence(hit: Hit) -> Evidence:
    s = hit.sentence
    reasons = []
    if hit.via_heading is not None:
        reasons.append(f"所在段落标题「{hit.via_heading.title[:30]}」命中「{hit.rule}」")
    else:
        reasons.append(f"命中「{hit.rule}」")
    kinds_seen = set()
    for sig in s.signals:
        if sig.kind not in kinds_seen:
            reasons.append(f"{sig.label}「{sig.text}」")
            kinds_seen.add(sig.kind)
    if s.modality != "achievement":
        reasons.append(s.modality_reason)
    elif hit.listed:
        reasons.append(f"「{hit.rule}」只是句中列举的一项")
    elif not s.signals:
        reasons.append("没有具体数据、文件、时间或已完成的行动")
    modality = s.modality if s.modality != "achievement" or hit.concrete else "vague"
    return Evidence(section=s.section.path or "导语", text=s.text, start=s.start, end=s.end,
                    reasons=reasons, modality=modality)


def _rank(hit: Hit) -> tuple:
    s = hit.sentence
    return (
        hit.concrete,  # concrete facts first
        hit.via_heading is None,  # direct hits before hits through a heading
        hit.n_rules,  # sentences that are about the item, not merely touching it
        len({sig.kind for sig in s.signals}),
        s.modality == "achievement",
        -s.start,
    )


def judge_item(item: ItemSpec, checklist: Checklist, text: str, sentences: list[Sentence],
               starts: list[int], kind: JurisdictionKind) -> ItemResult:
    base = dict(id=item.id, title=item.title, area=item.area, weight=item.weight)
    if kind in item.not_applicable_for:
        return ItemResult(**base, status=Status.not_applicable, confidence=0.95,
                          explanation=f"本项不适用于{KIND_LABELS[kind]}（检查清单中标注）。")
    m = match_item(item, checklist, text, sentences, starts)
    if not m.hits:
        note = f"（另有 {len(m.rejected)} 处字面命中被规则排除：{m.rejected[0].rejected}）" if m.rejected else ""
        return ItemResult(**base, status=Status.missing, confidence=0.75 if m.rejected else 0.9,
                          explanation=f"报告中没有找到与本项相关的内容{note}。")
    hits = sorted(m.hits, key=_rank, reverse=True)
    concrete = [h for h in hits if h.concrete]
    vague = [h for h in hits if h.sentence.modality == "achievement" and not h.concrete]
    evidence = [_evidence(h) for h in hits[:MAX_EVIDENCE]]
    if concrete:
        best = concrete[0]
        direct_concrete = [h for h in concrete if h.via_heading is None]
        heading_hit = any(h.sentence.is_heading for h in hits)
        confidence = 0.6
        confidence += 0.15 if direct_concrete else 0.0
        confidence += 0.1 if len(concrete) >= 2 else 0.0
        confidence += 0.05 if heading_hit else 0.0
        confidence += 0.05 * min(len({sig.kind for sig in best.sentence.signals}), 2)
        where = best.sentence.section.path or "导语"
        sig = best.sentence.signals[0]
        how = "标题" if best.via_heading is not None else "句子"
        return ItemResult(**base, status=Status.covered, confidence=round(min(confidence, 0.98), 2),
                          evidence=evidence,
                          explanation=f"在「{where}」找到具体举措（{sig.label}「{sig.text}」，经{how}命中「{best.rule}」），判定为已覆盖。")
    if vague:
        why = ("只在列举中顺带提到" if all(h.listed for h in vague)
               else "只找到原则性表述，没有具体数据、文件、时间或已完成的行动")
        return ItemResult(**base, status=Status.partial, confidence=0.65, evidence=evidence,
                          explanation=f"{why}，判定为部分覆盖。")
    modalities = {h.sentence.modality for h in hits}
    what = "下步计划" if modalities == {"plan"} else ("存在的不足" if modalities == {"shortcoming"} else "计划或不足")
    return ItemResult(**base, status=Status.partial, confidence=0.75, evidence=evidence,
                      explanation=f"只在{what}中提到，没有本年度已完成的举措，判定为部分覆盖。")


def prepare(checklist: Checklist) -> None:
    """Register the checklist's short phrases as words before matching."""
    words = {p.strip() for it in checklist.items for rule in it.phrases + it.exclude
             for p in rule.split("+") if len(p.strip()) <= 6}
    add_words(words)
