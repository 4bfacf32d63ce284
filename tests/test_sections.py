"""The heading tree and the kinds of parts a legal officer distinguishes."""

from __future__ import annotations

from pathlib import Path

from scorer.models import SectionKind
from scorer.analysis.sections import parse_sections, section_at
from scorer.analysis.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sections_of(name, year):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return text, parse_sections(text, year)


def test_numbering_levels_and_paths():
    text = "标题\n导语一段。\n一、总体情况\n（一）深化改革。本年度出台《办法》3件。\n1.第一点。内容。\n（1）细目。内容。\n二、其他工作\n正文。\n"
    secs = parse_sections(text, 2020)
    paths = [s.path for s in secs]
    assert paths == ["", "一、", "一、（一）", "一、（一）1.", "一、（一）1.（1）", "二、"]
    sub = secs[2]
    assert sub.title == "深化改革" and text[sub.body_start:].startswith("。本年度")
    assert section_at(secs, text.index("内容")).path == "一、（一）1."


def test_decimal_is_not_a_heading():
    secs = parse_sections("一、执法\n3.22依法行政宣传日活动举办一次。\n1.5亿元投入到位。\n", 2017)
    assert [s.path for s in secs] == ["", "一、"]


def test_unnumbered_headings_sit_between_numbered_levels():
    text, secs = sections_of("leshan-hitech-2019.txt", 2019)
    by_title = {s.title: s for s in secs}
    lead = by_title["加强组织领导,强化法治思维"]
    assert lead.level == 2 and lead.path.startswith("一、")
    # （二） is a sibling of the unnumbered heading, not its child.
    assert by_title["依法全面履行政府职能"].path == "一、（二）"
    assert by_title["下一步工作"].kind == SectionKind.plans


def test_closing_paragraphs_open_shortcomings_and_plans():
    text, secs = sections_of("changzhou-jintan-2018.txt", 2018)
    kinds = [(s.path, s.kind) for s in secs if s.level == 1]
    assert ("〔问题与不足〕", SectionKind.shortcomings) in kinds
    assert ("〔下步安排〕", SectionKind.plans) in kinds
    plan_children = [s for s in secs if s.path.startswith("〔下步安排〕（")]
    assert [s.title for s in plan_children][:2] == ["全面提升政府依法行政水平", "加大执法监督检查力度"]
    # The plan's 深化行政执法体制改革 is a plan, not this year's achievement.
    sents = split_sentences(text, secs)
    plan = next(s for s in sents if "按照上级部署做好我区机构改革" in s.text)
    assert plan.modality == "plan"


def test_duties_section_by_heading():
    _, secs = sections_of("huaian-hongze-2023.txt", 2023)
    one = next(s for s in secs if s.path == "一、")
    assert one.kind == SectionKind.duties and "主要负责人" in one.kind_reason


def test_sentence_modality_and_signals():
    text = ("一、工作\n（一）复议。全区共收到行政复议申请62件，已办结57件。"
            "严格执行规范性文件制定程序，加强合法性审查。下一步，将继续深化改革。"
            "目前我区综合行政执法改革尚处于起步阶段。\n")
    sents = split_sentences(text, parse_sections(text, 2018))
    by = {s.text[:6]: s for s in sents}
    assert by["（一）复议"].is_heading
    assert by["全区共收到行"].concrete and by["全区共收到行"].modality == "achievement"
    assert not by["严格执行规范"].concrete
    assert by["下一步，将继"].modality == "plan"
    assert by["目前我区综合"].modality == "plan"
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_a_long_heading_that_mentions_a_plan_stays_the_years_work():
    text = ("一、推进法治政府建设的主要举措和成效\n"
            "（一）深入贯彻习近平法治思想，把法治政府建设纳入本地区发展总体规划和年度工作计划，为推进法治建设提供保障。"
            "制定了主要负责人履职成效考核细则，将专项述法纳入考核内容。\n"
            "（二）下一步工作安排\n继续推进。\n"
            "二、存在的问题\n执法力量不足。\n")
    secs = {s.path: s.kind for s in parse_sections(text, 2020)}
    assert secs["一、（一）"] == SectionKind.achievements  # 年度工作计划 named inside the year's work
    assert secs["一、（二）"] == SectionKind.plans  # a short heading that is a plans part
    assert secs["二、"] == SectionKind.shortcomings
