"""What the metadata tests share: the body of a short made-up report, and reading its metadata."""

from __future__ import annotations

from scorer.analysis.metadata import extract_meta

BODY = (
    "一、主要举措和成效\n（一）完善依法行政制度体系。严格规范性文件合法性审查，全年审查规范性文件12件。\n"
    "（二）推进严格规范公正文明执法。全面落实行政执法三项制度，行政复议案件全部依法办结。\n"
    "二、存在的不足\n法律顾问作用发挥不够充分。\n三、下一步工作安排\n深入推进重大行政决策程序规范化。\n"
)


def meta_of(text: str, raw: str | None = None):
    """The metadata of `text`; `raw` is the page before chrome was stripped (default: the text)."""
    return extract_meta(raw if raw is not None else text, text)
