"""Checks of the report's own structure (法治政府建设与责任落实督察工作规定, 2019).

An annual report must contain: the year's main measures and results; its
shortcomings and their causes; how the party and government leaders fulfilled
their duties as first responsible persons; the next year's main arrangements; and
it must be published before 1 April. A part counts as present when the report has
a part of that kind (by heading or by a closing paragraph that opens it) with real
content; a single sentence on the subject is partial. Rule STR-MIN-SENTENCES says how
much content (the measures part needs two concrete sentences and also counts a leaders'
duties part, which reports the year's measures too) and lets the leaders' duty be
present without a part of its own when a sentence reports the leader's own act.
"""

from __future__ import annotations

import datetime as dt
import re

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.match import Hit, evidence_for, match_item
from scorer.checklist.load import Checklist
from scorer.checklist.schema import ItemSpec
from scorer.models import Evidence, ItemResult, SectionKind, Status

# How much content makes a part "present" rather than a passing remark (rule
# STR-MIN-SENTENCES in checklists/rules.yaml): a real shortcomings part lists several
# problems (一是……二是……); one sentence admitting "还存在一些不足" is not that part.
TOP_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|〔[^〕]+〕|「[^」]+」)")
KIND_NAMES = {"achievements": "举措成效", "shortcomings": "问题与不足", "duties": "第一责任人履职", "plans": "下步安排"}
# Sentence modality that a part of each kind consists of.
PART_MODALITY = {"achievements": "achievement", "shortcomings": "shortcoming", "duties": "achievement", "plans": "plan"}


def _section_check(item: ItemSpec, checklist: Checklist, adoc: AnalysedDoc) -> ItemResult:
    doc, sentences = adoc.document, adoc.sentences
    book = adoc.book_for(checklist, item)
    kind = item.section_kind or "achievements"
    base = dict(id=item.id, title=item.title, area=item.area, weight=item.weight)
    name = KIND_NAMES[kind]
    want = PART_MODALITY[kind]
    part_kind = SectionKind(kind)  # once, not per sentence (an Enum call costs ~1 µs)
    of_kind = adoc.sentences_by_kind.get(part_kind, [])
    also = book.part_also_counts.get(kind)
    if also:  # rule STR-MIN-SENTENCES also_counts: e.g. the duties part reports the year's measures too
        by_kind = adoc.sentences_by_kind
        of_kind = sorted(of_kind + [s for k in also for s in by_kind.get(SectionKind(k), [])], key=lambda s: s.start)
    in_part = [s for s in of_kind if not s.is_heading and s.modality == want]
    if kind == "achievements":
        in_part = [s for s in in_part if s.concrete]
    part_paths: list[str] = []
    for s in in_part:
        m = TOP_LABEL.match(s.section.path)
        label = m.group(0) if m else (s.section.path or "导语")
        if label not in part_paths:
            part_paths.append(label)
    if len(in_part) >= book.min_sentences.get(kind, 1):
        heads = [s for s in of_kind if s.is_heading]
        shown = (heads[:1] + in_part[:2]) if heads else in_part[:3]
        ev = [Evidence(section=s.section.path or "导语", text=s.text, start=s.start, end=s.end,
                       reasons=[f"位于「{s.section.path}」（{s.section.kind_reason}）"]) for s in shown]
        return ItemResult(**base, status=Status.covered, confidence=0.9, evidence=ev,
                          explanation=f"报告有{name}部分（{'，'.join(part_paths)}），共 {len(in_part)} 句内容。")
    # No part of its own: look for sentences on the subject anywhere.
    m = match_item(item, checklist, adoc, book)
    relevant = [h for h in m.hits if h.sentence.modality == want or kind in ("duties", "achievements")]
    if kind == "plans" and doc.meta.year:
        # "2019年，我区将继续……" in a closing paragraph is a plan for the next year.
        hit_ids = {id(h.sentence) for h in relevant}
        relevant += [Hit(s, f"{doc.meta.year + 1}年") for s in sentences
                     if s.modality == "plan" and f"{doc.meta.year + 1}年" in s.text and id(s) not in hit_ids]
    need = book.part_min_concrete.get(kind)
    unless = book.part_concrete_unless.get(kind)
    facts = [h for h in relevant if h.concrete and not (unless and unless.search(h.sentence.text))] if need else []
    if need and len(facts) >= need:
        # rule STR-MIN-SENTENCES min_concrete: the report says what was done on the subject, if not in a part of its own
        return ItemResult(**base, status=Status.covered, confidence=0.8, evidence=[evidence_for(h, book) for h in facts[:3]],
                          explanation=f"报告没有单列{name}部分，但有 {len(facts)} 句写到{name}的具体事实，判定为具备。")
    found = in_part or [h.sentence for h in relevant]
    if found:
        ev = [evidence_for(h, book) for h in relevant[:3]] or [
            Evidence(section=s.section.path or "导语", text=s.text, start=s.start, end=s.end,
                     reasons=[f"位于「{s.section.path}」"]) for s in in_part[:3]]
        return ItemResult(**base, status=Status.partial, confidence=0.7, evidence=ev,
                          explanation=f"报告没有成段的{name}部分，只有零星表述（{len(found)} 句），判定为部分具备。")
    return ItemResult(**base, status=Status.missing, confidence=0.85,
                      explanation=f"报告中没有找到{name}的内容。")


def _deadline_check(item: ItemSpec, doc) -> ItemResult:
    base = dict(id=item.id, title=item.title, area=item.area, weight=item.weight)
    year, published = doc.meta.year, doc.meta.published
    if published is None or year is None:
        missing = "发布日期" if published is None else "报告年度"
        return ItemResult(**base, status=Status.unknown, confidence=0.5,
                          explanation=f"文档中没有{missing}，无法判断是否按时公开。")
    month, day = (int(x) for x in (item.deadline or "04-01").split("-"))
    deadline = dt.date(year + 1, month, day)
    source = doc.meta.provenance.get("published", "页面")
    ev = [Evidence(section="页面信息", text=f"发布日期 {published.isoformat()}（来源：{source}）",
                   start=0, end=0, reasons=[f"期限为 {deadline.isoformat()}"])]
    if published <= deadline:
        return ItemResult(**base, status=Status.passed, confidence=0.9, evidence=ev,
                          explanation=f"{published.isoformat()} 发布，在 {deadline.isoformat()} 之前。")
    late = (published - deadline).days
    return ItemResult(**base, status=Status.failed, confidence=0.9, evidence=ev,
                      explanation=f"{published.isoformat()} 才发布，晚于 {deadline.isoformat()}（迟 {late} 天）。")


def check_structure(checklist: Checklist, adoc: AnalysedDoc) -> list[ItemResult]:
    doc = adoc.document
    results = []
    advisory = bool(checklist.spec.effective_from_year and doc.meta.year
                    and doc.meta.year < checklist.spec.effective_from_year)
    for item in checklist.items:
        if item.check == "publication_deadline":
            r = _deadline_check(item, doc)
        else:
            r = _section_check(item, checklist, adoc)
        if advisory and r.status not in (Status.covered, Status.passed):
            r.advisory = True
            r.explanation += f"（{doc.meta.year} 年度报告早于 {checklist.spec.effective_from_year} 年施行的规定，仅作建议。）"
        results.append(r)
    return results
