"""`scorer report` (a PDF gap report per jurisdiction) and `scorer review` (one
annual review PDF across many reports). Both also write the same content as HTML.

`report` scores and renders each file in the batch workers (scorer/running/reports.py),
so a folder of reports uses every core for the slow part, the PDF layout; each
report is written as soon as it is done and its turn in input order comes, and a
re-run skips the finished ones (the cache is in OUT/.scorer/).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from scorer.display import one_line, shown
from scorer.errors import ScorerError
from scorer.running.output import os_reason as _os_reason
from scorer.running.reports import RENDER_KEY, report_task  # noqa: F401  (public names of this module before)
from scorer.cli.common import (
    CHECKLIST_HELP, TIMEOUT_HELP, batch_progress, console, err_console, err_line, fail, find_inputs, print_errors,
)


# A worker that lays out PDFs grows (WeasyPrint's and fontconfig's caches) for its
# first dozen reports; a fresh one after this many keeps memory flat in any batch.
WORKER_REPORTS = 25


def check_environment() -> None:
    """Before anything is scored or written: a CJK font must exist (else exit 2 with
    one line saying what to install); warn once when HarfBuzz subsetting is missing."""
    from scorer.render import HARFBUZZ_WARNING, FontMissingError, harfbuzz_subset_available, require_cjk_fonts

    try:
        require_cjk_fonts()
    except FontMissingError as exc:
        fail(str(exc))
    if not harfbuzz_subset_available():
        err_console.print(HARFBUZZ_WARNING, markup=False)


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_cmd(
        files: list[str] = typer.Argument(..., help="报告文件或文件夹（.txt .html .docx .pdf）"),
        out: Path = typer.Option(..., "--out", "-o", help="输出文件夹：每份报告一个 PDF 和一个同名 HTML"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：CPU 核数）"),
        html: bool = typer.Option(True, "--html/--no-html", help="是否同时写出 HTML 文件（默认写出）"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条"),
        timeout: float = typer.Option(60.0, "--timeout", min=0, help=TIMEOUT_HELP),
    ) -> None:
        """为每份报告生成 PDF 差距报告（另附同名 HTML）：得分、分领域图、报告结构、缺失和部分覆盖的条目、
        已覆盖条目的原文证据。文件名取自地区和年度，如「常州市金坛区-2018.pdf」。每份报告完成即写出；
        重新运行时跳过报告内容、检查清单和程序都未变化的报告（缓存在输出文件夹的 .scorer/ 中）。"""
        from scorer.running.reports import CACHE_DIR, ReportPlacer, prepare_out, render_digest
        from scorer.running.runner import score_many

        check_environment()
        paths, errors = find_inputs(files)
        if not paths:
            print_errors(errors or ["没有给出报告文件"])
            raise typer.Exit(2)
        try:
            render_dir = prepare_out(out)
        except OSError as exc:
            fail(f"{shown(str(out))}: 无法创建输出文件夹（{_os_reason(exc)}）")
        if len(paths) > 1:
            import weasyprint  # noqa: F401  (imported once here, inherited by the forked workers)
        options = {"html": html, "run_date": dt.date.today().isoformat(), "render_dir": str(render_dir)}

        def said(placed) -> None:
            extra = "，另有同名 .html" if placed.html is not None else ""
            what = f"{placed.pages} 页{extra}" if placed.pages is not None else f"未变化，未重新生成{extra}"
            console.print(f"已生成：{shown(str(placed.pdf))}（{what}）  ← {shown(placed.source)}", markup=False)

        placer = ReportPlacer(out=out, render_dir=render_dir, html=html, checklist=checklist, task_options=options,
                              on_placed=said)
        try:
            batch = score_many(paths, checklist, jobs=jobs, quiet=quiet, worker=report_task, task_options=options,
                               out=out / CACHE_DIR, keep_payloads=False, cache_extra=render_digest(html),
                               timeout=timeout or None, progress=batch_progress, log=lambda line: None,
                               on_outcome=placer, max_tasks=WORKER_REPORTS)
        except ScorerError as exc:
            fail(str(exc))
        if batch.skipped and not quiet:
            err_line(f"已跳过 {batch.skipped} 份（未变化）")
        errors += batch.errors + placer.errors
        if errors:
            print_errors(errors)
            raise typer.Exit(2)

    @app.command("review")
    def review_cmd(
        files: list[str] = typer.Argument(..., help="报告文件或文件夹（.txt .html .docx .pdf）"),
        out: Path = typer.Option(Path("review.pdf"), "--out", "-o",
                                 help="汇总 PDF 的路径（同一文件夹中另写同名 .html）"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        title: Optional[str] = typer.Option(None, "--title", help="汇总标题，默认“法治政府建设年度报告评查汇总”"),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：CPU 核数）"),
        html: bool = typer.Option(True, "--html/--no-html", help="是否同时写出 HTML 文件（默认写出）"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条"),
        timeout: float = typer.Option(60.0, "--timeout", min=0, help=TIMEOUT_HELP),
    ) -> None:
        """多份报告的年度评查汇总 PDF（另附同名 HTML）：得分排名、条目×地区热力图、最常缺失的条目、
        得分分布，以及同一地区多个年度的得分变化。不同纲要的报告分组统计，不混在一起。"""
        from scorer.running.runner import score_many
        from scorer.render import render_review

        check_environment()
        if out.is_dir():
            out = out / "review.pdf"
        elif out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        paths, errors = find_inputs(files)
        if not paths:
            print_errors(errors or ["没有给出报告文件"])
            raise typer.Exit(2)
        try:
            batch = score_many(paths, checklist, jobs=jobs, quiet=quiet, timeout=timeout or None,
                               progress=batch_progress, log=err_line)
        except ScorerError as exc:
            fail(str(exc))
        errors += batch.errors
        results = batch.results
        if not results:
            print_errors(errors)
            fail("没有评查成功的报告，未生成汇总")
        try:
            files_out = render_review(results, out, title=title, errors=errors, html=html)
        except ScorerError as exc:
            fail(f"{shown(str(out))}: {one_line(str(exc))}")
        except OSError as exc:
            fail(f"{shown(str(out))}: 无法写入（{_os_reason(exc)}）")
        extra = f"，另有 {shown(str(files_out.html))}" if files_out.html else ""
        apart = sum(1 for r in results if not r.is_report)
        more = f"，另有 {apart} 个文件不像年度报告，单独列出未排名" if apart else ""
        console.print(f"已生成：{shown(str(files_out.pdf))}（{len(results) - apart} 份报告{more}，"
                      f"{files_out.pages} 页{extra}）", markup=False)
        if errors:
            print_errors(errors)
            raise typer.Exit(2)


__all__ = ["register", "report_task", "check_environment", "RENDER_KEY"]
