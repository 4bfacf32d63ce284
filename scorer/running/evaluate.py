"""Accuracy against hand labels (tests/devset/*.yaml).

For each item, "covered" is the positive class: precision is how often the tool's
"covered" is right, recall how many truly covered items it finds. The score error
compares the tool's score with the score the labels give under the same weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from scorer.errors import InputError
from scorer.models import ItemResult, ReportResult, Status
from scorer.analysis.score import weighted_score

LABEL_STATUS = {"covered": Status.covered, "partial": Status.partial, "missing": Status.missing,
                "not_applicable": Status.not_applicable, "pass": Status.passed, "fail": Status.failed,
                "unknown": Status.unknown}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


@dataclass
class ReportEval:
    source: str
    predicted_score: float
    label_score: float
    agreement: float  # share of items with the same three-way status
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)  # id, label, predicted


@dataclass
class EvalResult:
    per_item: dict[str, Counts]
    overall: Counts
    reports: list[ReportEval]
    structure: Counts
    # The naive baseline (scorer/running/baseline.py) on the same labelled items
    baseline: Counts = field(default_factory=Counts)

    @property
    def mean_abs_score_error(self) -> float:
        return sum(abs(r.predicted_score - r.label_score) for r in self.reports) / max(len(self.reports), 1)


def load_labels(path: Path) -> dict:
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise InputError(str(path), f"标注文件无法读取（{exc}）") from None
    if not isinstance(data, dict) or "source" not in data or "items" not in data:
        raise InputError(str(path), "标注文件缺少 source 或 items")
    return data


def label_file_source(label_path: Path, data: dict) -> Path:
    src = Path(data["source"])
    if src.is_absolute() or src.exists():
        return src
    # Relative sources are relative to the project root (two levels above tests/devset).
    for base in (label_path.parent, label_path.parent.parent, label_path.parent.parent.parent):
        if (base / src).exists():
            return base / src
    return src


def evaluate(label_paths: list[Path], score_fn) -> EvalResult:
    from scorer.analysis.ingest import load_document
    from scorer.running.baseline import title_matched

    per_item: dict[str, Counts] = {}
    overall, structure, baseline = Counts(), Counts(), Counts()
    reports = []
    for lp in label_paths:
        data = load_labels(lp)
        src = label_file_source(lp, data)
        result: ReportResult = score_fn(src, data.get("checklist", "auto"))
        text = load_document(src).text  # the cleaned text the tool read, for the baseline
        predicted = {it.id: it for it in result.items}
        labelled: list[ItemResult] = []
        disagreements, same = [], 0
        for item_id, label in data["items"].items():
            want = LABEL_STATUS[label["status"]]
            got = predicted.get(item_id)
            if got is None:
                continue
            labelled.append(got.model_copy(update={"status": want}))
            if want == Status.not_applicable:
                continue
            per_item.setdefault(item_id, Counts()).add(got.status == Status.covered, want == Status.covered)
            overall.add(got.status == Status.covered, want == Status.covered)
            baseline.add(title_matched(got.title, text), want == Status.covered)
            if got.status == want:
                same += 1
            else:
                disagreements.append((item_id, want.value, got.status.value))
        for item_id, label in (data.get("structure") or {}).items():
            got = next((s for s in result.structure if s.id == item_id), None)
            want = LABEL_STATUS.get(label["status"])
            if got is None or want is None or want == Status.unknown:
                continue
            positive = {Status.covered, Status.passed}
            structure.add(got.status in positive, want in positive)
        n = len([1 for lab in data["items"].values() if lab["status"] != "not_applicable"])
        reports.append(ReportEval(
            source=str(src), predicted_score=result.score, label_score=weighted_score(labelled) or 0.0,
            agreement=same / max(n, 1), disagreements=disagreements,
        ))
    return EvalResult(per_item=per_item, overall=overall, reports=reports, structure=structure, baseline=baseline)
