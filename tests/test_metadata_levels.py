"""Issuer and document kind at every level: province, municipality, city, county, zone,
department, ministry. Short invented openings (云岭省, 江州市, 青溪县 ...; real provincial
names only where the rule is about them), one rule each, each with a case the rule must
leave alone."""

from __future__ import annotations

import pytest

from scorer.analysis.metadata import looks_like_report
from scorer.models import JurisdictionKind as Kind
from scorer.running.corpus_eval import _same_place, same_full_name
from metadata_helpers import meta_of

BODY = (
    "一、主要举措和成效\n（一）完善依法行政制度体系。严格规范性文件合法性审查，全年审查规范性文件12件。\n"
    "（二）推进严格规范公正文明执法。全面落实行政执法三项制度，行政复议案件全部依法办结，聘请法律顾问5名。\n"
    "二、存在的不足\n法律顾问作用发挥不够充分。\n三、下一步工作安排\n深入推进重大行政决策程序规范化。\n"
)


# --------------------------------------------------------------------------- province


@pytest.mark.parametrize("short, full", [("广东", "广东省"), ("宁夏", "宁夏回族自治区"), ("上海", "上海市")])
def test_province_named_by_its_short_name_as_the_first_subject(short, full):
    meta = meta_of(f"2021年，{short}坚持以习近平法治思想为指导，扎实推进法治政府建设。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == (full, Kind.province)


def test_short_name_that_opens_a_longer_name_is_not_the_province():
    meta = meta_of("2021年，北京经开区坚持以习近平法治思想为指导，扎实推进法治政府建设。\n" + BODY)
    assert meta.jurisdiction != "北京市"


def test_province_calling_itself_the_whole_province_named_by_the_one_province_written():
    text = ("2024年，在省委坚强领导下，全省各级政府坚持依法行政，深入贯彻习近平总书记对江苏工作重要讲话精神。"
            "现将有关情况报告如下。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江苏省", Kind.province)


def test_whole_province_naming_no_province_stays_unnamed():
    meta = meta_of("2020年，在省委的正确领导下，全省各级政府坚持依法行政。\n" + BODY)
    assert meta.jurisdiction is None


def test_whole_province_naming_two_provinces_stays_unnamed():
    text = "2020年，全省各级政府坚持依法行政，与浙江、安徽共同推进长三角执法协作。\n" + BODY
    assert meta_of(text).jurisdiction is None


def test_municipality_calling_itself_this_city():
    text = ("2022年，全市各区、各部门在市委、市政府领导下，贯彻落实对上海工作重要指示要求，"
            "为本市经济社会发展提供法治保障。\n" + BODY)
    assert meta_of(text).jurisdiction == "上海市"


def test_city_calling_itself_this_city_is_not_the_province_it_names():
    text = "2022年，我市在省委、省政府领导下，贯彻落实对广东工作重要指示要求，本市法治政府建设取得成效。\n" + BODY
    assert meta_of(text).jurisdiction is None


# --------------------------------------------------------------------------- city, county


def test_issuer_on_the_line_above_a_title_that_does_not_name_it():
    meta = meta_of("江州市教育局\n2018年度法治政府建设情况报告\n2018年，市教育局坚持依法治教。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市教育局", Kind.department)
    assert meta.title == "江州市教育局2018年度法治政府建设情况报告"


def test_page_source_line_completes_the_name_the_report_gives_itself():
    clean = "青溪区2018年法治政府建设年度报告\n2018年，青溪区人民政府认真落实依法治国基本方略。\n" + BODY
    raw = "当前位置：首页\n来源：江州市青溪区人民政府  发布时间：2019年3月1日\n" + clean
    meta = meta_of(clean, raw)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市青溪区", Kind.county)


def test_page_source_line_of_another_body_changes_nothing():
    clean = "青溪区2018年法治政府建设年度报告\n2018年，青溪区人民政府认真落实依法治国基本方略。\n" + BODY
    raw = "来源：江州市司法局\n" + clean
    assert meta_of(clean, raw).jurisdiction == "青溪区"


# --------------------------------------------------------------------------- zone


def test_zone_calling_itself_by_kind_keeps_that_name():
    meta = meta_of("市委、市政府：\n2022年，高新区以习近平法治思想为指导，推进法治政府建设。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("高新区", Kind.development_zone)


# --------------------------------------------------------------------------- department


def test_department_reported_on_after_xianjiang():
    text = ("根据《法治政府建设实施纲要（2021—2025年）》和市委、市政府相关文件要求，现将市人社局2021年法治政府建设"
            "情况报告予以公开。\n一、工作开展情况\n（一）深入学习宣传贯彻习近平法治思想\n" + BODY)
    assert meta_of(text).jurisdiction == "市人社局"


def test_provincial_commission_ending_in_wei():
    meta = meta_of("2022年，省卫生健康委坚持以习近平法治思想为指导，推进法治建设。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("省卫生健康委", Kind.department)


def test_party_committee_is_not_a_department():
    meta = meta_of("2022年，在市委坚强领导下，扎实推进法治政府建设。\n" + BODY)
    assert meta.jurisdiction_kind != Kind.department


def test_level_department_completed_by_its_full_name_in_the_text():
    text = ("现将市人力资源和社会保障局2019年度法治政府建设工作报告如下：\n一、主要举措和成效\n"
            "2019年以来，江州市人力资源和社会保障局全面贯彻落实法治政府建设部署，各项工作成效明显。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市人力资源和社会保障局", Kind.department)


# --------------------------------------------------------------------------- ministry


def test_ministry_under_its_former_name():
    meta = meta_of("2017年，原环境保护部深入学习贯彻党的十九大精神，推进依法行政。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("环境保护部", Kind.department)


# --------------------------------------------------------------------------- document kind

CHROME = "欢迎访问本网站\n没有账号？\n咨询热线\n微信公众号\n政策文件\n国家政策\n部委文件\n"


def test_opinion_sent_down_to_subordinates_is_not_a_report_even_below_page_chrome():
    text = (CHROME + "关于深入推进依法行政加快建设法治政府的实施意见\n云政发〔2015〕2号\n"
            "各州、市、县人民政府，省政府各组成部门：\n"
            "多年来，全省各级人民政府推进依法行政，法治政府建设取得较大成效，行政执法行为日益规范，行政复议和行政诉讼"
            "工作不断加强，政务公开全面开展，规范性文件合法性审查逐步完善，为经济社会发展提供了法治保障。\n" + BODY)
    ok, why = looks_like_report(text)
    assert not ok and "意见或决定" in why


def test_report_below_page_chrome_is_still_a_report():
    text = (CHROME + "青溪县人民政府关于2023年度法治政府建设情况的报告\n青溪县人民代表大会常务委员会：\n"
            "2023年，青溪县坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效，行政复议和行政诉讼"
            "工作不断加强，规范性文件合法性审查全面落实。现将有关情况报告如下：\n" + BODY)
    assert looks_like_report(text) == (True, "")


def test_review_of_a_span_of_years_is_not_an_annual_report():
    text = ("青溪区人民政府\n关于法治政府建设实施纲要(2015-2020)落实完成情况的报告\n"
            "一、法治政府建设的总体完成情况\n青溪区深入贯彻落实法治政府建设部署，已全面完成各项举措。\n" + BODY)
    ok, why = looks_like_report(text)
    assert not ok and "2015-2020" in why and "多年期" in why


@pytest.mark.parametrize("title", [
    "青溪区关于2020年度暨“十三五”时期法治政府建设情况的报告",  # a year is named: annual
    "青溪区落实《法治政府建设实施纲要（2015-2020年）》情况的报告",  # the outline cited, not a span reported on
])
def test_report_titles_naming_a_year_or_citing_the_outline_stay_reports(title):
    text = title + "\n2020年，青溪区坚持依法行政，扎实推进法治政府建设。\n" + BODY
    assert looks_like_report(text) == (True, "")


# --------------------------------------------------------------------------- scoring the names


@pytest.mark.parametrize("tool, label, same, full", [
    ("闵行区", "上海市闵行区", True, False),  # a shorter chain of the same body
    ("市教育局", "江州市教育局", False, False),  # names no place
    ("高新区综治局", "江州高新区综治局", False, False),  # names only its kind of zone
    ("江州市公安局", "江州市公安局青溪区分局", False, False),  # another body inside a longer name
    ("高新区（新市区）", "高新区(新市区)", True, True),  # brackets spelt differently
    ("环境保护部", "原环境保护部", True, True),
    (None, None, True, True),
    ("青溪县", None, False, False),
    ("大鹏新区", "大鵬新區", True, True),  # a label written as a traditional-character page writes it
    ("南昌高新技术产业开发区", "南昌高新区", True, False),  # a zone and its usual short form are one body
    ("南昌经济技术开发区", "南昌高新区", False, False),
])
def test_corpus_name_comparison_is_fair(tool, label, same, full):
    assert _same_place(tool, label) is same
    assert same_full_name(tool, label) is full


def test_party_committee_prefix_is_not_part_of_the_place():
    text = "中共江州市青溪区委 江州市青溪区人民政府\n关于2022年法治政府建设情况的报告\n2022年，青溪区坚持依法行政。\n" + BODY
    assert meta_of(text).jurisdiction == "江州市青溪区"


def test_the_place_a_report_says_it_reports_on_is_the_issuer():
    text = ("2025年，在市政府的正确领导下，我区扎实推进法治政府建设，现将江东新区2025年度法治政府建设情况报告如下：\n"
            + BODY)
    assert meta_of(text).jurisdiction == "江东新区"


def test_a_place_whose_committee_and_government_lead_the_first_sentence_is_the_issuer():
    text = ("2018年，云岭省委、省政府坚持以习近平新时代中国特色社会主义思想为指导，大力推进法治政府建设。\n" + BODY)
    assert meta_of(text).jurisdiction == "云岭省"
    superior = ("2022年，在江州市委、市政府的正确领导下，青溪区委、区政府坚持依法行政。\n" + BODY)
    assert meta_of(superior).jurisdiction == "青溪区"  # 江州市 is named for the superior body only


def test_a_byline_of_who_posted_the_page_is_not_the_issuer():
    text = "江州市2020年法治政府建设情况的报告\n市司法局 2021年03月19日\n2020年，江州市坚持依法行政。\n" + BODY
    meta = meta_of(text)
    assert meta.jurisdiction == "江州市" and meta.jurisdiction_kind == Kind.city
    titled = "江州市人民政府关于江州市2019年法治政府建设情况的报告\n市司法局 2020年03月30日\n2019年，江州市坚持依法行政。\n" + BODY
    assert meta_of(titled).jurisdiction == "江州市"


def test_a_zone_administrations_office_is_a_department():
    text = "2024年，江东新区管委会办公室坚持以习近平法治思想为指导，全面推进依法行政。江东新区管委会办公室……\n" + BODY
    meta = meta_of(text)
    assert meta.jurisdiction == "江东新区管委会办公室" and meta.jurisdiction_kind == Kind.department
