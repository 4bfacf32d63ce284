"""The whole pipeline for one report: ingest -> sections -> match -> score.

Commands (score, report, review, check, ...) call `score_file` or `score_document`;
nothing in the CLI layer knows about the individual steps.
"""

from __future__ import annotations

import gc
import hashlib
from bisect import bisect_right  # noqa: F401  (re-exported for callers that locate sentences)
from pathlib import Path

from scorer.checklist.load import STRUCTURE_CHECKLIST, Checklist, auto_outlines, load_checklist
from scorer.analysis.ingest import load_document
from scorer.analysis.catch_all import demote_catch_all
from scorer.analysis.match import doc_phrases, judge_item, prepare
from scorer.analysis.metadata import looks_like_report
from scorer.analysis.padding import find_padding, padding_warning
from scorer.models import ChecklistRef, Document, ReportResult
from scorer.analysis.score import area_scores, weighted_score
from scorer.analysis.document import AnalysedDoc
from scorer.checklist.looked_up import once_per_report
from scorer.checklist.rules import rulebook
from scorer.analysis.structure import check_structure


def choose_checklist(doc: Document, requested: str = "auto") -> tuple[Checklist, str]:
    """The outline a report is judged against, and why (Chinese)."""
    if requested and requested != "auto":
        cl = load_checklist(requested)
        return cl, f"按 --checklist 指定使用 {cl.spec.title}"
    year = doc.meta.year
    outlines = auto_outlines()  # sorted; an error when none, or two claim the same year
    if year is not None:
        for cl in outlines:
            lo, hi = cl.spec.years
            if (lo is None or year >= lo) and (hi is None or year <= hi):
                return cl, f"报告年度 {year} 年，适用{cl.spec.title}"
        if year < (outlines[0].spec.years[0] or 0):
            return outlines[0], f"报告年度 {year} 年早于现行纲要，按最早的{outlines[0].spec.title}评查"
        return outlines[-1], f"报告年度 {year} 年，按最新的{outlines[-1].spec.title}评查"
    # No year: the outline the report itself cites, else the newest.
    for cl in reversed(outlines):
        lo, hi = cl.spec.years
        span = f"{(lo or 1) - 1}-{hi}" if hi else f"{(lo or 1)}-{(lo or 1) + 4}"
        if span in doc.text:
            return cl, f"未识别报告年度；报告引用了（{span}年）纲要，据此选用"
    return outlines[-1], f"未识别报告年度，默认按最新的{outlines[-1].spec.title}评查"


def score_document(doc: Document, checklist: str = "auto") -> ReportResult:
    with once_per_report():  # the rule book and the checklists folder are looked at once
        result = _score_document(doc, checklist)
    _settle()
    return result


_SETTLED = False
YOUNG_GC_THRESHOLD = 10_000  # allocations between young-generation collections (default 700)


def _settle() -> None:
    """After a process's first report, what was loaded for it (checklists, rule books, the
    jieba dictionary, compiled patterns) stays until the process ends: gc.freeze() takes it
    out of the cyclic garbage collector's way, which otherwise walks all of it again every
    few reports (~1.3 ms per report). Once per process; reference counting still frees
    whatever is dropped later.
    A report allocates tens of thousands of short-lived objects (sentences, hits, records), almost
    all freed by reference counting: with the default threshold (700) the collector ran ~4 times
    per report to find nothing; 10,000 lets it run about once in several reports."""
    global _SETTLED
    if not _SETTLED:
        _SETTLED = True
        gc.freeze()
        if gc.get_threshold()[0] < YOUNG_GC_THRESHOLD:
            gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])


def _score_document(doc: Document, checklist: str) -> ReportResult:
    cl, reason = choose_checklist(doc, checklist)
    structure_cl = load_checklist(STRUCTURE_CHECKLIST)
    prepare(cl)
    prepare(structure_cl)
    book = rulebook(cl.spec.rules)
    adoc = AnalysedDoc.analyse(doc, book)
    kind = doc.meta.jurisdiction_kind
    padding = find_padding(doc.text, adoc.sentences, cl, doc_phrases(adoc, cl))  # one scan for both
    adoc.padding = {p.index: p.reason for p in padding}  # never evidence
    items = [judge_item(it, cl, adoc) for it in cl.items]
    demote_catch_all(items, book)  # (the verdicts read together: a catch-all sentence is a list)
    structure = check_structure(structure_cl, adoc)
    warnings = list(doc.warnings)
    if padding:
        warnings.append(padding_warning(padding, adoc.sentences))
    is_report, why = looks_like_report(doc.text, book)
    if not is_report:
        warnings.append(f"这份文件看起来不是法治政府建设年度报告（{why}），评分仅供参考")
    if doc.meta.year is None:
        warnings.append("未能识别报告所属年度")
    if doc.meta.jurisdiction is None:
        warnings.append("未能识别报告的发布地区或单位")
    score = weighted_score(items, book)
    for it in structure:  # human review keeps the machine's verdict beside the one in force (judge_item sets it)
        it.machine_status = it.status
    return ReportResult(
        source=doc.source, title=doc.meta.title, jurisdiction=doc.meta.jurisdiction,
        jurisdiction_kind=kind, year=doc.meta.year, published=doc.meta.published,
        checklist=ChecklistRef(id=cl.id, version=cl.spec.version, title=cl.spec.title, sha256=cl.sha256),
        checklist_reason=reason, score=score if score is not None else 0.0,
        areas=area_scores(items, cl.spec.areas, book), items=items, structure=structure,
        sections=adoc.sections, warnings=warnings, is_report=is_report,
        text_sha256=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        machine_score=score if score is not None else 0.0,
    )


def score_file(path: str | Path, checklist: str = "auto") -> ReportResult:
    """Score one report file. Raises InputError / ChecklistError with Chinese messages."""
    with once_per_report():
        return score_document(load_document(path), checklist)
