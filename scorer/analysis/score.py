"""Coverage score: weighted share of applicable items covered (1) or partial (0.5)."""

from __future__ import annotations

from scorer.models import AreaScore, ItemResult, Status

VALUE = {Status.covered: 1.0, Status.partial: 0.5, Status.missing: 0.0}


def weighted_score(items: list[ItemResult]) -> float | None:
    applicable = [it for it in items if it.status in VALUE]
    total = sum(it.weight for it in applicable)
    if total == 0:
        return None
    return round(100 * sum(it.weight * VALUE[it.status] for it in applicable) / total, 1)


def area_scores(items: list[ItemResult], area_order: list[str]) -> list[AreaScore]:
    out = []
    for area in area_order:
        group = [it for it in items if it.area == area]
        if not group:
            continue
        count = {s: sum(1 for it in group if it.status == s) for s in Status}
        out.append(AreaScore(name=area, score=weighted_score(group), covered=count[Status.covered],
                             partial=count[Status.partial], missing=count[Status.missing],
                             not_applicable=count[Status.not_applicable]))
    return out
