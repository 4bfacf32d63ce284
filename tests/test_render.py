"""PDF gap reports and the annual review: real WeasyPrint PDFs on disk, checked
with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) as a reader would see them."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import ROOT, SEEDS, run_scorer
from scorer.checklist.load import load_checklist
from scorer.models import (
    RuleMatch,
    AreaScore, ChecklistRef, Evidence, ItemResult, JurisdictionKind, ReportResult, Section, SectionKind, Status,
)
from scorer.analysis.pipeline import score_file
from scorer.render import (
    TEMPLATES_DIR, FontMissingError, choose_fonts, harfbuzz_subset_available, html_to_pdf, output_stem,
    render_report, render_review, report_html, restricted_fetcher, review_html, safe_filename, unique_name,
    verdict,
)
from scorer.render.clip import quote_window
from scorer.render.engine import atomic_write

POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils 未安装（scripts/setup.sh 会安装）")
RUN_DATE = dt.date(2024, 3, 1)
SEED_FILES = sorted(SEEDS.glob("*.txt"))


# --------------------------------------------------------------------------- helpers


def pdftext(pdf: Path, *args: str) -> str:
    """Text in drawing order (-raw): WeasyPrint draws a table cell's lines together."""
    return subprocess.run(["pdftotext", "-raw", *args, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    """pdftotext breaks lines inside table cells: compare without any whitespace."""
    return re.sub(r"\s+", "", text)


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def make_result(**over) -> ReportResult:
    """A small ReportResult built by hand, for cases the seeds do not have."""
    ev = Evidence(section="二、（一）", text="全年办理行政复议案件48件，纠错率12%。", start=10, end=30,
                  reasons=["命中「行政复议」", "数据「48件」"], modality="achievement")
    items = [
        ItemResult(id="T-01", title="发挥行政复议主渠道作用", area="甲领域", weight=1.0, status=Status.covered,
                   confidence=0.9, evidence=[ev], explanation="在「二、（一）」找到具体举措，判定为已覆盖。"),
        ItemResult(id="T-02", title="推进政务公开", area="甲领域", weight=1.0, status=Status.partial, confidence=0.6,
                   evidence=[ev.model_copy(update={"text": "进一步推进政务公开。", "reasons": ["命中「政务公开」",
                                                                                    "没有具体数据、文件、时间或已完成的行动"],
                                                   "modality": "vague"})],
                   explanation="只找到原则性表述，判定为部分覆盖。"),
        ItemResult(id="T-03", title="完善宏观调控", area="乙领域", weight=1.0, status=Status.missing, confidence=0.9,
                   explanation="报告中没有找到与本项相关的内容。"),
        ItemResult(id="T-04", title="加强地方立法", area="乙领域", weight=1.0, status=Status.not_applicable,
                   confidence=1.0, explanation="开发区没有立法权，本项不适用。"),
    ]
    structure = [
        ItemResult(id="S-1", title="主要举措和成效", area="", weight=1.0, status=Status.covered, confidence=0.9,
                   evidence=[ev], explanation="报告有举措成效部分。"),
        ItemResult(id="S-5", title="每年4月1日之前向社会公开", area="", weight=1.0, status=Status.failed,
                   confidence=0.9, explanation="晚于4月1日发布。"),
    ]
    data = dict(
        source="reports/test.txt", title="关于2023年度法治政府建设工作的报告", jurisdiction="测试市测试区",
        jurisdiction_kind=JurisdictionKind.county, year=2023, published=dt.date(2024, 4, 20),
        checklist=ChecklistRef(id="test-outline", version="1", title="测试纲要", sha256="ab" * 32),
        checklist_reason="测试", score=50.0,
        areas=[AreaScore(name="甲领域", score=75.0, covered=1, partial=1, missing=0, not_applicable=0),
               AreaScore(name="乙领域", score=0.0, covered=0, partial=0, missing=1, not_applicable=1)],
        items=items, structure=structure,
        sections=[Section(path="二、（一）", label="（一）", title="行政复议", level=2, kind=SectionKind.achievements,
                          start=0, body_start=5, end=100)],
    )
    data.update(over)
    return ReportResult(**data)


TEXTS = {"T-03": ("健全宏观调控体系，依法管理经济运行。", "写明依法编制规划、预算管理的具体举措。")}


@pytest.fixture(scope="module")
def seed_results() -> list[ReportResult]:
    return [score_file(p) for p in SEED_FILES]


@pytest.fixture(scope="module")
def seed_reports(seed_results, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return [(r, render_report(r, out, run_date=RUN_DATE)) for r in seed_results]


@pytest.fixture(scope="module")
def seed_review(seed_results, tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "review.pdf"
    return render_review(seed_results, out, run_date=RUN_DATE, errors=["reports/坏文件.txt: 文件为空"])


# --------------------------------------------------------------------------- gap reports of the seeds


@needs_poppler
def test_every_seed_renders_a_readable_pdf(seed_reports):
    for result, files in seed_reports:
        assert files.pdf.exists() and files.html.exists() and files.pages >= 3
        assert files.pdf.name == f"{result.jurisdiction}-{result.year}.pdf"
        assert files.pdf.read_bytes()[:5] == b"%PDF-"
        assert len(page_sizes(files.pdf)) == files.pages
        assert files.warnings == [] and files.requested == []  # clean CSS; nothing fetched

        text = pdftext(files.pdf)
        flat = squash(text)
        assert result.jurisdiction in flat
        assert f"{result.score:.1f}" in flat
        assert f"第1页共{files.pages}页" in flat and f"第{files.pages}页共{files.pages}页" in flat
        assert squash(result.checklist.title) in flat
        missing = [it for it in result.items if it.status == Status.missing]
        assert missing, "every seed has a gap"
        cl = load_checklist(result.checklist.id)
        for it in missing:
            assert squash(it.title) in flat, it.id
            assert squash(cl.item(it.id).requirement)[:30] in flat, it.id  # the outline's requirement
        for it in result.items:
            if it.status == Status.partial and it.evidence:
                # the sentence that was found, as quoted (a long one shortened to the clauses around the hit)
                ev = it.evidence[0]
                shown = quote_window(ev.text, [m.text for m in ev.matched if m.rule == "MATCH-PHRASE"])
                assert squash(shown.strip("…"))[:20] in flat, it.id
        for s in result.structure:
            assert s.id in flat
        assert result.checklist.sha256 in flat  # appendix: the checklist's content hash


@needs_poppler
def test_running_header_from_page_two(seed_reports):
    result, files = seed_reports[0]
    head = f"{result.jurisdiction}{result.year}年度·法治政府建设报告评查结果"
    assert head not in squash(pdftext(files.pdf, "-f", "1", "-l", "1"))  # the cover has none
    assert head in squash(pdftext(files.pdf, "-f", "2", "-l", "2"))  # margin boxes: drawn last


@needs_poppler
def test_seed_pdfs_embed_the_cjk_font_and_draw_page_one(seed_reports, tmp_path):
    from PIL import Image

    result, files = seed_reports[0]
    fonts = subprocess.run(["pdffonts", str(files.pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    for line in cjk:  # name type encoding emb sub uni ...: embedded (and subset) CJK faces only
        assert re.search(r"\byes\s+yes\s+yes\b", line), line
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(files.pdf), str(tmp_path / "p")],
                   check=True)
    png = next(tmp_path.glob("p*.png"))
    with Image.open(png) as im:
        grey = im.convert("L")
        dark = sum(grey.histogram()[:128])
        assert im.size[0] > 200 and dark > 500  # not a blank page


@needs_poppler
def test_evidence_quotes_carry_their_section(seed_reports):
    result, files = next((r, f) for r, f in seed_reports if r.jurisdiction == "常州市金坛区")
    flat = squash(pdftext(files.pdf))
    covered = [it for it in result.items if it.status == Status.covered and it.evidence]
    for it in covered[:5]:
        ev = it.evidence[0]
        assert squash(ev.section) in flat and squash(ev.text)[:25] in flat, it.id


@needs_poppler
def test_missing_items_show_the_sentences_a_rule_kept_from_counting(seed_reports):
    """The 缺失 table lists, under an item whose phrase stood only where it does not count (an organ's
    name), that sentence with its section and the reason; items found nowhere show nothing of the kind."""
    result, files = next((r, f) for r, f in seed_reports if r.jurisdiction == "乐山高新区")
    flat = squash(pdftext(files.pdf))
    missing = flat[flat.index("缺失条目"):flat.index("部分覆盖条目（")]
    row = missing[missing.index("O15-23"):missing.index("O15-24")]
    assert "未计入的字面命中" in row and "一、（五）「机构改革新设立综合执法局" in row
    assert "「执法」出现在机关名称「综合执法局」中" in row
    bare = missing[missing.index("O15-04"):missing.index("O15-19")]  # 完善宏观调控: no phrase anywhere
    assert "未计入" not in bare
    # only 缺失 items: a covered item's rejected hits stay in its explanation, not in the gap report
    covered = [it for it in result.items if it.status == Status.covered and it.vetoed]
    assert covered and flat.count("未计入的字面命中") == sum(
        1 for it in result.items if it.status == Status.missing and it.vetoed)


def test_html_is_standalone_and_escaped(seed_reports):
    result, files = seed_reports[0]
    html = files.html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert "<style>" in html and "<link" not in html and "<script" not in html and "<img" not in html
    assert "<svg" in html  # the area chart is inline SVG
    assert result.jurisdiction in html


def test_verdict_is_built_from_the_figures(seed_results):
    r = next(r for r in seed_results if r.jurisdiction == "常州市金坛区")
    text = verdict(r)
    best = max(r.areas, key=lambda a: a.score)
    worst = min(r.areas, key=lambda a: a.score)
    missing = sum(1 for it in r.items if it.status == Status.missing)
    assert f"{r.score:.1f}分" in text and f"缺失{missing}项" in text
    assert best.name in text and worst.name in text
    assert "仅作建议" in text  # a 2018 report: structure problems are advice
    hand = verdict(make_result())
    assert "未在规定期限内向社会公开" in hand and "缺失1项" in hand


def test_requirements_come_from_the_given_checklist_mapping():
    html = report_html(make_result(), checklist=TEXTS, run_date=RUN_DATE)
    assert "健全宏观调控体系，依法管理经济运行。" in html and "写明依法编制规划、预算管理的具体举措。" in html
    assert "测试市测试区" in html and "2024年3月1日" in html
    assert "T-04" in html and "不适用" in html


def test_degenerate_results_still_render():
    bare = make_result(items=[], areas=[], structure=[], jurisdiction=None, year=None, published=None, title=None,
                       is_report=False, warnings=["未能识别报告所属年度"], score=0.0)
    html = report_html(bare, checklist={}, run_date=RUN_DATE)
    assert "（未识别地区）" in html and "没有适用的纲要条目" in verdict(bare) and "未能识别报告所属年度" in html
    assert "看起来不是法治政府建设年度报告" in verdict(bare)
    review = review_html([bare, make_result()], run_date=RUN_DATE)
    assert "test" in review and "测试市测试区" in review
    out = html_to_pdf(html)
    assert out.pages >= 2 and out.warnings == []


def test_chart_labels_wrap_evenly():
    from scorer.render.engine import wrap_cjk

    assert wrap_cjk("依法全面履行政府职能", 16) == ["依法全面履行政府职能"]
    assert wrap_cjk("推进行政决策科学化、民主化、法治化", 16) == ["推进行政决策科学化、", "民主化、法治化"]
    lines = wrap_cjk("全面提高政府工作人员法治思维和依法行政能力", 16)
    assert "".join(lines) == "全面提高政府工作人员法治思维和依法行政能力" and max(map(len, lines)) <= 16
    assert wrap_cjk("", 16) == [""]


# --------------------------------------------------------------------------- untrusted text


HOSTILE_NAME = '<img src="http://127.0.0.1:9/name.png">金坛/区'
HOSTILE_TEXT = ('见<img src="http://127.0.0.1:9/evil.png"><link rel="stylesheet" href="file:///etc/passwd">'
                '<object data="file:///etc/passwd"></object><style>@import url(http://127.0.0.1:9/x.css)</style>'
                '<script>alert(1)</script>全年办理行政复议案件48件。')


@needs_poppler
def test_report_text_is_escaped_and_never_fetched(tmp_path):
    base = make_result()
    # Two quotes, each short enough to be shown whole (long ones are cut around the hit).
    cut = HOSTILE_TEXT.index("<style>")
    parts = [HOSTILE_TEXT[:cut], HOSTILE_TEXT[cut:]]
    items = [it.model_copy(update={"evidence": [ev.model_copy(update={
        "text": part, "section": "二、<b>x</b>", "signals": [], "matched": []}) for ev in it.evidence[:1]
        for part in parts]}) for it in base.items]
    r = base.model_copy(update={"jurisdiction": HOSTILE_NAME, "title": "</title><img src=file:///etc/passwd>",
                                "items": items, "source": "file:///etc/passwd"})
    files = render_report(r, tmp_path, checklist=TEXTS, run_date=RUN_DATE)
    # Nothing was fetched at all: the strings stayed text.
    assert files.requested == [] and files.refused == []
    html = files.html.read_text(encoding="utf-8")
    assert "&lt;img src=&#34;http://127.0.0.1:9/evil.png&#34;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="http' not in html and "<script>" not in html and '<link rel="stylesheet"' not in html
    assert "<object" not in html and "@import url(http" not in html.split("</style>")[0]
    # ... and the reader sees them literally in the PDF.
    flat = squash(pdftext(files.pdf))
    assert squash('<img src="http://127.0.0.1:9/evil.png">') in flat
    assert squash(HOSTILE_NAME) in flat
    # The file name made from the jurisdiction is a plain name inside the folder.
    assert files.pdf.parent == tmp_path and "/" not in files.pdf.name and "<" not in files.pdf.name


def test_the_fetcher_refuses_everything_but_templates():
    fetcher = restricted_fetcher()
    ok = fetcher.fetch((TEMPLATES_DIR / "style.css").as_uri())
    assert b"@page" in ok.read()
    for url in ["file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.invalid/x.css",
                "ftp://example.invalid/x", (TEMPLATES_DIR / ".." / "pyproject.toml").as_uri(),
                "file://otherhost/etc/passwd", "data:text/css,body{}", "gopher://x"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert "file:///etc/passwd" in fetcher.refused
    allowed = restricted_fetcher(allowed_data=("data:text/plain,hi",))
    assert allowed.fetch("data:text/plain,hi").read() == b"hi"


def test_weasyprint_uses_the_restricted_fetcher():
    """Positive control: markup we did not escape would be refused, not fetched."""
    out = html_to_pdf('<p>x</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/a.png">'
                      '<link rel="stylesheet" href="file:///etc/passwd">')
    assert set(out.refused) == {"file:///etc/passwd", "http://127.0.0.1:9/a.png"}
    assert out.data[:5] == b"%PDF-"


# --------------------------------------------------------------------------- layout details


@needs_poppler
def test_long_unbroken_text_wraps_inside_the_page(tmp_path):
    long = "2023" + "".join(f"第{i}项ABCDEFGHIJ0123456789" for i in range(60)) + "https://example.com/" + "x" * 300
    base = make_result()
    items = [it.model_copy(update={"title": it.title + "Ｘ" * 40,
                                   "evidence": [ev.model_copy(update={"text": long}) for ev in it.evidence] * 3})
             for it in base.items]
    r = base.model_copy(update={"items": items, "jurisdiction": "很长的地区名称" * 6, "source": "/" + "目录" * 80 + ".txt"})
    files = render_report(r, tmp_path, checklist=TEXTS, run_date=RUN_DATE)
    assert files.warnings == []
    bbox = subprocess.run(["pdftotext", "-bbox", str(files.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    assert pages
    for width, _height, body in pages:
        for x_max in re.findall(r'xMax="([\d.]+)"', body):
            assert float(x_max) <= float(width) - 40, "text runs into the right margin"


@needs_poppler
def test_structure_section_lists_where_each_part_was_found(seed_reports):
    result, files = next((r, f) for r, f in seed_reports if r.jurisdiction == "淮安市洪泽区")
    flat = squash(pdftext(files.pdf))
    s1 = next(s for s in result.structure if s.id == "S-1")
    assert squash(s1.evidence[0].section) in flat
    assert "报告结构检查" in flat and "符合" in flat and "缺少" in flat


# --------------------------------------------------------------------------- the annual review


@needs_poppler
def test_review_of_the_seeds(seed_review, seed_results):
    files = seed_review
    assert files.pdf.exists() and files.html == files.pdf.with_suffix(".html") and files.html.exists()
    assert files.warnings == [] and files.requested == []
    flat = squash(pdftext(files.pdf))
    for r in seed_results:
        assert r.jurisdiction in flat and f"{r.score:.1f}" in flat
    for heading in ("得分排名", "得分分布", "热力图", "最常缺失的条目", "未能评查的文件", "坏文件.txt"):
        assert heading in flat
    # The heat map is on landscape pages; the rest portrait.
    sizes = page_sizes(files.pdf)
    assert any(w > h for w, h in sizes) and any(h > w for w, h in sizes)
    # Ranking: highest first within the 2015 outline group.
    g2015 = sorted((r for r in seed_results if r.checklist.id == "outline-2015"), key=lambda r: -r.score)
    ranking = flat[flat.index("一、得分排名"):flat.index("二、得分分布")]
    positions = [ranking.index(r.jurisdiction) for r in g2015]
    assert positions == sorted(positions)


def test_review_never_mixes_checklists_in_one_heat_map(seed_results):
    html = review_html(seed_results, run_date=RUN_DATE)
    tables = html.split('<table class="heat">')[1:]
    assert len(tables) == 2  # outline-2015 and outline-2021, five reports fit one table each
    tables = [t.split("</table>")[0] for t in tables]
    hz = "".join("淮安市洪泽区")
    for t in tables:
        ids = set(re.findall(r'<span class="id">(O\d\d)-', t))
        assert len(ids) == 1, ids  # items of one outline only
        if "O21" in ids:
            assert "<br>".join(hz) in t and "<br>".join("常州市金坛区") not in t
        else:
            assert "<br>".join(hz) not in t and "<br>".join("常州市金坛区") in t


def test_review_splits_wide_heat_maps_and_shows_trends(seed_results):
    base = next(r for r in seed_results if r.jurisdiction == "常州市金坛区")
    many = [base.model_copy(update={"jurisdiction": f"第{i}区", "source": f"r{i}.txt"}) for i in range(30)]
    trend = [base.model_copy(update={"year": y, "score": s, "source": f"jt{y}.txt"})
             for y, s in ((2016, 40.0), (2017, 52.5), (2019, 61.0))]
    html = review_html(many + trend + [base], run_date=RUN_DATE)
    assert html.count('<table class="heat">') == 2  # 34 reports: 24 + 10 columns
    assert "第1—24份" in html and "第25—34份" in html
    assert "历年得分变化" in html and "<polyline" in html
    row = html.split("历年得分变化")[1]
    assert "常州市金坛区" in row and "2016年度" in row and "+21.0" in row and "跨清单" not in row.split("</table>")[0].split("<tbody>")[1]


# --------------------------------------------------------------------------- files and fonts


def test_output_names_are_safe_and_unique(seed_results):
    assert [output_stem(r) for r in seed_results] == [f"{r.jurisdiction}-{r.year}" for r in seed_results]
    unknown = make_result(jurisdiction=None, source="in/某区报告.docx")
    assert output_stem(unknown) == "某区报告"
    assert output_stem(make_result(year=None, source="x/2019报告.txt")) == "2019报告"
    for bad in ["../../etc/passwd", 'a/b\\c:d*e?f"g<h>i|j', "\x00\x1f名称", "..", "", "   ", "CON", "nul.txt"]:
        name = safe_filename(bad)
        assert name and "/" not in name and "\\" not in name and not name.startswith(".")
        assert not re.search(r'[\x00-\x1f:*?"<>|]', name)
        assert name.split(".")[0].upper() not in {"CON", "NUL"}
    assert len(safe_filename("区" * 300).encode()) <= 200
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ["甲-2018", "甲-2018", "乙", "甲-2018"]] == \
        ["甲-2018", "甲-2018-2", "乙", "甲-2018-3"]


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new-and-complete")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_fonts_are_chosen_from_fontconfig():
    from scorer.render.engine import FontFace, require_cjk_fonts

    fonts = require_cjk_fonts()
    assert "Noto Serif CJK SC" in fonts.body and "CJK" in fonts.title
    with pytest.raises(FontMissingError, match="apt-get install fonts-noto-cjk"):
        choose_fonts([])
    only_sans = choose_fonts([FontFace("WenQuanYi Zen Hei", "Regular", "/x.ttc")])
    assert only_sans.body.startswith('"WenQuanYi Zen Hei"')
    hostile = choose_fonts([FontFace('Evil"; } body { background: url(http://x) ', "Regular", "/x.ttf")])
    assert '"' not in hostile.body.split(",")[0].strip('"') and "url(" not in hostile.body


def test_harfbuzz_check_mirrors_weasyprint(monkeypatch, capsys):
    import weasyprint.text.ffi as ffi

    from scorer.cli.report import check_environment

    assert harfbuzz_subset_available()  # scripts/setup.sh installs libharfbuzz-subset0
    check_environment()
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    assert not harfbuzz_subset_available()
    check_environment()
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "libharfbuzz-subset0" in err and err.startswith("警告")


# --------------------------------------------------------------------------- the commands


@needs_poppler
def test_cli_report_names_files_and_reports_bad_inputs(tmp_path):
    twin = tmp_path / "in" / "jintan-copy.txt"
    twin.parent.mkdir()
    shutil.copy(SEEDS / "changzhou-jintan-2018.txt", twin)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out"
    proc = run_scorer("report", SEEDS / "changzhou-jintan-2018.txt", twin, empty, "--out", out)
    assert proc.returncode == 2, proc.stderr
    assert "empty.txt" in proc.stderr and proc.stderr.count("错误：") == 1
    names = sorted(p.name for p in out.iterdir() if p.name != ".scorer")  # .scorer/: the re-run cache
    assert names == ["常州市金坛区-2018-2.html", "常州市金坛区-2018-2.pdf", "常州市金坛区-2018.html",
                     "常州市金坛区-2018.pdf"]
    assert "常州市金坛区" in pdftext(out / "常州市金坛区-2018-2.pdf")
    assert "已生成" in proc.stdout


@needs_poppler
def test_cli_review_writes_pdf_and_html(tmp_path):
    out = tmp_path / "汇总" / "review.pdf"
    proc = run_scorer("review", SEEDS, "--out", out, "--title", "2017—2023年度试评查汇总")
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and out.with_suffix(".html").exists()
    flat = squash(pdftext(out))
    assert "2017—2023年度试评查汇总" in flat and "淄博高新技术产业开发区" in flat and "热力图" in flat
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp files left


def test_cli_without_cjk_font_fails_in_one_line_and_writes_nothing(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent-fonts</dir>'
                    f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), PYTHONIOENCODING="utf-8")
    out = tmp_path / "out"
    for args in (["report", str(SEEDS / "zibo-hitech-2017.txt"), "--out", str(out)],
                 ["review", str(SEEDS), "--out", str(out / "review.pdf")]):
        proc = subprocess.run([sys.executable, "-m", "scorer", *args], capture_output=True,
                              text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)
        assert proc.returncode == 2
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "apt-get install fonts-noto-cjk" in lines[0] and "中文字体" in lines[0]
        assert not out.exists()
