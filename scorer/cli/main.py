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


def _click_errors():
    """Click's usage-error and abort classes: recent Typer versions carry their own copy."""
    try:
        from typer._click.exceptions import ClickException
    except ImportError:  # Typer that uses Click itself
        from click.exceptions import ClickException
    return ClickException, typer.Abort


def main() -> None:
    from scorer.cli.help import localize, print_usage_error

    ClickException, Abort = _click_errors()

    _register_commands()
    command = localize(typer.main.get_command(app))  # Chinese --help, -h
    try:
        code = command.main(prog_name="scorer", standalone_mode=False)
    except ClickException as exc:  # usage errors: one Chinese line, exit 2
        print_usage_error(exc)
        sys.exit(exc.exit_code)
    except Abort:
        print("已中止", file=sys.stderr)
        sys.exit(1)
    except ScorerError as exc:  # raised outside a command's own handling
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
