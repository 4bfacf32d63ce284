"""The feedback loop: the machine measured against the reviewers' records (`scorer eval --reviews DIR`).

Every review record in force is a label a legal officer gave on real use. For each
one the report is scored again by the machine as it is now (current rules and
checklists), and its verdict is compared with the reviewer's: precision, recall and
F1 of 已覆盖-vs-not, and the share of identical three-way verdicts, overall, per
area and per item. Where the machine rated an item lower than the reviewer (it
"missed" it), the sentence the reviewer cited is listed under the item: these are
the candidates the checklist maintainers turn into phrases.

A record counts when the report's cleaned text is the one reviewed and the item
still exists; a changed checklist version does not exclude it (the point is to
measure the new rules on old judgements). Reviewers mostly look at the items the
machine got wrong or is unsure about, so these figures describe the reviewed
sample, not the machine's accuracy on all items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scorer.errors import InputError, ScorerError
from scorer.models import ItemResult, ReportResult, Status
from scorer.review.records import REVIEW_SUFFIX, ReviewError, load_reviews, report_for_review_file
from scorer.running.evaluate import Counts

VALUE = {Status.covered: 2, Status.partial: 1, Status.missing: 0, Status.passed: 2, Status.failed: 0}
POSITIVE = (Status.covered, Status.passed)


@dataclass
class Agreement:
    counts: Counts = field(default_factory=Counts)
    same: int = 0
    n: int = 0

    def add(self, machine: Status, reviewer: Status) -> None:
        self.n += 1
        self.same += machine == reviewer
        if reviewer != Status.not_applicable and machine != Status.not_applicable:
            self.counts.add(machine in POSITIVE, reviewer in POSITIVE)

    @property
    def agreement(self) -> float | None:
        return self.same / self.n if self.n else None


@dataclass
class Citation:
    source: str
    reviewer: str
    machine: Status
    reviewer_status: Status
    text: str  # the sentence the reviewer cited, or "" when none was recorded
    reason: str


@dataclass
class ItemEval(Agreement):
    title: str = ""
    area: str = ""
    missed: list[Citation] = field(default_factory=list)


@dataclass
class ReviewEval:
    overall: Agreement
    structure: Agreement
    per_area: dict[str, Agreement]
    per_item: dict[str, ItemEval]
    # the machine's 已覆盖 verdicts a reviewer looked at, marked 建议核对 or not: how often each was upheld
    covered_marked: Agreement = field(default_factory=Agreement)
    covered_unmarked: Agreement = field(default_factory=Agreement)
    reports: int = 0
    records: int = 0  # records compared
    skipped: list[str] = field(default_factory=list)  # Chinese: records not counted, and why
    errors: list[str] = field(default_factory=list)  # Chinese: review files or reports that failed
    # Every record compared: (report's resolved path, item id) -> (machine's verdict, reviewer's verdict), so
    # two rule books can be compared record by record (`scorer eval --reviews DIR --against OTHER`)
    verdicts: dict[tuple[str, str], tuple[Status, Status]] = field(default_factory=dict)


@dataclass
class ReviewComparison:
    """The checklists in force against another on the same review records: each side's three-way agreement
    with the reviewers, and the records whose machine verdict now agrees (fixed) or no longer agrees (broken)."""
    compared: int
    current_same: int
    other_same: int
    fixed: list[tuple[str, str, Status, Status]]  # report, item, reviewer's verdict, the other side's verdict
    broken: list[tuple[str, str, Status, Status]]  # report, item, reviewer's verdict, the verdict in force


def compare_reviews(current: ReviewEval, other: ReviewEval) -> ReviewComparison:
    shared = sorted(set(current.verdicts) & set(other.verdicts))
    fixed, broken = [], []
    same_now = same_before = 0
    for key in shared:
        now, reviewer = current.verdicts[key]
        before = other.verdicts[key][0]
        same_now += now == reviewer
        same_before += before == reviewer
        if now == reviewer and before != reviewer:
            fixed.append((*key, reviewer, before))
        elif now != reviewer and before == reviewer:
            broken.append((*key, reviewer, now))
    return ReviewComparison(len(shared), same_now, same_before, fixed, broken)


def find_review_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    errors: list[str] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob(f"*{REVIEW_SUFFIX}")
                           if not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                errors.append(f"{p}: 文件夹中没有人工复核记录（*{REVIEW_SUFFIX}）")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            errors.append(f"{p}: 文件或文件夹不存在")
    return files, errors


def evaluate_reviews(review_files: list[Path], score_fn: Callable[[str, str], ReportResult]) -> ReviewEval:
    """score_fn(path, checklist) -> the machine's ReportResult (no reviews applied)."""
    res = ReviewEval(overall=Agreement(), structure=Agreement(), per_area={}, per_item={})
    for rf in review_files:
        try:
            reviews = load_reviews(rf)
        except ReviewError as exc:
            res.errors += exc.problems
            continue
        if not reviews.records:
            continue
        report = report_for_review_file(rf)
        if not report.exists():
            res.errors.append(f"{rf}: 对应的报告文件 {report.name} 不存在（复核记录文件名应为“报告文件名{REVIEW_SUFFIX}”）")
            continue
        checklists = {r.checklist for r in reviews.records.values() if not r.checklist.startswith("report-structure")}
        requested = next(iter(checklists)) if len(checklists) == 1 else "auto"
        try:
            try:
                result = score_fn(str(report), requested)
            except ScorerError:
                if requested == "auto":
                    raise
                result = score_fn(str(report), "auto")  # a checklist that no longer resolves by id
        except InputError as exc:
            res.errors.append(f"{report}: {exc.problem}")
            continue
        except ScorerError as exc:
            res.errors.append(f"{report}: {exc}")
            continue
        res.reports += 1
        structure_ids = {it.id for it in result.structure}
        by_id: dict[str, ItemResult] = {it.id.upper(): it for it in result.items + result.structure}
        for key, rec in reviews.records.items():
            it = by_id.get(key.upper())
            if it is None:
                res.skipped.append(f"{rf}:{rec.line}: 条目 {key} 不在当前检查清单（{result.checklist.id}）中，未计入")
                continue
            if rec.text_sha256 != result.text_sha256:
                res.skipped.append(f"{rf}:{rec.line}: 条目 {key}：报告正文已改变，未计入")
                continue
            machine = it.machine_status or it.status
            res.records += 1
            res.verdicts[(str(report.resolve()), it.id)] = (machine, rec.status)
            if it.id in structure_ids:
                res.structure.add(machine, rec.status)
                continue
            res.overall.add(machine, rec.status)
            if machine == Status.covered:
                (res.covered_marked if it.needs_check else res.covered_unmarked).add(machine, rec.status)
            res.per_area.setdefault(it.area, Agreement()).add(machine, rec.status)
            ie = res.per_item.setdefault(it.id, ItemEval(title=it.title, area=it.area))
            ie.add(machine, rec.status)
            if VALUE.get(rec.status, -1) > VALUE.get(machine, -1) and rec.status != Status.not_applicable:
                ie.missed.append(Citation(source=str(report), reviewer=rec.reviewer, machine=machine,
                                          reviewer_status=rec.status,
                                          text=rec.evidence.text if rec.evidence is not None else "",
                                          reason=rec.reason))
    return res


def to_json(res: ReviewEval) -> dict:
    def agg(a: Agreement) -> dict:
        c = a.counts
        return {"n": a.n, "agreement": a.agreement, "precision": c.precision, "recall": c.recall, "f1": c.f1,
                "tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn}

    return {
        "reports": res.reports, "records": res.records,
        "overall": agg(res.overall), "structure": agg(res.structure),
        "covered_marked_check": agg(res.covered_marked), "covered_not_marked": agg(res.covered_unmarked),
        "areas": {k: agg(v) for k, v in res.per_area.items()},
        "items": {k: {**agg(v), "title": v.title, "area": v.area,
                      "missed": [{"source": c.source, "reviewer": c.reviewer, "machine": c.machine.value,
                                  "reviewer_status": c.reviewer_status.value, "text": c.text, "reason": c.reason}
                                 for c in v.missed]}
                  for k, v in sorted(res.per_item.items())},
        "skipped": res.skipped, "errors": res.errors,
        "verdicts": [{"report": r, "item": i, "machine": m.value, "reviewer": v.value}
                     for (r, i), (m, v) in res.verdicts.items()],
    }


def from_json(data: dict) -> ReviewEval:
    """What a comparison needs of a child's `scorer eval --reviews … --json`: the verdicts of each record."""
    res = ReviewEval(overall=Agreement(), structure=Agreement(), per_area={}, per_item={})
    res.verdicts = {(v["report"], v["item"]): (Status(v["machine"]), Status(v["reviewer"])) for v in data["verdicts"]}
    return res
