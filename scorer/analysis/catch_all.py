"""Rule VETO-CATCH-ALL: one sentence that is the only concrete evidence of many items is a catch-all list.

Items are judged one by one (match.judge_item); this step looks at the verdicts together. A sentence such as
「完善了权责清单和重大行政决策程序规定、健全了法制机构和聘请了法律顾问、做好行政规范性文件制定……」 makes
each task it names look done, but it only lists them: an item whose every concrete sentence is such a list,
shared as concrete evidence by more than `max_topics` covered items, is partial, as a bare list mention is.
"""

from __future__ import annotations

from collections import Counter

from scorer.checklist.rules import RuleBook
from scorer.models import Evidence, ItemResult, RuleMatch, Status


def _concrete(item: ItemResult) -> set[int]:
    """Starts of the item's concrete evidence sentences (those judged done, with nothing limiting them)."""
    return {ev.start for ev in item.evidence if ev.modality == "achievement" and not ev.limits}


def demote_catch_all(items: list[ItemResult], book: RuleBook) -> None:
    """Turn the covered items that rest only on catch-all sentences into partial ones, in place."""
    limit = book.catch_all_max_items
    if limit is None:
        return
    covered = [(it, _concrete(it)) for it in items if it.status == Status.covered]
    shared = Counter(start for _, starts in covered for start in starts)
    for item, starts in covered:
        if not starts or any(shared[s] <= limit for s in starts):
            continue
        n = max(shared[s] for s in starts)
        for ev in item.evidence:
            if ev.start in starts:
                _mark(ev, n)
        item.status = item.machine_status = Status.partial  # (the machine's own verdict: human review keeps it)
        item.confidence = 0.65
        item.needs_check = False
        item.explanation = (f"只在一句同时罗列多项工作的句子里写到（这句话同时是 {n} 个条目的具体依据），"
                            "是概括性的列举，判定为部分覆盖。")


def _mark(ev: Evidence, n: int) -> None:
    reason = f"这句话同时罗列了 {n} 个条目的工作，是概括性的列举"
    ev.limits.append(RuleMatch(rule="VETO-CATCH-ALL", reason=reason))
    ev.reasons.append(reason)
    ev.modality = "vague"
