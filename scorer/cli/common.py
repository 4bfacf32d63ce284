"""Helpers shared by the commands: input expansion, error printing, JSON shape."""

from __future__ import annotations

import sys
import time
from typing import Callable, NoReturn

import typer
from rich.console import Console

from scorer.display import safe_line
from scorer.models import ReportResult

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

CHECKLIST_HELP = "检查清单：auto（按报告年度自动选择）、outline-2015、outline-2021，或 YAML 文件路径"
TIMEOUT_HELP = "每个文件的处理时限（秒，默认 60）：超时的文件停止处理并报错，其他文件照常处理；0 表示不限"


def err_line(text: str) -> None:
    """One line on stderr, control characters escaped (see scorer/display.py)."""
    err_console.print(safe_line(text), markup=False)


def fail(message: str, code: int = 2) -> NoReturn:
    """One line (or one line per problem) of Chinese on stderr, then exit."""
    for line in message.splitlines() or [message]:
        err_line(f"错误：{line}")
    raise typer.Exit(code)


def print_errors(errors: list[str]) -> None:
    err_console.print(f"\n{len(errors)} 个文件未能评查：", markup=False)
    for e in errors:
        err_line(f"错误：{e}")


def print_notices(notices: list[str]) -> None:
    for n in notices:
        err_line(f"提示：{n}")


def find_inputs(items: list[str]) -> tuple[list[str], list[str]]:
    """The report files that files, folders and patterns name (scorer/running/discovery.py),
    and the errors (could not be read); files passed over get a 提示 line each on stderr."""
    from scorer.running.discovery import discover

    found = discover(items)
    print_notices(found.notices)
    return found.paths, found.errors


expand_inputs = find_inputs  # the name before discovery.py


class batch_progress:
    """rich progress bar on stderr while a batch runs (only on a terminal); use as
    `score_many(..., progress=batch_progress)`."""

    def __init__(self, total: int):
        self.enabled, self.total = sys.stderr.isatty(), total
        self.bar = None

    def __enter__(self) -> Callable | None:
        if not self.enabled:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
            TimeRemainingColumn

        self.bar = Progress(TextColumn("评查"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("失败 {task.fields[failed]}  跳过 {task.fields[skipped]}"),
                            TextColumn("已用"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                            console=err_console, transient=True, auto_refresh=False)
        # No refresh thread: the bar is redrawn from this thread as results arrive,
        # so that worker processes are forked from a single-threaded process.
        self.bar.__enter__()
        task = self.bar.add_task("评查", total=self.total, failed=0, skipped=0)
        counts = {"failed": 0, "skipped": 0}
        last = [0.0]

        def advance(o) -> None:
            counts["failed"] += not o.ok
            counts["skipped"] += o.skipped
            self.bar.update(task, advance=1, **counts)
            now = time.monotonic()
            if now - last[0] >= 0.1:
                self.bar.refresh()
                last[0] = now

        return advance

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def result_json(r: ReportResult) -> dict:
    """The documented JSON shape of one report (see README)."""
    data = r.model_dump(mode="json", exclude={"sections"})
    return data


def is_terminal() -> bool:
    return sys.stderr.isatty()
