"""Title, covered year, publication date and issuing body, as a legal officer reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.analysis.ingest import load_document
from scorer.analysis.metadata import find_title, looks_like_report, parse_date
from scorer.models import JurisdictionKind as Kind
from metadata_helpers import BODY, meta_of

# --------------------------------------------------------------------------- titles


def test_title_is_the_first_short_report_line():
    text = "青溪县2021年度法治政府建设情况报告\n\n2021年，青溪县人民政府全面推进依法行政。\n" + BODY
    assert find_title(text) == "青溪县2021年度法治政府建设情况报告"


def test_title_label_and_split_title():
    assert find_title("标题：关于2020年度法治政府建设情况的报告\n正文。") == "关于2020年度法治政府建设情况的报告"
    split = "苏州市人民政府\n关于2019年度法治政府建设工作情况的报告\n\n省人民政府：\n" + BODY
    assert find_title(split) == "苏州市人民政府关于2019年度法治政府建设工作情况的报告"


def test_headings_and_sentences_are_not_titles():
    text = "一、党政主要负责人履行推进法治建设第一责任人职责情况\n现将法治政府建设情况报告如下：\n" + BODY
    assert find_title(text) is None


def test_title_from_the_info_table_when_the_body_has_none():
    raw = "标  题 青溪县2021年度法治政府建设情况报告\n2021年，青溪县人民政府全面推进依法行政。\n"
    meta = meta_of("2021年，青溪县人民政府全面推进依法行政。\n" + BODY, raw)
    assert meta.title == "青溪县2021年度法治政府建设情况报告"


# --------------------------------------------------------------------------- dates and years


@pytest.mark.parametrize("written, date", [
    ("2020-06-01", dt.date(2020, 6, 1)), ("2018-1-2", dt.date(2018, 1, 2)),
    ("2018/1/2 13:52:39", dt.date(2018, 1, 2)), ("2024年1月25日", dt.date(2024, 1, 25)),
    ("2019.03.20", dt.date(2019, 3, 20)), ("二〇二〇年三月二十一日", dt.date(2020, 3, 21)),
    ("2019-02-30", None), ("第2019号", None),
])
def test_parse_date(written, date):
    assert parse_date(written) == date


def test_published_from_page_labels_best_first():
    raw = "成文日期：2021-03-01\n发布日期：2021-03-05\n" + BODY
    meta = meta_of(BODY, raw)
    assert meta.published == dt.date(2021, 3, 5) and meta.provenance["published"] == "页面发布日期"


def test_published_from_signature_date():
    text = "青溪县2020年度法治政府建设情况报告\n" + BODY + "青溪县人民政府\n二〇二一年三月二十日\n"
    meta = meta_of(text)
    assert meta.published == dt.date(2021, 3, 20)
    assert meta.provenance["published"] == "正文末尾落款日期"


def test_dates_inside_paragraphs_are_not_publication_dates():
    text = "青溪县2020年度法治政府建设情况报告\n" + BODY + "2020年5月3日出台了《青溪县重大行政决策程序规定》。\n"
    assert meta_of(text).published is None


def test_year_from_the_opening_sentence():
    text = ("青溪县人民政府\n2020年，我县坚持以习近平法治思想为指导，依据《法治政府建设实施纲要（2015-2020年）》，"
            "全面推进依法行政。现将我县2020年度法治政府建设工作情况报告如下：\n" + BODY)
    meta = meta_of(text)
    assert meta.year == 2020 and meta.provenance["year"] == "正文开头"


def test_outline_years_are_not_the_report_year():
    text = "依据《法治政府建设实施纲要（2015-2020年）》，全面推进依法行政，各项工作取得明显成效，群众满意度持续提升。\n" + BODY
    assert meta_of(text).year is None


def test_a_provincial_outlines_span_written_with_years_is_not_the_report_year():
    # 《……实施纲要(2021年—2025年)》 in the opening: the year reported on is the one the first part names
    text = ("根据《法治政府建设实施纲要(2021—2025年)》和《江州省法治政府建设实施纲要(2021年—2025年)》等文件要求，"
            "现将法治政府建设工作情况报告如下。\n一、2023年总体情况\n2023年，我局坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert meta_of(text).year == 2023


def test_year_guessed_from_a_spring_publication_date():
    meta = meta_of("全面推进依法行政，各项工作取得明显成效，群众满意度持续提升。\n" + BODY,
                   "发布时间：2022-03-15 09:00\n" + BODY)
    assert meta.year == 2021 and "推算" in meta.provenance["year"]
    autumn = meta_of("全面推进依法行政，各项工作取得明显成效，群众满意度持续提升。\n" + BODY, "发布时间：2022-09-15\n")
    assert autumn.year is None


# --------------------------------------------------------------------------- issuing body


@pytest.mark.parametrize("title, name, kind", [
    ("浙江省2021年法治政府建设年度报告", "浙江省", Kind.province),
    ("上海市2021年法治政府建设情况报告", "上海市", Kind.province),
    ("苏州市人民政府关于2019年度法治政府建设情况的报告", "苏州市", Kind.city),
    ("恩施土家族苗族自治州2022年法治政府建设年度报告", "恩施土家族苗族自治州", Kind.city),
    ("关于青溪县2023年度法治政府建设工作的报告", "青溪县", Kind.county),
    ("昆山市司法局2020年度法治政府建设情况报告", "昆山市司法局", Kind.department),
    ("青溪县人民政府办公室2020年度法治政府建设情况报告", "青溪县人民政府办公室", Kind.department),
    ("淄博高新技术产业开发区管理委员会2017年度法治政府建设情况报告", "淄博高新技术产业开发区", Kind.development_zone),
    ("2019年青溪经济开发区法治政府建设工作报告", "青溪经济开发区", Kind.development_zone),
])
def test_issuer_from_title(title, name, kind):
    meta = meta_of(title + "\n" + "全面推进依法行政，法治政府建设取得新成效。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == (name, kind)
    assert meta.provenance["jurisdiction"].startswith("标题")


def test_bare_district_is_qualified_with_the_city_the_text_writes():
    text = ("关于青溪区2023年度法治政府建设工作的报告\n2023年，青溪区全面推进依法行政。\n" + BODY
            + "严格执行《江州市青溪区重大行政决策程序规定》。\n")
    meta = meta_of(text)
    assert meta.jurisdiction == "江州市青溪区" and meta.jurisdiction_kind == Kind.county


def test_issuer_from_the_opening_not_the_addressee():
    text = ("江州市人民政府：\n2018年，青溪区政府在上级政府和区委的正确领导下，立足我区工作实际，全面推进依法行政。"
            "现将我区2018年度法治政府建设工作情况报告如下：\n" + BODY)
    meta = meta_of(text)
    # The addressee is the superior city reported to: not part of the district's name
    # (tests/corpus/LABEL-CHANGES.md: a higher level written only for a superior body is not added).
    assert meta.jurisdiction == "青溪区"
    assert meta.provenance["jurisdiction"].startswith("正文开头")


def test_superior_in_the_opening_is_not_the_issuer():
    text = ("2022年，在江州市人民政府的正确领导下，青溪县人民政府深入贯彻习近平法治思想，我县法治政府建设取得新成效，"
            "我县群众满意度持续提升。\n" + BODY)
    assert meta_of(text).jurisdiction == "青溪县"


def test_zone_committee_in_the_opening():
    text = "2019年度法治政府建设情况的报告\n为深入推进依法行政，江州高新区管委会按照上级要求，精心部署。\n" + BODY
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州高新区", Kind.development_zone)


def test_bare_place_opening_the_report():
    text = ("关于2021年度法治政府建设情况的报告\n2021年，在市委、市政府的坚强领导下，青溪县深入学习贯彻习近平法治思想，"
            "青溪县法治政府建设取得新成效。\n" + BODY)
    assert meta_of(text).jurisdiction == "青溪县"


def test_department_in_the_opening():
    text = ("2020年度法治政府建设情况报告\n2020年，昆山市司法局在市委、市政府的坚强领导下，全面推进依法行政，"
            "我局各项工作取得新成效，我局法治宣传持续深入。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("昆山市司法局", Kind.department)


def test_joint_party_and_government_title():
    meta = meta_of("中共青溪县委 青溪县人民政府关于2021年度法治政府建设情况的报告\n" + BODY)
    assert meta.jurisdiction == "青溪县" and meta.year == 2021


def test_people_s_congress_addressee_names_the_same_level():
    text = "青溪县人大常委会：\n现将2021年度法治政府建设情况报告如下：\n" + BODY
    meta = meta_of(text)
    assert meta.jurisdiction == "青溪县" and meta.provenance["jurisdiction"] == "抬头（主送机关）"


def test_signature_names_the_issuer():
    text = "2021年度法治政府建设情况报告\n全面推进依法行政，法治政府建设取得新成效。\n" + BODY + "青溪县人民政府\n2022年3月1日\n"
    meta = meta_of(text)
    assert meta.jurisdiction == "青溪县" and meta.provenance["jurisdiction"] == "落款"


def test_county_level_city_written_under_its_city():
    text = "昆山市2021年法治政府建设年度报告\n2021年，苏州市昆山市全面推进依法行政。\n" + BODY
    meta = meta_of(text)
    assert meta.jurisdiction == "昆山市" and meta.jurisdiction_kind == Kind.county


def test_generic_self_references_are_not_names():
    text = "2021年，我区全面推进依法行政，全区法治政府建设取得新成效，区政府高度重视。\n" + BODY
    meta = meta_of(text)
    # no name; the level is what the report calls itself (我区 of a district with a 区政府)
    assert meta.jurisdiction is None and meta.jurisdiction_kind == Kind.county
    assert "jurisdiction" not in meta.provenance


def test_nothing_found_on_a_bare_text():
    meta = meta_of("全面推进依法行政。\n")
    assert (meta.title, meta.year, meta.published, meta.jurisdiction) == (None, None, None, None)
    assert meta.provenance == {}


# --------------------------------------------------------------------------- is it a report at all?


def test_seeds_look_like_reports(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        ok, why = looks_like_report(load_document(path).text)
        assert ok, (path.name, why)


RECIPE = ("红烧肉的做法\n主料：五花肉500克。辅料：冰糖、生抽、老抽、料酒、姜片。\n"
          "1.五花肉切块，冷水下锅焯水，捞出沥干。\n2.锅中放少许油，小火炒糖色，下肉块翻炒上色。\n"
          "3.加入料酒、生抽、老抽和开水，没过肉块，大火烧开后转小火炖一小时。\n4.大火收汁即可出锅。\n")
SPORTS = ("昨晚，市体育中心座无虚席。在全市中学生篮球联赛决赛中，第一中学队以78比65战胜实验中学队，"
          "夺得冠军。赛后，教练表示，队员们发挥出色，这是全队努力的结果。本届联赛共有32支队伍参赛，历时两个月。\n")


@pytest.mark.parametrize("text", [RECIPE, SPORTS])
def test_other_texts_do_not_look_like_reports(text):
    ok, why = looks_like_report(text)
    assert not ok and why and "\n" not in why
