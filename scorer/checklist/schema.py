"""The checklist file format, as pydantic models.

A checklist is YAML that legal staff edit. Field names are English (stable for
tools); values are Chinese. See checklists/README.md for the format in Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from scorer.models import JurisdictionKind

CheckKind = Literal["content", "section", "publication_deadline"]

# What people type between phrases. A phrase never contains one: "行政复议，复议案件" is
# two phrases, not one that can never match. (The 顿号 「、」 can be part of a phrase, as in
# 「双随机、一公开」, so it is not refused here; the Excel import asks which was meant.)
PHRASE_SEPARATORS = re.compile(r"[，,；;\n\r]")
ALTERNATIVE = "|"  # "考评+法治|依法" : 考评 and one of 法治, 依法 in the same sentence
MAX_VARIANTS = 64  # plain rules one written phrase may stand for (a|b|c+d|e|f+… multiplies)
MAX_ITEM_RULES = 5000  # plain rules of one item, all its phrases together


def phrase_variants(rule: str) -> tuple[str, ...]:
    """The plain rules a written rule stands for: a part "A|B" is either word, so
    "考评+法治|依法" is "考评+法治" and "考评+依法" (in that order)."""
    if ALTERNATIVE not in rule:
        return (rule,)
    parts = [[alt.strip() for alt in part.split(ALTERNATIVE)] for part in rule.split("+")]
    return tuple("+".join(combo) for combo in product(*parts))


@lru_cache(maxsize=1024)
def _expand(rules: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for rule in rules for v in phrase_variants(rule)))


def expanded_phrases(rules: list[str]) -> tuple[str, ...]:
    """Every plain "A+B" rule the item's written phrases stand for, without repeats:
    what matching works with (the written form is what people edit and see)."""
    return _expand(tuple(rules))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ItemSpec(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=40)
    area: str = ""  # must be one of Checklist.areas (structure checklists may leave it empty)
    title: str = Field(min_length=1)
    requirement: str = Field(min_length=1)  # what the outline asks, in the project's words
    guidance: str = ""  # what a report would need to show to count as covered
    weight: float = Field(default=1.0, gt=0, le=10)
    # Matching rules. A phrase matches a sentence literally; "A+B" means A and B in the
    # same sentence, "A+B|C" A with B or C (see phrase_variants). `exclude` phrases veto a
    # sentence for this item. `patterns` are regular expressions for the rare case phrases
    # cannot express.
    phrases: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    not_applicable_for: list[JurisdictionKind] = Field(default_factory=list)
    # Words that, in a numbered heading or a lead sentence, make the paragraph under it
    # about this item even when its body uses other words (rule MATCH-HEADING).
    heading_words: list[str] = Field(default_factory=list)
    # Tuning of the rule book (checklists/rules.yaml) for this item only: {rule id: off | {...}}.
    rules: dict[str, Any] = Field(default_factory=dict)
    # Structure checks only.
    check: CheckKind = "content"
    section_kind: Literal["achievements", "shortcomings", "plans", "duties"] | None = None
    deadline: str | None = Field(default=None, pattern=r"^\d{2}-\d{2}$")  # MM-DD of the next year

    @field_validator("phrases", "exclude")
    @classmethod
    def _no_empty_rules(cls, v: list[str], info: ValidationInfo) -> list[str]:
        # A Chinese input method types the full-width ＋ and ｜: they mean the same as "+" and "|".
        v = [rule.replace("＋", "+").replace("｜", ALTERNATIVE) for rule in v]
        total = 0
        for rule in v:
            parts = rule.split("+")
            if not rule or not rule.strip() or any(not p.strip() for p in parts):
                raise ValueError("匹配规则不能为空")
            if ALTERNATIVE in rule and info.field_name == "exclude":
                raise ValueError(f"排除短语「{rule}」中不能用「|」：几个排除短语要分开写")
            alternatives = [p.split(ALTERNATIVE) for p in parts]
            if any(not alt.strip() for alts in alternatives for alt in alts):
                raise ValueError(f"短语「{rule}」中「|」两边都要有词（「考评+法治|依法」表示“考评”和“法治”或“依法”同句）")
            variants = 1
            for alts in alternatives:
                variants *= len(alts)
            if variants > MAX_VARIANTS:
                raise ValueError(f"短语「{rule[:40]}」的可选词组合太多（{variants} 种，最多 {MAX_VARIANTS} 种）：请拆成几个短语")
            total += variants
            sep = PHRASE_SEPARATORS.search(rule)
            if sep:
                raise ValueError(
                    f"短语「{rule}」中有分隔符「{sep.group()}」：一个短语里不能有分隔符，几个短语要分开写"
                    f"（YAML 中写成列表 [甲, 乙]；Excel 中用「；」分隔或每行一个）")
        if total > MAX_ITEM_RULES:
            raise ValueError(f"本条目的短语太多（展开后 {total} 条，最多 {MAX_ITEM_RULES} 条）")
        return v

    @field_validator("patterns")
    @classmethod
    def _no_empty_patterns(cls, v: list[str]) -> list[str]:
        # A regex may contain "+" (e.g. [0-9]+); only emptiness is checked here.
        if any(not p or not p.strip() for p in v):
            raise ValueError("匹配规则不能为空")
        return v


class ChecklistSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str = ""  # the document the checklist is derived from
    kind: Literal["outline", "structure"] = "outline"
    # Covered years this checklist is chosen for automatically (inclusive); None = open.
    years: tuple[int | None, int | None] | None = None
    # Structure checks for reports on years before this are advice, not failures.
    effective_from_year: int | None = None
    extends: str | None = None  # name or path of a checklist this one builds on
    areas: list[str] = Field(default_factory=list)
    items: list[ItemSpec] = Field(default_factory=list)
    # Only with `extends`: ids to drop, and per-id field overrides (weight, phrases, ...).
    remove: list[str] = Field(default_factory=list)
    overrides: dict[str, dict] = Field(default_factory=dict)
    # Tuning of the rule book (checklists/rules.yaml) for every item: {rule id: off | {...}}.
    rules: dict[str, Any] = Field(default_factory=dict)
