"""A batch of gap reports (`scorer report DIR --out OUT`), resumable and in flat memory.

Each report is scored and laid out in a batch worker (`report_task`), which writes
its PDF (and HTML) straight to OUT/.scorer/rendered/ -- the bytes never travel to
the parent or wait in memory. The parent then gives each one its final name in
input order (常州市金坛区-2018, then 常州市金坛区-2018-2 for a second report of the
same jurisdiction and year) by a hard link (or copy) and an atomic rename, as soon
as its turn comes (`ReportPlacer`). OUT/.scorer/ is the batch's output folder
(results/, index.json, summary.csv, see output.py) with the cache key of every
report, so a re-run -- also after kill -9 -- places the finished reports again and
scores and renders only the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from scorer.display import one_line, shown
from scorer.errors import ScorerError
from scorer.running.output import TMP_SUFFIX, os_reason, result_name
from scorer.running.tasks import Outcome, Task, score_task

CACHE_DIR = ".scorer"
RENDERED_DIR = "rendered"
RENDER_KEY = "render"  # where report_task leaves the rendered files in Outcome.summary


def render_digest(html: bool) -> str:
    """What a rendered report depends on besides the result: the render code, the
    templates, and whether HTML is written. Part of the cache key."""
    from scorer.paths import TEMPLATES_DIR

    root = Path(__file__).resolve().parent.parent / "render"
    h = hashlib.sha256(f"html={html}".encode())
    for p in sorted([*root.glob("*.py"), *Path(TEMPLATES_DIR).glob("*")]):
        if p.is_file():
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _load_checklist_for(result, requested: str):
    from scorer.checklist.load import load_checklist

    try:
        return load_checklist(result.checklist.id if requested == "auto" else requested)
    except (ScorerError, OSError):
        return None  # the report still renders; missing items say the checklist text is unavailable


def rendered_paths(render_dir: str | Path, abs_path: str) -> tuple[Path, Path]:
    """Where the worker puts the PDF and HTML of the input at `abs_path`."""
    base = Path(render_dir) / result_name(abs_path)
    return base.with_suffix(".pdf"), base.with_suffix(".html")


def render_result(result, task_options: dict[str, Any], checklist: str, abs_path: str) -> dict[str, Any]:
    """Lay out one report and write it under the rendered folder; what was written."""
    from scorer.render import atomic_write, build_report

    run_date = dt.date.fromisoformat(task_options["run_date"]) if task_options.get("run_date") else None
    rendered = build_report(result, checklist=_load_checklist_for(result, checklist), run_date=run_date)
    pdf, html = rendered_paths(task_options["render_dir"], abs_path)
    atomic_write(pdf, rendered.pdf.data)
    if task_options.get("html", True):
        atomic_write(html, rendered.html.encode("utf-8"))
    return {"stem": rendered.stem, "pages": rendered.pages}


def report_task(task: Task) -> Outcome:
    """Batch worker: score one report, then lay out its gap report and write it to the
    rendered folder, in this process. The result JSON goes back (for the cache)."""
    out = score_task(task)
    if not out.ok:
        return out
    name = shown(task.source)
    try:
        from scorer.review.apply import apply_review_file

        # The gap report shows the reviewed verdicts (人工复核); the cached result stays the machine's.
        reviewed = apply_review_file(out.load(), task.source)
        out.summary[RENDER_KEY] = render_result(reviewed, task.options, task.checklist, task.path)
    except ScorerError as exc:
        out.error = f"{name}: {one_line(str(exc))}"
    except OSError as exc:
        out.error = f"{name}: 无法写入 PDF（{os_reason(exc)}）"
    except MemoryError:
        out.error = f"{name}: 内存不足，无法生成 PDF"
    except Exception as exc:  # a bug: this file fails, the others go on
        out.error = (f"{name}: 生成 PDF 时程序出错（{type(exc).__name__}: {one_line(str(exc))[:200]}），"
                     "请报告此问题")
    if out.error:
        out.payload = None  # not cached: the next run tries again
    return out


def prepare_out(out: Path) -> Path:
    """Create OUT and OUT/.scorer/rendered; remove temp files a killed run left.
    Returns the rendered folder. Raises OSError."""
    rendered = out / CACHE_DIR / RENDERED_DIR
    rendered.mkdir(parents=True, exist_ok=True)
    for folder in (out, rendered):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX) and entry.is_file():
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
    return rendered


def place(src: Path, target: Path) -> None:
    """`target` becomes the file `src` (hard link, else copy), atomically."""
    try:
        if target.exists() and os.path.samefile(src, target):
            return
    except OSError:
        pass
    tmp = target.with_name(f".{target.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        try:
            os.link(src, tmp)
        except OSError:
            shutil.copyfile(src, tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


@dataclass
class Placed:
    source: str
    pdf: Path
    html: Path | None
    pages: int | None  # None: unchanged since the last run (not rendered again)


@dataclass
class ReportPlacer:
    """Gives each finished report its final name, in input order (`score_many(...,
    on_outcome=placer)`). Problems become error lines in `errors`."""

    out: Path
    render_dir: Path
    html: bool
    checklist: str
    task_options: dict[str, Any]
    on_placed: Callable[[Placed], None] = lambda placed: None
    taken: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    written: int = 0

    def __call__(self, o: Outcome) -> None:
        from scorer.render import output_stem, unique_name

        if not o.ok or not o.summary:
            return
        abs_path = os.path.abspath(o.source)
        pdf_src, html_src = rendered_paths(self.render_dir, abs_path)
        info = o.summary.get(RENDER_KEY)
        try:
            if info is None and not (pdf_src.exists() and (not self.html or html_src.exists())):
                # Unchanged, but its rendered files are gone: lay it out again from the stored result.
                result = o.load()
                if result is None:
                    raise ScorerError("缓存的评查结果无法读取，请删除输出文件夹中的 .scorer 后重新运行")
                info = render_result(result, self.task_options, self.checklist, abs_path)
            if info is not None:
                stem = info["stem"]
            else:
                s = o.summary
                stem = output_stem(SimpleNamespace(source=o.source, jurisdiction=s.get("jurisdiction"),
                                                   year=s.get("year")))
            stem = unique_name(stem, self.taken)
            pdf = self.out / f"{stem}.pdf"
            place(pdf_src, pdf)
            html = None
            if self.html:
                html = self.out / f"{stem}.html"
                place(html_src, html)
        except OSError as exc:
            self.errors.append(f"{shown(o.source)}: 无法写入 {shown(str(self.out))}（{os_reason(exc)}）")
            return
        except ScorerError as exc:
            self.errors.append(f"{shown(o.source)}: {one_line(str(exc))}")
            return
        self.written += 1
        self.on_placed(Placed(o.source, pdf, html, info["pages"] if info else None))
