"""`scorer eval`: precision/recall/F1 and score error against hand labels."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import typer

from scorer.errors import ScorerError
from scorer.cli.common import console, fail, print_notices

DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "tests" / "devset"


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _counts_json(c) -> dict:
    """Covered-vs-not counts as --json writes them."""
    return {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}


def _split_order(pair: tuple[str, object]) -> tuple[str, int]:
    """dev, dev2 … dev9, dev10: split names in natural order."""
    name = pair[0]
    stem = name.rstrip("0123456789")
    return stem, int(name[len(stem):] or 0)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        labels: list[Path] = typer.Argument(None, help="标注文件或文件夹（默认 tests/devset）"),
        as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
        corpus: Path = typer.Option(None, "--corpus", help="真实报告语料索引（如 tests/corpus/index.yaml）"),
        texts: Path = typer.Option(Path(".corpus/texts"), "--texts", help="语料文本缓存文件夹（按 sha256 命名）"),
        split: str = typer.Option(None, "--split", help="只评估语料的某些部分，逗号分隔，如 test11,test12（合计为一个数字）"),
        ablate: bool = typer.Option(False, "--ablate",
                                    help="与 --corpus 一起用：逐条关闭规则手册中的信号、语气、排除和匹配规则，列出每条规则对准确率的贡献"),
        against: Path = typer.Option(
            None, "--against",
            help="与 --corpus 或 --reviews 一起用：与另一份规则手册（rules.yaml）或另一个检查清单文件夹（含其中的 rules.yaml）"
                 "比较准确率：语料给出 F1 之差的 95% 区间；两者都列出改对、改错的条目"),
        reviews: list[Path] = typer.Option(None, "--reviews",
                                           help="改为对照人工复核记录评估：复核记录所在的文件夹（*.review.yaml，可重复给出）"),
    ) -> None:
        """对照人工标注评估准确率：逐项精确率/召回率/F1，以及得分误差。
        加 --reviews 文件夹：对照实际使用中的人工复核记录评估，并列出机器漏判时复核人引用的原文（补充短语的候选）。"""
        if reviews:
            if labels:
                fail("--reviews 与标注文件不能同时给出")
            from scorer.cli.feedback import run_review_eval

            run_review_eval(list(reviews), as_json, against)
            return
        from rich.table import Table

        if ablate and corpus is None:
            fail("--ablate 需要与 --corpus 一起使用")
        if against is not None and (corpus is None or ablate):
            fail("--against 需要与 --corpus 或 --reviews 一起使用（不与 --ablate 同用）")
        if corpus is not None:
            if against is not None:
                _corpus_compare(corpus, texts, split, against, as_json)
            elif ablate:
                _corpus_ablation(corpus, texts, split, as_json)
            else:
                _corpus_eval(corpus, texts, split, as_json)
            return

        from scorer.running.evaluate import evaluate
        from scorer.analysis.pipeline import score_file

        from scorer.display import shown
        from scorer.running.discovery import discover

        found = discover(labels or [DEFAULT_DEVSET], {".yaml", ".yml"}, noun="标注文件", hint="*.yaml")
        print_notices(found.notices)
        missing = [f"{shown(p)}: 标注文件不存在" for p in found.paths if not Path(p).exists()]
        if found.errors or missing:
            fail("\n".join(found.errors + missing))
        paths = [Path(p) for p in found.paths]
        if not paths:
            fail("没有找到标注文件（*.yaml）")
        try:
            res = evaluate(paths, score_file)
        except ScorerError as exc:
            fail(str(exc))
        if as_json:
            out = {
                "overall": {"precision": res.overall.precision, "recall": res.overall.recall, "f1": res.overall.f1,
                            "tp": res.overall.tp, "fp": res.overall.fp, "fn": res.overall.fn, "tn": res.overall.tn},
                "structure": {"precision": res.structure.precision, "recall": res.structure.recall,
                              "f1": res.structure.f1},
                "mean_abs_score_error": res.mean_abs_score_error,
                "baseline_title_words": _counts_json(res.baseline),
                "reports": [{"source": r.source, "predicted_score": r.predicted_score, "label_score": r.label_score,
                             "agreement": r.agreement,
                             "disagreements": [{"id": i, "label": lab, "predicted": p} for i, lab, p in r.disagreements]}
                            for r in res.reports],
                "items": {k: {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp,
                              "fn": c.fn, "tn": c.tn} for k, c in sorted(res.per_item.items())},
            }
            print(json.dumps(out, ensure_ascii=False, indent=2))
            return
        t = Table(title="逐项结果（“已覆盖”为正类）", title_justify="left")
        for col in ("条目", "TP", "FP", "FN", "TN", "精确率", "召回率", "F1"):
            t.add_column(col, justify="right")
        for item_id, c in sorted(res.per_item.items()):
            t.add_row(item_id, str(c.tp), str(c.fp), str(c.fn), str(c.tn), _fmt(c.precision), _fmt(c.recall), _fmt(c.f1))
        console.print(t)
        r = Table(title="逐份报告", title_justify="left")
        for col in ("报告", "工具得分", "标注得分", "误差", "三档一致率"):
            r.add_column(col)
        for rep in res.reports:
            r.add_row(Path(rep.source).name, f"{rep.predicted_score:.1f}", f"{rep.label_score:.1f}",
                      f"{rep.predicted_score - rep.label_score:+.1f}", f"{rep.agreement:.0%}")
        console.print(r)
        o = res.overall
        console.print(f"总体（已覆盖 vs 其他）：精确率 {_fmt(o.precision)}  召回率 {_fmt(o.recall)}  F1 {_fmt(o.f1)}"
                      f"  （TP {o.tp} FP {o.fp} FN {o.fn} TN {o.tn}）")
        s = res.structure
        console.print(f"报告结构检查：精确率 {_fmt(s.precision)}  召回率 {_fmt(s.recall)}  F1 {_fmt(s.f1)}")
        console.print(f"平均得分误差：{res.mean_abs_score_error:.1f} 分")
        b = res.baseline
        console.print(f"对照（只看条目标题：标题中两字以上的词有三分之二出现在文本中即算已覆盖）：精确率 {_fmt(b.precision)}  "
                      f"召回率 {_fmt(b.recall)}  F1 {_fmt(b.f1)}（TP {b.tp} FP {b.fp} FN {b.fn}）")


def _corpus_ablation(index: Path, texts: Path, split: str | None, as_json: bool) -> None:
    """What each rule contributes: covered-vs-not with it switched off, against the book in force."""
    from rich.progress import Progress
    from rich.table import Table

    from scorer.analysis.pipeline import score_file
    from scorer.running.corpus_eval import ablate

    _check_corpus_paths(index, texts)
    try:
        with Progress(console=console, transient=True, disable=as_json) as bar:
            task = bar.add_task("逐条关闭规则评估", total=None)
            base, rows = ablate(index, texts, score_file, split,
                                progress=lambda rid: bar.update(task, description=f"关闭 {rid} 评估"))
    except ScorerError as exc:
        fail(str(exc))
    rows.sort(key=lambda a: (a.counts.f1 or 0.0) - (base.f1 or 0.0))
    if as_json:
        print(json.dumps({
            "base": {"precision": base.precision, "recall": base.recall, "f1": base.f1},
            "rules": [{"id": a.rule_id, "name": a.name, "precision": a.counts.precision, "recall": a.counts.recall,
                       "f1": a.counts.f1, "f1_change": (a.counts.f1 or 0.0) - (base.f1 or 0.0)} for a in rows],
        }, ensure_ascii=False, indent=2))
        return
    t = Table(title=f"逐条关闭规则（当前规则手册：精确率 {_fmt(base.precision)} 召回率 {_fmt(base.recall)} "
                    f"F1 {_fmt(base.f1)}；F1 变化为负表示这条规则有用）", title_justify="left")
    for col in ("规则", "名称", "关闭后精确率", "关闭后召回率", "关闭后 F1", "F1 变化"):
        t.add_column(col, justify="left" if col in ("规则", "名称") else "right")
    for a in rows:
        change = (a.counts.f1 or 0.0) - (base.f1 or 0.0)
        t.add_row(a.rule_id, a.name, _fmt(a.counts.precision), _fmt(a.counts.recall), _fmt(a.counts.f1),
                  f"{change:+.3f}")
    console.print(t)


@contextmanager
def _corpus_bar(as_json: bool, what: str):
    """A progress bar for scoring the corpus (off with --json): yields evaluate_corpus's `progress`."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=as_json) as bar:
        task = bar.add_task(what, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _check_corpus_paths(index: Path, texts: Path) -> None:
    if not index.is_file():
        fail(f"{index}: 语料索引不存在")
    if not texts.is_dir():
        fail(f"{texts}: 语料文本缓存文件夹不存在（文本不随仓库分发，按索引中的 query 和 url 重建）")


# How much of the sentence each turned 已覆盖 rests on the text output shows; --json has all
EVIDENCE_SHOWN = 60


def _corpus_compare(index: Path, texts: Path, split: str | None, against: Path, as_json: bool) -> None:
    """The rule book or checklists in force against another (scorer/cli/against.py), on the same reports."""
    from scorer.analysis.pipeline import score_file
    from scorer.cli.against import CHANGES_SHOWN, run_both
    from scorer.display import shown
    from scorer.models import STATUS_LABELS, Status
    from scorer.running.corpus_eval import RunSummary, compare_runs, evaluate_corpus

    _check_corpus_paths(index, texts)
    args = ["--corpus", str(index.resolve()), "--texts", str(texts.resolve()), *(["--split", split] if split else [])]

    def run_here() -> RunSummary:
        with _corpus_bar(as_json, "评估语料") as progress:
            return RunSummary.of(evaluate_corpus(index, texts, score_file, split, progress))

    current, other = run_both(against, args, run_here, RunSummary.from_json)
    cmp = compare_runs(current, other)
    diff = (cmp.current.f1 or 0.0) - (cmp.other.f1 or 0.0)
    if as_json:
        def cells(rows):
            return [{"n": n, "item": i, "label": lab, "was": was, "evidence": e} for n, i, lab, was, e in rows]

        print(json.dumps({"current": _counts_json(cmp.current), "against": _counts_json(cmp.other),
                          "f1_difference": diff,
                          "f1_difference_interval_95": cmp.interval["lead"] if cmp.interval else None,
                          "fixed": cells(cmp.fixed), "broken": cells(cmp.broken)}, ensure_ascii=False, indent=2))
        return

    def name(value: str) -> str:
        return STATUS_LABELS.get(Status(value), value)

    console.print(f"对比：当前规则 与 {shown(against)}（同一批 {len(current.per_report)} 份报告，“已覆盖”为正类）")
    for label, c in (("当前", cmp.current), ("对比", cmp.other)):
        console.print(f"  {label}：精确率 {_fmt(c.precision)} 召回率 {_fmt(c.recall)} F1 {_fmt(c.f1)}"
                      f"（TP {c.tp} FP {c.fp} FN {c.fn}）")
    if cmp.interval:
        lo, hi = cmp.interval["lead"]
        verdict = ("差别在抽样误差之内" if lo <= 0 <= hi else "当前规则更好" if lo > 0 else "对比的规则更好")
        console.print(f"  F1 之差 {diff:+.3f}（95% 区间 {lo:+.3f} 至 {hi:+.3f}，按报告有放回重抽样 1000 次）：{verdict}")
    console.print(f"  改对 {len(cmp.fixed)} 处，改错 {len(cmp.broken)} 处（改对：当前规则判对、对比的规则判错；改错：反之）")
    changes = [("改对", r) for r in cmp.fixed] + [("改错", r) for r in cmp.broken]
    for kind, (n, item, label, was, evidence) in changes[:CHANGES_SHOWN]:
        side = "对比的规则" if kind == "改对" else "当前规则"
        quote = f" ——「{evidence[:EVIDENCE_SHOWN]}{'…' if len(evidence) > EVIDENCE_SHOWN else ''}」" if evidence else ""
        console.print(f"    {kind} {n} {item}：标注{name(label)}，{side}判{name(was)}{quote}", markup=False)
    if len(changes) > CHANGES_SHOWN:
        console.print(f"    ……另有 {len(changes) - CHANGES_SHOWN} 处（--json 列出全部）")


def _corpus_eval(index: Path, texts: Path, split: str | None, as_json: bool) -> None:
    from rich.table import Table

    from scorer.analysis.pipeline import score_file
    from scorer.running.corpus_eval import bootstrap_f1, evaluate_corpus

    _check_corpus_paths(index, texts)
    try:
        with _corpus_bar(as_json, "评估语料") as progress:
            ev = evaluate_corpus(index, texts, score_file, split, progress)
    except ScorerError as exc:
        fail(str(exc))

    n = max(ev.meta_total, 1)
    # (name in the table, the group's key in the JSON, its counts, its F1 interval), in the table's order
    levels = [(f"层级 {k}", k, c, ev.f1_interval(level=k)) for k, c in sorted(ev.by_level.items())]
    outlines = [(k, k, c, ev.f1_interval(outline=k)) for k, c in sorted(ev.by_outline.items())]
    splits = [(f"语料 {k}", k, c, ev.f1_interval(split=k)) for k, c in sorted(ev.by_split.items(), key=_split_order)]
    summary = {
        "reports": ev.reports, "overall": _counts_json(ev.overall),
        "by_level": {k: {**_counts_json(c), "f1_interval_95": ci} for _, k, c, ci in levels},
        "by_outline": {k: {**_counts_json(c), "f1_interval_95": ci} for _, k, c, ci in outlines},
        "by_split": {k: {**_counts_json(c), "f1_interval_95": ci} for _, k, c, ci in splits},
        "three_way_agreement": ev.three_way_same / max(ev.three_way_total, 1),
        "three_way_agreement_labelled": ev.labelled_same / max(ev.labelled_total, 1),
        "structure_s1_s3": _counts_json(ev.structure),
        "document_kind_accuracy": ev.kind_right / max(ev.kind_total, 1), "document_kind_errors": ev.kind_errors,
        "jurisdiction_exact": ev.jurisdiction_exact / n, "jurisdiction_lenient": ev.jurisdiction_lenient / n,
        "year": ev.year_right / n, "outline": ev.outline_right / n,
        "second_labeller_vs_first": _counts_json(ev.second) if ev.second_three_way_total else None,
        "second_labeller_three_way": (ev.second_three_way_same / ev.second_three_way_total
                                      if ev.second_three_way_total else None),
        "tool_vs_second_labeller": _counts_json(ev.tool_vs_second) if ev.second_three_way_total else None,
        "tool_on_items_both_labellers_agree": _counts_json(ev.tool_on_agreed) if ev.second_three_way_total else None,
        "tool_on_items_both_labellers_agree_by_split": {
            k: _counts_json(c) for k, c in sorted(ev.tool_on_agreed_by_split.items(), key=_split_order)},
        "tool_vs_adjudicated": _counts_json(ev.tool_vs_adjudicated) if ev.adjudicated_cells else None,
        "tool_vs_adjudicated_by_split": {
            k: _counts_json(c) for k, c in sorted(ev.tool_vs_adjudicated_by_split.items(), key=_split_order)},
        "adjudicated_cells": ev.adjudicated_cells,
        "covered_marked_check": _counts_json(ev.checked), "covered_not_marked": _counts_json(ev.unchecked),
        "covered_marked_check_by_split": {k: {"marked": _counts_json(a), "not_marked": _counts_json(b)}
                                          for k, (a, b) in sorted(ev.checked_by_split.items(), key=_split_order)},
        "missing_texts": ev.missing_texts,
        "baseline_title_words": _counts_json(ev.baseline),
        "baseline_title_words_by_split": {
            k: _counts_json(c) for k, c in sorted(ev.baseline_by_split.items(), key=_split_order)},
        "f1_interval_95": bootstrap_f1(list(ev.per_report.values())),
    }
    if as_json:
        summary["errors"] = [{"n": n_, "item": i, "label": lab, "predicted": p} for n_, i, lab, p in ev.errors]
        summary["metadata_errors"] = ev.meta_errors
        summary["per_report"] = {n_: list(counts) for n_, counts in ev.per_report.items()}
        summary["covered_evidence"] = [{"n": n_, "item": i, "evidence": e} for (n_, i), e in ev.covered_evidence.items()]
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    t = Table(title=f"真实报告语料（{ev.reports} 份报告；“已覆盖”为正类）", title_justify="left")
    for col in ("范围", "TP", "FP", "FN", "精确率", "召回率", "F1", "F1 的 95% 区间"):
        t.add_column(col, justify="right")
    whole = summary["f1_interval_95"]
    for name, _, c, ci in [("全部", None, ev.overall, whole["tool"] if whole else None), *levels, *outlines, *splits]:
        t.add_row(name, str(c.tp), str(c.fp), str(c.fn), _fmt(c.precision), _fmt(c.recall), _fmt(c.f1),
                  f"{ci[0]:.2f}–{ci[1]:.2f}" if ci else "—")
    console.print(t)
    console.print(f"三档一致率：全部条目 {summary['three_way_agreement']:.0%}，标注列出的条目 "
                  f"{summary['three_way_agreement_labelled']:.0%}")
    console.print(f"结构 S-1/S-3：精确率 {_fmt(ev.structure.precision)} 召回率 {_fmt(ev.structure.recall)}")
    console.print(f"文件类型判断正确 {ev.kind_right}/{ev.kind_total}；地区 {summary['jurisdiction_exact']:.0%}（全称一致）/"
                  f"{summary['jurisdiction_lenient']:.0%}（名称一致）；年度 {summary['year']:.0%}；纲要 {summary['outline']:.0%}")
    for e in ev.kind_errors:
        console.print(f"  文件类型：{e}")
    if ev.second_three_way_total:
        s = ev.second
        console.print(f"两名标注者一致性（第二标注 vs 第一标注，已覆盖为正类）：精确率 {_fmt(s.precision)} 召回率 "
                      f"{_fmt(s.recall)} F1 {_fmt(s.f1)}；三档一致率 {summary['second_labeller_three_way']:.0%}")
        for name, c in (("工具 vs 第二标注", ev.tool_vs_second), ("工具，仅两名标注者判断一致的条目", ev.tool_on_agreed)):
            console.print(f"{name}：精确率 {_fmt(c.precision)} 召回率 {_fmt(c.recall)} F1 {_fmt(c.f1)}"
                          f"（TP {c.tp} FP {c.fp} FN {c.fn}）")
    if ev.adjudicated_cells:
        c = ev.tool_vs_adjudicated
        console.print(f"工具 vs 裁决后的标注（两名标注者分歧的 {ev.adjudicated_cells} 处由第三名盲标者裁决）：精确率 "
                      f"{_fmt(c.precision)} 召回率 {_fmt(c.recall)} F1 {_fmt(c.f1)}（TP {c.tp} FP {c.fp} FN {c.fn}）")
    if ev.checked.tp + ev.checked.fp + ev.unchecked.tp + ev.unchecked.fp:
        a, b = ev.checked, ev.unchecked
        console.print(f"已覆盖结论的可靠程度：标“建议核对”的 {a.tp + a.fp} 个，精确率 {_fmt(a.precision)}；"
                      f"其余 {b.tp + b.fp} 个，精确率 {_fmt(b.precision)}")
    c, ci = ev.baseline, summary["f1_interval_95"]
    console.print(f"对照（只看条目标题：标题中两字以上的词有三分之二出现在文本中即算已覆盖）：精确率 {_fmt(c.precision)} "
                  f"召回率 {_fmt(c.recall)} F1 {_fmt(c.f1)}（TP {c.tp} FP {c.fp} FN {c.fn}）")
    if ci:
        (a, b), (ba, bb), (la, lb) = ci["tool"], ci["baseline"], ci["lead"]
        console.print(f"F1 的 95% 区间（按报告有放回重抽样 1000 次）：工具 {a:.2f}–{b:.2f}；对照 {ba:.2f}–{bb:.2f}；"
                      f"工具领先对照 {la:+.2f}–{lb:+.2f}")
    if ev.missing_texts:
        console.print(f"缺少文本（未评估）：{len(ev.missing_texts)} 份")
