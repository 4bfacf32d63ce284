"""`scorer eval`: precision/recall/F1 and score error against hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from scorer.errors import ScorerError
from scorer.cli.common import console, fail, print_notices

DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "tests" / "devset"


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        labels: list[Path] = typer.Argument(None, help="标注文件或文件夹（默认 tests/devset）"),
        as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
    ) -> None:
        """对照人工标注评估准确率：逐项精确率/召回率/F1，以及得分误差。"""
        from rich.table import Table

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
