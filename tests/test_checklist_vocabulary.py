"""Where the shipped outlines put a fact a legal officer would file without hesitation: short
made-up reports scored against the real checklists."""

from __future__ import annotations

from scorer.analysis.pipeline import score_file
from scorer.models import Status


def _score(tmp_path, body: str, outline: str = "outline-2021"):
    path = tmp_path / "report.txt"
    # an ordinary opening around the fact, as in a real report (a text of nothing but terms is padding)
    opening = ("在县委、县政府的坚强领导下，我县坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实上级部署，"
               "各项工作取得新进展。现将有关情况报告如下。\n")
    path.write_text("某县人民政府关于2023年法治政府建设情况的报告\n" + opening + body + "\n", encoding="utf-8")
    return {item.id: item for item in score_file(path, outline).items}


def test_meetings_studying_law_are_leaders_study_not_decision_awareness(tmp_path):
    items = _score(tmp_path, "2023年，县政府常务会议会前学法17次，系统学习了统计、食品安全等方面的法律法规。")
    study = items["O21-31"]
    assert study.status == Status.covered
    assert any("会前学法" in ev.text for ev in study.evidence)
    assert items["O21-07"].status == Status.missing


def test_a_law_popularisation_duty_list_is_not_a_list_of_powers(tmp_path):
    items = _score(tmp_path, "2023年，我县印发了《2023年普法责任清单》，明确各部门普法任务。")
    powers = items["O21-01"]
    assert powers.status == Status.missing
    assert any(v.rule == "ITEM-EXCLUDE" for v in powers.vetoed)


def test_a_real_list_of_powers_still_counts(tmp_path):
    items = _score(tmp_path, "2023年，县政府动态调整权责清单，调整行政职权事项312项。")
    assert items["O21-01"].status == Status.covered


def test_a_key_field_named_without_enforcement_is_not_key_field_enforcement(tmp_path):
    items = _score(tmp_path, "2023年，县应急局制定安全生产技术标准计划，已发布地方标准64部。")
    assert items["O21-11"].status != Status.covered
    items = _score(tmp_path, "2023年，县应急局开展安全生产执法检查120次，立案处罚案件15件。")
    assert items["O21-11"].status == Status.covered


def test_an_emergency_bureaus_own_name_is_not_social_governance(tmp_path):
    body = "2019年，市应急管理局制定了《2019年全市应急管理法治政府建设工作要点》，明确目标任务。"
    items = _score(tmp_path, body, "outline-2015")
    assert items["O15-06"].status == Status.missing


def test_reviewing_normative_documents_is_document_oversight_not_decision_procedure(tmp_path):
    items = _score(tmp_path, "2023年，县政府严格规范性文件合法性审查，全年审查规范性文件12件，纠正3件。")
    assert items["O21-06"].status == Status.covered
    assert items["O21-08"].status != Status.covered
    assert any(v.rule == "ITEM-EXCLUDE" for v in items["O21-08"].vetoed)


def test_random_inspections_are_ongoing_supervision_not_internet_enforcement(tmp_path):
    items = _score(tmp_path, "2023年，县市场监管局深化“双随机、一公开”联合监管，完成抽查任务8项，检查企业46家。")
    assert items["O21-28"].status == Status.missing
    supervision = items["O21-02"]
    assert supervision.status == Status.covered
    assert any("双随机" in ev.text for ev in supervision.evidence)


def test_off_site_enforcement_is_still_internet_enforcement(tmp_path):
    items = _score(tmp_path, "2023年，县交通运输局推行非现场执法，通过移动执法终端办理案件126件。")
    assert items["O21-28"].status == Status.covered


def test_reporting_and_publishing_last_years_report_is_the_reporting_duty_done(tmp_path):
    # 纲要（2021）第（三十）项：按时报告和公开年度法治政府建设情况
    items = _score(tmp_path, "及时向市交通局和县委、县政府报告上年度法治政府建设工作情况，并在县人民政府网向社会公开。")
    mechanism = items["O21-30"]
    assert mechanism.status == Status.covered
    assert any("向社会公开" in ev.text for ev in mechanism.evidence)


def test_a_reporting_system_without_the_report_made_is_not_the_duty_done(tmp_path):
    items = _score(tmp_path, "严格执行法治政府建设年度报告制度，不断完善法治政府建设推进机制。")
    assert items["O21-30"].status == Status.partial


def test_a_departments_own_field_is_not_an_item_of_that_name(tmp_path):
    # 江苏省应急管理厅 writing about its own 应急管理 legislation: the heading word 应急管理 names the
    # department's field, not the emergency-response system of O21-14 (rule VETO-OWN-FIELD)
    path = tmp_path / "report.txt"
    path.write_text("江苏省应急管理厅2023年法治政府建设年度报告\n"
                    "2023年，江苏省应急管理厅坚持以习近平法治思想为指导，扎实推进法治政府部门建设。现将有关情况报告如下。\n"
                    "一、主要举措和成效\n（一）加快推进应急管理立法进程\n"
                    "接续完成《江苏省安全生产条例》修订工作，启动《江苏省安全生产风险管理条例》立法工作。\n", encoding="utf-8")
    result = score_file(path, "outline-2021")
    assert result.jurisdiction == "江苏省应急管理厅"
    items = {item.id: item for item in result.items}
    assert items["O21-14"].status == Status.missing
    # the same paragraph in a county government's report is about emergency response
    path.write_text(path.read_text(encoding="utf-8").replace("江苏省应急管理厅", "某县人民政府"), encoding="utf-8")
    items = {item.id: item for item in score_file(path, "outline-2021").items}
    assert items["O21-14"].status != Status.missing


def test_a_heading_naming_three_items_does_not_say_which_one_a_sentence_is_about(tmp_path):
    # rule MATCH-HEADING: the sentence below carries no item's words of its own
    fact = "全年走访企业120家，帮助解决问题45个。"
    one = _score(tmp_path, "一、主要举措和成效\n（一）持续优化法治化营商环境\n" + fact)
    assert one["O21-03"].status == Status.covered
    assert any(m.rule == "MATCH-HEADING" for ev in one["O21-03"].evidence for m in ev.matched)
    three = _score(tmp_path, "一、主要举措和成效\n（一）推进政府机构职能优化、推进“放管服”改革、优化法治化营商环境\n" + fact)
    for item in ("O21-01", "O21-02", "O21-03"):
        assert three[item].status != Status.covered, (item, three[item].explanation)


def test_study_put_into_the_annual_assessment_is_the_assessment_mechanism(tmp_path):
    # the training veto does not apply to O21-30: what follows 学法 here is the assessment, not a course's content
    items = _score(tmp_path, "县人民政府领导班子带头开展学法，制定了《青溪县人民政府常务会会前学法制度》，"
                             "将领导干部学法活动情况纳入法治政府建设年度考核内容。")
    assert items["O21-30"].status == Status.covered


def test_a_departments_work_points_for_its_rule_of_law_department_building(tmp_path):
    # 法治政府部门建设: the ministries' and departments' name for the same work
    items = _score(tmp_path, "年初，组织制定并印发了《2022年全市交通运输法治政府部门建设工作要点》，细化内容，分解任务。")
    assert items["O21-30"].status == Status.covered


def test_party_normative_documents_are_not_administrative_normative_documents(tmp_path):
    items = _score(tmp_path, "2023年，认真完成生态环境领域党内规范性文件制定工作任务，起草党内规范性文件3件。")
    assert items["O21-06"].status == Status.missing
    assert any(v.rule == "ITEM-EXCLUDE" for v in items["O21-06"].vetoed)


def test_publishing_enforcement_information_is_enforcement_publicity_not_government_openness(tmp_path):
    items = _score(tmp_path, "贯彻落实行政执法“三项制度”，加强执法信息公开，在门户网站上设置“行政执法公示”专栏，"
                             "对行政执法主体、职责以及行政决定进行公示。")
    assert items["O21-12"].status == Status.covered
    assert items["O21-24"].status != Status.covered


def test_enforcement_departments_inspected_for_rule_of_law_work_is_not_enforcement_supervision(tmp_path):
    items = _score(tmp_path, "对9个镇、27个重点执法部门的法治建设情况开展了专项督查。")
    assert items["O21-23"].status == Status.missing
    items = _score(tmp_path, "对27个重点执法部门开展行政执法案卷评查，评查案卷312卷。")
    assert items["O21-23"].status == Status.covered


def test_leading_cadres_organised_to_study_the_law_is_cadres_study(tmp_path):
    # 组织领导干部学习法治思想和法规: the study of the law by leading cadres (O21-31), counted
    items = _score(tmp_path, "2025年，我局共召开12次相关工作会议，组织领导干部深入学习习近平法治思想以及民政政策法规，"
                             "有效提升领导干部法治思维和依法办事能力。")
    assert items["O21-31"].status == Status.covered


def test_words_of_the_2015_outline_items_a_legal_officer_files_without_hesitation(tmp_path):
    # each fact below was filed under its item by two independent labellers
    items = _score(tmp_path, "开展纪检监察体制改革，实现市一级党和国家机关派驻机构全覆盖。\n"
                             "市政府组织全体会议和常务会议学法，开展全市领导干部旁听民事案件庭审活动。\n"
                             "组织行政执法人员参加学法用法学习考试，考试内容以《中华人民共和国行政处罚法》为基础。\n"
                             "2017年1月份，县政府向县人大常委会报告2016年法治政府建设情况。\n"
                             "在全省范围内对2018年以来的文件进行再清理，纠正16个影响统计工作独立性的文件。\n",
                   outline="outline-2015")
    assert items["O15-28"].status == Status.covered  # 派驻机构: administrative supervision
    assert items["O15-40"].status == Status.covered  # 旁听庭审: learning in legal practice, not "training content"
    assert items["O15-39"].status == Status.covered  # 学法考试: testing officials' legal knowledge
    assert items["O15-27"].status == Status.covered  # reporting to the people's congress: its oversight
    assert items["O15-13"].status == Status.covered  # 再清理: the clean-up of documents


def test_words_of_the_2021_outline_items_a_legal_officer_files_without_hesitation(tmp_path):
    items = _score(tmp_path, "全面推行“不见面审批”，政务服务“好差评”主动评价率超95%。\n"
                             "顺利通过市级关于向街镇下放行政执法职权改革的实地评估。\n")
    assert items["O21-26"].status == Status.covered  # 不见面审批 runs on the government's platforms
    assert items["O21-10"].status == Status.covered  # 下放执法职权: the enforcement-system reform


def test_the_head_of_government_convening_the_rule_of_law_meeting_is_the_first_responsibility_done(tmp_path):
    items = _score(tmp_path, "3月19日，李亚平市长组织召开全市法治政府建设工作会议，通报2018年全市依法行政考核情况。",
                   outline="outline-2015")
    assert items["O15-G2"].status == Status.covered
    # a deputy is not the principal leader
    items = _score(tmp_path, "3月19日，王副市长组织召开全市法治政府建设工作会议，通报2018年全市依法行政考核情况。",
                   outline="outline-2015")
    assert items["O15-G2"].status != Status.covered


def test_words_from_the_outline_and_real_reports_for_research_legislation_lists_and_training(tmp_path):
    items = _score(tmp_path, "成立习近平法治思想研究课题组，建立法治建设研究基地，编写《法治建设发展报告》。\n"
                             "全面完成镇（街道）履职事项清单编制，平均每镇（街道）梳理事项283项。\n"
                             "组织干部职工参加司法部行政执法人员云宣讲活动，参训率100%。\n")
    assert items["O21-32"].status == Status.covered  # 研究课题组、研究基地: the outline's research on the rule of law
    assert items["O21-01"].status == Status.covered  # 履职事项清单: a township's list of powers and duties
    assert items["O21-31"].status == Status.covered  # 参训率: training of enforcement staff


def test_a_seminar_on_rule_of_law_government_is_training(tmp_path):
    items = _score(tmp_path, "2018年6月，中央组织部、司法部共同举办了厅局级干部建设法治政府专题研讨班。",
                   outline="outline-2015")
    assert items["O15-38"].status == Status.covered


def test_legislative_research_on_a_named_regulation_is_legislative_work(tmp_path):
    path = tmp_path / "report.txt"  # a city: legislation is its duty (a county's is not applicable)
    path.write_text("江门市交通运输局2023年法治政府建设年度报告\n2023年，我局认真贯彻落实上级部署。现将有关情况报告如下。\n"
                    "开展立法调研，助推《江门市道路桥梁桥下空间合理利用管理条例》立法调研工作，形成调研报告。\n",
                    encoding="utf-8")
    items = {item.id: item for item in score_file(path, "outline-2021").items}
    assert items["O21-04"].status == Status.covered


def test_supervision_enforcement_and_decision_words_from_real_reports(tmp_path):
    items = _score(tmp_path, "选取物业管理协会等地设立基层法治观测点3个，选任法治观察员34名。\n"
                             "开展规范监管执法专项攻坚行动，排查整改多头执法、重复执法、交叉执法等8类问题。\n"
                             "统筹辖区城管、市场监管等执法力量，深化协同执法机制，开展专项执法行动12次。\n"
                             "聘任2名律师担任我局法律顾问，重大决策均经过法律顾问审核，全年审查法律文书26份。\n")
    assert items["O21-21"].status == Status.covered  # 法治观测点: supervision by society
    assert items["O21-23"].status == Status.covered  # 多头执法、重复执法 corrected: oversight of enforcement
    assert items["O21-10"].status == Status.covered  # 协同执法, enforcement forces marshalled: the enforcement system
    assert items["O21-07"].status == Status.covered  # legal advice heard before major decisions (the item's guidance)


def test_a_departments_rule_of_law_work_arrangement_is_the_promotion_mechanism(tmp_path):
    body = "2021年，局党组及时制定《某县市场监管局2021年依法行政重点工作安排》，共列出重点工作12项。"
    mechanism = _score(tmp_path, body)["O21-30"]
    assert mechanism.status == Status.covered
    assert any("依法行政重点工作安排" in ev.text for ev in mechanism.evidence)


def test_publicity_is_for_the_public_and_cadres_studying_the_law_are_capacity_building(tmp_path):
    items = _score(tmp_path, "2023年，组织局机关干部职工参观法治宣传教育基地3次，观看庭审视频2场。")
    assert items["O21-32"].status != Status.covered
    items = _score(tmp_path, "2023年，组织机关干部深入社区、企业开展法治宣传活动16场，发放资料2000余份。")
    assert items["O21-32"].status == Status.covered


def test_an_essay_contest_on_the_rule_of_law_is_publicity_and_inspecting_it_is_not_government_supervision(tmp_path):
    items = _score(tmp_path, "2025年，组织开展“深入践行习近平法治思想 建设更高水平法治天水”主题征文活动，"
                             "推动习近平法治思想与法治建设实践深度融合。")
    assert items["O21-32"].status == Status.covered
    assert any("征文" in ev.text for ev in items["O21-32"].evidence)
    items = _score(tmp_path, "2025年，对县区、部门法治天水建设“一规划两方案”落实情况进行实地督查，督办问题12个。")
    assert items["O21-22"].status != Status.covered
    items = _score(tmp_path, "2025年，围绕稳增长、保民生开展政府督查3轮，督办事项126件。")
    assert items["O21-22"].status == Status.covered


def test_publishing_the_years_rule_of_law_report_is_the_promotion_mechanism(tmp_path):
    # the outline (2021) asks that the year's report be made and made public: 法治建设情况报告 is the same report
    items = _score(tmp_path, "2024年，局党组在官方网站上公开发布2023年法治建设情况报告，局领导班子成员都进行了年度述法。")
    assert items["O21-30"].status == Status.covered
    assert any("公开发布" in ev.text for ev in items["O21-30"].evidence)


def test_legal_review_of_enforcement_decisions_is_enforcement_procedure_not_decision_review(tmp_path):
    # the outline (2015) says 法制审核 for major enforcement decisions (item 21), 合法性审查 for major decisions (17)
    items = _score(tmp_path, "2018年，区政府制定印发《推行重大执法决定法制审核制度试点实施方案》，明确两名专人负责法制审核。",
                   outline="outline-2015")
    assert items["O15-17"].status != Status.covered
    assert items["O15-21"].status == Status.covered


def test_deciding_according_to_law_as_a_slogan_is_not_a_decision_mechanism(tmp_path):
    items = _score(tmp_path, "2020年，坚持依法防控、依法决策，第一时间制发《关于加强疫情防控工作的通知》等40多个涉疫文件。",
                   outline="outline-2015")
    assert items["O15-14"].status != Status.covered
    items = _score(tmp_path, "2020年，制定《重大行政决策程序规定》，编制年度重大行政决策事项目录12项。", outline="outline-2015")
    assert items["O15-14"].status == Status.covered


def test_powers_handed_to_a_zone_before_2021_are_approval_reform_not_enforcement_reform(tmp_path):
    items = _score(tmp_path, "2019年，经开区全链赋权改革有序推进，37项上级下放事项实现“园区事园区办”。", outline="outline-2015")
    assert items["O15-20"].status != Status.covered
    items = _score(tmp_path, "2019年，向乡镇赋权下放行政执法事项56项，组建乡镇综合执法队。", outline="outline-2015")
    assert items["O15-20"].status == Status.covered


def test_a_forum_on_the_rule_of_law_is_theory_and_publicity(tmp_path):
    items = _score(tmp_path, "2021年，举办“学习宣传贯彻习近平法治思想”江州论坛报告会，结合法治江州建设十五周年开展系列活动。")
    assert items["O21-32"].status == Status.covered


def test_training_content_is_not_enforcement_in_the_key_fields_item(tmp_path):
    # O21-11 lists the 教育培训 trade among its fields; that does not make it a training item
    items = _score(tmp_path, "2023年，组织开展了《城市管理执法行为指引》《城市管理执法“十项禁令”》专题培训，全面提升执法能力。")
    assert items["O21-11"].status != Status.covered
    items = _score(tmp_path, "2023年，开展城市管理执法专项整治行动3次，查处违法案件126起。")
    assert items["O21-11"].status == Status.covered


def test_carrying_out_the_centres_decisions_and_arrangements_is_not_collective_decision_making(tmp_path):
    # 决策部署 (decisions and arrangements handed down) is what is carried out, not a decision the body takes
    items = _score(tmp_path, "2019年，多次召开省政府常务会议，学习贯彻党中央、国务院重大决策部署，研究法治政府建设工作。",
                   outline="outline-2015")
    for item in ("O15-14", "O15-18"):
        assert items[item].status != Status.covered, item
    items = _score(tmp_path, "2019年，省政府常务会议集体讨论决定重大行政决策事项12项。", outline="outline-2015")
    assert items["O15-18"].status == Status.covered


def test_an_award_named_for_rule_of_law_government_is_demonstration_work(tmp_path):
    # 2015 outline: 典型示范 (O15-G4); 2021 outline: 示范创建 in the promotion mechanism (O21-30). The award word
    # is the concreteness (SIG-AWARD), the award's name the phrase.
    body = "2017年，我市荣获第五届“中国法治政府奖”，被评为“法治政府建设典范城市”。"
    items = _score(tmp_path, body.replace("2017", "2018"), "outline-2015")
    assert items["O15-G4"].status == Status.covered
    assert any("法治政府奖" in ev.text for ev in items["O15-G4"].evidence)
    items = _score(tmp_path, body.replace("2017", "2023"))
    assert items["O21-30"].status == Status.covered
    items = _score(tmp_path, "2023年，我市深入推进法治政府建设，被评为全国文明城市。")
    assert items["O21-30"].status != Status.covered


def test_enforcement_inspections_themselves_are_not_the_enforcement_responsibility_system(tmp_path):
    # 执法检查 is enforcement done (inspecting firms); only inspecting the enforcers is 执法监督 (O15-23), as in O21-23
    items = _score(tmp_path, "局执法监察支队共开展执法检查2475人次，巡查企业320家。", "outline-2015")
    assert items["O15-23"].status != Status.covered
    items = _score(tmp_path, "开展行政执法监督检查，对12个执法部门的执法检查情况进行督查，评查案卷86卷。", "outline-2015")
    assert items["O15-23"].status == Status.covered


def test_the_years_report_deliberated_at_a_meeting_is_the_reporting_duty_done(tmp_path):
    items = _score(tmp_path, "主任办公会专题审议法治政府建设情况报告，将法治政府建设重点任务纳入年度工作安排。")
    assert items["O21-30"].status == Status.covered
    assert "专题审议" in items["O21-30"].explanation
    items = _score(tmp_path, "坚持定期审议法治政府建设情况报告。")  # a standing practice, no meeting named
    assert items["O21-30"].status == Status.partial


def test_inspecting_rule_of_law_government_work_is_its_promotion_mechanism(tmp_path):
    # reports write the outline's 督察 as 督查; only 督查 of the rule-of-law work itself is this item
    items = _score(tmp_path, "将法治政府建设列入年度督查检查工作计划，对12个乡镇和26个县直部门开展实地督查。")
    assert items["O21-30"].status == Status.covered
    items = _score(tmp_path, "对12个乡镇的安全生产工作开展督查。")
    assert items["O21-30"].status == Status.missing


def test_a_publicity_base_and_themed_talks_are_publicity_done(tmp_path):
    # O21-32: reports write the outline's 宣传 as a base for it, themed talks counted in sessions, a newspaper column
    for fact in ("联合区党群工作部设立区级“习近平法治思想学习宣传基地”，组织辖区领导干部开展旁听庭审活动。",
                 "全省累计开展各类主题宣讲6979场次，受众人数206.8万人次。",
                 "在日报开辟“党政主要负责人履行推进法治建设第一责任人”专栏，每周2期。"):
        items = _score(tmp_path, "2023年，" + fact)
        assert items["O21-32"].status == Status.covered, fact
    items = _score(tmp_path, "2023年，深入推进法治宣传工作。")  # a slogan
    assert items["O21-32"].status != Status.covered


def test_issuing_the_years_work_plan_is_arranging_work_not_assessing_it(tmp_path):
    # O15-G3 is assessment and inspection; the year's 工作要点 with its tasks divided only arranges the work
    items = _score(tmp_path, "2019年，制定并实施《中山市2019年依法行政工作要点》，从9方面明确任务分工。", "outline-2015")
    assert items["O15-G3"].status == Status.partial
    items = _score(tmp_path, "2019年，将依法行政工作纳入镇街和部门年度绩效考核，分值占6%，对12个单位开展专项督查。",
                   "outline-2015")
    assert items["O15-G3"].status == Status.covered


# Nineteenth round: facts a legal officer files without hesitation, first met in part X (dev13) once its one measure was taken.
def test_the_leaders_account_of_the_rule_of_law_in_the_annual_review_and_hearing_reports_again_and_again(tmp_path):
    # the duty regulation puts the leader's duty into the 年终述职: that was done this year
    items = _score(tmp_path, "2019年，局主要领导在年度述职时将述法内容纳入其中，重大行政决策前主动寻求法律依据。", "outline-2015")
    assert items["O15-G2"].status == Status.covered
    items = _score(tmp_path, "2023年，局主要负责人履行推进法治建设第一责任人职责，将履职情况列入年终述职内容。")
    assert items["O21-29"].status == Status.covered
    # 「多次听取……汇报」 is the leader's act done more than once; 「多次强调」 is not an act
    items = _score(tmp_path, "2019年，局主要负责人落实“四个亲自”要求，多次听取法治建设情况汇报。", "outline-2015")
    assert items["O15-G2"].status == Status.covered
    items = _score(tmp_path, "2019年，局主要负责人多次强调要履行推进法治建设第一责任人职责。", "outline-2015")
    assert items["O15-G2"].status != Status.covered


def test_a_departments_party_group_leading_its_rule_of_law_work_is_the_partys_leadership(tmp_path):
    items = _score(tmp_path, "2019年，厅党组把法治政府建设摆在突出位置，3次召开会议研究部署全省交通运输法治建设工作。",
                   "outline-2015")
    assert items["O15-G1"].status == Status.covered
    # the outline's implementing plan adopted by the party committee
    items = _score(tmp_path, "2016年，《落实〈法治政府建设实施纲要〉实施方案》经自治区党委审定通过后印发实施。", "outline-2015")
    assert items["O15-G1"].status == Status.covered


def test_target_responsibility_letters_and_a_typical_case_selected(tmp_path):
    items = _score(tmp_path, "2021年，我局督促各乡镇签订法治建设目标责任书270余份。")
    assert items["O21-30"].status == Status.covered
    items = _score(tmp_path, "2024年，《青溪区推进法治督察与政治巡察协作配合》成功入选全国市县法治建设典型案例。")
    assert items["O21-32"].status == Status.covered
    # a study of named books on 习近平法治思想 is study done
    items = _score(tmp_path, "2021年，局领导班子通过党组会、理论中心组集体学法，重点学习了《习近平谈治国理政》、《习近平法治思想概论》。")
    assert items["O21-31"].status == Status.covered


def test_a_capacity_building_drive_for_enforcers_is_training_and_a_task_list_is_not_a_list_of_powers(tmp_path):
    # part X: a capacity-building drive is training; what it is about (劳动保障监察) is its content, not the field's enforcement
    items = _score(tmp_path, "2023年，开展执法能力提升行动1次，聚焦劳动保障监察执法规范。")
    assert items["O21-11"].status == Status.missing
    assert any("能力提升行动" in v.reason for v in items["O21-11"].vetoed if v.rule == "VETO-TRAINING")
    # a heading on managing the plan's tasks by list is not the list of powers
    items = _score(tmp_path, "（二）实行任务清单管理，细化分解责任\n2019年，研究制定全系统《法治政府建设任务分工方案》，明确32项任务。",
                   "outline-2015")
    assert items["O15-02"].status != Status.covered


def test_the_local_implementing_plan_and_the_years_work_plan_for_rule_of_law_government_are_the_promotion_mechanism(tmp_path):
    items = _score(tmp_path, "2022年，管委会制定出台《青溪经济技术开发区法治政府建设实施方案》，明确五方面重点任务。")
    assert items["O21-30"].status == Status.covered
    items = _score(tmp_path, "2022年，我局制定了局2022年度法治建设工作计划，明确12项任务。")
    assert items["O21-30"].status == Status.covered
    # studying the plan is not making it
    items = _score(tmp_path, "2022年，我局组织干部学习《青溪县法治政府建设实施方案》。")
    assert items["O21-30"].status != Status.covered


def test_putting_the_work_into_the_assessment_is_done_even_beside_a_work_plan_issued(tmp_path):
    # the plan veto (O15-G3) looks at where the item's words stand: 「目标考核」 here is the assessment itself,
    # not a word in the plan's title
    body = "2018年，将法治建设纳入经济社会发展目标考核，制定下发《法治政府建设工作要点》。"
    assert _score(tmp_path, body, "outline-2015")["O15-G3"].status == Status.covered
    # a plan issued and nothing else arranges the work: at most partial
    body = "2018年，制定下发《法治政府建设工作要点》。"
    assert _score(tmp_path, body, "outline-2015")["O15-G3"].status != Status.covered
