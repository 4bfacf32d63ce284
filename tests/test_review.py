"""Human review (人工复核), end to end through the real CLI on the seeds: `scorer override`
writes records beside the report, and score, explain, report, review, check and eval
all follow them; stale records are flagged; bad files are refused with file:line;
concurrent writers lose nothing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cli_helpers import ROOT, SEEDS, run_scorer

SEED = "huaian-hongze-2023.txt"
POPPLER = shutil.which("pdftotext") is not None
VALUE = {"covered": 1.0, "partial": 0.5, "missing": 0.0}


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / SEED
    shutil.copy(SEEDS / SEED, path)
    return path


@pytest.fixture(scope="module")
def machine() -> dict:
    """The machine's JSON for the seed (in-process; the same text as every copy)."""
    from scorer.analysis.pipeline import score_file
    from scorer.cli.common import result_json

    return json.loads(json.dumps(result_json(score_file(SEEDS / SEED))))


def score_json(*paths: Path, extra: tuple[str, ...] = ()) -> list[dict]:
    res = run_scorer("score", *map(str, paths), "--format", "json", *extra)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def expected_score(items: list[dict], override: dict[str, str]) -> float:
    """The documented formula, from the machine's verdicts with some replaced."""
    total = got = 0.0
    for it in items:
        status = override.get(it["id"], it["machine_status"])
        if status in VALUE:
            total += it["weight"]
            got += it["weight"] * VALUE[status]
    return round(100 * got / total, 1)


def override(report: Path, item: str, status: str, reason: str = "复核理由", reviewer: str = "张三",
             *extra: str) -> subprocess.CompletedProcess:
    return run_scorer("override", str(report), item, "--status", status, "--reason", reason,
                      "--reviewer", reviewer, *extra)


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         encoding="utf-8", check=True).stdout
    return "".join(out.split())


# --------------------------------------------------------------------------- score


def test_a_correction_changes_the_score_by_the_right_amount(report, machine):
    assert all(it["machine_status"] == it["status"] and it["review"] is None for it in machine["items"])
    assert machine["text_sha256"] and len(machine["text_sha256"]) == 64
    missing = next(it for it in machine["items"] if it["status"] == "missing")
    partial = next(it for it in machine["items"] if it["status"] == "partial")

    res = override(report, missing["id"], "已覆盖", "第二部分写明了具体举措", "张三")
    assert res.returncode == 0, res.stderr
    assert "缺失 → 已覆盖" in res.stdout
    res = override(report, partial["id"], "missing", "只是口号", "李四")
    assert res.returncode == 0, res.stderr

    reviewed = score_json(report)[0]
    want = expected_score(machine["items"], {missing["id"]: "covered", partial["id"]: "missing"})
    assert reviewed["score"] == want != machine["score"]
    assert reviewed["machine_score"] == machine["score"]
    by_id = {it["id"]: it for it in reviewed["items"]}
    one = by_id[missing["id"]]
    assert (one["status"], one["machine_status"]) == ("covered", "missing")
    assert one["review"]["reviewer"] == "张三" and one["review"]["reason"] == "第二部分写明了具体举措"
    assert one["review"]["stale"] is False and one["review"]["date"]
    assert by_id[partial["id"]]["status"] == "missing"
    # The area scores follow the reviewed verdicts too.
    area = next(a for a in reviewed["areas"] if a["name"] == missing["area"])
    machine_area = next(a for a in machine["areas"] if a["name"] == missing["area"])
    assert area["covered"] == machine_area["covered"] + 1

    table = run_scorer("score", str(report))
    assert table.returncode == 0
    assert f"得分 {want:.1f}" in table.stdout and f"机器评分 {machine['score']:.1f}" in table.stdout
    assert "人工复核（2 项，改变机器结论 2 项）" in table.stdout

    explain = run_scorer("explain", str(report), missing["id"])
    assert explain.returncode == 0
    assert "已覆盖（人工复核）" in explain.stdout
    assert "机器结论「缺失」，张三" in explain.stdout and "第二部分写明了具体举措" in explain.stdout


def test_the_review_file_is_readable_yaml_beside_the_report(report, machine):
    item = machine["items"][0]["id"]
    res = override(report, item, "不适用", "本区未设该机构", "王五", "--date", "2026-03-01",
                   "--evidence", machine["items"][1]["evidence"][0]["text"][:12] if machine["items"][1]["evidence"] else "法治")
    assert res.returncode == 0, res.stderr
    path = report.with_name(report.name + ".review.yaml")
    text = path.read_text(encoding="utf-8")
    assert "status: 不适用" in text and "reviewer: 王五" in text and "date: 2026-03-01" in text
    assert f"text_sha256: {machine['text_sha256']}" in text
    assert "checklist: outline-2021" in text and "evidence: {start:" in text
    assert text.startswith("# 人工复核记录")


def test_remove_takes_one_back_and_keeps_the_rest_and_comments(report, machine):
    from scorer.models import ReportResult
    from scorer.review import write_override

    items = [it["id"] for it in machine["items"][:3]]
    result = ReportResult.model_validate({**machine, "sections": []})
    for item in items:
        write_override(report, item, "covered", "有", "张三", result=result, text_sha256=machine["text_sha256"])
    path = report.with_name(report.name + ".review.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("records:\n", "records:\n  # 法制科 2026 年复核\n"),
                    encoding="utf-8")
    res = run_scorer("override", str(report), items[1], "--remove")
    assert res.returncode == 0 and "已撤回" in res.stdout
    text = path.read_text(encoding="utf-8")
    assert f"{items[0]}:" in text and f"{items[2]}:" in text and f"{items[1]}:" not in text
    assert "# 法制科 2026 年复核" in text
    again = run_scorer("override", str(report), items[1], "--remove")
    assert again.returncode == 2 and "没有条目" in again.stderr
    reviewed = {it["id"]: it for it in score_json(report)[0]["items"]}
    assert reviewed[items[1]]["review"] is None and reviewed[items[0]]["review"] is not None


def test_bad_override_arguments_exit_2(report):
    bad = override(report, "O21-01", "大致覆盖")
    assert bad.returncode == 2 and "结论「大致覆盖」不正确" in bad.stderr
    no_reason = run_scorer("override", str(report), "O21-01", "--status", "covered", "--reviewer", "张三")
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    unknown = override(report, "O99-99", "covered")
    assert unknown.returncode == 2 and "没有条目「O99-99」" in unknown.stderr
    structure = override(report, "S-5", "covered")
    assert structure.returncode == 2 and "符合" in structure.stderr
    assert "Traceback" not in bad.stderr + no_reason.stderr + unknown.stderr + structure.stderr
    assert not report.with_name(report.name + ".review.yaml").exists()


# --------------------------------------------------------------------------- stale


def test_a_record_is_flagged_stale_after_the_report_text_changes(report, machine):
    missing = next(it for it in machine["items"] if it["status"] == "missing")
    assert override(report, missing["id"], "covered").returncode == 0
    assert score_json(report)[0]["score"] > machine["score"]

    with report.open("a", encoding="utf-8") as fh:
        fh.write("\n本报告于2024年1月修订。\n")
    after = score_json(report)[0]
    it = next(i for i in after["items"] if i["id"] == missing["id"])
    assert it["review"]["stale"] is True and it["status"] == "missing" == it["machine_status"]
    assert "报告正文已改变" in it["review"]["stale_reasons"]
    assert after["score"] == expected_score(after["items"], {})
    assert any("待重新复核" in w and missing["id"] in w for w in after["warnings"])
    table = run_scorer("score", str(report))
    assert "待重新复核" in table.stdout

    # Recording it again against the new text puts it back in force.
    assert override(report, missing["id"], "covered").returncode == 0
    again = next(i for i in score_json(report)[0]["items"] if i["id"] == missing["id"])
    assert again["review"]["stale"] is False and again["status"] == "covered"


def test_a_record_for_another_checklist_version_is_stale(report, tmp_path, machine):
    item = next(it for it in machine["items"] if it["status"] == "missing")["id"]
    assert override(report, item, "covered").returncode == 0
    path = report.with_name(report.name + ".review.yaml")
    version = machine["checklist"]["version"]
    text = path.read_text(encoding="utf-8")
    assert f"checklist_version: '{version}'" in text
    path.write_text(text.replace(f"checklist_version: '{version}'", "checklist_version: '2025.9'"), encoding="utf-8")
    it = next(i for i in score_json(report)[0]["items"] if i["id"] == item)
    assert it["review"]["stale"] and it["status"] == "missing"
    assert any("2025.9" in r for r in it["review"]["stale_reasons"])


# --------------------------------------------------------------------------- bad files


def _valid_file(report: Path, sha: str) -> str:
    return textwrap.dedent(f"""\
        # 人工复核记录
        report: {report.name}
        records:
          O21-01:
            title: 推进政府机构职能优化协同高效
            checklist: outline-2021
            checklist_version: '2026.1'
            text_sha256: {sha}
            machine_status: 缺失
            status: 已覆盖
            reviewer: 张三
            reason: 第二部分写明了
            date: 2026-03-01
        """)


# case -> (line to change (startswith), its replacement, message); an added line goes after it.
BAD_FILES = {
    "bad status": ("    status:", "    status: 大致覆盖", "结论「大致覆盖」不正确"),
    "empty reason": ("    reason:", "    reason: ''", "理由 reason 不能为空"),
    "unknown field": ("    date:", "    date: 2026-03-01\n    reviewr: 李四", "未知字段「reviewr」"),
    "bad date": ("    date:", "    date: 三月一日", "日期 date 应为日期"),
    "bad sha": ("    text_sha256:", "    text_sha256: abc", "text_sha256 应为 64 位十六进制"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_record_file_gives_exit_2_with_file_and_line(report, tmp_path, case, machine):
    sha = machine["text_sha256"]
    prefix, replacement, message = BAD_FILES[case]
    lines = _valid_file(report, sha).splitlines()
    idx = next(i for i, ln in enumerate(lines) if ln.startswith(prefix))
    lines[idx] = replacement
    line = idx + 1 + replacement.count("\n")  # the changed (or added) line, 1-based
    review = report.with_name(report.name + ".review.yaml")
    review.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    shutil.copy(SEEDS / "zibo-hitech-2017.txt", other)

    res = run_scorer("score", str(report), str(other))
    assert res.returncode == 2
    assert f"{review}:{line}: " in res.stderr and message in res.stderr, res.stderr
    assert "Traceback" not in res.stderr
    assert "淄博" in res.stdout  # the other report is still scored
    if case != "bad status":
        return
    for args in (("explain", str(report), "O21-01"), ("check", str(report))):
        r = run_scorer(*args)
        assert r.returncode == 2 and f"{review}:{line}: " in (r.stderr + r.stdout), (args, r.stderr)
    # Writing into a broken file is refused rather than overwriting it.
    w = override(report, "O21-02", "covered")
    assert w.returncode == 2 and f"{review}:{line}: " in w.stderr
    assert "O21-02" not in review.read_text(encoding="utf-8")


def test_duplicate_item_and_yaml_errors_name_the_line(report, machine):
    review = report.with_name(report.name + ".review.yaml")
    sha = machine["text_sha256"]
    good = _valid_file(report, sha)
    dup = good + "".join(ln + "\n" for ln in good.splitlines()[3:])
    review.write_text(dup, encoding="utf-8")
    res = run_scorer("score", str(report))
    assert res.returncode == 2 and f"{review}:14: " in res.stderr and "键重复" in res.stderr
    review.write_text("records:\n  O21-01: [未闭合\n", encoding="utf-8")
    res = run_scorer("score", str(report))
    assert res.returncode == 2 and f"{review}:" in res.stderr and "YAML" in res.stderr
    review.write_bytes("records: {}\n# 说明\n".encode("gbk"))
    res = run_scorer("score", str(report))
    assert res.returncode == 2 and "不是 UTF-8" in res.stderr


# --------------------------------------------------------------------------- concurrency


def test_concurrent_writes_of_two_records_lose_neither(report):
    procs = [subprocess.Popen([sys.executable, "-m", "scorer", "override", str(report), item, "--status", "covered",
                               "--reason", f"并发 {item}", "--reviewer", "张三"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for item in ("O21-01", "O21-07")]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read().decode()
    text = report.with_name(report.name + ".review.yaml").read_text(encoding="utf-8")
    assert "并发 O21-01" in text and "并发 O21-07" in text


WRITER = """
import sys, time
from pathlib import Path
from scorer.models import ReportResult
from scorer.review import write_override
report, result_json, go, k, n = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
result = ReportResult.model_validate_json(Path(result_json).read_text(encoding="utf-8"))
while not go.exists():
    time.sleep(0.01)
for it in result.items[k::n]:
    write_override(report, it.id, "covered", f"writer {k}", f"w{k}", result=result, text_sha256=result.text_sha256)
"""


def test_many_concurrent_writers_through_the_api_lose_nothing(report, tmp_path):
    from scorer.analysis.pipeline import score_file

    result = score_file(report)
    result_json = tmp_path / "result.json"
    result_json.write_text(result.model_dump_json(), encoding="utf-8")
    go = tmp_path / "go"
    n = 4
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(report), str(result_json), str(go), str(k), str(n)],
                              cwd=ROOT, stderr=subprocess.PIPE) for k in range(n)]
    go.touch()
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read().decode()
    from scorer.review import load_reviews, review_file_for

    reviews = load_reviews(review_file_for(report))
    assert sorted(reviews.records) == sorted(it.id for it in result.items)
    assert not [p for p in report.parent.iterdir() if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- batch cache


def test_editing_a_review_needs_no_rescore(report, tmp_path, machine):
    out = tmp_path / "out"
    first = run_scorer("score", str(report), "--out", str(out), "--format", "json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)[0]
    assert summary["score"] == machine["score"]
    item = next(it for it in machine["items"] if it["status"] == "missing")
    assert override(report, item["id"], "covered").returncode == 0
    second = run_scorer("score", str(report), "--out", str(out), "--format", "json")
    assert second.returncode == 0
    assert "已跳过 1 份（未变化）" in second.stderr
    row = json.loads(second.stdout)[0]
    assert row["score"] == expected_score(machine["items"], {item["id"]: "covered"}) and row["reviewed"] == 1 and row["changed"] == 1
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["reports"][0]["score"] == row["score"]
    # The cached result file keeps the machine's verdicts.
    cached = json.loads((out / index["reports"][0]["result_file"]).read_text(encoding="utf-8"))
    assert cached["score"] == machine["score"]


# --------------------------------------------------------------------------- check


def test_check_uses_reviewed_verdicts_and_junit_shows_them(report, tmp_path, machine):
    failing = next(s for s in machine["structure"] if s["status"] == "missing")["id"]
    junit = tmp_path / "check.xml"
    before = run_scorer("check", str(report), "--require", failing, "--format", "junit", "--output", str(junit))
    assert before.returncode == 1
    assert ET.parse(junit).getroot().get("failures") == "1"

    assert override(report, failing, "已覆盖", "第五部分写明了下一年度安排", "李四").returncode == 0
    after = run_scorer("check", str(report), "--require", failing, "--format", "junit", "--output", str(junit))
    assert after.returncode == 0, after.stdout
    root = ET.parse(junit).getroot()
    assert root.get("failures") == "0"
    out = root.find(".//system-out").text
    assert f"人工复核：{failing}" in out and "缺失 → 已覆盖" in out and "李四" in out


def test_require_reviewed_fails_until_every_failing_item_is_reviewed(report, machine):
    failing = [it["id"] for it in machine["items"] + machine["structure"]
               if it["status"] in ("missing", "partial", "fail") and not it["advisory"]]
    res = run_scorer("check", str(report), "--require-reviewed", "--format", "json")
    assert res.returncode == 1
    reasons = json.loads(res.stdout)["reports"][0]["reasons"]
    assert any("未经人工复核" in r and f"共 {len(failing)} 项" in r or f"等 {len(failing)} 项" in r for r in reasons)
    from scorer.analysis.pipeline import score_file
    from scorer.review import write_override

    result = score_file(report)
    for item in failing[1:]:  # confirm all but one (the machine was right)
        status = next(it["status"] for it in machine["items"] + machine["structure"] if it["id"] == item)
        write_override(report, item, status, "确认", "张三", result=result, text_sha256=result.text_sha256)
    one_left = run_scorer("check", str(report), "--require-reviewed")
    assert one_left.returncode == 1 and f"{failing[0]}（" in one_left.stdout and "共 1 项" in one_left.stdout
    assert override(report, failing[0], "不适用", "本区不设该机构").returncode == 0
    ok = run_scorer("check", str(report), "--require-reviewed")
    assert ok.returncode == 0, ok.stdout
    # Without the flag nothing about reviews fails a report.
    assert run_scorer("check", str(report)).returncode == 0


# --------------------------------------------------------------------------- PDFs


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_gap_report_and_review_show_the_correction(report, tmp_path, machine):
    missing = next(it for it in machine["items"] if it["status"] == "missing")
    confirmed = next(it for it in machine["items"] if it["status"] == "covered")
    assert override(report, missing["id"], "已覆盖", "第三部分写明合法性审核全覆盖", "张三").returncode == 0
    assert override(report, confirmed["id"], "已覆盖", "属实", "李四").returncode == 0
    want = expected_score(machine["items"], {missing["id"]: "covered"})

    out = tmp_path / "pdf"
    res = run_scorer("report", str(report), "--out", str(out), "--quiet")
    assert res.returncode == 0, res.stderr
    text = pdf_text(next(out.glob("*.pdf")))
    assert "本报告有2项结论经人工复核，其中1项改变了机器结论" in text
    assert f"综合得分由机器评分{machine['score']:.1f}分变为{want:.1f}分" in text
    assert f"机器结论“缺失”，经张三于" in text and "复核改为“已覆盖”" in text
    assert "复核理由：第三部分写明合法性审核全覆盖" in text
    assert "李四于" in text and "确认机器结论“已覆盖”" in text

    res = run_scorer("review", str(report), "--out", str(tmp_path / "review.pdf"), "--quiet")
    assert res.returncode == 0, res.stderr
    text = pdf_text(tmp_path / "review.pdf")
    assert "1份报告的2项结论经人工复核，其中1项改变了机器结论" in text
    assert "复核" in text and "2/1" in text  # the per-report column: reviewed/changed
    assert f"{want:.1f}" in text


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_a_weak_covered_verdict_is_marked_until_a_reviewer_settles_it(report, tmp_path, machine):
    # the seed's weak verdicts: O21-12 rests on one sentence counted through its heading; O21-03, O21-11 and O21-30
    # each on one sentence that names the item in one phrase only (SCORE-CONFIDENCE)
    weak = [it["id"] for it in machine["items"] if it["needs_check"]]
    assert weak == ["O21-03", "O21-11", "O21-12", "O21-30"]
    said = run_scorer("score", str(report))
    assert "其中4项证据较弱、建议核对（O21-03、O21-11、O21-12、O21-30）" in "".join(said.stdout.split())
    out = tmp_path / "before"
    assert run_scorer("report", str(report), "--out", str(out), "--quiet").returncode == 0
    text = "".join(pdf_text(next(out.glob("*.pdf"))).split())
    assert "已覆盖15项（4项建议核对）" in text and "标“建议核对”的4项只有一句写到具体事实" in text
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    rows = [row for row in html.split("<tr>") if 'class="ck-tag"' in row]
    assert len(rows) == 4 and '<span class="id">O21-12</span>' in rows[2]
    assert run_scorer("review", str(report), "--out", str(tmp_path / "review-before.pdf"), "--quiet").returncode == 0
    assert "各报告共有4项“已覆盖”结论证据较弱" in pdf_text(tmp_path / "review-before.pdf")

    # one settled: three stay marked
    assert override(report, "O21-12", "已覆盖", "第二部分另有执法公示的做法", "李四").returncode == 0
    said = run_scorer("score", str(report))
    assert "其中3项证据较弱、建议核对（O21-03、O21-11、O21-30）" in "".join(said.stdout.split())
    # all settled (one of them turned to 部分覆盖): none is marked anywhere
    assert override(report, "O21-03", "已覆盖", "涉企行政处罚案件即营商环境执法", "李四").returncode == 0
    assert override(report, "O21-11", "已覆盖", "重点领域处罚案件有数字", "李四").returncode == 0
    assert override(report, "O21-30", "部分覆盖", "任务清单只是部署，没有写督察考核", "李四").returncode == 0
    out = tmp_path / "after"
    assert run_scorer("report", str(report), "--out", str(out), "--quiet").returncode == 0
    text = pdf_text(next(out.glob("*.pdf")))
    assert "项建议核对）" not in text and not re.search(r"标“建议核对”的\d+项", text)
    assert 'class="ck-tag"' not in next(out.glob("*.html")).read_text(encoding="utf-8")
    assert run_scorer("review", str(report), "--out", str(tmp_path / "review-after.pdf"), "--quiet").returncode == 0
    assert "结论证据较弱" not in pdf_text(tmp_path / "review-after.pdf")
    assert "建议核对" not in "".join(run_scorer("score", str(report)).stdout.split())


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_gap_report_flags_a_stale_record(report, tmp_path, machine):
    item = next(it for it in machine["items"] if it["status"] == "missing")["id"]
    assert override(report, item, "covered", "有", "张三").returncode == 0
    report.write_text(report.read_text(encoding="utf-8") + "\n附：补充说明。\n", encoding="utf-8")
    out = tmp_path / "pdf"
    assert run_scorer("report", str(report), "--out", str(out), "--quiet").returncode == 0
    text = pdf_text(next(out.glob("*.pdf")))
    assert "待重新复核" in text and "该复核结论未生效，仍按机器结论“缺失”计" in text


# --------------------------------------------------------------------------- eval --reviews


def test_eval_reviews_measures_the_machine_and_lists_cited_sentences(report, machine):
    missing = next(it for it in machine["items"] if it["status"] == "missing")
    covered = next(it for it in machine["items"] if it["status"] == "covered")
    sentence = covered["evidence"][0]["text"]
    assert override(report, missing["id"], "covered", "漏判", "张三", "--evidence", sentence[:15]).returncode == 0
    assert override(report, covered["id"], "covered", "属实", "张三").returncode == 0
    res = run_scorer("eval", "--reviews", str(report.parent), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["records"] == 2 and data["reports"] == 1
    o = data["overall"]
    assert (o["tp"], o["fn"], o["fp"]) == (1, 1, 0) and o["recall"] == 0.5 and o["agreement"] == 0.5
    cited = data["items"][missing["id"]]["missed"]
    assert cited[0]["text"] == sentence and cited[0]["machine"] == "missing"
    assert data["areas"][missing["area"]]["n"] >= 1
    table = run_scorer("eval", "--reviews", str(report.parent))
    assert "机器漏判的条目及复核人引用的原文" in table.stdout and sentence[:15] in table.stdout


def test_eval_reviews_tells_how_often_the_verdicts_marked_to_check_were_upheld(report, machine):
    """The office's own measure of the 建议核对 mark: of the machine's 已覆盖 verdicts its reviewers looked at,
    how many of the marked ones and of the others they upheld."""
    marked = next(it for it in machine["items"] if it["needs_check"])
    plain = [it for it in machine["items"] if it["status"] == "covered" and not it["needs_check"]][:2]
    assert override(report, marked["id"], "partial", "只是通报问题，不是执法程序的制度", "张三").returncode == 0
    assert override(report, plain[0]["id"], "covered", "属实", "张三").returncode == 0
    assert override(report, plain[1]["id"], "covered", "属实", "张三").returncode == 0
    data = json.loads(run_scorer("eval", "--reviews", str(report.parent), "--json").stdout)
    assert (data["covered_marked_check"]["n"], data["covered_marked_check"]["agreement"]) == (1, 0.0)
    assert (data["covered_not_marked"]["n"], data["covered_not_marked"]["agreement"]) == (2, 1.0)
    table = "".join(run_scorer("eval", "--reviews", str(report.parent)).stdout.split())
    assert "机器判为已覆盖、标“建议核对”的：复核1条，0条维持原结论（0%）" in table
    assert "机器判为已覆盖、未标的：复核2条，2条维持原结论（100%）" in table


def test_eval_reviews_without_records_exits_2(tmp_path):
    res = run_scorer("eval", "--reviews", str(tmp_path))
    assert res.returncode == 2 and "没有人工复核记录" in res.stderr


def test_eval_reviews_against_another_rule_book_lists_the_records_it_turns(report, machine, tmp_path):
    """The reviewers' corrections as a regression check for a checklist change: with the figures and the
    concrete-action rules (SIG-QUANTITY, SIG-ACT) switched off in another book, some 已覆盖 verdicts fall. A
    reviewer who upheld one of them sees it listed as 改对 for the book in force; one who had corrected another to
    the lower verdict sees it as 改错."""
    from scorer.analysis.pipeline import score_file
    from scorer.checklist.rules import using_rulebook
    from scorer.paths import SHIPPED_CHECKLIST_DIR

    text = (SHIPPED_CHECKLIST_DIR / "rules.yaml").read_text(encoding="utf-8")
    other = tmp_path / "rules-off.yaml"
    for rule in ("SIG-QUANTITY", "SIG-ACT"):
        text = text.replace(f"  - id: {rule}\n", f"  - id: {rule}\n    enabled: false\n", 1)
    other.write_text(text, encoding="utf-8")
    with using_rulebook(other):
        without = {it.id: it.status.value for it in score_file(SEEDS / SEED).items}
    fallen = [it["id"] for it in machine["items"] if it["status"] == "covered" and without[it["id"]] != "covered"]
    assert len(fallen) >= 2, fallen
    kept = next(it["id"] for it in machine["items"] if it["status"] == "covered" and without[it["id"]] == "covered")
    assert override(report, fallen[0], "covered", "有数字，属实", "张三").returncode == 0
    lower = without[fallen[1]]
    assert override(report, fallen[1], lower, "数字是计划，不是完成的工作", "李四").returncode == 0
    assert override(report, kept, "covered", "属实", "张三").returncode == 0
    res = run_scorer("eval", "--reviews", str(report.parent), "--against", str(other), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert (data["compared"], data["current_same"], data["against_same"]) == (3, 2, 2)
    assert [(r["item"], r["reviewer"], r["machine"]) for r in data["fixed"]] == [(fallen[0], "covered",
                                                                                  without[fallen[0]])]
    assert [(r["item"], r["reviewer"], r["machine"]) for r in data["broken"]] == [(fallen[1], lower, "covered")]
    table = run_scorer("eval", "--reviews", str(report.parent), "--against", str(other)).stdout
    names = {"partial": "部分覆盖", "missing": "缺失"}
    assert f"改对 {SEED} {fallen[0]}：复核人判已覆盖，对比的规则判{names[without[fallen[0]]]}" in table
    assert f"改错 {SEED} {fallen[1]}：复核人判{names[lower]}，当前规则判已覆盖" in table
    # The same book in a checklists folder of its own is scored by a child process: the same records turn
    folder = tmp_path / "checklists"
    shutil.copytree(SHIPPED_CHECKLIST_DIR, folder)
    shutil.copy(other, folder / "rules.yaml")
    by_folder = json.loads(run_scorer("eval", "--reviews", str(report.parent), "--against", str(folder),
                                      "--json").stdout)
    assert by_folder["fixed"] == data["fixed"] and by_folder["broken"] == data["broken"]
