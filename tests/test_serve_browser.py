"""`scorer serve` in a real browser: headless Chromium (Debian's `chromium`, installed
by scripts/setup.sh) driven by Playwright, against the real server in a subprocess.

Open the list, filter it, open a report, click an item and see its evidence
marked in the text, change a verdict with a reason and see the score change,
upload files by drag and drop, download the PDF and read its text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_helpers import run_scorer
from serve_helpers import SEEDS, Server, copy_seeds

CHROMIUM = os.environ.get("SCORER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    folder = copy_seeds(base / "reports")
    server = Server(str(folder), "--cache", str(base / "cache"), "--reviewer", "张三", log_dir=base).start()
    server.folder = folder
    try:
        server.wait_idle()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"没有找到 Chromium（{CHROMIUM}）：请先运行 scripts/setup.sh"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(30000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def report_ids(page) -> list[str]:
    return page.eval_on_selector_all("table.reports tbody tr[data-id]", "rows => rows.map(r => r.dataset.id)")


def test_list_filters_without_reloading(page, served):
    page.goto(served.url)
    assert page.title().startswith("报告列表")
    assert len(report_ids(page)) == 5
    page.select_option("select[name=year]", "2018")
    page.wait_for_function("document.querySelectorAll('table.reports tbody tr[data-id]').length === 2")
    assert sorted(report_ids(page)) == ["0/changzhou-jintan-2018.txt", "0/yangzhou-etdz-2018.txt"]
    assert "year=2018" in page.url  # the filter is in the address: a link to it can be shared
    page.select_option("select[name=kind]", "county")
    page.wait_for_function("document.querySelectorAll('table.reports tbody tr[data-id]').length === 1")
    assert report_ids(page) == ["0/changzhou-jintan-2018.txt"]
    page.click("text=清除筛选")
    page.wait_for_function("document.querySelectorAll('table.reports tbody tr[data-id]').length === 5")
    # sorting by score, highest first
    page.click("th a:has-text('得分')")
    page.wait_for_selector("th.sorted.desc a:has-text('得分')")
    assert "sort=score" in page.url
    scores = [float(s) for s in page.eval_on_selector_all("td.score-cell .score", "els => els.map(e => e.textContent)")]
    assert scores == sorted(scores, reverse=True)


def test_clicking_an_item_marks_its_evidence(page, served):
    page.goto(served.url)
    page.click("a:has-text('淮安市洪泽区')")
    page.wait_for_selector("#report-text")
    assert "淮安市洪泽区2023年度法治政府建设报告" in page.inner_text("h1")
    assert page.locator("#report-text .ev").count() == 0  # nothing marked before a click
    page.click("#item-O21-19 .item-head")
    page.wait_for_selector("#report-text .ev")
    marked = page.eval_on_selector_all("#report-text .ev", "els => els.map(e => e.textContent).join('')")
    hits = page.eval_on_selector_all("#report-text .ev.hit", "els => els.map(e => e.textContent)")
    signals = page.eval_on_selector_all("#report-text .ev.sig", "els => els.map(e => e.textContent)")
    assert "新收行政复议案件" in marked
    assert any("行政复议" in h for h in hits)  # the matched phrase, marked differently from the sentence
    assert "48件" in signals  # a concrete figure, marked differently again
    styles = page.evaluate("""() => {
        const bg = s => getComputedStyle(document.querySelector(s)).backgroundColor;
        return [bg('#report-text .ev:not(.hit):not(.sig)'), bg('#report-text .ev.hit'),
                getComputedStyle(document.querySelector('#report-text .ev.sig')).borderBottomStyle];
    }""")
    assert styles[0] != styles[1] and styles[2] == "solid"
    # the first marked sentence is scrolled into the text pane's view
    page.wait_for_timeout(800)
    visible = page.evaluate("""() => {
        const pane = document.getElementById('text-pane').getBoundingClientRect();
        const ev = document.querySelector('#report-text .ev').getBoundingClientRect();
        return ev.top >= pane.top && ev.bottom <= pane.bottom;
    }""")
    assert visible
    # the item shows its verdict, reasons, requirement and guidance
    body = page.inner_text("#item-O21-19 .item-body")
    assert "结论：已覆盖" in body and "命中「行政复议」" in body and "纲要要求" in body and "报告应写明" in body
    # another item replaces the marks
    page.click("#item-O21-20 .item-head")
    page.wait_for_function("!document.querySelector('#report-text .ev') || "
                           "![...document.querySelectorAll('#report-text .ev')].some(e => e.textContent.includes('48件'))")
    assert "正在显示 O21-20" in page.inner_text("#current-item")


def test_a_missing_item_shows_where_its_phrase_stood_and_why_it_did_not_count(page, served):
    page.goto(served.url)
    page.click("a:has-text('淮安市洪泽区')")
    page.wait_for_selector("#report-text")
    page.click("#item-O21-24 .item-head")
    page.wait_for_selector("#report-text .vt")
    assert page.locator("#report-text .ev").count() == 0  # nothing is shown as evidence
    grey = page.eval_on_selector_all("#report-text .vt", "els => els.map(e => e.textContent).join('')")
    assert grey.startswith("全年分两期对全区行政执法人员800余人")
    assert "未计入的字面命中" in page.inner_text("#current-item")
    body = page.inner_text("#item-O21-24 .item-body")
    assert "结论：缺失" in body and "未计入的字面命中" in body and "培训学习内容" in body
    assert page.evaluate("getComputedStyle(document.querySelector('#report-text .vt')).borderBottomStyle") == "dashed"
    # an item with evidence and no rejected phrase clears the grey marks
    page.click("#item-O21-02 .item-head")
    page.wait_for_selector("#report-text .ev")
    assert page.locator("#report-text .vt").count() == 0


def test_the_check_filter_shows_the_covered_verdicts_on_weak_evidence(page, served):
    page.goto(served.url + "report/0/huaian-hongze-2023.txt")
    page.wait_for_selector("#report-text")
    tag = page.locator("#item-O21-12 .tag-check")
    assert tag.inner_text() == "建议核对"
    page.click(".item-filter .chip:has-text('建议核对')")
    shown = page.eval_on_selector_all(".checklist-pane .item:not([hidden])", "els => els.map(e => e.dataset.item)")
    assert shown == ["O21-03", "O21-11", "O21-12", "O21-30"]  # (one sentence each; O21-12's through its heading)
    page.click("#item-O21-12 .item-head")
    assert "建议核对原文" in page.inner_text("#item-O21-12 .item-body")
    page.click(".item-filter .chip:has-text('全部')")
    assert page.locator(".checklist-pane .item:not([hidden])").count() > 20


def test_changing_a_verdict_with_a_reason_updates_the_score(page, served):
    report = served.folder / "huaian-hongze-2023.txt"
    before = json.loads(run_scorer("score", report, "--format", "json").stdout)[0]
    item = next(it for it in before["items"] if it["status"] == "missing")["id"]
    page.goto(served.url + "report/0/huaian-hongze-2023.txt")
    score_before = page.inner_text("#score-value")
    assert score_before == f"{before['score']:.1f}"
    page.click(f"#item-{item} .item-head")
    page.click(f"#item-{item} .review-btn")
    dialog = page.locator("#review-dialog")
    assert dialog.is_visible()
    assert "机器结论" in dialog.inner_text() and item in dialog.inner_text()
    assert page.input_value("#dialog-reviewer") == "张三"  # from --reviewer
    # without a reason the browser does not send it
    page.check("#dialog-choices input[value=covered]")
    page.click("#dialog-save")
    assert dialog.is_visible()
    assert not (served.folder / "huaian-hongze-2023.txt.review.yaml").exists()
    page.fill("#dialog-reason", "第二部分写明了具体举措和数据，应为已覆盖")
    page.click("#dialog-save")
    page.wait_for_function(f"document.getElementById('score-value').textContent !== '{score_before}'")
    assert not dialog.is_visible()
    after = json.loads(run_scorer("score", report, "--format", "json").stdout)[0]
    assert page.inner_text("#score-value") == f"{after['score']:.1f}"
    assert after["score"] > before["score"]
    card = page.inner_text(f"#item-{item}")
    assert "已改判" in card and "张三" in card and "应为已覆盖" in card
    assert "机器评分" in page.inner_text("#scorebox")
    # the list says so too
    page.goto(served.url + "?review=reviewed")
    assert "0/huaian-hongze-2023.txt" in report_ids(page)


def test_download_the_gap_report_pdf(page, served, tmp_path):
    page.goto(served.url + "report/0/changzhou-jintan-2018.txt")
    with page.expect_download(timeout=120000) as info:
        page.click("#pdf-link")
    download = info.value
    assert download.suggested_filename == "常州市金坛区-2018.pdf"
    target = tmp_path / "gap.pdf"
    download.save_as(target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "常州市金坛区" in text and "2018" in text


def test_download_the_review_pdf_of_the_filter(page, served, tmp_path):
    page.goto(served.url + "?year=2018")
    with page.expect_download(timeout=180000) as info:
        page.click("#review-pdf")
    target = tmp_path / "review.pdf"
    info.value.save_as(target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "常州市金坛区" in text and "淮安市洪泽区" not in text


def test_drag_and_drop_upload(page, served):
    page.goto(served.url)
    good = (SEEDS / "leshan-hitech-2019.txt").read_text("utf-8")
    page.evaluate("""([good]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([good], '拖入的报告.txt', {type: 'text/plain'}));
        dt.items.add(new File([''], '空白.txt', {type: 'text/plain'}));
        dt.items.add(new File(['x'], '图片.png', {type: 'image/png'}));
        const zone = document.getElementById('dropzone');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", [good])
    page.wait_for_function("document.querySelectorAll('#upload-results li.ok, #upload-results li.err').length === 3",
                           timeout=120000)
    lines = page.eval_on_selector_all("#upload-results li", "els => els.map(e => e.textContent)")
    assert lines[0].startswith("已评查：拖入的报告.txt")
    assert lines[1] == "错误：空白.txt: 文件为空"
    assert lines[2].startswith("错误：图片.png: 不支持的文件类型")
    page.wait_for_selector("tr[data-id='0/拖入的报告.txt']")
    assert (served.folder / "拖入的报告.txt").exists() and not (served.folder / "空白.txt").exists()


def test_checklist_page(page, served):
    page.goto(served.url + "checklist")
    page.click("nav.tabs a:has-text('2021-2025')")
    assert "O21-19" in page.inner_text("table.checklist")
    with page.expect_download() as info:
        page.click("#xlsx-link")
    assert info.value.suggested_filename == "outline-2021.xlsx"
