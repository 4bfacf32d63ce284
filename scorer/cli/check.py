"""`scorer check`: pass/fail reports in CI or a pre-commit hook, the way a linter checks code."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path

import typer

from scorer.display import shown
from scorer.errors import ScorerError
from scorer.running.ci_check import RENDERERS, ConfigError, exit_code, known_item_ids, run_check, settings_from, split_ids
from scorer.running.output import os_reason
from scorer.cli.common import TIMEOUT_HELP, batch_progress, err_line, fail, find_inputs
from scorer.fsutil import atomic_write


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"
    github = "github"


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_cmd(
        files: list[str] = typer.Argument(..., help="报告文件或文件夹（.txt .html .docx .pdf）"),
        min_score: float = typer.Option(None, "--min-score", help="最低得分（0–100），低于此分不通过"),
        require: list[str] = typer.Option(None, "--require",
                                          help="必须“已覆盖/符合”的条目编号，逗号分隔，如 S-1,S-2,S-3,S-4"),
        checklist: str = typer.Option(None, "--checklist", "-c",
                                      help="检查清单：auto（按报告年度自动选择，默认）、清单名称或 YAML 路径"),
        fmt: CheckFormat = typer.Option(None, "--format", "-f",
                                        help="输出格式：text（中文，默认）、json、junit（CI 测试报告）、github（GitHub 注释）"),
        config: Path = typer.Option(None, "--config",
                                    help="配置文件（scorer.toml 或含 \\[tool.scorer] 的 pyproject.toml）；默认从当前文件夹向上查找"),
        require_reviewed: bool = typer.Option(None, "--require-reviewed/--no-require-reviewed",
                                              help="每个缺失、部分覆盖或不符合的条目都必须经过人工复核（scorer override），否则不通过"),
        output: Path = typer.Option(None, "--output", "-o", help="把结果写入文件（如 --format junit --output report.xml），屏幕上同时显示中文结果"),
        jobs: int = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：CPU 核数）"),
        cache: Path = typer.Option(None, "--cache", help="结果缓存文件夹（与 scorer score --out 格式相同）：重新运行时跳过内容和检查清单都未变化的报告，"
                                   "适合放在 CI 的缓存目录中"),
        timeout: float = typer.Option(60.0, "--timeout", min=0, help=TIMEOUT_HELP),
    ) -> None:
        """检查报告是否达标（用于 CI 和 pre-commit）：全部通过退出码 0，有不通过的 1，有无法评查的文件或清单错误 2。"""
        if min_score is not None and not 0 <= min_score <= 100:
            fail(f"--min-score 必须在 0 到 100 之间（现为 {min_score:g}）")
        cli = {
            "min_score": min_score,
            "require": [i for r in require for i in split_ids(r)] if require else None,
            "checklist": checklist,
            "format": fmt.value if fmt else None,
            "require_reviewed": require_reviewed,
        }
        try:
            settings = settings_from(cli, config, Path.cwd())
        except ConfigError as exc:
            fail("\n".join(exc.problems))
        if settings.require:
            known = known_item_ids(settings.checklist)
            if known:
                unknown = [r for r in settings.require if r.upper() not in known]
                if unknown:
                    fail(f"必备条目中的编号在检查清单中不存在：{'、'.join(unknown)}（结构条目为 S-1…S-5）")
                settings.require = [known[r.upper()] for r in settings.require]
        if output is not None:
            problem = _unwritable(output)
            if problem:
                fail(f"{shown(str(output))}: 无法写入结果文件（{problem}），未检查任何报告")
        paths, bad = find_inputs(files)
        pre_errors = [(msg.split(": ", 1)[0], msg.split(": ", 1)[-1]) for msg in bad]
        try:
            outcomes = run_check(paths, settings, pre_errors, jobs=jobs, cache=cache, timeout=timeout,
                                 progress=batch_progress)
        except ScorerError as exc:  # an unwritable --cache folder: nothing was checked
            fail(str(exc))
        text = RENDERERS[settings.format](outcomes, settings)
        if output is not None:
            try:
                atomic_write(output, text)
            except OSError as exc:
                fail(f"{shown(str(output))}: 无法写入结果文件（{os_reason(exc)}）")
            # The file is for the CI dashboard; the log gets the Chinese summary.
            sys.stdout.write(RENDERERS["text"](outcomes, settings))
            sys.stdout.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        for o in outcomes:
            if o.status == "error":
                for e in o.error:
                    err_line(f"错误：{shown(o.source)}: {e}")
        raise typer.Exit(exit_code(outcomes))


def _unwritable(path: Path) -> str | None:
    """Why `path` cannot be written (Chinese), or None: checked before any report is
    scored, by creating and removing a temp file next to it."""
    if path.is_dir():
        return "这是一个文件夹，请给出文件名"
    folder = path.parent
    if not folder.exists():
        return f"文件夹 {shown(str(folder))} 不存在"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        return os_reason(exc)
    return None

