"""How human review (人工复核, scorer/review) shows in the PDFs: one view per reviewed
item for the gap report, and the counts for its cover and for the annual review."""

from __future__ import annotations

from typing import Any, Iterable

from scorer.models import STATUS_LABELS, ItemResult, ReportResult
from scorer.render.common import STRUCTURE_LABELS


def _label(status, structure: bool) -> str:
    return (STRUCTURE_LABELS if structure else STATUS_LABELS).get(status, STATUS_LABELS[status])


def _section_at(result: ReportResult, pos: int) -> tuple[str, str]:
    """(path, title) of the innermost section holding offset `pos`."""
    best = None
    for s in result.sections:
        if s.path and s.start <= pos < s.end and (best is None or s.level >= best.level):
            best = s
    return (best.path, best.title) if best is not None else ("", "")


def review_view(item: ItemResult, result: ReportResult, structure: bool = False) -> dict[str, Any] | None:
    """What the gap report says about an item's review, or None if nobody reviewed it."""
    rv = item.review
    if rv is None:
        return None
    machine = item.machine_status or item.status
    evidence = None
    if rv.evidence is not None and rv.evidence.text:
        # A stale record's offsets point into the old text: quote it without a location.
        path, title = ("", "") if rv.stale else _section_at(result, rv.evidence.start)
        evidence = {"section": path or ("" if rv.stale else "（导语）"), "section_title": title,
                    "text": rv.evidence.text}
    return {
        "reviewer": rv.reviewer, "date": rv.date, "reason": rv.reason, "stale": rv.stale,
        "stale_reasons": rv.stale_reasons, "verdict": _label(rv.status, structure),
        "machine": _label(machine, structure), "changed": not rv.stale and rv.status != machine,
        "evidence": evidence,
    }


def review_summary(result: ReportResult) -> dict[str, Any] | None:
    """Counts for the gap report's cover, or None when no item has a review record."""
    from scorer.review.apply import review_counts

    c = review_counts(result)
    if not (c.reviewed or c.stale):
        return None
    machine = result.machine_score if result.machine_score is not None else result.score
    return {"reviewed": c.reviewed, "changed": c.changed, "stale": c.stale,
            "machine_score": machine, "score_changed": abs(machine - result.score) >= 0.05}


def review_totals(results: Iterable[ReportResult]) -> dict[str, Any]:
    """Verdicts reviewed, changed and stale across `results`, and how many reports
    have reviews in force (`reports`) or stale records (`stale_reports`)."""
    from scorer.review.apply import ReviewCounts, review_counts

    total = ReviewCounts()
    reports = stale_reports = 0
    for r in results:
        c = review_counts(r)
        total = total + c
        reports += bool(c.reviewed)
        stale_reports += bool(c.stale)
    return {"reviewed": total.reviewed, "changed": total.changed, "stale": total.stale,
            "reports": reports, "stale_reports": stale_reports}


def review_sentence(totals: dict[str, Any]) -> str:
    """The annual review's sentence on human review ("" when there was none)."""
    parts = []
    if totals["reviewed"]:
        parts.append(f"{totals['reports']}份报告的{totals['reviewed']}项结论经人工复核，"
                     f"其中{totals['changed']}项改变了机器结论，得分按复核结论计算")
    if totals["stale"]:
        parts.append(f"{totals['stale_reports']}份报告的{totals['stale']}项复核记录因报告正文或检查清单改变而待重新复核，"
                     "未生效")
    return "；".join(parts) + "。" if parts else ""
