"""Files looked at once per report.

Scoring one report asks many times which rule book is in force and which checklists
the checklists folder holds (the metadata rules, every item that tunes the rule book,
the padding filter, the choice of outline …); each answer costs a `stat` or a folder
listing, and a system call costs 10-20 µs on a shared machine. Inside `once_per_report()`
(the pipeline opens it around one report) each such answer is worked out once and
reused; outside it, every call looks again as before. A checklist or rule book edited
while a report is being scored is therefore picked up by the next report -- one report
is never judged by two versions of the rules.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Hashable, Iterator, TypeVar

T = TypeVar("T")
_ANSWERS: ContextVar[dict | None] = ContextVar("looked_up_answers", default=None)


@contextmanager
def once_per_report() -> Iterator[None]:
    """Answers of `looked_up` are kept until the block ends (nested blocks share them)."""
    if _ANSWERS.get() is not None:
        yield
        return
    token = _ANSWERS.set({})
    try:
        yield
    finally:
        _ANSWERS.reset(token)


def looked_up(key: Hashable, look: Callable[[], T]) -> T:
    """`look()`, or its answer from earlier in the same report."""
    answers = _ANSWERS.get()
    if answers is None:
        return look()
    try:
        return answers[key]
    except KeyError:
        answer = answers[key] = look()
        return answer
