"""Evidence quotes shortened for display: the clause window around the hit.

The matcher's sentences are at most a few hundred characters (see
scorer/analysis/sentences.py MAX_SENTENCE_CHARS), but a quote in a table cell of
the gap report should be readable at a glance; a long sentence is shown as the
clauses around the matched phrase, with "…" where it was cut.
"""

from __future__ import annotations

MAX_QUOTE_CHARS = 160
CONTEXT_BEFORE = 50  # characters kept before the hit, at most
_BREAKS = "，,；;、：:。！？"


def quote_window(text: str, phrases: list[str], limit: int = MAX_QUOTE_CHARS) -> str:
    """`text` if it is short; else about `limit` characters around the first hit of
    any of `phrases` (the start when none is found), cut at clause boundaries."""
    if len(text) <= limit:
        return text
    hits = [(i, i + len(p)) for p in phrases if p for i in [text.find(p)] if i >= 0]
    hit, hit_end = min(hits) if hits else (0, 0)
    start = max(0, hit - CONTEXT_BEFORE)
    if start > 0:
        cut = max(text.rfind(c, start, hit) for c in _BREAKS)
        if cut >= 0:
            start = cut + 1
    end = min(len(text), max(start + limit, hit_end))
    if end < len(text):
        cut = max(text.rfind(c, hit_end, end) for c in _BREAKS)
        if cut >= 0 and cut + 1 > start + limit // 2:
            end = cut + 1
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")
