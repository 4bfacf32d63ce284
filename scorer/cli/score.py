"""`scorer score` and `scorer explain`: score reports, and say why an item got its status."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from scorer.errors import ScorerError
from scorer.models import STATUS_LABELS, ItemResult, ReportResult, Status
from scorer.cli.common import (
    CHECKLIST_HELP, TIMEOUT_HELP, batch_progress, console, err_line, fail, find_inputs, print_errors, result_json,
)
from scorer.display import shown


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score_cmd(
        files: list[str] = typer.Argument(..., help="报告文件或文件夹（.txt .html .docx .pdf）"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        fmt: ScoreFormat = typer.Option(ScoreFormat.table, "--format", "-f", help="输出格式：table（表格）或 json"),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：CPU 核数）"),
        out: Optional[Path] = typer.Option(
            None, "--out", "-o", help="结果文件夹：每份报告一个 JSON，另有 index.json、summary.csv；"
            "重新运行时跳过内容和检查清单都未变化的报告"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条和统计信息"),
        scheduler: Optional[str] = typer.Option(
            None, "--scheduler", help="在 Dask 集群上评查：调度器地址，如 tcp://10.0.0.1:8786"
            "（需安装可选依赖：pip install 'scorer\\[dask]'）"),
        timeout: float = typer.Option(60.0, "--timeout", min=0, help=TIMEOUT_HELP),
    ) -> None:
        """对报告逐项评分：每一项给出覆盖情况和证据。可以给文件、文件夹或通配符（*、**）。"""
        from scorer.running.runner import score_many

        paths, errors = find_inputs(files)
        try:
            batch = score_many(paths, checklist, jobs=jobs, out=out, quiet=quiet, scheduler=scheduler,
                               keep_payloads=out is None, timeout=timeout or None, progress=batch_progress,
                               log=err_line)
        except ScorerError as exc:  # a broken checklist, an unwritable --out, no scheduler: nothing to score
            fail(str(exc))
        errors += batch.errors
        if out is not None:  # the results are in the folder; print the summary only
            if fmt == ScoreFormat.json:
                sys.stdout.write(json.dumps(batch.summaries, ensure_ascii=False, indent=2) + "\n")
            else:
                print_summary_rows(batch.summaries)
        elif fmt == ScoreFormat.json:
            write_json_array(result_json(r) for r in batch.iter_results())
        else:
            for r in batch.iter_results():
                print_table(r, checklist)
            if len(batch.summaries) > 1:
                print_summary_rows(batch.summaries)
        if errors:
            print_errors(errors)
            raise typer.Exit(2)

    @app.command("explain")
    def explain_cmd(
        file: str = typer.Argument(..., help="报告文件"),
        item_id: str = typer.Argument(..., help="条目编号，如 O15-33、O21-19、S-2"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        timeout: float = typer.Option(60.0, "--timeout", min=0, help=TIMEOUT_HELP),
    ) -> None:
        """解释某一条目为什么得到这个结论：命中的规则、句子、所在章节。"""
        from scorer.running.runner import score_many

        try:  # in a worker process, under the same time and memory limits as a batch
            [outcome] = score_many([file], checklist, jobs=1, quiet=True, timeout=timeout or None, log=None).outcomes
        except ScorerError as exc:
            fail(str(exc))
        if not outcome.ok:
            fail(outcome.error)
        result = outcome.result
        item = next((it for it in result.items + result.structure if it.id.upper() == item_id.upper()), None)
        if item is None:
            ids = "、".join(it.id for it in result.items[:3])
            fail(f"{shown(file)}: 检查清单 {result.checklist.id} 中没有条目「{item_id}」（例如：{ids} …，或 S-1…S-5）")
        print_explanation(result, item, checklist)


def _status_text(item: ItemResult) -> str:
    label = STATUS_LABELS[item.status]
    if item.advisory:
        label += "（建议）"
    if item.review is not None:  # 人工复核
        label += "（待重新复核）" if item.review.stale else "（人工复核）"
    return label


STATUS_STYLE = {
    Status.covered: "green", Status.passed: "green", Status.partial: "yellow",
    Status.missing: "red", Status.failed: "red", Status.not_applicable: "dim", Status.unknown: "dim",
}


def explain_hint(source: str, checklist: str = "auto") -> str:
    """The `scorer explain` command for one report, with the same --checklist."""
    import re
    import shlex

    def q(arg: str) -> str:  # Chinese file names stay readable; only shell-special ones are quoted
        return shlex.quote(arg) if re.search(r"""[\s'"$`\\!*?;&|<>(){}\[\]#~]""", arg) else arg

    cmd = f"scorer explain {q(source)} 条目编号"
    if checklist and checklist != "auto":
        cmd += f" --checklist {q(checklist)}"
    return cmd


def print_table(r: ReportResult, checklist: str = "auto") -> None:
    from rich.table import Table

    head = f"[bold]{_m(r.jurisdiction or '（未识别地区）')}[/bold] {r.year or '？'}年度"
    machine = "" if r.machine_score is None or r.machine_score == r.score else f"（机器评分 {r.machine_score:.1f}，按人工复核结论计）"
    console.print(f"\n{head}  得分 [bold]{r.score:.1f}[/bold]{machine}  （{_m(r.source)}）")
    console.print(f"  评查依据：{r.checklist.title}（{r.checklist_reason}）", style="dim")
    if r.published:
        console.print(f"  发布日期：{r.published.isoformat()}", style="dim")
    for w in r.warnings:
        console.print(f"  注意：{_m(w)}", style="yellow")

    areas = Table(title="分领域得分", show_lines=False, title_justify="left")
    areas.add_column("领域")
    areas.add_column("得分", justify="right")
    areas.add_column("覆盖/部分/缺失/不适用", justify="right")
    for a in r.areas:
        score = "—" if a.score is None else f"{a.score:.1f}"
        areas.add_row(a.name, score, f"{a.covered}/{a.partial}/{a.missing}/{a.not_applicable}")
    console.print(areas)

    structure = Table(title="报告结构（督察工作规定）", title_justify="left")
    structure.add_column("编号")
    structure.add_column("要求")
    structure.add_column("结论")
    structure.add_column("说明")
    for it in r.structure:
        structure.add_row(it.id, it.title, f"[{STATUS_STYLE[it.status]}]{_status_text(it)}[/]", _m(it.explanation))
    console.print(structure)

    gaps = [it for it in r.items if it.status in (Status.missing, Status.partial)]
    gaps.sort(key=lambda it: (it.status != Status.missing, it.id))
    if gaps:
        table = Table(title=f"缺失和部分覆盖的条目（{len(gaps)} 项）", title_justify="left")
        table.add_column("编号")
        table.add_column("条目")
        table.add_column("结论")
        table.add_column("依据")
        for it in gaps:
            where = it.evidence[0].section + "：" + _clip(it.evidence[0].text, 40) if it.evidence else it.explanation
            table.add_row(it.id, it.title, f"[{STATUS_STYLE[it.status]}]{_status_text(it)}[/]", _m(where))
        console.print(table)
    print_reviews(r)
    covered = sum(1 for it in r.items if it.status == Status.covered)
    check = [it.id for it in r.items if it.check_suggested]
    also = f"，其中 {len(check)} 项证据较弱、建议核对（{'、'.join(check)}）" if check else ""
    console.print(f"  已覆盖 {covered} 项{also}；用 `{explain_hint(r.source, checklist)}` 查看任一条目的证据。",
                  style="dim", markup=False)


def print_reviews(r: ReportResult) -> None:
    """The items a reviewer looked at (人工复核), with the machine's verdict beside."""
    from rich.table import Table

    from scorer.review import review_counts

    reviewed = [it for it in r.items + r.structure if it.review is not None]
    if not reviewed:
        return
    c = review_counts(r)
    title = f"人工复核（{c.reviewed} 项，改变机器结论 {c.changed} 项" + (f"，待重新复核 {c.stale} 项）" if c.stale else "）")
    table = Table(title=title, title_justify="left")
    for col in ("编号", "条目", "机器结论", "复核结论", "复核人", "理由"):
        table.add_column(col)
    for it in reviewed:
        rv = it.review
        verdict = f"[{STATUS_STYLE[rv.status]}]{STATUS_LABELS[rv.status]}[/]"
        if rv.stale:
            verdict += "[yellow]（待重新复核，未生效：" + _m("；".join(rv.stale_reasons)) + "）[/]"
        table.add_row(it.id, it.title, STATUS_LABELS[it.machine_status or it.status], verdict,
                      _m(f"{rv.reviewer} {rv.date.isoformat()}"), _m(rv.reason))
    console.print(table)


def print_summary(results: list[ReportResult]) -> None:
    from rich.table import Table

    table = Table(title="汇总", title_justify="left")
    for col in ("报告", "地区", "年度", "纲要", "得分", "缺失项"):
        table.add_column(col)
    for r in results:
        missing = sum(1 for it in r.items if it.status == Status.missing)
        table.add_row(_m(Path(r.source).name), _m(r.jurisdiction or "—"), str(r.year or "—"), r.checklist.id,
                      f"{r.score:.1f}", str(missing))
    console.print(table)


def write_json_array(items) -> None:
    """Exactly json.dumps(list(items), ensure_ascii=False, indent=2), written one
    element at a time so that a large batch is never in memory twice."""
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write(("[\n  " if first else ",\n  ") + text)
        first = False
    sys.stdout.write("[]\n" if first else "\n]\n")


def print_summary_rows(rows: list[dict]) -> None:
    """The 汇总 table from batch summary rows (scorer score --out)."""
    from rich.table import Table

    table = Table(title="汇总", title_justify="left")
    for col in ("报告", "地区", "年度", "纲要", "得分", "缺失项"):
        table.add_column(col)
    for r in rows:
        table.add_row(_m(Path(r["source"]).name), _m(r.get("jurisdiction") or "—"), str(r.get("year") or "—"),
                      r.get("checklist") or "—", f"{r['score']:.1f}", str(r.get("missing", 0)))
    console.print(table)


def print_explanation(r: ReportResult, item: ItemResult, checklist: str = "auto") -> None:
    from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist

    console.print(f"[bold]{item.id} {item.title}[/bold]")
    console.print(f"报告：{_m(r.jurisdiction or '—')} {r.year or '—'}年度（{_m(r.source)}）")
    console.print(f"结论：[{STATUS_STYLE[item.status]}]{_status_text(item)}[/]  置信度 {item.confidence:.2f}")
    rv = item.review
    machine = item.machine_status or item.status
    if rv is not None:
        if rv.stale:
            console.print(f"[yellow]待重新复核：{_m(rv.reviewer)} {rv.date.isoformat()} 复核为「{STATUS_LABELS[rv.status]}」，"
                          f"但{_m('；'.join(rv.stale_reasons))}，该复核结论未生效，按机器结论计[/]")
        elif rv.status != machine:
            console.print(f"人工复核：机器结论「{STATUS_LABELS[machine]}」，{_m(rv.reviewer)} {rv.date.isoformat()} 改为"
                          f"「{STATUS_LABELS[rv.status]}」")
        else:
            console.print(f"人工复核：{_m(rv.reviewer)} {rv.date.isoformat()} 确认机器结论「{STATUS_LABELS[machine]}」")
        console.print(f"复核理由：{rv.reason}", markup=False)
        if rv.evidence is not None:
            console.print(f"复核依据：第 {rv.evidence.start}–{rv.evidence.end} 字「{rv.evidence.text}」", markup=False)
    console.print(f"{'机器判定理由' if rv is not None else '理由'}：{_m(item.explanation)}")
    # The checklist the report was judged against: the one given (a local file has no
    # shipped name to look up by id), else the automatically chosen shipped one.
    if item.id.startswith("S-"):
        cl = load_checklist(STRUCTURE_CHECKLIST)
    else:
        cl = load_checklist(checklist if checklist and checklist != "auto" else r.checklist.id)
    spec = cl.item(item.id)
    if spec is not None:
        console.print(f"要求：{spec.requirement}", style="dim")
        if spec.phrases:
            console.print("匹配短语：" + "、".join(spec.phrases), style="dim")
        if spec.exclude:
            console.print("排除短语：" + "、".join(spec.exclude), style="dim")
    if not item.evidence:
        console.print("证据：无")
    for i, ev in enumerate(item.evidence, 1):
        console.print(f"\n证据 {i}：[bold]{_m(ev.section)}[/bold]  第 {ev.start}–{ev.end} 字")
        console.print(f"  「{_m(ev.text)}」")
        for reason in ev.reasons:
            console.print(f"   · {_m(reason)}", style="dim")
    from scorer.render.common import near_misses, section_titles

    for i, near in enumerate(near_misses(item, r.sections, section_titles(r)), 1):
        console.print(f"\n未计入 {i}（本项用语出现了，但被规则排除）：[bold]{_m(near['section'])}[/bold]  "
                      f"第 {near['start']}–{near['end']} 字")
        console.print(f"  「{_m(near['text'])}」")
        for reason in near["reasons"]:
            console.print(f"   · {_m(reason)}", style="dim")


def _m(text: str) -> str:
    """Text from outside (a file name, a report's words) inside rich markup: control
    characters escaped, and no `[` read as a style."""
    from rich.markup import escape

    return escape(shown(text))


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"

