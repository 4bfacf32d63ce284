"""What a report says about itself: title, covered year, publication date, issuer.

`extract_meta(raw_text, clean_text)` reads the cleaned report text for the title,
the opening paragraph, the addressee line and the signature, and the raw page text
(web chrome still in it) for the page's publication date. Every rule is one a legal
officer would state; nothing here knows about particular reports.

`looks_like_report(clean_text)` says whether a text is plausibly a 法治政府建设
report at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from scorer.analysis.issuer_words import DIRECT_CITIES, issuer_words
from scorer.analysis.near_literal import finditer_near
from scorer.analysis.phrase_index import find_spans
from scorer.checklist.prefilter import Prefiltered
from scorer.models import DocumentMeta, JurisdictionKind

CJK = "\u4e00-\u9fff"
SENTENCE_END = "。！？!?；;"
MAX_TITLE_LEN = 60
TOP_LINES = 30  # the title, addressee and opening sit before the first heading, within these
OPENING_CHARS = 800
# Patterns asked of every line or candidate name, compiled here: `re.search(r"…", s)` looks the pattern
# up in re's cache on every call (~0.6 µs, often more than the search itself)
_BREADCRUMB = re.compile(r"当前位置|您的位置|你的位置|首页\s*[>›»＞/]")
_CELL_BAR = re.compile(r"[|｜]")
# a joint zone's name holds a hyphen between its partners (广西-东盟经济技术开发区, 中国-马来西亚钦州产业园区)
NAME_RUN = rf"[{CJK}][{CJK}\-]"  # (a plain class: a name ending in "-" ends in no place or zone word)
_CJK_NAME = re.compile(rf"{NAME_RUN}{{1,19}}")
_NOT_IN_PLACE = re.compile(r"[的了和与及在对是将委各到]")
# 中共青溪县委(员会): a place's party committee; stripped before a department's name, and, standing alone
# (中共梧州市委员会 梧州市人民政府关于……的报告), the place itself reporting with its government
_PARTY_COMMITTEE = re.compile(rf"^中共(?P<place>(?:(?!委)[{CJK}]){{2,12}}?)委(?:员会)?")
_FORMER_OR_STATE = re.compile(r"^(?:原|中华人民共和国)+")
_JOINT_PLACE = re.compile(rf"(?P<a>[{CJK}]{{2,20}})[（(](?P<b>[{CJK}]{{2,20}})[)）]")
_DEFERS = re.compile(r"在|按照|根据|遵照|落实")
_TRAILING_BRACKET = re.compile(r"[（(][^（()）]*[)）]$")

HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十\d]{1,3}[章节部分条])"
)
SUBJECT_RE = re.compile(r"法治政府建设|法治政府|依法行政|法治建设")
TITLE_KIND_RE = re.compile(r"报告|情况|总结")
TITLE_LABEL_RE = re.compile(r"^(?:标\s*题|题\s*名|名\s*称)\s*[:：]?\s*")

# --------------------------------------------------------------------------- dates

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "[〇○零OＯ一二三四五六七八九]{4}"  # 二O二一: typists often use the letter O
_CN_SMALL = "[一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?)"
    rf"|(?P<cy>{_CN_YEAR})年(?P<cm>{_CN_SMALL})月(?P<cd>{_CN_SMALL})日"
)
# Page labels for the publication date, best first. 日期/时间 alone need a colon.
PUBLISHED_LABELS = [
    ("发布日期", 0), ("发布时间", 0), ("公开日期", 1), ("发布于", 1), ("更新日期", 2),
    ("更新时间", 2), ("发文日期", 3), ("成文日期", 4),
]
_LABEL_ALT = "|".join(r"\s*".join(label) for label, _ in PUBLISHED_LABELS)
PUBLISHED_RE = re.compile(
    rf"(?:(?P<label>{_LABEL_ALT})\s*[:：]?|(?P<weak>日\s*期|时\s*间)\s*[:：])\s*(?P<date>"
    + DATE_RE.pattern + ")"
)
LABEL_RANK = {label: rank for label, rank in PUBLISHED_LABELS}


def _cn_number(s: str) -> int:
    """二十一 -> 21, 十二 -> 12, 三 -> 3."""
    if "十" not in s:
        return CN_DIGITS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def date_from_match(m: re.Match[str]) -> dt.date | None:
    """The calendar date of a DATE_RE match, or None when it is not a real date."""
    try:
        if m.group("cy"):
            year = int("".join(str(CN_DIGITS[c]) for c in m.group("cy")))
            date = dt.date(year, _cn_number(m.group("cm")), _cn_number(m.group("cd")))
        else:
            month, day = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
            date = dt.date(int(m.group("y")), int(month), int(day))
    except (ValueError, KeyError):
        return None
    return date if 1990 <= date.year <= 2100 else None


def parse_date(text: str) -> dt.date | None:
    """The first real date written in `text`."""
    for m in DATE_RE.finditer(text):
        found = date_from_match(m)
        if found:
            return found
    return None


def _page_published(raw_lines: list[str]) -> dt.date | None:
    """The page's own publication date from its info table or date line."""
    best: tuple[int, int, dt.date] | None = None
    for index, line in enumerate(raw_lines):
        if len(line) > 120:  # labels live on short chrome lines, not in paragraphs
            continue
        for m in PUBLISHED_RE.finditer(line):
            date = parse_date(m.group("date"))
            if date is None:
                continue
            label = re.sub(r"\s", "", m.group("label") or "")
            rank = LABEL_RANK.get(label, 5)
            if best is None or (rank, index) < best[:2]:
                best = (rank, index, date)
    return best[2] if best else None


# --------------------------------------------------------------------------- lines


def _stripped_lines(text: str) -> Iterator[str]:
    return (line.strip() for line in text.split("\n") if line.strip())


def _lines(text: str) -> list[str]:
    return list(_stripped_lines(text))


def _first_lines(text: str, n: int) -> list[str]:
    """The first n of `_lines(text)`, without stripping the lines after them."""
    return list(islice(_stripped_lines(text), n))


def _is_heading(line: str) -> bool:
    return bool(HEADING_RE.match(line))


def _top_lines(lines: list[str]) -> list[str]:
    """Lines before the first numbered heading, at most TOP_LINES of them."""
    top = []
    for line in lines[:TOP_LINES]:
        if _is_heading(line):
            break
        top.append(line)
    return top


# --------------------------------------------------------------------------- title


def looks_like_title(line: str) -> bool:
    """A short unnumbered line naming a 法治政府建设 report."""
    line = TITLE_LABEL_RE.sub("", line.strip())
    if not (6 <= len(line) <= MAX_TITLE_LEN) or _is_heading(line):
        return False
    if line[-1] in SENTENCE_END + "：:，,、" or "。" in line:
        return False
    if _BREADCRUMB.search(line):
        return False
    return bool(SUBJECT_RE.search(line) and TITLE_KIND_RE.search(line))


def _tidy_title(line: str) -> str:
    line = TITLE_LABEL_RE.sub("", line.strip())
    return line.strip("《》“”\"' ")


# (and its year, when the title breaks after it: 广东省人力资源和社会保障厅2017年度 / 法治政府建设情况报告)
ORGAN_LINE_RE = re.compile(
    rf"^[{CJK}（）()]{{2,30}}(?:人民政府|政府|管理委员会|管委会|局|厅|委员会|办公室)(?:\s*(?:19|20)\d\d\s*年度?)?$")


def find_title(text: str) -> str | None:
    """The report's title line among the first lines of `text`, or None.

    A title split as "XX市人民政府" / "关于……的报告" is joined back into one."""
    return _title_in(_top_lines(_first_lines(text, TOP_LINES)))[1]  # (_top_lines reads no more)


def _title_in(top: list[str]) -> tuple[int, str | None]:
    """(index, title) of the title among the top lines; (-1, None) if there is none."""
    for i, line in enumerate(top):
        if not looks_like_title(line) and i + 1 < len(top) and _title_goes_on(line, top[i + 1]):
            # a title broken over two lines (XX新区2025年法治政府建设 / 年度报告) is one title
            return i + 1, _tidy_title(line + top[i + 1])
        if looks_like_title(line):
            title = _tidy_title(line)
            # the issuer on its own line above a title that does not name it (枣庄市教育局 /
            # 2018年度法治政府建设情况报告)
            if i > 0 and ORGAN_LINE_RE.match(top[i - 1]) and (title.startswith("关于") or not _name_from_title(title)):
                title = top[i - 1] + title
            return i, title
    return -1, None


def _title_goes_on(line: str, after: str) -> bool:
    """Whether `after` ends the title `line` begins: `line` names the subject but not the kind
    of document, and the short `after` names only the kind (年度报告, 情况报告)."""
    return (len(after) <= 12 and not _is_heading(after) and SUBJECT_RE.search(line) is not None
            and not SUBJECT_RE.search(after) and looks_like_title(line + after))


_LEVEL_BODY = r"(?:中共)?(?:自治区|[省市县区州旗])(?:委|人民政府|政府|人大常委会|人民代表大会常务委员会|人大)"
LEVEL_ADDRESSEE_RE = re.compile(rf"^{_LEVEL_BODY}(?:[、，,]{_LEVEL_BODY})*\s*[:：]$")
ADDRESSEE_LINE_RE = re.compile(rf"^[{CJK}、]{{2,40}}\s*[:：][ \t　]*$", re.M)
# 省政府法制办： / 市委依法治市办： the office a department's report is sent to
ORGAN_ADDRESSEE_RE = re.compile(rf"^[{CJK}、]{{2,30}}(?:办|办公室|办公厅|局|厅)\s*[:：]$")


# An addressee the copy ran into the opening's first sentence (「海宁市委办公室、海宁市人民政府办公室: 2024年以来,……」)
ADDRESSEE_INLINE_RE = re.compile(
    rf"^(?P<head>[{CJK}、]{{2,40}}?\s*[:：])[ \t　]*(?P<rest>(?:(?:19|20)\d\d\s*年|今年以来|一年来)[^\n]*)$")


def _opening(lines: list[str]) -> tuple[str, tuple[int, str, str] | None]:
    """The text between the title (or the start) and the first heading, without the
    addressee line, and the addressee: where a report introduces itself."""
    top = _top_lines(lines)
    title_at, _ = _title_in(top)
    after_title = top[title_at + 1 :]
    if after_title and (inline := ADDRESSEE_INLINE_RE.match(after_title[0])):
        after_title = [inline["head"], inline["rest"], *after_title[1:]]
    addressee = _addressee(after_title)
    if addressee:
        after_title = after_title[addressee[0] + 1 :]
    elif after_title and (LEVEL_ADDRESSEE_RE.match(after_title[0]) or ORGAN_ADDRESSEE_RE.match(after_title[0])):
        after_title = after_title[1:]  # 县委、县政府： / 省政府法制办：: an addressee named by level or by office only
    return "\n".join(after_title)[:OPENING_CHARS], addressee


def _lead_sentence(lines: list[str]) -> str:
    """The first sentence under the first heading, when the report has no opening paragraph
    of its own (现将……报告如下 / 一、主要举措 / 2019年以来，XX局全面贯彻……)."""
    for i, line in enumerate(lines[:TOP_LINES]):
        if _is_heading(line):
            for after in lines[i + 1 : i + 4]:
                if not _is_heading(after) and len(after) >= 30:
                    return re.split(r"[。；;]", after, maxsplit=1)[0][:OPENING_CHARS]
            return ""
    return ""


def _title_from_info_table(raw_lines: list[str]) -> str | None:
    """The 标题 row of a page's info table, when the body has no title line."""
    for line in raw_lines:
        for cell in _CELL_BAR.split(line):  # a row of cells: | 标题:…… | |
            if TITLE_LABEL_RE.match(cell.strip()):
                candidate = _tidy_title(cell)
                if looks_like_title(candidate):
                    return candidate
    return None


# --------------------------------------------------------------------------- year

# A year, but not the end of a span like 2015-2020年 (the outline's period).
YEAR_RE = re.compile(rf"(?<![\d\-—–~～至到])(?P<y>(?:19|20)\d{{2}})\s*年|(?P<cy>{_CN_YEAR})年")
REPORT_ON_RE = re.compile(
    rf"现将.{{0,40}}?(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年.{{0,40}}?(?:报告|汇报|总结|通报)如下"
)


def _year_value(written: str) -> int | None:
    """2019 or 二〇一九 -> 2019."""
    if written.isdigit():
        return int(written)
    try:
        return int("".join(str(CN_DIGITS[c]) for c in written))
    except KeyError:
        return None


def _first_year(text: str) -> int | None:
    for m in YEAR_RE.finditer(text):
        year = _year_value(m.group("y") or m.group("cy"))
        if year and 1990 <= year <= 2100:
            return year
    return None


# --------------------------------------------------------------------------- places

PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
                  "省", "市", "州", "盟", "县", "旗", "区")
# The endings of zones' names are data: DOC-ISSUER-ZONES in checklists/rules.yaml.
GOV_ORGANS = ("人民政府", "管理委员会", "管委会", "政府")
DEPT_SUFFIXES = ("委员会", "办公室", "局", "厅")
# Stems that are pronouns or kinds of area, never a place of their own.
GENERIC_STEMS = {
    "上级", "各级", "本级", "同级", "相关", "有关", "所在", "城乡", "市辖", "辖", "街道", "乡镇", "镇街",
    "高新", "开发", "经开", "经济技术", "高新技术", "高新技术产业", "经济", "工业", "产业", "市区",
    "城区", "郊区", "社区", "园区", "景区", "片区", "校区", "地区", "新区", "全市", "全区", "全县",
    # quantities of bodies, not a body: 多数区政府和市政府委办局也先后成立……
    "多数", "少数", "部分", "大部分", "大多数", "多个", "所有", "其他", "其余",
}
GENERIC_FIRST = set("我全本该各其此每某")
# Verbs and adverbs that open a clause before a body's name (召开市政府常务会议, 多次主持……):
# no place name starts with them.
LEADING_VERB_RE = re.compile(
    r"^(?:召开|主持|组织|提请|报请|报送|协助|配合|推动|推进|落实|贯彻|完成|参加|出席|列席|提交|印发|制定|出台"
    r"|审议|依据|围绕|服务|助力|支持|接受|获得|荣获|获评|成功|积极|主动|认真|深入|及时|多次|先后|分别|共同"
    r"|联合|牵头|会同|召集|邀请|坚持|加强|开展|建立|健全|完善|提升|提高|强化|通过|指导|督促|配备|依法|根据|按照"
    r"|依照|遵照|对照|紧紧|紧密|紧扣|立足|聚焦|结合|面向|针对|对标|学习|借鉴|参照|参考|实现|促进|确保|保障|推行|解决|关于"
    r"|公布|发布|公开|下发|编制|设立|成立|组建|修订|审查|聘请|听取|要求|委托|授权|批准)"
)
PLACE_STOP_CHARS = set("年的了在和与及对由是为将向把经据于按照即从至或等并同给让被")
BARE_ZONES = ("开发区", "高新区", "经开区", "园区", "新区", "保税区")  # a zone may call itself just this


def _zone_words() -> tuple[str, ...]:
    return issuer_words().zone_words


@lru_cache(maxsize=8192)
def _zone_word(name: str) -> str | None:
    words = _zone_words()
    if not name.endswith(words):
        return None
    return next((w for w in words if name.endswith(w)), None)


def _stem(name: str) -> str:
    """The proper-name part: 扬州经济技术开发区 -> 扬州, 洪泽区 -> 洪泽."""
    word = _zone_word(name)
    if word:
        return name[: -len(word)]
    suffix = next((s for s in PLACE_SUFFIXES if name.endswith(s)), "")
    return name[: -len(suffix)] if suffix else name


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    """A proper place or zone name (洪泽区, 乐山高新区), not 我区/全区/高新区."""
    if not name or not _CJK_NAME.fullmatch(name):
        return False
    if not (_zone_word(name) or name.endswith(PLACE_SUFFIXES)):
        return False
    if "-" in name and not _zone_word(name):
        return False  # only a joint zone's name holds a hyphen (广西-东盟 is not a league)
    if len(name) > 2 and name[-2] == "全" and not _zone_word(name):
        return False  # 大力推进全省, 做好全市: 全省 is the whole province, not the end of a name
    stem = _stem(name)
    if len(stem) == 1 and name in issuer_words().short_counties:
        return True  # 赵县, 沛县: listed, since 全县 and 该县 have the same shape
    if len(stem) >= 2 and stem[0] in GENERIC_FIRST and name in issuer_words().pronoun_first_places:
        return True  # 全南县, 本溪市: listed, since 全县 and 本市 open the same way
    if len(stem) < 2 or stem in GENERIC_STEMS or stem[0] in GENERIC_FIRST or LEADING_VERB_RE.match(stem):
        return False
    # 委: 市委市政府 is two bodies, not a place; 各/到: 分解到各区 is a distribution, not a place
    return not _NOT_IN_PLACE.search(stem)


def is_generic_zone(name: str) -> bool:
    return name in _zone_words()


def _strip_organ(name: str) -> tuple[str, str]:
    """(place, organ): 淄博高新技术产业开发区管理委员会 -> (淄博高新技术产业开发区, 管理委员会)."""
    name = _PARTY_COMMITTEE.sub("", name)
    for organ in GOV_ORGANS:
        if name.endswith(organ) and len(name) > len(organ):
            return name[: -len(organ)], organ
    return name, ""


# How a government department names itself after its place: 司法局, 人力资源和社会保障局,
# 发展和改革委员会, 卫生健康委, 人民政府办公室, 金融办; a provincial one 司法厅.
DEPT_ENDINGS = ("委员会", "办公室", "局", "厅", "委", "办")
# The party's and the congress's own organs end the same way but are not government departments:
# 市委、县委办公室、纪委、政法委、党工委、人大常委会、依法治县办.
NOT_GOV_DEPT_RE = re.compile(
    r"^委|党|纪|工委|编委|常委|[省市县区州旗]委(?!员会)|人大|人民代表大会|政协|政治协商|依法治|管委会|管理委员会|街道"
    r"|领导小组|推进|全面"
    r"|(?:大|格|布|结|全|当|开|时|变|新|胜|终|残|僵|骗|饭|棋|赌)局$"  # 发展大局、工作格局: words, not bureaus
)
# The State Council's ministries and commissions and the national bodies that report on their
# own 法治政府建设 name themselves without a place (司法部, 生态环境部); 原环境保护部 is the body
# under its former name. The list is data: DOC-ISSUER-NATIONAL in checklists/rules.yaml.


def _national_body(name: str) -> str | None:
    """司法部 / 原环境保护部 / 中华人民共和国司法部 -> the body's name, else None."""
    name = _FORMER_OR_STATE.sub("", name.strip())
    return name if name in issuer_words().national_bodies else None


def _dept_part_ok(dept: str) -> bool:
    return (len(dept) >= 2 and dept.endswith(DEPT_ENDINGS) and dept[0] not in PLACE_STOP_CHARS
            and not NOT_GOV_DEPT_RE.search(dept))


def _join_department(place: str, dept: str) -> str:
    """place + department, without the level written twice: 元谋县 + 县卫生健康局 -> 元谋县卫生健康局
    (never for 市: 市场监督管理局 starts with 市)."""
    level = place[-1]
    if level in "县区省旗" and dept.startswith(level) and _dept_part_ok(dept[1:]) and not dept.startswith("区域"):
        dept = dept[1:]
    return place + dept


ZONE_COMMITTEE_DEPT_RE = re.compile(rf"(?P<zone>[{CJK}（）()]{{2,30}}?)(?:管理委员会|管委会)(?P<dept>[{CJK}]{{2,14}})")


def _department(name: str) -> str | None:
    """`name` when it is a department of a place (昆山市司法局) or of a zone that calls
    itself by its kind (高新区综治局), else None."""
    if not name.endswith(DEPT_ENDINGS) or name.endswith(("管委会", "管理委员会")):
        return None
    bare = next((z for z in BARE_ZONES if name.startswith(z)), None)
    if bare and _dept_part_ok(name[len(bare):]):
        return name
    # a bureau of a zone's management committee: 中国(上海)自由贸易试验区管理委员会保税区管理局
    m = ZONE_COMMITTEE_DEPT_RE.fullmatch(name)
    if m and _dept_part_ok(m["dept"]):
        zone = re.sub(r"[（(][^（）()]*[)）]", "", m["zone"])
        if _zone_word(zone) and is_place(zone):
            return name
    for i in range(2, len(name) - 1):
        place = name[:i]
        if is_place(place) and place.endswith(PLACE_SUFFIXES):
            dept = name[i:]
            return _join_department(place, dept) if _dept_part_ok(dept) else None
    return None


# A department that names only its level, or not even that (区卫生健康局, 市人力资源和社会保障局,
# 教育局2021年度……): a department all the same; the place comes from elsewhere when the text gives it.
BARE_DEPT = "bare_department"
BARE_DEPT_RE = re.compile(rf"^(?P<level>[省市县区州旗]?)(?P<dept>[{CJK}]{{2,14}})$")


def _bare_department(name: str) -> str | None:
    m = BARE_DEPT_RE.match(name.strip())
    if not m or not GENERIC_FIRST.isdisjoint(m["dept"]):
        return None  # 现将我局, 各局: a pronoun or a quantifier, not a department's name
    if not _dept_part_ok(m["dept"]) or ("政府" in m["dept"] and not m["dept"].endswith(("办公室", "办公厅", "办"))):
        return None
    if LEADING_VERB_RE.match(m["dept"]) or re.search("召开|组织|举办|开展", m["dept"]):
        return None  # 通过召开局党组会议: a clause, not a department's name
    if not m["level"] and (len(m["dept"]) < 3 or not m["dept"].endswith(("局", "厅", "委员会"))):
        return None
    return m["level"] + m["dept"]


# A township-level body: a street office (街道办事处, the district's agency for its streets) or a
# town's or township's government. JurisdictionKind has no township level; such a body reports
# like the county-level government it belongs to, so it is classed as county.
STREET_RE = re.compile(rf"^(?P<stem>[{CJK}]{{2,12}}?)(?P<org>街道办事处|街道办|街道|镇人民政府|乡人民政府|镇政府|乡政府)$")
GENERIC_STREET_STEMS = {"各", "全", "本", "我", "辖区", "乡镇", "镇", "城乡", "相关", "有关", "所在", "各乡镇"}
CLAUSE_IN_STEM_RE = re.compile(r"[的了和与及在对是将委]")  # a stem holding one of these is a clause, not a name
BARE_CLAUSE_IN_STEM_RE = re.compile(r"[的了和与及在对是将委各城]")  # and, for a bare 镇/乡, 各 and 城 (城镇)


def _proper_stem(stem: str, clause_rx: re.Pattern[str]) -> bool:
    """A street's or township's own name before its 街道/镇/乡: not a generic word (辖区, 各乡镇), not
    starting where no name starts (我, 年, 的 …), holding nothing of a clause (`clause_rx`)."""
    # 仁和镇, 太和镇: 和 ending a two-character name is part of it; it is "and" only after a level (县和镇)
    named_he = len(stem) == 2 and stem[1] == "和" and stem[0] not in "省市县区州旗乡镇村街"
    return not (stem in GENERIC_STREET_STEMS or stem[0] in GENERIC_FIRST or stem[0] in PLACE_STOP_CHARS
                or clause_rx.search(stem[0] if named_he else stem))


# A township written under its county (奉节县青龙镇, 鲤城区人民政府金龙街道办事处): a bare 镇 or 乡 is
# a township's name only after a county-level place, since alone it ends words too (城镇, 城乡).
TOWNSHIP_CHAIN_RE = re.compile(
    rf"^(?P<place>[{CJK}]{{2,12}}?[县区市旗])(?:人民政府)?(?P<stem>[{CJK}]{{2,4}}?)"
    rf"(?P<org>街道办事处|街道办|街道|镇人民政府|乡人民政府|镇政府|乡政府|镇|乡)$")


CHAIN_CLAUSE_IN_STEM_RE = re.compile(r"[的了和与及在对是将委各]")  # what a township's name under its county never holds

# A township named bare (有庆镇, 罗子山瑶族乡): a name only where the position says it is one (a title's
# head before the year, 现将庆隆镇2020年度……报告如下), since 镇 and 乡 alone end words too (城镇, 城乡).
BARE_TOWNSHIP_RE = re.compile(rf"^(?P<stem>[{CJK}]{{2,6}}?)(?:镇|乡)$")


# A street-level area some cities name 街 instead of 街道 (天津 海滨街): read only where a title opens with it
SHORT_STREET_RE = re.compile(rf"^(?P<stem>[{CJK}]{{2,4}}?)街$")


def _bare_township(name: str, shape: re.Pattern[str] = BARE_TOWNSHIP_RE) -> str | None:
    m = shape.match(name.strip())
    if not m:
        return None
    # (依法治街, 法治镇: the rule of law over a place, not a place's name)
    return m.group(0) if _proper_stem(m["stem"], BARE_CLAUSE_IN_STEM_RE) and "法" not in m["stem"] else None


def _street_office(name: str) -> str | None:
    """XX街道办事处 / XX街道办 / XX街道 / XX镇人民政府 -> the area (XX街道, XX镇), as a
    government is named by its place (洪泽区, not 洪泽区人民政府); else None."""
    chain = TOWNSHIP_CHAIN_RE.match(name.strip())
    if chain and is_place(chain["place"]):
        stem, org = chain["stem"], chain["org"]
        if org in ("镇", "乡"):  # 青龙镇: a proper name, not 各乡镇 or a clause
            town = stem + org if _proper_stem(stem, CHAIN_CLAUSE_IN_STEM_RE) else None
        else:
            town = _street_office(stem + org)  # 金龙街道办事处 -> 金龙街道
        if town:
            return chain["place"] + town
    m = STREET_RE.match(name.strip())
    if not m:
        return None
    stem, org = m.group("stem"), m.group("org")
    if not _proper_stem(stem, CLAUSE_IN_STEM_RE):
        return None
    return stem + ("街道" if org.startswith("街道") else org[0])


# 中共陕西省西咸新区工作委员会 / 陕西省西咸新区开发建设管理委员会: a zone's party working committee and its
# management committee run the zone; they are the zone, not departments
ZONE_COMMITTEE_RE = re.compile(rf"(?:中共)?(?P<zone>[{CJK}]{{2,30}}?)(?:开发建设|建设)?(?:工作委员会|党工委|管理委员会|管委会)")


def _committee_zone(name: str) -> str | None:
    """The zone a committee's full name stands for (中共江州新区工作委员会 -> 江州新区), else None."""
    m = ZONE_COMMITTEE_RE.fullmatch(name)
    return m["zone"] if m and is_place(m["zone"]) and _zone_word(m["zone"]) else None


def _organ_name(text: str) -> tuple[str, str] | None:
    """(name, organ) when `text` names an issuing body or place, else None."""
    text = text.strip()
    national = _national_body(text)
    if national:
        return national, "department"
    zone = _committee_zone(text)
    if zone:
        return zone, "管理委员会"
    street = _street_office(text)
    if street:
        return street, "street"
    party = _PARTY_COMMITTEE.fullmatch(text)
    if party:
        place = party["place"]
        if len(place) >= 3 and place[-1] == place[-2]:
            place = place[:-1]  # 中共浚县县委: the county 浚县, its committee 县委
        if is_place(place):
            return place, ""
    dept = _department(text)
    if dept:
        return dept, "department"
    bare = _bare_department(text)
    if bare:
        return bare, BARE_DEPT
    place, organ = _strip_organ(text)
    if is_place(place) or (organ and is_generic_zone(place)):
        return place, organ
    # 高新区（新市区）人民政府: a zone and the district it is run together with, as written
    joint = _JOINT_PLACE.fullmatch(place)
    if organ and joint and (is_place(joint["a"]) or is_generic_zone(joint["a"])) and is_place(joint["b"]):
        return place, organ
    return None


def _anchored_count(text: str, name: str) -> int:
    """How often `name` occurs where a name can start: after a non-CJK char, at the
    start of a line, or after a function character (在, 和, 的 ...)."""
    count = 0
    for start, _ in find_spans(text, name):
        before = text[start - 1] if start else "\n"
        if not "\u4e00" <= before <= "\u9fff" or before in PLACE_STOP_CHARS:  # (one character: as [{CJK}])
            count += 1
    return count


def _best_prefix(text: str, run: str, run_anchored: bool, proper_only: bool = False) -> str | None:
    """The name at the end of `run`, a stretch of CJK chars whose left edge is unknown
    (落实金坛区 + 政府): the ending that most often stands at a name boundary in the
    whole text. A proper name beats a bare 高新区."""
    scored = []
    for start in range(len(run) - 1):
        candidate = run[start:]
        # a place as places are named (列入省 + 政府 is no province: the run's left edge is a clause, not a name)
        acceptable = ((_zone_word(candidate) and is_place(candidate)) or _plausible_place(candidate)
                      or (not proper_only and is_generic_zone(candidate)))
        if candidate[0] in PLACE_STOP_CHARS or not acceptable:
            continue
        score = _anchored_count(text, candidate) + (1 if start == 0 and run_anchored else 0)
        if score:
            scored.append((is_place(candidate), score, len(candidate) if score > 1 else -len(candidate), candidate))
    return max(scored)[3] if scored else None


# --------------------------------------------------------------------------- issuer

SELF_ORGAN_RE = re.compile(rf"(?P<run>[{CJK}]{{2,20}}?)(?P<organ>人民政府|政府|管理委员会|管委会)")
# A department as the subject of the opening: 昆山市司法局坚持…… / ，昆山市司法局在……
DEPT_FOLLOWERS = ("坚持|高度|认真|紧紧|全面|深入|始终|按照|围绕|立足|聚焦|持续|积极|切实|以|在|扎实|着力|不断|严格"
                  "|进一步|大力|主动|充分|结合|根据|依法|紧扣|牢固|狠抓|党组|党委"
                  "|锚定|聚力|践行|贯彻|统筹|推动|推进|深化"  # 光明区政务服务和数据管理局锚定……总目标
                  "|法治政府建设工作|依法行政工作")  # 2019年，江门市农业农村局法治政府建设工作在……: its work is the subject
FOLLOWERS_RE = re.compile(DEPT_FOLLOWERS)  # .match(text, pos): as re.match(DEPT_FOLLOWERS, text[pos:]), no slice
# The department's own name may be long and hold 和 (人力资源和社会保障局, 发展和改革委员会).
DEPT_RE = re.compile(
    rf"(?P<run>[{CJK}]{{2,12}}?[省市县区州旗盟])(?P<dept>[{CJK}]{{1,14}}?(?:局|厅|委员会|办公室|委|办))"
    rf"(?=[^{CJK}]|{DEPT_FOLLOWERS})"
)
LEVEL_DEPT_RE = re.compile(
    rf"(?:^|(?<=[^{CJK}])|(?<=年)|(?<=现将))(?P<name>[省市县区州旗][{CJK}]{{2,14}}?(?:局|厅|委员会|办公室|委|办))"
    rf"(?=[^{CJK}]|{DEPT_FOLLOWERS})", re.M
)
ORGAN_ONLY_RE = re.compile(
    rf"(?:^|(?<=[^{CJK}])|(?<=年))(?P<name>[{CJK}]{{2,12}}?(?:局|厅|委员会))(?={DEPT_FOLLOWERS})", re.M
)
# A department's report calls itself 我局/本厅, or opens clauses with its own bodies (局党组……, 委主任会议……).
_SELF_BODIES = "党组|党委|领导班子|主任会议|主任办公会"
SELF_DEPT_RE = re.compile(r"[我本](?P<organ>局|厅|委|办)"
                          rf"|(?:^|(?<=[，,。；;：:\n]))(?P<organ2>局|厅|委)(?:{_SELF_BODIES})", re.M)
# It is searched in whole reports, and `re` cannot skip ahead in it (the look-behind comes first): it is
# tried only where a match can begin, at a 我/本 before an organ or an organ before one of its bodies, which
# `re` finds quickly (each alternative opens with a literal). Same matches (prefilter.Prefiltered).
SELF_DEPT_RE = Prefiltered(SELF_DEPT_RE, re.compile("|".join(
    [f"{c}(?=[局厅委办])" for c in "我本"] + [f"{c}(?={_SELF_BODIES})" for c in "局厅委"])))


@lru_cache(maxsize=4)
def _national_re(alternation: str) -> re.Pattern[str]:
    return re.compile(rf"(?:原|中华人民共和国)?(?P<name>{alternation})(?=[^{CJK}]|{DEPT_FOLLOWERS})")
STREET_OPEN_RE = re.compile(
    rf"(?P<run>[{CJK}]{{2,12}}?)(?P<org>街道办事处|街道党工委|街道办|街道|镇人民政府|乡人民政府|镇政府|乡政府)"
    rf"(?=[^{CJK}]|{DEPT_FOLLOWERS}|党工委|办事处)"
)
SUPERIOR_CLAUSE_RE = re.compile(r"领导下|指导下|关心下|支持下|部署|统一安排")
QUOTED_RE = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")
CLAUSE_START_RE = re.compile(rf"(?:^|(?<=[，,。；;：:\n])|(?<=\d年)(?!度))(?P<run>{NAME_RUN}{{3,19}})", re.M)
ADDRESSEE_RE = re.compile(rf"^(?P<name>[{CJK}、]{{2,40}}?)\s*[:：]$")
PRONOUN_SUFFIXES = "省市区县州旗局"


_SELF_PRONOUN_RE = re.compile(f"[我本]([{PRONOUN_SUFFIXES}])")


def _self_suffix(text: str) -> str | None:
    """The suffix the report uses for itself (我区/本区 -> 区), if clear."""
    # one scan for the 14 pronouns instead of a str.count each (ties go to the first suffix, as before)
    counts = Counter(dict.fromkeys(PRONOUN_SUFFIXES, 0))
    counts.update(_SELF_PRONOUN_RE.findall(text))
    suffix, n = counts.most_common(1)[0]
    return suffix if n >= 2 else None


def _names_superior(text: str, start: int, end: int) -> bool:
    """Whether the body at text[start:end] is the one the clause defers to:
    在XX市政府的正确领导下 / 按照XX市政府部署 (the issuer is the clause's subject)."""
    left = max(text.rfind(p, 0, start) for p in "，,。；;：:\n")
    rights = [i for i in (text.find(p, end) for p in "，,。；;\n") if i != -1]
    before, after = text[left + 1 : start], text[end : min(rights) if rights else len(text)]
    return bool(_DEFERS.search(before) and SUPERIOR_CLAUSE_RE.search(after))


def _starts_name(text: str, i: int) -> bool:
    return i == 0 or not "\u4e00" <= text[i - 1] <= "\u9fff" or text[i - 1] in PLACE_STOP_CHARS  # (as [{CJK}])


BYLINE_DATE_RE = re.compile(r"[ \t　]*(?:(?:19|20)\d\d年\d{1,2}月\d{1,2}日|(?:19|20)\d\d-\d{1,2}-\d{1,2})")


def _opening_references(opening: str, whole: str) -> list[tuple[str, str]]:
    """Bodies the opening names as itself: 金坛区政府, 乐山高新区管委会, 昆山市司法局."""
    masked = QUOTED_RE.sub(lambda m: "　" * len(m.group()), opening)  # titles of documents are not self
    found: list[tuple[int, str, str]] = []
    for m in SELF_ORGAN_RE.finditer(masked):
        if masked.startswith("办", m.end()):
            continue  # XX县人民政府办公室: the government's office, a department (below)
        name = _best_prefix(whole, m.group("run"), _starts_name(masked, m.start()))
        start = m.start("organ") - len(name or "")
        if name and not _names_superior(masked, start, m.end()):
            found.append((start, name, m.group("organ")))
    for m in DEPT_RE.finditer(masked):
        place = _best_prefix(whole, m.group("run"), _starts_name(masked, m.start()), proper_only=True)
        start = m.start("dept") - len(place or "")
        if place and _dept_part_ok(m.group("dept")) and not _names_superior(masked, start, m.end()):
            name = _join_department(place, m.group("dept"))
            zone = _committee_zone(name)
            if zone:
                found.append((start, zone, "管理委员会"))
            else:
                found.append((start, name, "department"))
    for m in _national_re(issuer_words().national_alt).finditer(masked):
        if _starts_name(masked, m.start()) and not _names_superior(masked, m.start(), m.end()):
            found.append((m.start(), m.group("name"), "department"))
    for m in STREET_OPEN_RE.finditer(masked):
        found.extend(_street_reference(masked, whole, m))
    calls_itself_dept = None  # 我局: a department's report (the whole text searched only when a name asks)
    for m in LEVEL_DEPT_RE.finditer(masked):
        name = _bare_department(m["name"])
        reported = masked[max(0, m.start() - 2) : m.start()] == "现将"  # 现将市人社局2021年……情况报告
        if BYLINE_DATE_RE.match(masked, m.end()):
            continue  # 市司法局 2021年03月19日: the page's byline (who posted it, when), not the report's subject
        if name and calls_itself_dept is None:
            calls_itself_dept = bool(SELF_DEPT_RE.search(whole))
        if name and (calls_itself_dept or reported or _first_subject(masked, m.start())) \
                and not _names_superior(masked, m.start(), m.end()):
            found.append((m.start(), name, BARE_DEPT))
    for m in ORGAN_ONLY_RE.finditer(masked):  # 2024年以来，教育局坚持……: a department naming only its organ
        name = _bare_department(m["name"])
        if name and _first_subject(masked, m.start()) \
                and not _names_superior(masked, m.start(), m.end()):
            found.append((m.start(), name, BARE_DEPT))
    found.extend(_province_subject(masked))
    found.sort()
    return [(name, organ) for _, name, organ in found] + _bare_subjects(masked, whole)


def _province_subject(masked: str) -> list[tuple[int, str, str]]:
    """A provincial-level name, full or short, as the subject of the first sentence
    (2021年，广东坚持……): the province itself, named in full (广东省)."""
    words = issuer_words()
    if words.province_rx is None:
        return []
    for m in words.province_rx.finditer(masked):
        # followed by what a subject does (坚持、深入、以……), not by more of a name (北京经开区)
        acts = FOLLOWERS_RE.match(masked, m.end()) is not None
        if acts and _starts_name(masked, m.start()) and _first_subject(masked, m.start()) \
                and not _names_superior(masked, m.start(), m.end()):
            return [(m.start(), words.provinces[m.group()], "")]
    return []


def _only_province(text: str) -> str | None:
    """The one provincial-level place the text names (江苏, 对江苏工作……), in full; None when it
    names none or several."""
    words = issuer_words()
    if words.province_rx is None:
        return None
    names = {words.provinces[m.group()] for m in words.province_rx.finditer(text[:LEVEL_SCAN_CHARS])}
    return next(iter(names)) if len(names) == 1 else None


def _street_reference(masked: str, whole: str, m: re.Match[str]) -> list[tuple[int, str, str]]:
    """A street office or town naming itself in the opening (，青溪街道办事处坚持……): the name
    starts where a name can start, preferring the spelling the whole text uses most."""
    run, org = m.group("run"), m.group("org")
    best: tuple[int, int, str] | None = None
    for start in range(len(run) - 1):
        if not (_starts_name(masked, m.start() + start)):
            continue
        name = _street_office(run[start:] + (org if not org.endswith("党工委") else "街道"))
        if not name:
            continue
        score = _anchored_count(whole, run[start:] + org[0])
        if best is None or score > best[0]:
            best = (score, m.start() + start, name)
    if best is None or _names_superior(masked, best[1], m.end()):
        return []
    return [(best[1], best[2], "street")]


YEAR_OPENS_RE = re.compile(rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR})\s*年|一年来|今年以来|过去一年")
LEADING_CLAUSE_RE = re.compile(r"^(?:\d{4}年(?:以来|度)?|一年来|今年以来|今年|本年度|过去一年)?(?:在.*下|(?:根据|按照|依据).*)?$")


def _first_subject(text: str, start: int, any_sentence: bool = False) -> bool:
    """Whether text[start:] opens the subject of the report's first sentence (of any
    sentence with `any_sentence`): nothing but a year and clauses naming those who lead
    or guide it come before (2025年，在市委的领导下，在省厅的指导下，市人力资源保障局坚持……)."""
    before = text[:start]
    if any_sentence:
        before = re.split(r"[。！？；;\n]", before)[-1]
    elif re.search(r"[。！？；;]", before):
        # a sentence opening with the year is the report's first after a preface (法治是……保证。2022年，……)
        before = re.split(r"[。！？；;]", before)[-1]
        if not YEAR_OPENS_RE.match(before.strip()):
            return False
    clauses = [c.strip() for c in re.split(r"[，,\n]", before)]
    return all(not c or LEADING_CLAUSE_RE.match(c) for c in clauses)


LOCAL_COMMITTEES_RE = re.compile(
    rf"(?:^|(?<=[^{CJK}])|(?<=年))(?P<name>[{CJK}]{{2,14}}?)(?:党委|党工委)、(?:镇|乡|街道)?"
    rf"(?P<organ>人民政府|政府|办事处|管委会|管理委员会)", re.M)
ZONE_OFFICE_RE = re.compile(r"(?:管委会|管理委员会)办公室")
SECTOR_RE = re.compile(rf"[{CJK}]{{0,8}}(?:系统|战线|行业)")  # 教育系统, 政法战线: a sector, not a body
SECTOR_OPENING_RE = re.compile(rf"(?:(?:19|20)\d\d年[^，,]{{0,6}}[，,])?[^，,。]{{0,12}}?(?:系统|战线)(?!的)")
SHORT_NAME_NOTE_RE = re.compile(r"[(（]以下简称[^()（）]{0,20}[)）]")


def _bare_subjects(opening: str, whole: str) -> list[tuple[str, str]]:
    """Place names opening a clause without an organ: ，洪泽区深入学习贯彻…… / ，开发区认真贯彻……
    Weak evidence, so the name must recur in the report and not start with a function word."""
    opening = SHORT_NAME_NOTE_RE.sub("", opening)  # 滨海湾新区(以下简称“新区”)始终坚持……: the note is not the clause
    found = []
    for m in LOCAL_COMMITTEES_RE.finditer(opening):  # 青溪镇党委、政府 / 江州高新区党工委、管委会 lead the sentence
        name = m["name"]
        town = _street_office(name) or (_street_office(name + "人民政府") if name.endswith(("镇", "乡")) else None)
        if town is None and m["organ"] == "办事处":  # 黄石街党工委、办事处: a street some cities name 街, run by its 办事处
            town = _bare_township(name, SHORT_STREET_RE)
        if _first_subject(opening, m.start()) and (town or is_place(name)):
            found.append((town, "street") if town else (name, m["organ"]))
            break
    for m in CLAUSE_START_RE.finditer(opening):
        run = m.group("run")
        for end in range(2, len(run)):
            name, following = run[:end], run[end]
            town = None
            if name.endswith(("镇", "乡")) and (whole.count(name) >= 2 or (  # (acting: asked only here)
                    FOLLOWERS_RE.match(run, end) is not None and _first_subject(opening, m.start()))):
                town = _street_office(name + "人民政府")  # 2022年，青溪镇深入贯彻……: a town names itself
            elif name.endswith("街") and FOLLOWERS_RE.match(run, end) is not None and _first_subject(opening, m.start()):
                town = _bare_township(name, SHORT_STREET_RE)  # 2020年，石门街以……为指导: a street some cities name 街
            if town and not _names_superior(opening, m.start(), m.start() + end):
                found.append((town, "street"))
                break
            # written twice, or once as the acting subject of the first sentence (2020年，延吉市坚持……)
            proper = (is_place(name) and not _zone_word(run[: end + 3]) and name[0] not in PLACE_STOP_CHARS
                      and (whole.count(name) >= 2 or (FOLLOWERS_RE.match(run, end) is not None
                                                      and _first_subject(opening, m.start()))))
            if not (proper or name in BARE_ZONES):
                continue
            if SECTOR_RE.match(run, end):
                break  # 上海市教育系统深入贯彻……: a sector of the place reports, not its government
            office = ZONE_OFFICE_RE.match(opening, m.start() + end)
            if office and not _names_superior(opening, m.start(), office.end()):
                found.append((name + office.group(0), "department"))  # 兰州新区管委会办公室: the zone's office
            elif following not in "委人政党" and not _names_superior(opening, m.start(), m.start() + end):
                found.append((name, ""))
            break
    return found


def _addressee(top: list[str]) -> tuple[int, str, str] | None:
    """(line index, place, kind of body) of an addressee line like 常州市人民政府："""
    for i, line in enumerate(top[:3]):
        m = ADDRESSEE_RE.match(line)
        if not m:
            continue
        names = re.split(r"[、]", m.group("name"))
        first = names[0]
        for organ, kind in (("人民代表大会常务委员会", "congress"), ("人大常委会", "congress"),
                            ("人民政府", "gov"), ("政府", "gov"), ("委员会", "party"), ("委", "party")):
            if first.endswith(organ):
                place = re.sub(r"^中共", "", first[: -len(organ)])
                if is_place(place):
                    if kind == "party" and any(n.endswith("政府") for n in names[1:]):
                        kind = "gov"  # 中共红河州委、红河州人民政府：the superior level's 党委 and 政府
                    return i, place, kind
    return None


def _name_from_title(title: str) -> tuple[str, str] | None:
    """The issuer named at the head of a title (XX区 / XX市人民政府关于 / 关于XX县……)."""
    head = re.sub(r"^关于", "", title)
    parts = re.split(rf"关于|(?:19|20)\d{{2}}\s*年度?|{_CN_YEAR}年度?|法治政府|依法行政|法治建设", head)
    for n_segment, segment in enumerate(parts[:2]):  # before the year, or between the year and the subject
        for piece in re.split(r"[\s、，,]+", segment.strip()):
            # a department's name may hold 和 (人力资源和社会保障局): try the whole piece first,
            # then its parts (中共青溪县委和青溪县人民政府)
            for part in [piece, *re.split(r"[和及与]", piece)]:
                part = re.sub(r"(?:的|年度|工作|发布|公布)$", "", part)
                found = _organ_name(part) if part else None
                if found:
                    return found
                alias = _TRAILING_BRACKET.search(part)
                found = _organ_name(part[: alias.start()]) if alias and alias.start() else None
                if found and found[1] == "department":
                    return part, "department"  # 金华市应急管理局(人防办): one department under two names, as written
                if part in _zone_words() and part.endswith(("开发区", "高新区", "经开区")):
                    return part, ""  # 经济开发区2024年度……: a zone naming itself by its kind
                if n_segment == 0 and len(parts) > 1 and part == piece and (
                        _bare_township(part) or _bare_township(part, SHORT_STREET_RE)):
                    return part, "street"  # 有庆镇2020年度……, 海滨街2020年……: the title's head before the year
    return None


def _signature(lines: list[str]) -> tuple[str | None, dt.date | None]:
    """The signing body and date at the end of the body (XX区人民政府 / 2019年3月20日)."""
    found, date = _signed(lines)
    return (found[0] if found else None), date


def _signed(lines: list[str]) -> tuple[tuple[str, str] | None, dt.date | None]:
    """((name, organ) of the signing body or None, date) at the end of the body."""
    tail = lines[-8:]
    for i in range(len(tail) - 1, -1, -1):
        m = DATE_RE.fullmatch(tail[i])
        if not m:
            continue
        date = date_from_match(m)
        found = None
        if i > 0 and len(tail[i - 1]) <= 30 and not re.search(f"[{SENTENCE_END}，,]", tail[i - 1]):
            found = _organ_name(tail[i - 1])
        return found, date
    return None, None


def _qualify(name: str, text: str, addressee: tuple[int, str, str] | None) -> tuple[str, str]:
    """Prefix a bare district/county with its city, as the text writes it (淮安市洪泽区),
    never from a superior addressee; name a bare 高新区 by the full zone name the
    text uses (淄博高新区). Returns (name, a note on where the prefix came from)."""
    if is_generic_zone(name):
        full = _zone_full_name(text, name)
        return (_zone_full_form(full, text), "全称据正文补全") if full else (name, "")
    if _zone_word(name):
        full = _zone_full_form(name, text)
        return (full, "全称据正文补全") if full != name else (name, "")
    bare_county = name.endswith(("区", "县", "旗")) and not _zone_word(name) and not re.search(r"[市州盟]", _stem(name))
    if not bare_county:
        return name, ""
    city = _city_written_before(name, text)
    if city:
        return city + name, "上级市名据正文补全"
    # A superior government addressed (江州市人民政府：) is the body reported to, not part of the
    # reporting body's name: the city is not added from it (tests/corpus/LABEL-CHANGES.md).
    return name, ""


def _city_written_before(name: str, text: str) -> str | None:
    """The city the text writes right before `name` (淮安市 in 淮安市洪泽区), preferring
    the spelling that most often starts at a name boundary."""
    best, best_score = None, 0
    # searched only near each occurrence of the name (near_literal.py: the same matches)
    for m in finditer_near(re.compile(rf"([{CJK}]{{2,9}}){re.escape(name)}"), text, name, before=9):
        run = m.group(1)
        for start in range(len(run) - 2, -1, -1):
            city = run[start:]
            if city[0] in PLACE_STOP_CHARS or not city.endswith(("市", "州", "盟")) or not is_place(city):
                continue
            score = _anchored_count(text, city + name)
            if score > best_score or (score == best_score and best and len(city) > len(best)):
                best, best_score = city, score
    return best


# The short forms a zone uses for itself and the full names they stand for.
ZONE_FULL_FORMS = {
    "高新区": ("高新技术产业开发区", "高新技术开发区"),
    "经开区": ("经济技术开发区", "经济开发区"),
    "开发区": ("经济技术开发区", "高新技术产业开发区", "经济开发区", "高新技术开发区"),
}


def _in_zone_list(text: str, name: str) -> bool:
    """Whether `name` stands in a list of zones joined by 、 (学习借鉴青溪新区、江州新区的经验): zones listed
    side by side are others the report learns from or ranks with, not the one reporting."""
    words = tuple(_zone_words())
    for a, b in find_spans(text, name):
        after, before = text[b:b + 1], text[max(0, a - 1):a]
        if after == "、" and re.match(rf"[{CJK}]{{2,12}}?(?:{'|'.join(words)})", text[b + 1:b + 20]):
            return True
        if before == "、" and text[:a - 1].endswith(words):
            return True
    return False


def _zone_full_name(text: str, bare: str | None = None) -> str | None:
    """The zone's proper name as the text writes it most often (淄博高新区), when its
    place part is also written as a city (淄博市) or the name recurs, or, for a zone that
    calls itself `bare` (经济开发区, 高新区), when it is the only zone of that kind the
    text names (宁河经济开发区, 江州高新技术产业开发区)."""
    counts: Counter[str] = Counter()
    words = "|".join(_zone_words())
    for m in re.finditer(rf"([{CJK}]{{2,4}}?)({words})", text):
        for start in range(len(m.group(1)) - 2, -1, -1):
            name = m.group(1)[start:] + m.group(2)
            if is_place(name) and name[0] not in PLACE_STOP_CHARS:
                counts[name] += 1
    for name, n in counts.most_common():
        if n >= 2 or _stem(name) + "市" in text:
            return name
    if bare:
        kinds = (bare, *ZONE_FULL_FORMS.get(bare, ()))
        # a park calling itself 园区 is a 工业园区 or 产业园区 by its full name
        of_kind = [name for name in counts if _zone_word(name) in kinds or _zone_word(name).endswith(bare)]
        # only names whose start is certain: opening a title (《苏州工业园区……方案》), where a body
        # writes its own name in full, else after punctuation or a function character (，两江新区……);
        # 发挥园区 is a verb before the bare word
        titled = [name for name in of_kind if any(_opens_own_title(text, a) for a, _ in find_spans(text, name))]
        listed = [name for name in of_kind if "、" in text and _in_zone_list(text, name)]
        of_kind = titled or [name for name in of_kind if any(_starts_name(text, a) for a, _ in find_spans(text, name))]
        # names that end alike are one zone (天津港保税区, 津港保税区): the longest is its name
        of_kind = [name for name in of_kind if not any(o != name and o.endswith(name) for o in of_kind)]
        if len({_stem(name) for name in of_kind}) == 1 and not (set(listed) - set(titled)):
            return max(of_kind, key=len)
    return None


def _zone_full_form(name: str, text: str) -> str:
    """A zone's short name spelt out as the text writes it: 天津开发区 -> 天津经济技术开发区
    when the text also writes that; otherwise `name`."""
    word = _zone_word(name)
    stem = name[: -len(word)] if word else ""
    if not stem:
        return name
    for full in ZONE_FULL_FORMS.get(word, ()):
        if stem + full in text:
            return stem + full
    return name


# A 市 that answers to a 州委/盟委/地委 (落实省委、州委部署) sits under a prefecture: county level.
SUPERIOR_PREFECTURE_RE = re.compile(rf"(?:^|(?<=[^{CJK}])|(?<=[、和及]))(?:州|盟|地)(?:委|人民政府|政府|行署)(?![{CJK}]?员)", re.M)


def _is_county_level_city(name: str, text: str, addressee: tuple[int, str, str] | None) -> bool:
    """A 市 on the rule book's list of county-level cities (义乌市), one the text writes under another city
    (苏州市昆山市), or one that reports to a city."""
    if not name.endswith("市") or name in DIRECT_CITIES:
        return False
    if name in issuer_words().county_cities or _city_written_before(name, text) \
            or SUPERIOR_PREFECTURE_RE.search(text[:LEVEL_SCAN_CHARS]):
        return True
    return bool(addressee and addressee[2] == "gov" and addressee[1].endswith(("市", "州", "盟"))
                and addressee[1] != name)


def _kind(name: str, organ: str, county_level_city: bool = False) -> JurisdictionKind:
    name = _TRAILING_BRACKET.sub("", name)  # 高新区（新市区）: the first name decides
    if organ == "street":
        return JurisdictionKind.county  # a township-level body: see STREET_RE
    if organ in ("管理委员会", "管委会") or _zone_word(name):
        return JurisdictionKind.development_zone
    if organ in ("department", BARE_DEPT) or (name.endswith(DEPT_SUFFIXES) and not name.endswith("管委会")):
        return JurisdictionKind.department
    if name.endswith(("省", "自治区", "特别行政区")) or name in DIRECT_CITIES:
        return JurisdictionKind.province
    if name.endswith("市") and county_level_city:
        return JurisdictionKind.county
    if name.endswith(("市", "州", "盟", "地区")):
        return JurisdictionKind.city
    if name.endswith(("区", "县", "旗", "林区", "特区")):
        return JurisdictionKind.county
    return JurisdictionKind.unknown


# A report that calls itself only by its level (现将省政府……报告如下 / ，市政府坚持…… / 我县……).
LEVEL_GOV_RE = re.compile(
    # 县委、县政府坚持……: the level's party committee and government together are the subject
    rf"(?:^|(?<=[^{CJK}])|(?<=年)|(?<=现将))(?P<level>自治区|省|市|州|县|区|旗)(?:委、(?P=level))?(?:人民)?政府(?![办常各党规])",
    re.M,
)
# 盟委、行署 (a league's party committee and its administrative office) or 地委、行署 (a prefecture's): the subject
# is the league or the prefecture, which has a 行政公署 where other levels have a 政府
LEAGUE_GOV_RE = re.compile(rf"(?:^|(?<=[^{CJK}]))(?P<level>盟|地)委、行署")
LEVEL_PRONOUN_RE = re.compile(r"[我本](?P<level>省|市|州|县|区|旗|盟|镇|乡)")
SELF_TOWN_RE = re.compile(r"[我本全](?P<level>镇|乡|街(?![道头巷区]))(?![镇村])")
WHOLE_LEVEL_RE = re.compile(r"全(?P<level>省|市|州|县|区|旗|盟)")
LEVEL_SCAN_CHARS = 20000
# Words that end like a place but name a kind of place: 经济大省, 文明城市, 示范县, 县级市.
KIND_OF_PLACE_RE = re.compile(r"(?:城市|[大强]省|[大强]市|[大强]县|示范[县市区]|试点[县市区]|先进[县市区]|贫困县"
                              r"|重点[县市区]|级市|辖市|辖区|兄弟[省县市区])$")


def _plausible_place(name: str) -> bool:
    """A place name as places are named: a stem of at most four characters (许昌市, 乌鲁木齐市),
    or an autonomous area named with its peoples (宁夏回族自治区)."""
    if not is_place(name) or _zone_word(name) or name[0] in PLACE_STOP_CHARS or KIND_OF_PLACE_RE.search(name):
        return False
    if name.endswith("自治区") and name not in issuer_words().provinces and "族" not in name:
        return False  # an autonomous region is named with its peoples (宁夏回族): 模范自治区 is a slogan
    if name.endswith("省") and len(name) > 4 and name not in issuer_words().provinces:
        return False  # a province's name is two or three characters (黑龙江省): 信用交通省 is a title
    stem = _stem(name)
    if len(stem) <= 4 or (name.endswith(("自治区", "自治州", "自治县", "自治旗")) and "族" in stem):
        return True
    # a place written under its superior (杭州市上城区, 湖北省随州市): each part a place of its own
    return any(name[i] in "省市州盟区" and _plausible_place(name[: i + 1]) and _plausible_place(name[i + 1:])
               for i in range(2, len(name) - 3))


def _self_level(opening: str, lead: str, whole: str) -> tuple[str, str] | None:
    """(level, how the report wrote it) when the report names itself only by its level:
    the subject of a sentence (，市政府坚持……) or what is reported on (现将省政府……报告如下).
    A report that calls itself 我局 is a department's, not a government's."""
    if SELF_DEPT_RE.search(whole):
        return None
    for text in (opening, lead):
        masked = QUOTED_RE.sub(lambda m: "　" * len(m.group()), text)
        for m in LEVEL_GOV_RE.finditer(masked):
            subject = masked[max(0, m.start() - 2) : m.start()] == "现将" or _first_subject(masked, m.start(), True)
            if subject and not _names_superior(masked, m.start(), m.end()):
                return m.group("level"), m.group(0)
        m = LEVEL_PRONOUN_RE.search(masked)
        if m:
            return m.group("level"), m.group(0)
        m = WHOLE_LEVEL_RE.search(masked)  # 2024年，全省各级政府坚持……: the subject is the whole province
        if m and _first_subject(masked, m.start()):
            return m.group("level"), m.group(0)
    suffix = _self_suffix(whole)
    if suffix and suffix != "局":
        return suffix, "我" + suffix
    whole_level = _whole_level(whole)
    if whole_level:
        return whole_level, "全" + whole_level
    # a township speaks of itself as 我镇/全镇 (I029: 「全镇法治政府建设工作……」「我镇把法治建设工作纳入……」)
    towns = Counter(m["level"] for m in SELF_TOWN_RE.finditer(whole[:LEVEL_SCAN_CHARS]))
    if len(towns) == 1:
        ((level, n),) = towns.items()
        if n >= 2:
            return level, "我" + level
    # (a league's or prefecture's report, opening or not: 一是全面履行责任。盟委、行署主要领导同志……;
    # the quotes are masked only in the few texts that write 委、行署 at all)
    head = whole[:OPENING_PLACE_CHARS * 3]
    if "委、行署" in head:
        head = QUOTED_RE.sub(lambda m: "　" * len(m.group()), head)
        m = next((m for m in LEAGUE_GOV_RE.finditer(head) if _first_subject(head, m.start(), True)), None)
        if m:
            return ("盟" if m["level"] == "盟" else "地区"), m.group(0)
    return None


def _whole_level(text: str) -> str | None:
    """The level a report speaks of as a whole (全市 ×2, 全县 never): a report that names its
    scope at one level only, and at least twice, is that level's own."""
    counts = Counter(m["level"] for m in WHOLE_LEVEL_RE.finditer(text[:LEVEL_SCAN_CHARS]))
    if len(counts) == 1:
        level, n = counts.most_common(1)[0]
        return level if n >= 2 else None
    return None


def _unnamed_kind(lines: list[str], clean_text: str) -> tuple[JurisdictionKind, str] | None:
    """(kind, how the report wrote it) of a report that writes no name for itself but says what
    it is: 我局 (a department), 我县/全县 (a county), 本市 (a city), 全省 (a province)."""
    m = SELF_DEPT_RE.search(clean_text)
    if m:
        return JurisdictionKind.department, m.group(0)
    opening, _ = _opening(lines)
    level = None if SECTOR_OPENING_RE.match(opening) else _self_level(opening, _lead_sentence(lines), clean_text)
    if not level:
        return None
    kind = {"省": JurisdictionKind.province, "自治区": JurisdictionKind.province, "州": JurisdictionKind.city,
            "县": JurisdictionKind.county, "旗": JurisdictionKind.county, "区": JurisdictionKind.county,
            # a township (我镇, 我乡) is labelled with the counties: the level below the county's is its own
            "镇": JurisdictionKind.county, "乡": JurisdictionKind.county}.get(level[0])
    if level[0] == "市":
        county_level = SUPERIOR_PREFECTURE_RE.search(clean_text[:LEVEL_SCAN_CHARS])
        kind = JurisdictionKind.county if county_level else JurisdictionKind.city
    if level[0] == "区" and ZONE_ORGAN_RE.search(clean_text[:LEVEL_SCAN_CHARS]):
        return None  # 我区 of a zone run by a 管委会/党工委, or of a county-level district: not told apart
    return (kind, level[1]) if kind else None


ZONE_ORGAN_RE = re.compile(r"管委会|管理委员会|党工委")


# (a title that opens with 关于 names its place right after it: 《关于武汉市党政主要负责人……》 is 武汉市's)
TITLE_HEAD_RE = re.compile(r"[《〈“\"「『]\s*(?:(?:19|20)\d{2}\s*年度?)?(?:关于)?$")


def _opens_own_title(text: str, pos: int) -> bool:
    """Whether a name at text[pos] opens the title of a document or a work the report
    names (《许昌市2024年度法治政府建设工作要点》, “包头市公共法律服务法治地图”,
    《2024年度霍邱县应急管理局学法计划》): where a body writes its own name in full."""
    return bool(TITLE_HEAD_RE.search(text[max(0, pos - 8) : pos]))


def _the_only(names: Counter[str]) -> str | None:
    """The one name among `names`, counting names that end alike (贵阳市开阳县, 开阳县) as
    one, spelt as the text writes it most often; None when there are none or several."""
    groups: list[set[str]] = []
    for name in sorted(names, key=len):
        group = next((g for g in groups if any(name.endswith(other) for other in g)), None)
        if group is None:
            groups.append({name})
        else:
            group.add(name)
    if len(groups) != 1:
        return None
    return max(groups[0], key=lambda n: (names[n], len(n)))


def _only_place_of_level(text: str, level: str) -> str | None:
    """The one place of `level` (省/市/县/区…) the text names, when it names exactly one
    (a 区 may be an 自治区; zones are not districts). Only names that open the title of a
    document or work (《许昌市2024年度法治政府建设工作要点》) are read: there a body writes its
    own name in full, and a name's start is certain (召开市…… is not a place). Names that end
    alike (贵阳市开阳县, 开阳县) are one place."""
    text = text[:LEVEL_SCAN_CHARS]
    names: Counter[str] = Counter()
    for _, end in find_spans(text, level):
        # (from two characters: a one-character county the rule book lists, 《陇县2019年……》)
        for start in range(max(0, end - 2), max(-1, end - 13), -1):
            name = text[start:end]
            if _opens_own_title(text, start) and _plausible_place(name):
                names[name] += 1
                break
    return _the_only(names)


# The shape of a township-level name by the level it calls itself (我镇, 我街): some cities name a street 街
TOWNSHIP_SHAPES = {"镇": BARE_TOWNSHIP_RE, "乡": BARE_TOWNSHIP_RE, "街": SHORT_STREET_RE}


def _only_township_named(text: str, shape: re.Pattern[str], level: str) -> str | None:
    """A report calling itself 我镇 that writes one township's name twice in its own work
    (「2022年增福镇组织开展……」「印制增福镇公共服务中心办事指南」): that township. A township's
    report names no other one as often; the name's start is where the occurrences agree."""
    text = text[:LEVEL_SCAN_CHARS]
    names: Counter[str] = Counter()
    for _, end in find_spans(text, level):
        for start in range(end - 3, max(-1, end - 6), -1):  # a stem of two to four characters
            name = text[start:end]
            if _bare_township(name, shape):
                names[name] += 1
    twice = [(n, name) for name, n in names.items() if n >= 2]
    if not twice:
        return None
    most = max(n for n, _ in twice)
    # the longest name every occurrence shares (下太镇, not 太镇; 在下太镇 is written once)
    best = sorted(name for n, name in twice if n == most)
    longest = max(best, key=len)
    return longest if all(longest.endswith(b) for b in best) else None


# overlapping matches: in 江州市应急管理局 the place may end at 州 or at 市
DEPT_NAMED_RE = re.compile(rf"(?=[省市县区州旗盟](?P<dept>[{CJK}]{{2,14}}?(?:局|厅|委员会|办公室|委)))")


# What a department calling itself 我局/我厅/我委/我办 is named with: a 局 is not a 办公室.
SELF_DEPT_ENDINGS = {"局": ("局",), "厅": ("厅",), "委": ("委员会", "委"), "办": ("办公室", "办")}


def _only_department(text: str) -> str | None:
    """The one department the text names in full, with its place (《2024年度霍邱县应急管理局
    学法计划》), when it names exactly one: the report's own, for a report that calls itself
    我局. Names that end alike are one department; only names of the kind the report calls
    itself are read (a 我局 report citing 《东莞市人民政府办公室关于……》 is still a 局's)."""
    text = text[:LEVEL_SCAN_CHARS]
    self_word = SELF_DEPT_RE.search(text)
    organ = self_word and (self_word["organ"] or self_word["organ2"])
    endings = SELF_DEPT_ENDINGS[organ] if organ else DEPT_ENDINGS
    names: Counter[str] = Counter()
    for m in DEPT_NAMED_RE.finditer(text):
        if not _dept_part_ok(m["dept"]) or not m["dept"].endswith(endings):
            continue
        end = m.start("dept")
        for start in range(max(0, end - 3), max(-1, end - 13), -1):
            place = text[start:end]
            if _opens_own_title(text, start) and _plausible_place(place):
                names[_join_department(place, m["dept"])] += 1
                break
    return _the_only(names)


def _bare_zone_self(text: str) -> str | None:
    """The kind of zone (新区, 园区, 高新区…) a report calls itself by, at least twice where a
    name starts (一、新区推进……；，新区党工委……), when it uses one kind only."""
    text = text[:LEVEL_SCAN_CHARS]
    counts: Counter[str] = Counter()
    for bare in BARE_ZONES:
        for start, end in find_spans(text, bare):
            # the bare word itself, not the end of a longer one (高新区 holds 新区, 工业园区 园区)
            longer = _zone_word(text[max(0, start - 4) : end]) != bare
            if _starts_name(text, start) and not longer:
                counts[bare] += 1
    if len(counts) != 1:
        return None
    bare, n = counts.most_common(1)[0]
    return bare if n >= 2 else None


PAGE_PUBLISHER_RE = re.compile(r"(?P<label>发\s*布\s*机\s*构|发\s*文\s*机\s*关|发\s*文\s*单\s*位|信\s*息\s*来\s*源|来\s*源)\s*[:：]\s*(?P<name>[^\s:：|｜]+)")


def _page_issuer(raw_lines: list[str]) -> tuple[str, str] | None:
    """(name, label) of the body the page's own info line names (来源：上海市闵行区人民政府,
    发布机构：…), when it is a body's name. A 来源 line names the publisher, who may have copied
    the text: it only completes the name the report gives itself (see _choose_issuer)."""
    for line in raw_lines[: TOP_LINES * 2]:
        if len(line) > 120:
            continue
        m = PAGE_PUBLISHER_RE.search(line) if ":" in line or "：" in line else None  # (every match has a colon)
        found = _organ_name(m.group("name")) if m else None
        if found:
            return found[0], re.sub(r"\s", "", m.group("label"))
    return None


def _department_in_full(text: str, bare: str) -> str | None:
    """The department a report that names only its level (市人力资源和社会保障局) writes in
    full elsewhere, with a place of that level (郑州市人力资源和社会保障局), when it writes one."""
    level, dept = bare[0], bare[1:]
    text = text[:LEVEL_SCAN_CHARS]
    names: Counter[str] = Counter()
    for found, _ in find_spans(text, bare):
        place = _place_ending_at(text, found + 1)
        if place:
            names[place + dept] += 1
    return _the_only(names)


def _place_ending_at(text: str, end: int) -> str | None:
    """The shortest place name (2-12 characters) that starts a name and ends at text[end - 1] (…郑州市|人力……)."""
    return next((text[start:end] for start in range(max(0, end - 3), max(-1, end - 13), -1)
                 if _plausible_place(text[start:end]) and _starts_name(text, start)), None)


def _abbreviates(short: str, full: str) -> bool:
    """Whether a department's short name keeps the full name's characters in order, first and last
    alike: 人社局 of 人力资源和社会保障局, 文广旅局 of 文化广播电视和旅游局."""
    if len(full) <= len(short) or full[0] != short[0] or full[-1] != short[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _department_spelled_out(text: str, bare: str) -> str | None:
    """The full name, with its place, of a department the report calls by its level and short name
    (市人社局): the one department of a place of that level the text spells out whose name the short
    one abbreviates (《汕头市人力资源和社会保障局2021年领导干部学法计划》)."""
    level, dept = bare[0], bare[1:]
    if len(dept) < 3:
        return None
    text = text[:LEVEL_SCAN_CHARS]
    names: Counter[str] = Counter()
    for found in re.finditer(re.escape(level + dept[0]), text):
        end = found.start() + 1
        place = _place_ending_at(text, end)
        if place is None:
            continue
        tail = text[end:end + 16]
        for close in (i for i, ch in enumerate(tail) if ch == dept[-1]):
            full = tail[:close + 1]
            if _abbreviates(dept, full) and _dept_part_ok(full):
                names[place + full] += 1
                break
    return _the_only(names)


OPENING_PLACE_CHARS = 600
# 现将湖北省2018年度推进法治政府建设情况报告如下 / 现将郑东新区2025年度……报告如下
REPORTED_PLACE_RE = re.compile(
    rf"现将(?P<name>[{CJK}]{{2,14}}?)(?:(?:19|20)\d{{2}}|{_CN_YEAR})\s*年度?[^。\n]{{0,30}}?(?:报告|汇报)如下")
# 2018年，湖北省委、省政府坚持……: the party committee and the government of one place lead the sentence
PLACE_COMMITTEES_RE = re.compile(
    rf"(?<![{CJK}])(?P<name>[{CJK}]{{2,12}}?(?:省|自治区|市|县|区|旗|州))委、(?:省|自治区|市|县|区|旗|州)(?:人民)?政府")


def _reported_place(opening: str) -> str | None:
    """The place a report names as what it reports on, or whose 委 and 政府 are the subject of
    its first sentence (after the year and the clauses naming who leads it)."""
    m = REPORTED_PLACE_RE.search(opening)
    if m and (is_place(m.group("name")) or _zone_word(m.group("name")) or _bare_township(m.group("name"))):
        return m.group("name")
    for m in PLACE_COMMITTEES_RE.finditer(opening):
        if is_place(m.group("name")) and _first_subject(opening, m.start("name")):
            return m.group("name")
    return None


# 现将《临沧市文化和旅游局2025年度法治政府建设情况报告》予以公布: the report's own title, quoted
OWN_TITLE_QUOTED_RE = re.compile(r"《(?P<title>[^《》]{4,60}?(?:法治政府建设|依法行政)[^《》]{0,16}(?:报告|情况))》")
# 龙华区投资促进服务中心（以下简称“中心”）……中心始终坚持……: the body defines the short name it reports under
DEFINED_NAME_RE = re.compile(rf"(?P<name>[{CJK}]{{4,30}})[(（]以下简称[“\"]?(?P<short>[{CJK}]{{1,8}})[”\"]?[)）]")


def _own_title_quoted(opening: str) -> tuple[str, str, str] | None:
    """(name, organ, source) from the report's own title quoted in the opening, when the
    page shows no title of its own."""
    for m in OWN_TITLE_QUOTED_RE.finditer(opening):
        found = _name_from_title(m["title"])
        if found and not is_generic_zone(found[0]):
            return (*found, "正文引用的报告标题")
    return None


def _defined_short_name(opening: str, whole: str) -> tuple[str, str, str] | None:
    """(name, organ, source) of the body the opening names in full and then calls by a short
    name it defines (以下简称“中心”), when the short name recurs as the report's subject."""
    for m in DEFINED_NAME_RE.finditer(opening):
        name = re.split(rf"[^{CJK}]", m["name"])[-1]
        name = re.sub(r"^(?:等要求|要求|精神|部署|规定)", "", name)
        short = m["short"]
        if len(name) < 4 or whole.count(short) < 3 or not _starts_name(opening, m.start("name") + len(m["name"]) - len(name)):
            continue
        found = _organ_name(name)
        if found:
            return (*found, f"正文（自称“{short}”，开头写明全称）")
        if re.search(r"[省市县区州旗]", name[:-2]) and name.endswith(("中心", "站", "所", "院", "馆")):
            return name, "department", f"正文（自称“{short}”，开头写明全称）"
    return None


def _choose_issuer(
    title: str | None, lines: list[str], raw_lines: list[str], clean_text: str
) -> tuple[str, JurisdictionKind, str] | None:
    """(name, kind, provenance) of the issuing body. Sources, strongest first: the
    title, the signature, the opening's self-references, the page's 发布机构, and an
    addressee of the same level (人大常委会/党委). A superior government addressee is
    the body reported to: it adds nothing to the issuer's name."""
    opening, addressee = _opening(lines)
    self_suffix = _self_suffix(clean_text)
    candidates: list[tuple[str, str, str]] = []
    if title:
        found = _name_from_title(title)
        if found:
            candidates.append((*found, "标题"))
    if not candidates:
        own = _own_title_quoted(opening) or _defined_short_name(opening, clean_text)
        if own:
            candidates.append(own)
    signer, _ = _signed(lines)
    if signer:  # the organ kept: 浙江省卫生健康委 signs as a department
        candidates.append((signer[0], signer[1] if signer[1] in ("department", "street") else "", "落款"))
    references = _opening_references(opening, clean_text)
    if not candidates and not references:
        references = _opening_references(_lead_sentence(lines), clean_text)
    for name, organ in references:
        if self_suffix and organ not in ("department", "street", BARE_DEPT) and not name.endswith(self_suffix) \
                and not _zone_word(name):
            continue  # the report calls itself 我区 but this is a 市: a superior body
        candidates.append((name, organ, "正文开头"))
    if not candidates:
        reported = _reported_place(opening) or _reported_place(clean_text[:OPENING_PLACE_CHARS])
        if reported:
            candidates.append((reported, "street" if _bare_township(reported) else "", "正文（现将……报告如下 / ××委、××政府）"))
    for line in raw_lines[:TOP_LINES * 2]:
        m = PAGE_PUBLISHER_RE.search(line) if ":" in line or "：" in line else None  # (every match has a colon)
        found = _organ_name(m.group("name")) if m and m.group("label").startswith("发") else None
        if found:
            candidates.append((*found, "页面发布机构"))
    if addressee and addressee[2] in ("congress", "party"):
        candidates.append((addressee[1], "", "抬头（主送机关）"))  # reports go to the same level's 人大/党委
    if not candidates and not SECTOR_OPENING_RE.match(opening):
        # (a sector reporting — 上海市教育系统深入贯彻……本市……的要求 — is not its place's government)
        level = _self_level(opening, _lead_sentence(lines), clean_text)
        only = _only_place_of_level(clean_text, level[0]) if level else None
        shape = TOWNSHIP_SHAPES.get(level[0]) if level else None
        if not only and shape is not None:
            only = _only_township_named(clean_text, shape, level[0])
        if only:
            organ = "street" if shape is not None and _bare_township(only, shape) else ""  # a township: county level
            candidates.append((only, organ, f"正文（自称“{level[1]}”，文中唯一的{level[0]}名）"))
        elif level and level[0] in ("省", "自治区", "市", "区"):
            # a province (全省/本省), a municipality (本市) or an autonomous region (全区) naming one
            # provincial-level place
            province = _only_province(clean_text)
            fits = {"市": province in DIRECT_CITIES, "区": bool(province) and province.endswith("自治区")}
            if province and fits.get(level[0], True):
                candidates.append((province, "", f"正文（自称“{level[1]}”，文中唯一的省级地名）"))
    if not candidates:
        # a zone that calls itself by its kind (新区党工委……, 结合新区实际) and names one zone
        # of that kind in full (两江新区): that zone
        bare = _bare_zone_self(clean_text)
        full = _zone_full_name(clean_text, bare) if bare else None
        if full:
            candidates.append((full, "", f"正文（自称“{bare}”，文中唯一写全的{bare}名）"))
    self_dept = SELF_DEPT_RE.search(clean_text) if not candidates else None
    if self_dept:
        only = _only_department(clean_text)
        if only:
            candidates.append((only, "department", "正文（自称“我局”，文中唯一写全的部门名）"))
        else:
            # 我局 opens the report and a later sentence's subject names the department by its
            # level (区司法局党委书记、局长率先垂范……): its place is completed below
            # (an addressee line, 省政府法制办：, is who the report goes to: blanked)
            head = ADDRESSEE_LINE_RE.sub(lambda m: "　" * len(m.group()), clean_text[:OPENING_PLACE_CHARS * 3])
            bare = next((name for m in LEVEL_DEPT_RE.finditer(head)
                         if _first_subject(head, m.start(), any_sentence=True)
                         and (name := _bare_department(m["name"]))), None)
            if bare:
                candidates.append((bare, BARE_DEPT, "正文（自称“我局”，句首的部门名）"))
        if not candidates:
            # 我厅 throughout and the page's 来源 line names one 厅 (来源:广东省公安厅): a copier's line would name
            # a government or a site, not a department of the organ the report calls itself by
            page = _page_issuer(raw_lines)
            organ = self_dept["organ"] or self_dept["organ2"]
            if page and _department(page[0]) and page[0].endswith(organ):
                candidates.append((page[0], "department", f"页面{page[1]}（自称“我{organ}”）"))
    proper = [c for c in candidates if not is_generic_zone(c[0]) and c[1] != BARE_DEPT]
    chosen = (proper or candidates or [None])[0]
    if chosen is None:
        return None
    name, organ, source = chosen
    bare = next((c for c in candidates if c[1] == BARE_DEPT), None)
    if source == "标题" and (organ in GOV_ORGANS or (organ == "" and is_place(name) and not _zone_word(name))) and not (
            bare and bare[0] in opening and _first_subject(opening, opening.find(bare[0]))):
        # 沈阳市人民政府关于……的报告 / 浙江省2021年法治政府建设情况: a 市司法局 or 省政府办公厅 byline is
        # who posted it, not who reports; but a
        # department acting as the opening's subject (2022年，市生态环境局坚持……) under a site's or
        # government's name above the title is the reporting body
        bare = None
    if bare and organ not in ("department", "street"):
        # the report is a department's (区司法局 …): the place names where it sits
        level = bare[0][0] if bare[0][0] in "省市县区州旗" else ""
        if level and is_place(name) and not _zone_word(name) and name.endswith(level):
            name, organ, source = name + bare[0][1:], "department", f"{bare[2]}（地名据{source}补全）"
        else:
            name, organ, source = bare
    if organ == "" and SELF_DEPT_RE.search(opening) and is_place(name) and not _zone_word(name):
        # 我局 reporting, a place named as its superior or in passing (在盐城市委……领导下，我局……):
        # the one department of that place the text writes in full is the reporting one
        depts: Counter[str] = Counter(
            _join_department(name, m["dept"])
            for m in re.finditer(re.escape(name) + rf"(?P<dept>[{CJK}]{{2,14}}?(?:局|厅|委员会|办公室))",
                                 clean_text[:LEVEL_SCAN_CHARS])
            if _dept_part_ok(m["dept"]))
        only = _the_only(depts)
        if only:
            name, organ, source = only, "department", f"{source}（自称“我局”，部门全称据正文）"
    if organ == BARE_DEPT and name[0] in "省市县区州旗":
        full = _department_in_full(clean_text, name)
        spelled = None if full else _department_spelled_out(clean_text, name)
        only = None if full or spelled else _only_place_of_level(clean_text, name[0])
        if full:
            name, source = full, f"{source}（全称据正文补全）"
        elif spelled:
            name, source = spelled, f"{source}（简称，全称据正文中写全的部门名补全）"
        elif only:
            name, source = only + name[1:], f"{source}（地名据正文中唯一的{name[0]}名补全）"
    page = _page_issuer(raw_lines)
    if page and page[0] != name and (
            page[0].endswith(name) or (_zone_word(name) and _zone_full_form(name, page[0]) == page[0])):
        # the page's 来源/发布机构 line names the same body with its place (闵行区 -> 上海市闵行区)
        # or spells out its short name (天津滨海高新区 -> 天津滨海高新技术产业开发区)
        name, source = page[0], f"{source}（全称据页面{page[1]}）"
    elif page and organ == BARE_DEPT and name[0] in "省市县区州旗" and _plausible_place(page[0]) \
            and page[0].endswith(name[0]):
        # 县卫生健康局 on a page whose 来源 is 青溪县人民政府: the department of that county
        name, source = _join_department(page[0], name[1:]), f"{source}（地名据页面{page[1]}补全）"
    qualified, note = _qualify(name, clean_text, addressee)
    if note:
        source = f"{source}（{note}）"
    return qualified, _kind(qualified, organ, _is_county_level_city(qualified, clean_text, addressee)), source


# --------------------------------------------------------------------------- entry points


def extract_meta(raw_text: str, clean_text: str) -> DocumentMeta:
    """Title, covered year, publication date and issuer of a report, with where each came from."""
    meta = DocumentMeta()
    lines, raw_lines = _lines(clean_text), _lines(raw_text)
    prov = meta.provenance

    meta.title = find_title(clean_text) or _title_from_info_table(raw_lines)
    if meta.title:
        prov["title"] = "标题"

    meta.published = _page_published(raw_lines)
    if meta.published:
        prov["published"] = "页面发布日期"
    else:
        _, signed = _signature(lines)
        if signed:
            meta.published, prov["published"] = signed, "正文末尾落款日期"

    meta.year, source = _covered_year(meta.title, lines, raw_lines, meta.published)
    if meta.year:
        prov["year"] = source

    issuer = _choose_issuer(meta.title, lines, raw_lines, clean_text)
    if issuer:
        name, meta.jurisdiction_kind, source = issuer
        name = re.sub(r"^中共(?=[{0}]{{2}})".format(CJK), "", name)  # the party committee's prefix is not the place's name
        meta.jurisdiction, prov["jurisdiction"] = name, source
        if meta.jurisdiction_kind != JurisdictionKind.unknown:
            prov["jurisdiction_kind"] = f"据名称“{name}”判断"
    else:
        unnamed = _unnamed_kind(lines, clean_text)
        if unnamed:  # no name written, but the report says what it is
            meta.jurisdiction_kind, written = unnamed
            prov["jurisdiction_kind"] = f"据自称“{written}”判断（文中未写名称）"
    return meta


FIRST_PART_YEAR_RE = re.compile(
    rf"(?<![\d\-—–~～至到])(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年度?(?:以来)?[^，,。；;]{{0,6}}(?:法治|依法行政|主要|工作)"
)
# A year the text speaks of as the one it accounts for: 2019年度, 2019年以来, 2019年，
PART_YEAR_RE = re.compile(rf"(?<![\d\-—–~～至到])(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年(?:度|以来|[，,])")
# The day a report was delivered at a session (——2022年8月30日在青溪县第十八届人民代表大会常务委员会
# 第五次会议上): when it was given, not the year it covers.
_DAY_OR_MONTH = r"[\d一二三四五六七八九十]{1,3}"
SESSION_DATE_RE = re.compile(
    rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR})\s*年\s*{_DAY_OR_MONTH}\s*月(?:\s*{_DAY_OR_MONTH}\s*日)?"
    rf"\s*在[^。\n]{{0,80}}?(?:会议|大会)上"
)


YEAR_SPAN_RE = re.compile(rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR})\s*年?\s*[-—–~～至到]\s*(?:(?:19|20)\d{{2}}|{_CN_YEAR})\s*年?")


def _covered_year(title: str | None, lines: list[str], raw_lines: list[str],
                  published: dt.date | None) -> tuple[int | None, str]:
    if title:
        year = _first_year(SESSION_DATE_RE.sub("", title))
        if year:
            retitled = _retitled_year(lines, year)
            if retitled:
                return retitled, "正文的标题和开头（与页面标题的年度不同）"
            return year, "标题"
    opening, _ = _opening(lines)
    opening = SESSION_DATE_RE.sub("", opening)
    m = REPORT_ON_RE.search(opening)
    year = _year_value(m.group("y")) if m else None
    if year:
        return year, "正文开头"
    paragraph = next((line for line in opening.split("\n") if len(line) >= 30), "")
    # a span of years (根据《浙江省法治政府建设实施纲要(2021年—2025年)》) is an outline's period, not the year reported on
    year = _first_year(YEAR_SPAN_RE.sub("", paragraph))
    if year:
        return year, "正文开头"
    heading = next((line for line in lines[:TOP_LINES] if _is_heading(line)), "")
    m = FIRST_PART_YEAR_RE.search(heading)
    if m:  # 一、2024年法治政府建设的主要举措和成效: the first part names the year reported on
        return _year_value(m.group("y")), "第一部分标题"
    first_part = next((i for i, line in enumerate(lines[:TOP_LINES]) if _is_heading(line)), None)
    if first_part is not None:  # 2019年度为全面推进法治政府建设……: the first year the first part speaks of
        part = QUOTED_RE.sub("", "\n".join(lines[first_part : first_part + 6]))
        m = PART_YEAR_RE.search(part)
        if m:
            return _year_value(m.group("y")), "第一部分正文"
    year = _trail_year(raw_lines)
    if year:
        return year, "页面导航（当前位置）中的年度报告栏目"
    if first_part is not None:  # 印发《2019年重庆市教育政策法治工作要点》: the plan the body issued for its year
        m = OWN_YEAR_PLAN_RE.search("\n".join(lines[first_part : first_part + 6]))
        if m:
            return _year_value(m.group("y")), "第一部分中本单位的年度工作要点或计划"
    if published and published.month <= 6:
        return published.year - 1, "页面发布日期推算（上半年发布，按上一年度）"
    return None, ""


RETITLE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?[^\n]{0,20}(?:法治政府建设|依法行政)[^\n]{0,12}(?:报告|总结|情况)\s*$")


def _retitled_year(lines: list[str], title_year: int) -> int | None:
    """The year of a report whose page title (县 2022 年法治政府建设工作总结, put there by the site that
    copied it) disagrees with the report's own title below it (县2019年法治政府建设工作总结) and its opening
    sentence (2019年，我县……): both of the report's own say 2019."""
    opening, _ = _opening(lines)
    own_title = next((m for line in opening.split("\n")[:3]
                      if len(line) <= HEAD_TITLE_CHARS and (m := RETITLE_RE.search(line))), None)
    if not own_title or int(own_title["y"]) == title_year:
        return None
    paragraph = next((line for line in opening.split("\n") if len(line) >= 30), "")
    return int(own_title["y"]) if paragraph.startswith(f"{own_title['y']}年") else None


# 您当前的位置: 首页> 政务公开> 法治政府建设年度报告 > 2022年度: the site files the page under the report
# series and one year, the page's text itself writes none
TRAIL_YEAR_RE = re.compile(r"(?:法治政府建设|依法行政)[^>›»＞\n]{0,12}(?:年度)?报告\s*[>›»＞/]\s*(?P<y>(?:19|20)\d{2})\s*年度?\s*$")


# (列入《2022年度党委理论学习中心组学习计划》: the year's study plan the body put its work into)
OWN_YEAR_PLAN_RE = re.compile(r"(?:印发|制定|出台|制发|下发|列入|纳入)(?:了)?《(?P<y>(?:19|20)\d{2})\s*年度?[^《》\n]{0,30}"
                              r"(?:工作要点|工作计划|工作安排|学习计划)》")


def _trail_year(raw_lines: list[str]) -> int | None:
    for line in raw_lines[:TOP_LINES]:
        if _BREADCRUMB.search(line):
            m = TRAIL_YEAR_RE.search(line)
            if m:
                return int(m.group("y"))
    return None


HEAD_LINES = 6  # the title, page chrome and first sentence: where a document says what it is
HEAD_TITLE_CHARS = 60  # a longer line is a paragraph: only its start is read
HEAD_LEAD_CHARS = 80
HEAD_TITLE_LEAD_CHARS = 120


HEAD_BLOCK_LINES = 3  # the title block: the short lines just above the first paragraph


# A site's navigation trail (您当前的位置：首页 > 政府信息公开 > 政府工作报告 > 高新区) names the sections of the
# site the page is filed under, not what the page is.
NAV_TRAIL_RE = re.compile(r"当前(?:的)?位置|您的位置|首页\s*[>＞»›]|[>＞»›][^>＞»›\n]{1,16}[>＞»›]")


def _head(clean_text: str, lead_chars: int = HEAD_LEAD_CHARS) -> str:
    """The title-like lines at the top and the start of the first paragraph. When page chrome
    fills the top lines, the title block above the first paragraph (title, 文号, addressee) is
    read too. A navigation trail on a line of its own is not read (a page whose text is one long line keeps it)."""
    # Only the first TOP_LINES kept lines are ever read, and past HEAD_LINES only when none of those is a
    # paragraph: kept lines are taken as needed (NAV_TRAIL_RE per line of 20,000 characters cost ~0.1 ms).
    kept = (line.strip() for line in clean_text.split("\n")
            if line.strip() and not (len(line.strip()) <= HEAD_TITLE_CHARS and NAV_TRAIL_RE.search(line)))
    lines = list(islice(kept, HEAD_LINES))
    out, lead_seen = [], False
    for line in lines:
        if len(line) <= HEAD_TITLE_CHARS:
            out.append(line)
        elif not lead_seen:
            out.append(line[:lead_chars])
            lead_seen = True
    if not lead_seen:
        lines += islice(kept, max(TOP_LINES - HEAD_LINES, 0))
        first = next((i for i, line in enumerate(lines[:TOP_LINES]) if len(line) > HEAD_TITLE_CHARS), None)
        if first is not None and first >= HEAD_LINES:
            out += [line for line in lines[max(HEAD_LINES, first - HEAD_BLOCK_LINES) : first]
                    if len(line) <= HEAD_TITLE_CHARS]
            out.append(lines[first][:lead_chars])
    return "\n".join(out)


# How an account of the year is laid out even when it names no year: 现将……汇报如下, 一、主要工作及成效,
# a first heading that is the outline's first chapter (一、依法全面履行政府职能: a body reporting item by item),
# the first part the 督察工作规定 asks of the report (一、党政主要负责人履行推进法治建设第一责任人职责情况), or the
# outlines' leadership chapter that most reports put first (一、加强党对法治政府建设的全面领导).
_OUTLINE_CHAPTER = r"\s*一、\s*(?:关于)?(?:依法)?(?:全面)?履行政府职能"
REPORT_SHAPE_RE = re.compile(rf"(?:报告|汇报)如下|(?:^|\n)\s*一、[^\n]{{0,16}}(?:举措|工作|做法|成效)|(?:^|\n){_OUTLINE_CHAPTER}"
                             r"|(?:^|\n)\s*一、[^\n]{0,20}第一责任人职责"
                             # a first part on pushing the body's own rule-of-law government forward (「一、深入学习践行
                             # 习近平法治思想,全力谋划推进我区法治政府建设」: a region's report whose year the opening never writes)
                             r"|(?:^|\n)\s*一、[^\n]{0,30}推进(?:我|本|全)[省市县区州盟旗镇乡局委厅][^\n]{0,6}法治政府(?:部门)?建设\s*(?:\n|$)"
                             r"|(?:^|\n)\s*一、[^\n]{0,12}(?:党的(?:全面)?领导|党对法治(?:政府)?建设的(?:全面)?领导)")
SPAN_YEAR_RE = re.compile(rf"(?:19|20)\d{{2}}|{_CN_YEAR}年")


def _period_reviewed(text: str, book) -> str | None:
    """The span of years a title reports on (2015-2020) when it names no single year: a
    multi-year review, not an annual report (DOC-PERIOD). Outlines cited in 《》 do not count."""
    if book.period_rx is None:
        return None
    title = find_title(text)
    if not title:
        return None
    bare = re.sub(r"《[^《》]*》", "", title)
    m = book.period_rx.search(bare)
    if not m or SPAN_YEAR_RE.search(book.period_rx.sub("", bare)):
        return None
    return m.group(0)


def _title_names_its_body(text: str) -> bool:
    """Whether the title names the reporting body itself (松阳县竹源乡人民政府……), not only its level or kind
    (区教育局……, 镇党委……)."""
    title = find_title(text)
    named = _name_from_title(title) if title else None
    return bool(named) and named[1] != BARE_DEPT and not is_generic_zone(named[0])


def _site_repost(rx: re.Pattern[str], head: str, sample: str, book) -> bool:
    """Whether a lookalike found only by a writing site's blurb (小编……供大家阅读参考) is a real report the
    site reposted: its text keeps its own named documents (《望谟县2017年政府法制工作要点》) and blanks no
    name (××, 某县, ____). DOC-SITE-REPOST."""
    if not book.repost_blurb_words or book.repost_own_name_rx is None:
        return False
    if any(m.group(0).strip() not in book.repost_blurb_words for m in rx.finditer(head)):
        return False  # 范文, 篇1, ×× …: a template's own marks
    body = sample[: book.repost_chars]
    return bool(book.repost_own_name_rx.search(body)) and not (
        book.repost_blank_rx is not None and book.repost_blank_rx.search(body))


def looks_like_report(clean_text: str, book=None) -> tuple[bool, str]:
    """(True, "") when the text reads like an annual 法治政府建设 report; else (False, Chinese reason).

    Rules DOC-REPORT, DOC-REPORT-TITLE and DOC-LOOKALIKE of checklists/rules.yaml: what the
    head of the document says it is decides first; the field's terms decide the rest."""
    from scorer.analysis.ingest import is_traditional, to_simplified
    from scorer.checklist.rules import rulebook

    book = book or rulebook()
    sample = clean_text[:20000]
    if is_traditional(sample[:4000]):
        sample = to_simplified(sample)
    # A document cited in the opening (按照《××实施方案》) is not what this document is.
    # (Cut out before the head is taken: the head may end inside a long title.)
    head = _head(re.sub(r"《[^《》\n]*》", "《》", sample))
    # "现将2021年法治政府建设情况报告如下" may stand further into the opening sentence.
    long_head = _head(sample, HEAD_TITLE_LEAD_CHARS)
    title_m = book.report_title_rx.search(long_head) if book.report_title_rx else None
    titled = title_m is not None
    # ... and the title names the year it reports on (「上海市交通委员会2019年法治政府建设年度报告」), on the same line
    titled_a_year = titled and bool(SPAN_YEAR_RE.search(
        long_head[long_head.rfind("\n", 0, title_m.start()) + 1:(long_head.find("\n", title_m.end()) + 1 or None)]))
    # A report's opening sentence "2021年，我区……" is weaker: it does not outweigh a lookalike's title.
    opens_a_year = bool(book.report_title_weak_rx and book.report_title_weak_rx.search(long_head))
    # what the document follows (紧紧围绕法治政府建设工作要点……) is not what it is
    cited = [m.span() for m in book.lookalike_cited_rx.finditer(head)] if book.lookalike_cited_rx else []

    def own(rx: re.Pattern[str]) -> re.Match[str] | None:
        return next((m for m in rx.finditer(head)
                     if not any(a <= m.start() and m.end() <= b for a, b in cited)), None)

    # a titled page that says the report follows in full (具体内容如下) is the report reprinted, news site or not;
    # so is one whose release line runs into the report's own opening, unless its title is a headline announcing
    # the release (陕西发布2025年法治政府建设情况): then what follows is a reporter's digest
    reprinted = titled and book.reprint_rx is not None and book.reprint_rx.search(head) is not None
    if titled and not reprinted and book.release_rx is not None and book.release_rx.search(head):
        before_title = long_head[long_head.rfind("\n", 0, title_m.start()) + 1:title_m.start()]
        reprinted = not (book.release_headline_rx is not None and book.release_headline_rx.search(before_title))
    for kind, rx in () if reprinted else book.lookalikes:
        m = own(rx)
        if m and not _site_repost(rx, head, sample, book):
            return False, f"开头显示这是{kind}（「{m.group(0).strip()[:20]}」），不是法治政府建设年度报告"
    m = book.placeholder_rx.search(sample[:book.placeholder_chars]) if book.placeholder_rx is not None else None
    if m is None and book.placeholder_figure_rx is not None:
        # figures starred out under a title that names the body (松阳县竹源乡人民政府2025年……): a copying site masked
        # the figures of a real report; under no name (2025年度镇党委……), a template
        m = book.placeholder_figure_rx.search(sample[:book.placeholder_chars])
        if m and _title_names_its_body(sample):
            m = None
    if m:
        return False, f"正文的名称或数字以“*”隐去（「{sample[max(0, m.start() - 6):m.end()].strip()}」），这是范文或模板，不是某地的法治政府建设年度报告"
    body = sample[:book.body_lookalike_chars]
    for kind, rx in book.body_lookalikes + ([] if titled_a_year else book.body_weak_lookalikes):
        m = rx.search(body)
        if m:
            return False, f"正文开头显示这是{kind}（「{m.group(0).strip()[:20]}」），不是法治政府建设年度报告"
    span = _period_reviewed(sample, book)
    if span:
        return False, f"标题写的是几年的时段（「{span.strip()}」），这是多年期的总结，不是法治政府建设年度报告"
    if not titled:
        for kind, rx in book.weak_lookalikes:
            m = own(rx)
            if m:
                return False, f"开头显示这是{kind}（「{m.group(0).strip()[:20]}」），不是法治政府建设年度报告"
    if (not titled and not opens_a_year and not SPAN_YEAR_RE.search(long_head)
            and not REPORT_SHAPE_RE.search(sample[:3000])):
        # An annual report says which year it reports on; a feature that names none ("奋力建设更高水平法治××") is not one.
        return False, "开头既没有年度报告的标题，也没有写明是哪一年的工作，不是法治政府建设年度报告"
    found, hits = [], 0
    for term in book.report_terms:  # (one pass per term: a term counted is a term found)
        n = sample.count(term)
        if n:
            found.append(term)
            hits += n
            if len(found) >= book.report_min_distinct and hits >= book.report_min_hits:
                return True, ""  # enough terms: the rest need not be counted (most reports stop after ~5 of 26)
    if len(found) >= book.report_min_distinct and hits >= book.report_min_hits:
        return True, ""
    # a page that opens with the report's shape reports part by part, as a titled report does: the outline's first
    # chapter, or its own first part on the year's work (「一、工作开展情况」: a reposted report cut above it)
    if (titled or opens_a_year or REPORT_SHAPE_RE.match(sample.lstrip())) and len(found) >= 2:
        return True, ""
    if not found:
        return False, "文中没有出现法治政府建设的相关术语"
    shown = "、".join(found[:5])
    return False, f"文中只出现了 {len(found)} 个法治政府建设相关术语（{shown}）"
