"""The rule cases in tests/rules/cases.yaml, run directly against the matcher: a short
text, one checklist item, and the verdict and rule records a legal officer expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from scorer.analysis.document import AnalysedDoc
from scorer.analysis.match import judge_item, prepare
from scorer.checklist.load import Checklist
from scorer.checklist.rules import load_rulebook_spec, rulebook
from scorer.checklist.schema import ChecklistSpec, ItemSpec
from scorer.models import Document, DocumentMeta

CASES = YAML(typ="safe").load(Path(__file__).with_name("rules").joinpath("cases.yaml").read_text(encoding="utf-8"))


def judge(case: dict):
    item = ItemSpec(id="T-1", area="测试", title="测试条目", requirement="测试", phrases=case.get("phrases", []),
                    exclude=case.get("exclude", []), heading_words=case.get("heading_words", []),
                    rules=case.get("rules", {}))
    spec = ChecklistSpec(id="case", version="1", title="用例", areas=["测试"], items=[item],
                         rules=case.get("checklist_rules", {}))
    checklist = Checklist(spec=spec, path=Path("cases.yaml"), sha256="")
    prepare(checklist)
    # `issuer`: the department that published the report (rule VETO-OWN-FIELD reads its name)
    meta = DocumentMeta(year=2023, jurisdiction=case["issuer"], jurisdiction_kind="department") \
        if "issuer" in case else DocumentMeta(year=2023)
    doc = Document(source="case.txt", format="txt", text=case["text"].strip() + "\n", meta=meta)
    return judge_item(item, checklist, AnalysedDoc.analyse(doc, rulebook(spec.rules)))


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['rule']}-{c['expect']}" for i, c in enumerate(CASES)])
def test_rule_case(case):
    result = judge(case)
    assert result.status.value == case["expect"], (result.explanation, [e.reasons for e in result.evidence])
    records = [r for ev in result.evidence for r in ev.matched + ev.signals + ev.limits]
    if "signal" in case:
        assert case["signal"] in {r.rule for ev in result.evidence for r in ev.signals}
    if "matched_by" in case:
        assert case["matched_by"] in {r.rule for ev in result.evidence for r in ev.matched}
    if "limit" in case:
        assert case["limit"] in {r.rule for ev in result.evidence for r in ev.limits}, records
    if "vetoed_by" in case:
        assert case["vetoed_by"] in {v.rule for v in result.vetoed}, result.vetoed


def test_every_case_names_a_rule_of_the_book():
    known = {r.id for _, r in load_rulebook_spec().all_rules()} | {"ITEM-EXCLUDE"}
    assert {c["rule"] for c in CASES} <= known


def test_every_rule_has_a_chinese_name_and_description():
    for _group, rule in load_rulebook_spec().all_rules():
        assert rule.name and rule.description
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.name + rule.description), rule.id
