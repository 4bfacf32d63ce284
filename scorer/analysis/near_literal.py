"""The matches of a pattern searched only near the literal every match holds: the same
matches as the plain search, found without trying every position of the whole text.

A pattern such as `([一-鿿]{2,9})金坛区` (the city written before a district, metadata.py)
cannot be skipped ahead in by `re`: it tries its first class at every position of the
report (several hundred µs for one name in a 10,000-character report). Every match ends with the literal, so it lies in
a window of the text from `before` characters ahead of an occurrence of the literal to its
end (plus `after`); searching only those windows (with `pos`/`endpos` on the whole text)
gives exactly the matches of `rx.finditer(text)`, provided the pattern looks at nothing
outside its own match: no look-around, anchor or word boundary (the caller's promise,
asserted by `finditer_near` on the parsed pattern).

Why the same: a match found in a window is a match in the whole text (the pattern sees
only what it consumes, and the window's end only cuts paths that would read beyond it);
the leftmost match of the whole text from a position lies wholly in the window of its
literal, where the engine tries the same paths in the same order and every path before
the chosen one fails there too. Windows are merged where they overlap and searched in
order, each search going on from the end of the last match, as `finditer` does.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_LOOKS_OUTSIDE = {C.AT, C.ASSERT, C.ASSERT_NOT, C.GROUPREF_EXISTS}


def _looks_outside(items) -> bool:
    """Whether a parsed pattern holds anything that looks beyond the characters it consumes."""
    for op, av in items:
        if op in _LOOKS_OUTSIDE:
            return True
        if op is C.BRANCH and any(_looks_outside(alt.data) for alt in av[1]):
            return True
        if op is C.SUBPATTERN and _looks_outside(av[3].data):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            if _looks_outside(av[2].data):
                return True
        if op is getattr(C, "ATOMIC_GROUP", None) and _looks_outside(av.data):
            return True
    return False


@lru_cache(maxsize=256)
def _searchable(rx: re.Pattern[str]) -> bool:
    """Whether windows may stand for the whole text (parsed once per pattern)."""
    return not _looks_outside(P.parse(rx.pattern, rx.flags).data)


def finditer_near(rx: re.Pattern[str], text: str, literal: str, before: int, after: int = 0):
    """The matches of `rx.finditer(text)`, for a pattern every match of which holds `literal`
    starting at most `before` characters after the match's start and ends at most `after`
    characters after that literal's end."""
    if not _searchable(rx):
        raise ValueError(f"finditer_near: {rx.pattern!r} may look outside its match")
    if not literal:
        yield from rx.finditer(text)  # nothing to search near: the plain search
        return
    windows: list[list[int]] = []
    pos = text.find(literal)
    while pos != -1:
        a, b = max(0, pos - before), pos + len(literal) + after
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
        pos = text.find(literal, pos + 1)
    done = 0  # where the last match ended: the next search goes on from there
    for a, b in windows:
        if b <= done:
            continue
        for m in rx.finditer(text, max(a, done), b):
            yield m
            done = m.end()
