"""Rule VETO-CATCH-ALL: a sentence that is the only concrete evidence of many items at once is a catch-all list
(scored with the shipped 2021 outline and rule book; the rule is off in the book and switched on here as a local
checklist would)."""

from __future__ import annotations

import re
from pathlib import Path

from scorer.analysis.pipeline import score_file
from scorer.models import Status

ROOT = Path(__file__).resolve().parent.parent
OPENING = ("江州市发展和改革委员会2021年法治政府建设情况报告\n2021年，我委在市委、市政府的坚强领导下，认真贯彻落实上级部署，"
           "各项工作取得新进展。现将有关情况报告如下。\n一、主要举措和成效\n")
# one sentence naming many tasks, made concrete for all of them by one act word and one figure at its end
CATCH_ALL = ("我委对照任务清单逐一开展工作，完善了权责清单和重大行政决策程序规定、健全了法制机构和聘请了法律顾问、"
             "做好行政规范性文件制定和监督管理、开展行政执法规范化建设，一年来共计协审14件。\n")


def _strict_outline(tmp_path):
    """The shipped 2021 outline with the rule switched on (it is off in the rule book: see rules.yaml), as a
    local office that wants it would write it."""
    text = (ROOT / "checklists" / "outline-2021.yaml").read_text(encoding="utf-8")
    path = tmp_path / "strict-2021.yaml"
    path.write_text(re.sub(r"^(version: .*)$", r"\1\nrules: {VETO-CATCH-ALL: on}", text, count=1, flags=re.M),
                    encoding="utf-8")
    return str(path)


def _items(tmp_path, body: str, checklist: str | None = None):
    path = tmp_path / "report.txt"
    path.write_text(OPENING + body, encoding="utf-8")
    return {it.id: it for it in score_file(path, checklist or _strict_outline(tmp_path)).items}


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


def test_the_rule_is_off_in_the_shipped_rule_book(tmp_path):
    # measured: on the read corpus parts it removed more wrong 已覆盖 than right ones (23 to 14), on the held-out parts
    # more right ones than wrong (8 to 3); so it is a switch for an office that wants stricter 已覆盖, not the default
    items = _items(tmp_path, CATCH_ALL, "outline-2021")
    assert items["O21-06"].status == Status.covered


def test_the_machines_own_verdict_kept_for_review_is_the_demoted_one(tmp_path):
    # human review (scorer/review) shows the machine's verdict beside the one in force: it is the partial one
    items = _items(tmp_path, CATCH_ALL)
    assert items["O21-06"].machine_status == Status.partial == items["O21-06"].status
