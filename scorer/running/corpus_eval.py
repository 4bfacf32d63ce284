"""Accuracy on a corpus of real report openings (tests/corpus/index.yaml).

The index holds addresses, hashes and labels; the texts are third-party copies kept in
an ignored cache folder (`.corpus/texts/<sha256>.txt`). For each labelled opening we
score the text against the outline named in its label and compare item by item:
covered is the positive class; items the label does not list were not visible in the
opening and count as not covered. Metadata (jurisdiction, covered year, outline chosen
automatically) and the document-kind check are measured on the same texts.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from scorer.errors import InputError
from scorer.models import Status
from scorer.running.baseline import title_matched
from scorer.running.evaluate import Counts


@dataclass
class CorpusEval:
    overall: Counts = field(default_factory=Counts)
    by_level: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_outline: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_split: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_item: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    three_way_same: int = 0
    three_way_total: int = 0
    labelled_same: int = 0  # three-way agreement on items the label lists
    labelled_total: int = 0
    structure: Counts = field(default_factory=Counts)
    reports: int = 0
    kind_right: int = 0
    kind_total: int = 0
    kind_errors: list[str] = field(default_factory=list)
    jurisdiction_exact: int = 0
    jurisdiction_lenient: int = 0
    year_right: int = 0
    outline_right: int = 0
    meta_total: int = 0
    meta_errors: list[str] = field(default_factory=list)
    missing_texts: list[str] = field(default_factory=list)
    second: Counts = field(default_factory=Counts)  # second labeller vs first, covered-vs-not
    second_three_way_same: int = 0
    second_three_way_total: int = 0
    # The tool on twice-labelled openings: against the second labeller, and on the items both
    # labellers judge alike (covered or not) — where the label is not itself in doubt.
    tool_vs_second: Counts = field(default_factory=Counts)
    tool_on_agreed: Counts = field(default_factory=Counts)
    tool_on_agreed_by_split: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    # The tool against the adjudicated labels: where the two labellers disagree (covered or not), a third
    # blind labeller's verdict decides; elsewhere the labellers' shared judgement stands.
    tool_vs_adjudicated: Counts = field(default_factory=Counts)
    tool_vs_adjudicated_by_split: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    adjudicated_cells: int = 0
    # Covered verdicts marked 建议核对 (SCORE-CONFIDENCE) and the others: how often each is right (precision)
    checked: Counts = field(default_factory=Counts)
    unchecked: Counts = field(default_factory=Counts)
    checked_by_split: dict[str, tuple[Counts, Counts]] = field(
        default_factory=lambda: defaultdict(lambda: (Counts(), Counts())))
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # n, item, label, predicted
    # The naive baseline (scorer/running/baseline.py: the item's title words stand in the text) on the same items
    baseline: Counts = field(default_factory=Counts)
    baseline_by_split: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    # Per report (its `n`): (tool tp, fp, fn, baseline tp, fp, fn), for confidence intervals by resampling reports
    per_report: dict[str, tuple[int, int, int, int, int, int]] = field(default_factory=dict)
    report_groups: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # n -> (level, outline, split)
    # (n, item) -> "section：first evidence sentence" of every 已覆盖 verdict, so a comparison of two rule books can
    # show the sentence a turned verdict rests on
    covered_evidence: dict[tuple[str, str], str] = field(default_factory=dict)

    def f1_interval(self, level: str | None = None, outline: str | None = None, split: str | None = None
                    ) -> tuple[float, float] | None:
        """The tool's 95 % F1 interval on the reports of one level, outline or part (all when none is given)."""
        want = (level, outline, split)
        rows = [row for n, row in self.per_report.items()
                if all(w is None or w == g for w, g in zip(want, self.report_groups[n]))]
        ci = bootstrap_f1(rows)
        return ci["tool"] if ci else None


def load_index(path: Path) -> list[dict]:
    try:
        rows = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(str(path), f"第 {mark.line + 1 if mark else 1} 行：语料索引 YAML 语法错误") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "语料索引不是 UTF-8 文本") from None
    except Exception as exc:  # noqa: BLE001 - any unreadable index is one message
        raise InputError(str(path), f"语料索引无法读取（{type(exc).__name__}）") from None
    if not isinstance(rows, list):
        raise InputError(str(path), "语料索引应为条目列表")
    for i, row in enumerate(rows, 1):
        problem = _entry_problem(row)
        if problem:
            name = f"（{row['n']}）" if isinstance(row, dict) and isinstance(row.get("n"), str) else ""
            raise InputError(str(path), f"第 {i} 条{name}{problem}")
    return rows


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _entry_problem(row) -> str | None:
    """What is wrong with one index entry, in Chinese (None when it can be evaluated)."""
    if not isinstance(row, dict):
        return "不是“字段: 值”形式的条目"
    for key in ("n", "sha256", "kind"):
        if not isinstance(row.get(key), str) or not row[key]:
            return f"缺少 {key}"
    if not _SHA256.fullmatch(row["sha256"]):
        return "的 sha256 不是 64 位十六进制小写字符串"
    if row["kind"] not in ("report", "negative"):
        return f"的 kind 应为 report 或 negative（现为「{row['kind']}」）"
    if row["kind"] == "report" and not isinstance(row.get("outline"), str):
        return "是报告，但缺少 outline（outline-2015 或 outline-2021）"
    for key in ("covered", "partial"):
        if not isinstance(row.get(key) or [], list):
            return f"的 {key} 应为条目编号列表"
    return None


def _status(entry: dict, key_covered="covered", key_partial="partial") -> dict[str, Status]:
    out = {i: Status.partial for i in entry.get(key_partial) or []}
    out.update({i: Status.covered for i in entry.get(key_covered) or []})
    return out


def _norm_place(name: str | None) -> str | None:
    """One spelling for comparing: no spaces, ASCII brackets, no 原 (a former name's marker), simplified
    characters (a label written as a traditional-character page writes it, 大鵬新區, is 大鹏新区)."""
    if not name:
        return None
    from scorer.analysis.ingest import to_simplified

    name = to_simplified(re.sub(r"\s", "", name)).replace("（", "(").replace("）", ")")
    return re.sub(r"^原", "", name)


def _names_a_place(name: str) -> bool:
    """Whether `name` names its place: not a body that names only its level (市人社局) or its
    kind of zone (高新区综治局)."""
    if name.startswith(("高新区", "开发区", "经开区", "园区", "新区")):
        return False
    return not (name[0] in "省市县区州旗" and not re.search("[省市县区州旗]", name[1:]))


# a zone's name and its usual short form name one body (南昌高新技术产业开发区, 南昌高新区)
ZONE_SHORT_FORMS = (("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"), ("经济技术开发区", "经开区"))


def _short_zone(name: str | None) -> str | None:
    for full, short in ZONE_SHORT_FORMS:
        if name and name.endswith(full):
            return name[: -len(full)] + short
    return name


def _same_place(a: str | None, b: str | None) -> bool:
    """The same body, the fuller chain aside: 闵行区 and 上海市闵行区 are one; 市教育局 and
    枣庄市教育局 are not (the shorter names no place), nor 广州市公安局 and 广州市公安局增城区分局."""
    a, b = _short_zone(_norm_place(a)), _short_zone(_norm_place(b))
    if not a or not b:
        return a == b
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.endswith(short) and _names_a_place(short)


def same_full_name(a: str | None, b: str | None) -> bool:
    return _norm_place(a) == _norm_place(b)


def _split_names(split: str) -> set[str]:
    """`test11,test12` pools several parts (e.g. every held-out part) into one figure."""
    return {s.strip() for s in split.split(",") if s.strip()}


def evaluate_corpus(index: Path, texts: Path, score_text, split: str | None = None, progress=None) -> CorpusEval:
    """`score_text(path, checklist)` -> ReportResult (checklist "auto" or an id); `progress(done, total)` is
    called as each page is taken up."""
    ev = CorpusEval()
    entries = [e for e in load_index(index) if not split or e.get("split") in _split_names(split)]
    for done, entry in enumerate(entries, 1):
        if progress:
            progress(done, len(entries))
        path = texts / f"{entry['sha256']}.txt"
        data = path.read_bytes() if path.is_file() else None
        if data is None or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            ev.missing_texts.append(entry["n"])
            continue
        auto = score_text(path, "auto")
        is_report = entry.get("kind") == "report"
        ev.kind_total += 1
        if auto.is_report == is_report:
            ev.kind_right += 1
        else:
            ev.kind_errors.append(f"{entry['n']}：标注为{'报告' if is_report else '非报告'}，工具判为"
                                  f"{'报告' if auto.is_report else '非报告'}")
        if not is_report:
            continue
        ev.reports += 1
        ev.meta_total += 1
        want_j = entry.get("jurisdiction")
        if same_full_name(auto.jurisdiction, want_j):
            ev.jurisdiction_exact += 1
        if _same_place(auto.jurisdiction, want_j):
            ev.jurisdiction_lenient += 1
        else:
            ev.meta_errors.append(f"{entry['n']} 地区：标注「{want_j}」，工具「{auto.jurisdiction}」")
        if auto.year == entry.get("year"):
            ev.year_right += 1
        else:
            ev.meta_errors.append(f"{entry['n']} 年度：标注 {entry.get('year')}，工具 {auto.year}")
        if auto.checklist.id == entry.get("outline"):
            ev.outline_right += 1
        result = auto if auto.checklist.id == entry.get("outline") else score_text(path, entry["outline"])
        labels = _status(entry)
        level, outline = entry.get("level", "?"), entry.get("outline", "?")
        text = data.decode("utf-8", errors="replace")  # for the baseline
        tool_here, base_here = Counts(), Counts()
        for item in result.items:
            want = labels.get(item.id, Status.missing)
            got = item.status if item.status != Status.not_applicable else Status.missing
            pos_p, pos_a = got == Status.covered, want == Status.covered
            for c in (ev.overall, ev.by_level[level], ev.by_outline[outline], ev.by_split[entry.get("split", "?")],
                      ev.per_item[item.id], tool_here):
                c.add(pos_p, pos_a)
            naive = title_matched(item.title, text)
            for c in (ev.baseline, ev.baseline_by_split[entry.get("split", "?")], base_here):
                c.add(naive, pos_a)
            ev.three_way_total += 1
            ev.three_way_same += got == want
            if pos_p:
                by_split = ev.checked_by_split[entry.get("split", "?")]
                for c in (ev.checked, by_split[0]) if item.needs_check else (ev.unchecked, by_split[1]):
                    c.add(True, pos_a)
            if item.id in labels:
                ev.labelled_total += 1
                ev.labelled_same += got == want
            if pos_p != pos_a:
                ev.errors.append((entry["n"], item.id, want.value, got.value))
            if pos_p and item.evidence:
                first = item.evidence[0]
                ev.covered_evidence[(entry["n"], item.id)] = f"{first.section}：{first.text}"
        ev.per_report[entry["n"]] = (tool_here.tp, tool_here.fp, tool_here.fn, base_here.tp, base_here.fp, base_here.fn)
        ev.report_groups[entry["n"]] = (level, outline, entry.get("split", "?"))
        want_s = set(entry.get("structure") or [])
        for s in result.structure:
            if s.id in ("S-1", "S-3"):
                ev.structure.add(s.status == Status.covered, s.id in want_s)
        if "second" in entry:
            second = _status(entry["second"])
            for item in result.items:
                a, b = labels.get(item.id, Status.missing), second.get(item.id, Status.missing)
                ev.second.add(b == Status.covered, a == Status.covered)
                got = item.status == Status.covered
                ev.tool_vs_second.add(got, b == Status.covered)
                ev.second_three_way_total += 1
                ev.second_three_way_same += a == b
                if (a == Status.covered) == (b == Status.covered):
                    ev.tool_on_agreed.add(got, a == Status.covered)
                    ev.tool_on_agreed_by_split[entry.get("split", "?")].add(got, a == Status.covered)
                    gold = a == Status.covered
                else:
                    third = (entry.get("third") or {}).get(item.id)
                    if third is None:
                        continue  # a disagreement not yet adjudicated: left out of the adjudicated figure
                    ev.adjudicated_cells += 1
                    gold = third == Status.covered.value
                ev.tool_vs_adjudicated.add(got, gold)
                ev.tool_vs_adjudicated_by_split[entry.get("split", "?")].add(got, gold)
    return ev


def bootstrap_f1(per_report: list[tuple[int, int, int, int, int, int]], rounds: int = 1000, seed: int = 0
                 ) -> dict[str, tuple[float, float]] | None:
    """95 % intervals, by resampling whole reports with replacement, for two verdict sets' F1 on the same
    reports (rows `(tp, fp, fn)` of the first, then of the second: the tool and the baseline, or two rule books)
    and for the first's lead (paired: both are scored on the same resample). Reports, not items, are the unit
    drawn: items of one report are not independent. Seeded, so a figure in the README is reproducible."""
    import random

    if len(per_report) < 2:
        return None
    rng = random.Random(seed)
    n = len(per_report)
    tool, base, lead = [], [], []
    for _ in range(rounds):
        s = [sum(col) for col in zip(*rng.choices(per_report, k=n))]
        a, b = Counts(*s[:3]).f1 or 0.0, Counts(*s[3:]).f1 or 0.0
        tool.append(a)
        base.append(b)
        lead.append(a - b)

    def interval(xs: list[float]) -> tuple[float, float]:
        xs.sort()
        return xs[int(0.025 * rounds)], xs[int(0.975 * rounds) - 1]

    return {"tool": interval(tool), "baseline": interval(base), "lead": interval(lead)}


@dataclass
class RunSummary:
    """What a comparison of two rule books needs of one `evaluate_corpus` run (in this process or, for another
    checklists folder, read back from a child's `--json`)."""
    overall: Counts
    per_report: dict[str, tuple[int, int, int]]  # n -> tool (tp, fp, fn)
    errors: dict[tuple[str, str], tuple[str, str]]  # (n, item) -> (label, predicted), covered-vs-not wrong only
    evidence: dict[tuple[str, str], str]  # (n, item) -> the first evidence of a 已覆盖 verdict

    @classmethod
    def of(cls, ev: CorpusEval) -> RunSummary:
        return cls(ev.overall, {n: row[:3] for n, row in ev.per_report.items()},
                   {(n, item): (label, got) for n, item, label, got in ev.errors}, ev.covered_evidence)

    @classmethod
    def from_json(cls, data: dict) -> RunSummary:
        o = data["overall"]
        return cls(Counts(o["tp"], o["fp"], o["fn"]), {n: tuple(row[:3]) for n, row in data["per_report"].items()},
                   {(e["n"], e["item"]): (e["label"], e["predicted"]) for e in data["errors"]},
                   {(e["n"], e["item"]): e["evidence"] for e in data["covered_evidence"]})


@dataclass
class Comparison:
    """The rule book in force against another on the same reports: both figures, the paired interval of the
    F1 difference, and the cells whose covered-vs-not verdict turned right (fixed) or wrong (broken)."""
    current: Counts
    other: Counts
    interval: dict[str, tuple[float, float]] | None
    fixed: list[tuple[str, str, str, str, str]]  # n, item, label, what the other book said, evidence
    broken: list[tuple[str, str, str, str, str]]  # n, item, label, what the book in force says, evidence


def compare_runs(current: RunSummary, other: RunSummary) -> Comparison:
    shared = sorted(set(current.per_report) & set(other.per_report))
    rows = [current.per_report[n] + other.per_report[n] for n in shared]

    def said(key: tuple[str, str]) -> str:
        """The sentence the side that said 已覆盖 rested on (one side did: the verdicts differ)."""
        return current.evidence.get(key) or other.evidence.get(key) or ""

    fixed = [(*key, *other.errors[key], said(key)) for key in sorted(set(other.errors) - set(current.errors))]
    broken = [(*key, *current.errors[key], said(key)) for key in sorted(set(current.errors) - set(other.errors))]
    return Comparison(current.overall, other.overall, bootstrap_f1(rows), fixed, broken)


# Rules whose contribution to the item verdicts can be measured by switching them off one at a time.
ABLATION_GROUPS = ("signals", "modality", "vetoes", "matching")


@dataclass
class Ablation:
    rule_id: str
    name: str
    counts: Counts  # covered-vs-not on the corpus with this rule switched off


def ablate(index: Path, texts: Path, score_text, split: str | None = None, progress=None
           ) -> tuple[Counts, list[Ablation]]:
    """Covered-vs-not with the rule book in force, then with each of its signal, modality,
    veto and matching rules switched off in turn (`enabled: false` in a temporary copy of
    the book): what each rule contributes on this corpus. `progress(rule_id)` is called
    before each run."""
    import tempfile

    from scorer.checklist.rules import rulebook_path, using_rulebook

    source = rulebook_path()
    yaml = YAML()
    yaml.width = 4096
    book = yaml.load(source.read_text(encoding="utf-8"))
    rules = [r for g in ABLATION_GROUPS for r in (book.get(g) or []) if r.get("enabled", True)]
    base = evaluate_corpus(index, texts, score_text, split).overall
    out: list[Ablation] = []
    with tempfile.TemporaryDirectory(prefix="scorer-ablate-") as tmp:
        for rule in rules:
            if progress:
                progress(rule["id"])
            rule["enabled"] = False
            path = Path(tmp) / f"{rule['id']}.yaml"
            with path.open("w", encoding="utf-8") as fh:
                yaml.dump(book, fh)
            rule["enabled"] = True
            with using_rulebook(path):
                counts = evaluate_corpus(index, texts, score_text, split).overall
            out.append(Ablation(rule["id"], str(rule.get("name", "")), counts))
    return base, out
