"""More shapes of how a report names its issuer and its year (invented places: 青溪县, 江州市,
云岭省 ...), one test per rule; each states what a legal officer reads."""

from __future__ import annotations

from scorer.analysis.metadata import extract_meta
from scorer.models import JurisdictionKind as Kind

BODY = (
    "一、主要举措和成效\n（一）完善依法行政制度体系。严格规范性文件合法性审查，全年审查规范性文件12件。\n"
    "（二）推进严格规范公正文明执法。全面落实行政执法三项制度，行政复议案件全部依法办结。\n"
    "二、存在的不足\n法律顾问作用发挥不够充分。\n三、下一步工作安排\n深入推进重大行政决策程序规范化。\n"
)


def meta_of(text: str, raw: str | None = None):
    return extract_meta(raw if raw is not None else text, text)


def test_signing_department_is_a_department():
    text = ("云岭省卫生健康委关于2023年度法治政府建设情况的报告\n省委、省政府：\n现呈送我委2023年度法治政府建设情况报告。\n"
            + BODY + "云岭省卫生健康委\n2024年3月8日\n")
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("云岭省卫生健康委", Kind.department)
    untitled = meta_of("2023年，我委扎实推进法治政府建设。\n" + BODY + "云岭省卫生健康委\n2024年3月8日\n")
    assert (untitled.jurisdiction, untitled.jurisdiction_kind) == ("云岭省卫生健康委", Kind.department)


def test_title_broken_over_two_lines_is_one_title():
    meta = meta_of("江州滨江新区2025年法治政府建设\n年度报告\n2025年，在市委、市政府的坚强领导下，新区坚持依法行政。\n" + BODY)
    assert meta.title == "江州滨江新区2025年法治政府建设年度报告"
    assert (meta.jurisdiction, meta.jurisdiction_kind, meta.year) == ("江州滨江新区", Kind.development_zone, 2025)
    # a heading after a title line is not the title's end
    assert meta_of("江州市2025年法治政府建设年度报告\n一、主要举措\n" + BODY).title == "江州市2025年法治政府建设年度报告"


def test_place_written_once_as_the_acting_subject_of_the_first_sentence():
    meta = meta_of("2020年，青溪市坚持以习近平法治思想为引领，统筹推进法治政府建设。\n" + BODY)
    assert meta.jurisdiction == "青溪市"
    # written once in passing, not as the subject: not the issuer
    assert meta_of("2020年，我们组织干部赴青溪市学习考察，推进法治政府建设。\n" + BODY).jurisdiction != "青溪市"


def test_city_under_a_prefecture_is_county_level():
    under = meta_of("2020年，青溪市坚持以习近平法治思想为引领，落实省委、州委关于法治建设的部署。\n" + BODY)
    assert (under.jurisdiction, under.jurisdiction_kind) == ("青溪市", Kind.county)
    alone = meta_of("2020年，青溪市坚持以习近平法治思想为引领，落实省委关于法治建设的部署。\n" + BODY)
    assert (alone.jurisdiction, alone.jurisdiction_kind) == ("青溪市", Kind.city)


def test_first_sentence_after_a_preface_opens_with_the_year():
    text = ("法治是治国理政的基本方式。2022年，在市委、市政府和县委的坚强领导下，全县法治政府建设工作扎实推进。"
            "制定下发了《青溪县法治政府建设实施方案（2021—2025年）》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪县", Kind.county)
    # without the year the second sentence is not the report's opening
    later = meta_of("法治是治国理政的基本方式。全县法治政府建设工作扎实推进。制定了《青溪县法治政府建设实施方案》。\n" + BODY)
    assert later.jurisdiction is None
