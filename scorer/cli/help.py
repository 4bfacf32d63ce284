"""Chinese `--help` and usage errors.

Click and Typer print parts of the help in English ("Usage", "Options", "Show this
message and exit.", "[required]") and Typer's panels cut long Chinese help texts at
80 columns with "…". Here every command's help is laid out in Chinese, wrapped (never
cut) to the terminal width up to MAX_WIDTH columns, and a usage error is one Chinese
line plus where to find the help. `localize(command)` installs this on the Click
command tree Typer builds; nothing in the command modules changes.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from types import MethodType
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

MAX_WIDTH = 100
MIN_WIDTH = 60
HELP_OPTION_NAMES = ["-h", "--help"]
HELP_TEXT = "显示本帮助并退出"

# Argument names -> what a user types there.
ARGUMENT_NAMES = {
    "files": "报告文件或文件夹...",
    "file": "报告文件",
    "item_id": "条目编号",
    "paths": "清单...",
    "checklist": "清单",
    "xlsx": "表格.xlsx",
    "old": "原清单",
    "new": "新清单",
    "labels": "标注文件...",
}


def _width() -> int:
    cols = shutil.get_terminal_size(fallback=(80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, cols))


def _plain(markup: str) -> str:
    """Help strings are written in Rich markup (\\[ escapes a bracket): render as text."""
    try:
        return Text.from_markup(markup).plain
    except Exception:
        return markup


# Typer builds Click-style commands; recent Typer versions carry their own copy of Click
# with a reduced API, so parameters and commands are read by duck typing here.


def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands") and hasattr(command, "get_command")


def _is_argument(param: Any) -> bool:
    return type(param).__name__.endswith("Argument")


def _is_help_option(param: Any) -> bool:
    return any(o in ("--help", "-h") for o in getattr(param, "opts", []))


def _raw_type(param: Any, ctx: Any) -> str:
    for getter in ("display_type_rich", "make_metavar"):
        fn = getattr(param, getter, None)
        if fn is None:
            continue
        for args in ({"ctx": ctx}, {}):
            try:
                return str(fn(**args) or "")
            except TypeError:
                continue
            except Exception:
                break
    return ""


def _type_name(param: Any, ctx: Any) -> str:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    raw = _raw_type(param, ctx).strip("<>[]")
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
    if "|" in raw:
        return "[" + raw + "]"
    low = raw.lower()
    if "bool" in low:
        return ""
    if "float" in low:
        return "数字"
    if "int" in low:
        return "整数"
    if "path" in low or "file" in low:
        return "路径"
    return "文字"


def _default(param: Any) -> str | None:
    if getattr(param, "show_default", True) is False or getattr(param, "is_flag", False):
        return None
    value = getattr(param, "default", None)
    if callable(value) or value is None or value is False or isinstance(value, (list, tuple)):
        return None
    return str(getattr(value, "value", value))


def _argument_name(param: Any) -> str:
    name = ARGUMENT_NAMES.get(param.name or "", (param.name or "").upper())
    if getattr(param, "nargs", 1) != 1 and not name.endswith("..."):
        name += "..."
    return name


def _table(rows: list[tuple[str, str]], width: int) -> Table:
    left = min(max((Text(a).cell_len for a, _ in rows), default=0), width // 3)
    t = Table.grid(padding=(0, 2), expand=False)
    t.add_column(width=left + 2, overflow="fold")
    t.add_column(width=max(20, width - left - 6), overflow="fold")
    for a, b in rows:
        t.add_row(Text("  " + a), Text(b))
    return t


def _help_text(command: Any, ctx: Any) -> str:
    width = _width()
    buf = io.StringIO()
    con = Console(file=buf, width=width, color_system=None, highlight=False, soft_wrap=False, emoji=False)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False) and not _is_help_option(p)]
    arguments = [p for p in params if _is_argument(p)]
    options = [p for p in params if not _is_argument(p)]
    usage = f"用法：{ctx.command_path}"
    if options:
        usage += " [选项]"
    if _is_group(command):
        usage += " 命令 [参数]..."
    for a in arguments:
        name = _argument_name(a)
        usage += f" {name}" if a.required else f" [{name}]"
    con.print(Text(usage))
    if command.help:
        con.print()
        for para in _plain(command.help).strip().split("\n\n"):
            con.print(Padding(Text("".join(line.strip() for line in para.splitlines())), (0, 0, 0, 2)))
    if arguments:
        con.print("\n参数：")
        rows = []
        for a in arguments:
            extra = "（必填）" if getattr(a, "required", False) else ""
            rows.append((_argument_name(a), _plain(getattr(a, "help", None) or "") + extra))
        con.print(_table(rows, width))
    if _is_group(command):
        con.print("\n命令：")
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            first = _plain(sub.help or "").strip().split("\n\n")[0].replace("\n", "")
            rows.append((name, first))
        con.print(_table(rows, width))
    con.print("\n选项：")
    rows = []
    for o in options:
        names = ", ".join(sorted(o.opts, key=len))
        if getattr(o, "secondary_opts", None):
            names += " / " + ", ".join(o.secondary_opts)
        kind = _type_name(o, ctx)
        left = f"{names} {kind}".rstrip()
        text = _plain(getattr(o, "help", None) or "")
        if getattr(o, "multiple", False):
            text += "（可写多次）"
        default = _default(o)
        if default is not None:
            text += f"（默认：{default}）"
        if getattr(o, "required", False):
            text += "（必填）"
        rows.append((left, text))
    rows.append((", ".join(HELP_OPTION_NAMES), HELP_TEXT))
    con.print(_table(rows, width))
    if _is_group(command):
        con.print(f"\n每个命令的用法：{ctx.command_path} 命令 --help")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines())


def _format_help(self: Any, ctx: Any, formatter: Any) -> None:
    formatter.write(_help_text(self, ctx) + "\n")


def localize(command: Any) -> Any:
    """Chinese help for `command` and every subcommand; -h works like --help."""
    command.context_settings = {**(command.context_settings or {}), "help_option_names": HELP_OPTION_NAMES}
    stack = [command]
    while stack:
        cmd = stack.pop()
        cmd.format_help = MethodType(_format_help, cmd)  # type: ignore[method-assign]
        if _is_group(cmd):
            stack += list(getattr(cmd, "commands", {}).values())
    return command


# --------------------------------------------------------------------------- usage errors

_ERRORS = [
    (re.compile(r"Missing argument '([^']+)'"), "缺少参数：{0}"),
    (re.compile(r"Missing option '([^']+)'"), "缺少必填选项 {0}"),
    (re.compile(r"No such option: (-[^\s.]+)"), "没有这个选项：{0}"),
    (re.compile(r"No such command '([^']+)'"), "没有这个命令：{0}"),
    (re.compile(r"Option '([^']+)' requires an argument"), "选项 {0} 后面要写一个值"),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)"), "多余的参数：{0}"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: (?:Value error, )?'([^']*)' is not one of (.*?)\.?$"),
     "选项 {0} 的值「{1}」不正确（可选：{2}）"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: .*(?:valid integer|valid number|int_parsing)"),
     "选项 {0} 的值必须是整数"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: .*greater than or equal to (\S+?)\.?$"),
     "选项 {0} 的值不能小于 {1}"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: .*less than or equal to (\S+?)\.?$"),
     "选项 {0} 的值不能大于 {1}"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: '([^']*)' is not a valid (float|integer)"),
     "选项 {0} 的值「{1}」必须是数字"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: (.*)$"), "选项 {0} 的值不正确（{1}）"),
]


def usage_error_message(exc: Any) -> str:
    """A Click usage error as one Chinese line."""
    text = exc.format_message().strip()
    param = getattr(exc, "param", None)
    if type(exc).__name__ == "MissingParameter" and param is not None:
        if _is_argument(param):
            return f"缺少参数：{_argument_name(param)}"
        return f"缺少必填选项 {'/'.join(getattr(param, 'opts', []) or [param.name])}"
    for rx, template in _ERRORS:
        m = rx.search(text)
        if m:
            groups = [g.replace("'", "").replace(", ", "、") if g else "" for g in m.groups()]
            msg = template.format(*groups)
            if getattr(exc, "possibilities", None):
                msg += f"（是不是 {'、'.join(sorted(exc.possibilities))}？）"
            return msg
    return f"用法错误（{text}）"


def print_usage_error(exc: Any) -> None:
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "scorer"
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:  # `scorer` alone: the help
        print(ctx.get_help())
        return
    print(f"错误：{usage_error_message(exc)}", file=sys.stderr)
    print(f"用 {path} --help 查看用法。", file=sys.stderr)
