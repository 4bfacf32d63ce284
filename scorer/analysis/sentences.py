"""Sentences of a report, each with its section and what kind of statement it is.

A legal officer reads a sentence for two things before asking what it is about:
is it something done this year, or a plan or an admitted shortcoming (modality);
and does it say anything concrete -- a figure, a document, a date, a completed act
-- or is it a slogan (signals). Both are decided here by rules stated in Chinese
terms, and both are reported back as reasons.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from scorer.models import Section, SectionKind

SENTENCE_RX = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
# A run longer than this without 。！？； is split, at a comma where there is one: a
# real sentence is shorter, and a 100,000-character "sentence" makes every later
# step (matching, signals, the quotes in a PDF) scale with its length.
MAX_SENTENCE_CHARS = 300

# --- concreteness signals -------------------------------------------------------------
QUANTITY = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?:%|％|个百分点|余?(?:件次|人次|户次|场次|批次|个工作日|万元|亿元|万人|万户|平方米|公里|千米)"
    r"|余?[件项名人次个家份条起场期户宗元部批卷篇所类天小时分钟亩吨台辆处座册套本间])"
)
CN_QUANTITY = re.compile(r"(?<![是第])[两二三四五六七八九十百千]+[余多]?(?:件|项|名|家|起|场|期|户|宗|批|卷|篇|次)(?!制度)")
DOCUMENT = re.compile(r"《[^《》\n]{2,80}》")
DATE = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|初|底|中旬|上旬|下旬)|\d{4}年\d{1,2}月|年(?:初|底|内)")
# Acts that are concrete by themselves ("聘请律师团队担任法律顾问").
CONCRETE_ACT = re.compile(
    r"出台|印发|制发|修订|聘请|聘任|召开|举办|成立|设立|组建|挂牌|签订|开通|上线|建成|公布|发布|下发|评选|表彰|通报|"
    r"移送|办结|审结|约谈|问责|撤销|废止|开展了|完成了|建立了|制定了|实现了|落实了|组织了|"
    r"已(?:经)?(?:完成|实现|建立|出台|制定|全部|基本)|累计|共计|共(?:有|收到|办理|受理|审查|处理|开展|组织|查处|检查)|截[至止]"
)
# --- modality -------------------------------------------------------------------------
PLAN = re.compile(
    r"^(?:下一步|下步|今后|明年|新的一年)|(?:我们|我区|我县|我市|全区|全县|全市|区政府|县政府|市政府|高新区|开发区|管委会|本单位)将|"
    r"(?:^|[，,])将(?:继续|进一步|持续|加快|全面|深入|着力|切实|不断|重点|大力|努力|积极|力争|加大|强化|推动|推进|深化|完善|健全|提升|做好|以)|"
    r"(?:^|[，,])拟|力争|计划(?:于|在|将)|正在(?:制定|起草|开发|研究|推进)|(?:制定|开发|研究)之中|尚处于"
)
SHORTCOMING = re.compile(
    r"有待|尚未|尚不|还不够|不够(?:有力|完善|健全|到位|深入|规范|高)|薄弱|欠缺|短板|差距|不到位|不平衡|不充分|参差不齐|"
    r"仍需|还需|亟需|亟待|滞后|不相适应|依旧|存在[^。；]{0,20}(?:问题|不足|现象)(?!的)|还存在|仍存在"
)

RESPONSE = re.compile(r"^(?:针对|为解决|为破解|为了解决|围绕解决)")


@dataclass
class Signal:
    kind: str  # quantity | document | date | act
    text: str

    @property
    def label(self) -> str:
        return {"quantity": "数据", "document": "文件", "date": "时间", "act": "具体行动"}[self.kind]


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    section: Section
    is_heading: bool  # the title part of a numbered heading line
    modality: str  # achievement | plan | shortcoming
    modality_reason: str
    signals: list[Signal] = field(default_factory=list)

    @property
    def concrete(self) -> bool:
        return bool(self.signals)


def find_signals(text: str) -> list[Signal]:
    out: list[Signal] = []
    for kind, rx in (("quantity", QUANTITY), ("quantity", CN_QUANTITY), ("document", DOCUMENT),
                     ("date", DATE), ("act", CONCRETE_ACT)):
        for m in rx.finditer(text):
            if kind == "document" and "纲要" in m.group(0):
                continue  # citing the outline itself says nothing about this year's work
            if kind == "quantity" and re.fullmatch(r"\d{4}年", m.group(0)):
                continue
            out.append(Signal(kind, m.group(0)))
    return out


def classify_modality(text: str, section: Section) -> tuple[str, str]:
    if section.kind == SectionKind.plans:
        return "plan", f"位于「{section.path or '导语'}」下步安排部分"
    m = PLAN.search(text)
    if m:
        return "plan", f"句中「{m.group(0).strip('，,')}」表示计划"
    if section.kind == SectionKind.shortcomings:
        return "shortcoming", f"位于「{section.path or '导语'}」问题与不足部分"
    m = SHORTCOMING.search(text)
    # "针对……存在的问题，开展……" answers a problem: that is an achievement.
    if m and not CONCRETE_ACT.search(text) and not RESPONSE.match(text):
        return "shortcoming", f"句中「{m.group(0)}」表示不足"
    return "achievement", ""


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    starts = [s.start for s in sections]
    heading_starts = {s.start: s.body_start for s in sections[1:]}
    out: list[Sentence] = []
    for m_start, raw in _bounded_pieces(text):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(body) < 2:
            continue
        start = m_start + lead
        end = start + len(body)
        section = _deepest(sections, starts, start)
        # A numbered heading line "（一）深化行政审批制度改革。……": the title is its own sentence.
        hb = heading_starts.get(start)
        if hb is not None and start < hb < end:
            pieces = [(start, hb, True), (hb, end, False)]
        else:
            pieces = [(start, end, hb is not None)]
        for ps, pe, is_heading in pieces:
            seg = text[ps:pe]
            strip_l = len(seg) - len(seg.lstrip("。；;，, "))
            ps += strip_l
            seg = text[ps:pe].rstrip()
            if len(seg) < 2:
                continue
            sec = _deepest(sections, starts, ps)
            modality, why = classify_modality(seg, sec)
            out.append(Sentence(ps, ps + len(seg), seg, sec, is_heading, modality, why, find_signals(seg)))
    return out


def _bounded_pieces(text: str):
    """(offset, text) of each SENTENCE_RX match, overlong ones cut at the last comma
    (，,、：:) before MAX_SENTENCE_CHARS, else at the limit."""
    for m in SENTENCE_RX.finditer(text):
        raw, pos = m.group(0), m.start()
        while len(raw) > MAX_SENTENCE_CHARS:
            cut = max(raw.rfind(c, MAX_SENTENCE_CHARS // 3, MAX_SENTENCE_CHARS) for c in "，,、：:")
            cut = cut + 1 if cut > 0 else MAX_SENTENCE_CHARS
            yield pos, raw[:cut]
            raw, pos = raw[cut:], pos + cut
        yield pos, raw


def _deepest(sections: list[Section], starts: list[int], offset: int) -> Section:
    i = bisect_right(starts, offset) - 1
    # Sections are in document order; the last one starting at or before the offset
    # that still contains it is the deepest.
    while i > 0 and not (sections[i].start <= offset < sections[i].end):
        i -= 1
    return sections[max(i, 0)]
