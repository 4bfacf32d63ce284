"""Helpers shared by the commands: input expansion, error printing, JSON shape."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from scorer.models import ReportResult

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

CHECKLIST_HELP = "检查清单：auto（按报告年度自动选择）、outline-2015、outline-2021，或 YAML 文件路径"
REPORT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"}


def fail(message: str, code: int = 2) -> NoReturn:
    """One line (or one line per problem) of Chinese on stderr, then exit."""
    for line in message.splitlines() or [message]:
        err_console.print(f"错误：{line}", markup=False)
    raise typer.Exit(code)


def print_errors(errors: list[str]) -> None:
    err_console.print(f"\n{len(errors)} 个文件未能评查：", markup=False)
    for e in errors:
        err_console.print(f"错误：{e}", markup=False)


def expand_inputs(items: list[str]) -> tuple[list[str], list[str]]:
    """Files as given, folders expanded to the report files inside them (sorted).
    A path that does not exist is reported, not silently dropped."""
    paths: list[str] = []
    errors: list[str] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES)
            if not found:
                errors.append(f"{item}: 文件夹中没有可评查的报告文件（.txt .html .docx .pdf）")
            paths.extend(found)
        else:
            paths.append(item)  # missing files get their error from ingest
    return paths, errors


def result_json(r: ReportResult) -> dict:
    """The documented JSON shape of one report (see README)."""
    data = r.model_dump(mode="json", exclude={"sections"})
    return data


def is_terminal() -> bool:
    return sys.stderr.isatty()
