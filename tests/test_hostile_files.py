"""Files anyone can put in a pull request (issue 10): decompression bombs, huge markup,
endless lines, folders that hide things, names that break lines. Each is generated
here (small on disk), run through the real CLI, and must end with one Chinese line
for itself while the other files are still processed. Limits are enforced by the
code (scorer/analysis/limits.py, the worker pool's time limit and memory cap) and
asserted by behaviour, not by timing."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from cli_helpers import ROOT, SEEDS, run_scorer
from scorer.analysis import limits

SEED = SEEDS / "huaian-hongze-2023.txt"
SEED2 = SEEDS / "zibo-hitech-2017.txt"
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils 未安装（scripts/setup.sh 会安装）")


# --------------------------------------------------------------------------- generators


def pdf_file(contents: list[bytes], filters: bytes = b"/FlateDecode") -> bytes:
    """A valid PDF with one page per content stream (Helvetica text), each stream
    zlib-compressed once per entry of `filters` (e.g. b"[/FlateDecode /FlateDecode]")."""
    n = len(contents)
    font = 3 + 2 * n
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n)) + b"] /Count %d >>" % n]
    for i, content in enumerate(contents):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        data = content
        for _ in range(filters.count(b"/FlateDecode")):
            data = zlib.compress(data, 9)
        objs.append(b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


TEXT_OP = b"BT /F1 12 Tf 72 700 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n"


def pdf_bomb(inflated: int = 400 * 1024 * 1024) -> bytes:
    """~1.2 MB on disk; its one content stream inflates to `inflated` bytes of text operators."""
    return pdf_file([TEXT_OP * (inflated // len(TEXT_OP))])


def slow_pdf(pages: int = 150) -> bytes:
    """Within every limit, but many pages of dense text: pdfminer needs many seconds."""
    line = b"(" + b"Rule of law government annual report " * 2 + b") '\n"
    page = b"BT /F1 9 Tf 20 820 Td 11 TL\n" + line * 70 + b"ET\n"
    return pdf_file([page] * pages)


def docx_bomb(path: Path, megabytes: int = 320) -> None:
    """A .docx (about 1 MB) whose word/document.xml inflates to `megabytes` MB: under
    the old 500 MB limit of the whole zip, far over what a report's text needs."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            para = b"<w:p><w:r><w:t>" + "法治政府建设".encode() * 40 + b"</w:t></w:r></w:p>"
            block = para * ((1 << 20) // len(para))
            for _ in range(megabytes):
                fh.write(block)
            fh.write(b"</w:body></w:document>")


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("错误：")]


def without_dac(cmd: list[str]) -> list[str]:
    """Run `cmd` without the capabilities that let root read and write anything, so
    that file permissions apply (tests run as root); as is for other users."""
    if os.geteuid() != 0:
        return cmd
    if not shutil.which("setpriv"):
        pytest.skip("需要 setpriv（util-linux）才能以 root 身份测试无权限的文件夹")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *cmd]


def run_unprivileged(*args, cwd: Path | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    return subprocess.run(without_dac([sys.executable, "-m", "scorer", *map(str, args)]), capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=timeout)


# --------------------------------------------------------------------------- 1. PDF bombs and slow PDFs


def test_pdf_bomb_is_refused_in_one_line(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_bomb())
    assert bomb.stat().st_size < 2 * 1024 * 1024
    proc = run_scorer("score", "--jobs", "1", bomb)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert error_lines(proc.stderr) == [
        f"错误：{bomb}: PDF 中有数据流解压后超过 {limits.MAX_PDF_STREAM // limits.MB} MB（可能是压缩炸弹），未评查"]


def test_pdf_bomb_in_a_batch_leaves_a_complete_output_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.pdf").write_bytes(pdf_bomb())
    shutil.copy(SEED, tmp_path / "in" / "a.txt")
    shutil.copy(SEED2, tmp_path / "in" / "c.txt")
    out = tmp_path / "out"
    proc = run_scorer("score", tmp_path / "in", "--out", out, "--jobs", "2")
    assert proc.returncode == 2, proc.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert (index["inputs"], index["failed"]) == (3, 1)
    assert [e["source"] for e in index["errors"]] == [str(tmp_path / "in" / "bomb.pdf")]
    assert len(list((out / "results").glob("*.json"))) == 2
    assert (out / "summary.csv").exists()


def test_pdf_inflated_twice_and_pdf_with_too_many_pages_are_refused(tmp_path):
    double = tmp_path / "double.pdf"  # the first inflation is small, the second is the bomb
    double.write_bytes(pdf_file([TEXT_OP * (40 * 1024 * 1024 // len(TEXT_OP))], b"[/FlateDecode /FlateDecode]"))
    many = tmp_path / "many-pages.pdf"
    many.write_bytes(pdf_file([b"BT /F1 12 Tf 72 700 Td (page) Tj ET"] * (limits.MAX_PDF_PAGES + 50)))
    proc = run_scorer("score", double, many, SEED, "--format", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    errors = error_lines(proc.stderr)
    assert errors == [
        f"错误：{double}: PDF 第 1 页的内容解压后超过 {limits.MAX_PDF_PAGE_CONTENT // limits.MB} MB（可能是压缩炸弹），未评查",
        f"错误：{many}: PDF 页数过多（{limits.MAX_PDF_PAGES + 50} 页，上限 {limits.MAX_PDF_PAGES} 页），不像一份年度报告，未评查",
    ]
    assert [r["source"] for r in json.loads(proc.stdout)] == [str(SEED)]


def test_a_file_over_the_time_limit_is_stopped_and_the_others_are_processed(tmp_path):
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(slow_pdf())
    for command in ("score", "check"):
        proc = run_scorer(command, slow, SEED, "--timeout", "1", "--jobs", "1", "--format", "json")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert error_lines(proc.stderr) == [
            f"错误：{slow}: 处理超时（1 秒内未完成），已停止处理这个文件；文件可能异常（如解压后极大的内容），"
            "如确为正常报告，可用 --timeout 放宽时限"], proc.stderr
        data = json.loads(proc.stdout)
        scored = data if command == "score" else [r for r in data["reports"] if r["status"] != "error"]
        assert [r["source"] for r in scored] == [str(SEED)]


def test_a_worker_that_needs_too_much_memory_fails_alone(tmp_path):
    from scorer.running.runner import run_batch

    paths = [str(SEED), "needs-3GB.txt", str(SEED2)]
    outcomes = list(run_batch(paths, jobs=2, worker=allocate_3gb_on_marked_file))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].error == "needs-3GB.txt: 文件过大，内存不足，无法处理"


def allocate_3gb_on_marked_file(task):
    from scorer.running.tasks import score_task

    if "3GB" in task.source:
        blob = bytearray(3 * 1024 ** 3)  # over the worker's address-space cap: MemoryError
        return blob  # never reached
    return score_task(task)


# --------------------------------------------------------------------------- 2. .docx bombs


def test_docx_whose_text_inflates_to_hundreds_of_mb_is_refused_by_its_declared_size(tmp_path):
    bomb = tmp_path / "bomb.docx"
    docx_bomb(bomb)
    assert bomb.stat().st_size < 3 * 1024 * 1024
    proc = run_scorer("check", bomb, SEED, "--format", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert error_lines(proc.stderr) == [
        f"错误：{bomb}: 文件过大（Word 文档的正文 word/document.xml解压后 320 MB，上限为 "
        f"{limits.MAX_DOCX_XML // limits.MB} MB，一份报告的正文远小于此），未评查"]
    statuses = {r["source"]: r["status"] for r in json.loads(proc.stdout)["reports"]}
    assert statuses == {str(bomb): "error", str(SEED): "pass"}


# --------------------------------------------------------------------------- 3. huge HTML


def test_huge_html_is_refused_by_size_markup_or_text_before_parsing(tmp_path):
    big = tmp_path / "big.html"  # over the byte limit
    with open(big, "wb") as fh:
        fh.write(b"<html><body>")
        block = ("<p>" + "法治政府建设" * 50 + "</p>").encode() * 1000
        while fh.tell() <= limits.MAX_HTML_BYTES:
            fh.write(block)
        fh.write(b"</body></html>")
    markup = tmp_path / "markup.html"  # 3 MB of empty elements
    markup.write_bytes(b"<html><body>" + b"<div><span></span></div>" * 130_000 + b"</body></html>")
    text = tmp_path / "text.html"  # under the byte limit, but far more text than a report
    text.write_bytes(b"<html><body><p>" + "依法行政".encode() * 800_000 + b"</p></body></html>")
    proc = run_scorer("score", big, markup, text, SEED, "--format", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    errors = error_lines(proc.stderr)
    assert len(errors) == 3, proc.stderr
    assert errors[0].startswith(f"错误：{big}: 网页文件过大（") and "上限为 20 MB" in errors[0]
    assert errors[1] == (f"错误：{markup}: 网页标记过多（约 520,004 个标签，上限 {limits.MAX_HTML_TAGS:,} 个），"
                         "不像一篇报告，未评查")
    assert errors[2].startswith(f"错误：{text}: 网页文字过多（")
    assert [r["source"] for r in json.loads(proc.stdout)] == [str(SEED)]


# --------------------------------------------------------------------------- 4. endless sentences


@needs_poppler
def test_a_line_of_a_million_characters_gives_a_short_report(tmp_path):
    line = tmp_path / "line.txt"
    # A real report with its sentence punctuation and line breaks gone, inside 1.5 million characters of filler.
    report = re.sub(r"[。！？；\n]", "", SEED.read_text(encoding="utf-8"))
    filler = "这是一段没有任何标点符号的很长的文字" * (750_000 // 18)
    line.write_text("关于2023年度法治政府建设工作的报告\n" + filler + report + filler + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_scorer("report", line, "--out", out, "--no-html", timeout=300)
    assert proc.returncode == 0, proc.stderr
    [pdf] = visible(out)
    own = tmp_path / "own"
    assert run_scorer("report", SEED, "--out", own, "--no-html").returncode == 0
    [own_pdf] = visible(own)
    # before: a 100,000-character line alone gave 176 pages. Now about as long as the same report's own gap
    # report (16 pages, 18 here): its sentences are 300-character pieces, so each quoted piece is longer and
    # finds evidence for a few more items. The bound follows the report's own length, so that a round's new
    # vocabulary (which lengthens both) does not move it.
    assert pdf_pages(pdf) <= pdf_pages(own_pdf) + 4
    [cached] = (out / ".scorer" / "results").glob("*.json")
    result = json.loads(cached.read_text(encoding="utf-8"))
    quotes = [ev["text"] for it in result["items"] for ev in it["evidence"]]
    assert quotes and max(map(len, quotes)) <= 300  # sentences are cut at a comma or at 300 characters
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "…" in text  # quotes are shortened around the hit


# --------------------------------------------------------------------------- 8. report batches


def report_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    paths = []
    for i in range(n):
        p = folder / f"r{i:03d}.txt"
        p.write_text(seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n（样本 {i}）\n", encoding="utf-8")
        paths.append(p)
    return paths


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))


def visible(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


@needs_poppler
def test_report_batch_writes_each_report_when_done_survives_kill_and_resumes(tmp_path):
    n = 16
    report_corpus(tmp_path / "in", n)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "scorer", "report", str(tmp_path / "in"), "--out", str(out),
                             "--jobs", "2", "--quiet", "--no-html"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and (not out.exists() or len(visible(out)) < 3):
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, mid-write or not
        proc.wait()
    done = visible(out)
    assert 3 <= len(done) < n, "the run was not killed midway"
    for pdf in done:  # every visible file is a whole PDF
        assert pdf.suffix == ".pdf"
        subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True)
    before = {p.name: p.stat().st_ino for p in done}

    again = run_scorer("report", tmp_path / "in", "--out", out, "--jobs", "2", "--no-html", timeout=600)
    assert again.returncode == 0, again.stderr
    assert len(visible(out)) == n
    unchanged = [ln for ln in again.stdout.splitlines() if "未变化，未重新生成" in ln]
    assert len(unchanged) >= len(done)
    assert {p.name: p.stat().st_ino for p in visible(out) if p.name in before} == before  # not rewritten
    assert not [p for p in out.rglob("*.tmp")]

    third = run_scorer("report", tmp_path / "in", "--out", out, "--jobs", "2", "--no-html", timeout=300)
    assert third.returncode == 0 and f"已跳过 {n} 份（未变化）" in third.stderr
    assert third.stdout.count("未变化，未重新生成") == n


@needs_poppler
def test_report_files_deleted_after_a_run_are_written_again(tmp_path):
    paths = report_corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    first = run_scorer("report", *paths, "--out", out)
    assert first.returncode == 0, first.stderr
    names = [p.name for p in visible(out)]
    assert len(names) == 4  # PDF and HTML each
    for p in visible(out):
        p.unlink()
    shutil.rmtree(out / ".scorer" / "rendered")
    again = run_scorer("report", *paths, "--out", out)
    assert again.returncode == 0, again.stderr
    assert [p.name for p in visible(out)] == names


# --------------------------------------------------------------------------- 10. what a folder hides


def folder_with_surprises(root: Path) -> Path:
    reports = root / "reports"
    (reports / "own").mkdir(parents=True)
    shutil.copy(SEED, reports / "own" / "a.txt")
    shutil.copy(SEED2, reports / "own" / "b.txt")
    elsewhere = root / "elsewhere"
    report_corpus(elsewhere, 5)
    (reports / "linked").symlink_to(elsewhere, target_is_directory=True)
    (reports / "loop").symlink_to(reports, target_is_directory=True)  # must not recurse forever
    (reports / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    (reports / "金山文字.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    (reports / "网页另存.doc").write_text("<html><body><p>" + SEED2.read_text(encoding="utf-8") + "</p></body></html>",
                                       encoding="utf-8")
    (reports / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (reports / ".hidden.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (reports / "dangling.txt").symlink_to(root / "gone.txt")
    locked = reports / "locked"
    locked.mkdir()
    shutil.copy(SEED, locked / "c.txt")
    locked.chmod(0)
    return reports


def test_every_skipped_or_unreadable_entry_gets_a_line(tmp_path):
    reports = folder_with_surprises(tmp_path)
    try:
        proc = run_unprivileged("check", reports, "--format", "json")
    finally:
        (reports / "locked").chmod(0o755)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout)
    passed = sorted(Path(r["source"]).name for r in data["reports"] if r["status"] == "pass")
    assert passed == ["a.txt", "b.txt", "r000.txt", "r001.txt", "r002.txt", "r003.txt", "r004.txt", "网页另存.doc"]
    errors = error_lines(proc.stderr)
    hint = "旧版 Word/WPS 文档（.doc/.wps），无法读取：请用 Word 或 WPS 另存为 .docx 后再评查"
    assert sorted(errors) == sorted([
        f"错误：{reports / 'dangling.txt'}: 符号链接指向的文件不存在",
        f"错误：{reports / 'locked'}: 无权限读取文件夹，其中的文件未评查",
        f"错误：{reports / '旧版.doc'}: {hint}",
        f"错误：{reports / '金山文字.wps'}: {hint}",
    ])
    notices = [ln for ln in proc.stderr.splitlines() if ln.startswith("提示：")]
    assert sorted(notices) == sorted([
        f"提示：{reports / 'notes.csv'}: 已跳过，不是可评查的报告文件格式（.csv）",
        f"提示：{reports / '.hidden.txt'}: 已跳过，文件名以“.”开头（隐藏文件）；如需评查请改名",
    ])
    assert not any(".hidden" in r["source"] for r in data["reports"])


def test_score_and_check_find_the_same_files(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    shutil.copy(SEED, d / "a.txt")
    (d / ".hidden.txt").write_text(SEED2.read_text(encoding="utf-8"), encoding="utf-8")
    score = run_scorer("score", d, "--format", "json")
    check = run_scorer("check", d, "--format", "json")
    pattern = run_scorer("check", str(d / "*.txt"), "--format", "json")  # quoted: the shell did not expand it
    assert score.returncode == check.returncode == pattern.returncode == 0, (check.stderr, pattern.stderr)
    want = [str(d / "a.txt")]
    assert [r["source"] for r in json.loads(score.stdout)] == want
    assert [r["source"] for r in json.loads(check.stdout)["reports"]] == want
    assert [r["source"] for r in json.loads(pattern.stdout)["reports"]] == want


# --------------------------------------------------------------------------- 11. unwritable --output


def test_check_output_into_a_folder_it_cannot_write(tmp_path):
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        proc = run_unprivileged("check", SEED, "--format", "junit", "--output", locked / "report.xml")
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert error_lines(proc.stderr) == [f"错误：{locked / 'report.xml'}: 无法写入结果文件（没有写入权限），未检查任何报告"]
    assert list(locked.iterdir()) == []
    blocker = tmp_path / "file.txt"  # a path through a file stops root too
    blocker.write_text("x", encoding="utf-8")
    proc = run_scorer("check", SEED, "--output", blocker / "report.xml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert error_lines(proc.stderr) == [f"错误：{blocker / 'report.xml'}: 无法写入结果文件（路径中有一部分是文件而不是文件夹），未检查任何报告"]


# --------------------------------------------------------------------------- 12. control characters in names


def test_a_newline_in_a_file_name_cannot_start_a_workflow_command(tmp_path):
    evil = tmp_path / "a\n::notice::gotcha\r.txt"
    evil.write_bytes(b"")
    shown = str(evil).replace("\n", "\\n").replace("\r", "\\r")
    for args in (["score", evil, SEED], ["check", evil, SEED], ["check", evil, SEED, "--format", "github"],
                 ["score", tmp_path, "--out", tmp_path / "out"]):
        proc = run_scorer(*args)
        assert proc.returncode == 2, proc.stderr
        for stream in (proc.stdout, proc.stderr):
            # only the summary line scorer itself writes may be a workflow command
            assert not [ln for ln in stream.splitlines()
                        if ln.startswith("::notice") and not ln.startswith("::notice title=scorer check::")], stream
        assert f"错误：{shown}: 文件为空" in proc.stderr.splitlines()
    junit = run_scorer("check", evil, "--format", "junit")
    import xml.etree.ElementTree as ET

    case = ET.fromstring(junit.stdout).find("testsuite/testcase")
    assert case.get("name") == shown


# --------------------------------------------------------------------------- 14. lookalikes


@needs_poppler
def test_review_lists_non_reports_apart(tmp_path):
    recipe = tmp_path / "菜谱.txt"
    recipe.write_text("红烧肉的做法\n五花肉切块，冷水下锅焯水。锅中放糖炒出糖色，加入肉块翻炒，加生抽、老抽和清水，小火炖一小时。\n",
                      encoding="utf-8")
    out = tmp_path / "review.pdf"
    proc = run_scorer("review", SEED, SEED2, recipe, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "2 份报告，另有 1 个文件不像年度报告" in proc.stdout
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    ranking = flat[flat.index("得分排名"):flat.index("得分分布")]
    assert "菜谱" not in ranking and "淮安市洪泽区" in ranking
    assert "未参与排名的文件（1个）" in flat and "菜谱.txt" in flat[flat.index("未参与排名的文件"):]


# --------------------------------------------------------------------------- check on the batch runner


def test_check_uses_the_batch_cache(tmp_path):
    cache = tmp_path / "cache"
    first = run_scorer("check", SEEDS, "--jobs", "2", "--cache", cache, "--format", "json")
    assert first.returncode == 0, first.stderr
    again = run_scorer("check", SEEDS, "--jobs", "2", "--cache", cache, "--format", "json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["reports"] == json.loads(first.stdout)["reports"]
    index = json.loads((cache / "index.json").read_text(encoding="utf-8"))
    assert (index["inputs"], index["skipped"]) == (5, 5)


def test_report_text_that_looks_like_terminal_markup_is_printed_as_it_is(tmp_path):
    odd = tmp_path / "[bold]报告.txt"
    odd.write_text("关于淮安市洪泽区2023年度法治政府建设工作的报告\n全区办理行政复议案件[/red]48件，纠错率12%。\n",
                   encoding="utf-8")
    table = run_scorer("score", odd)
    assert table.returncode == 0 and "Traceback" not in table.stderr, table.stderr
    assert "[bold]报告.txt" in table.stdout
    explain = run_scorer("explain", odd, "O21-19")
    assert explain.returncode == 0, explain.stderr
    assert "「全区办理行政复议案件[/red]48件，纠错率12%。」" in explain.stdout
