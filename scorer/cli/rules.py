"""`scorer rules`: the rule book in force, as a legal officer reads it."""

from __future__ import annotations

import json

import typer

from scorer.cli.common import console, fail
from scorer.errors import ScorerError

GROUP_NAMES = {"signals": "具体性信号", "modality": "语气", "vetoes": "不算数的命中", "matching": "命中",
               "sections": "报告的部分", "structure": "报告结构", "scoring": "计分", "document_kind": "文件类型"}


def register(app: typer.Typer) -> None:
    @app.command("rules")
    def rules_cmd(
        checklist: str = typer.Option(None, "--checklist", "-c",
                                      help="显示这份检查清单调整后的规则（名称或 YAML 路径）"),
        as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
    ) -> None:
        """列出评查规则手册（checklists/rules.yaml）中的全部规则：编号、名称、说明、是否启用。"""
        from rich.table import Table

        from scorer.checklist.load import load_checklist
        from scorer.checklist.rules import load_rulebook_spec, rulebook

        try:
            spec = load_rulebook_spec()
            tuning = load_checklist(checklist).spec.rules if checklist else {}
            book = rulebook(tuning)
        except ScorerError as exc:
            fail(str(exc))
        rows = []
        for group, rule in spec.all_rules():
            now = book.specs[rule.id]
            rows.append({"id": rule.id, "group": group, "name": rule.name, "description": rule.description,
                         "enabled": now.enabled, "words": now.words, "tuned": rule.id in tuning})
        if as_json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        t = Table(title=f"{spec.title}（版本 {spec.version}）", title_justify="left", show_lines=False)
        for col in ("编号", "类别", "名称", "说明", "状态"):
            t.add_column(col, overflow="fold")
        for r in rows:
            state = ("启用" if r["enabled"] else "已关闭") + ("（本清单调整）" if r["tuned"] else "")
            t.add_row(r["id"], GROUP_NAMES.get(r["group"], r["group"]), r["name"], r["description"], state)
        console.print(t)
        console.print("修改规则：编辑 checklists/rules.yaml；在本地检查清单中用 rules: 关闭或调整（见 checklists/README.md）。")
