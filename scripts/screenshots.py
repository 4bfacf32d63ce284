"""Screenshots of `scorer serve` for the README (docs/screenshots/*.png).

  .venv/bin/python scripts/screenshots.py

Starts the real server over a copy of the five seeds (one report reviewed, one
with a review that went stale), drives Debian's Chromium with Playwright and
writes: list.png (reports list), report.png (one report, an item's evidence
marked), near-miss.png (a 缺失 item's sentences a rule kept from counting),
review-dialog.png (the review dialog), checklist.png.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_helpers import Server, copy_seeds  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def post(server: Server, path: str, form: dict[str, str]) -> None:
    body = "&".join(f"{k}={quote(v)}" for k, v in form.items()).encode()
    status, _h, data = server.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
    if status != 200:
        raise SystemExit(f"{path}: {status} {data.decode('utf-8')[:300]}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scorer-shots-") as tmp:
        base = Path(tmp)
        folder = copy_seeds(base / "报告")
        with Server("报告", "--cache", str(base / "cache"), "--reviewer", "张三", cwd=base, log_dir=base) as server:
            server.wait_idle()
            status, page = server.get("/report/0/changzhou-jintan-2018.txt")
            missing = re.search(r'<article class="item st-miss[^"]*" id="item-(O[^"]+)"', page).group(1)
            post(server, "/verdict/0/changzhou-jintan-2018.txt", {
                "item": missing, "status": "partial", "reviewer": "张三",
                "reason": "第三部分有原则性表述，改为部分覆盖"})
            post(server, "/verdict/0/zibo-hitech-2017.txt", {
                "item": "O15-01", "status": "partial", "reviewer": "李四", "reason": "只有原则性表述"})
            stale = folder / "zibo-hitech-2017.txt"
            stale.write_text(stale.read_text("utf-8") + "\n（修订稿）\n", "utf-8")
            server.request("POST", "/rescan", b"", {"Content-Type": "application/x-www-form-urlencoded"})
            time.sleep(1)
            server.wait_idle()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium")
                page = browser.new_page(viewport={"width": 1440, "height": 860}, locale="zh-CN")
                page.goto(server.url + "?sort=score&order=desc")
                page.wait_for_selector("tr[data-id]")
                page.screenshot(path=str(OUT / "list.png"))

                page.goto(server.url + "report/0/huaian-hongze-2023.txt")
                page.click("#item-O21-19 .item-head")
                page.wait_for_selector("#report-text .ev")
                page.wait_for_timeout(1200)  # smooth scrolling
                page.screenshot(path=str(OUT / "report.png"))

                page.click("#item-O21-24 .item-head")  # a 缺失 whose phrase stood only in a training's content
                page.wait_for_selector("#report-text .vt")
                page.wait_for_timeout(1200)
                page.screenshot(path=str(OUT / "near-miss.png"))

                page.click("#item-O21-19 .item-head")
                page.wait_for_selector("#report-text .ev")
                page.click("#item-O21-19 .review-btn")
                page.check("#dialog-choices input[value=covered]")
                page.fill("#dialog-reason", "第二部分（四）写明全年新收行政复议案件48件、审结42件，确认已覆盖")
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / "review-dialog.png"))

                page.goto(server.url + "checklist/outline-2021")
                page.wait_for_selector("table.checklist")
                page.screenshot(path=str(OUT / "checklist.png"))
                browser.close()
    for name in ("list", "report", "near-miss", "review-dialog", "checklist"):
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
