"""The gap report for one jurisdiction: context from a ReportResult, HTML from
templates/report.html, PDF through WeasyPrint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.models import ItemResult, ReportResult, Status
from scorer.analysis.score import score_values
from scorer.render.common import (
    BANDS, KIND_LABELS, STATUS_CLASS, STATUS_SYMBOL, STRUCTURE_SHORT, STRUCTURE_SYMBOL, ItemText, band,
    band_phrase, cn_number, evidence_view, load_texts, locations, near_misses, quote_title, section_titles, status_label,
    today, tool_version,
)
from scorer.render.reviewed import review_summary, review_view
from scorer.render.engine import (
    FontChoice, PdfOutput, atomic_write, html_to_pdf, jinja_env, require_cjk_fonts, safe_filename,
)


# Covered items show the deciding sentence and one more; the rest by location only.
MAX_COVERED_QUOTES = 2

# =========================================================================== naming


def output_stem(result: ReportResult) -> str:
    """常州市金坛区-2018; the input file's stem when jurisdiction or year is unknown.
    Always safe as a file name."""
    stem = Path(result.source).stem or "报告"
    if result.jurisdiction and result.year:
        return safe_filename(f"{result.jurisdiction}-{result.year}", fallback=safe_filename(stem))
    return safe_filename(stem)


# =========================================================================== verdict


def _names(names: list[str]) -> str:
    return "".join(f"“{n}”" for n in names)


def report_label(result: ReportResult) -> str:
    who = result.jurisdiction or "（未识别地区）"
    year = f"{result.year}年度" if result.year else "（年度不详）"
    return f"{who}{year}"


def verdict(result: ReportResult) -> str:
    """One paragraph of plain Chinese, built only from the figures."""
    counts = _counts(result.items)
    applicable = counts["covered"] + counts["partial"] + counts["missing"]
    parts: list[str] = []
    if not result.is_report:
        parts.append("这份文件看起来不是法治政府建设年度报告，以下结论仅供参考。")
    if applicable == 0:
        parts.append(f"{report_label(result)}法治政府建设报告没有适用的纲要条目，无法计算覆盖率。")
        return "".join(parts)
    parts.append(
        f"对照{quote_title(result.checklist.title)}的{applicable}个适用条目，{report_label(result)}"
        f"法治政府建设报告综合得分{result.score:.1f}分（满分100分），{band_phrase(result.score)}："
        f"已覆盖{counts['covered']}项，部分覆盖{counts['partial']}项，缺失{counts['missing']}项。")

    scored = [a for a in result.areas if a.score is not None]
    if len(scored) >= 2:
        hi = max(a.score for a in scored)
        lo = min(a.score for a in scored)
        if hi == lo:
            parts.append(f"各领域得分均为{hi:.1f}分。")
        else:
            best = [a.name for a in scored if a.score == hi]
            worst = [a.name for a in scored if a.score == lo]
            each = lambda ns, s: f"（{'均为' if len(ns) > 1 else ''}{s:.1f}分）"  # noqa: E731
            parts.append(f"得分最高的领域是{_names(best[:3])}{each(best, hi)}，"
                         f"最薄弱的是{_names(worst[:3])}{each(worst, lo)}。")

    if counts["missing"]:
        by_area: dict[str, int] = {}
        for it in result.items:
            if it.status == Status.missing:
                by_area[it.area] = by_area.get(it.area, 0) + 1
        top = max(by_area.values())
        areas = [a for a, n in by_area.items() if n == top]
        if top >= 3 or (top >= 2 and 2 * top >= counts["missing"]):
            parts.append(f"缺失条目较多地集中在{_names(areas[:2])}领域（{'各' if len(areas) > 1 else ''}{top}项）。")
    else:
        parts.append("纲要的适用条目在报告中都有涉及。")
    if counts["partial"]:
        parts.append(f"另有{counts['partial']}项只有原则性表述，或只出现在计划、问题部分，需要补充具体举措和成效。")

    parts.append(_structure_sentence(result))
    if counts["missing"] or counts["partial"]:
        parts.append("建议对照下文“缺失条目”“部分覆盖条目”两部分逐项补充完善。")
    return "".join(p for p in parts if p)


def _structure_sentence(result: ReportResult) -> str:
    if not result.structure:
        return ""
    missing = [s for s in result.structure if s.status == Status.missing]
    partial = [s for s in result.structure if s.status == Status.partial]
    failed = [s for s in result.structure if s.status == Status.failed]
    unknown = [s for s in result.structure if s.status == Status.unknown]
    short = lambda s: STRUCTURE_SHORT.get(s.id, s.title)  # noqa: E731
    bits: list[str] = []
    if missing:
        bits.append(f"缺少{_names([short(s) for s in missing])}部分")
    if partial:
        bits.append(f"{_names([short(s) for s in partial])}只有零星表述")
    for s in failed:
        bits.append("未在规定期限内向社会公开" if s.id == "S-5" else f"{_names([short(s)])}不符合要求")
    for s in unknown:
        bits.append("未找到发布日期，无法判断是否按时公开" if s.id == "S-5" else f"无法判断{_names([short(s)])}")
    if not bits:
        return "报告结构符合《法治政府建设与责任落实督察工作规定》的要求。"
    text = "报告结构方面，" + "，".join(bits) + "。"
    problems = missing + partial + failed + unknown
    if problems and all(s.advisory for s in problems):
        text = text[:-1] + "（报告年度早于2019年该规定施行，仅作建议）。"
    return text


def _counts(items: list[ItemResult]) -> dict[str, int]:
    out = {"covered": 0, "partial": 0, "missing": 0, "not_applicable": 0}
    for it in items:
        if it.status.value in out:
            out[it.status.value] += 1
    return out


def score_formula(result: ReportResult) -> str:
    """The score worked out in figures, when they reproduce the reported score."""
    values = score_values()
    applicable = [it for it in result.items if it.status in values]
    total = sum(it.weight for it in applicable)
    if not total:
        return ""
    got = sum(it.weight * values[it.status] for it in applicable)
    value = round(100 * got / total, 1)
    if abs(value - result.score) > 0.05:
        return ""
    c = _counts(result.items)
    if all(it.weight == 1.0 for it in applicable):
        v = {k.value: f"{x:g}" for k, x in values.items()}
        return (f"本报告：（已覆盖{c['covered']}项×{v['covered']} + 部分覆盖{c['partial']}项×{v['partial']}"
                f" + 缺失{c['missing']}项×{v['missing']}）"
                f"÷ 适用条目{len(applicable)}项 × 100 = {value:.1f}分。")
    return f"本报告：Σ（权重 × 得分值）= {got:g}，Σ 权重 = {total:g}，{got:g} ÷ {total:g} × 100 = {value:.1f}分。"


# =========================================================================== context


def report_context(result: ReportResult, texts: dict[str, ItemText], *, fonts: FontChoice,
                   run_date: dt.date | None = None, texts_note: str = "") -> dict[str, Any]:
    titles = section_titles(result)
    counts = _counts(result.items)

    def base(it: ItemResult) -> dict[str, Any]:
        t = texts.get(it.id, ItemText())
        return {"id": it.id, "title": it.title, "area": it.area, "weight": it.weight,
                "status": it.status.value, "label": status_label(it), "cls": STATUS_CLASS[it.status],
                "symbol": STATUS_SYMBOL[it.status], "explanation": it.explanation,
                "requirement": t.requirement, "guidance": t.guidance, "advisory": it.advisory,
                "evidence": [evidence_view(ev, titles) for ev in it.evidence],
                "locations": locations(it, titles), "review": review_view(it, result), "check": it.check_suggested,
                "near": near_misses(it, result.sections, titles) if it.status == Status.missing else []}

    items = [base(it) for it in result.items]
    structure = []
    for it in result.structure:
        row = base(it)
        row.update(label=status_label(it, structure=True), symbol=STRUCTURE_SYMBOL[it.status],
                   short=STRUCTURE_SHORT.get(it.id, it.title), review=review_view(it, result, structure=True))
        structure.append(row)
    areas = [{"name": a.name, "score": a.score, "band": band(a.score), "covered": a.covered, "partial": a.partial,
              "missing": a.missing, "not_applicable": a.not_applicable} for a in result.areas]
    weights = sorted({it.weight for it in result.items})
    run = today(run_date)
    return {
        "kind": "report",
        "r": result,
        "label": report_label(result),
        "jurisdiction": result.jurisdiction or "（未识别地区）",
        "year": result.year,
        "kind_label": KIND_LABELS.get(result.jurisdiction_kind, "未识别"),
        "checklist_title": quote_title(result.checklist.title),
        "counts": counts,
        "applicable": counts["covered"] + counts["partial"] + counts["missing"],
        "score_band": band(result.score),
        "verdict": verdict(result),
        "areas": areas,
        "structure": structure,
        "structure_advisory": any(s.advisory for s in result.structure),
        "missing": [i for i in items if i["status"] == "missing"],
        "partial": [i for i in items if i["status"] == "partial"],
        "covered": [i for i in items if i["status"] == "covered"],
        "to_check": sum(1 for i in items if i["check"]),
        "not_applicable": [i for i in items if i["status"] == "not_applicable"],
        "bands": BANDS,
        "formula": score_formula(result),
        "uniform_weights": weights == [1.0] or not weights,
        "weights": weights,
        "version": tool_version(),
        "run_date": run,
        "texts_note": texts_note,
        "fonts": fonts.css,
        "cn": cn_number,
        "doc_title": f"{report_label(result)}法治政府建设报告评查结果",
        "max_quotes": MAX_COVERED_QUOTES,
        "reviews": review_summary(result),
    }


def report_html(result: ReportResult, *, checklist: Any = None, structure_checklist: Any = None,
                run_date: dt.date | None = None, fonts: FontChoice | None = None) -> str:
    """The gap report as one self-contained HTML document (CSS inline, SVG inline).
    `checklist` is the loaded Checklist (or a mapping id -> (requirement, guidance));
    by default the shipped checklist named in the result is loaded."""
    fonts = fonts or require_cjk_fonts()
    texts, note = load_texts(result, checklist, structure_checklist)
    ctx = report_context(result, texts, fonts=fonts, run_date=run_date, texts_note=note)
    return jinja_env().get_template("report.html").render(**ctx)


@dataclass
class RenderedReport:
    html: str
    pdf: PdfOutput
    stem: str

    @property
    def pages(self) -> int:
        return self.pdf.pages


def build_report(result: ReportResult, *, checklist: Any = None, structure_checklist: Any = None,
                 run_date: dt.date | None = None, fonts: FontChoice | None = None) -> RenderedReport:
    """HTML and PDF bytes in memory (for workers); nothing is written."""
    html = report_html(result, checklist=checklist, structure_checklist=structure_checklist,
                       run_date=run_date, fonts=fonts)
    return RenderedReport(html=html, pdf=html_to_pdf(html), stem=output_stem(result))


@dataclass
class ReportFiles:
    pdf: Path
    html: Path | None
    pages: int
    warnings: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)  # URLs WeasyPrint asked the fetcher for
    refused: list[str] = field(default_factory=list)


def write_rendered(rendered: RenderedReport, out_dir: Path, stem: str | None = None,
                   html: bool = True) -> ReportFiles:
    out_dir = Path(out_dir)
    stem = stem or rendered.stem
    pdf_path = out_dir / f"{stem}.pdf"
    html_path = out_dir / f"{stem}.html" if html else None
    atomic_write(pdf_path, rendered.pdf.data)
    if html_path is not None:
        atomic_write(html_path, rendered.html.encode("utf-8"))
    return ReportFiles(pdf=pdf_path, html=html_path, pages=rendered.pdf.pages, warnings=rendered.pdf.warnings,
                       requested=rendered.pdf.requested, refused=rendered.pdf.refused)


def render_report(result: ReportResult, out_dir: str | Path, *, checklist: Any = None,
                  structure_checklist: Any = None, name: str | None = None, html: bool = True,
                  run_date: dt.date | None = None) -> ReportFiles:
    """Write <out_dir>/<name>.pdf (and .html). `name` defaults to output_stem(result),
    e.g. 常州市金坛区-2018. Raises FontMissingError before writing anything when no
    CJK font is installed; files are replaced atomically."""
    fonts = require_cjk_fonts()
    rendered = build_report(result, checklist=checklist, structure_checklist=structure_checklist,
                            run_date=run_date, fonts=fonts)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_rendered(rendered, out_dir, safe_filename(name) if name else None, html=html)
