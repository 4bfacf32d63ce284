"""Padding cannot buy a score (issue 10, item 13): lines pasted in that list an item's
phrases, quote its title as a 《document》 and stamp one figure on it are not
evidence; the result says so and `scorer check` fails the report. Real reports are
never flagged."""

from __future__ import annotations

import json
import re

import pytest

from cli_helpers import SEEDS, run_scorer
from scorer.analysis.padding import PADDING_WARNING, find_padding
from scorer.analysis.sections import parse_sections
from scorer.analysis.sentences import split_sentences
from scorer.checklist.load import load_checklist

HONGZE = SEEDS / "huaian-hongze-2023.txt"
TITLE = "关于洪泽区2023年度法治政府建设工作的报告"


def pasted_lines(checklist: str = "outline-2021") -> list[str]:
    """One line per item: its phrases, its title as a document, one figure."""
    cl = load_checklist(checklist)
    return ["，".join(it.phrases) + f"，印发《{it.title}》，完成100%。" for it in cl.items]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("padding")
    lines = pasted_lines()
    seed = HONGZE.read_text(encoding="utf-8")
    (d / "padded.txt").write_text(seed.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (d / "only.txt").write_text(TITLE + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    titles = [it.title for it in load_checklist("outline-2021").items]
    (d / "titles.txt").write_text(TITLE + "\n" + "\n".join(titles) + "\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def scored(files):
    proc = run_scorer("score", HONGZE, files / "padded.txt", files / "only.txt", files / "titles.txt",
                      "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return {r["source"]: r for r in json.loads(proc.stdout)}


def padding_warnings(result: dict) -> list[str]:
    return [w for w in result["warnings"] if w.startswith(PADDING_WARNING)]


def test_pasted_lines_add_nothing_to_a_real_report(files, scored):
    seed, padded = scored[str(HONGZE)], scored[str(files / "padded.txt")]
    assert padded["score"] == seed["score"]
    assert [(it["id"], it["status"]) for it in padded["items"]] == [(it["id"], it["status"]) for it in seed["items"]]
    [warning] = padding_warnings(padded)
    # every pasted line is flagged (a long one, of an item with many phrases, is cut into two sentences)
    flagged = int(re.match(rf"{PADDING_WARNING}：(\d+) 句不是在陈述工作", warning).group(1))
    assert flagged >= len(pasted_lines()) and "未作为证据计分" in warning
    assert "罗列了" in warning and "当作文件名引用" in warning and "「完成100%」" in warning
    quoted = {ev["text"] for it in padded["items"] for ev in it["evidence"]}
    assert not quoted & set(pasted_lines())
    assert not padding_warnings(seed)


def test_pasted_lines_alone_score_no_more_than_the_item_titles_alone(files, scored):
    only, titles = scored[str(files / "only.txt")], scored[str(files / "titles.txt")]
    assert only["score"] <= titles["score"]
    assert not any(it["status"] == "covered" for it in only["items"])
    assert padding_warnings(only)


def test_check_fails_a_padded_report_with_the_reason(files, scored):
    seed = scored[str(HONGZE)]
    threshold = f"{seed['score'] - 5:g}"  # the real report passes it
    proc = run_scorer("check", HONGZE, files / "padded.txt", files / "only.txt", "--min-score", threshold,
                      "--format", "json")
    assert proc.returncode == 1, proc.stderr
    reports = {r["source"]: r for r in json.loads(proc.stdout)["reports"]}
    assert reports[str(HONGZE)]["status"] == "pass"
    for name in ("padded.txt", "only.txt"):
        r = reports[str(files / name)]
        assert r["status"] == "fail" and r["reasons"][0].startswith(PADDING_WARNING), r
    text = run_scorer("check", files / "padded.txt")
    flagged = re.search(r"发现堆砌内容：(\d+) 句", text.stdout)
    assert text.returncode == 1 and flagged and int(flagged.group(1)) >= len(pasted_lines())


def sentences_of(text: str):
    return split_sentences(text, parse_sections(text, 2023, None))


def test_no_sentence_of_a_seed_is_padding():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for name in ("outline-2015", "outline-2021"):
            assert find_padding(text, sentences_of(text), load_checklist(name)) == [], (path.name, name)


@pytest.mark.parametrize("lines, why", [
    # a bare list of one item's terms, with a verb only at the end
    (["权责清单，权力清单，责任清单，机构改革，职能转变，职责边界，均已落实。"], "个检查清单术语"),
    # an item's title quoted as if it were a document
    (["区政府印发《推进政府机构职能优化协同高效》，全面部署相关工作。"], "把检查清单条目标题《推进政府机构职能优化协同高效》当作文件名引用"),
    # one generic figure on several items
    ([f"全面推进{a}和{b}工作，完成率100%。" for a, b in
      (("行政复议", "行政应诉"), ("政务公开", "政府信息公开"), ("法律顾问", "公职律师"))],
     "同一数字表述「完成率100%」在 3 句中重复出现"),
    # one template, terms swapped
    ([f"本年度{a}和{b}工作成效显著，共计{n}项。" for a, b, n in
      (("行政复议", "行政应诉", 3), ("政务公开", "政府信息公开", 7), ("法律顾问", "公职律师", 9))],
     "句式相同，只换了检查清单术语"),
])
def test_each_rule_flags_what_it_describes(lines, why):
    text = TITLE + "\n" + "\n".join(lines) + "\n"
    sentences = sentences_of(text)
    found = find_padding(text, sentences, load_checklist("outline-2021"))
    assert len(found) == len(lines), found
    assert all(why in p.reason for p in found)


def test_real_enumerations_and_real_documents_are_not_padding():
    lines = [
        "严格履行决策启动、公众参与、专家咨询、风险评估、合法性审查、集体讨论决定等法定程序，全年作出重大行政决策5项。",
        "出台《洪泽区推进政府机构职能优化协同高效实施方案》，调整权责事项126项。",
        "规范性文件备案审查率100%，行政复议决定履行率100%，行政机关负责人出庭应诉率100%。",
        "全区办理行政复议案件48件，纠错率12%。",
    ]
    # Inside a real report (a text of these four lines alone is all checklist terms).
    text = HONGZE.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    sentences = sentences_of(text)
    found = find_padding(text, sentences, load_checklist("outline-2021"))
    assert not [p for p in found if sentences[p.index].text.rstrip("。") in {l.rstrip("。") for l in lines}], found
