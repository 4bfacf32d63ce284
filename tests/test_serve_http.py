"""`scorer serve` over HTTP: the real command in a subprocess on 127.0.0.1, spoken to
with raw requests (paths are sent as written, so `../` really reaches the server).

Covers the list and its filters, uploads (good, bad, too large), paths outside the
folders, the token on a non-loopback bind, host and origin checks, the review
records shared with the CLI, the PDF downloads and the checklist export."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from cli_helpers import run_scorer
from serve_helpers import SEEDS, Server, copy_seeds, multipart, rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server over a copy of the five seeds (tests below add files to it)."""
    base = tmp_path_factory.mktemp("serve")
    folder = copy_seeds(base / "reports")
    server = Server(str(folder), "--cache", str(base / "cache"), log_dir=base).start()
    server.folder = folder
    try:
        server.wait_idle()
        yield server
    finally:
        server.stop()


def pdf_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


# =========================================================================== list


def test_list_shows_every_report_with_its_figures(served):
    status, body = served.get("/")
    assert status == 200
    assert sorted(rows(body)) == sorted(f"0/{p.name}" for p in SEEDS.glob("*.txt"))
    for name in ("淮安市洪泽区", "常州市金坛区", "乐山高新区", "扬州经济技术开发区", "淄博高新技术产业开发区"):
        assert name in body
    assert "2021-2025年纲要" in body and "2015-2020年纲要" in body
    # the score shown is the CLI's score for the same file
    cli = json.loads(run_scorer("score", SEEDS / "huaian-hongze-2023.txt", "--format", "json").stdout)[0]
    row = re.search(r'<tr data-id="0/huaian-hongze-2023.txt">(.*?)</tr>', body, re.S).group(1)
    assert f"{cli['score']:.1f}" in row
    missing = sum(1 for it in cli["items"] if it["status"] == "missing")
    assert re.search(rf'<td class="r">{missing}</td>', row)
    assert "未复核" in row
    # covered verdicts on weak evidence (建议核对): the same count as the CLI's needs_check
    weak = sum(1 for it in cli["items"] if it["needs_check"])
    assert weak >= 1 and re.search(rf'<td class="r" title="[^"]*">{weak}</td>', row)


def test_sorting_by_the_verdicts_to_check_first(served):
    _, body = served.get("/?sort=check&order=desc")
    counts = [int(c) if c != "—" else 0 for c in re.findall(r'<td class="r" title="证据较弱[^"]*">([^<]+)</td>', body)]
    assert len(counts) == 5 and counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


@pytest.mark.parametrize("query, expected", [
    ("year=2018", {"changzhou-jintan-2018.txt", "yangzhou-etdz-2018.txt"}),
    ("outline=outline-2021", {"huaian-hongze-2023.txt"}),
    ("kind=county", {"changzhou-jintan-2018.txt", "huaian-hongze-2023.txt"}),
    ("q=乐山", {"leshan-hitech-2019.txt"}),
])
def test_filters(served, query, expected):
    status, body = served.get("/?" + quote(query, safe="=&"))
    assert status == 200
    assert {r.split("/", 1)[1] for r in rows(body)} == expected


def test_score_range_filter_and_sorting(served):
    _, body = served.get("/?sort=score&order=desc")
    scores = [float(s) for s in re.findall(r'<span class="score band-\w+">([\d.]+)</span>', body)]
    assert len(scores) >= 5 and scores == sorted(scores, reverse=True)
    lo, hi = 50, 70
    _, body = served.get(f"/?smin={lo}&smax={hi}")
    kept = [float(s) for s in re.findall(r'<span class="score band-\w+">([\d.]+)</span>', body)]
    assert kept and all(lo <= s <= hi for s in kept)
    assert len(kept) < len(scores)


def test_htmx_request_gets_only_the_table(served):
    status, body = served.get("/?year=2023", headers={"HX-Request": "true", "HX-Target": "table"})
    assert status == 200
    assert "<html" not in body and rows(body) == ["0/huaian-hongze-2023.txt"]


# =========================================================================== uploads


def upload(server, files, folder="0", headers=None):
    body, ctype = multipart(files, {"folder": folder})
    return server.request("POST", "/upload", body, {"Content-Type": ctype, **(headers or {})})


def test_upload_scores_and_lists_the_file(served):
    text = (SEEDS / "zibo-hitech-2017.txt").read_bytes()
    status, _h, data = upload(served, [("上传的报告.txt", text)])
    body = data.decode("utf-8")
    assert status == 200, body
    assert "已评查：上传的报告.txt" in body and "淄博" in body
    assert (served.folder / "上传的报告.txt").read_bytes() == text
    _, listing = served.get("/?q=" + quote("上传的报告"))
    assert rows(listing) == ["0/上传的报告.txt"]
    # the same name again is kept beside it, never over it
    status, _h, data = upload(served, [("上传的报告.txt", text)])
    assert status == 200 and "上传的报告-2.txt" in data.decode("utf-8")
    assert (served.folder / "上传的报告-2.txt").exists()


@pytest.mark.parametrize("name, content", [
    ("空文件.txt", b""),
    ("乱码.pdf", b"%PDF-1.4 not really a pdf \x00\x01\x02" * 20),
    ("二进制.txt", bytes(range(256)) * 40),
])
def test_bad_upload_gets_the_cli_message_and_is_not_kept(served, tmp_path, name, content):
    status, _h, data = upload(served, [(name, content)])
    body = data.decode("utf-8")
    assert status == 400
    line = re.search(r'<li class="err">(.*?)</li>', body).group(1)
    # the CLI's own line for the same file
    (tmp_path / name).write_bytes(content)
    cli = run_scorer("score", name, cwd=tmp_path)
    assert cli.returncode == 2
    cli_line = next(ln for ln in cli.stderr.splitlines() if ln.startswith("错误："))
    assert line == cli_line, (line, cli_line)
    assert not (served.folder / name).exists()
    assert not any(p.name.startswith(".") for p in served.folder.iterdir() if p.suffix == ".upload")


def test_upload_of_other_file_types_is_refused(served):
    status, _h, data = upload(served, [("setup.exe", b"MZ\x90\x00" * 100)])
    assert status == 400
    assert "错误：setup.exe: 不支持的文件类型" in data.decode("utf-8")
    assert not (served.folder / "setup.exe").exists()


def test_upload_name_cannot_leave_the_folder(served):
    text = (SEEDS / "leshan-hitech-2019.txt").read_bytes()
    status, _h, data = upload(served, [("../../逃逸.txt", text)])
    assert status == 200, data.decode("utf-8")
    assert (served.folder / "逃逸.txt").exists()
    assert not (served.folder.parent / "逃逸.txt").exists() and not (served.folder.parent.parent / "逃逸.txt").exists()


def test_50_mb_upload_is_refused_before_it_is_read(served):
    big = b"0" * (50 * 1024 * 1024)
    status, _h, data = upload(served, [("大文件.pdf", big)])
    assert status == 413
    assert "过大" in data.decode("utf-8") and "30 MB" in data.decode("utf-8")
    assert not (served.folder / "大文件.pdf").exists()
    assert served.get("/")[0] == 200  # still serving


def test_upload_without_length_that_grows_too_large_is_stopped(served):
    """Chunked body (no Content-Length): refused once it passes the limit."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=120)
    body, ctype = multipart([("大文件.txt", b"x" * (31 * 1024 * 1024))], {"folder": "0"})
    conn.putrequest("POST", "/upload")
    conn.putheader("Content-Type", ctype)
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    try:
        for i in range(0, len(body), 1 << 20):
            chunk = body[i:i + (1 << 20)]
            conn.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        conn.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may stop reading and answer early
    resp = conn.getresponse()
    text = resp.read().decode("utf-8")
    conn.close()
    assert resp.status == 413 and "过大" in text
    assert not (served.folder / "大文件.txt").exists()


# =========================================================================== paths


@pytest.mark.parametrize("path", [
    "/report/0/../../../../etc/passwd",
    "/file/0/../../../../etc/passwd",
    "/file/0/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/file/0/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/pdf/0/../cache/serve-index.json",
    "/file/0//etc/passwd",
    "/file/1/huaian-hongze-2023.txt",
    "/static/../../scorer/serve/app.py",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
])
def test_paths_outside_the_folders_are_refused(served, path):
    status, body = served.get(path)
    assert status in (403, 404), (path, status)
    assert "root:" not in body and "import" not in body and "[project]" not in body
    assert "评查" in body  # a Chinese page, not a bare error


def test_link_to_a_file_outside_the_folder_is_not_served(served, tmp_path):
    outside = tmp_path / "secret.txt"
    shutil.copy(SEEDS / "huaian-hongze-2023.txt", outside)
    link = served.folder / "链接.txt"
    link.symlink_to(outside)
    try:
        served.request("POST", "/rescan", b"", {"Content-Type": "application/x-www-form-urlencoded"})
        time.sleep(1)
        body = served.wait_idle()
        assert "0/链接.txt" not in rows(body)
        assert served.get("/file/0/" + quote("链接.txt"))[0] == 404
        assert served.get("/report/0/" + quote("链接.txt"))[0] == 404
    finally:
        link.unlink()


def test_original_file_download(served):
    status, headers, data = served.request("GET", "/file/0/huaian-hongze-2023.txt")
    assert status == 200
    assert data == (SEEDS / "huaian-hongze-2023.txt").read_bytes()
    assert "attachment" in headers["content-disposition"]


# =========================================================================== guard


def test_foreign_host_header_is_refused_on_loopback(served):
    status, body = served.get("/", headers={"Host": "evil.example:8000"})
    assert status == 403 and "只接受本机访问" in body


def test_cross_site_post_is_refused(served):
    status, _h, data = served.request(
        "POST", "/verdict/0/huaian-hongze-2023.txt", b"item=O21-14&status=covered&reason=x&reviewer=y",
        {"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"})
    assert status == 403 and "只接受来自本评查台页面的提交" in data.decode("utf-8")
    assert not (served.folder / "huaian-hongze-2023.txt.review.yaml").exists() or \
        "O21-14" not in (served.folder / "huaian-hongze-2023.txt.review.yaml").read_text("utf-8")


def test_non_loopback_bind_needs_the_token_for_every_request(tmp_path):
    folder = copy_seeds(tmp_path / "reports")
    with Server(str(folder), "--host", "0.0.0.0", "--cache", str(tmp_path / "cache"), log_dir=tmp_path) as server:
        assert server.token and len(server.token) >= 20
        assert "访问令牌" in server.out.read_text("utf-8")
        for path in ("/", "/static/serve.css", "/report/0/huaian-hongze-2023.txt", "/checklist", "/progress"):
            status, body = server.get(path)  # from this machine, still refused
            assert status == 403 and "需要访问令牌" in body, path
        assert server.get("/?token=wrong-token")[0] == 403
        status, _h, data = upload(server, [("a.txt", b"x")])
        assert status == 403 and not (folder / "a.txt").exists()
        # the token once in the address: a cookie, and the address without it
        status, headers, _ = server.request("GET", f"/?token={server.token}")
        assert status == 303 and headers["location"] == "/"
        cookie = headers["set-cookie"].split(";")[0]
        assert "HttpOnly" in headers["set-cookie"]
        assert server.get("/", headers={"Cookie": cookie})[0] == 200
        assert server.get("/", headers={"X-Scorer-Token": server.token})[0] == 200
        # any Host is fine there (other computers use the machine's address)
        assert server.get("/", headers={"X-Scorer-Token": server.token, "Host": "10.1.2.3:8000"})[0] == 200


# =========================================================================== reviews


def verdict(server, report, **form):
    body = "&".join(f"{k}={quote(str(v))}" for k, v in form.items()).encode()
    return server.request("POST", f"/verdict/0/{quote(report)}", body,
                          {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"})


def test_review_writes_the_cli_records_and_updates_the_score(served):
    report = "changzhou-jintan-2018.txt"
    cli_before = json.loads(run_scorer("score", served.folder / report, "--format", "json").stdout)[0]
    item = next(it for it in cli_before["items"] if it["status"] == "missing")
    status, headers, data = verdict(served, report, item=item["id"], status="covered",
                                    reason="第三部分写明了具体做法和数据", reviewer="李四")
    body = data.decode("utf-8")
    assert status == 200, body
    assert headers["hx-retarget"] == f"#item-{item['id']}"
    review_file = served.folder / f"{report}.review.yaml"
    assert review_file.exists() and item["id"] in review_file.read_text("utf-8")
    # the CLI reads the same record
    cli_after = json.loads(run_scorer("score", served.folder / report, "--format", "json").stdout)[0]
    after = next(it for it in cli_after["items"] if it["id"] == item["id"])
    assert after["status"] == "covered" and after["review"]["reviewer"] == "李四"
    assert cli_after["score"] > cli_before["score"]
    # the page's new score is the CLI's
    assert re.search(r'id="score-value">([\d.]+)<', body).group(1) == f"{cli_after['score']:.1f}"
    _, listing = served.get("/?review=reviewed")
    assert f"0/{report}" in rows(listing)
    # taking it back restores the machine's verdict
    status, _h, data = verdict(served, report, item=item["id"], action="remove")
    assert status == 200
    assert re.search(r'id="score-value">([\d.]+)<', data.decode()).group(1) == f"{cli_before['score']:.1f}"


def test_confirming_a_verdict_to_check_takes_it_off_the_count(served):
    report = "yangzhou-etdz-2018.txt"
    cli = json.loads(run_scorer("score", served.folder / report, "--format", "json").stdout)[0]
    weak = [it["id"] for it in cli["items"] if it["needs_check"]]
    cell = rf'<tr data-id="0/{re.escape(report)}">.*?<td class="r" title="证据较弱[^"]*">([^<]+)</td>'
    _, listing = served.get("/")
    assert re.search(cell, listing, re.S).group(1) == str(len(weak))
    status, _h, data = verdict(served, report, item=weak[0], status="covered", reason="原文另有数据", reviewer="李四")
    assert status == 200, data.decode("utf-8")
    _, listing = served.get("/")
    left = re.search(cell, listing, re.S).group(1)
    assert left == (str(len(weak) - 1) if len(weak) > 1 else "—")
    status, _h, _d = verdict(served, report, item=weak[0], action="remove")
    assert status == 200


@pytest.mark.parametrize("form, message", [
    ({"status": "covered", "reason": "", "reviewer": "张三"}, "请填写复核理由"),
    ({"status": "covered", "reason": "理由", "reviewer": ""}, "请填写复核人"),
    ({"status": "", "reason": "理由", "reviewer": "张三"}, "请选择复核结论"),
    ({"status": "pass", "reason": "理由", "reviewer": "张三"}, "复核结论只能是"),
])
def test_review_without_reason_or_with_a_wrong_verdict_is_refused(served, form, message):
    status, headers, data = verdict(served, "zibo-hitech-2017.txt", item="O15-01", **form)
    assert status == 422
    assert message in data.decode("utf-8")
    assert headers["hx-retarget"] == "#dialog-error"
    assert not (served.folder / "zibo-hitech-2017.txt.review.yaml").exists()


def test_cli_override_shows_up_and_goes_stale_when_the_report_changes(served):
    report = served.folder / "yangzhou-etdz-2018.txt"
    result = json.loads(run_scorer("score", report, "--format", "json").stdout)[0]
    item = result["items"][0]["id"]
    cli = run_scorer("override", report, item, "--status", "partial", "--reason", "只有原则表述", "--reviewer", "王五")
    assert cli.returncode == 0, cli.stderr
    served.request("POST", "/rescan", b"", {"Content-Type": "application/x-www-form-urlencoded"})
    time.sleep(0.5)
    served.wait_idle()
    _, listing = served.get("/?review=reviewed")
    assert "0/yangzhou-etdz-2018.txt" in rows(listing)
    status, page = served.get("/report/0/yangzhou-etdz-2018.txt")
    assert status == 200 and "王五" in page and "只有原则表述" in page
    # the report text changes: the record is 待重新复核
    report.write_text(report.read_text("utf-8") + "\n补充说明：本报告于次年一月修订。\n", "utf-8")
    served.request("POST", "/rescan", b"", {"Content-Type": "application/x-www-form-urlencoded"})
    time.sleep(0.5)
    served.wait_idle()
    _, listing = served.get("/?review=stale")
    assert rows(listing) == ["0/yangzhou-etdz-2018.txt"]
    _, page = served.get("/report/0/yangzhou-etdz-2018.txt")
    assert "待重新复核" in page and "报告正文已改变" in page


# =========================================================================== outputs


def test_gap_report_pdf(served, tmp_path):
    status, headers, data = served.request("GET", "/pdf/0/huaian-hongze-2023.txt")
    assert status == 200 and headers["content-type"] == "application/pdf"
    assert data.startswith(b"%PDF")
    assert quote("淮安市洪泽区-2023.pdf") in headers["content-disposition"]
    text = pdf_text(data, tmp_path)
    assert "淮安市洪泽区" in text and "2023" in text


def test_review_pdf_of_the_filter(served, tmp_path):
    status, headers, data = served.request("GET", "/review.pdf?year=2018")
    assert status == 200 and data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert "常州市金坛区" in text and "扬州经济技术开发区" in text
    assert "淮安市洪泽区" not in text and "乐山高新区" not in text
    status, body = served.get("/review.pdf?year=1999")
    assert status == 404 and "没有评查成功的报告" in body


def test_checklist_page_and_excel_export(served):
    status, body = served.get("/checklist/outline-2021")
    assert status == 200
    assert "O21-19" in body and "行政复议" in body and "导出为 Excel" in body
    status, headers, data = served.request("GET", "/checklist/outline-2021.xlsx")
    assert status == 200 and data[:2] == b"PK"
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "O21-19" in cells
    assert served.get("/checklist/../../etc/passwd")[0] == 404
    assert served.get("/checklist/nonexistent.xlsx")[0] == 404


def test_unknown_page_is_a_chinese_404(served):
    status, body = served.get("/no-such-page")
    assert status == 404 and "找不到页面" in body


# =========================================================================== the command


def test_missing_folder_is_one_chinese_line(tmp_path):
    r = run_scorer("serve", tmp_path / "nope", "--port", "0", timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == f"错误：{tmp_path / 'nope'}: 文件夹不存在"


def test_port_in_use_is_one_chinese_line(served):
    r = run_scorer("serve", str(served.folder), "--port", str(served.port), timeout=60)
    assert r.returncode == 2
    assert f"端口 {served.port} 已被占用" in r.stderr and "Traceback" not in r.stderr


def test_restart_takes_unchanged_reports_from_the_cache(tmp_path):
    """A second start over the same folder scores only what changed."""
    from scorer.serve.library import Library

    folder = copy_seeds(tmp_path / "reports")
    first = Library([str(folder)], tmp_path / "cache")
    first.scan()
    assert first.progress.total == 5 and len(first.entries) == 5
    (folder / "zibo-hitech-2017.txt").write_text((folder / "zibo-hitech-2017.txt").read_text("utf-8") + "\n附：修订。\n",
                                                 "utf-8")
    (folder / "leshan-hitech-2019.txt").unlink()
    again = Library([str(folder)], tmp_path / "cache")
    assert len(again.entries) == 5  # listed from the index before anything is read
    again.scan()
    assert again.progress.total == 1  # only the changed report was scored again
    assert sorted(e.rel for e in again.entries.values()) == sorted(
        p.name for p in SEEDS.glob("*.txt") if p.name != "leshan-hitech-2019.txt")
    # a changed checklist fingerprint scores everything again
    again.fingerprint = "something else"
    again.scan()
    assert again.progress.total == 4



def test_upload_of_several_files_in_one_request_including_word(served, tmp_path):
    import docx

    document = docx.Document()
    for line in (SEEDS / "huaian-hongze-2023.txt").read_text("utf-8").splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    html = ("<html><head><title>报告</title></head><body><div class='content'>"
            + "".join(f"<p>{ln}</p>" for ln in (SEEDS / "leshan-hitech-2019.txt").read_text("utf-8").splitlines())
            + "</div></body></html>").encode("utf-8")
    status, _h, data = upload(served, [("洪泽.docx", buf.getvalue()), ("乐山.html", html), ("坏.docx", b"PK\x03\x04broken")])
    body = data.decode("utf-8")
    assert status == 400  # one of them failed
    assert "已评查：洪泽.docx（淮安市洪泽区2023" in body and "已评查：乐山.html" in body
    assert re.search(r'<li class="err">错误：坏\.docx: [^<]+</li>', body)
    assert (served.folder / "洪泽.docx").exists() and not (served.folder / "坏.docx").exists()


def test_broken_review_file_keeps_the_report_listed_with_the_problem(served):
    report = "leshan-hitech-2019.txt"
    review_file = served.folder / f"{report}.review.yaml"
    review_file.write_text("records:\n  O15-01: [这不是合法的记录\n", "utf-8")
    try:
        served.request("POST", "/rescan", b"", {"Content-Type": "application/x-www-form-urlencoded"})
        time.sleep(0.5)
        body = served.wait_idle()
        assert f"0/{report}" in rows(body)
        row = re.search(rf'<tr data-id="0/{re.escape(report)}">(.*?)</tr>', body, re.S).group(1)
        assert "记录有误" in row
        status, page = served.get(f"/report/0/{report}")
        assert status == 200 and "复核记录文件有误" in page and f"{report}.review.yaml" in page
        # and the CLI says the same file is broken
        cli = run_scorer("score", served.folder / report)
        assert cli.returncode == 2 and f"{report}.review.yaml" in cli.stderr
    finally:
        review_file.unlink()
