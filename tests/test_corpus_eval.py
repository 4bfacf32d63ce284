"""Accuracy on the real-report corpus (tests/corpus/index.yaml), checked whenever the local
text cache (.corpus/texts, third-party copies that are never committed) is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.analysis.pipeline import score_file
from scorer.running.corpus_eval import evaluate_corpus, load_index

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "tests" / "corpus" / "index.yaml"
TEXTS = ROOT / ".corpus" / "texts"
# Pages whose stored opening the search no longer returns byte for byte (see test_corpus_figures_hold). Restoring
# the cache on a new machine on 2026-11-29, two more did not come back: V014's page now answers 958 characters of
# pinyin-annotated text where 890 were stored, and P108's differs by one character in a garbled passage, whose
# reading changed between two runs of the same search. Both were restored the day before.
UNRESTORABLE = {"Aneg02", "V014", "P108"}


def test_index_lists_reports_and_lookalikes_with_hashes():
    rows = load_index(INDEX)
    reports = [r for r in rows if r["kind"] == "report"]
    negatives = [r for r in rows if r["kind"] == "negative"]
    assert len(reports) >= 130 and len(negatives) >= 15
    assert all(len(r["sha256"]) == 64 and r["url"].startswith("http") for r in rows)
    assert {r["level"] for r in reports} >= {"province", "city", "county", "zone", "department"}
    assert {r["year"] for r in reports} >= set(range(2016, 2026))


@pytest.mark.skipif(not TEXTS.is_dir(), reason="no local corpus cache (.corpus/texts): texts are not distributed")
def test_corpus_figures_hold():
    ev = evaluate_corpus(INDEX, TEXTS, score_file)
    # One lookalike's page no longer returns the stored opening byte for byte (restoring the cache on a new
    # machine, 2026-11-28: the search answers 816 characters where 819 were stored); any other missing text is
    # a cache that is not complete (scripts/corpus_cache.py status lists what is missing).
    assert set(ev.missing_texts) <= UNRESTORABLE, ev.missing_texts
    # Only the figures are shown when this fails: the item errors of the held-out parts are not printed.
    figures = dict(kind=ev.kind_right / ev.kind_total, year=ev.year_right / ev.meta_total,
                   outline=ev.outline_right / ev.meta_total, issuer=ev.jurisdiction_exact / ev.meta_total,
                   precision=ev.overall.precision, recall=ev.overall.recall)
    # Measured on all 573 pages (425 reports): document kind 571/573 (part J first measured 38/40), year 0.984,
    # outline 0.995, issuer 0.962, covered-vs-not precision 0.772, recall 0.788 (the blind parts alone, first
    # measures: D 0.68 / 0.71, F 0.57 / 0.71, G 0.78 / 0.67, H 0.68 / 0.69, I 0.65 / 0.76, J 0.73 / 0.73; parts
    # H and I, mostly departments and townships, brought the whole down from 0.79 / 0.79).
    assert figures["kind"] >= 0.98, figures
    # The target: every lookalike is flagged (since the fourteenth round) and no real report is refused
    # (since the eighteenth: I019, a copying site that cut 法治 out of every sentence, is read by the outline's name
    # it cites; Q018 and part R's R016 and R103 are reports since the fifteenth round).
    assert ev.kind_errors == [], ev.kind_errors
    assert figures["year"] >= 0.98, figures
    assert figures["outline"] >= 0.99, figures
    assert figures["issuer"] >= 0.95, figures  # 0.956 (part G 0.824, part K 0.47 at first: names the texts do not give, labels off the convention)
    # 0.772 / 0.814 on 613 pages; 0.775 / 0.803 on 790 (the twelfth round's parts M, N and O, first measured at
    # 0.77 / 0.68, 0.69 / 0.74 and 0.74 / 0.79, brought recall down); 0.773 / 0.797 on 836 (the thirteenth round's
    # part P, measured once at 0.73 / 0.69); 0.774 / 0.794 on 882 (the fourteenth round's part Q, measured once at
    # 0.81 / 0.75); 0.770 / 0.795 on 926 (the fifteenth round's part R, measured once at 0.68 / 0.74), 0.770 / 0.799
    # after that round's rules (with VETO-CATCH-ALL, now off in the book: 0.776 / 0.788); 0.764 / 0.805 on 1057
    # (the eighteenth round's part V, measured once at 0.72 / 0.79); 0.769 / 0.799 on 1100 (its part W, measured once at
    # 0.79 / 0.75)
    assert figures["precision"] >= 0.76 and figures["recall"] >= 0.79, figures
    # 建议核对 (SCORE-CONFIDENCE's check_below) separates the covered verdicts an officer should check first.
    # Since the eighteenth round the confidence also reads whether the evidence sentence names the item in two of
    # its phrases: 1208 marked verdicts right 0.61 of the time, the other 1377 0.90 (held-out parts alone 0.56 /
    # 0.91; part V, measured once: 0.54 / 0.87; part W, measured once: 0.62 / 0.95); before, 729 marked right 0.60, the
    # other 1743 0.84. About half the verdicts are marked: each is one
    # sentence to read, and they are the half that is wrong four times in ten.
    marked, unmarked = ev.checked.precision, ev.unchecked.precision
    assert marked <= 0.65 and unmarked >= 0.88, (marked, unmarked)
    assert 0.35 <= (ev.checked.tp + ev.checked.fp) / (ev.overall.tp + ev.overall.fp) <= 0.55
    # The naive baseline (an item is covered when two thirds of its title's words stand in the text) finds 0.58 of
    # the covered items at precision 0.29 (F1 0.38); the tool leads it by +0.38 to +0.41 F1 (95 % interval,
    # resampling reports; +0.34 to +0.38 on the fifteen held-out parts alone).
    from scorer.running.corpus_eval import bootstrap_f1

    assert ev.baseline.f1 <= 0.45, ev.baseline
    assert bootstrap_f1(list(ev.per_report.values()))["lead"][0] >= 0.30


def _one_report_corpus(tmp_path: Path, second=None, third=None) -> tuple[Path, Path, list[str], list[str]]:
    """A corpus of one real report (a seed) in `tmp_path`, labelled with exactly what the tool
    covers, optionally with a second labelling made by `second(covered, uncovered)`:
    (index, texts folder, covered ids, uncovered ids)."""
    import hashlib

    from ruamel.yaml import YAML

    seed = ROOT / "seeds" / "huaian-hongze-2023.txt"
    texts = tmp_path / "texts"
    texts.mkdir()
    sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    (texts / f"{sha}.txt").write_bytes(seed.read_bytes())
    result = score_file(seed, "outline-2021")
    covered = [it.id for it in result.items if it.status.value == "covered"]
    uncovered = [it.id for it in result.items if it.status.value != "covered"]
    entry = dict(n="T1", split="dev", url="https://example.org/r", query="q", sha256=sha, kind="report",
                 jurisdiction=result.jurisdiction, level="county", year=result.year, outline="outline-2021",
                 covered=covered, partial=[])
    if second is not None:
        entry["second"] = dict(covered=second(covered, uncovered))
    if third is not None:
        entry["third"] = third(covered, uncovered)
    index = tmp_path / "index.yaml"
    YAML().dump([entry], index)
    return index, texts, covered, uncovered


def test_eval_measures_the_tool_against_each_labeller_and_on_the_items_they_agree_on(tmp_path):
    # One real report, labelled twice: the first labeller lists exactly what the tool covers;
    # the second drops one of those items and adds one the tool does not cover. Those two items
    # are the labellers' disagreement: the tool is perfect on the rest, and one off either way
    # against the second labeller.
    import json

    from tests.cli_helpers import run_scorer

    index, texts, covered, uncovered = _one_report_corpus(tmp_path, lambda cov, unc: [*cov[1:], unc[0]])
    assert len(covered) >= 3 and uncovered
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    n = len(covered)
    assert (out["overall"]["tp"], out["overall"]["fp"], out["overall"]["fn"]) == (n, 0, 0)
    agreed = out["tool_on_items_both_labellers_agree"]
    assert (agreed["tp"], agreed["fp"], agreed["fn"]) == (n - 1, 0, 0)
    vs_second = out["tool_vs_second_labeller"]
    assert (vs_second["tp"], vs_second["fp"], vs_second["fn"]) == (n - 1, 1, 1)
    proc = run_scorer("eval", "--corpus", index, "--texts", texts)
    assert "工具，仅两名标注者判断一致的条目：精确率 1.00 召回率 1.00" in proc.stdout


def test_eval_measures_the_tool_against_the_adjudicated_labels(tmp_path):
    # The two labellers disagree on two items: the tool covers one (the first labeller agrees) and not the
    # other (the second labeller says covered). The third labeller decides: the first item is only partial,
    # the second is covered — so against the adjudicated labels the tool is one off either way.
    import json

    from tests.cli_helpers import run_scorer

    index, texts, covered, uncovered = _one_report_corpus(
        tmp_path, lambda cov, unc: [*cov[1:], unc[0]], lambda cov, unc: {cov[0]: "partial", unc[0]: "covered"})
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    n = len(covered)
    adjudicated = out["tool_vs_adjudicated"]
    assert out["adjudicated_cells"] == 2
    assert (adjudicated["tp"], adjudicated["fp"], adjudicated["fn"]) == (n - 1, 1, 1)
    proc = run_scorer("eval", "--corpus", index, "--texts", texts)
    assert "工具 vs 裁决后的标注（两名标注者分歧的 2 处由第三名盲标者裁决）" in proc.stdout


def test_ablation_shows_what_each_rule_contributes(tmp_path):
    # One real report labelled with exactly what the tool covers: the book in force scores F1 1.0;
    # switching off the figures rule (SIG-QUANTITY) turns covered items into partial ones.
    import json

    from tests.cli_helpers import run_scorer

    index, texts, _, _ = _one_report_corpus(tmp_path)
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--ablate", "--json", timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["base"]["f1"] == 1.0
    rules = {r["id"]: r for r in out["rules"]}
    assert {"SIG-QUANTITY", "SIG-ACT", "VETO-ENUMERATION", "MATCH-HEADING"} <= set(rules)
    assert rules["SIG-QUANTITY"]["f1_change"] < 0 and rules["SIG-QUANTITY"]["name"] == "数据"
    assert [r["f1_change"] for r in out["rules"]] == sorted(r["f1_change"] for r in out["rules"])
    proc = run_scorer("eval", "--ablate")
    assert proc.returncode != 0 and "--ablate 需要与 --corpus 一起使用" in proc.stderr


def test_eval_pools_the_parts_named_in_split_and_lists_parts_in_natural_order(tmp_path):
    # The same real report in three parts, dev2, dev10 and test11: `--split dev10,test11` measures two
    # of them as one figure (the held-out parts pooled), and the per-part rows read dev2 before dev10.
    import json

    from ruamel.yaml import YAML

    from tests.cli_helpers import run_scorer

    index, texts, covered, _ = _one_report_corpus(tmp_path)
    entry = YAML(typ="safe").load(index.read_text(encoding="utf-8"))[0]
    YAML().dump([{**entry, "n": f"T{i}", "split": s} for i, s in enumerate(("dev2", "dev10", "test11"))], index)
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--split", "dev10,test11", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["reports"] == 2 and out["overall"]["tp"] == 2 * len(covered)
    assert list(out["by_split"]) == ["dev10", "test11"]
    proc = run_scorer("eval", "--corpus", index, "--texts", texts)
    rows = [line for line in proc.stdout.splitlines() if "语料 " in line]
    assert [r.split("语料 ")[1].split()[0] for r in rows] == ["dev2", "dev10", "test11"]


def test_title_baseline_counts_an_item_whose_title_words_stand_in_the_text():
    # 深化行政审批制度改革 is cut into 深化/行政/审批/制度/改革: a report writing 行政审批制度改革 has four of the
    # five words (at least two thirds), one writing only 改革 and 制度 has two.
    from scorer.running.baseline import title_matched, title_words

    assert title_words("深化行政审批制度改革") == ("深化", "行政", "审批", "制度", "改革")
    assert title_matched("深化行政审批制度改革", "2020年，我区持续推进行政审批制度改革，取消事项12项。")
    assert not title_matched("深化行政审批制度改革", "完善制度，推进改革。")
    assert not title_matched("", "任何文本")


def test_bootstrap_interval_is_seeded_and_spans_the_reports():
    # Two reports, one perfect (F1 1.0) and one wholly wrong (F1 0.0): resampled, the pooled F1 ranges from 0
    # (both draws the wrong one) to 1 (both the right one); the same seed gives the same interval.
    from scorer.running.corpus_eval import bootstrap_f1

    rows = [(5, 0, 0, 1, 4, 4), (0, 5, 5, 0, 3, 5)]
    ci = bootstrap_f1(rows)
    assert ci == bootstrap_f1(rows)
    assert ci["tool"] == (0.0, 1.0)
    lo, hi = ci["lead"]
    assert lo <= 0.0 < hi
    assert bootstrap_f1(rows[:1]) is None  # one report: nothing to resample


def test_eval_prints_the_title_baseline_and_the_interval_on_the_same_items(tmp_path):
    # The same real report (a seed, labelled with exactly what the tool covers) in three parts: the tool is
    # right on every item, the naive baseline is scored on the very items the tool is, and with three
    # identical reports every resample gives the same F1, so each interval is one point.
    import json

    from ruamel.yaml import YAML

    from scorer.running.baseline import title_matched
    from tests.cli_helpers import run_scorer

    index, texts, covered, _ = _one_report_corpus(tmp_path)
    entry = YAML(typ="safe").load(index.read_text(encoding="utf-8"))[0]
    YAML().dump([{**entry, "n": f"T{i}", "split": s} for i, s in enumerate(("dev2", "dev10", "test11"))], index)
    text = (ROOT / "seeds" / "huaian-hongze-2023.txt").read_text(encoding="utf-8")
    result = score_file(ROOT / "seeds" / "huaian-hongze-2023.txt", "outline-2021")
    naive = {it.id for it in result.items if title_matched(it.title, text)}
    tp = len(naive & set(covered))
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    base = out["baseline_title_words"]
    assert (base["tp"], base["fp"], base["fn"]) == (3 * tp, 3 * (len(naive) - tp), 3 * (len(covered) - tp))
    assert out["baseline_title_words_by_split"]["test11"]["tp"] == tp
    ci = out["f1_interval_95"]
    assert ci["tool"] == [1.0, 1.0]
    # per group too: the three reports are one level's (one point), each part holds one (nothing to resample)
    assert out["by_level"]["county"]["f1_interval_95"] == [1.0, 1.0]
    assert out["by_split"]["test11"]["f1_interval_95"] is None
    assert ci["baseline"] == pytest.approx([base["f1"], base["f1"]])
    proc = run_scorer("eval", "--corpus", index, "--texts", texts)
    assert "对照（只看条目标题" in proc.stdout
    assert "F1 的 95% 区间（按报告有放回重抽样 1000 次）：工具 1.00–1.00" in proc.stdout
    assert any("层级 county" in line and line.rstrip(" │").endswith("1.00–1.00") for line in proc.stdout.splitlines())


def _book_without(tmp_path: Path, rule_id: str) -> Path:
    """A copy of the shipped rule book with one rule switched off."""
    from scorer.paths import SHIPPED_CHECKLIST_DIR

    text = (SHIPPED_CHECKLIST_DIR / "rules.yaml").read_text(encoding="utf-8")
    head = f"  - id: {rule_id}\n"
    assert head in text
    path = tmp_path / "rules-off.yaml"
    path.write_text(text.replace(head, head + "    enabled: false\n", 1), encoding="utf-8")
    return path


def test_against_another_rule_book_gives_the_f1_difference_and_the_cells_it_turns(tmp_path):
    # The same real report in three parts, labelled with exactly what the tool covers. The other book has the
    # figures rule (SIG-QUANTITY) off, so some covered items fall to partial: each is a cell the book in force
    # gets right and the other wrong (改对), none the other way; with three identical reports every resample
    # gives the same difference, so the interval is one point above zero.
    import json

    from ruamel.yaml import YAML

    from tests.cli_helpers import run_scorer

    index, texts, covered, _ = _one_report_corpus(tmp_path)
    entry = YAML(typ="safe").load(index.read_text(encoding="utf-8"))[0]
    YAML().dump([{**entry, "n": f"T{i}", "split": s} for i, s in enumerate(("dev2", "dev10", "test11"))], index)
    other = _book_without(tmp_path, "SIG-QUANTITY")
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--against", other, "--json", timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["current"]["f1"] == 1.0 and out["against"]["f1"] < 1.0
    assert out["broken"] == [] and out["fixed"]
    assert {c["n"] for c in out["fixed"]} == {"T0", "T1", "T2"}
    assert all(c["item"] in covered and c["label"] == "covered" and c["was"] != "covered" for c in out["fixed"])
    # each turned cell quotes the sentence the 已覆盖 side rested on (here the book in force), with its section
    text = (ROOT / "seeds" / "huaian-hongze-2023.txt").read_text(encoding="utf-8")
    assert all("：" in c["evidence"] and c["evidence"].split("：", 1)[1][:20] in text for c in out["fixed"])
    lo, hi = out["f1_difference_interval_95"]
    assert lo == pytest.approx(hi) == pytest.approx(out["f1_difference"]) and lo > 0
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--against", other, timeout=300)
    assert "：当前规则更好" in proc.stdout
    first = out["fixed"][0]
    assert f"改对 {first['n']} {first['item']}：标注已覆盖，对比的规则判" in proc.stdout
    assert f"——「{first['evidence'][:20]}" in proc.stdout


def test_against_another_checklists_folder_scores_it_in_a_child_process(tmp_path):
    # A checklists folder of one's own (the shipped one, copied, with its rule book's figures rule off) is
    # measured against the checklists in force: the same cells turn as with the rule book alone.
    import json
    import shutil

    from scorer.paths import SHIPPED_CHECKLIST_DIR
    from tests.cli_helpers import run_scorer

    index, texts, _, _ = _one_report_corpus(tmp_path)
    folder = tmp_path / "checklists"
    shutil.copytree(SHIPPED_CHECKLIST_DIR, folder)
    shutil.copy(_book_without(tmp_path, "SIG-QUANTITY"), folder / "rules.yaml")
    by_folder = run_scorer("eval", "--corpus", index, "--texts", texts, "--against", folder, "--json", timeout=300)
    by_book = run_scorer("eval", "--corpus", index, "--texts", texts, "--against", tmp_path / "rules-off.yaml",
                         "--json", timeout=300)
    assert by_folder.returncode == 0 and by_book.returncode == 0, (by_folder.stderr, by_book.stderr)
    a, b = json.loads(by_folder.stdout), json.loads(by_book.stdout)
    assert a["fixed"] == b["fixed"] and a["fixed"] and a["against"] == b["against"]
    assert a["f1_difference_interval_95"] is None  # one report: no interval


def test_against_names_what_is_wrong_with_the_other_book(tmp_path):
    from tests.cli_helpers import run_scorer

    index, texts, _, _ = _one_report_corpus(tmp_path)
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nsignals: [\n", encoding="utf-8")
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--against", bad)
    assert proc.returncode != 0 and "规则手册 YAML 语法错误" in proc.stderr and "Traceback" not in proc.stderr
    assert f"{bad}:" in proc.stderr  # the file, with the line YAML stopped at
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_scorer("eval", "--corpus", index, "--texts", texts, "--against", empty)
    assert proc.returncode != 0 and "文件夹中没有检查清单（*.yaml）" in proc.stderr
    proc = run_scorer("eval", "--against", bad)
    assert proc.returncode != 0 and "--against 需要与 --corpus 或 --reviews 一起使用" in proc.stderr


def test_a_malformed_corpus_index_is_named_in_one_line(tmp_path):
    # An index someone wrote by hand: an entry without its hash, an entry that is not a mapping, a report
    # without its outline, a broken line. Each is one Chinese line naming the file and the entry, never an
    # internal error.
    from tests.cli_helpers import run_scorer

    texts = tmp_path / "texts"
    texts.mkdir()
    sha = "0" * 64
    cases = {
        "- {n: X1, kind: report}\n": "第 1 条（X1）缺少 sha256",
        f"- {{n: X1, sha256: '{sha}', kind: report, outline: outline-2021}}\n- 3\n": "第 2 条不是“字段: 值”形式的条目",
        f"- {{n: X2, sha256: '{sha}', kind: report}}\n": "第 1 条（X2）是报告，但缺少 outline（outline-2015 或 outline-2021）",
        f"- {{n: X3, sha256: '{sha}', kind: lookalike}}\n": "第 1 条（X3）的 kind 应为 report 或 negative（现为「lookalike」）",
        "- {n: X1, kind: report\n- b: [\n": "第 2 行：语料索引 YAML 语法错误",
    }
    for i, (text, message) in enumerate(cases.items()):
        index = tmp_path / f"index{i}.yaml"
        index.write_text(text, encoding="utf-8")
        proc = run_scorer("eval", "--corpus", index, "--texts", texts)
        assert proc.returncode != 0, text
        assert proc.stderr.strip() == f"错误：{index}: {message}", proc.stderr
