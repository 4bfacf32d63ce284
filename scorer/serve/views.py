"""What the pages show, built from the library's entries and results: the filtered
and sorted reports list, and one report's text with its evidence marks."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from markupsafe import Markup, escape

from scorer.models import STATUS_LABELS, Evidence, ItemResult, JurisdictionKind, ReportResult, Status
from scorer.render.common import (
    KIND_LABELS, MODALITY_LABELS, STATUS_CLASS, STRUCTURE_LABELS, STRUCTURE_SHORT, load_texts, near_misses,
)
from scorer.serve.library import Entry
from scorer.serve import reviews
from scorer.serve.reviews import STATE_LABELS

KIND_NAMES = {k.value: v for k, v in KIND_LABELS.items()}
CONTENT_CHOICES = (Status.covered, Status.partial, Status.missing, Status.not_applicable)


def outline_label(checklist_id: str | None, title: str | None) -> str:
    """法治政府建设实施纲要（2021-2025年） -> 2021-2025年纲要."""
    m = re.search(r"（(\d{4}-\d{4}年)）", title or "")
    if m:
        return f"{m.group(1)}纲要"
    return title or checklist_id or "—"


# =========================================================================== the list


SORTS = {
    "jurisdiction": lambda e: (e.row.get("jurisdiction") or "\uffff"),
    "kind": lambda e: e.row.get("jurisdiction_kind") or "",
    "year": lambda e: e.row.get("year") or 0,
    "outline": lambda e: e.row.get("checklist") or "",
    "score": lambda e: e.row.get("score") if e.row.get("score") is not None else -1,
    "missing": lambda e: e.row.get("missing") or 0,
    "partial": lambda e: e.row.get("partial") or 0,
    "check": lambda e: e.row.get("to_check") or 0,
    "review": lambda e: ("none", "stale", "reviewed").index(e.review_state),
    "file": lambda e: e.rel,
}
SORT_LABELS = {"jurisdiction": "地区", "kind": "类型", "year": "年度", "outline": "纲要", "score": "得分",
               "missing": "缺失", "partial": "部分覆盖", "check": "建议核对", "review": "复核", "file": "文件"}


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@dataclass
class Filters:
    outline: str = ""
    year: int | None = None
    kind: str = ""
    smin: float | None = None
    smax: float | None = None
    review: str = ""
    q: str = ""
    sort: str = "jurisdiction"
    order: str = "asc"
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "Filters":
        sort = query.get("sort") or "jurisdiction"
        review = query.get("review") or ""
        kind = query.get("kind") or ""
        return cls(
            outline=(query.get("outline") or "")[:60], year=_int(query.get("year")),
            kind=kind if kind in KIND_NAMES else "", smin=_float(query.get("smin")), smax=_float(query.get("smax")),
            review=review if review in STATE_LABELS else "", q=(query.get("q") or "").strip()[:100],
            sort=sort if sort in SORTS else "jurisdiction", order="desc" if query.get("order") == "desc" else "asc",
            page=max(1, min(_int(query.get("page")) or 1, 100000)),
        )

    def query(self, **change: Any) -> str:
        """The query string of these filters with some values changed (for links)."""
        from urllib.parse import urlencode

        values = {"outline": self.outline, "year": self.year, "kind": self.kind, "smin": self.smin,
                  "smax": self.smax, "review": self.review, "q": self.q, "sort": self.sort, "order": self.order,
                  "page": None}
        values.update(change)
        if values["page"] == 1:
            values["page"] = None
        return urlencode({k: ("" if v is None else (f"{v:g}" if isinstance(v, float) else v))
                          for k, v in values.items() if v not in (None, "")})

    @property
    def active(self) -> bool:
        return bool(self.outline or self.year is not None or self.kind or self.smin is not None
                    or self.smax is not None or self.review or self.q)

    def describe(self) -> str:
        """The filter in words, for the review PDF's title."""
        parts = []
        if self.year is not None:
            parts.append(f"{self.year}年度")
        if self.kind:
            parts.append(KIND_NAMES.get(self.kind, self.kind))
        if self.outline:
            parts.append(self.outline)
        if self.smin is not None or self.smax is not None:
            lo = f"{self.smin:g}" if self.smin is not None else "0"
            hi = f"{self.smax:g}" if self.smax is not None else "100"
            parts.append(f"得分{lo}-{hi}")
        if self.review:
            parts.append(STATE_LABELS[self.review])
        if self.q:
            parts.append(f"含「{self.q}」")
        return "，".join(parts)

    def keep(self, e: Entry) -> bool:
        r = e.row
        if self.outline and r.get("checklist") != self.outline:
            return False
        if self.year is not None and r.get("year") != self.year:
            return False
        if self.kind and r.get("jurisdiction_kind") != self.kind:
            return False
        score = r.get("score")
        if self.smin is not None and (score is None or score < self.smin):
            return False
        if self.smax is not None and (score is None or score > self.smax):
            return False
        if self.review and e.review_state != self.review:
            return False
        if self.q:
            hay = f"{r.get('jurisdiction') or ''} {r.get('title') or ''} {e.rel}"
            if self.q.lower() not in hay.lower():
                return False
        return True


def select(entries: Iterable[Entry], f: Filters) -> tuple[list[Entry], list[Entry]]:
    """(the scored reports the filter keeps, sorted; the files that could not be scored)."""
    good, bad = [], []
    for e in entries:
        if e.error is not None:
            bad.append(e)
        elif e.row and f.keep(e):
            good.append(e)
    good.sort(key=lambda e: e.rel)
    good.sort(key=SORTS[f.sort], reverse=f.order == "desc")
    bad.sort(key=lambda e: e.id)
    return good, bad


def choices(entries: Iterable[Entry]) -> dict[str, list[tuple[str, str]]]:
    """Options of the filter selects, from what the folders hold."""
    outlines: dict[str, str] = {}
    years: set[int] = set()
    kinds: set[str] = set()
    for e in entries:
        r = e.row
        if e.error is not None or not r:
            continue
        if r.get("checklist"):
            outlines[r["checklist"]] = outline_label(r["checklist"], r.get("checklist_title"))
        if r.get("year"):
            years.add(r["year"])
        kinds.add(r.get("jurisdiction_kind") or "unknown")
    kind_order = [k.value for k in JurisdictionKind]
    return {
        "outline": sorted(outlines.items()),
        "year": [(str(y), f"{y}年") for y in sorted(years, reverse=True)],
        "kind": [(k, KIND_NAMES[k]) for k in kind_order if k in kinds],
        "review": list(STATE_LABELS.items()),
    }


STRUCTURE_MARK = {"covered": "✓", "pass": "✓", "partial": "△", "missing": "×", "fail": "×",
                  "unknown": "?", "not_applicable": "—"}
STRUCTURE_CLASS = {"covered": "ok", "pass": "ok", "partial": "part", "missing": "miss", "fail": "miss",
                   "unknown": "unk", "not_applicable": "na"}


def row_view(e: Entry, names: list[str]) -> dict[str, Any]:
    r = e.row
    marks = []
    for sid, status, advisory in r.get("structure") or []:
        label = STRUCTURE_LABELS.get(Status(status), status) if status in Status._value2member_map_ else status
        marks.append({"id": sid, "mark": STRUCTURE_MARK.get(status, "?"), "cls": STRUCTURE_CLASS.get(status, "unk"),
                      "title": f"{sid} {STRUCTURE_SHORT.get(sid, '')}：{label}{'（建议）' if advisory else ''}"})
    return {
        "id": e.id, "jurisdiction": r.get("jurisdiction") or "（未识别地区）", "title": r.get("title") or "",
        "kind": KIND_NAMES.get(r.get("jurisdiction_kind") or "unknown", "未识别"),
        "year": r.get("year"), "outline": outline_label(r.get("checklist"), r.get("checklist_title")),
        "score": r.get("score"), "machine_score": (e.machine or {}).get("score"),
        "missing": r.get("missing", 0), "partial": r.get("partial", 0), "covered": r.get("covered", 0),
        "to_check": r.get("to_check", 0),
        "structure": marks, "review": e.review_state, "review_label": STATE_LABELS[e.review_state],
        "review_counts": e.review, "review_error": e.review_error, "file": f"{names[e.folder]}/{e.rel}",
        "is_report": r.get("is_report", True),
    }


# =========================================================================== one report


def evidence_marks(ev: Evidence, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(matched-phrase spans, concrete-signal spans) of one evidence sentence, as offsets
    into the cleaned text, from the evidence's rule records (RuleMatch)."""
    def spans(records) -> list[tuple[int, int]]:
        out = []
        for r in records:
            if r.rule == "MATCH-HEADING" or r.start is None or r.end is None:
                continue  # a heading hit lies outside the sentence
            if ev.start <= r.start < r.end <= ev.end and r.end <= len(text):
                out.append((r.start, r.end))
        merged: list[list[int]] = []  # overlapping marks ("行政复议", "复议案件") become one
        for a, b in sorted(out):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return [(a, b) for a, b in merged]

    return spans(ev.matched), spans(ev.signals)


def _quote(ev: Evidence, text: str, hits: list[tuple[int, int]], sigs: list[tuple[int, int]]) -> Markup:
    """The evidence sentence with its phrase and signals marked, for the checklist pane."""
    start, end = ev.start, ev.end
    sentence = text[start:end] if 0 <= start < end <= len(text) else None
    if sentence is None:
        return escape(ev.text)
    cuts = {start, end}
    for a, b in hits + sigs:
        cuts.update((max(start, min(a, end)), max(start, min(b, end))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        piece = escape(text[a:b])
        if any(x <= a and b <= y for x, y in hits):
            piece = Markup(f'<mark class="q-hit">{piece}</mark>')
        elif any(x <= a and b <= y for x, y in sigs):
            piece = Markup(f'<span class="q-sig">{piece}</span>')
        out.append(piece)
    return Markup("").join(out)


def status_label(item: ItemResult, status: Status | None = None, structure: bool = False) -> str:
    s = status or item.status
    return (STRUCTURE_LABELS if structure else STATUS_LABELS).get(s, STATUS_LABELS.get(s, str(s)))


def item_view(item: ItemResult, text: str, titles: Mapping[str, str], texts: Mapping[str, Any], sections: list[Any],
              structure: bool = False) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(what the checklist pane shows for one item, its evidence marks for the text). A sentence where
    the item's phrase stood but a rule kept it from counting is listed apart (near_misses) and marked
    with "v": the page shows it in its own colour, never as evidence."""
    evidence, marks = [], []
    for ev in item.evidence:
        hits, sigs = evidence_marks(ev, text)
        section = ev.section if ev.section not in ("", "导语") else ""
        evidence.append({
            "section": section or "（导语）", "section_title": titles.get(section, ""),
            "quote": _quote(ev, text, hits, sigs), "reasons": [r for r in ev.reasons if r],
            "modality": MODALITY_LABELS.get(ev.modality, ev.modality), "start": ev.start, "end": ev.end,
        })
        marks.append({"s": ev.start, "e": ev.end, "hits": hits, "sigs": sigs})
    near = near_misses(item, sections, titles)
    for row in near:
        marks.append({"s": row["start"], "e": row["end"], "hits": [], "sigs": [], "v": 1})
    machine = getattr(item, "machine_status", None) or item.status
    review = getattr(item, "review", None)
    choices = reviews.choices(machine)
    t = texts.get(item.id)
    view = {
        "id": item.id, "title": item.title, "area": item.area, "weight": item.weight,
        "status": item.status.value, "cls": STATUS_CLASS.get(item.status, "unk"),
        "label": status_label(item, structure=structure) + ("（建议）" if item.advisory else ""),
        "machine": machine.value, "machine_label": status_label(item, machine, structure=structure),
        "changed": machine != item.status, "explanation": item.explanation, "evidence": evidence,
        "requirement": getattr(t, "requirement", "") if t else "", "guidance": getattr(t, "guidance", "") if t else "",
        "review": review, "stale": bool(review and review.stale),
        "review_label": status_label(item, review.status, structure=structure) if review else "",
        "choices": [(c.value, status_label(item, c, structure=structure)) for c in choices],
        "structure": structure, "short": STRUCTURE_SHORT.get(item.id, "") if structure else "",
        "check": item.check_suggested, "near": near,
    }
    return view, marks


def text_html(text: str, result: ReportResult, marks: Iterable[dict[str, Any]]) -> Markup:
    """The cleaned text, cut into spans at every evidence, phrase and signal boundary
    (data-a/data-b are offsets, so the page's script can mark any item's evidence),
    headings set off, and an anchor at each section for the outline."""
    n = len(text)
    cuts = {0, n}
    ranges: list[tuple[int, int]] = []
    for m in marks:
        for a, b in [(m["s"], m["e"])] + [tuple(x) for x in m["hits"]] + [tuple(x) for x in m["sigs"]]:
            a, b = max(0, min(a, n)), max(0, min(b, n))
            if a < b:
                cuts.update((a, b))
                ranges.append((a, b))
    heads: list[tuple[int, int]] = []
    anchors: dict[int, list[int]] = {}
    for i, sec in enumerate(result.sections):
        if not sec.path:
            continue
        a, b = max(0, min(sec.start, n)), max(0, min(sec.body_start, n))
        anchors.setdefault(a, []).append(i)
        cuts.add(a)
        if a < b:
            cuts.add(b)
            heads.append((a, b))
    points = sorted(cuts)
    covered = _interval_marker(ranges, points)
    in_head = _interval_marker(heads, points)
    out: list[str] = []
    for k, (a, b) in enumerate(zip(points, points[1:])):
        for i in anchors.get(a, ()):
            out.append(f'<span class="anchor" id="sec-{i}"></span>')
        piece = str(escape(text[a:b]))
        classes = "hd" if in_head[k] else ""
        if covered[k]:
            cls = f' class="{classes}"' if classes else ""
            out.append(f'<span data-a="{a}" data-b="{b}"{cls}>{piece}</span>')
        elif classes:
            out.append(f'<span class="{classes}">{piece}</span>')
        else:
            out.append(piece)
    return Markup("".join(out))


def _interval_marker(ranges: list[tuple[int, int]], points: list[int]) -> list[bool]:
    """For each piece [points[k], points[k+1]): does one of `ranges` cover it?"""
    import bisect

    flags = [False] * max(0, len(points) - 1)
    for a, b in ranges:
        i = bisect.bisect_left(points, a)
        j = bisect.bisect_left(points, b)
        for k in range(i, j):
            flags[k] = True
    return flags


def outline_view(result: ReportResult) -> list[dict[str, Any]]:
    return [{"index": i, "label": sec.label, "path": sec.path, "title": sec.title, "level": sec.level}
            for i, sec in enumerate(result.sections) if sec.path and sec.level <= 3]


def report_view(result: ReportResult, text: str) -> dict[str, Any]:
    """Everything the report page needs."""
    from scorer.render.common import section_titles

    titles = section_titles(result)
    texts, note = load_texts(result)
    areas: list[dict[str, Any]] = []
    by_area: dict[str, dict[str, Any]] = {}
    all_marks: dict[str, list[dict[str, Any]]] = {}
    for it in result.items:
        view, marks = item_view(it, text, titles, texts, result.sections)
        all_marks[it.id] = marks
        group = by_area.get(it.area)
        if group is None:
            group = by_area[it.area] = {"name": it.area, "list": []}
            areas.append(group)
        group["list"].append(view)
    structure = []
    for it in result.structure:
        view, marks = item_view(it, text, titles, texts, result.sections, structure=True)
        all_marks[it.id] = marks
        structure.append(view)
    area_scores = {a.name: a for a in result.areas}
    for g in areas:
        a = area_scores.get(g["name"])
        g["score"] = a.score if a else None
    counts = {s: sum(1 for it in result.items if it.status == s) for s in CONTENT_CHOICES}
    return {
        "areas": areas, "structure": structure, "texts_note": note,
        "counts": {s.value: n for s, n in counts.items()},
        "text_html": text_html(text, result, [m for ms in all_marks.values() for m in ms]),
        "marks_json": Markup(json.dumps(all_marks, ensure_ascii=False).replace("<", "\\u003c")),
        "outline": outline_view(result), "kind": KIND_LABELS.get(result.jurisdiction_kind, "未识别"),
        "outline_label": outline_label(result.checklist.id, result.checklist.title),
        "machine_score": getattr(result, "machine_score", None),
    }
