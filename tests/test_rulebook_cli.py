"""The rule book seen from the command line: a legal officer lists the rules, switches one
off in a local checklist, and sees which verdicts change on real reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import SEEDS, run_scorer

from scorer.checklist.rules import load_rulebook_spec
from scorer.errors import ChecklistError

LOCAL = """id: local-2015
version: "1"
title: 本地清单（关闭列举规则）
extends: outline-2015
rules:
  VETO-ENUMERATION: off
"""


def test_rules_lists_every_rule_with_a_chinese_name(tmp_path):
    proc = run_scorer("rules", "--json")
    assert proc.returncode == 0, proc.stderr
    rules = {r["id"]: r for r in json.loads(proc.stdout)}
    assert {"SIG-QUANTITY", "VETO-TRAINING", "VETO-ENUMERATION", "SCORE-MODEL", "DOC-LOOKALIKE"} <= set(rules)
    assert rules["VETO-TRAINING"]["name"] == "培训学习内容" and rules["VETO-TRAINING"]["enabled"]


def test_switching_a_rule_off_in_a_local_checklist_changes_the_verdict_it_should(tmp_path):
    local = tmp_path / "local.yaml"
    local.write_text(LOCAL, encoding="utf-8")
    shown = json.loads(run_scorer("rules", "--checklist", str(local), "--json").stdout)
    assert next(r for r in shown if r["id"] == "VETO-ENUMERATION")["enabled"] is False
    # 金坛 mentions 公平竞争 only inside an enumeration: partial with the rule, covered without it.
    report = SEEDS / "changzhou-jintan-2018.txt"
    before = json.loads(run_scorer("score", str(report), "--format", "json").stdout)[0]
    after = json.loads(run_scorer("score", str(report), "--checklist", str(local), "--format", "json").stdout)[0]
    item = lambda r, i: next(x for x in r["items"] if x["id"] == i)  # noqa: E731
    assert item(before, "O15-05")["status"] == "partial"
    assert any(lim["rule"] == "VETO-ENUMERATION" for ev in item(before, "O15-05")["evidence"] for lim in ev["limits"])
    assert item(after, "O15-05")["status"] == "covered"
    assert after["score"] > before["score"]
    diff = run_scorer("checklist", "diff", "outline-2015", str(local), "--reports", str(report))
    assert diff.returncode == 0, diff.stderr
    assert "O15-05 部分覆盖→已覆盖" in diff.stdout


def test_unknown_rule_in_a_checklist_is_refused_with_file_and_line(tmp_path):
    local = tmp_path / "bad.yaml"
    local.write_text(LOCAL.replace("VETO-ENUMERATION", "VETO-ENUMERATON"), encoding="utf-8")
    proc = run_scorer("checklist", "validate", str(local))
    assert proc.returncode != 0
    assert "VETO-ENUMERATON" in proc.stderr + proc.stdout and "不存在" in proc.stderr + proc.stdout


def test_a_local_checklist_cannot_replace_a_rule_pattern(tmp_path):
    local = tmp_path / "bad.yaml"
    local.write_text(LOCAL.replace("VETO-ENUMERATION: off", "SIG-DATE: {patterns: ['(a+)+$']}"), encoding="utf-8")
    proc = run_scorer("checklist", "validate", str(local))
    assert proc.returncode != 0
    assert "正则表达式只能在规则手册" in proc.stderr + proc.stdout


def test_validate_checks_the_rule_book_as_a_rule_book(tmp_path):
    """A legal officer who edits rules.yaml and runs `checklist validate` on the folder (as the checklist
    README says) gets the rule book checked, not read as a checklist with unknown fields."""
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "checklists"
    ok = run_scorer("checklist", "validate", str(folder))
    assert ok.returncode == 0, ok.stdout
    assert "rules.yaml：评查规则手册" in ok.stdout and "没有发现问题" in ok.stdout
    book = (folder / "rules.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "rules.yaml"
    bad.write_text(book.replace("    check_below: 0.7\n", "    check_below: 7\n"), encoding="utf-8")
    proc = run_scorer("checklist", "validate", str(bad))
    assert proc.returncode == 1
    assert f"{bad}: 规则手册字段「scoring.1.check_below」无效：check_below（建议核对的界线）超出范围：必须在 0 到 1 之间（现为 7）" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr and "Input should" not in proc.stdout


def test_a_rule_book_that_is_a_device_or_far_too_large_is_refused_before_it_is_read(tmp_path):
    """`--against`, `checklist validate` and `checklist diff` take a rule book from the command line: a device
    (reading /dev/zero would never end) or a file of megabytes is named in one line, and nothing hangs."""
    big = tmp_path / "rules.yaml"
    big.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    for args in (("checklist", "validate", str(big)), ("eval", "--corpus", str(Path(__file__).parent / "corpus" / "index.yaml"), "--texts", str(tmp_path),
                  "--against", str(big))):
        proc = run_scorer(*args, timeout=60)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0 and "不能超过 2 MB" in out and "Traceback" not in out, out
    proc = run_scorer("checklist", "diff", "/dev/zero", str(big), timeout=60)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    with pytest.raises(ChecklistError, match="不是普通文件（是设备、管道等特殊文件），不能作为规则手册"):
        load_rulebook_spec(Path("/dev/zero"))
