"""The report's heading tree, from Chinese numbering conventions.

Official documents number their parts 一、 > （一） > 1. > （1） > ①. Some reports
use short unnumbered lines as headings, and most end with a closing part that is
not numbered at all ("总体上看……还存在以下问题：" / "2019年，我区将……"): such a
transition paragraph opens a new top-level part of its own, so that the next-year
plans are not read as achievements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.checklist.rules import RuleBook, rulebook
from scorer.models import Section, SectionKind

CN_NUM = "一二三四五六七八九十百零〇"
# (rank, regex for the number at the start of a line, canonical label format)
HEADING_STYLES: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{CN_NUM}]{{1,4}})\s*[、.．]\s*")),
    (2, re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,4}})\s*[)）]\s*[、.．]?\s*")),
    (3, re.compile(r"^(\d{1,2})\s*(?:[.．、](?!\d)|\s(?=[\u4e00-\u9fff]))\s*")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*|^(\d{1,2})[)）]\s*")),
    (5, re.compile(r"^([\u2460-\u2473])\s*")),
]
LABEL_FORMAT = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）", 5: "{}"}

SENTENCE_END = "。！？!?；;"
MAX_HEADING_TITLE = 60  # a heading sentence longer than this is a paragraph, not a title
SUBTITLE_CHARS = 20  # a longer heading inside the year's work names work, not a plans/shortcomings part
MAX_UNNUMBERED_HEADING = 30
# Patterns asked of every line, compiled here: `re.match(r"…", line)` looks the pattern up in re's
# cache on every call (~0.6 µs, more than the match itself)
_TITLE_START = re.compile(r"[\u4e00-\u9fff“\"《「]")
_DATE_LINE = re.compile(r"[\d\s年月日.\-/]+")
_DATE_END = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FIRST_SENTENCE_END = re.compile(r"[。！？]")
_ANSWERS_A_PROBLEM = re.compile(r"(针对|对|围绕|为)")
_OPENS_A_YEAR = re.compile(r"^(\d{4})年")
_FUTURE_WORDS = re.compile(r"将|要|计划|继续|力争")

# Which part of a report a heading opens (duties, shortcomings, plans) and how a closing
# paragraph opens one: rules SEC-* in checklists/rules.yaml.


@dataclass
class _Open:
    rank: float
    section: Section
    numbered: bool


# Enum members taken once: in Python 3.11 `SectionKind.plans` goes through the class's member
# descriptor on every use (~0.35 µs), and every section opened asks for several.
_PLANS, _SHORTCOMINGS = SectionKind.plans, SectionKind.shortcomings
_ACHIEVEMENTS, _DUTIES, _OTHER = SectionKind.achievements, SectionKind.duties, SectionKind.other


def _classify_title(title: str, next_year: int | None, book: RuleBook) -> tuple[SectionKind | None, str]:
    for _rule, kind, rx in book.section_kinds:
        m = rx.search(title)
        if m:
            return SectionKind(kind), f"标题含「{m.group(0)}」"
    if next_year and f"{next_year}年" in title:
        return _PLANS, f"标题含「{next_year}年」"
    return None, ""


def _split_heading(rest: str) -> str:
    """The title part of a heading line: up to the first sentence end, if short."""
    for i, ch in enumerate(rest):
        if ch in SENTENCE_END:
            return rest[:i] if i <= MAX_HEADING_TITLE else rest[:MAX_HEADING_TITLE]
    return rest[:MAX_HEADING_TITLE]


def _numbered(line: str) -> tuple[int, str, str] | None:
    for rank, rx in HEADING_STYLES:
        m = rx.match(line)
        if m:
            number = next(g for g in m.groups() if g)
            rest = line[m.end():]
            if not rest or not _TITLE_START.match(rest):
                continue  # "1.5亿元", "(1)" alone: not a heading
            return rank, LABEL_FORMAT[rank].format(number), rest
    return None


def _is_unnumbered_heading(line: str, next_line: str | None) -> bool:
    if len(line) > MAX_UNNUMBERED_HEADING or len(line) < 4:
        return False
    if line[-1] in SENTENCE_END + "：:，,、" or any(c in line for c in "。！？"):
        return False
    if _DATE_LINE.fullmatch(line) or _DATE_END.search(line):
        return False  # a date line (signature)
    if next_line is None or len(next_line) < 20:
        return False  # headings introduce a paragraph; a signature block does not
    return bool(_HAN.search(line))


def _transition_kind(line: str, position: float, year: int | None, book: RuleBook) -> tuple[SectionKind | None, str]:
    """A plain paragraph in the last part of a report that opens its closing parts (SEC-TRANSITION)."""
    rule = book.transition
    if rule is None or position < (rule.min_position or 0.0):
        return None, ""
    first = _FIRST_SENTENCE_END.split(line, maxsplit=1)[0]
    if _ANSWERS_A_PROBLEM.match(first):
        return None, ""
    if book.transition_plan_rx is not None and book.transition_plan_rx.match(first):
        return _PLANS, f"段首「{first[:6]}」开启下步安排"
    if year:
        m = _OPENS_A_YEAR.match(first)
        if m and int(m.group(1)) == year + 1 and _FUTURE_WORDS.search(first):
            return _PLANS, f"段首「{m.group(0)}」（报告年度的下一年）开启下步安排"
    m = book.transition_shortcoming_rx.search(first) if book.transition_shortcoming_rx is not None else None
    if m:
        return _SHORTCOMINGS, f"段首句含「{m.group(0)}」开启问题与不足"
    return None, ""


def parse_sections(text: str, year: int | None = None, title: str | None = None,
                   book: RuleBook | None = None) -> list[Section]:
    """Sections in document order; the first is the preamble (level 0, path "")."""
    book = book or rulebook()
    next_year = year + 1 if year else None
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append((pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1

    preamble = Section(path="", label="", title="导语", level=0, kind=_OTHER,
                       start=0, body_start=0, end=len(text), kind_reason="标题和导语")
    sections: list[Section] = [preamble]
    stack: list[_Open] = []
    seen_heading = False
    # Short lines before the first numbered heading are the title, addressee or page
    # chrome, not headings -- unless the report numbers nothing at all.
    has_numbered = any(_numbered(line) for _, line in lines)

    def close_to(rank: float, at: int) -> None:
        while stack and stack[-1].rank >= rank:
            stack.pop().section.end = at

    def open_section(rank: float, label: str, title_text: str, start: int, body_start: int,
                     numbered: bool, forced_kind: SectionKind | None = None, reason: str = "") -> None:
        close_to(rank, start)
        parent = stack[-1].section if stack else None
        kind, why = (forced_kind, reason) if forced_kind else _classify_title(title_text, next_year, book)
        if (kind in (_PLANS, _SHORTCOMINGS) and not forced_kind and parent is not None
                and parent.kind in (_ACHIEVEMENTS, _DUTIES) and len(title_text) > SUBTITLE_CHARS):
            # "(一)……把法治政府建设纳入年度工作计划" under 主要举措和成效 reports the year's work; a part
            # of plans or shortcomings inside it is titled so, briefly ("(四)存在的问题").
            kind = None
        if kind is None:
            if parent is not None:
                kind, why = parent.kind, "沿用上级标题的分类"
            else:
                kind, why = _ACHIEVEMENTS, "正文部分，默认为举措成效"
        path_label = label or f"「{title_text[:10]}」"
        section = Section(
            path=(parent.path if parent else "") + path_label,
            label=label, title=title_text, level=len(stack) + 1, kind=kind,
            start=start, body_start=body_start, end=len(text), kind_reason=why,
        )
        sections.append(section)
        stack.append(_Open(rank, section, numbered))

    for idx, (start, line) in enumerate(lines):
        next_line = lines[idx + 1][1] if idx + 1 < len(lines) else None
        if title and not seen_heading and line == title.strip():
            continue
        numbered = _numbered(line)
        if numbered:
            rank, label, rest = numbered
            heading = _split_heading(rest)
            body_start = start + (len(line) - len(rest)) + len(heading)
            open_section(rank, label, heading, start, body_start, True)
            seen_heading = True
            continue
        if _is_unnumbered_heading(line, next_line) and (seen_heading or (not has_numbered and idx > 0)):
            rank = stack[-1].rank if stack and not stack[-1].numbered else (stack[-1].rank + 1 if stack else 1)
            open_section(rank, "", line, start, start + len(line), False)
            seen_heading = True
            continue
        if seen_heading:
            kind, why = _transition_kind(line, start / max(len(text), 1), year, book)
            current = stack[-1].section.kind if stack else None
            if kind is not None and kind != current:
                label = "〔问题与不足〕" if kind == _SHORTCOMINGS else "〔下步安排〕"
                close_to(0, start)
                section = Section(path=label, label=label, title=line[:20], level=1, kind=kind,
                                  start=start, body_start=start, end=len(text), kind_reason=why)
                sections.append(section)
                stack.append(_Open(1, section, False))
    close_to(-1, len(text))
    if len(sections) > 1:
        preamble.end = sections[1].start
    return sections


def section_at(sections: list[Section], offset: int) -> Section:
    """The deepest section containing `offset`."""
    best = sections[0]
    for s in sections[1:]:
        if s.start <= offset < s.end and s.level >= best.level:
            best = s
    return best
