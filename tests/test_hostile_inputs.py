"""Hostile and broken inputs: each gives one clear line of Chinese for its own file
and costs nothing else. They are scored in ONE batch together with a good seed,
whose result must come out exactly as when it is scored alone."""

from __future__ import annotations

import base64
import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from cli_helpers import SEEDS, run_scorer
from scorer.running.batch import Task, checklist_fingerprint, score_task

SEED = SEEDS / "huaian-hongze-2023.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SCRIPT_MARKER = "脚本里的行政复议案件999件"


def pdf_without_text_layer() -> bytes:
    """A valid one-page PDF that only paints a rectangle: what a scanner without OCR gives."""
    content = b"0 0 1 rg 100 100 200 200 re f"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def zip_of_something_else() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("OEBPS/content.opf", "<package/>")
    return buf.getvalue()


def docx_zip_bomb(path: Path) -> None:
    """A .docx whose document.xml inflates to 600 MB (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(600):
                fh.write(chunk)


def html_with_scripts_and_huge_image() -> str:
    image = base64.b64encode(os.urandom(3_900_000)).decode()  # a 5 MB data: URI
    body = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines() if line.strip())
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>法治政府建设报告</title>"
            f"<script>var t = '{SCRIPT_MARKER}'; document.write(t);</script>"
            "<style>p { color: red }</style></head><body>"
            f"<script>for (;;) {{ alert('{SCRIPT_MARKER}') }}</script>"
            f"<img alt='图' src='data:image/png;base64,{image}'>{body}"
            "<script src='x.js'></script></body></html>")


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def big_text(path: Path, size: int = 50 * 1024 * 1024) -> None:
    chunk = (SEED_TEXT * 20).encode("utf-8")
    with open(path, "wb") as fh:
        while fh.tell() < size:
            fh.write(chunk)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(folder, {name: expected error words or None for scored}) """
    d = tmp_path_factory.mktemp("hostile")
    expected: dict[str, str | None] = {}

    def put(name: str, content: bytes | str, error: str | None) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (d / name).write_bytes(data)
        expected[name] = error

    put("空 报告.txt", b"", "文件为空")
    put("binary.txt", bytes(range(256)) * 64, "二进制文件")
    big_text(d / "huge-50MB.txt")
    expected["huge-50MB.txt"] = "文件过大"
    put("只有标题.txt", "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）加强组织领导\n"
        "（二）推进依法决策\n二、存在的不足\n三、下一步工作安排\n", None)
    put("gbk 编码.txt", SEED_TEXT.replace("\xa0", " ").encode("gbk"), None)  # GBK has no no-break space
    put("gb18030.txt", (SEED_TEXT + "\n生僻字：𠀀㐀\n").encode("gb18030"), None)
    put("page with scripts.html", html_with_scripts_and_huge_image(), None)
    put("其实是压缩包.docx", zip_of_something_else(), "Word 文档已损坏或不是 .docx 格式")
    docx_zip_bomb(d / "zip-bomb.docx")
    expected["zip-bomb.docx"] = "word/document.xml解压后 600 MB"
    put("扫描件 没有文字.pdf", pdf_without_text_layer(), "OCR")
    put("broken.pdf", b"%PDF-1.7\n" + os.urandom(2000), "PDF 已损坏或已加密")
    put("繁體 報告.txt", to_traditional(SEED_TEXT), None)
    put("洪泽区 2023年 法治政府 建设报告.txt", SEED_TEXT, None)
    os.mkfifo(d / "pipe.txt")  # reading it would block forever
    expected["pipe.txt"] = "不是普通文件"
    put("good-seed.txt", SEED_TEXT, None)
    return d, expected


@pytest.fixture(scope="module")
def hostile_batch(hostile):
    d, expected = hostile
    files = [d / name for name in expected]
    t0 = time.monotonic()
    proc = run_scorer("score", *files, "--format", "json", "--jobs", "2", timeout=300)
    elapsed = time.monotonic() - t0
    return proc, elapsed, files


def test_hostile_batch_exits_2_and_lists_each_bad_file_once(hostile, hostile_batch):
    d, expected = hostile
    proc, elapsed, _ = hostile_batch
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("错误：")]
    bad = {name: words for name, words in expected.items() if words}
    assert len(errors) == len(bad), proc.stderr
    for name, words in bad.items():
        mine = [ln for ln in errors if ln.startswith(f"错误：{d / name}: ")]
        assert len(mine) == 1, (name, proc.stderr)
        assert words in mine[0], mine[0]
    assert f"{len(bad)} 个文件未能评查" in proc.stderr
    assert elapsed < 120


def test_good_files_in_the_hostile_batch_are_scored_in_order(hostile, hostile_batch):
    d, expected = hostile
    proc, _, files = hostile_batch
    results = json.loads(proc.stdout)
    good = [str(d / name) for name, words in expected.items() if not words]
    assert [r["source"] for r in results] == good


def test_the_seed_result_is_intact(hostile, hostile_batch):
    d, _ = hostile
    proc, _, _ = hostile_batch
    results = {r["source"]: r for r in json.loads(proc.stdout)}
    alone = run_scorer("score", d / "good-seed.txt", "--format", "json", "--jobs", "1")
    assert alone.returncode == 0, alone.stderr
    assert results[str(d / "good-seed.txt")] == json.loads(alone.stdout)[0]


def test_encodings_traditional_and_odd_names_score_like_the_seed(hostile, hostile_batch):
    d, _ = hostile
    proc, _, _ = hostile_batch
    results = {Path(r["source"]).name: r for r in json.loads(proc.stdout)}
    seed = results["good-seed.txt"]

    def statuses(r):
        return [(it["id"], it["status"]) for it in r["items"]]

    for name in ("gbk 编码.txt", "gb18030.txt", "洪泽区 2023年 法治政府 建设报告.txt"):
        r = results[name]
        assert (r["jurisdiction"], r["year"], r["score"]) == (seed["jurisdiction"], seed["year"], seed["score"]), name
        assert statuses(r) == statuses(seed), name
    trad = results["繁體 報告.txt"]
    assert "原文为繁体中文，已转换为简体中文后评查" in trad["warnings"]
    assert trad["jurisdiction"] == seed["jurisdiction"] and trad["year"] == seed["year"]
    assert abs(trad["score"] - seed["score"]) <= 10


def test_html_scripts_are_not_read_and_the_huge_image_does_not_matter(hostile, hostile_batch):
    proc, _, _ = hostile_batch
    page = next(r for r in json.loads(proc.stdout) if r["source"].endswith("page with scripts.html"))
    assert SCRIPT_MARKER not in json.dumps(page, ensure_ascii=False)
    assert page["jurisdiction"] == "淮安市洪泽区" and page["score"] > 0


def test_a_report_of_only_headings_is_scored_with_a_warning(hostile, hostile_batch):
    proc, _, _ = hostile_batch
    r = next(r for r in json.loads(proc.stdout) if r["source"].endswith("只有标题.txt"))
    assert r["score"] < 20 and r["warnings"]
    assert not any(it["status"] == "covered" for it in r["items"])  # headings name topics, report no facts


def test_a_50mb_text_is_refused_within_seconds(hostile):
    d, _ = hostile
    path = str(d / "huge-50MB.txt")
    fp = checklist_fingerprint("auto")
    score_task(Task(index=0, source=str(SEED), path=str(SEED), checklist="auto", fingerprint=fp))  # warm
    t0 = time.monotonic()
    o = score_task(Task(index=0, source=path, path=path, checklist="auto", fingerprint=fp))
    assert "文件过大" in o.error
    assert time.monotonic() - t0 < 5


def test_a_50mb_text_is_refused_by_its_size_before_reading(hostile):
    d, _ = hostile
    path = str(d / "huge-50MB.txt")
    o = score_task(Task(index=0, source=path, path=path, checklist="auto", fingerprint=checklist_fingerprint("auto")))
    problem = o.error.removeprefix(f"{path}: ")
    assert "MB" in problem  # the size message of the stat check, not the character count after reading


# --------------------------------------------------------------------------- checklist and output folder

EVIL_CHECKLIST = """id: evil
version: "1"
title: 含回溯陷阱的清单
areas: [甲]
items:
  - id: E-1
    area: 甲
    title: 法律顾问
    requirement: 有法律顾问
    phrases: [法律顾问]
  - id: E-2
    area: 甲
    title: 陷阱
    requirement: 会卡死的正则
    patterns:
      - '(法治+)+$'
"""


@pytest.mark.parametrize("pattern, trap", [
    # The endings (卡死检验…) do not occur in the seed, so only the trap line can match.
    ("(治+)+卡死检验", "治" * 40 + "卡死检验"),
    (r"(\d|\d)*件行政复议受理卡死检验", "1" * 40 + "件行政复议受理卡死检验"),
    (r"\d*\d*\d*\d*\d*\d*\d*\d*件结案卡死检验", "1" * 34 + "件结案卡死检验"),
    ("(法治|法治)+卡死检验", "法治" * 40 + "卡死检验"),
])
def test_backtracking_regex_in_a_checklist_is_matched_in_linear_time(tmp_path, pattern, trap):
    # With Python's re each of these takes exponential time on its trap (hours to years);
    # checklist patterns are compiled with RE2, whose time is linear in the text. The
    # subprocess timeout turns a regression into a failure instead of a hung suite.
    evil = tmp_path / "evil.yaml"
    evil.write_text(EVIL_CHECKLIST.replace("'(法治+)+$'", "'" + pattern + "'"), encoding="utf-8")
    near = tmp_path / "near.txt"  # the trap without its ending: the worst case, no match
    near.write_text(SEED_TEXT + "\n" + trap[:-2] + "。\n", encoding="utf-8")
    hit = tmp_path / "hit.txt"
    hit.write_text(SEED_TEXT + "\n" + trap + "\n", encoding="utf-8")
    proc = run_scorer("score", near, hit, "--checklist", evil, "--jobs", "2", "--format", "json", timeout=120)
    assert proc.returncode == 0, proc.stderr
    near_r, hit_r = json.loads(proc.stdout)
    e2 = {r["source"]: next(it for it in r["items"] if it["id"] == "E-2") for r in (near_r, hit_r)}
    assert e2[str(near)]["status"] == "missing"
    assert e2[str(hit)]["status"] != "missing"
    assert any(f"正则 {pattern}" in reason for ev in e2[str(hit)]["evidence"] for reason in ev["reasons"])


def test_regex_refused_by_re2_names_file_and_line(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text(EVIL_CHECKLIST.replace("'(法治+)+$'", "'(?<=法治)建设'"), encoding="utf-8")
    proc = run_scorer("score", SEED, "--checklist", evil)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("错误：")]
    assert len(errors) == 1 and errors[0].startswith(f"错误：{evil}:16: 条目 E-2 的正则「(?<=法治)建设」无效")
    assert proc.stdout == ""


def test_unwritable_output_folder_is_a_clear_error_and_loses_nothing(tmp_path):
    # Tests run as root, for whom permissions do not stop writes: a path that goes
    # through a regular file fails for everyone.
    blocker = tmp_path / "file.txt"
    blocker.write_text("不能被覆盖的内容", encoding="utf-8")
    out = blocker / "sub"
    proc = run_scorer("score", SEED, "--out", out)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("错误：")]
    assert errors == [f"错误：{out}: 无法写入输出文件夹（路径中有一部分是文件而不是文件夹），未评查任何报告"]
    assert blocker.read_text(encoding="utf-8") == "不能被覆盖的内容"
    assert proc.stdout == ""


def test_output_folder_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "results.json"
    out.write_text("[]", encoding="utf-8")
    proc = run_scorer("score", SEED, "--out", out)
    assert proc.returncode == 2 and "无法写入输出文件夹" in proc.stderr
    assert out.read_text(encoding="utf-8") == "[]"
