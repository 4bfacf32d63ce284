"""Issuing bodies, covered years and full names in the shapes real report openings take.

Every text here is a short synthetic sentence in the shape of a real opening (invented
places: 青溪县, 江州市, 云岭省 ...); one test per shape."""

from __future__ import annotations

import pytest

from scorer.analysis.ingest import load_document
from scorer.models import JurisdictionKind as Kind
from metadata_helpers import BODY, meta_of

# --------------------------------------------------------------------------- departments


def test_department_with_a_long_name_in_the_first_sentence():
    text = ("2020年，江州市人力资源和社会保障局深入学习贯彻习近平法治思想，坚决落实上级关于法治政府建设的部署，"
            "现将我局2020年度法治政府建设情况汇报如下：\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市人力资源和社会保障局", Kind.department)
    assert meta.provenance["jurisdiction"] == "正文开头"


def test_department_title_holding_and_is_not_cut_at_it():
    meta = meta_of("青溪区住房和城乡建设局2021年度法治政府建设情况报告\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪区住房和城乡建设局", Kind.department)


def test_commission_and_office_are_departments_but_party_organs_are_not():
    assert meta_of("江州市发展和改革委员会2022年法治政府建设年度报告\n" + BODY).jurisdiction == "江州市发展和改革委员会"
    assert meta_of("青溪县卫生健康委2022年法治政府建设年度报告\n" + BODY).jurisdiction == "青溪县卫生健康委"
    party = meta_of("2022年，青溪县委政法委高度重视法治建设，青溪县法治政府建设持续推进，青溪县群众满意度提升。\n" + BODY)
    assert party.jurisdiction != "青溪县委政法委" and party.jurisdiction_kind != Kind.department


def test_department_under_the_first_heading_when_there_is_no_opening():
    text = ("现将市司法局2019年度法治政府建设工作报告如下：\n一、2019年度法治政府建设主要举措和成效\n"
            "2019年以来，江州市司法局全面贯彻落实法治政府建设实施纲要的部署和要求，各项工作成效明显。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市司法局", Kind.department)


def test_level_written_twice_is_written_once():
    meta = meta_of("2021年，青溪县县卫生健康局坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert meta.jurisdiction == "青溪县卫生健康局"


def test_market_regulator_keeps_its_own_first_character():
    meta = meta_of("江州市市场监督管理局2021年法治政府建设年度报告\n" + BODY)
    assert meta.jurisdiction == "江州市市场监督管理局"


def test_zone_department_that_calls_its_zone_by_kind():
    meta = meta_of("高新区综治局2022年法治政府建设年度报告\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("高新区综治局", Kind.department)


# --------------------------------------------------------------------------- national ministries


@pytest.mark.parametrize("opening, name", [
    ("2017年，原环境保护部深入学习宣传贯彻党的十九大精神，扎实推进生态环境保护领域法治政府建设。", "环境保护部"),
    ("2021年，交通运输部坚持以习近平法治思想为指导，加快建设交通运输法治政府部门。", "交通运输部"),
])
def test_national_ministry_in_the_first_sentence(opening, name):
    meta = meta_of(opening + "\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == (name, Kind.department)


def test_national_ministry_in_the_title():
    meta = meta_of("司法部2020年法治政府建设年度报告\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("司法部", Kind.department)


def test_ministry_that_guides_a_province_is_not_the_issuer():
    text = ("2021年，在司法部的指导下，云岭省司法厅坚持以习近平法治思想为指导，全面推进依法行政，"
            "我厅法治建设持续深化。\n" + BODY)
    assert meta_of(text).jurisdiction == "云岭省司法厅"


# --------------------------------------------------------------------------- street offices and towns


def test_street_office_in_the_title():
    meta = meta_of("江州市青溪区东湖街道办事处2021年法治政府建设工作报告\n" + BODY)
    # named by its area, as a government is (青溪区, not 青溪区人民政府)
    assert meta.jurisdiction == "江州市青溪区东湖街道"
    assert meta.jurisdiction_kind == Kind.county  # no township kind: classed with its district


def test_street_office_in_the_first_sentence():
    text = "2022年，东湖街道党工委、办事处坚持以习近平法治思想为指导，扎实推进法治政府建设。\n" + BODY
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("东湖街道", Kind.county)


def test_town_government_in_the_title():
    meta = meta_of("青溪县白沙镇人民政府2021年度法治政府建设情况报告\n" + BODY)
    assert meta.jurisdiction == "青溪县白沙镇" and meta.jurisdiction_kind == Kind.county


# --------------------------------------------------------------------------- departments without their place


def test_department_naming_only_its_level_in_the_first_sentence():
    text = ("2025年，在市委、市政府的正确领导下，在省人力资源社会保障厅的关心指导下，市人力资源保障局坚持以"
            "习近平法治思想为指导，完善法治工作机制。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("市人力资源保障局", Kind.department)


def test_department_naming_only_its_level_gets_the_only_place_of_that_level():
    text = ("区卫生健康局2025年法治政府建设年度报告\n2025年，我局坚持以习近平法治思想为指导，推进依法行政。"
            "印发《青溪区卫生健康系统行政执法公示办法》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪区卫生健康局", Kind.department)
    assert "唯一" in meta.provenance["jurisdiction"]


def test_department_in_the_title_and_its_place_in_the_opening_are_one_body():
    text = "区司法局2022年法治政府建设年度报告\n2022年，青溪区深入推进依法行政，青溪区法治建设取得新成效。\n" + BODY
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪区司法局", Kind.department)


def test_department_named_in_a_county_report_is_not_the_issuer():
    text = ("2021年，在市委、市政府的正确领导下，青溪县人民政府全面推进依法行政。县司法局认真履行法治督察职责，"
            "我县法治政府建设取得新成效，我县群众满意度持续提升。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪县", Kind.county)


def test_generic_streets_are_not_names():
    meta = meta_of("2021年，各街道办事处认真落实法治政府建设要求，全区法治建设稳步推进。\n" + BODY)
    assert meta.jurisdiction is None


# --------------------------------------------------------------------------- zones: full names


def test_short_zone_name_spelt_out_when_the_text_gives_it():
    text = ("关于天津开发区2021年度法治政府建设情况的报告\n2021年，天津开发区坚持依法行政。"
            "天津经济技术开发区管委会出台《重大行政决策程序规定》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("天津经济技术开发区", Kind.development_zone)
    assert "全称据正文补全" in meta.provenance["jurisdiction"]


def test_zone_calling_itself_by_kind_gets_its_full_name_from_the_text():
    text = ("高新区2022年法治政府建设年度报告\n2022年，高新区深入学习贯彻习近平法治思想。"
            "印发《江州高新技术产业开发区行政执法公示办法》。\n" + BODY)
    assert meta_of(text).jurisdiction == "江州高新技术产业开发区"


def test_zone_name_kept_when_the_text_gives_no_full_name():
    text = "高新区2022年法治政府建设年度报告\n2022年，高新区深入学习贯彻习近平法治思想，推进依法行政。\n" + BODY
    assert meta_of(text).jurisdiction == "高新区"


def test_zone_named_after_the_year_in_the_first_sentence():
    text = ("经济开发区2024年度法治政府建设情况报告\n2024年青溪经济开发区在区委、区政府的正确领导下，"
            "扎实推进法治政府建设各项工作。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪经济开发区", Kind.development_zone)


def test_zone_run_with_a_district_keeps_both_names():
    meta = meta_of("高新区（青溪区）人民政府2024年法治政府建设工作报告\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("高新区（青溪区）", Kind.development_zone)


# --------------------------------------------------------------------------- a report that names itself by level only


def test_government_by_level_named_by_the_only_place_of_that_level():
    text = ("现将省政府2022年度法治政府建设情况报告如下。\n一、2022年主要工作\n"
            "省政府切实履行法治政府建设主体职责，出台《云岭省重大行政决策事项目录管理办法》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("云岭省", Kind.province)
    assert "唯一" in meta.provenance["jurisdiction"]


def test_level_only_report_naming_two_places_of_that_level_stays_unnamed():
    text = ("2024年，市政府坚持以习近平法治思想为指导，全面推进依法行政。\n"
            "制定《江州市2024年度法治政府建设工作要点》，与《青州市行政复议工作办法》衔接。\n" + BODY)
    assert meta_of(text).jurisdiction is None


def test_level_only_report_does_not_take_a_verb_for_a_place():
    text = ("2024年，市政府坚持以习近平法治思想为指导，全面推进依法行政。\n"
            "多次主持召开市政府常务会议，专题研究法治政府建设。\n" + BODY)
    assert meta_of(text).jurisdiction is None


def test_department_report_citing_its_provincial_government_is_not_the_province():
    text = ("2019年，省政府印发法治政府建设工作要点，我局认真贯彻落实，全面推进依法行政，我局法治建设持续深化。"
            "执行《云岭省市场监督管理条例》。\n" + BODY)
    meta = meta_of(text)
    assert meta.jurisdiction is None and meta.jurisdiction_kind == Kind.department  # 我局: a department, unnamed


def test_place_named_outside_a_document_title_is_not_taken_for_the_issuer():
    # a city report naming one of its county-level cities in passing stays unnamed
    text = ("2017年，我市坚持以习近平法治思想为指导，全面推进依法行政，我市法治建设取得新成效。"
            "在东平市召开全市行政复议工作现场会。\n" + BODY)
    assert meta_of(text).jurisdiction is None


def test_department_calling_itself_we_bureau_named_by_its_own_document():
    text = ("按照有关要求，现将我局法治政府建设工作开展情况总结如下：\n一、2024年法治政府建设的主要举措和成效\n"
            "（一）加强学习。研究制定了《2024年度青溪县应急管理局学法计划》，全年组织集中学法12次。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪县应急管理局", Kind.department)
    assert meta.year == 2024 and meta.provenance["year"] == "第一部分标题"


def test_department_naming_two_departments_in_full_stays_unnamed():
    text = ("现将我局法治政府建设工作开展情况总结如下：\n一、主要举措\n"
            "印发《青溪县应急管理局学法计划》，配合《江州市应急管理局执法检查方案》开展检查。\n" + BODY)
    assert meta_of(text).jurisdiction is None


def test_we_bureau_is_a_bureau_not_the_government_office_whose_notice_it_cites():
    text = ("现将我局法治政府建设工作开展情况总结如下：\n一、主要举措\n"
            "我局出台《青溪县人力资源局劳务派遣行政许可实施细则》，并按《青溪县人民政府办公室关于公布取消的证明事项的通知》"
            "清理证明事项。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪县人力资源局", Kind.department)


def test_bureau_of_a_zone_committee_in_the_title():
    meta = meta_of("中国(云岭)自由贸易试验区管理委员会保税区管理局2023年度法治政府建设情况报告\n"
                   "2023年，保税区管理局坚持依法行政。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("中国(云岭)自由贸易试验区管理委员会保税区管理局", Kind.department)


def test_government_title_beats_the_office_that_posted_the_page():
    raw = ("• 发布机构：区人民政府办公室\n青溪区人民政府关于2025年度法治政府建设工作情况的报告\n市政府：\n"
           "2025年，青溪区人民政府坚持以习近平法治思想为指导，持续深化法治政府建设。\n" + BODY)
    meta = meta_of(raw, raw)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪区", Kind.county)


def test_page_source_spells_out_the_zone_short_name_of_the_title():
    text = "江州滨海高新区2023年度法治政府建设情况报告\n2023年，滨海高新区坚持依法行政。\n" + BODY
    raw = "发布日期：2024-03-27 来源：江州滨海高新技术产业开发区\n" + text
    assert meta_of(text, raw).jurisdiction == "江州滨海高新技术产业开发区"


def test_park_calling_itself_by_kind_named_by_the_document_it_issued_not_by_a_verb():
    text = ("2023年，园区坚持以习近平法治思想为指导，紧扣园区发展主题，全力推进依法行政。\n一、主要举措\n"
            "充分发挥园区党工委的领导作用，对《青溪工业园区法治政府建设实施方案》实施情况开展自查。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪工业园区", Kind.development_zone)


def test_zone_with_no_opening_calling_itself_by_kind_named_by_the_only_zone_of_that_kind():
    text = ("您当前的位置：首页 > 法治政府建设年度报告\n一、新区推进法治政府建设主要举措和成效\n"
            "（一）新区党工委坚持将习近平法治思想纳入理论学习中心组内容，累计开展学习研讨15次。\n"
            "认真制定青溪新区法治政府建设实施方案。结合新区实际，青溪新区依法行政制度体系获评示范项目。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪新区", Kind.development_zone)
    assert "自称“新区”" in meta.provenance["jurisdiction"]


def test_zone_calling_itself_by_kind_naming_two_zones_stays_unnamed():
    text = ("一、新区推进法治政府建设主要举措和成效\n结合新区实际，新区党工委研究法治工作5次。\n"
            "学习借鉴青溪新区、江州新区的经验，制定实施方案。\n" + BODY)
    assert meta_of(text).jurisdiction is None


def test_report_title_quoted_in_the_opening_names_the_department_in_full():
    text = ("根据中共江州市委全面依法治市委员会办公室的通知要求，现将《江州市文化和旅游局2025年度法治政府建设情况报告》予以公布。\n"
            "2025年，市文化旅游局在市委、市政府的坚强领导下，深入学习贯彻习近平法治思想。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市文化和旅游局", Kind.department)


def test_body_defining_its_short_name_in_the_opening_is_the_issuer():
    text = ("根据《法治政府建设实施纲要(2021—2025年)》等要求，青溪区投资促进服务中心（以下简称“中心”）紧紧围绕区委、区政府的部署，"
            "深入推进法治政府建设。现将2025年度法治政府建设情况报告如下：\n一、主要举措和成效\n"
            "中心始终坚持党的领导。中心组织召开党组会议。中心开展法治培训3次。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪区投资促进服务中心", Kind.department)


def test_commission_opening_clauses_with_its_own_bodies_is_named_by_its_own_documents():
    text = ("2024年，全市卫生健康法治建设工作以习近平法治思想为指导，深入推进各项任务。现将今年工作情况报告如下：\n"
            "一、主要工作和成效\n一是委领导班子把法治建设工作摆在重要位置。委主任会议专题研究法治建设工作。"
            "落实《江州市卫生健康委主任办公会议学法制度》，印发《2024年度江州市卫生健康委直属单位综合考核实施方案》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市卫生健康委", Kind.department)


def test_office_named_by_level_is_the_issuer_though_the_report_says_we_city():
    text = ("2018年，在市委、市政府的正确领导下，市法制办以习近平新时代中国特色社会主义思想为指引，扎实推进政府法制工作，"
            "我市法治政府建设取得新突破，我市位列全省第一。\n一、主要工作\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("市法制办", Kind.department)


def test_a_sector_of_a_city_is_not_the_city_government():
    text = ("青溪市教育系统深入贯彻落实上级关于法治政府建设的部署和本市依法治市的各项要求，积极推进依法行政、依法治校，"
            "现将2019年度教育法治工作情况报告如下：\n一、主要举措和成效\n推动修订《青溪市终身教育促进条例》。\n" + BODY)
    meta = meta_of(text)
    assert meta.jurisdiction is None and meta.jurisdiction_kind != Kind.city


def test_autonomous_region_calling_itself_we_region():
    text = ("一、法治政府建设成效\n我区法治政府建设工作在自治区党委、政府的正确领导下不断推进，"
            "印发了《天山回族自治区法治政府建设实施方案》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("天山回族自治区", Kind.province)


# --------------------------------------------------------------------------- covered year


def test_session_date_is_not_the_covered_year():
    text = ("关于青溪县法治政府建设情况的报告\n——2022年8月30日在青溪县第十八届人民代表大会常务委员会第五次会议上\n"
            "2021年，青溪县人民政府坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得新成效。\n" + BODY)
    meta = meta_of(text)
    assert meta.year == 2021 and meta.jurisdiction == "青溪县"


def test_traditional_chinese_title_and_opening(tmp_path):
    path = tmp_path / "traditional.txt"
    path.write_text("青溪縣人民政府關於2021年度法治政府建設情況的報告\n"
                    "2021年，青溪縣人民政府堅持以習近平法治思想為指導，全面推進依法行政，各項工作取得新成效。\n"
                    "一、主要舉措\n（一）完善制度體系。審查規範性文件12件。\n", encoding="utf-8")
    meta = load_document(path).meta
    assert (meta.jurisdiction, meta.year) == ("青溪县", 2021)


# --------------------------------------------------------------------------- a department or zone named by its level only


def test_a_department_after_the_clauses_of_this_year_takes_its_place_from_a_cited_local_plan():
    text = ("今年以来，在市委市政府的领导下，在市委依法治市办的精心指导下，市应急管理局按照《江州市2020年法治政府建设"
            "工作要点》安排部署，以落实“三项制度”为抓手，法治建设工作稳步推进。现将工作情况报告如下：\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市应急管理局", Kind.department)


def test_a_department_whose_year_and_leading_clause_share_one_clause():
    text = ("2021年在县委、县政府正确领导下和市市场监督管理局的支持指导下，县市场监管局以依法行政为基本要求，规范执法行为。"
            "及时制定《青溪县市场监管局2021依法行政重点工作安排》。\n" + BODY)
    assert meta_of(text).jurisdiction == "青溪县市场监管局"


def test_a_district_written_under_its_city_in_a_title_quoted_inside_a_title_completes_the_department():
    text = ("2024年，区教育局认真学习贯彻习近平法治思想及区政府办公室下发《关于印发〈江州市青溪区2024年法治政府建设"
            "工作要点〉的通知》等要求，扎实推进依法治教。现将这一年的工作情况报告如下。\n" + BODY)
    assert meta_of(text).jurisdiction == "江州市青溪区教育局"


def test_a_report_calling_itself_our_bureau_takes_the_department_a_later_sentence_opens_with():
    text = ("2022年，我局坚持以习近平新时代中国特色社会主义思想为指导，为全区发展提供法治保障。现将我局2022年法治政府建设"
            "情况报告如下。\n一、深学笃用习近平法治思想\n区司法局党委书记、局长率先垂范，带领全体干部职工学习。"
            "拟定《青溪区法治政府建设实施方案》。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪区司法局", Kind.department)


def test_a_park_calling_itself_the_park_is_named_by_the_one_park_its_text_names():
    text = ("2022年，园区坚持以习近平新时代中国特色社会主义思想为指导，全力推进依法行政。现将2022年法治政府建设工作情况"
            "报告如下：\n一、主要举措\n印发《江州工业园区法治政府建设实施方案》，明确任务分工。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州工业园区", Kind.development_zone)


# --------------------------------------------------------------------------- shapes first met in part F (dev4)


def test_a_one_character_county_is_a_place_and_a_phrase_ending_in_da_ju_is_no_bureau():
    text = ("赵县人民政府关于2025年度法治政府建设情况的报告\n2025年，赵县始终坚持以习近平法治思想为指导，紧紧围绕全县发展大局，"
            "守正创新、持续发力。现将年度法治政府建设情况报告如下：\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("赵县", Kind.county)
    # 全县 has the same shape as 赵县 but names no county
    assert meta_of("2025年，全县紧紧围绕全县发展大局，扎实推进法治政府建设。\n" + BODY).jurisdiction != "全县"


def test_a_clause_that_convenes_a_party_meeting_is_not_a_department():
    text = ("2023年，在市委、市政府的正确领导下，我局坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治建设。"
            "通过召开局党组会议研究法治工作。\n" + BODY)
    assert meta_of(text).jurisdiction != "通过召开局"


def test_an_autonomous_region_calling_itself_the_whole_region_is_named_by_the_one_province_it_names():
    text = ("2023年，全区各级人民政府坚持以习近平法治思想为指导，认真贯彻落实习近平总书记对内蒙古的重要指示精神，"
            "为全方位建设“模范自治区”提供了有力法治保障。\n" + BODY)
    assert meta_of(text).jurisdiction == "内蒙古自治区"
    # a district of a municipality says 全区 too: it is not the municipality
    district = "2023年，全区坚持以习近平法治思想为指导，认真落实北京市委全面依法治市部署。\n" + BODY
    assert meta_of(district).jurisdiction != "北京市"


def test_a_province_whose_account_opens_in_the_second_sentence_with_a_year_in_review():
    text = ("2018年是贯彻党的十九大精神的开局之年。一年来，在党中央坚强领导下，云岭省委、省政府坚持以习近平新时代中国特色"
            "社会主义思想为指导，法治政府建设取得新进展。\n" + BODY)
    assert meta_of(text).jurisdiction == "云岭省"


def test_our_bureau_under_its_citys_leadership_is_the_one_department_of_that_city_written_in_full():
    text = ("2021年，在江州市委、市政府的坚强领导下，我局深入学习贯彻习近平法治思想，严格依法行政。"
            "江州市交通运输局被评为全国交通运输法治政府部门建设先进集体。现将有关情况报告如下：\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市交通运输局", Kind.department)


# --------------------------------------------------------------------------- shapes first met in part G (test5)


def test_a_county_reporting_to_the_prefectures_party_committee_and_government_is_the_county():
    # the addressee line names where the report goes, not who reports
    text = ("中共江州州委、江州州人民政府:\n2025年，县委、县政府坚持以习近平法治思想为指导，扎实推进法治政府建设，"
            "现将工作开展情况报告如下。\n一、主要做法和成效\n印发《青溪县党政主要负责人述法办法》《青溪县领导干部应知应会"
            "法律法规清单》等文件。\n" + BODY)
    assert meta_of(text).jurisdiction == "青溪县"


def test_a_bonded_zone_calling_itself_the_bonded_zone_is_named_by_the_one_it_names_in_full():
    text = ("2024年，保税区坚持以习近平法治思想为指导，扎实推进依法行政。现将保税区2024年度法治政府建设情况报告如下：\n"
            "一、主要举措和成效\n制定《江州港保税区打造法治化营商环境三年行动方案》。\n" + BODY)
    assert meta_of(text).jurisdiction == "江州港保税区"


# --------------------------------------------------------------------------- shapes first met in part I (test7, now dev5)


def test_a_town_written_under_its_county_in_the_title_is_the_town():
    # the town is the reporting body; the county office named in the opening only issued a work plan
    text = ("青溪县青龙镇2022年法治政府建设情况报告\n2022年，在县委、县政府的正确领导下，青龙镇认真贯彻落实青溪县人民政府办公室"
            "《关于印发2022年全县法治政府建设工作要点的通知》，扎实推进法治政府建设。\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青溪县青龙镇", Kind.county)


def test_a_street_office_of_a_district_government_is_named_by_district_and_street():
    text = ("青溪区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告\n2022年，我街道全面推进法治政府建设。\n" + BODY)
    assert meta_of(text).jurisdiction == "青溪区金龙街道"


def test_a_reprinted_reports_headline_names_the_ministry_that_published_it():
    # (a ministry is named without a place; the national bodies are listed in DOC-ISSUER-NATIONAL)
    text = ("应急管理部发布2023年法治政府建设年度报告\n发布时间:2024-03-29\n中新网 3月29日电 据该部微信公众号消息，"
            "该部发布2023年法治政府建设年度报告。具体内容如下：\n一、加强党对法治政府建设的领导\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("应急管理部", Kind.department)


# --------------------------------------------------------------------------- shapes first met in part J (test8)


def test_a_township_at_the_head_of_the_title_is_the_township():
    text = "青龙镇2020年度法治政府建设工作情况报告\n2020年，在镇党委的坚强领导下，我镇坚持依法行政。\n" + BODY
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青龙镇", Kind.county)


def test_a_township_named_as_what_the_report_is_on():
    text = ("根据《法治政府建设实施纲要(2015-2020年)》等要求，现将青龙镇2020年度法治政府建设情况报告如下：\n"
            "一、推进法治政府建设的主要举措和成效\n" + BODY)
    meta = meta_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("青龙镇", Kind.county)


def test_a_year_of_the_whole_province_names_no_body():
    # 2020年度全省: 年度 is part of the year, 全省 a level; the province writes no name of itself
    # (the page shows the title twice, the second copy where a first paragraph is read)
    text = ("关于2020年度全省法治政府建设工作情况的报告\n关于2020年度全省法治政府建设工作情况的报告\n"
            "2020年，我省坚持以习近平新时代中国特色社会主义思想为指导，"
            "较好地完成了2020年度法治政府建设各项工作任务。\n" + BODY)
    meta = meta_of(text)
    assert meta.jurisdiction is None and meta.jurisdiction_kind == Kind.province



def test_a_department_whose_rule_of_law_work_is_the_subject_of_the_first_sentence():
    # 2019年，X局法治政府建设工作在……领导下: the bureau's work is the subject, the bureau the issuer
    meta = meta_of("2019年，江州市农业农村局法治政府建设工作在市委、市政府的领导下，认真贯彻落实上级部署，取得较好成效。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("江州市农业农村局", Kind.department)


def test_a_governments_general_office_is_a_department():
    meta = meta_of("2022年，市政府办公厅坚持以习近平新时代中国特色社会主义思想为指导，统筹推进法治建设各项任务。\n" + BODY)
    assert (meta.jurisdiction, meta.jurisdiction_kind) == ("市政府办公厅", Kind.department)


def test_a_pronoun_is_no_department_name():
    meta = meta_of("按照有关要求，现将我局法治政府建设工作开展情况总结如下：\n" + BODY)
    assert meta.jurisdiction != "现将我局"
