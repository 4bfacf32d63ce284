"""Data shapes shared by every pipeline step.

ingest -> Document; sections -> list[Section]; checklist -> Checklist;
match -> list[ItemResult]; score -> ReportResult. Everything a person reads
later (JSON, tables, PDF) is rendered from ReportResult alone.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


# --------------------------------------------------------------------------- documents


class JurisdictionKind(str, Enum):
    """Kinds of issuing body; checklists mark items not applicable per kind."""

    province = "province"  # 省、自治区、直辖市
    city = "city"  # 设区的市、自治州
    county = "county"  # 县、县级市、市辖区
    development_zone = "development_zone"  # 开发区、高新区、新区、园区 (no rule-making power)
    department = "department"  # 政府部门 (局、委、办)
    unknown = "unknown"


# The one Chinese name of each kind, used in every output (tables, PDFs, Excel, messages).
JURISDICTION_KIND_LABELS = {
    JurisdictionKind.province: "省级政府",
    JurisdictionKind.city: "设区的市",
    JurisdictionKind.county: "县（市、区）",
    JurisdictionKind.development_zone: "开发区（园区）",
    JurisdictionKind.department: "政府部门",
    JurisdictionKind.unknown: "未识别",
}


class DocumentMeta(BaseModel):
    title: str | None = None
    jurisdiction: str | None = None
    jurisdiction_kind: JurisdictionKind = JurisdictionKind.unknown
    year: int | None = None  # the year the report covers
    published: dt.date | None = None  # publication date shown on the page, if any
    # Where each value was found, for explanations ("标题", "正文第1段", "页面发布日期").
    provenance: dict[str, str] = Field(default_factory=dict)


class Document(BaseModel):
    """A report after ingest: cleaned text plus what we learned about it.

    All character offsets anywhere in the pipeline index into `text`.
    """

    source: str  # path as given by the user
    format: Literal["txt", "html", "docx", "pdf"]
    encoding: str | None = None  # detected encoding for text formats
    text: str
    meta: DocumentMeta
    warnings: list[str] = Field(default_factory=list)  # Chinese, shown to the user


# --------------------------------------------------------------------------- sections


class SectionKind(str, Enum):
    achievements = "achievements"  # 主要举措和成效
    shortcomings = "shortcomings"  # 存在的不足和原因
    plans = "plans"  # 下一步工作安排
    duties = "duties"  # 党政主要负责人履行第一责任人职责
    other = "other"  # 标题、导语、结语


SECTION_KIND_LABELS = {
    SectionKind.achievements: "举措成效",
    SectionKind.shortcomings: "不足问题",
    SectionKind.plans: "下步安排",
    SectionKind.duties: "第一责任人职责",
    SectionKind.other: "其他",
}


class Section(BaseModel):
    """One node of the report's heading tree.

    `start`..`end` covers the heading and everything under it (children included);
    `body_start` is where the section's own text begins after the heading.
    """

    path: str  # e.g. "二、（一）"; "" for the preamble
    label: str  # this level's number as written, normalised: "（一）", "1.", or "" if unnumbered
    title: str  # heading text without its number
    level: int  # 0 = document/preamble, 1 = 一、 ...
    kind: SectionKind
    start: int
    body_start: int
    end: int
    kind_reason: str = ""  # why this kind was assigned (Chinese)


# --------------------------------------------------------------------------- checklists


class Status(str, Enum):
    covered = "covered"
    partial = "partial"
    missing = "missing"
    not_applicable = "not_applicable"
    # structure checks only
    passed = "pass"
    failed = "fail"
    unknown = "unknown"


STATUS_LABELS = {
    Status.covered: "已覆盖",
    Status.partial: "部分覆盖",
    Status.missing: "缺失",
    Status.not_applicable: "不适用",
    Status.passed: "符合",
    Status.failed: "不符合",
    Status.unknown: "无法判断",
}


class RuleMatch(BaseModel):
    """One rule of the rule book (checklists/rules.yaml) that fired, and where.

    `start`/`end` are offsets into Document.text (None when the rule is about the
    sentence as a whole). Chinese reasons are written from these records."""

    rule: str  # rule id: MATCH-PHRASE, MATCH-HEADING, SIG-QUANTITY, VETO-TRAINING, MOD-PLAN …
    text: str = ""  # what stands in the report
    start: int | None = None
    end: int | None = None
    phrase: str | None = None  # the checklist phrase or heading word it was matched with
    reason: str | None = None  # vetoes and modality: why, in Chinese


class Evidence(BaseModel):
    section: str  # section path, e.g. "二、（一）"
    text: str  # the sentence
    start: int  # offsets into Document.text
    end: int
    reasons: list[str] = Field(default_factory=list)  # Chinese, written from the records below
    modality: str = "achievement"  # achievement | plan | shortcoming | vague
    matched: list[RuleMatch] = Field(default_factory=list)  # why the sentence is about the item
    signals: list[RuleMatch] = Field(default_factory=list)  # what makes it concrete
    limits: list[RuleMatch] = Field(default_factory=list)  # what keeps it from counting fully


class ReviewEvidence(BaseModel):
    """The sentence a reviewer relies on: offsets into Document.text (and its text)."""

    start: int
    end: int
    text: str = ""


class ItemReview(BaseModel):
    """A reviewer's verdict on one item (scorer/review): in force unless `stale`."""

    reviewer: str
    date: dt.date
    reason: str
    stale: bool = False  # the report text, checklist or item changed since: 待重新复核, not applied
    status: Status  # the reviewer's verdict
    machine_status: Status  # the machine's verdict when the reviewer looked
    stale_reasons: list[str] = Field(default_factory=list)  # Chinese: what changed
    evidence: ReviewEvidence | None = None


class ItemResult(BaseModel):
    id: str
    title: str
    area: str
    weight: float
    status: Status
    confidence: float
    # A covered verdict resting on weak evidence (confidence under SCORE-CONFIDENCE's check_below): the report
    # marks it 建议核对 so the officer checks it first
    needs_check: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    explanation: str = ""  # one Chinese sentence: why this status
    # Literal hits that a veto removed (rule VETO-*), so a reader sees what did not count.
    vetoed: list[RuleMatch] = Field(default_factory=list)
    # Structure items for a report year before the 2019 regulation took effect: the
    # status is still computed, but shown as advice rather than as a failure.
    advisory: bool = False
    # Human review (scorer/review): `status` is the verdict in force, `machine_status` the
    # machine's own verdict, `review` the reviewer's record (None when nobody reviewed it).
    machine_status: Status | None = None
    review: ItemReview | None = None

    @property
    def check_suggested(self) -> bool:
        return check_suggested(self.status, self.needs_check, None if self.review is None else self.review.stale)


def check_suggested(status: str, needs_check: bool, review_stale: bool | None) -> bool:
    """Mark a verdict 建议核对: a covered verdict on weak evidence (needs_check) that no reviewer has settled
    yet (review_stale None: no record; a stale record settles nothing). Shared by ItemResult and the desk's
    list, which counts it on a result's JSON without building the models."""
    return needs_check and status == Status.covered and review_stale is not False


class AreaScore(BaseModel):
    name: str
    score: float | None  # None when every item of the area is not applicable
    covered: int
    partial: int
    missing: int
    not_applicable: int


class ChecklistRef(BaseModel):
    id: str
    version: str
    title: str
    sha256: str


class ReportResult(BaseModel):
    model_config = ConfigDict(use_enum_values=False)

    source: str
    title: str | None
    jurisdiction: str | None
    jurisdiction_kind: JurisdictionKind
    year: int | None
    published: dt.date | None
    checklist: ChecklistRef
    checklist_reason: str  # why this checklist was chosen (Chinese)
    score: float
    areas: list[AreaScore]
    items: list[ItemResult]
    structure: list[ItemResult]
    sections: list[Section]
    warnings: list[str] = Field(default_factory=list)
    is_report: bool = True  # False when the text does not look like a 法治政府建设 report
    text_sha256: str | None = None  # sha256 of the cleaned text (UTF-8): what review records are keyed to
    machine_score: float | None = None  # the score from the machine's verdicts alone (set with reviews applied)
