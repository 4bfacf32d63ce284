"""`scorer eval --reviews DIR`: the machine against the reviewers' records (scorer/review/feedback.py)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from scorer.cli.common import console, fail, print_errors
from scorer.models import STATUS_LABELS

MAX_CITATIONS = 5  # per item in the table; --json has all


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def run_review_eval(paths: list[Path], as_json: bool, against: Path | None = None) -> None:
    from rich.table import Table

    from scorer.analysis.pipeline import score_file
    from scorer.review.feedback import evaluate_reviews, find_review_files, to_json

    files, errors = find_review_files(paths)
    if not files:
        fail("\n".join(errors) or "没有找到人工复核记录（*.review.yaml）")
    if against is not None:
        _compare(paths, files, errors, against, as_json)
        return
    res = evaluate_reviews(files, score_file)
    errors += res.errors
    if as_json:
        print(json.dumps(to_json(res), ensure_ascii=False, indent=2))
    else:
        _print(res, Table)
    if errors:
        print_errors(errors)
        raise typer.Exit(2)


def _print(res, Table) -> None:
    def row(a):
        c = a.counts
        return [str(a.n), _pct(a.agreement), _fmt(c.precision), _fmt(c.recall), _fmt(c.f1)]

    cols = ("复核数", "一致率", "精确率", "召回率", "F1")
    items = Table(title="逐项：机器结论与复核结论（“已覆盖”为正类）", title_justify="left")
    items.add_column("条目")
    items.add_column("标题")
    for col in cols:
        items.add_column(col, justify="right")
    for item_id, ie in sorted(res.per_item.items()):
        items.add_row(item_id, ie.title, *row(ie))
    console.print(items)
    areas = Table(title="分领域", title_justify="left")
    areas.add_column("领域")
    for col in cols:
        areas.add_column(col, justify="right")
    for name, a in res.per_area.items():
        areas.add_row(name, *row(a))
    console.print(areas)
    o, s = res.overall, res.structure
    console.print(f"总体：{res.reports} 份报告、{res.records} 条复核记录；已覆盖 vs 其他：精确率 {_fmt(o.counts.precision)}  "
                  f"召回率 {_fmt(o.counts.recall)}  F1 {_fmt(o.counts.f1)}（TP {o.counts.tp} FP {o.counts.fp} "
                  f"FN {o.counts.fn} TN {o.counts.tn}）；三档一致率 {_pct(o.agreement)}", markup=False)
    if s.n:
        console.print(f"报告结构：{s.n} 条，一致率 {_pct(s.agreement)}", markup=False)
    for label, a in (("标“建议核对”的", res.covered_marked), ("未标的", res.covered_unmarked)):
        if a.n:
            console.print(f"机器判为已覆盖、{label}：复核 {a.n} 条，{a.same} 条维持原结论（{_pct(a.agreement)}）",
                          markup=False)
    console.print("注意：复核人多半只复核机器可能判错的条目，以上数字反映被复核的条目，不是全部条目的准确率。",
                  style="dim", markup=False)
    missed = [(k, ie) for k, ie in sorted(res.per_item.items()) if ie.missed]
    if missed:
        console.print("\n[bold]机器漏判的条目及复核人引用的原文[/bold]（可据此在检查清单中补充短语）：")
        for item_id, ie in missed:
            console.print(f"\n{item_id} {ie.title}（{ie.area}）：{len(ie.missed)} 处", markup=False)
            for c in ie.missed[:MAX_CITATIONS]:
                change = f"{STATUS_LABELS[c.machine]} → {STATUS_LABELS[c.reviewer_status]}"
                quote = f"「{c.text}」" if c.text else f"（未记录原文；理由：{c.reason}）"
                console.print(f"  · {quote}  —— {Path(c.source).name}，{c.reviewer}，{change}", markup=False)
            if len(ie.missed) > MAX_CITATIONS:
                console.print(f"  · 另有 {len(ie.missed) - MAX_CITATIONS} 处（--json 输出全部）", markup=False)
    for s in res.skipped:
        console.print(f"未计入：{s}", style="dim", markup=False)


def _compare(paths: list[Path], files: list[Path], errors: list[str], against: Path, as_json: bool) -> None:
    """`--reviews DIR --against OTHER`: which reviewed verdicts the checklists in force get right that OTHER
    got wrong, and the other way round: the reviewers' corrections used as a regression check."""
    from scorer.analysis.pipeline import score_file
    from scorer.cli.against import CHANGES_SHOWN, run_both
    from scorer.display import shown
    from scorer.review.feedback import compare_reviews, evaluate_reviews, from_json

    args = [a for p in paths for a in ("--reviews", str(p.resolve()))]
    current, other = run_both(against, args, lambda: evaluate_reviews(files, score_file), from_json)
    cmp = compare_reviews(current, other)
    errors = errors + current.errors
    if as_json:
        def rows(xs):
            return [{"report": r, "item": i, "reviewer": v.value, "machine": m.value} for r, i, v, m in xs]

        print(json.dumps({"compared": cmp.compared, "current_same": cmp.current_same, "against_same": cmp.other_same,
                          "fixed": rows(cmp.fixed), "broken": rows(cmp.broken), "errors": errors},
                         ensure_ascii=False, indent=2))
    else:
        n = max(cmp.compared, 1)
        console.print(f"对比：当前清单和规则 与 {shown(against)}（同一批 {cmp.compared} 条复核记录）", markup=False)
        console.print(f"  当前：与复核结论一致 {cmp.current_same} 条（{cmp.current_same / n:.0%}）", markup=False)
        console.print(f"  对比：与复核结论一致 {cmp.other_same} 条（{cmp.other_same / n:.0%}）", markup=False)
        console.print(f"  改对 {len(cmp.fixed)} 条，改错 {len(cmp.broken)} 条（改对：现在与复核结论一致、原来不一致；改错：反之）",
                      markup=False)
        changes = [("改对", "对比的规则判", r) for r in cmp.fixed] + [("改错", "当前规则判", r) for r in cmp.broken]
        for kind, side, (report, item, reviewer, machine) in changes[:CHANGES_SHOWN]:
            console.print(f"    {kind} {Path(report).name} {item}：复核人判{STATUS_LABELS[reviewer]}，"
                          f"{side}{STATUS_LABELS[machine]}", markup=False)
        if len(changes) > CHANGES_SHOWN:
            console.print(f"    ……另有 {len(changes) - CHANGES_SHOWN} 条（--json 列出全部）", markup=False)
    if errors:
        print_errors(errors)
        raise typer.Exit(2)
