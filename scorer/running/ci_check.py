"""`scorer check`: pass/fail of reports against thresholds, for CI and pre-commit.

A report fails when its score is below `min_score`, when an item listed in `require`
(usually structure items S-1…S-5) is not 已覆盖/符合, or when the file does not look like a
法治政府建设 report at all. A file that cannot be read, or a broken checklist, is an error
(exit 2), never a pass. Settings come from the command line, else from `scorer.toml` or the
`[tool.scorer]` table of `pyproject.toml` (nearest one walking up from the current
folder, stopping at the root of the git repository), else the defaults (no minimum
score, nothing required).
"""

from __future__ import annotations

import json
import re
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from scorer.errors import ScorerError
from scorer.models import STATUS_LABELS, ItemResult, ReportResult, Status

FORMATS = ("text", "json", "junit", "github")
CONFIG_KEYS = ("min_score", "require", "checklist", "format", "require_reviewed")
MET = (Status.covered, Status.passed, Status.not_applicable)


class ConfigError(ScorerError):
    """An invalid scorer.toml / [tool.scorer]; `problems` are `path: message` lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --------------------------------------------------------------------------- configuration


@dataclass
class CheckSettings:
    min_score: float | None = None
    require: list[str] = field(default_factory=list)
    checklist: str = "auto"
    format: str = "text"
    require_reviewed: bool = False  # every failing item must have a review in force (人工复核)
    config: Path | None = None  # the file the settings were read from, if any


def find_config(start: Path) -> Path | None:
    """scorer.toml, or a pyproject.toml with [tool.scorer], in `start` or above — but
    never above the root of the git repository `start` is in (a settings file in a
    parent folder belongs to another project)."""
    for folder in [start, *start.parents]:
        candidate = folder / "scorer.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                return pyproject  # broken: let load_config say why
            if isinstance(data.get("tool"), dict) and "scorer" in data["tool"]:
                return pyproject
        if (folder / ".git").exists():  # a directory, or a file in a worktree/submodule
            break
    return None


def load_config(path: Path) -> dict[str, Any]:
    """The validated settings in a config file (only the keys it sets)."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([f"{where}: 配置文件不存在"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{where}: 配置文件不是 UTF-8 编码"]) from None
    except OSError as exc:
        raise ConfigError([f"{where}: 无法读取配置文件（{exc.strerror or exc}）"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        at = f"第 {m.group(1)} 行第 {m.group(2)} 列" if m else "文件中"
        detail = re.sub(r"\s*\(at line.*\)", "", str(exc))
        raise ConfigError([f"{where}: {at} TOML 格式错误（{detail}）"]) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("scorer") if isinstance(data.get("tool"), dict) else None
        if table is None:
            raise ConfigError([f"{where}: 没有 [tool.scorer] 配置"])
        if not isinstance(table, dict):
            raise ConfigError([f"{where}: [tool.scorer] 必须是表（table）"])
        data, prefix = table, "tool.scorer."
    else:
        prefix = ""
    problems: list[str] = []
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if key not in CONFIG_KEYS:
            problems.append(f"{where}: 未知配置项「{name}」（可用：{'、'.join(CONFIG_KEYS)}）")
        elif key == "min_score":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
                problems.append(f"{where}: {name} 必须是 0 到 100 之间的数字（现为 {value!r}）")
            else:
                out[key] = float(value)
        elif key == "require":
            items = split_ids(value) if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
                problems.append(f"{where}: {name} 必须是条目编号列表，如 [\"S-1\", \"S-2\"]（现为 {value!r}）")
            else:
                out[key] = [v.strip() for v in items]
        elif key == "checklist":
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: {name} 必须是清单名称或文件路径（现为 {value!r}）")
            else:
                out[key] = _relative_checklist(value.strip(), path.parent)
        elif key == "require_reviewed":
            if not isinstance(value, bool):
                problems.append(f"{where}: {name} 必须是 true 或 false（现为 {value!r}）")
            else:
                out[key] = value
        elif key == "format":
            if value not in FORMATS:
                problems.append(f"{where}: {name} 取值不正确（可选：{'、'.join(FORMATS)}；现为 {value!r}）")
            else:
                out[key] = value
    if problems:
        raise ConfigError(problems)
    return out


def _relative_checklist(value: str, base: Path) -> str:
    """A checklist path in a config file is relative to that file's folder."""
    from scorer.checklist.load import is_checklist_name

    if value == "auto" or is_checklist_name(value) or Path(value).is_absolute():
        return value
    return str(base / value)


def split_ids(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,，、;；\s]+", text) if p.strip()]


def settings_from(cli: dict[str, Any], config_path: Path | None, cwd: Path) -> CheckSettings:
    """Command line over config file over defaults."""
    path = config_path if config_path is not None else find_config(cwd)
    from_file = load_config(path) if path is not None else {}
    s = CheckSettings(config=path)
    for key in CONFIG_KEYS:
        if cli.get(key) is not None:
            setattr(s, key, cli[key])
        elif key in from_file:
            setattr(s, key, from_file[key])
    return s


def known_item_ids(checklist: str) -> dict[str, str]:
    """Upper-cased id -> id of every item `--require` may name: the structure items and
    the items of the outline(s) the reports may be judged against."""
    from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist, shipped_checklists

    names = [STRUCTURE_CHECKLIST]
    if checklist == "auto":
        names += [n for n in shipped_checklists() if n != STRUCTURE_CHECKLIST]
    else:
        names.append(checklist)
    ids: dict[str, str] = {}
    for name in names:
        try:
            cl = load_checklist(name)
        except ScorerError:
            continue  # reported when the reports are scored
        ids.update({it.id.upper(): it.id for it in cl.items})
    return ids


# --------------------------------------------------------------------------- judging


@dataclass
class Outcome:
    source: str
    status: Literal["pass", "fail", "error"]
    result: ReportResult | None = None
    reasons: list[str] = field(default_factory=list)  # why it failed (Chinese)
    required: list[tuple[str, ItemResult | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings that do not fail the report
    error: list[str] = field(default_factory=list)  # error lines (bad input, broken checklist)
    seconds: float = 0.0
    not_a_report: bool = False  # failed because the file is not an annual report at all


def _status_label(it: ItemResult) -> str:
    return STATUS_LABELS[it.status] + ("（建议）" if it.advisory else "")


NOT_A_REPORT_HINT = ("如果它本来就不是年度报告（如 README、说明、笔记），请把它排除在检查范围之外："
                     "pre-commit 用 exclude，CI 用文件范围（见 docs/使用指南.md 第四部分“只检查报告文件”）")


def judge(result: ReportResult, settings: CheckSettings) -> Outcome:
    from scorer.analysis.padding import PADDING_WARNING

    out = Outcome(source=result.source, status="pass", result=result)
    if not result.is_report:
        # Thresholds mean nothing for a file that is not a report: say only that.
        warning = next((w for w in result.warnings if "不是法治政府建设" in w), "")
        m = re.search(r"（(.*)）", warning)
        out.reasons.append(f"不是法治政府建设年度报告（{m.group(1) if m else '没有年度报告的特征'}）。{NOT_A_REPORT_HINT}")
        out.not_a_report = True
        out.status = "fail"
        return out
    out.reasons += [w for w in result.warnings if w.startswith(PADDING_WARNING)]
    if settings.min_score is not None and result.score < settings.min_score:
        out.reasons.append(f"得分 {result.score:.1f} 低于最低分 {settings.min_score:g}")
    by_id = {it.id.upper(): it for it in result.items + result.structure}
    for wanted in settings.require:
        it = by_id.get(wanted.upper())
        out.required.append((wanted, it))
        if it is None:
            out.notes.append(f"{wanted}：本报告适用的检查清单（{result.checklist.id}）中没有这一条目，未检查")
            continue
        if it.status in MET:
            if it.check_suggested:  # a required item met on weak evidence: passes, with a word on it
                out.notes.append(f"{it.id} {it.title}：已覆盖，证据较弱——{it.explanation}")
            continue
        reason = f"{it.id} {it.title}：{_status_label(it)}"
        if it.explanation:
            reason += f"——{it.explanation}"
        if it.advisory:
            reason += "（已明确列为必备条目，仍判为不通过）"
        out.reasons.append(reason)
    required = {w.upper() for w in settings.require}
    for it in result.structure:
        if it.id.upper() not in required and it.status not in MET and it.status != Status.unknown:
            out.notes.append(f"{it.id} {it.title}：{_status_label(it)}")
    out.notes += [w for w in result.warnings if "不是法治政府建设" not in w and not w.startswith(PADDING_WARNING)]
    _judge_reviews(result, settings, out)
    if out.reasons:
        out.status = "fail"
    return out


def _judge_reviews(result: ReportResult, settings: CheckSettings, out: Outcome) -> None:
    """人工复核: note each verdict a reviewer changed; with require_reviewed, a failing
    item (缺失、部分覆盖、不符合; advice excepted) without a review in force fails the report."""
    for it in result.items + result.structure:
        rv = it.review
        machine = it.machine_status or it.status
        if rv is not None and not rv.stale and rv.status != machine:
            out.notes.append(f"人工复核：{it.id} {it.title}：{STATUS_LABELS[machine]} → {STATUS_LABELS[it.status]}"
                             f"（{rv.reviewer}，{rv.date.isoformat()}：{rv.reason}）")
    if not settings.require_reviewed:
        return
    unreviewed = [it for it in result.items + result.structure
                  if it.status in (Status.missing, Status.partial, Status.failed) and not it.advisory
                  and (it.review is None or it.review.stale)]
    if unreviewed:
        shown = "、".join(f"{it.id}（{STATUS_LABELS[it.status]}{'，复核记录待重新复核' if it.review else ''}）"
                         for it in unreviewed[:10])
        more = f" 等 {len(unreviewed)} 项" if len(unreviewed) > 10 else f"，共 {len(unreviewed)} 项"
        out.reasons.append(f"未经人工复核的缺失或部分覆盖条目：{shown}{more}（--require-reviewed；"
                           "用 scorer override 记录复核结论）")


def run_check(paths: list[str], settings: CheckSettings, pre_errors: list[tuple[str, str]] | None = None, *,
              jobs: int | None = None, cache: str | Path | None = None, timeout: float | None = None,
              progress=None) -> list[Outcome]:
    """Score `paths` with the batch runner (all cores, a time limit per file, crash
    isolation; with `cache`, a results folder like `score --out` that lets a re-run
    skip unchanged reports) and judge each against `settings`, in input order."""
    from scorer.display import shown
    from scorer.errors import ChecklistError
    from scorer.running.runner import DEFAULT_TIMEOUT, score_many
    from scorer.review.apply import apply_review_file  # reviewed verdicts (人工复核)

    outcomes = [Outcome(source=src, status="error", error=[msg]) for src, msg in pre_errors or []]
    if not paths:
        return outcomes
    try:
        batch = score_many(paths, settings.checklist, jobs=jobs, out=cache, quiet=progress is None,
                           keep_payloads=cache is None, timeout=DEFAULT_TIMEOUT if timeout is None else timeout or None,
                           progress=progress, log=None)
    except ChecklistError as exc:
        return outcomes + [Outcome(source=p, status="error", error=["检查清单无效：" + q for q in exc.problems])
                           for p in paths]
    for o in batch.outcomes:
        if not o.ok:
            problem = o.error.removeprefix(f"{shown(o.source)}: ")
            outcomes.append(Outcome(source=o.source, status="error", error=[problem], seconds=o.seconds))
            continue
        judged = judge(apply_review_file(o.load(), o.source), settings)
        judged.seconds = o.seconds
        outcomes.append(judged)
    return outcomes


def exit_code(outcomes: list[Outcome]) -> int:
    if any(o.status == "error" for o in outcomes):
        return 2
    return 1 if any(o.status == "fail" for o in outcomes) else 0


def counts(outcomes: list[Outcome]) -> dict[str, int]:
    return {"total": len(outcomes), "passed": sum(o.status == "pass" for o in outcomes),
            "failed": sum(o.status == "fail" for o in outcomes), "errors": sum(o.status == "error" for o in outcomes)}


def summary_line(outcomes: list[Outcome]) -> str:
    c = counts(outcomes)
    return f"共 {c['total']} 份报告：通过 {c['passed']}，不通过 {c['failed']}，出错 {c['errors']}"


def settings_line(s: CheckSettings) -> str:
    parts = [f"最低分 {s.min_score:g}" if s.min_score is not None else "不设最低分",
             "必备条目 " + "、".join(s.require) if s.require else "无必备条目",
             *(["未复核的缺失条目不通过"] if s.require_reviewed else []),
             "检查清单 " + ("按年度自动选择" if s.checklist == "auto" else s.checklist)]
    if s.config:
        parts.append(f"配置 {s.config}")
    return "scorer check：" + "，".join(parts)


# --------------------------------------------------------------------------- output


def _who(o: Outcome) -> str:
    r = o.result
    if r is None:
        return ""
    return f"{r.jurisdiction or '（未识别地区）'} {r.year or '？'}年度"


def render_text(outcomes: list[Outcome], s: CheckSettings) -> str:
    from scorer.display import shown

    lines = [settings_line(s)]
    width = max((len(shown(o.source)) for o in outcomes), default=0)
    for o in outcomes:
        if o.status == "error":
            lines.append(f"出错    {shown(o.source)}")
            lines += [f"        · {e}" for e in o.error]
            continue
        r = o.result
        if o.not_a_report:
            lines.append(f"不是报告  {o.source}")
            lines += [f"        · {reason}" for reason in o.reasons]
            continue
        head = "通过  " if o.status == "pass" else "不通过"
        lines.append(f"{head}  {shown(o.source).ljust(width)}  {_who(o)}  得分 {r.score:.1f}  （{r.checklist.id}）")
        lines += [f"        · {reason}" for reason in o.reasons]
        lines += [f"        提示：{note}" for note in o.notes]
    lines.append(summary_line(outcomes))
    return "\n".join(lines) + "\n"


def render_json(outcomes: list[Outcome], s: CheckSettings) -> str:
    reports = []
    for o in outcomes:
        r = o.result
        reports.append({
            "source": o.source,
            "status": o.status,
            "score": r.score if r else None,
            "jurisdiction": r.jurisdiction if r else None,
            "year": r.year if r else None,
            "checklist": {"id": r.checklist.id, "version": r.checklist.version} if r else None,
            "not_a_report": o.not_a_report,
            "reasons": o.reasons,
            "required": [{"id": wanted, "status": it.status.value if it else None,
                          "advisory": it.advisory if it else False,
                          "met": it is None or it.status in MET} for wanted, it in o.required],
            "warnings": o.notes,
            "errors": o.error,
        })
    data = {
        "ok": exit_code(outcomes) == 0,
        "exit_code": exit_code(outcomes),
        "settings": {"min_score": s.min_score, "require": s.require, "checklist": s.checklist,
                     "require_reviewed": s.require_reviewed,
                     "config": str(s.config) if s.config else None},
        "summary": counts(outcomes),
        "reports": reports,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_junit(outcomes: list[Outcome], s: CheckSettings) -> str:
    c = counts(outcomes)
    total = f"{sum(o.seconds for o in outcomes):.3f}"
    suites = ET.Element("testsuites", name="scorer check", tests=str(c["total"]), failures=str(c["failed"]),
                        errors=str(c["errors"]), time=total)
    suite = ET.SubElement(suites, "testsuite", name="scorer check", tests=str(c["total"]),
                          failures=str(c["failed"]), errors=str(c["errors"]), skipped="0", time=total,
                          timestamp=time.strftime("%Y-%m-%dT%H:%M:%S"))
    props = ET.SubElement(suite, "properties")
    for name, value in (("min_score", "" if s.min_score is None else f"{s.min_score:g}"),
                        ("require", ",".join(s.require)), ("checklist", s.checklist),
                        ("config", str(s.config or "")), ("require_reviewed", str(s.require_reviewed).lower())):
        ET.SubElement(props, "property", name=name, value=value)
    from scorer.display import shown

    for o in outcomes:
        source = shown(o.source)  # control characters are not allowed in XML
        parent = str(Path(source).parent).replace("\\", "/")
        case = ET.SubElement(suite, "testcase", classname=parent, name=source,
                             file=source, time=f"{o.seconds:.3f}")
        if o.status == "error":
            el = ET.SubElement(case, "error", message=o.error[0] if o.error else "无法评查", type="InputError")
            el.text = "\n".join(o.error)
            continue
        r = o.result
        if o.status == "fail":
            el = ET.SubElement(case, "failure", message="；".join(o.reasons),
                               type="NotAReport" if o.not_a_report else "ThresholdFailure")
            el.text = "\n".join(o.reasons)
        out = ET.SubElement(case, "system-out")
        out.text = "\n".join([f"{_who(o)}  得分 {r.score:.1f}（{r.checklist.title}）"] +
                             [f"提示：{n}" for n in o.notes])
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_ANNOTATION_LIMIT = 10  # errors shown per step; the rest are dropped by GitHub


def source_line(source: str, snippet: str) -> int | None:
    """1-based line of `snippet` (evidence text) in a text or HTML report file, for an
    annotation at the failing part; None when it cannot be found (PDF, Word, changed)."""
    if Path(source).suffix.lower() not in (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml") or not snippet:
        return None
    try:
        with open(source, "rb") as fh:
            data = fh.read(20 * 1024 * 1024)
    except OSError:
        return None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    for probe in (snippet[:30], snippet[:12]):
        pos = text.find(probe.strip())
        if probe.strip() and pos != -1:
            return text.count("\n", 0, pos) + 1
    return None


def _failing_line(o: Outcome) -> int | None:
    """Where the first required item that is not met has evidence (a partial item)."""
    for _wanted, it in o.required:
        if it is not None and it.status not in MET and it.evidence:
            line = source_line(o.source, it.evidence[0].text)
            if line:
                return line
    return None


def render_github(outcomes: list[Outcome], s: CheckSettings) -> str:
    """GitHub Actions workflow commands: ONE ::error per failing or unreadable report
    (its reasons joined by line breaks, at the line of the failing part when known) —
    GitHub shows at most 10 error annotations per step — one ::warning per passing
    report with notes, and a ::notice with the totals."""
    from scorer.display import shown

    lines = []
    for o in outcomes:
        f = _gh_prop(shown(o.source))
        if o.status == "error":
            lines.append(f"::error file={f},title={_gh_prop('报告无法评查')}::{_gh_data(chr(10).join(o.error))}")
            continue
        if o.status == "fail":
            if o.not_a_report:
                title = "不是法治政府建设年度报告"
            else:
                title = f"法治政府建设报告评查未通过（得分 {o.result.score:.1f}）"
            body = o.reasons + [f"提示：{n}" for n in o.notes]
            line = _failing_line(o)
            at = f",line={line}" if line else ""
            lines.append(f"::error file={f}{at},title={_gh_prop(title)}::{_gh_data(chr(10).join(body))}")
        elif o.notes:
            lines.append(f"::warning file={f},title={_gh_prop('法治政府建设报告评查提示')}::"
                         f"{_gh_data(chr(10).join(o.notes))}")
    summary = summary_line(outcomes)
    shown = sum(o.status in ("fail", "error") for o in outcomes)
    if shown > GITHUB_ANNOTATION_LIMIT:
        summary += f"（GitHub 每一步最多显示 {GITHUB_ANNOTATION_LIMIT} 条错误注释，完整结果见本步骤的日志）"
    lines.append(f"::notice title={_gh_prop('scorer check')}::{_gh_data(summary)}")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "junit": render_junit, "github": render_github}
