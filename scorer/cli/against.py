"""`scorer eval … --against OTHER`: the same evaluation with the rule book or checklists in force and with another.

OTHER is a rule book (a rules.yaml: scored again in this process with that book) or a checklists folder (its
outlines and, if it has one, its rules.yaml: scored by a child `scorer eval … --json` whose SCORER_CHECKLISTS is
that folder, since the folder is fixed when the checklists are first located). The child is started first, so
both sides are scored at once on two cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

from scorer.cli.common import fail
from scorer.display import shown
from scorer.errors import ScorerError

T = TypeVar("T")

# How many turned verdicts (改对 / 改错) the text output of a comparison lists; --json lists them all
CHANGES_SHOWN = 40


def check_against(against: Path) -> None:
    """A clear message, before any report is scored, when OTHER is not something to compare with."""
    if not against.exists():
        fail(f"{shown(against)}: 不存在（--against 要一份规则手册 rules.yaml 或一个检查清单文件夹）")
    if against.is_dir():
        if not any(against.glob("*.yaml")):
            fail(f"{shown(against)}: 文件夹中没有检查清单（*.yaml）")
        return
    from scorer.checklist.rules import rulebook, using_rulebook

    try:  # a book that does not load is named as such, not as the first report it fails on
        with using_rulebook(against):
            rulebook()
    except ScorerError as exc:
        fail(str(exc))


def run_both(against: Path, eval_args: list[str], run_here: Callable[[], T],
             from_json: Callable[[dict[str, Any]], T]) -> tuple[T, T]:
    """(with the checklists in force, with OTHER). `eval_args` are the `scorer eval` arguments (absolute
    paths) that make the child print, with --json, what `from_json` reads back."""
    from scorer.checklist.rules import using_rulebook

    check_against(against)
    child = None
    if against.is_dir():
        env = dict(os.environ, SCORER_CHECKLISTS=str(against.resolve()), PYTHONIOENCODING="utf-8")
        child = subprocess.Popen([sys.executable, "-m", "scorer", "eval", *eval_args, "--json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
                                 encoding="utf-8")
    try:
        current = run_here()
        if child is None:
            with using_rulebook(against):
                return current, run_here()
        out, err = child.communicate()
        if child.returncode not in (0, 2) or not out.strip():
            last = (err.strip().splitlines() or ["（没有输出）"])[-1]
            fail(f"{shown(against)}: 用这个检查清单文件夹评估失败：{last}")
        return current, from_json(json.loads(out))
    except ScorerError as exc:
        fail(str(exc))
    finally:
        if child is not None and child.poll() is None:
            child.kill()
