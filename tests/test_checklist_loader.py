"""Checklist files are edited by legal staff: every problem must come back at once,
as `path:line: message` in Chinese, never as a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from scorer.checklist.load import load_checklist, shipped_checklists, validate_paths
from scorer.errors import ChecklistError

GOOD = """\
id: local-test
version: "1"
title: 测试清单
areas: [依法行政]
items:
  - id: T-01
    area: 依法行政
    title: 加强行政复议工作
    requirement: 办理行政复议案件
    phrases: [行政复议, 复议案件]
"""


def write(tmp_path, text, name="c.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def problems_of(path):
    with pytest.raises(ChecklistError) as exc:
        load_checklist(path)
    return exc.value.problems


def test_valid_checklist_loads_with_hash(tmp_path):
    cl = load_checklist(write(tmp_path, GOOD))
    assert cl.id == "local-test"
    assert [it.id for it in cl.items] == ["T-01"]
    assert len(cl.sha256) == 64


def test_every_problem_reported_with_line_numbers(tmp_path):
    bad = GOOD.replace("    phrases: [行政复议, 复议案件]\n", """\
    phrases: [行政复议, ""]
    weight: 11
    colour: red
  - id: T-01
    area: 不存在的领域
    title: 重复编号
    requirement: x
    phrases: [复议]
    patterns: ["(unclosed"]
""")
    path = write(tmp_path, bad)
    problems = problems_of(path)
    text = "\n".join(problems)
    assert all(p.startswith(f"{path}:") for p in problems)
    assert f"{path}:10: 匹配规则不能为空" in text
    assert f"{path}:11: 权重超出范围" in text
    assert f"{path}:12: 未知字段「colour」" in text
    assert "编号「T-01」重复" in text and f"{path}:13:" in text
    assert "领域「不存在的领域」不在 areas 列表中" in text
    assert "正则「(unclosed」无效" in text


@pytest.mark.parametrize("pattern", ["(a+)+b", "(a|a)*b", "a*a*a*a*a*a*a*a*a*b"])
def test_backtracking_regex_matches_in_linear_time(tmp_path, pattern):
    # Each of these takes about 2^n steps with Python's re on n "a"s without a "b"
    # (hours for 64); RE2 answers at once. Run in a subprocess so that a regression
    # fails by its timeout instead of hanging the suite.
    path = write(tmp_path, GOOD.replace("phrases: [行政复议, 复议案件]", f"patterns: ['{pattern}']"))
    code = ("import sys; from scorer.checklist.load import load_checklist; "
            "[rx] = load_checklist(sys.argv[1]).compiled_patterns['T-01']; "
            "print(rx.search('a' * 64 + 'c'), rx.search('xaab').group())")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["None", "aab"]


def test_regex_without_linear_time_equivalent_is_refused(tmp_path):
    path = write(tmp_path, GOOD.replace("phrases: [行政复议, 复议案件]", r"patterns: ['(复议)\1']"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:10: 条目 T-01 的正则「(复议)\\1」无效") and "回溯引用" in problem


def test_yaml_syntax_error_and_duplicate_key(tmp_path):
    p1 = write(tmp_path, "id: x\nitems: [\n", "syntax.yaml")
    assert problems_of(p1)[0].startswith(f"{p1}:")
    p2 = write(tmp_path, GOOD.replace('version: "1"', 'version: "1"\nversion: "2"'), "dup.yaml")
    assert "键重复" in problems_of(p2)[0] and f"{p2}:3:" in problems_of(p2)[0]


def test_missing_checklist_name():
    with pytest.raises(ChecklistError) as exc:
        load_checklist("outline-1999")
    assert "找不到检查清单" in exc.value.problems[0]


def test_extends_overrides_and_remove(tmp_path):
    base = write(tmp_path, GOOD.replace("items:", "items:\n  - {id: T-00, area: 依法行政, title: 甲, requirement: 甲, phrases: [甲乙丙]}"), "base.yaml")
    local = write(tmp_path, f"""\
        id: local-city
        version: "2026.1"
        title: 市级清单
        extends: {base}
        remove: [T-00]
        overrides:
          T-01: {{weight: 2.5}}
        areas: [地方特色]
        items:
          - {{id: L-01, area: 地方特色, title: 市级实施方案任务, requirement: 本市任务, phrases: [一网统管]}}
        """, "local.yaml")
    cl = load_checklist(local)
    assert [it.id for it in cl.items] == ["T-01", "L-01"]
    assert cl.item("T-01").weight == 2.5
    assert cl.spec.areas == ["依法行政", "地方特色"]


def test_shipped_checklists_are_valid():
    names = shipped_checklists()
    assert {"outline-2015", "outline-2021", "report-structure"} <= set(names)
    assert validate_paths(list(names)) == []
    o15, o21 = load_checklist("outline-2015"), load_checklist("outline-2021")
    assert len(o15.items) == 44 and len(o21.items) == 32
    assert [it.id for it in o15.items][:2] == ["O15-01", "O15-02"]
    assert o21.item("O21-19").title == "发挥行政复议化解行政争议主渠道作用"


def test_regex_with_plus_is_a_valid_pattern(tmp_path):
    path = write(tmp_path, GOOD.replace("phrases: [行政复议, 复议案件]", 'patterns: ["复议案件[0-9]+件"]'))
    cl = load_checklist(path)
    assert cl.compiled_patterns["T-01"][0].search("收到复议案件62件")


def test_the_startup_cache_never_serves_an_edited_checklist(tmp_path, monkeypatch):
    """Parsed checklists are kept on disk between runs (scorer/checklist/diskcache.py); an edit
    to the file, or to a file it extends, is read afresh on the next run."""
    import subprocess
    import sys

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    base = tmp_path / "base.yaml"
    base.write_text(textwrap.dedent("""\
        id: cache-test
        version: "1"
        title: 缓存测试
        areas: [甲]
        items:
          - id: C-01
            area: 甲
            title: 行政复议
            requirement: 依法办理行政复议案件。
            phrases: [行政复议]
        """), encoding="utf-8")
    local = tmp_path / "local.yaml"
    local.write_text("extends: base.yaml\nid: cache-local\nversion: \"1\"\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("2023年法治政府建设情况报告\n全年办理行政复议案件48件。\n全年行政应诉案件12件。\n", encoding="utf-8")

    def phrases_seen() -> str:
        proc = subprocess.run([sys.executable, "-m", "scorer", "explain", str(report), "C-01", "--checklist", str(local)],
                              capture_output=True, text=True, encoding="utf-8", env=dict(os.environ, COLUMNS="200"))
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    first = phrases_seen()
    assert "命中「行政复议」" in first and "命中「行政应诉」" not in first
    assert list((tmp_path / "cache").rglob("*.pickle")), "the parsed checklists were kept"
    base.write_text(base.read_text(encoding="utf-8").replace("phrases: [行政复议]", "phrases: [行政应诉]"),
                    encoding="utf-8")
    again = phrases_seen()  # the extended file changed: not served from the cache
    assert "命中「行政应诉」" in again and "命中「行政复议」" not in again


def test_a_long_running_process_scores_the_next_report_with_an_edited_checklist(tmp_path):
    """`scorer serve` scores report after report in one process: a checklist edited in
    between (here: a file it extends) judges the next report; inside one report the
    checklists and the rule book are looked at once (scorer/checklist/looked_up.py)."""
    from scorer.analysis.pipeline import score_file
    from scorer.checklist.looked_up import looked_up, once_per_report

    base = tmp_path / "base.yaml"
    base.write_text(GOOD, encoding="utf-8")
    local = tmp_path / "local.yaml"
    local.write_text("extends: base.yaml\nid: edit-local\nversion: \"1\"\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("2023年法治政府建设情况报告\n全年办理行政复议案件48件。\n全年行政应诉案件12件。\n", encoding="utf-8")

    def phrases(path) -> set[str]:
        return {m.phrase for it in score_file(path, str(local)).items for ev in it.evidence for m in ev.matched}

    assert "行政复议" in phrases(report)
    base.write_text(GOOD.replace("phrases: [行政复议, 复议案件]", "phrases: [行政应诉]"), encoding="utf-8")
    assert phrases(report) == {"行政应诉"}

    calls = []
    with once_per_report():
        assert looked_up("k", lambda: calls.append(1) or len(calls)) == looked_up("k", lambda: calls.append(1) or len(calls)) == 1
    assert looked_up("k", lambda: calls.append(1) or len(calls)) == 2  # outside a report: looked at every time
