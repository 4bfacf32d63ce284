"""Rule VETO-CATCH-ALL: a sentence that is the only concrete evidence of many items at once is a catch-all list
(scored with the shipped checklists and rule book)."""

from __future__ import annotations

from scorer.analysis.pipeline import score_file
from scorer.models import Status

OPENING = ("江州市发展和改革委员会2021年法治政府建设情况报告\n2021年，我委在市委、市政府的坚强领导下，认真贯彻落实上级部署，"
           "各项工作取得新进展。现将有关情况报告如下。\n一、主要举措和成效\n")
# one sentence naming many tasks, made concrete for all of them by one act word and one figure at its end
CATCH_ALL = ("我委对照任务清单逐一开展工作，完善了权责清单和重大行政决策程序规定、健全了法制机构和聘请了法律顾问、"
             "做好行政规范性文件制定和监督管理、开展行政执法规范化建设，一年来共计协审14件。\n")


def _items(tmp_path, body: str):
    path = tmp_path / "report.txt"
    path.write_text(OPENING + body, encoding="utf-8")
    return {it.id: it for it in score_file(path, "outline-2021").items}


def test_items_resting_only_on_a_catch_all_sentence_are_partial_and_say_why(tmp_path):
    items = _items(tmp_path, CATCH_ALL)
    listed = [i for i in ("O21-01", "O21-06", "O21-08", "O21-12") if items[i].status != Status.missing]
    assert len(listed) >= 4, {i: items[i].status for i in ("O21-01", "O21-06", "O21-08", "O21-12")}
    for i in listed:
        item = items[i]
        assert item.status == Status.partial, (i, item.explanation)
        assert "罗列多项工作" in item.explanation
        assert any(lim.rule == "VETO-CATCH-ALL" for ev in item.evidence for lim in ev.limits)


def test_an_item_with_a_concrete_sentence_of_its_own_keeps_its_verdict(tmp_path):
    own = "全年聘请法律顾问3名，法律顾问参与审核合同45份。\n"
    items = _items(tmp_path, CATCH_ALL + own)
    assert items["O21-08"].status == Status.covered
    assert any("合同45份" in ev.text for ev in items["O21-08"].evidence)
    # the others still rest on the list alone
    assert items["O21-06"].status == Status.partial


def test_the_rule_can_be_switched_off_in_the_rule_book(tmp_path, monkeypatch):
    from scorer.checklist import rules

    book = rules.rulebook(None)
    monkeypatch.setattr(book, "catch_all_max_items", None)
    items = _items(tmp_path, CATCH_ALL)
    assert items["O21-06"].status == Status.covered


def test_the_machines_own_verdict_kept_for_review_is_the_demoted_one(tmp_path):
    # human review (scorer/review) shows the machine's verdict beside the one in force: it is the partial one
    items = _items(tmp_path, CATCH_ALL)
    assert items["O21-06"].machine_status == Status.partial == items["O21-06"].status
