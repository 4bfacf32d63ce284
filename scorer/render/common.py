"""Pieces both documents use: item texts from the checklist, labels, evidence
with the matched phrase marked, score bands, and the appendix facts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

from scorer.models import JURISDICTION_KIND_LABELS, STATUS_LABELS, Evidence, ItemResult, ReportResult, Status

# --------------------------------------------------------------------------- labels

KIND_LABELS = JURISDICTION_KIND_LABELS

# Structure checks read better as 具备/缺少 than as 已覆盖/缺失.
STRUCTURE_LABELS = {
    Status.covered: "具备",
    Status.partial: "部分具备",
    Status.missing: "缺少",
    Status.passed: "符合",
    Status.failed: "不符合",
    Status.unknown: "无法判断",
    Status.not_applicable: "不适用",
}

# Short names of the parts the 2019 regulation requires, for running text.
STRUCTURE_SHORT = {
    "S-1": "主要举措和成效",
    "S-2": "存在的不足和原因",
    "S-3": "党政主要负责人履行第一责任人职责情况",
    "S-4": "下一年度工作安排",
    "S-5": "按时向社会公开",
}

STATUS_CLASS = {
    Status.covered: "ok", Status.passed: "ok", Status.partial: "part", Status.missing: "miss",
    Status.failed: "miss", Status.not_applicable: "na", Status.unknown: "unk",
}

STATUS_SYMBOL = {
    Status.covered: "●", Status.partial: "◐", Status.missing: "○", Status.not_applicable: "—",
    Status.passed: "✓", Status.failed: "×", Status.unknown: "?",
}
STRUCTURE_SYMBOL = {**STATUS_SYMBOL, Status.covered: "✓", Status.partial: "△", Status.missing: "×"}

MODALITY_LABELS = {
    "achievement": "举措成效",
    "plan": "工作计划",
    "shortcoming": "问题不足",
    "vague": "原则表述",
}

CN_DIGITS = "零一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (heading numbers; up to 99)."""
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")


def status_label(item: ItemResult, structure: bool = False) -> str:
    label = (STRUCTURE_LABELS if structure else STATUS_LABELS).get(item.status, STATUS_LABELS[item.status])
    return label + ("（建议）" if item.advisory else "")


# --------------------------------------------------------------------------- score bands

# Plain-language reading of a coverage score, used in the verdicts and the chart
# colours; stated in the appendix so that nobody mistakes it for an official grade.
BANDS = [
    (85.0, "high", "对纲要要求的覆盖较为全面"),
    (70.0, "mid", "覆盖了纲要的大部分要求，但仍有差距"),
    (50.0, "low", "对纲要要求的覆盖不够全面"),
    (0.0, "poor", "对纲要要求的覆盖明显不足"),
]


def band(score: float | None) -> str:
    if score is None:
        return "na"
    return next(key for lo, key, _ in BANDS if score >= lo)


def band_phrase(score: float) -> str:
    return next(text for lo, _, text in BANDS if score >= lo)


# --------------------------------------------------------------------------- checklist texts


@dataclass(frozen=True)
class ItemText:
    requirement: str = ""
    guidance: str = ""


def item_texts(*sources: Any) -> dict[str, ItemText]:
    """id -> requirement/guidance from any mix of: a loaded Checklist (anything
    with `.items` carrying id/requirement/guidance), a mapping id -> ItemText /
    (requirement, guidance) / object or dict with those fields, or None."""
    out: dict[str, ItemText] = {}
    for src in sources:
        if src is None:
            continue
        if hasattr(src, "items") and not isinstance(src, Mapping):
            for it in src.items:
                out[it.id] = ItemText(getattr(it, "requirement", "") or "", getattr(it, "guidance", "") or "")
            continue
        for key, val in src.items():
            if isinstance(val, ItemText):
                out[key] = val
            elif isinstance(val, (tuple, list)):
                out[key] = ItemText(*(str(v or "") for v in list(val)[:2]))
            elif isinstance(val, Mapping):
                out[key] = ItemText(str(val.get("requirement") or ""), str(val.get("guidance") or ""))
            elif isinstance(val, str):
                out[key] = ItemText(val, "")
            else:
                out[key] = ItemText(getattr(val, "requirement", "") or "", getattr(val, "guidance", "") or "")
    return out


def load_texts(result: ReportResult, checklist: Any = None, structure_checklist: Any = None,
               ) -> tuple[dict[str, ItemText], str]:
    """Item texts for `result`, loading the shipped checklists when none are given.
    Returns (texts, note): the note (Chinese, or "") says when the checklist's
    current content differs from the one the report was scored with."""
    from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist
    from scorer.errors import ScorerError

    note = ""
    if checklist is None:
        try:
            checklist = load_checklist(result.checklist.id)
        except (ScorerError, OSError):
            note = f"未能加载检查清单 {result.checklist.id}，缺失条目的纲要要求无法列出。"
    if structure_checklist is None:
        try:
            structure_checklist = load_checklist(STRUCTURE_CHECKLIST)
        except (ScorerError, OSError):
            pass
    sha = getattr(checklist, "sha256", None)
    if sha and result.checklist.sha256 and sha != result.checklist.sha256:
        note = ("检查清单在评查之后有改动（内容哈希不同），文中“纲要要求”“报告应写明”两栏取自当前版本的清单，"
                "结论仍是评查时的结论。")
    return item_texts(structure_checklist, checklist), note


# --------------------------------------------------------------------------- evidence

def hit_spans(ev: Evidence) -> list[tuple[int, int, str]]:
    """(start, end, kind) inside the evidence sentence, from its rule records: the
    matched phrases ("hit") and the concrete signals ("signal")."""
    spans = []
    for kind, records in (("hit", ev.matched), ("signal", ev.signals)):
        for r in records:
            if r.rule == "MATCH-HEADING" or r.start is None or r.end is None:
                continue  # a heading hit is not inside the sentence
            a, b = r.start - ev.start, r.end - ev.start
            if 0 <= a < b <= len(ev.text):
                spans.append((a, b, kind))
    return spans


def mark_segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, bool]]:
    """[(text, is_hit), ...] covering `text`; the template escapes each part. Only
    matched phrases are marked (signals overlap them and would blur the mark)."""
    hits = sorted((a, b) for a, b, kind in spans if kind == "hit")
    if not hits or not text:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in hits:
        if a < pos:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def section_titles(result: ReportResult) -> dict[str, str]:
    return {s.path: s.title for s in result.sections if s.path}


def evidence_view(ev: Evidence, titles: Mapping[str, str]) -> dict[str, Any]:
    title = titles.get(ev.section, "")
    return {
        "section": ev.section or "（导语）",
        "section_title": title,
        "segments": _quote_segments(ev),
        "reasons": [r for r in ev.reasons if r],
        "modality": MODALITY_LABELS.get(ev.modality, ev.modality),
        "modality_key": ev.modality,
        "start": ev.start,
        "end": ev.end,
    }


def _quote_segments(ev: Evidence) -> list[tuple[str, bool]]:
    """The quote (shortened to the clauses around the hit) with the matched phrases marked."""
    from scorer.render.clip import quote_window

    phrases = sorted({r.text for r in ev.matched if r.rule != "MATCH-HEADING" and r.text}, key=len, reverse=True)
    shown = quote_window(ev.text, phrases)
    if shown == ev.text:
        return mark_segments(ev.text, hit_spans(ev))
    rx = re.compile("|".join(re.escape(p) for p in phrases)) if phrases else None
    return mark_segments(shown, [(m.start(), m.end(), "hit") for m in rx.finditer(shown)] if rx else [])


def locations(item: ItemResult, titles: Mapping[str, str]) -> list[dict[str, str]]:
    """Distinct sections an item's evidence came from, in order."""
    seen: list[str] = []
    for ev in item.evidence:
        if ev.section not in seen:
            seen.append(ev.section)
    return [{"section": s or "（导语）", "title": titles.get(s, "")} for s in seen]


def near_misses(item: ItemResult, sections: list[Any], titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """The sentences where one of the item's phrases stood but a rule kept it from counting
    (ItemResult.vetoed: a cited document's title, training content, an organ's name …), one row per
    sentence in report order: where it stands, its opening words, and each reason. They let the officer
    who doubts a 缺失 see what the tool read and why it did not count, and overrule it if the rule misfired."""
    from scorer.analysis.sections import section_at

    rows: dict[tuple[int, int], dict[str, Any]] = {}
    shown = {(ev.start, ev.end) for ev in item.evidence}  # a sentence already quoted as evidence is not repeated
    for rec in item.vetoed:
        if rec.start is None or rec.end is None or (rec.start, rec.end) in shown:
            continue
        row = rows.get((rec.start, rec.end))
        if row is None:
            path = section_at(sections, rec.start).path if sections else ""
            clipped = rec.end - rec.start > len(rec.text)
            row = rows[(rec.start, rec.end)] = {
                "section": path or "（导语）", "section_title": titles.get(path, ""), "start": rec.start,
                "end": rec.end, "text": rec.text + ("…" if clipped else ""), "reasons": []}
        if rec.reason:
            row["reasons"].append(rec.reason)  # (repeats are merged below)
    for row in rows.values():
        row["reasons"] = _merge_reasons(row["reasons"])
    return sorted(rows.values(), key=lambda r: r["start"])


_PHRASE_FIRST = re.compile(r"^((?:「[^」]*」)+)(.+)$")
_QUOTED = re.compile(r"「[^」]*」")


def _merge_reasons(reasons: list[str]) -> list[str]:
    """Reasons that differ only in the phrase they name, said once: 「纲要」「实施纲要」出现在……中."""
    merged: dict[str, list[str]] = {}  # what a reason says of its phrases -> those phrases, in first-seen order
    for reason in reasons:
        m = _PHRASE_FIRST.match(reason)
        phrases, tail = m.groups() if m else ("", reason)
        named = merged.setdefault(tail, [])
        named += [p for p in _QUOTED.findall(phrases) if p not in named]
    return ["".join(named) + tail for tail, named in merged.items()]


# --------------------------------------------------------------------------- facts


def tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("scorer")
    except Exception:
        from scorer import __version__

        return __version__


def today(run_date: dt.date | dt.datetime | None) -> dt.date:
    if run_date is None:
        return dt.date.today()
    return run_date.date() if isinstance(run_date, dt.datetime) else run_date


def quote_title(title: str) -> str:
    title = (title or "").strip()
    return title if title.startswith("《") else f"《{title}》"
