"""Applying review records to a machine result.

The machine's result is what the batch cache holds; reviews are applied on the way
out, by every command, through the functions here:

- `apply_reviews(result, reviews, text_sha256)` -- the pure step: verdicts in force,
  machine_status, review, score and area scores recomputed;
- `apply_review_file(result, report_path)` -- the same with the report's review file;
- `score_with_reviews(path, checklist)` -- score one file and apply its reviews
  (explain, check, the browser app);
- `review_outcome(outcome)` -- for a batch Outcome (score, report, review): called by
  the batch runner after the machine result is cached, and by the report worker
  before it renders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.analysis.score import area_scores, weighted_score
from scorer.models import STATUS_LABELS, ItemResult, ItemReview, ReportResult
from scorer.review.records import ReviewError, ReviewFile, ReviewRecord, load_reviews_for, review_file_for

STALE_LABEL = "待重新复核"
_WARNING_PREFIX = "人工复核："  # warnings added here start with this (dropped when re-applied)


@dataclass(frozen=True)
class ReviewCounts:
    reviewed: int = 0  # items with a review in force
    changed: int = 0  # ... whose reviewer verdict differs from the machine's
    stale: int = 0  # records not applied: 待重新复核

    def __add__(self, other: "ReviewCounts") -> "ReviewCounts":
        return ReviewCounts(self.reviewed + other.reviewed, self.changed + other.changed, self.stale + other.stale)


def review_counts(result: ReportResult) -> ReviewCounts:
    """How many items of a result are reviewed, changed by the review, or stale."""
    reviewed = changed = stale = 0
    for it in result.items + result.structure:
        if it.review is None:
            continue
        if it.review.stale:
            stale += 1
            continue
        reviewed += 1
        changed += it.status != (it.machine_status or it.status)
    return ReviewCounts(reviewed, changed, stale)


def _structure_checklist() -> tuple[str, str] | None:
    from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist
    from scorer.errors import ScorerError

    try:
        cl = load_checklist(STRUCTURE_CHECKLIST)
    except (ScorerError, OSError):
        return None
    return cl.id, cl.spec.version


def _stale_reasons(rec: ReviewRecord, item: ItemResult, checklist: tuple[str, str] | None,
                   text_sha256: str | None) -> list[str]:
    reasons = []
    if text_sha256 is None or rec.text_sha256 != text_sha256:
        reasons.append("报告正文已改变")
    if checklist is not None:
        cid, version = checklist
        if rec.checklist != cid:
            reasons.append(f"检查清单不同（复核时为 {rec.checklist}，现为 {cid}）")
        elif rec.checklist_version != version:
            reasons.append(f"检查清单版本已由 {rec.checklist_version} 改为 {version}")
    if rec.title and rec.title != item.title:
        reasons.append(f"条目标题已改变（复核时为「{rec.title}」）")
    return reasons


def apply_reviews(result: ReportResult, reviews: ReviewFile | None, text_sha256: str | None) -> ReportResult:
    """The result with the reviewers' verdicts in force. Returns a new result (the
    argument is not changed). Every item gets machine_status (the machine's verdict)
    and review (the record, or None); a record whose report text, checklist id or
    version or item title has changed is not applied and is marked stale (待重新复核).
    score / areas are recomputed from the verdicts in force; machine_score keeps the
    machine's score. Idempotent: applying to an already reviewed result starts again
    from the machine's verdicts."""
    out = result.model_copy(deep=True)
    for it in out.items + out.structure:
        machine = it.machine_status or it.status
        it.status, it.machine_status, it.review = machine, machine, None
    machine_score = weighted_score(out.items)
    out.machine_score = machine_score if machine_score is not None else 0.0
    base_warnings = [w for w in out.warnings if not w.startswith(_WARNING_PREFIX)]
    out.warnings = base_warnings
    if reviews is None or not reviews.records:
        out.score = out.machine_score
        out.areas = area_scores(out.items, _area_order(out))
        return out
    structure_ids = {it.id for it in out.structure}
    structure_cl = _structure_checklist() if any(
        k.upper() in {s.upper() for s in structure_ids} for k in reviews.records) else None
    by_id = {it.id.upper(): it for it in out.items + out.structure}
    unknown: list[str] = []
    stale_items: list[str] = []
    for key, rec in reviews.records.items():
        it = by_id.get(key.upper())
        if it is None:
            unknown.append(key)
            continue
        checklist = structure_cl if it.id in structure_ids else (out.checklist.id, out.checklist.version)
        reasons = _stale_reasons(rec, it, checklist, text_sha256)
        it.review = ItemReview(reviewer=rec.reviewer, date=rec.date, reason=rec.reason, stale=bool(reasons),
                               status=rec.status, machine_status=rec.machine_status, stale_reasons=reasons,
                               evidence=rec.evidence)
        if reasons:
            stale_items.append(it.id)
        else:
            it.status = rec.status
    score = weighted_score(out.items)
    out.score = score if score is not None else 0.0
    out.areas = area_scores(out.items, _area_order(out))
    where = reviews.path.name if reviews.path is not None else "复核记录"
    if stale_items:
        why: list[str] = []
        for it in out.items + out.structure:
            if it.review is not None and it.review.stale:
                why += [r for r in it.review.stale_reasons if r not in why]
        out.warnings.append(f"{_WARNING_PREFIX}{len(stale_items)} 项{STALE_LABEL}（{'、'.join(stale_items)}）："
                            f"复核后{'；'.join(why)}，这些复核结论未生效，按机器结论计分；"
                            f"请重新核对后用 scorer override 记录（{where}）")
    if unknown:
        out.warnings.append(f"{_WARNING_PREFIX}{where} 中的条目 {'、'.join(unknown)} 不在本报告适用的检查清单"
                            f"（{out.checklist.id}）中，未生效（{STALE_LABEL}）")
    return out



def _area_order(result: ReportResult) -> list[str]:
    order = [a.name for a in result.areas]
    for it in result.items:
        if it.area not in order:
            order.append(it.area)
    return order


def apply_review_file(result: ReportResult, report_path: str | os.PathLike) -> ReportResult:
    """apply_reviews with the report's own review file (none: machine verdicts, with
    machine_status and review=None filled in). Raises ReviewError for a bad file."""
    reviews = load_reviews_for(report_path)
    return apply_reviews(result, reviews, result.text_sha256)


def score_with_reviews(path: str | os.PathLike, checklist: str = "auto") -> ReportResult:
    """Score one report file and apply its review records: what every command shows."""
    from scorer.analysis.pipeline import score_file

    return apply_review_file(score_file(path, checklist), path)


def review_outcome(outcome: Any) -> None:
    """Apply the report's review file to a batch Outcome (scorer/running/batch.py), in
    place: its payload becomes the reviewed result's JSON and its summary is
    recomputed (plus reviewed / changed / stale counts). A report without a review
    file costs one stat. A bad review file turns the outcome into an error naming
    the file and line (the report is not shown with unreviewed verdicts)."""
    if not outcome.ok or outcome.payload is None:
        return
    path = review_file_for(outcome.source)
    if not path.exists():
        return
    from scorer.running.batch import summarize

    try:
        reviews = load_reviews_for(outcome.source)
        result = outcome.load()
        reviewed = apply_reviews(result, reviews, result.text_sha256)
    except ReviewError as exc:
        first = exc.problems[0] if exc.problems else str(path)
        more = f"（另有 {len(exc.problems) - 1} 处问题）" if len(exc.problems) > 1 else ""
        outcome.error = f"{first}{more}"
        outcome.payload = None
        outcome.summary = None
        outcome._result = None
        return
    outcome.payload = reviewed.model_dump_json().encode("utf-8")
    outcome._result = None
    counts = review_counts(reviewed)
    outcome.summary = {**summarize(reviewed), "reviewed": counts.reviewed, "changed": counts.changed,
                       "stale_reviews": counts.stale}


def status_change_text(item: ItemResult) -> str:
    """「缺失 → 已覆盖」 for a reviewed item, for tables and PDFs."""
    machine = item.machine_status or item.status
    if item.review is None or item.review.stale or machine == item.status:
        return STATUS_LABELS[item.status]
    return f"{STATUS_LABELS[machine]} → {STATUS_LABELS[item.status]}"


__all__ = [
    "ReviewCounts", "review_counts", "apply_reviews", "apply_review_file", "score_with_reviews",
    "review_outcome", "status_change_text", "STALE_LABEL",
]
