"""`scorer checklist validate|export|import|diff`: editing checklists, for legal staff."""

from __future__ import annotations

import json
import re
import sys
from enum import Enum
from pathlib import Path

import typer

from scorer.errors import ChecklistError
from scorer.cli.common import console, err_console, expand_inputs, fail

checklist_app = typer.Typer(
    help="编辑检查清单：检查格式（validate）、导出/导入 Excel（export/import）、比较两个版本（diff）。",
    no_args_is_help=True,
)


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


def _out(line: str = "", style: str | None = None) -> None:
    console.print(line, markup=False, style=style)


def _checklist_files(paths: list[str]) -> list[str]:
    """Paths as given; folders expanded to the checklists (.yaml/.yml/.xlsx) in them."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out += sorted(str(f) for f in path.rglob("*") if f.suffix.lower() in (".yaml", ".yml", ".xlsx")
                          and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    return out


def _is_rulebook(target: str) -> bool:
    """A YAML file laid out as the rule book (top-level rule groups such as `signals` and `vetoes`, no `items`).
    Read by its top-level keys only: the loader that follows parses it (once)."""
    path = Path(target)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):  # reported by the checklist loader
        return False
    return bool(re.search(r"^(?:signals|vetoes|scoring):", text, re.M)) and not re.search(r"^items:", text, re.M)


def register(app: typer.Typer) -> None:
    app.add_typer(checklist_app, name="checklist")


@checklist_app.command("validate")
def validate_cmd(
    paths: list[str] = typer.Argument(None, help="检查清单文件（.yaml 或导出的 .xlsx）、文件夹或内置清单名称；默认检查全部内置清单和评查规则手册"),
) -> None:
    """检查清单格式：一次列出全部问题（文件:行号: 问题）。没有问题退出码 0，有问题 1，文件无法读取 2。"""
    from scorer.checklist.load import CHECKLIST_DIR, auto_outlines, load_checklist, shipped_checklists
    from scorer.checklist.rules import RULEBOOK_NAME, load_rulebook_spec
    from scorer.checklist.xlsx import ImportFailed, import_xlsx
    from scorer.errors import Problem

    # (with no argument, the rule book beside the checklists too: legal staff edit both)
    rulebook_file = CHECKLIST_DIR / f"{RULEBOOK_NAME}.yaml"
    targets = _checklist_files(paths) if paths else [str(p) for p in shipped_checklists().values()] + (
        [str(rulebook_file)] if rulebook_file.is_file() else [])
    if not targets:
        fail(f"{CHECKLIST_DIR}: 没有找到要检查的清单（这个文件夹中没有 .yaml 文件）")
    problems: list[Problem] = []
    bad_files = 0
    for target in targets:
        if target.lower().endswith(".xlsx"):
            try:
                res = import_xlsx(target, None, check_only=True)
            except ImportFailed as exc:
                problems.append(Problem(file=target, message=str(exc).removeprefix(f"{target}: "), code="unreadable"))
                _out(str(exc))
                bad_files += 1
                continue
            if res.problems:
                problems += res.problems
                bad_files += 1
                for p in res.problems:
                    _out(str(p))
            else:
                cl = res.checklist
                _out(f"通过  {target}：{len(cl.items)} 项（{cl.id} 版本 {cl.spec.version}）")
            continue
        try:
            if _is_rulebook(target):
                # The rule book beside the checklists (rules.yaml) is checked as what it is, not as a checklist
                book = load_rulebook_spec(Path(target))
                passed = f"评查规则手册，{len(book.all_rules())} 条规则（版本 {book.version}）"
            else:
                cl = load_checklist(target)
                base = f"，含基础清单 {cl.spec.extends} 的条目" if cl.spec.extends else ""
                passed = f"{len(cl.items)} 项（{cl.id} 版本 {cl.spec.version}{base}）"
        except ChecklistError as exc:
            bad_files += 1
            problems += exc.records
            for p in exc.records:
                _out(str(p))
            continue
        _out(f"通过  {target}：{passed}")
    # The shipped folder as a whole: automatic choice by year must be unambiguous.
    shipped = {str(p.resolve()) for p in shipped_checklists().values()}
    if not problems and any(str(Path(t).resolve()) in shipped or t in shipped_checklists() for t in targets):
        try:
            auto_outlines()
        except ChecklistError as exc:
            problems += exc.records
            for p in exc.records:
                _out(str(p))
    if problems:
        _out(f"\n检查了 {len(targets)} 个文件：{bad_files} 个有问题，共 {len(problems)} 个问题。")
        raise typer.Exit(2 if any(p.unreadable for p in problems) else 1)
    if len(targets) > 1:
        _out(f"\n检查了 {len(targets)} 个文件，没有发现问题。")


@checklist_app.command("export")
def export_cmd(
    checklist: str = typer.Argument(..., help="清单名称（如 outline-2021）或 YAML 文件路径"),
    xlsx: Path = typer.Option(..., "--xlsx", help="要写出的 Excel 文件（.xlsx）"),
    resolved: bool = typer.Option(True, "--resolved/--own",
                                  help="地方清单（extends）：--resolved 导出合并后的全部条目（默认）；--own 只导出本清单新增、删除和修改的部分"),
) -> None:
    """把检查清单导出成 Excel 表格，一行一个条目，供在 Excel 或 WPS 中编辑。"""
    from scorer.checklist.xlsx import export_xlsx

    if xlsx.suffix.lower() != ".xlsx":
        fail(f"{xlsx}: 导出文件的扩展名应为 .xlsx")
    if not xlsx.parent.exists():
        fail(f"{xlsx}: 文件夹 {xlsx.parent} 不存在")
    try:
        src = export_xlsx(checklist, xlsx, own=not resolved)
    except ChecklistError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{xlsx}: 无法写入（{exc.strerror or exc}）")
    sheets = "条目、清单信息" + ("、修改基础条目" if src.own else "") + "、说明"
    _out(f"已导出 {len(src.items)} 项到 {xlsx}（工作表：{sheets}）")
    if src.resolved_from:
        _out(f"注意：该清单以 {src.resolved_from} 为基础，导出的是合并后的全部条目；导入后得到一份独立的清单。"
             "只编辑本地增补部分请加 --own。", style="yellow")
    elif not resolved and not src.own:
        _out("注意：该清单没有基础清单（extends），--own 与 --resolved 结果相同。", style="yellow")
    _out(f"编辑后导入：scorer checklist import {xlsx} --out 新清单.yaml", style="dim")


@checklist_app.command("import")
def import_cmd(
    xlsx: Path = typer.Argument(..., help="编辑好的 Excel 文件（.xlsx）"),
    out: Path = typer.Option(..., "--out", "-o", help="要写出的检查清单（.yaml）"),
    force: bool = typer.Option(False, "--force", help="允许覆盖内置清单文件夹中已有的清单"),
) -> None:
    """把 Excel 表格导入为检查清单 YAML。先完整检查，有问题时列出全部问题（文件:工作表!行号: 问题），不写任何文件。"""
    from scorer.checklist.xlsx import ImportFailed, import_xlsx

    if out.suffix.lower() not in (".yaml", ".yml"):
        fail(f"{out}: 输出文件的扩展名应为 .yaml")
    if not out.parent.exists():
        fail(f"{out}: 文件夹 {out.parent} 不存在")
    try:
        res = import_xlsx(xlsx, out, check_only=True)
    except ImportFailed as exc:
        fail(str(exc))
    if res.problems:
        for p in res.problems:
            _out(str(p))
        _out(f"\n共 {len(res.problems)} 个问题，没有写出 {out}。改正后请重新导入。")
        raise typer.Exit(1)
    guard = _shipped_folder_conflicts(res.checklist, out, force)
    if guard:
        fail("\n".join(guard))
    try:
        res = import_xlsx(xlsx, out)
    except ImportFailed as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out}: 无法写入（{exc.strerror or exc}）")
    if res.problems:  # the workbook changed in between
        for p in res.problems:
            _out(str(p))
        raise typer.Exit(1)
    cl = res.checklist
    _out(f"已写入 {out}：{len(cl.items)} 项（{cl.id} 版本 {cl.spec.version}，sha256 {cl.sha256[:12]}）")


def _shipped_folder_conflicts(cl, out: Path, force: bool) -> list[str]:
    """Writing into the shipped checklists folder changes what every report is scored
    against: never overwrite a checklist there without --force, and never add one that
    claims the same report years or id as another (automatic choice must stay clear)."""
    from scorer.checklist.load import CHECKLIST_DIR, shipped_ids, years_conflicts, _years_text

    folder = CHECKLIST_DIR.resolve()
    target = out.resolve()
    if target.parent != folder:
        return []
    problems = []
    if target.exists() and not force:
        problems.append(f"{out}: 这是内置清单文件夹（{folder}）中已有的清单，导入不会覆盖它。"
                        "确实要替换，请加 --force；否则请换一个文件名或文件夹")
    same_id = shipped_ids().get(cl.id)
    if same_id is not None and same_id.resolve() != target:
        problems.append(f"{out}: 清单编号 {cl.id} 与内置清单 {same_id.name} 相同，请在“清单信息”中改一个编号")
    for path, spec in years_conflicts(cl.spec, ignore=target):
        problems.append(
            f"{out}: 适用年度（{_years_text(cl.spec.years)}）与内置清单 {path.name}（{spec.title}，适用年度 "
            f"{_years_text(spec.years)}）重叠：放进 {folder} 后，按年度自动选用时无法确定用哪一个。"
            "请在“清单信息”中把“适用年度”留空（只在 --checklist 指定时使用），或者写到别的文件夹，"
            "评查时用 --checklist 指定")
    return problems


@checklist_app.command("diff")
def diff_cmd(
    old: str = typer.Argument(..., help="原来的清单（名称或 YAML 路径）"),
    new: str = typer.Argument(..., help="修改后的清单（名称或 YAML 路径）"),
    more: list[str] = typer.Argument(None, hidden=True),
    reports: list[str] = typer.Option(None, "--reports", "-r",
                                      help="用这些报告（文件或文件夹，可写多个）看修改对得分的影响"),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="输出格式：text 或 json"),
) -> None:
    """比较清单（或规则手册 rules.yaml）的两个版本：新增、删除、修改了哪些条目或规则；给出报告时，列出每份报告得分和条目结论的变化。"""
    from scorer.checklist.load import load_checklist
    from scorer.checklist.diff import diff_checklists, diff_json, report_effects
    from scorer.checklist.rules_diff import is_rulebook_file

    if more:
        # `--reports a.txt b.txt` (or a shell glob): the files after the first arrive here.
        if not reports:
            fail(f"多余的参数：{' '.join(more)}（报告文件请写在 --reports 之后）")
        reports = list(reports) + list(more)
    books = [is_rulebook_file(old), is_rulebook_file(new)]
    if any(books):
        if not all(books):
            fail("规则手册只能和规则手册比较：两个参数都应是 rules.yaml 这样的规则手册文件")
        _diff_rulebooks(Path(old), Path(new), reports, fmt)
        return

    clists = []
    problems: list[str] = []
    for name in (old, new):
        try:
            clists.append(load_checklist(name))
        except ChecklistError as exc:
            problems += exc.problems
    if problems:
        fail("\n".join(problems))
    d = diff_checklists(*clists)
    effects, errors = None, []
    if reports:
        paths, errors = expand_inputs(reports)
        effects, more = report_effects(d.old, d.new, paths)
        errors += more
    if fmt == DiffFormat.json:
        sys.stdout.write(json.dumps(diff_json(d, effects, errors), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_diff(d, effects)
    if errors:
        for e in errors:
            err_console.print(f"错误：{e}", markup=False)
        raise typer.Exit(2)


def _diff_rulebooks(old: Path, new: Path, reports: list[str] | None, fmt: DiffFormat) -> None:
    from scorer.checklist.rules_diff import diff_rulebooks, rulebook_diff_json, rulebook_effects

    try:
        d = diff_rulebooks(old, new)
    except ChecklistError as exc:
        fail("\n".join(str(p) for p in exc.problems))
    effects, errors = None, []
    if reports:
        paths, errors = expand_inputs(reports)
        effects, more = rulebook_effects(d, paths)
        errors += more
    if fmt == DiffFormat.json:
        sys.stdout.write(json.dumps(rulebook_diff_json(d, effects, errors), ensure_ascii=False, indent=2) + "\n")
    else:
        _out(f"比较规则手册：版本 {d.old.version}（{old}）→ 版本 {d.new.version}（{new}）", style="bold")
        if d.empty:
            _out("两个规则手册的规则完全相同。")
        _print_changes("规则", [f"{r.id} {r.name}：{r.description}" for r in d.added],
                       [f"{r.id} {r.name}" for r in d.removed],
                       [(f"{ch.id} {ch.name}", ch.lines()) for ch in d.changed])
        if effects is not None:
            _print_effects(effects)
    if errors:
        for e in errors:
            err_console.print(f"错误：{e}", markup=False)
        raise typer.Exit(2)


def _print_diff(d, effects) -> None:
    o, n = d.old, d.new
    _out(f"比较：{o.id}（版本 {o.spec.version}，{o.path}）→ {n.id}（版本 {n.spec.version}，{n.path}）", style="bold")
    if d.empty:
        _out("两个清单的内容完全相同。")
    if d.header:
        _out("\n清单信息：")
        for c in d.header:
            _out(f"  {c.describe()}")
    _print_changes("条目", [f"{it.id} {it.title}（领域：{it.area or '—'}，权重 {it.weight:g}）" for it in d.added],
                   [f"{it.id} {it.title}" for it in d.removed],
                   [(f"{ch.id} {ch.title}", [c.describe() for c in ch.changes]) for ch in d.changed])
    if d.reordered:
        _out("\n条目顺序有调整（不影响得分）。")
    if effects is None:
        return
    _print_effects(effects)


def _print_changes(what: str, added: list[str], removed: list[str], changed: list[tuple[str, list[str]]]) -> None:
    """新增 / 删除 / 修改 sections of a diff (条目 of a checklist, 规则 of the rule book)."""
    for title, style, mark, lines in (("新增", "green", "+", added), ("删除", "red", "-", removed)):
        if lines:
            _out(f"\n{title}{what}（{len(lines)}）：", style=style)
            for line in lines:
                _out(f"  {mark} {line}")
    if changed:
        _out(f"\n修改{what}（{len(changed)}）：", style="yellow")
        for head, details in changed:
            _out(f"  ~ {head}")
            for line in details:
                _out(f"      {line}")


def _print_effects(effects) -> None:
    from rich.table import Table

    if not effects:
        _out("\n没有可评查的报告。")
        return
    scored = any(e.old_score is not None for e in effects)
    _out()
    t = Table(title=f"对报告的影响（{len(effects)} 份）", title_justify="left")
    t.add_column("报告", no_wrap=True)
    if scored:
        t.add_column("原得分 → 新得分", justify="right", no_wrap=True)
        t.add_column("变化", justify="right", no_wrap=True)
    t.add_column("结论改变的条目")
    for e in effects:
        changed = "\n".join(c.describe() for c in e.changes) or "无"
        name = Path(e.source).name
        if scored:
            t.add_row(name, f"{e.old_score:.1f} → {e.new_score:.1f}", f"{e.delta:+.1f}", changed)
        else:
            t.add_row(name, changed)
    console.print(t)
    moved = sum(1 for e in effects if e.changes or (e.delta or 0) != 0)
    _out(f"{moved} 份报告的得分或条目结论有变化。", style="dim")
