"""The report's required parts (法治政府建设与责任落实督察工作规定): when a part counts as written.
Short made-up reports scored with the shipped rule book (rule STR-MIN-SENTENCES)."""

from __future__ import annotations

from scorer.analysis.pipeline import score_file
from scorer.models import Status

TITLE = "某县市场监管局关于2023年法治政府建设情况的报告\n"
OPENING = ("2023年，我局在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
           "扎实推进法治政府建设。现将有关情况报告如下。\n")


def _structure(tmp_path, body: str) -> dict:
    path = tmp_path / "report.txt"
    path.write_text(TITLE + OPENING + body + "\n", encoding="utf-8")
    return {s.id: s for s in score_file(path, "outline-2021").structure}


def test_two_facts_in_a_part_that_opens_with_the_leaders_duties_are_the_years_measures(tmp_path):
    # many reports open the year's work with the leaders' duties: that part reports measures too
    parts = _structure(tmp_path, "一、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                                 "局党组书记、局长主持召开党组会议3次，专题研究法治政府建设工作。\n"
                                 "印发《2023年法治政府建设工作要点》，明确12项重点任务。\n")
    assert parts["S-1"].status == Status.covered
    assert parts["S-3"].status == Status.covered


def test_one_fact_is_a_passing_mention_not_the_measures_part(tmp_path):
    parts = _structure(tmp_path, "一、主要举措和成效\n全年办理行政复议案件48件。\n坚持依法行政，不断提升法治水平。\n")
    assert parts["S-1"].status == Status.partial


def test_the_principal_leaders_own_act_reports_the_duty_without_a_part_of_its_own(tmp_path):
    parts = _structure(tmp_path, "一、加强组织领导\n局主要负责人切实履行法治建设第一责任人职责，全年5次主持召开党组会研究法治工作。\n"
                                 "全年办理行政复议案件48件，纠错率12%。\n")
    s3 = parts["S-3"]
    assert s3.status == Status.covered
    assert "没有单列" in s3.explanation and "5次主持召开" in s3.evidence[0].text


def test_a_leading_group_headed_by_the_leader_is_not_the_leaders_own_act(tmp_path):
    # setting up the group is the body's arrangement; the expert labels of the seeds say so too (扬州经开区)
    parts = _structure(tmp_path, "一、加强组织领导\n成立了由局主要负责人任组长、分管领导任副组长的依法行政领导小组，"
                                 "切实履行第一责任人职责。\n全年办理行政复议案件48件，纠错率12%。\n")
    assert parts["S-3"].status == Status.partial
