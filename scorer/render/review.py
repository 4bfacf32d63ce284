"""The annual review across many reports: ranking, heat map of items x reports,
the items most often missing, the score distribution and, where a jurisdiction
appears in several years, its trend. Reports scored on different checklists are
never mixed in one table or chart: everything is grouped by checklist."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from scorer.models import JurisdictionKind, ReportResult, Status
from scorer.render.common import (
    BANDS, KIND_LABELS, STATUS_CLASS, STATUS_LABELS, STATUS_SYMBOL, STRUCTURE_SHORT, STRUCTURE_SYMBOL, band,
    cn_number, quote_title, status_label, today, tool_version,
)
from scorer.render.reviewed import review_sentence, review_totals
from scorer.render.engine import FontChoice, PdfOutput, atomic_write, html_to_pdf, jinja_env, require_cjk_fonts

# Heat map geometry on an A4 landscape page (mm): at most HEAT_COLS reports per
# table; wider sets are split into several tables, each with every item.
HEAT_COLS = 24
HEAT_WIDTH = 262.0
HEAT_COL_MIN, HEAT_COL_MAX = 7.4, 16.0
HEAT_TAIL = 9.0  # the 缺失 count column
TOP_MISSING = 10
KIND_SHORT = {JurisdictionKind.province: "省级", JurisdictionKind.city: "市级", JurisdictionKind.county: "县级",
              JurisdictionKind.development_zone: "开发区", JurisdictionKind.department: "部门",
              JurisdictionKind.unknown: "—"}


@dataclass
class _Group:
    key: tuple[str, str, str]
    results: list[ReportResult] = field(default_factory=list)


def _label(r: ReportResult) -> str:
    return r.jurisdiction or Path(r.source).stem or "（未识别）"


def _rank(values: list[float]) -> list[int]:
    """Competition ranking (1, 2, 2, 4) of values already sorted descending."""
    ranks: list[int] = []
    for i, v in enumerate(values):
        ranks.append(ranks[-1] if i and v == values[i - 1] else i + 1)
    return ranks


def _bins(scores: list[float]) -> list[dict[str, Any]]:
    counts = [0] * 10
    for s in scores:
        counts[min(int(s // 10), 9)] += 1
    return [{"label": f"{i * 10}–{i * 10 + 10}", "count": c, "band": band(i * 10 + 5)} for i, c in enumerate(counts)]


def _structure_cells(r: ReportResult) -> list[dict[str, Any]]:
    return [{"id": s.id, "symbol": STRUCTURE_SYMBOL[s.status], "cls": STATUS_CLASS[s.status],
             "advisory": s.advisory, "label": status_label(s, structure=True),
             "short": STRUCTURE_SHORT.get(s.id, s.title)} for s in r.structure]


def _structure_problem(r: ReportResult) -> bool:
    """A binding structure failure (advice for pre-2019 years does not count)."""
    return any(s.status in (Status.missing, Status.partial, Status.failed) and not s.advisory for s in r.structure)


def _group_context(g: _Group, index: int, multi_version_ids: set[str]) -> dict[str, Any]:
    ref = g.results[0].checklist
    ordered = sorted(g.results, key=lambda r: (-r.score, _label(r), r.year or 0))
    scores = [r.score for r in ordered]
    ranks = _rank(scores)
    ranking = []
    for rank, r in zip(ranks, ordered):
        c = {k: sum(1 for it in r.items if it.status.value == k) for k in ("covered", "partial", "missing", "not_applicable")}
        ranking.append({
            "rank": rank, "who": _label(r), "year": r.year, "kind": KIND_LABELS.get(r.jurisdiction_kind, "未识别"),
            "kind_short": KIND_SHORT.get(r.jurisdiction_kind, "—"),
            "score": r.score, "band": band(r.score), "counts": c, "structure": _structure_cells(r),
            "published": r.published, "source": r.source, "is_report": r.is_report,
            "structure_problem": _structure_problem(r),
            "review": review_totals([r]),
        })

    # Items in checklist order, as the first report lists them (all share the checklist).
    items = [(it.id, it.title, it.area) for it in ordered[0].items]
    status: list[dict[str, Status]] = [{it.id: it.status for it in r.items} for r in ordered]
    n = len(ordered)
    item_rows = []
    for item_id, title, area in items:
        sts = [st.get(item_id) for st in status]
        item_rows.append({
            "id": item_id, "title": title, "area": area,
            "missing": sum(1 for s in sts if s == Status.missing),
            "partial": sum(1 for s in sts if s == Status.partial),
            "covered": sum(1 for s in sts if s == Status.covered),
            "not_applicable": sum(1 for s in sts if s == Status.not_applicable),
        })
    for row in item_rows:
        applicable = row["covered"] + row["partial"] + row["missing"]
        row["applicable"] = applicable
        row["rate"] = (100.0 * row["missing"] / applicable) if applicable else None
        row["missing_in"] = [_label(r) + (f"（{r.year}）" if r.year else "") for r, st in zip(ordered, status)
                             if st.get(row["id"]) == Status.missing]
    most_missing = sorted((r for r in item_rows if r["missing"] or r["partial"]),
                          key=lambda r: (-r["missing"], -r["partial"], r["id"]))[:TOP_MISSING]

    # Heat map chunks: columns are reports in ranking order.
    chunks = []
    for start in range(0, n, HEAT_COLS):
        cols = ordered[start:start + HEAT_COLS]
        col_w = max(HEAT_COL_MIN, min(HEAT_COL_MAX, (HEAT_WIDTH - 70 - HEAT_TAIL) / max(len(cols), 1)))
        label_w = HEAT_WIDTH - HEAT_TAIL - col_w * len(cols)
        rows = []
        for row in item_rows:
            cells = []
            for r, st in zip(cols, status[start:start + HEAT_COLS]):
                s = st.get(row["id"], Status.unknown)
                cells.append({"cls": STATUS_CLASS[s], "symbol": STATUS_SYMBOL[s],
                              "label": STATUS_LABELS[s]})
            rows.append({"id": row["id"], "title": row["title"], "missing": row["missing"], "cells": cells})
        chunks.append({
            "from": start + 1, "to": start + len(cols),
            "cols": [{"who": _label(r), "year": r.year, "score": r.score, "band": band(r.score)} for r in cols],
            "rows": rows, "col_w": round(col_w, 2), "label_w": round(label_w, 2),
            "title_chars": max(8, int(label_w / 2.6) - 4),
        })

    mean = statistics.fmean(scores)
    stats = {
        "n": n, "mean": mean, "median": statistics.median(scores), "max": max(scores), "min": min(scores),
        "stdev": statistics.pstdev(scores) if n > 1 else 0.0,
        "best": ranking[0], "worst": ranking[-1],
        "structure_problems": sum(1 for r in ranking if r["structure_problem"]),
    }
    years = sorted({r.year for r in ordered if r.year})
    title = quote_title(ref.title) + (f"（清单版本 {ref.version}）" if ref.id in multi_version_ids else "")
    return {
        "index": index, "ref": ref, "title": title, "ranking": ranking, "stats": stats, "bins": _bins(scores),
        "items": item_rows, "most_missing": most_missing, "chunks": chunks, "years": years,
        "structure_ids": [s.id for s in ordered[0].structure],
    }


def _trends(results: list[ReportResult]) -> list[dict[str, Any]]:
    by_who: dict[str, dict[int, ReportResult]] = {}
    for r in results:
        if r.jurisdiction and r.year:
            by_who.setdefault(r.jurisdiction, {})
            # The same jurisdiction and year twice: keep the first given.
            by_who[r.jurisdiction].setdefault(r.year, r)
    rows = []
    for who, years in sorted(by_who.items()):
        if len(years) < 2:
            continue
        pts = [{"year": y, "score": years[y].score, "band": band(years[y].score), "checklist": years[y].checklist.id}
               for y in sorted(years)]
        checklists = []
        for p in pts:
            if p["checklist"] not in checklists:
                checklists.append(p["checklist"])
        rows.append({"who": who, "points": pts, "change": pts[-1]["score"] - pts[0]["score"],
                     "mixed": len(checklists) > 1, "checklists": checklists})
    return rows


def _summary(groups: list[dict[str, Any]], results: list[ReportResult], errors: list[str]) -> str:
    whos = {_label(r) for r in results}
    years = sorted({r.year for r in results if r.year})
    span = ""
    if years:
        span = f"，报告年度为{years[0]}年" if len(years) == 1 else f"，报告年度为{years[0]}—{years[-1]}年"
    parts = [f"本次共评查{len(results)}份法治政府建设年度报告，涉及{len(whos)}个地区（单位）{span}。"]
    if len(groups) > 1:
        parts.append(f"报告分别适用{len(groups)}个检查清单，以下按清单分组统计，不同清单的得分不宜直接比较。")
    for g in groups:
        s = g["stats"]
        lead = f"对照{g['title']}评查的{s['n']}份报告" if len(groups) > 1 else "全部报告"
        if s["n"] == 1:
            b = s["best"]
            parts.append(f"{lead}中，{b['who']}得分{b['score']:.1f}分。")
        else:
            b, w = s["best"], s["worst"]
            yr = lambda x: f"{x['year']}年度，" if x["year"] else ""  # noqa: E731
            parts.append(f"{lead}平均得分{s['mean']:.1f}分，中位数{s['median']:.1f}分；最高的是{b['who']}"
                         f"（{yr(b)}{b['score']:.1f}分），最低的是{w['who']}（{yr(w)}{w['score']:.1f}分）。")
        if g["most_missing"] and g["most_missing"][0]["missing"]:
            top = g["most_missing"][0]
            parts.append(f"最常缺失的条目是“{top['title']}”（{top['id']}，{s['n']}份中有{top['missing']}份缺失）。")
        if s["structure_problems"]:
            parts.append(f"有{s['structure_problems']}份报告缺少督察工作规定要求的部分或未按时公开"
                         "（2019年以前年度的建议项不计）。")
    to_check = sum(it.check_suggested for r in results for it in r.items)
    if to_check:
        parts.append(f"各报告共有{to_check}项“已覆盖”结论证据较弱（只有一句写到具体事实，而这句的证据又不够充分），"
                     "在各自的评查结果中标“建议核对”，宜先行核对。")
    if errors:
        parts.append(f"另有{len(errors)}个文件未能评查，列在文末。")
    return "".join(parts)


def _not_report_reason(r: ReportResult) -> str:
    return next((w for w in r.warnings if "不是法治政府建设" in w), "看起来不是法治政府建设年度报告")


def _apart_note(apart: list[ReportResult]) -> str:
    if not apart:
        return ""
    return f"另有{len(apart)}个文件看起来不是法治政府建设年度报告，单独列出，未参与排名和统计。"


def review_context(results: Iterable[ReportResult], *, fonts: FontChoice, title: str | None = None,
                   errors: Iterable[str] = (), run_date: dt.date | None = None) -> dict[str, Any]:
    everything = list(results)
    errors = list(errors)
    # Files that do not look like a 法治政府建设 report are listed apart, never ranked
    # or counted in the statistics.
    results = [r for r in everything if r.is_report]
    apart = [r for r in everything if not r.is_report]
    buckets: dict[tuple[str, str, str], _Group] = {}
    for r in results:
        key = (r.checklist.id, r.checklist.version, r.checklist.sha256)
        buckets.setdefault(key, _Group(key)).results.append(r)
    ids = [k[0] for k in buckets]
    multi = {i for i in ids if ids.count(i) > 1}

    def order(g: _Group):
        yrs = [r.year for r in g.results if r.year]
        return (min(yrs) if yrs else 9999, g.key)

    groups = [_group_context(g, i + 1, multi) for i, g in enumerate(sorted(buckets.values(), key=order))]
    reviews = review_totals(results)
    years = sorted({r.year for r in results if r.year})
    if title is None:
        title = "法治政府建设年度报告评查汇总"
    if years:
        scope = f"{years[0]}年度" if len(years) == 1 else f"{years[0]}—{years[-1]}年度"
    else:
        scope = "年度不详"
    return {
        "kind": "review",
        "title": title,
        "scope": scope,
        "n": len(results),
        "groups": groups,
        "trends": _trends(results),
        "summary": ((_summary(groups, results, errors) + review_sentence(reviews)) if results
                    else "没有可评查的报告。") + _apart_note(apart),
        "reviews": reviews,
        "review_text": review_sentence(reviews),
        "errors": errors,
        "not_reports": [{"source": r.source, "who": _label(r), "year": r.year, "why": _not_report_reason(r)}
                        for r in apart],
        "sources": [{"source": r.source, "who": _label(r), "year": r.year, "checklist": r.checklist.id,
                     "score": r.score, "is_report": r.is_report} for r in everything],
        "bands": BANDS,
        "version": tool_version(),
        "run_date": today(run_date),
        "fonts": fonts.css,
        "cn": cn_number,
        "doc_title": title,
    }


def review_html(results: Iterable[ReportResult], *, title: str | None = None, errors: Iterable[str] = (),
                run_date: dt.date | None = None, fonts: FontChoice | None = None) -> str:
    fonts = fonts or require_cjk_fonts()
    ctx = review_context(results, fonts=fonts, title=title, errors=errors, run_date=run_date)
    return jinja_env().get_template("review.html").render(**ctx)


@dataclass
class ReviewFiles:
    pdf: Path
    html: Path | None
    pages: int
    warnings: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def render_review(results: Iterable[ReportResult], out_pdf: str | Path, *, title: str | None = None,
                  errors: Iterable[str] = (), run_date: dt.date | None = None, html: bool = True) -> ReviewFiles:
    """Write the review PDF (and the same content as HTML next to it, review.html).
    Raises FontMissingError before writing anything when no CJK font is installed."""
    fonts = require_cjk_fonts()
    doc = review_html(results, title=title, errors=errors, run_date=run_date, fonts=fonts)
    pdf: PdfOutput = html_to_pdf(doc)
    out_pdf = Path(out_pdf)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    html_path = out_pdf.with_suffix(".html") if html else None
    atomic_write(out_pdf, pdf.data)
    if html_path is not None:
        atomic_write(html_path, doc.encode("utf-8"))
    return ReviewFiles(pdf=out_pdf, html=html_path, pages=pdf.pages, warnings=pdf.warnings,
                       requested=pdf.requested, refused=pdf.refused)
