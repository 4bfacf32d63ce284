"""The names the issuer rules read, as data: DOC-ISSUER-* in checklists/rules.yaml.

Provincial-level names with the short forms reports use for themselves (广东 -> 广东省), the
State Council's ministries and national bodies, and the endings of development zones' names.
Legal staff edit them in the rule book; the metadata rules only read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.checklist.prefilter import literal_alternation

CJK = "\u4e00-\u9fff"
# The municipalities directly under the central government: a province and a city at once.
DIRECT_CITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


@dataclass(frozen=True)
class IssuerWords:
    provinces: dict[str, str]  # every written form (广东, 广东省) -> the full name
    province_rx: re.Pattern[str] | None  # any written form, longest first
    national_bodies: frozenset[str]
    national_alt: str  # regex alternation, longest first
    zone_words: tuple[str, ...]  # longest first
    short_counties: frozenset[str] = frozenset()  # 赵县: a one-character name, not 全县
    county_cities: frozenset[str] = frozenset()  # 义乌市: a 市 at county level
    pronoun_first_places: frozenset[str] = frozenset()  # 全南县, 本溪市: a real place opening like 全县/本市


_cache: dict[int, tuple[object, IssuerWords]] = {}


def issuer_words() -> IssuerWords:
    """The lists of the rule book in force (re-read when the book file changes)."""
    from scorer.checklist.rules import rulebook

    book = rulebook()
    hit = _cache.get(id(book))
    if hit is not None and hit[0] is book:
        return hit[1]
    specs = book.specs
    provinces: dict[str, str] = {}
    if (p := specs.get("DOC-ISSUER-PROVINCES")) is not None and p.enabled:
        for full, shorts in p.kinds.items():
            for form in (full, *shorts):
                provinces[form] = full
    forms = sorted(provinces, key=len, reverse=True)
    national = specs.get("DOC-ISSUER-NATIONAL")
    bodies = frozenset(national.words if national is not None and national.enabled else ())
    zones = specs.get("DOC-ISSUER-ZONES")
    zone_words = tuple(sorted(zones.words if zones is not None and zones.enabled else (), key=len, reverse=True))
    words = IssuerWords(
        provinces=provinces,
        # (prefix trees: the same matches as the forms longest first, tried a few at a place, not one by one)
        province_rx=re.compile(literal_alternation(forms)) if forms else None,
        national_bodies=bodies,
        national_alt=literal_alternation(bodies) or "(?!)",
        zone_words=zone_words,
        short_counties=frozenset(short.words if (short := specs.get("DOC-ISSUER-SHORT-COUNTIES")) is not None
                                 and short.enabled else ()),
        county_cities=frozenset(cities.words if (cities := specs.get("DOC-ISSUER-COUNTY-CITIES")) is not None
                                and cities.enabled else ()),
        pronoun_first_places=frozenset(firsts.words if (firsts := specs.get("DOC-ISSUER-PRONOUN-FIRST-PLACES")) is not None
                                       and firsts.enabled else ()),
    )
    _cache.clear()
    _cache[id(book)] = (book, words)
    return words
