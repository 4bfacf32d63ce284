"""Human review (人工复核): a reviewer confirms or corrects the machine's verdict on an
item, with a reason, and every output shows it.

Public API (stable; the browser app `scorer serve` writes records through it):

    review_file_for(report_path) -> Path            # 报告.txt -> 报告.txt.review.yaml, beside it
    load_reviews(path) -> ReviewFile                 # validated; ReviewError (exit 2, "file:line: …")
    apply_reviews(result, reviews, text_sha256) -> ReportResult
    write_override(report_path, item_id, status, reason, reviewer, *, result, text_sha256,
                   evidence=None, date=None, evidence_text=None) -> Path
    remove_override(report_path, item_id) -> bool
    score_with_reviews(path, checklist="auto") -> ReportResult   # score one file + its reviews
    apply_review_file(result, report_path) -> ReportResult
    review_counts(result) -> ReviewCounts(reviewed, changed, stale)

File format and rules: scorer/review/records.py and docs/人工复核.md.
"""

from scorer.review.apply import (
    STALE_LABEL,
    ReviewCounts,
    apply_review_file,
    apply_reviews,
    review_counts,
    review_outcome,
    score_with_reviews,
    status_change_text,
)
from scorer.review.records import (
    REVIEW_SUFFIX,
    ReviewError,
    ReviewFile,
    ReviewRecord,
    find_item,
    load_reviews,
    load_reviews_for,
    parse_status,
    remove_override,
    report_for_review_file,
    review_file_for,
    verdicts_for,
    write_override,
)

__all__ = [
    "STALE_LABEL", "REVIEW_SUFFIX", "ReviewCounts", "ReviewError", "ReviewFile", "ReviewRecord",
    "apply_review_file", "apply_reviews", "find_item", "load_reviews", "load_reviews_for", "parse_status",
    "remove_override", "report_for_review_file", "review_counts", "review_file_for", "review_outcome",
    "score_with_reviews", "status_change_text", "verdicts_for", "write_override",
]
