"""What changed between two rule books (checklists/rules.yaml), and what that does to reports.

`scorer checklist diff OLD/rules.yaml NEW/rules.yaml [--reports …]` uses this: rules added,
removed and changed field by field, then every report scored once under each book (its
checklist chosen as usual), so whoever edits the book sees which verdicts move before the
edit lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from scorer.checklist.diff import FieldChange, ReportEffect, StatusChange, effects_json
from scorer.checklist.rules import RULEBOOK_NAME, RuleBookSpec, RuleSpec, load_rulebook_spec, using_rulebook
from scorer.errors import ScorerError

RULE_FIELD_LABELS = {"enabled": "启用 enabled", "name": "名称 name", "description": "说明 description",
                     "words": "词语 words", "patterns": "正则 patterns", "ignore_words": "不算的词 ignore_words",
                     "ignore_patterns": "不算的正则 ignore_patterns",
                     "ignore_before_patterns": "前文不算的正则 ignore_before_patterns", "max_clauses": "分句数 max_clauses",
                     "max_clauses_before": "往前分句数 max_clauses_before", "task_patterns": "新工作开头 task_patterns", "lead_patterns": "开头的时间分句 lead_patterns",
                     "release_patterns": "发布后紧接报告 release_patterns", "headline_patterns": "宣布发布的标题 headline_patterns"}


def is_rulebook_file(name: str) -> bool:
    """A YAML file whose top-level id is the rule book's (rules.yaml or a copy of it)."""
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8-sig"))
    except Exception:  # noqa: BLE001 - not readable as a rule book: the checklist loader will say why
        return False
    return isinstance(data, dict) and data.get("id") == RULEBOOK_NAME


@dataclass
class RuleChange:
    id: str
    name: str
    changes: list[FieldChange] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for c in self.changes:
            label = RULE_FIELD_LABELS.get(c.field, c.field)
            if isinstance(c.old, list) or isinstance(c.new, list):
                out.append(c.describe(label))  # 增加「…」；删除「…」, as for a checklist's lists
            elif c.field == "enabled":
                out.append(f"{label}：{'启用' if c.old else '关闭'} → {'启用' if c.new else '关闭'}")
            else:
                out.append(f"{label}：{c.old} → {c.new}")
        return out


@dataclass
class RuleBookDiff:
    old_path: Path
    new_path: Path
    old: RuleBookSpec
    new: RuleBookSpec
    added: list[RuleSpec] = field(default_factory=list)
    removed: list[RuleSpec] = field(default_factory=list)
    changed: list[RuleChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_rulebooks(old_path: Path, new_path: Path) -> RuleBookDiff:
    old, new = load_rulebook_spec(old_path), load_rulebook_spec(new_path)
    before = {r.id: r for _, r in old.all_rules()}
    after = {r.id: r for _, r in new.all_rules()}
    d = RuleBookDiff(old_path, new_path, old, new)
    d.added = [r for i, r in after.items() if i not in before]
    d.removed = [r for i, r in before.items() if i not in after]
    for i, r in after.items():
        b = before.get(i)
        if b is None:
            continue
        a, n = b.model_dump(), r.model_dump()
        changes = [FieldChange(f, a[f], n[f]) for f in n if a.get(f) != n[f]]
        if changes:
            d.changed.append(RuleChange(i, r.name, changes))
    return d


def rulebook_effects(d: RuleBookDiff, paths: list[str]) -> tuple[list[ReportEffect], list[str]]:
    """Each report loaded once and scored under the old and the new rule book."""
    from scorer.analysis.ingest import load_document
    from scorer.analysis.pipeline import score_document

    effects, errors = [], []
    for path in paths:
        try:
            doc = load_document(path)
            with using_rulebook(d.old_path):
                before = score_document(doc)
            with using_rulebook(d.new_path):
                after = score_document(doc)
        except ScorerError as exc:
            errors.append(str(exc))
            continue
        old_items = {it.id: it for it in before.items + before.structure}
        changes = [StatusChange(it.id, it.title, old_items.get(it.id), it) for it in after.items + after.structure
                   if it.id not in old_items or (old_items[it.id].status, old_items[it.id].advisory)
                   != (it.status, it.advisory)]
        effects.append(ReportEffect(doc.source, doc.meta.jurisdiction, doc.meta.year, before.score, after.score, changes))
    return effects, errors


def rulebook_diff_json(d: RuleBookDiff, effects: list[ReportEffect] | None, errors: list[str]) -> dict[str, Any]:
    return {
        "old": {"id": d.old.id, "version": d.old.version, "path": str(d.old_path)},
        "new": {"id": d.new.id, "version": d.new.version, "path": str(d.new_path)},
        "added": [r.model_dump(mode="json") for r in d.added],
        "removed": [r.model_dump(mode="json") for r in d.removed],
        "changed": [{"id": c.id, "name": c.name, "changes": [f.as_json() for f in c.changes]} for c in d.changed],
        "reports": effects_json(effects),
        "errors": errors,
    }
