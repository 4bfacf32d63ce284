"""A naive baseline for `scorer eval --corpus`: an item counts as covered when its title's words stand in the text.

This is what a reader without the rule book would do first (and what the project was measured against
from outside: "no better than matching the items' titles"). The tool is worth its rules only by how far
it beats this. The definition is fixed, not tuned on the corpus: the title is cut into words with jieba's
own default dictionary (not the project's trimmed one with the checklists' phrases added), words of one
character are dropped, and the item counts as covered when at least two thirds of the remaining words
occur anywhere in the text.
"""

from __future__ import annotations

import logging
from functools import lru_cache

SHARE = 2 / 3  # of the title's words that must occur in the text


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


@lru_cache(maxsize=512)
def title_words(title: str) -> tuple[str, ...]:
    """The title's words of two or more characters, in order, each once."""
    words = [w for w in _tokenizer().lcut(title) if len(w) >= 2]
    return tuple(dict.fromkeys(words))


def title_matched(title: str, text: str) -> bool:
    words = title_words(title)
    if not words:
        return False
    return sum(w in text for w in words) >= SHARE * len(words)
