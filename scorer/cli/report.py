"""`scorer report` (a PDF gap report per jurisdiction) and `scorer review` (one
annual review PDF across many reports). Both also write the same content as HTML.

`report` scores and renders each file in the batch workers (see scorer/batch.py:
a custom worker), so a folder of reports uses every core for the slow part, the
PDF layout; the parent only names the files (input order decides who gets
常州市金坛区-2018 and who gets 常州市金坛区-2018-2) and writes them atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from scorer.running.batch import Outcome, Task, one_line, score_task
from scorer.errors import ScorerError
from scorer.cli.common import CHECKLIST_HELP, console, err_console, fail, print_errors

RENDER_KEY = "_render"  # where report_task leaves the rendered files in Outcome.summary


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


def _load_checklist_for(result, requested: str):
    from scorer.checklist.load import load_checklist

    try:
        return load_checklist(result.checklist.id if requested == "auto" else requested)
    except (ScorerError, OSError):
        return None  # the report still renders; missing items say the checklist text is unavailable


def report_task(task: Task) -> Outcome:
    """Batch worker: score one report, then lay out its gap report in this process.
    The PDF bytes and HTML travel back in the outcome's summary; nothing is written here."""
    from scorer.render import build_report

    from scorer.review.apply import review_outcome

    out = score_task(task)
    review_outcome(out)  # reviewed verdicts (人工复核) in the gap report
    if not out.ok:
        return out
    try:
        result = out.load()
        run_date = dt.date.fromisoformat(task.options["run_date"]) if task.options.get("run_date") else None
        rendered = build_report(result, checklist=_load_checklist_for(result, task.checklist), run_date=run_date)
        out.summary[RENDER_KEY] = {
            "stem": rendered.stem, "pdf": rendered.pdf.data, "pages": rendered.pages,
            "html": rendered.html if task.options.get("html", True) else None,
        }
        out.payload = None  # the parent needs the files, not the result JSON
    except ScorerError as exc:
        out.error = f"{task.source}: {one_line(str(exc))}"
    except MemoryError:
        out.error = f"{task.source}: 内存不足，无法生成 PDF"
    except Exception as exc:  # a bug: this file fails, the others go on
        out.error = (f"{task.source}: 生成 PDF 时程序出错（{type(exc).__name__}: {one_line(str(exc))[:200]}），"
                     "请报告此问题")
    return out


def _os_reason(exc: OSError) -> str:
    from scorer.running.batch import _os_reason as reason

    return reason(exc)


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_cmd(
        files: list[str] = typer.Argument(..., help="报告文件或文件夹（.txt .html .docx .pdf）"),
        out: Path = typer.Option(..., "--out", "-o", help="输出文件夹：每份报告一个 PDF 和一个同名 HTML"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：CPU 核数）"),
        html: bool = typer.Option(True, "--html/--no-html", help="是否同时写出 HTML 文件（默认写出）"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条"),
    ) -> None:
        """为每份报告生成 PDF 差距报告（另附同名 HTML）：得分、分领域图、报告结构、缺失和部分覆盖的条目、
        已覆盖条目的原文证据。文件名取自地区和年度，如「常州市金坛区-2018.pdf」。"""
        from scorer.running.batch import collect_inputs, score_many
        from scorer.render import atomic_write, unique_name

        check_environment()
        paths, errors = collect_inputs(files)
        if not paths:
            print_errors(errors or ["没有给出报告文件"])
            raise typer.Exit(2)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"{out}: 无法创建输出文件夹（{_os_reason(exc)}）")
        if len(paths) > 1:
            import weasyprint  # noqa: F401  (imported once here, inherited by the forked workers)
        options = {"html": html, "run_date": dt.date.today().isoformat()}
        try:
            batch = score_many(paths, checklist, jobs=jobs, quiet=quiet, worker=report_task, task_options=options)
        except ScorerError as exc:
            fail(str(exc))
        taken: set[str] = set()
        written = 0
        for o in batch.outcomes:
            if not o.ok or not o.summary or RENDER_KEY not in o.summary:
                continue
            rendered = o.summary.pop(RENDER_KEY)
            stem = unique_name(rendered["stem"], taken)
            pdf_path = out / f"{stem}.pdf"
            try:
                atomic_write(pdf_path, rendered["pdf"])
                if rendered["html"] is not None:
                    atomic_write(out / f"{stem}.html", rendered["html"].encode("utf-8"))
            except OSError as exc:
                errors.append(f"{o.source}: 无法写入 {pdf_path}（{_os_reason(exc)}）")
                continue
            written += 1
            extra = "，另有同名 .html" if rendered["html"] is not None else ""
            console.print(f"已生成：{pdf_path}（{rendered['pages']} 页{extra}）  ← {o.source}", markup=False)
        errors += batch.errors
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
    ) -> None:
        """多份报告的年度评查汇总 PDF（另附同名 HTML）：得分排名、条目×地区热力图、最常缺失的条目、
        得分分布，以及同一地区多个年度的得分变化。不同纲要的报告分组统计，不混在一起。"""
        from scorer.running.batch import collect_inputs, score_many
        from scorer.render import render_review

        check_environment()
        if out.is_dir():
            out = out / "review.pdf"
        elif out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        paths, errors = collect_inputs(files)
        if not paths:
            print_errors(errors or ["没有给出报告文件"])
            raise typer.Exit(2)
        try:
            batch = score_many(paths, checklist, jobs=jobs, quiet=quiet)
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
            fail(f"{out}: {one_line(str(exc))}")
        except OSError as exc:
            fail(f"{out}: 无法写入（{_os_reason(exc)}）")
        extra = f"，另有 {files_out.html}" if files_out.html else ""
        console.print(f"已生成：{files_out.pdf}（{len(results)} 份报告，{files_out.pages} 页{extra}）", markup=False)
        if errors:
            print_errors(errors)
            raise typer.Exit(2)


__all__ = ["register", "report_task", "check_environment", "RENDER_KEY"]
