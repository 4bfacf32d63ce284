"""Fuzzing the layers that see arbitrary input: the section parser and sentence
splitter (any text), ingest (any bytes under any report suffix) and the whole
pipeline on text that got through ingest. No exception other than InputError may
escape, and every offset must point into the text it claims to index."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from scorer.errors import InputError
from scorer.analysis.ingest import load_document
from scorer.analysis.sections import parse_sections
from scorer.analysis.sentences import split_sentences

# Bounded so that the suite stays fast; SCORER_FUZZ_EXAMPLES=5000 for a long hunt.
FUZZ = settings(max_examples=int(os.environ.get("SCORER_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- text made of report parts

HEADING_MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "（十）", "1.", "2．", "12、", "（1）", "(3)", "4)",
                   "①", "⑳", "第一章", "第二部分", "一.", "（", "）", "(", ")"]
PUNCT = list("。！？!?；;，,、：:“”「」《》…—- \u3000\t") + ["\n", "\n\n", "\r\n", "\u2028", "\ufeff", "\x00"]
WORDS = ["法治政府建设", "下一步", "存在的问题", "不足", "第一责任人", "述法", "2023年", "2024年", "将继续",
         "行政复议", "法律顾问", "印发了《", "》", "共办理", "件", "%", "万元", "标题", "报告", "问题和不足",
         "工作安排", "主要举措和成效", "今后", "明年", "针对", "总体上看"]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
DIGITS = st.sampled_from(list("0123456789０１２"))

piece = st.one_of(
    st.sampled_from(HEADING_MARKERS), st.sampled_from(PUNCT), st.sampled_from(WORDS),
    st.text(CJK, min_size=1, max_size=12), st.text(DIGITS, min_size=1, max_size=4),
    st.text(min_size=1, max_size=3),  # anything at all, now and then
)
report_text = st.lists(piece, max_size=120).map("".join)
# Line-structured: heading lines and paragraphs, as reports are laid out.
report_lines = st.lists(
    st.tuples(st.sampled_from(HEADING_MARKERS + [""]), st.lists(piece, max_size=15).map("".join)).map("".join),
    max_size=30,
).map("\n".join)


def check_sections_and_sentences(text: str, year: int | None, title: str | None) -> None:
    sections = parse_sections(text, year, title)
    assert sections and sections[0].level == 0
    for s in sections:
        assert 0 <= s.start <= s.end <= len(text), s
        assert s.start <= s.body_start <= len(text), s
    sentences = split_sentences(text, sections)
    ids = {id(s) for s in sections}
    last = -1
    for s in sentences:
        assert 0 <= s.start <= s.end <= len(text), s
        assert text[s.start:s.end] == s.text
        assert s.text
        assert id(s.section) in ids
        assert s.start >= last  # document order
        last = s.start


@FUZZ
@given(text=st.one_of(report_text, report_lines), year=st.one_of(st.none(), st.integers(1990, 2030)),
       title=st.one_of(st.none(), st.text(max_size=20), report_text))
@example(text="一、\n（一）", year=2023, title=None)
@example(text="一、主要举措\n" + "二、存在的不足。" * 3, year=2023, title="一、主要举措")
@example(text="2024年，我区将继续推进。", year=2023, title=None)
def test_sections_and_sentences_never_crash_and_offsets_point_into_the_text(text, year, title):
    check_sections_and_sentences(text, year, title)


# --------------------------------------------------------------------------- ingest on arbitrary bytes


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-ingest")


def _docx(document_xml: bytes, extra: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", document_xml)
        for name, data in extra.items():
            z.writestr(name, data)
    return buf.getvalue()


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
xml_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).map(
    lambda t: t.encode("utf-8", "surrogatepass"))
docx_bytes = st.builds(
    _docx,
    st.one_of(
        st.binary(max_size=200),
        st.builds(lambda t: b"<w:document " + W_NS + b"><w:body><w:p><w:r><w:t>" + t + b"</w:t></w:r></w:p>"
                  b"</w:body></w:document>", xml_text),
    ),
    st.dictionaries(st.sampled_from(["[Content_Types].xml", "word/_rels/document.xml.rels", "_rels/.rels"]),
                    st.binary(max_size=60), max_size=3),
)
pdf_bytes = st.builds(lambda a, b: b"%PDF-1." + a + b"\n" + b, st.binary(max_size=4), st.binary(max_size=400))
html_bytes = st.builds(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"),
    st.lists(st.one_of(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<script>", "</script>", "<table><tr><td>",
                                        "<meta charset='gbk'>", "<meta charset='nonsense'>", "<!--", "-->",
                                        "<?xml version='1.0' encoding='utf-8'?>", "<div class='nav'>", "</div>",
                                        "<h1>", "</h1>", "&nbsp;", "&#0;", "&#xD800;", "<br>"]),
                         piece), max_size=40),
)
text_bytes = st.builds(lambda t, enc: t.encode(enc, "replace"), report_text,
                       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le"]))
any_bytes = st.one_of(st.binary(max_size=600), text_bytes, html_bytes, docx_bytes, pdf_bytes)


@FUZZ
@given(data=any_bytes, suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf", ".htm", ""]))
@example(data=b"\xff\xfe", suffix=".txt")
@example(data=b"\xef\xbb\xbf", suffix=".txt")
@example(data=b"<html>", suffix=".html")
@example(data=b"PK\x03\x04", suffix=".docx")
@example(data=b"%PDF-", suffix=".pdf")
def test_ingest_raises_only_input_error_and_gives_clean_text(fuzz_dir, data, suffix):
    path = fuzz_dir / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem and str(path) in str(exc)
        return
    assert doc.text.strip()
    assert "\x00" not in doc.text and "\r" not in doc.text
    check_sections_and_sentences(doc.text, doc.meta.year, doc.meta.title)


# --------------------------------------------------------------------------- the whole pipeline


@FUZZ
@given(text=st.one_of(report_lines, report_text))
def test_pipeline_on_any_text_gives_evidence_inside_the_text(fuzz_dir, text):
    from scorer.analysis.ingest import collapse_blank_lines, normalize_text
    from scorer.analysis.metadata import extract_meta
    from scorer.models import Document
    from scorer.analysis.pipeline import score_document

    clean = collapse_blank_lines(normalize_text(text))
    assume(clean.strip())
    doc = Document(source="fuzz.txt", format="txt", text=clean, meta=extract_meta(clean, clean))
    result = score_document(doc)
    assert 0 <= result.score <= 100
    for item in result.items + result.structure:
        for ev in item.evidence:
            assert 0 <= ev.start <= ev.end <= len(clean)
            assert clean[ev.start:ev.end] == ev.text
