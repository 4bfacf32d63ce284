"""Word boundaries with jieba, for short phrases only.

A two- or three-character phrase can sit inside unrelated words: 「调解」 in
「协调解决」, 「立法」 in 「成立法律顾问委员会」. Such a hit counts only when no
word of the sentence straddles its edges. The field's terms (checklists/terms.txt
plus every short phrase of the checklists) are added to jieba's dictionary so
that 「两法衔接」 or 「述法」 stay whole.
"""

from __future__ import annotations

import logging
import os
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

from scorer.checklist.load import CHECKLIST_DIR

SHORT_PHRASE = 3  # phrases up to this many characters are boundary-checked
# jieba's full dictionary (350k words) takes ~0.7 s to load even from its cache; the
# words with frequency >= 10 (105k) load in a third of that. A dropped rare word is
# split into single characters, which only makes the boundary check more lenient.
MIN_WORD_FREQ = 10
_tokenizer = None
_extra_words: set[str] = set()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "scorer"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        import tempfile

        return Path(tempfile.gettempdir())


def _trimmed_dictionary() -> Path:
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt")
    target = _cache_dir() / f"jieba-dict-f{MIN_WORD_FREQ}.txt"
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        kept = []
        with source.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and int(parts[1]) >= MIN_WORD_FREQ:
                    kept.append(line)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        os.replace(tmp, target)  # atomic: parallel workers never read half a file
    return target


def tokenizer():
    """jieba's tokenizer, loaded once per process; its dictionary is cached on disk
    (the cold load takes ~1 s, the cached one a fraction of that)."""
    global _tokenizer
    if _tokenizer is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer(dictionary=str(_trimmed_dictionary()))
        tok.cache_file = str(_cache_dir() / f"jieba-f{MIN_WORD_FREQ}.cache")
        tok.initialize()
        terms = CHECKLIST_DIR / "terms.txt"
        if terms.exists():
            tok.load_userdict(str(terms))
        _tokenizer = tok
    return _tokenizer


def add_words(words: set[str]) -> None:
    """Make sure short checklist phrases are known words."""
    new = {w for w in words if w not in _extra_words}
    if not new:
        return
    tok = tokenizer()
    for w in new:
        tok.add_word(w, freq=max(tok.suggest_freq(w, tune=False), 1000))
    _extra_words.update(new)
    _cut.cache_clear()


@lru_cache(maxsize=4096)
def _cut(sentence: str) -> tuple[int, ...]:
    """Token boundary offsets of a sentence."""
    bounds = [0]
    for word in tokenizer().cut(sentence, HMM=False):
        bounds.append(bounds[-1] + len(word))
    return tuple(bounds)


def is_whole_word(sentence: str, start: int, end: int) -> bool:
    """True when no token straddles the span's edges."""
    bounds = _cut(sentence)
    # A token containing the whole span is fine (「行政调解」 contains 「调解」): the last
    # token starting at or before `start` reaches furthest (bounds ascend).
    k = min(bisect_right(bounds, start) - 1, len(bounds) - 2)
    if k >= 0 and end <= bounds[k + 1]:
        return True
    return _has_edge(bounds, start) and _has_edge(bounds, end)


def _has_edge(bounds: tuple[int, ...], offset: int) -> bool:
    k = bisect_left(bounds, offset)
    return k < len(bounds) and bounds[k] == offset
