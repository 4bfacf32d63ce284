"""What the report page marks in the text, on real results of the seeds: evidence
spans (from the evidence's rule records), the cut text, and the path and file-name checks behind the routes."""

from __future__ import annotations

import re

import pytest

from scorer.analysis.ingest import load_document
from scorer.analysis.pipeline import score_document
from scorer.serve.library import clean_filename, safe_rel, unique_path
from scorer.serve.views import evidence_marks, report_view


@pytest.fixture(scope="module")
def hongze(seeds_dir):
    doc = load_document(seeds_dir / "huaian-hongze-2023.txt")
    return doc.text, score_document(doc)


def test_marks_come_from_the_rule_records_and_stay_inside_their_sentence(hongze):
    text, result = hongze
    item = next(it for it in result.items if it.id == "O21-19")
    ev = item.evidence[0]
    hits, sigs = evidence_marks(ev, text)
    shown = "".join(text[a:b] for a, b in hits)
    assert all(r.text in shown for r in ev.matched if r.rule == "MATCH-PHRASE")
    assert any("行政复议" in text[a:b] for a, b in hits)
    assert all(any(r.text in text[a:b] for a, b in sigs) for r in ev.signals)
    assert all(ev.start <= a < b <= ev.end for a, b in hits + sigs)


def test_text_is_cut_at_every_mark_and_nothing_is_lost(hongze):
    text, result = hongze
    view = report_view(result, text)
    html = str(view["text_html"])
    plain = re.sub(r"<[^>]+>", "", html)
    import html as h

    assert h.unescape(plain) == text
    spans = re.findall(r'data-a="(\d+)" data-b="(\d+)"', html)
    assert spans and all(int(a) < int(b) for a, b in spans)
    # every section of the outline has an anchor in the text
    for s in view["outline"]:
        assert f'id="sec-{s["index"]}"' in html


def test_report_text_is_escaped(seeds_dir, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text((seeds_dir / "huaian-hongze-2023.txt").read_text("utf-8")
                       + "\n<script>alert(1)</script> 行政复议案件<b>12</b>件\n", "utf-8")
    doc = load_document(hostile)
    html = str(report_view(score_document(doc), doc.text)["text_html"])
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("rel, ok", [
    ("a.txt", True), ("sub/a.txt", True), ("中文/报告.pdf", True),
    ("../a.txt", False), ("sub/../../a.txt", False), ("/etc/passwd", False), ("a\\..\\b", False),
    ("", False), ("sub//a.txt", False), ("./a.txt", False), ("a\0.txt", False),
])
def test_safe_rel(rel, ok):
    assert (safe_rel(rel) is not None) == ok


@pytest.mark.parametrize("name, cleaned", [
    ("报告.txt", "报告.txt"), ("../../etc/passwd", "passwd"), ("C:\\Users\\a\\报告.docx", "报告.docx"),
    (".hidden.txt", "hidden.txt"), ("a<b>:c?.pdf", "a_b_c_.pdf"), ("", ""),
])
def test_clean_filename(name, cleaned):
    assert clean_filename(name) == cleaned


def test_unique_path_never_reuses_a_name(tmp_path):
    first = unique_path(tmp_path, "a.txt")
    second = unique_path(tmp_path, "a.txt")
    assert first.name == "a.txt" and second.name == "a-2.txt"


def test_a_missing_item_lists_and_marks_the_sentences_a_rule_kept_from_counting(hongze):
    """O21-24 (政务公开) is 缺失 in 洪泽: its phrase stands only in the title of a training's content. The
    item card lists that sentence with the reason, and the text marks it apart from evidence ("v")."""
    text, result = hongze
    view = report_view(result, text)
    item = next(v for g in view["areas"] for v in g["list"] if v["id"] == "O21-24")
    assert item["status"] == "missing" and not item["evidence"]
    (near,) = item["near"]
    assert near["section"] == "二、（三）7." and text[near["start"]:near["end"]].startswith("全年分两期对全区行政执法人员")
    assert any("培训学习内容" in r and "「政府信息公开」" in r for r in near["reasons"])
    import json
    marks = json.loads(str(view["marks_json"]))["O21-24"]
    assert marks == [{"s": near["start"], "e": near["end"], "hits": [], "sigs": [], "v": 1}]
    assert f'data-a="{near["start"]}"' in view["text_html"]  # the text is cut where the page marks it


def test_a_sentence_already_quoted_as_evidence_is_not_listed_again_as_a_near_miss(seeds_dir):
    """乐山 O15-14 is 已覆盖 on 「严格按照《重大行政决策程序暂行条例》…」, though one of its phrases there stands in
    the cited titles: the card quotes the sentence once, as evidence, not a second time under 未计入."""
    doc = load_document(seeds_dir / "leshan-hitech-2019.txt")
    result = score_document(doc)
    item = next(it for it in result.items if it.id == "O15-14")
    quoted = {(ev.start, ev.end) for ev in item.evidence}
    assert any((v.start, v.end) in quoted for v in item.vetoed)  # the rejected phrase sits in an evidence sentence
    view = report_view(result, doc.text)
    card = next(v for g in view["areas"] for v in g["list"] if v["id"] == "O15-14")
    assert card["status"] == "covered"
    assert all((n["start"], n["end"]) not in quoted for n in card["near"])
