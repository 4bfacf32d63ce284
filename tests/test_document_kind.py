"""Is it an annual 法治政府建设 report? The head of the document says what it is (rules
DOC-REPORT-TITLE, DOC-LOOKALIKE); the field's terms decide the rest. Synthetic texts in
the shapes real pages have (the corpus itself is checked in test_corpus_eval.py)."""

from __future__ import annotations

import pytest

from scorer.analysis.metadata import looks_like_report

BODY = ("全年办理行政复议案件48件，审查规范性文件12件，重大行政决策全部经过合法性审查，"
        "聘请法律顾问5名，开展行政执法监督检查3次，普法宣传活动20场。\n")


@pytest.mark.parametrize("text, kind", [
    ("青溪县2024年政府工作报告\n各位代表：\n" + BODY, "政府工作报告"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n" + BODY, "政府信息公开工作年度报告"),
    ("本报讯（记者 张三）3月30日，青溪县召开法治政府建设推进会。\n" + BODY, "新闻报道"),
    ("关于《青溪县2023年度法治政府建设情况的报告》的政策解读\n" + BODY, "政策解读"),
    ("青溪县人民政府办公室关于印发青溪县2021年度法治政府建设工作要点的通知\n" + BODY, "印发方案或通知"),
    ("某县2025年度法治政府建设情况报告范文\n" + BODY, "范文或模板"),
    ("青溪县法治政府建设实施方案（2021-2025年）\n" + BODY, "实施方案或工作要点"),
    ("奋力谱写全面依法治区新篇章——青溪区2022年度全面依法治区工作综述\n2022年，青溪区坚持……\n" + BODY,
     "依法治理或普法总结"),
])
def test_lookalikes_are_named_for_what_they_are(text, kind):
    ok, why = looks_like_report(text)
    assert not ok and kind in why


@pytest.mark.parametrize("text", [
    "青溪县人民政府关于2023年度法治政府建设情况的报告\n" + BODY,
    # the title is not on the page; the opening sentence says what it is, far into the line
    ("根据《法治政府建设实施纲要（2021—2025年）》和市委、市政府相关文件要求，现将市人社局2021年法治政府建设情况报告予以公开。\n"
     "一、工作开展情况\n" + BODY),
    # an opening that tells the year's work, with the outline's implementation plan named in it
    "2021年，青溪县按照《青溪县法治政府建设实施方案》要求，扎实推进法治政府建设。\n一、主要举措和成效\n" + BODY,
])
def test_real_report_openings_are_reports(text):
    assert looks_like_report(text) == (True, "")
