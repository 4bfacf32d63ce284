"""The characters a regular expression's matches can begin with, as a character class.

Python's `re` tries every position of a sentence against a rule like SIG-DATE
(`\\d{1,2}月…|年(?:初|底|内)`): most sentences hold none of the characters such a match
must begin with, and searching for those characters alone is many times cheaper. So for
each compiled rule of the rule book we work out that set from the parsed pattern, and
`first_class(rx)` gives a pattern of one character class that matches wherever a match
of `rx` could begin. When no position matches it, `rx` has no match; when the first one
is at p, `rx.finditer(text, p)` gives exactly the matches of `rx.finditer(text)` (the
engine sees the whole text either way: look-behinds and `^` behave the same).

Whenever the set cannot be stated exactly or cheaply (a pattern that can match the
empty string, ".", a negated class, IGNORECASE, back-references …) there is no
prefilter and the rule runs as before.
"""

from __future__ import annotations

import re
import sys

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_MAX_PIECES = 400  # a class larger than this is not worth searching for


class _Unknown(Exception):
    """The first characters cannot be stated as one class."""


def first_class(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """One character class matching wherever a (non-empty) match of `rx` could begin,
    or None when that cannot be stated."""
    if rx is None or not isinstance(rx.pattern, str) or rx.flags & re.IGNORECASE:
        return None
    try:
        pieces, nullable = _first(P.parse(rx.pattern, rx.flags).data)
    except (_Unknown, re.error, RecursionError):
        return None
    if nullable or not pieces or len(pieces) > _MAX_PIECES:
        return None
    return re.compile("[" + "".join(sorted(pieces)) + "]")


def _first(items) -> tuple[set[str], bool]:
    """(class pieces the sequence can begin with, whether it can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        pieces, nullable = _one(op, av)
        out |= pieces
        if not nullable:
            return out, False
    return out, True


def _one(op, av) -> tuple[set[str], bool]:
    if op in _ZERO_WIDTH:
        return set(), True  # takes no character: what follows begins the match
    if op is C.LITERAL:
        return {_escape(av)}, False
    if op is C.IN:
        return _charset(av), False
    if op is C.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            pieces, n = _first(alt.data)
            out |= pieces
            nullable = nullable or n
        return out, nullable
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _first(sub.data)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _hi, sub = av
        pieces, nullable = _first(sub.data)
        return pieces, nullable or lo == 0
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _first(av.data)
    raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS, …


def _charset(items) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(_escape(av))
        elif op is C.RANGE:
            out.add(f"{_escape(av[0])}-{_escape(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            raise _Unknown  # NEGATE, case-folded ranges, …
    return out


def _escape(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else re.escape(ch) if ch in "\t\n\r\v\f " else ch


class Prefiltered:
    """A compiled pattern that first looks for a character its matches can begin with
    and starts the real search there (or not at all). Same matches as the pattern."""

    __slots__ = ("rx", "first")

    def __init__(self, rx: re.Pattern[str], first: re.Pattern[str]):
        self.rx = rx
        self.first = first

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        m = self.first.search(string, pos, endpos)
        return None if m is None else self.rx.search(string, m.start(), endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        m = self.first.search(string, pos, endpos)
        return iter(()) if m is None else self.rx.finditer(string, m.start(), endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        m = self.first.search(string, pos, endpos)
        return [] if m is None else self.rx.findall(string, m.start(), endpos)

    def __getattr__(self, name: str):
        if name in Prefiltered.__slots__ or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.rx, name)  # match, sub, pattern, flags … as the pattern itself

    def __repr__(self) -> str:
        return f"Prefiltered({self.rx!r})"


def prefiltered(rx: re.Pattern[str]):
    """`rx` with a first-character prefilter when one can be stated and `re` does not
    already skip ahead by itself (a pattern that begins with a literal or a set of
    literals), else `rx` itself."""
    if _skips_ahead(rx):
        return rx
    first = first_class(rx)
    return rx if first is None else Prefiltered(rx, first)


def _skips_ahead(rx: re.Pattern[str]) -> bool:
    """Whether `re` compiled a literal prefix or a first-character set for `rx` (the
    same test as re's own compiler; internal API, so: assume not when it changes)."""
    try:
        from re import _compiler as K  # Python 3.11+

        parsed = P.parse(rx.pattern, rx.flags)
        prefix, _skip, _all = K._get_literal_prefix(parsed, rx.flags)
        return bool(prefix) or bool(K._get_charset_prefix(parsed, rx.flags))
    except Exception:  # noqa: BLE001 - an optimisation only
        return False
