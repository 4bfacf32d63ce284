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

A second, independent prefilter: the literal strings one of which every match must
contain (`required_literals`: 「领导小组办公室」 or one of the organ names for
VETO-ORGAN-NAME, 「《」 for SIG-DOCUMENT). Most sentences contain none of them, and one
search for a set of literals (which `re` skips through quickly) then answers "no match"
for the whole rule. A match lies inside the searched text, so a text without any of
the literals has none; with one, the rule runs as before.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

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


@lru_cache(maxsize=1024)
def _parsed(pattern: str, flags: int):
    """The parse tree of a pattern (read only), once per pattern: each rule-book build
    (one per checklist and per item that tunes the book) asks about the same patterns."""
    return P.parse(pattern, flags)


@lru_cache(maxsize=1024)
def first_class(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """One character class matching wherever a (non-empty) match of `rx` could begin,
    or None when that cannot be stated."""
    if rx is None or not isinstance(rx.pattern, str) or rx.flags & re.IGNORECASE:
        return None
    try:
        pieces, nullable = _first(_parsed(rx.pattern, rx.flags).data)
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


_MAX_PREFIXES = 200  # more leading literals than this are not worth an alternation


@lru_cache(maxsize=1024)
def first_pattern(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """Where a match of `rx` can begin: one of its leading literals when every match begins with
    one of a set of them (SIG-ACT: 已完成, 共有, 成立, 建成 …, found at ~55 places in a seed report
    against ~266 for its 47 first characters, each a `match` tried in Python), else the `scout`
    of its first characters, else `first_class`."""
    return first_literals(rx) or scout(rx) or first_class(rx)


@lru_cache(maxsize=1024)
def first_literals(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """An alternation of literal strings one of which every match of `rx` begins with (look-arounds
    and anchors before them take no character and are left to `rx` itself), or None when that
    cannot be stated: a branch beginning with a class, a repeat that may be absent, too many."""
    if rx is None or not isinstance(rx.pattern, str) or rx.flags & re.IGNORECASE:
        return None
    try:
        prefixes, _complete = _prefixes(_parsed(rx.pattern, rx.flags).data)
    except (_Unknown, re.error, RecursionError):
        return None
    if not prefixes or "" in prefixes:
        return None
    return re.compile(literal_alternation(prefixes))


def literal_alternation(words) -> str:
    """A pattern matching any of the literal `words`, the longest one where several match at one place:
    what "|".join(the words, longest first) matches (search, match, finditer), written as a prefix tree
    (「将(?:继续|进一步|…)|…」). `re` tries a flat alternation's ~100 words one by one at every candidate
    character (MOD-PLAN's first words: ~3 µs a sentence); the tree tries a few. (All words matching at one
    place are prefixes of each other, so they lie on one path of the tree, and the tree tries the longer
    one first: a child before ending at a node.)"""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _tree_pattern(tree)


def _tree_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _tree_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
    return body + "?" if "" in node else body


def _prefixes(items) -> tuple[set[str], bool]:
    """(literal strings one of which every match of the sequence begins with, whether every match
    is exactly one of them, so that what follows the sequence may be appended)."""
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH and out == {""}:
            continue  # a leading look-around or anchor takes no character
        step = _literal_step(op, av)
        if step is None:
            return out, False  # what comes so far is still a prefix of every match
        strings, complete = step
        out = {a + b for a in out for b in strings}
        if len(out) > _MAX_PREFIXES:
            raise _Unknown
        if not complete:
            return out, False
    return out, True


def _literal_step(op, av) -> tuple[set[str], bool] | None:
    """The literal strings one item of a sequence begins with (and whether it is exactly one of
    them), or None when it may begin with anything else."""
    if op is C.LITERAL:
        return {chr(av)}, True
    if op is C.IN and len(av) <= 16 and all(o is C.LITERAL for o, _ in av):
        return {chr(a) for _, a in av}, True
    if op is C.BRANCH:
        out: set[str] = set()
        complete = True
        for alt in av[1]:
            strings, done = _prefixes(alt.data)
            if "" in strings and not done:
                return None  # a branch that may begin with anything
            out |= strings
            complete = complete and done
        return out, complete
    if op is C.SUBPATTERN and not av[1] and not av[2]:
        strings, done = _prefixes(av[3].data)
        return None if "" in strings and not done else (strings, done)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        strings, _done = _prefixes(av[2].data)
        return None if "" in strings else (strings, False)
    return None


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
    """A compiled pattern that first looks for a literal every match contains (`needs`)
    and for a character its matches can begin with (`first`), and starts the real search
    there (or not at all). Same matches as the pattern."""

    __slots__ = ("rx", "first", "needs", "match")

    def __init__(self, rx: re.Pattern[str], first: re.Pattern[str] | None, needs: re.Pattern[str] | None = None):
        self.rx = rx
        self.first = first
        self.needs = needs
        self.match = rx.match  # no prefilter: a match at one place (kept here: called per hit)

    def _start(self, string: str, pos: int, endpos: int) -> int:
        """Where the real search may start, or -1 when there is no match."""
        if self.needs is not None and self.needs.search(string, pos, endpos) is None:
            return -1
        if self.first is None:
            return pos
        m = self.first.search(string, pos, endpos)
        return -1 if m is None else m.start()

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize, holding: bool = False):
        """`holding`: the caller knows string[pos:endpos] holds one of the needed literals (`search_holding`)."""
        # _start written out: this is called for every sentence by several rules
        if not holding and self.needs is not None and self.needs.search(string, pos, endpos) is None:
            return None
        if self.first is None:
            return self.rx.search(string, pos, endpos)
        # The pattern is tried only where a match can begin: `re` cannot skip ahead in it (else
        # there is no `first`) and would try the whole pattern at every position after the first
        # candidate (MOD-PLAN: ~600 instructions a character). Same leftmost match, as `matcher`.
        match_at = self.rx.match
        for c in self.first.finditer(string, pos, endpos):
            m = match_at(string, c.start(), endpos)
            if m is not None:
                return m
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize, holding: bool = False):
        """`holding`: as for `search`."""
        if not holding and self.needs is not None and self.needs.search(string, pos, endpos) is None:
            return iter(())
        if self.first is None:
            return self.rx.finditer(string, pos, endpos)
        return self._candidates(string, pos, endpos)  # only where a match can begin (as `search`)

    def _candidates(self, string: str, pos: int, endpos: int):
        next_candidate, match_at = self.first.search, self.rx.match
        while (c := next_candidate(string, pos, endpos)) is not None:
            m = match_at(string, c.start(), endpos)
            if m is None:
                pos = c.start() + 1
            else:
                yield m
                pos = m.end()  # a match is never empty (a pattern with a `first` class)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        start = self._start(string, pos, endpos)
        return [] if start < 0 else self.rx.findall(string, start, endpos)

    def may_match(self, string: str) -> bool:
        """False when no part of `string` can hold a match (none of the needed literals)."""
        return self.needs is None or self.needs.search(string) is not None

    def __getattr__(self, name: str):
        if name in Prefiltered.__slots__ or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.rx, name)  # match, sub, pattern, flags … as the pattern itself

    def __repr__(self) -> str:
        return f"Prefiltered({self.rx!r})"


class Alternatives(Prefiltered):
    """A Prefiltered alternation of patterns (「p1|p2|…」, a rule's patterns and words as rules.py joins
    them) that `re` tries at every position (no `first`), searched as the alternation of only those
    parts whose own needed literals stand in the string: a part that cannot match anywhere there
    changes no match of the alternation, at any position. VETO-ORGAN-NAME's 「…{2,20}领导小组办公室」
    begins at any clause and costs ~10 µs a sentence; the sentences it is asked of mostly name only an
    organ such as 生态环境局, which its other part, beginning with the names, finds at once."""

    __slots__ = ("parts", "_narrowed")

    def __init__(self, rx: re.Pattern[str], needs, parts: tuple[tuple[str, object], ...]):
        super().__init__(rx, None, needs)
        self.parts = parts  # (pattern, search for its needed literals or None) of each part, in order
        self._narrowed: dict[tuple[int, ...], object] = {}  # kept parts -> their alternation, prefiltered

    def _narrow(self, string: str, pos: int, endpos: int):
        """The alternation of the parts that can match in string[pos:endpos], or None when none can."""
        kept = tuple(k for k, (_, needs) in enumerate(self.parts)
                     if needs is None or needs.search(string, pos, endpos) is not None)
        if not kept:
            return None
        found = self._narrowed.get(kept)
        if found is None:  # (at most 2 ** len(parts) entries: a few parts each)
            rx = re.compile("|".join(self.parts[k][0] for k in kept), self.rx.flags)
            first = None if _skips_ahead(rx) else first_pattern(rx)
            # (no needed-literal prefilter: the kept parts' literals were just found)
            found = self._narrowed[kept] = rx if first is None else Prefiltered(rx, first)
        return found

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        rx = self._narrow(string, pos, endpos)
        return None if rx is None else rx.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        rx = self._narrow(string, pos, endpos)
        return iter(()) if rx is None else rx.finditer(string, pos, endpos)


def search_holding(rx, string: str):
    """`rx.search(string)` for a string known to hold one of the literals every match of `rx` needs (the
    report's one scan for them found one there: literal_gates.py), so that a Prefiltered pattern does not
    look for them again (a search of the sentence for a set of literals: ~5,000 instructions)."""
    return rx.search(string, holding=True) if type(rx) is Prefiltered else rx.search(string)


def finditer_holding(rx, string: str):
    """`rx.finditer(string)`, for a string as `search_holding` has it."""
    return rx.finditer(string, holding=True) if type(rx) is Prefiltered else rx.finditer(string)


_MAX_PARTS = 6  # an alternation of more parts is not narrowed (2 ** parts kept subsets at most)


def prefiltered(rx: re.Pattern[str], parts: list[str] | None = None):
    """`rx` with a needed-literal prefilter and a first-character prefilter when they can
    be stated (the latter only where `re` does not already skip ahead by itself: a
    pattern that begins with a literal or a set of literals), else `rx` itself.
    `parts`: the patterns `rx` joins with "|", in order (rules.py), to be narrowed down to
    those that can match in each string searched (`Alternatives`) where `re` cannot skip ahead."""
    first = None if _skips_ahead(rx) else first_pattern(rx)
    needs = literals_class(rx)
    # (no capturing group in `rx`: in a narrowed alternation a group would get another number)
    if first is None and parts is not None and 2 <= len(parts) <= _MAX_PARTS and not rx.groups:
        part_needs = tuple(_literal_search(required_literals(re.compile(p, rx.flags))) for p in parts)
        if any(n is not None for n in part_needs):
            return Alternatives(rx, needs, tuple(zip(parts, part_needs)))
    return rx if first is None and needs is None else Prefiltered(rx, first, needs)


def _literal_search(literals: frozenset[str] | None):
    """Something whose `search(string, pos, endpos)` is None exactly when none of `literals` stands
    in string[pos:endpos]; None for no literals."""
    if not literals:
        return None
    if 2 <= len(literals) <= _FEW_LITERALS:
        return AnyLiteral(sorted(literals))
    return re.compile(literal_alternation(literals))


@lru_cache(maxsize=1024)
def scout(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A pattern that `re` itself skips ahead in and that matches one character exactly where a
    match of `rx` begins, or None: `rx`'s first-character class, then a look-behind over that
    character holding a look-ahead for `rx` itself (「[C](?<=(?=rx)[C])」). As a `first` pattern it
    makes the candidate loops (`matcher`, `Prefiltered`) find each match with two calls: `re` skips
    to the class's characters in C and tries `rx` there, where the loop made a `match` call in
    Python at every one of them (SIG-DATE ~2x faster, SIG-QUANTITY ~10 %). Not for rules whose matches
    begin with one of a set of words (`first_literals`, SIG-ACT): their first characters are common,
    and the words' prefix tree finds fewer places."""
    if rx is None or first_literals(rx) is not None or rx.flags & re.VERBOSE:
        return None  # (in a verbose pattern a trailing comment would swallow the closing parentheses)
    first = first_class(rx)
    if first is None:
        return None
    try:
        return re.compile(f"{first.pattern}(?<=(?={rx.pattern}){first.pattern})", rx.flags)
    except (re.error, RecursionError, OverflowError):
        return None  # e.g. global flags inside the pattern, a group reference a look-behind refuses


def matcher(rx: re.Pattern[str], first: re.Pattern[str] | None):
    """A function (text, pos) -> the matches of rx.finditer(text, pos). Where `re` cannot
    skip ahead by itself, it tries `rx` only at the characters a match can begin with
    (`first`) instead of at every position: the same matches (leftmost first, each search
    going on from the end of the last match; a pattern with a `first` class never matches
    the empty string, and `rx.match(text, p)` sees the whole text, as the search does)."""
    if first is None or _skips_ahead(rx):
        return rx.finditer

    def candidates(text: str, pos: int = 0):
        next_candidate, match_at = first.search, rx.match
        while (c := next_candidate(text, pos)) is not None:
            m = match_at(text, c.start())
            if m is None:
                pos = c.start() + 1
            else:
                yield m
                pos = m.end()

    return candidates


@lru_cache(maxsize=1024)
def captured_scout(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """`scout(rx)` with the match of `rx` that its look-ahead finds kept as group 1 (「[C](?<=(?=(rx))[C])」),
    or None when `rx` has no scout. The look-ahead tries `rx` where `rx.match` would and keeps the same
    first match, so the scout's own search gives the match's span: one call per match, not two.
    (A scout exists only for patterns without group references, so group 1 is always this one.)"""
    if scout(rx) is None:
        return None
    first = first_class(rx).pattern
    try:
        return re.compile(f"{first}(?<=(?=({rx.pattern})){first})", rx.flags)
    except (re.error, RecursionError, OverflowError):
        return None


def span_finder(rx: re.Pattern[str], first: re.Pattern[str] | None):
    """A function (text, pos) -> the (start, end) of each match of rx.finditer(text, pos), in order:
    `matcher`'s matches as a list of spans (find_signals reads only where each signal stands). Where
    `first` is the scout of `rx`, the scout's search with the match captured (`captured_scout`) gives
    each span, instead of a search and then a `match` at the place it found."""
    if first is None or _skips_ahead(rx):
        finditer = rx.finditer
        return lambda text, pos=0: [m.span() for m in finditer(text, pos)]
    captured = captured_scout(rx) if first is scout(rx) else None
    if captured is None:
        return _candidate_spans(rx, first)
    search = captured.search

    def scouted(text: str, pos: int = 0) -> list[tuple[int, int]]:
        out = []
        while (c := search(text, pos)) is not None:
            span = c.span(1)
            out.append(span)
            pos = span[1]  # (never empty: a pattern with a scout has a first class)
        return out

    return scouted


def _candidate_spans(rx: re.Pattern[str], first: re.Pattern[str]):
    """span_finder for a `first` that is not a scout (a set of leading words, SIG-ACT's): `matcher`'s
    loop, collecting spans (a list made here, not by a comprehension over the generator: one frame per
    sentence instead of three, ~140 sentences per report)."""
    next_candidate, match_at = first.search, rx.match

    def spans(text: str, pos: int = 0) -> list[tuple[int, int]]:
        out = []
        while (c := next_candidate(text, pos)) is not None:
            start = c.start()
            m = match_at(text, start)
            if m is None:
                pos = start + 1
            else:
                out.append(m.span())
                pos = m.end()
        return out

    return spans


def may_match(rx, string: str) -> bool:
    """False when `rx` (a pattern or Prefiltered) certainly has no match in `string`
    or any part of it."""
    return rx.may_match(string) if isinstance(rx, Prefiltered) else True


# --------------------------------------------------------------------------- needed literals

_MAX_LITERALS = 64  # a larger set is not worth searching for


@lru_cache(maxsize=1024)
def literals_class(rx: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """One pattern matching any of `required_literals(rx)`, or None. None too when `rx` is
    itself only literals (VETO-TRAINING's 「培训|讲座|…」): looking for them first would be
    the same search twice."""
    literals = required_literals(rx)
    if not literals or _only_literals(rx):
        return None
    return _literal_search(literals)


_FEW_LITERALS = 3  # up to this many, each is looked for with str.find (AnyLiteral)


class AnyLiteral:
    """`search` as a pattern of a few literals has it, answering only whether one stands in
    string[pos:endpos] (None when none does), with a str.find per literal: `re` tries an
    alternation at every character (~20 µs for the 3,000 characters DOC-BODY-LOOKALIKE reads for
    「《报告》|主持」), str.find skips through. (One literal is a pattern: `re` skips to it by itself.)"""

    __slots__ = ("words", "pattern")

    def __init__(self, words: list[str]):
        self.words = tuple(words)
        self.pattern = literal_alternation(words)  # (what it stands for, as shown)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool | None:
        for word in self.words:
            if string.find(word, pos, endpos) != -1:
                return True
        return None

    def __repr__(self) -> str:
        return f"AnyLiteral({self.words!r})"


def _only_literals(rx: re.Pattern[str]) -> bool:
    """Whether every match of `rx` is one of a set of literal strings (alternations of
    literals, which the parser may regroup into classes and shared prefixes)."""
    try:
        return _literal_items(_parsed(rx.pattern, rx.flags).data)
    except (re.error, RecursionError):
        return False


def _literal_items(items) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            continue
        if op is C.BRANCH and all(_literal_items(alt.data) for alt in av[1]):
            continue
        if op is C.IN and all(o is C.LITERAL for o, _ in av):
            continue
        if op is C.SUBPATTERN and not av[1] and not av[2] and _literal_items(av[3].data):
            continue
        return False
    return True


def required_literals(rx: re.Pattern[str] | None) -> frozenset[str] | None:
    """Literal strings one of which every match of `rx` contains, or None when no such
    set can be stated (the pattern's parse tree is read: a run of literal characters is
    one required string, an alternation needs one of its branches' sets, a group or a
    repeat of at least once needs its content's; classes, "." and look-arounds need nothing)."""
    if rx is None or not isinstance(rx.pattern, str) or rx.flags & re.IGNORECASE:
        return None
    try:
        found = _needed(_parsed(rx.pattern, rx.flags).data)
    except (_Unknown, re.error, RecursionError):
        return None
    return frozenset(found) if found else None


def _selective(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more useful of two sets that are both needed: longer shortest literal, then fewer."""
    if a is None or b is None:
        return a if b is None else b
    return a if (-min(map(len, a)), len(a)) <= (-min(map(len, b)), len(b)) else b


def _needed(items) -> set[str] | None:
    """A set of literals one of which every match of the sequence contains, or None."""
    best, run = None, ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            best, run = _selective(best, {run}), ""
        best = _selective(best, _needed_one(op, av))
    return _selective(best, {run}) if run else best


def _needed_one(op, av) -> set[str] | None:
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            found = _needed(alt.data)
            if not found:
                return None  # a branch that needs nothing: the alternation needs nothing
            out |= found
        return out if len(out) <= _MAX_LITERALS else None
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _needed(sub.data)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _hi, sub = av
        return _needed(sub.data) if lo >= 1 else None
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _needed(av.data)
    return None  # classes, ".", look-arounds, anchors, back-references: nothing needed from them


@lru_cache(maxsize=1024)
def _skips_ahead(rx: re.Pattern[str]) -> bool:
    """Whether `re` compiled a literal prefix or a first-character set for `rx` (the
    same test as re's own compiler; internal API, so: assume not when it changes), or
    `rx` begins with a `^` that only the string's start meets: `re` tries it there alone
    (VETO-FORMULA's 「^(?:从而|进而|…)?(?:增强|提升|…)…」, where the candidate loop tried it at
    every 增/提/从 … of the clause)."""
    try:
        from re import _compiler as K  # Python 3.11+

        parsed = _parsed(rx.pattern, rx.flags)
        prefix, _skip, _all = K._get_literal_prefix(parsed, rx.flags)
        return bool(prefix) or bool(K._get_charset_prefix(parsed, rx.flags)) or _anchored(parsed, rx.flags)
    except Exception:  # noqa: BLE001 - an optimisation only
        return False


def _anchored(parsed, flags: int) -> bool:
    """Whether the parsed pattern's first item is `^` (or `\\A`) without MULTILINE: `re` gives up a
    search when a match at the first place tried fails (sre's search, "general case")."""
    if flags & re.MULTILINE or not parsed.data:
        return False
    op, av = parsed.data[0]
    return op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)
