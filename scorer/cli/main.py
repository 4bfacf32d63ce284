"""Command-line entry point. Each command lives in scorer/commands/<name>.py and
registers itself on the shared Typer app; this module only wires them up and turns
ScorerError into a one-line Chinese message with exit code 2, and anything else (a defect) into
one Chinese line with the traceback written to a file (exit code 70)."""

from __future__ import annotations

import os
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
    except KeyboardInterrupt:
        print("已中止", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - a defect: one Chinese line and the details in a file, not a traceback
        if os.environ.get("SCORER_DEBUG"):
            raise
        print(f"内部错误：{_crash_line(exc)}。这是 scorer 的缺陷；详细信息已写入 {_crash_log()}，"
              f"请连同所用的文件交给维护人员。", file=sys.stderr)
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)


INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): not the input's fault, not a failed check


def _crash_line(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{type(exc).__name__}（{first}）" if first else type(exc).__name__


def _crash_log() -> str:
    """Write the traceback of the exception being handled to a new file in the temp folder: its path."""
    import tempfile
    import traceback

    fd, path = tempfile.mkstemp(prefix="scorer-crash-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"scorer {' '.join(sys.argv[1:])}\n\n")
        traceback.print_exc(file=fh)
    return path
