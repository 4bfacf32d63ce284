"""What changed between two versions of a checklist, and what that does to reports.

`diff_checklists` compares the resolved checklists (after extends/remove/overrides):
header fields, items added and removed, and per item every field with old -> new.
`report_effects` scores each report once per checklist on the same loaded Document, so
an editor sees how scores and item statuses move before an edit lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scorer.checklist.load import Checklist
from scorer.checklist.schema import ItemSpec
from scorer.checklist.xlsx import HEADER_LABELS, ITEM_LABELS, KIND_LABELS
from scorer.errors import ScorerError
from scorer.models import STATUS_LABELS, Document, ItemResult

HEADER_FIELDS = ("id", "version", "title", "source", "kind", "years", "effective_from_year", "extends", "areas")
ITEM_FIELDS = tuple(ItemSpec.model_fields)
LABELS = {**{f: f"{lab} {f}" for f, lab in ITEM_LABELS.items()},
          **{f"header.{f}": f"{lab} {f}" for f, lab in HEADER_LABELS.items()}}


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return LABELS.get(self.field, LABELS.get(f"header.{self.field}", self.field))

    def describe(self, label: str | None = None) -> str:
        """Chinese, e.g. `权重 weight：1 → 2` or `匹配短语 phrases：增加「复议」；删除「调解」`
        (`label`: the field's name when it is not a checklist field, e.g. a rule's)."""
        label = label or self.label
        old, new = self.old, self.new
        if isinstance(old, list) or isinstance(new, list):
            old, new = list(old or []), list(new or [])
            if self.field == "not_applicable_for":
                old = [KIND_LABELS.get(v, v) for v in old]
                new = [KIND_LABELS.get(v, v) for v in new]
            added = [v for v in new if v not in old]
            removed = [v for v in old if v not in new]
            parts = []
            if added:
                parts.append("增加" + "".join(f"「{v}」" for v in added))
            if removed:
                parts.append("删除" + "".join(f"「{v}」" for v in removed))
            if not parts:
                parts.append("顺序调整")
            return f"{label}：{'；'.join(parts)}"
        return f"{label}：{_show(old)} → {_show(new)}"

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        lo, hi = value
        return f"{lo or ''}–{hi or ''}"
    if isinstance(value, str):
        return f"「{value}」"
    return str(value)


@dataclass
class ItemChange:
    id: str
    title: str
    changes: list[FieldChange]


@dataclass
class ChecklistDiff:
    old: Checklist
    new: Checklist
    header: list[FieldChange] = field(default_factory=list)
    added: list[ItemSpec] = field(default_factory=list)
    removed: list[ItemSpec] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    reordered: bool = False

    @property
    def empty(self) -> bool:
        return not (self.header or self.added or self.removed or self.changed or self.reordered)


def _dump(value: Any) -> Any:
    if hasattr(value, "value"):  # enums
        return value.value
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def diff_checklists(old: Checklist, new: Checklist) -> ChecklistDiff:
    d = ChecklistDiff(old=old, new=new)
    for name in HEADER_FIELDS:
        a, b = getattr(old.spec, name), getattr(new.spec, name)
        if a != b:
            d.header.append(FieldChange(name, _dump(a), _dump(b)))
    old_items = {it.id: it for it in old.items}
    new_items = {it.id: it for it in new.items}
    d.added = [it for it in new.items if it.id not in old_items]
    d.removed = [it for it in old.items if it.id not in new_items]
    for it in new.items:
        before = old_items.get(it.id)
        if before is None:
            continue
        changes = [FieldChange(f, _dump(getattr(before, f)), _dump(getattr(it, f)))
                   for f in ITEM_FIELDS if getattr(before, f) != getattr(it, f)]
        if changes:
            d.changed.append(ItemChange(it.id, it.title, changes))
    common_old = [i for i in old_items if i in new_items]
    common_new = [i for i in new_items if i in old_items]
    d.reordered = common_old != common_new
    return d


# --------------------------------------------------------------------------- reports


@dataclass
class StatusChange:
    id: str
    title: str
    old: ItemResult | None  # None: the item is new
    new: ItemResult | None  # None: the item was removed

    def describe(self) -> str:
        return f"{self.id} {status_text(self.old, '（无此条）')}→{status_text(self.new, '（已删除）')}"

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title,
                "old": self.old.status.value if self.old else None,
                "new": self.new.status.value if self.new else None}


def status_text(item: ItemResult | None, absent: str) -> str:
    if item is None:
        return absent
    return STATUS_LABELS[item.status] + ("（建议）" if item.advisory else "")


@dataclass
class ReportEffect:
    source: str
    jurisdiction: str | None
    year: int | None
    old_score: float | None  # None for a structure checklist (no score)
    new_score: float | None
    changes: list[StatusChange]

    @property
    def delta(self) -> float | None:
        if self.old_score is None or self.new_score is None:
            return None
        return round(self.new_score - self.old_score, 1)


def _structure_results(doc: Document, cl: Checklist) -> list[ItemResult]:
    """S-items of a (possibly edited) structure checklist, the way the pipeline
    computes them for the shipped one."""
    from scorer.analysis.document import AnalysedDoc
    from scorer.analysis.match import prepare
    from scorer.analysis.structure import check_structure
    from scorer.checklist.rules import rulebook

    prepare(cl)
    return check_structure(cl, AnalysedDoc.analyse(doc, rulebook(cl.spec.rules)))


def _results(doc: Document, cl: Checklist) -> tuple[float | None, list[ItemResult]]:
    from scorer.analysis.pipeline import score_document

    if cl.spec.kind == "structure":
        return None, _structure_results(doc, cl)
    r = score_document(doc, str(cl.path))
    return r.score, r.items


def report_effect(doc: Document, old: Checklist, new: Checklist) -> ReportEffect:
    old_score, old_items = _results(doc, old)
    new_score, new_items = _results(doc, new)
    before = {it.id: it for it in old_items}
    after = {it.id: it for it in new_items}
    changes: list[StatusChange] = []
    for it in old_items:
        b = after.get(it.id)
        if b is None or (b.status, b.advisory) != (it.status, it.advisory):
            changes.append(StatusChange(it.id, it.title, it, b))
    for it in new_items:
        if it.id not in before:
            changes.append(StatusChange(it.id, it.title, None, it))
    return ReportEffect(doc.source, doc.meta.jurisdiction, doc.meta.year, old_score, new_score, changes)


def report_effects(old: Checklist, new: Checklist, paths: list[str]) -> tuple[list[ReportEffect], list[str]]:
    """Each report is loaded once and scored with both checklists."""
    from scorer.analysis.ingest import load_document

    effects, errors = [], []
    for path in paths:
        try:
            doc = load_document(path)
            effects.append(report_effect(doc, old, new))
        except ScorerError as exc:
            errors.append(str(exc))
    return effects, errors


def diff_json(d: ChecklistDiff, effects: list[ReportEffect] | None, errors: list[str]) -> dict[str, Any]:
    ref = lambda cl: {"id": cl.id, "version": cl.spec.version, "path": str(cl.path), "sha256": cl.sha256}  # noqa: E731
    return {
        "old": ref(d.old),
        "new": ref(d.new),
        "header": [c.as_json() for c in d.header],
        "added": [it.model_dump(mode="json") for it in d.added],
        "removed": [it.model_dump(mode="json") for it in d.removed],
        "changed": [{"id": c.id, "title": c.title, "changes": [f.as_json() for f in c.changes]} for c in d.changed],
        "reordered": d.reordered,
        "reports": effects_json(effects),
        "errors": errors,
    }


def effects_json(effects: list[ReportEffect] | None) -> list[dict[str, Any]] | None:
    """Each report's old and new score and the items whose verdict moved (None: no reports given)."""
    return None if effects is None else [
        {"source": e.source, "jurisdiction": e.jurisdiction, "year": e.year, "old_score": e.old_score,
         "new_score": e.new_score, "delta": e.delta, "changes": [c.as_json() for c in e.changes]}
        for e in effects]
