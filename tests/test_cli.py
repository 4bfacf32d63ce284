"""End-to-end: the `scorer` command as a legal officer runs it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from cli_helpers import ROOT, SEEDS, run_scorer


def test_score_json_shape_and_order():
    files = [SEEDS / "zibo-hitech-2017.txt", SEEDS / "huaian-hongze-2023.txt"]
    proc = run_scorer("score", *files, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["source"] for d in data] == [str(f) for f in files]
    hz = data[1]
    assert hz["jurisdiction"] == "淮安市洪泽区" and hz["year"] == 2023 and hz["published"] == "2024-01-25"
    assert hz["checklist"]["id"] == "outline-2021" and hz["checklist"]["version"]
    assert 0 <= hz["score"] <= 100
    assert {a["name"] for a in hz["areas"]} >= {"健全行政决策制度体系"}
    it = next(i for i in hz["items"] if i["id"] == "O21-19")
    assert it["status"] == "covered" and it["title"] == "发挥行政复议化解行政争议主渠道作用"
    ev = it["evidence"][0]
    assert set(ev) >= {"section", "text", "start", "end"} and "复议" in ev["text"]
    assert [s["id"] for s in hz["structure"]] == ["S-1", "S-2", "S-3", "S-4", "S-5"]


def test_score_table_is_chinese_summary():
    proc = run_scorer("score", SEEDS / "changzhou-jintan-2018.txt")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "常州市金坛区" in out and "得分" in out and "分领域得分" in out and "报告结构" in out


def test_explain_names_sentence_section_and_rule():
    proc = run_scorer("explain", SEEDS / "changzhou-jintan-2018.txt", "O15-33")
    assert proc.returncode == 0, proc.stderr
    assert "已覆盖" in proc.stdout and "五、（一）" in proc.stdout and "命中「" in proc.stdout
    bad = run_scorer("explain", SEEDS / "changzhou-jintan-2018.txt", "X-99")
    assert bad.returncode == 2 and "没有条目「X-99」" in bad.stderr


def test_explain_shows_the_sentences_a_rule_kept_from_counting():
    """A 缺失 whose phrases stand only in a cited document's title: explain shows that sentence, where it
    stands and why it did not count, naming the cited titles without the verb and issuer before them."""
    proc = run_scorer("explain", SEEDS / "leshan-hitech-2019.txt", "O15-G1")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "结论：缺失" in out and "证据：无" in out
    block = out[out.index("未计入 1"):]
    assert "（导语）" in block and "乐山高新区管委会按照中共中央" in block
    assert "出现在作为依据引用的文件《法治政府建设实施纲要(2015-2020年)》《四川省法治政府建设实施方案" in block
    assert "文件按照" not in block  # the region is named by its titles, not by the clause that cites them
    assert "未计入 2" not in out  # one sentence, shown once with all its phrases
    assert "「纲要」" in block and "「实施纲要」" in block


def test_missing_empty_and_binary_files(tmp_path):
    empty = tmp_path / "空报告.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    for path, words in ((tmp_path / "不存在.txt", "文件不存在"), (empty, "文件为空"), (binary, "二进制")):
        proc = run_scorer("score", path)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("错误：")]
        assert len(lines) == 1 and str(path) in lines[0] and words in lines[0], proc.stderr


def test_bad_file_does_not_lose_the_good_ones(tmp_path):
    proc = run_scorer("score", SEEDS / "leshan-hitech-2019.txt", tmp_path / "missing.txt", "--format", "json")
    assert proc.returncode == 2
    assert [d["jurisdiction"] for d in json.loads(proc.stdout)] == ["乐山高新区"]
    assert "missing.txt" in proc.stderr


def test_broken_checklist_is_reported_with_line(tmp_path):
    cl = tmp_path / "broken.yaml"
    cl.write_text("id: broken\nversion: '1'\ntitle: 坏清单\nareas: [甲]\nitems:\n  - {id: A, area: 乙, title: t, requirement: r, phrases: [x], weight: 0}\n", encoding="utf-8")
    proc = run_scorer("score", SEEDS / "leshan-hitech-2019.txt", "--checklist", cl)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{cl}:6:" in proc.stderr and "权重" in proc.stderr


def test_not_a_report_is_scored_with_a_warning(tmp_path):
    recipe = tmp_path / "菜谱.txt"
    recipe.write_text("红烧肉的做法\n五花肉切块，冷水下锅焯水。锅中放糖炒出糖色，加入肉块翻炒，加生抽、老抽和清水，小火炖一小时。\n", encoding="utf-8")
    proc = run_scorer("score", recipe, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)[0]
    assert data["is_report"] is False and any("不是法治政府建设" in w for w in data["warnings"])


SITECUSTOMIZE = '''
import scorer.render.review as review
def boom(*args, **kwargs):
    raise RuntimeError("模拟的程序缺陷\\n第二行")
review.html_to_pdf = boom
'''


def test_a_defect_is_one_chinese_line_with_the_details_in_a_file(tmp_path):
    """A bug in scorer itself (here: the PDF engine call in the annual review made to fail) ends with one
    Chinese line naming a file that holds the traceback, exit code 70; never a traceback on the screen and
    never a PDF."""
    import re
    import subprocess

    (tmp_path / "inject").mkdir()
    (tmp_path / "inject" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(tmp_path / "inject"), TMPDIR=str(tmp_path))
    env.pop("SCORER_DEBUG", None)
    out = tmp_path / "review.pdf"
    proc = subprocess.run([sys.executable, "-m", "scorer", "review", str(SEEDS), "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 70
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("内部错误：RuntimeError（模拟的程序缺陷）"), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    log = Path(re.search(r"详细信息已写入 (\S+)，", lines[0]).group(1))
    assert log.parent == tmp_path and "Traceback" in log.read_text(encoding="utf-8")
    assert not out.exists()
