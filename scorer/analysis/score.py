"""Coverage score by the scoring model of the rule book (SCORE-MODEL in checklists/rules.yaml):
Σ(weight × value) / Σ weight × 100 over applicable items; `flat` gives every item weight 1."""

from __future__ import annotations

from scorer.checklist.rules import RuleBook, rulebook
from scorer.models import AreaScore, ItemResult, Status


# Enum members taken once: in Python 3.11 `Status.covered` goes through the class's member
# descriptor on every use (~0.35 µs), and every area asks for seven.
_COVERED, _PARTIAL, _MISSING, _NOT_APPLICABLE = Status.covered, Status.partial, Status.missing, Status.not_applicable
_STATUSES = tuple(Status)  # (iterating the Enum class runs a generator in Python)


def score_values(book: RuleBook | None = None) -> dict[Status, float]:
    """Value of each verdict under the scoring model (SCORE-MODEL)."""
    v = (book or rulebook()).score_values
    return {_COVERED: v.get("covered", 1.0), _PARTIAL: v.get("partial", 0.5), _MISSING: v.get("missing", 0.0)}


def weighted_score(items: list[ItemResult], book: RuleBook | None = None) -> float | None:
    book = book or rulebook()
    value = score_values(book)
    applicable = [it for it in items if it.status in value]
    weight = (lambda it: 1.0) if book.score_model == "flat" else (lambda it: it.weight)
    total = sum(weight(it) for it in applicable)
    if total == 0:
        return None
    return round(100 * sum(weight(it) * value[it.status] for it in applicable) / total, 1)


def area_scores(items: list[ItemResult], area_order: list[str], book: RuleBook | None = None) -> list[AreaScore]:
    by_area: dict[str, list[ItemResult]] = {}  # one pass over the items, not one per area
    for it in items:
        by_area.setdefault(it.area, []).append(it)
    out = []
    for area in area_order:
        group = by_area.get(area)
        if not group:
            continue
        count = dict.fromkeys(_STATUSES, 0)  # one pass over the group, not one per status
        for it in group:
            count[it.status] += 1
        out.append(AreaScore(name=area, score=weighted_score(group, book), covered=count[_COVERED],
                             partial=count[_PARTIAL], missing=count[_MISSING], not_applicable=count[_NOT_APPLICABLE]))
    return out
