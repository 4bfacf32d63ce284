"""The web app's door to the review records (人工复核, scorer/review): the same
files, written and read by the same functions as the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scorer import review as _review
from scorer.models import ReportResult, Status


@dataclass(frozen=True)
class ReviewState:
    """What the reports list shows: 未复核 / 已复核 / 待重新复核."""

    reviewed: int = 0
    changed: int = 0
    stale: int = 0

    @property
    def key(self) -> str:
        if self.stale:
            return "stale"
        return "reviewed" if self.reviewed else "none"


STATE_LABELS = {"none": "未复核", "reviewed": "已复核", "stale": "待重新复核"}


def review_file(report_path: str) -> Path:
    """报告.txt -> 报告.txt.review.yaml, beside it."""
    return Path(_review.review_file_for(report_path))


def is_review_problem(report_path: str, message: str) -> bool:
    """Does a one-line error (from the batch runner) concern the report's review file?"""
    return message.startswith(str(review_file(report_path)))


def review_mtime(report_path: str) -> int | None:
    """mtime_ns of the report's review file, None when it has none."""
    path = review_file(report_path)
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def in_force(result: ReportResult, report_path: str) -> ReportResult:
    """The result with the report's review records applied (verdicts in force,
    score recomputed, stale records marked). Raises ScorerError for a broken file."""
    return _review.apply_review_file(result, report_path)


def state(result: ReportResult) -> ReviewState:
    c = _review.review_counts(result)
    return ReviewState(reviewed=c.reviewed, changed=c.changed, stale=c.stale)


def save(report_path: str, item_id: str, status: Status, reason: str, reviewer: str, *,
         result: ReportResult, evidence: tuple[int, int] | None = None) -> None:
    """Write (or replace) the reviewer's verdict on one item; `result` is the
    machine's result the reviewer looked at. Raises ScorerError (Chinese) for an
    unknown item, a verdict the item cannot have, an empty reason or reviewer."""
    _review.write_override(report_path, item_id, status, reason, reviewer, result=result,
                           text_sha256=result.text_sha256, evidence=evidence)


def remove(report_path: str, item_id: str) -> bool:
    return bool(_review.remove_override(report_path, item_id))


def choices(machine: Status) -> tuple[Status, ...]:
    """The verdicts a reviewer may give an item with this machine verdict."""
    return tuple(_review.verdicts_for(machine))
