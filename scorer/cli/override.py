"""`scorer override`: record a reviewer's verdict on one item (人工复核) without editing YAML."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

import typer

from scorer.cli.common import CHECKLIST_HELP, console, fail
from scorer.errors import ScorerError

STATUS_HELP = ("复核结论：covered / partial / missing / not_applicable，或 已覆盖 / 部分覆盖 / 缺失 / 不适用"
               "（发布期限 S-5 为 pass / fail，或 符合 / 不符合）")
SENTENCE_END = "。！？；!?;\n"


def _locate(text: str, spec: str) -> tuple[int, int]:
    """--evidence: "START-END" offsets into the cleaned text, or a passage of the report
    (widened to its whole sentence)."""
    m = re.fullmatch(r"\s*(\d+)\s*[-–~～至]\s*(\d+)\s*", spec)
    if m:
        start, end = int(m.group(1)), int(m.group(2))
        if not 0 <= start < end <= len(text):
            raise ValueError(f"证据位置 {start}-{end} 超出报告正文（共 {len(text)} 字）")
        return start, end
    needle = spec.strip()
    pos = text.find(needle)
    if not needle or pos < 0:
        raise ValueError(f"报告正文中找不到「{needle}」（请原样摘抄报告中的一句话，或写位置，如 2431-2470）")
    start = max((text.rfind(c, 0, pos) for c in SENTENCE_END), default=-1) + 1
    ends = [i for i in (text.find(c, pos + len(needle)) for c in SENTENCE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def register(app: typer.Typer) -> None:
    @app.command("override")
    def override_cmd(
        report: str = typer.Argument(..., help="报告文件"),
        item_id: str = typer.Argument(..., help="条目编号，如 O21-19、S-2"),
        status: Optional[str] = typer.Option(None, "--status", "-s", help=STATUS_HELP),
        reason: Optional[str] = typer.Option(None, "--reason", "-r", help="复核理由（必填），如“第二部分（四）写明……”"),
        reviewer: Optional[str] = typer.Option(None, "--reviewer", envvar="SCORER_REVIEWER",
                                               help="复核人姓名（必填；也可设环境变量 SCORER_REVIEWER）"),
        evidence: Optional[str] = typer.Option(None, "--evidence", "-e",
                                               help="复核所依据的原文：摘抄报告中的一句话（自动扩展为整句），或正文位置如 2431-2470"),
        date: Optional[str] = typer.Option(None, "--date", help="复核日期，如 2026-03-01（默认今天）"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        remove: bool = typer.Option(False, "--remove", help="撤回这一条目的复核记录"),
    ) -> None:
        """人工复核：记录复核人对某一条目的结论和理由（写入报告旁的「报告文件名.review.yaml」）。
        此后 score、explain、report、review、check 都按复核结论计算；报告正文或检查清单改变后，记录显示为“待重新复核”。"""
        from scorer.review import (apply_review_file, find_item, remove_override, review_file_for,
                                   status_change_text, write_override)

        if remove:
            if status or reason:
                fail("--remove 撤回记录，不能同时给出 --status 或 --reason")
            try:
                removed = remove_override(report, item_id)
            except ScorerError as exc:
                fail(str(exc))
            if not removed:
                fail(f"{review_file_for(report)}: 没有条目「{item_id}」的复核记录，无需撤回")
            console.print(f"已撤回 {item_id} 的复核记录（{review_file_for(report)}）", markup=False)
            return
        missing = [name for name, v in (("--status", status), ("--reason", reason), ("--reviewer", reviewer))
                   if not (v or "").strip()]
        if missing:
            fail(f"请给出 {'、'.join(missing)}（复核结论、理由和复核人都必须写明）")
        if date is not None:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                fail(f"--date「{date}」格式不正确（应为 2026-03-01）")
        from scorer.analysis.ingest import load_document
        from scorer.analysis.pipeline import score_document

        try:
            doc = load_document(report)
            result = score_document(doc, checklist)
            span = None
            if evidence:
                try:
                    span = _locate(doc.text, evidence)
                except ValueError as exc:
                    fail(f"{report}: {exc}")
            path = write_override(report, item_id, status, reason, reviewer, result=result,
                                  text_sha256=result.text_sha256, evidence=span, date=date,
                                  evidence_text=doc.text[span[0]:span[1]] if span else None)
            reviewed = apply_review_file(result, report)
        except ScorerError as exc:
            fail(str(exc))
        item = find_item(reviewed, item_id)
        change = status_change_text(item)
        if item.status == (item.machine_status or item.status):
            change = f"{change}（确认机器结论）"
        console.print(f"已记录：{item.id} {item.title}：{change}（{reviewer.strip()}）→ {path}", markup=False)
        console.print(f"得分：机器评分 {reviewed.machine_score:.1f}，按人工复核结论 {reviewed.score:.1f}", markup=False)
