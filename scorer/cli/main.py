"""Command-line entry point. Each command lives in scorer/commands/<name>.py and
registers itself on the shared Typer app; this module only wires them up and turns
ScorerError into a one-line Chinese message with exit code 2."""

from __future__ import annotations

import sys

import typer

from scorer.errors import ScorerError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="法治政府建设年度报告评查工具：对照实施纲要逐项检查报告内容并给出证据。",
    pretty_exceptions_enable=False,
)


def _register_commands() -> None:
    from scorer.cli import COMMAND_MODULES

    for module in COMMAND_MODULES:
        module.register(app)


def main() -> None:
    _register_commands()
    try:
        app(standalone_mode=True)
    except ScorerError as exc:  # raised outside a command's own handling
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
