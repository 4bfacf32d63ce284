"""Review records: where they live, how they load, how they are written.

One YAML file per report, beside it: the report `seeds/洪泽区2023.txt` has its records
in `seeds/洪泽区2023.txt.review.yaml` (the full file name plus `.review.yaml`, so that
`报告.txt` and `报告.pdf` in one folder never share a file). A person can read it, edit
it and put it in git:

    # 人工复核记录 ...
    report: 洪泽区2023.txt
    records:
      O21-19:
        title: 发挥行政复议化解行政争议主渠道作用
        status: 已覆盖            # the reviewer's verdict: 已覆盖 部分覆盖 缺失 不适用 (符合 不符合)
        machine_status: 缺失      # the machine's verdict when the reviewer looked
        reason: 第二部分（四）写明全年新收行政复议案件48件……
        reviewer: 张三
        date: 2026-03-01
        evidence: {start: 2431, end: 2470, text: 全区2023年新收行政复议案件48件……}   # optional
        checklist: outline-2021
        checklist_version: '2026.1'
        text_sha256: 3f5c…        # sha256 of the report's cleaned text

A record is in force while the report's cleaned text (text_sha256), the checklist
(id and version) and the item (its title) are what they were; otherwise it is shown
as 待重新复核 and not applied (scorer/review/apply.py).

Writing (`write_override`, `remove_override`) is a read-modify-write under an
exclusive lock (flock on the folder that holds the review file, so no lock file is
left beside the reports), and the new file replaces the old one atomically (temp
file in the same folder + os.replace): concurrent writers -- the CLI and the browser
app, two reviewers -- never lose each other's records, and a reader never sees half
a file. ruamel.yaml round-trips the file, so comments and the other records stay.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

from scorer.errors import ScorerError
from scorer.models import STATUS_LABELS, ItemResult, ReportResult, ReviewEvidence, Status

REVIEW_SUFFIX = ".review.yaml"
TOP_KEYS = ("report", "records")
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# What a reviewer may write, in English or in Chinese.
STATUS_WORDS: dict[str, Status] = {
    **{s.value: s for s in Status},
    **{label: s for s, label in STATUS_LABELS.items()},
    "passed": Status.passed, "failed": Status.failed,
}
CONTENT_VERDICTS = (Status.covered, Status.partial, Status.missing, Status.not_applicable)
PASS_FAIL_VERDICTS = (Status.passed, Status.failed, Status.not_applicable)
VERDICTS = CONTENT_VERDICTS + (Status.passed, Status.failed)


class ReviewError(ScorerError):
    """A review file that does not load, or an override that cannot be written.
    `problems` are `path:line: message` lines (Chinese); exit code 2."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --------------------------------------------------------------------------- models


def parse_status(value: Any) -> Status:
    """covered / 已覆盖 / Status.covered -> Status.covered; ValueError (Chinese) otherwise."""
    if isinstance(value, Status):
        return value
    key = str(value).strip() if value is not None else ""
    status = STATUS_WORDS.get(key) or STATUS_WORDS.get(key.lower())
    if status is None:
        raise ValueError(f"结论「{key}」不正确（可选：已覆盖、部分覆盖、缺失、不适用，"
                         "或 covered、partial、missing、not_applicable；结构条目 S-5 为 符合、不符合）")
    return status


def verdicts_for(machine: Status) -> tuple[Status, ...]:
    """The verdicts a reviewer may give an item whose machine verdict is `machine`:
    the publication-deadline check (S-5) is 符合/不符合, every other item 已覆盖…不适用."""
    return PASS_FAIL_VERDICTS if machine in (Status.passed, Status.failed, Status.unknown) else CONTENT_VERDICTS


class ReviewRecord(BaseModel):
    """One reviewer's verdict on one item of one report."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    item: str = Field(pattern=ITEM_ID.pattern, max_length=40)
    title: str = ""  # the item's title when reviewed (a changed title makes the record stale)
    status: Status
    machine_status: Status
    reason: str = Field(min_length=1)
    reviewer: str = Field(min_length=1)
    date: dt.date
    evidence: ReviewEvidence | None = None
    checklist: str = Field(min_length=1)
    checklist_version: str = Field(min_length=1)
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    line: int = Field(default=0, exclude=True)  # where the record starts in its file (for messages)

    @field_validator("status", "machine_status", mode="before")
    @classmethod
    def _status_word(cls, v: Any) -> Status:
        return parse_status(v)

    @field_validator("status")
    @classmethod
    def _verdict(cls, v: Status) -> Status:
        if v not in VERDICTS:
            raise ValueError(f"复核结论不能是「{STATUS_LABELS[v]}」（可选：已覆盖、部分覆盖、缺失、不适用、符合、不符合）")
        return v

    @field_validator("checklist_version", "checklist", "reviewer", "reason", "title", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


class ReviewFile(BaseModel):
    """The review records of one report, by item id (as written in the file)."""

    path: Path | None = None
    report: str | None = None
    records: dict[str, ReviewRecord] = Field(default_factory=dict)

    def get(self, item_id: str) -> ReviewRecord | None:
        rec = self.records.get(item_id)
        if rec is None:
            rec = next((r for k, r in self.records.items() if k.upper() == item_id.upper()), None)
        return rec


# --------------------------------------------------------------------------- where


def review_file_for(report_path: str | os.PathLike) -> Path:
    """The review file of a report: beside it, the report's full file name plus
    `.review.yaml` (`a/报告.txt` -> `a/报告.txt.review.yaml`)."""
    p = Path(report_path)
    return p.with_name(p.name + REVIEW_SUFFIX)


def report_for_review_file(review_path: str | os.PathLike) -> Path:
    """The inverse of review_file_for."""
    p = Path(review_path)
    return p.with_name(p.name[: -len(REVIEW_SUFFIX)]) if p.name.endswith(REVIEW_SUFFIX) else p


# --------------------------------------------------------------------------- loading

_FIELD_NAMES = {
    "item": "条目编号", "title": "条目标题 title", "status": "复核结论 status",
    "machine_status": "机器结论 machine_status", "reason": "理由 reason", "reviewer": "复核人 reviewer",
    "date": "日期 date", "evidence": "证据 evidence", "start": "证据起点 start", "end": "证据终点 end",
    "text": "证据原文 text", "checklist": "检查清单 checklist", "checklist_version": "清单版本 checklist_version",
    "text_sha256": "正文指纹 text_sha256",
}


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.allow_unicode = True
    y.width = 4096  # one record field per line, however long the reason
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _line(node: Any, key: Any = None) -> int:
    try:
        if key is not None and isinstance(node, CommentedMap) and key in node:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except Exception:
        return 1


def _translate(err: dict[str, Any]) -> str:
    kind = err["type"]
    name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
    label = _FIELD_NAMES.get(name, name)
    if kind == "extra_forbidden":
        return f"未知字段「{name}」（可用：{'、'.join(k for k in ReviewRecord.model_fields if k not in ('item', 'line'))}）"
    if kind == "missing":
        return f"缺少必填字段「{label}」"
    if kind in ("string_too_short", "too_short"):
        return f"{label} 不能为空"
    if kind == "string_pattern_mismatch":
        if name == "text_sha256":
            return f"{label} 应为 64 位十六进制（报告正文的 sha256；请用 scorer override 写入）"
        return f"{label} 格式不正确"
    if kind.startswith("date") or kind == "datetime_type":
        return f"{label} 应为日期，如 2026-03-01"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{label} 必须是整数"
    if kind in ("string_type",):
        return f"{label} 必须是文字"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{label} 类型不正确（应为映射）"
    if kind == "value_error":
        return str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{label}：{err.get('msg', kind)}"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ReviewError([f"{path}:1: 复核记录文件不是 UTF-8 编码"]) from None
    except FileNotFoundError:
        raise ReviewError([f"{path}:1: 复核记录文件不存在"]) from None
    except OSError as exc:
        raise ReviewError([f"{path}:1: 无法读取复核记录文件（{exc.strerror or exc}）"]) from None


def _parse_yaml(text: str, path: Path) -> Any:
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = "键重复（同一条目只能有一条记录）" if "duplicate" in str(exc).lower() else "YAML 语法错误"
        raise ReviewError([f"{path}:{line}: {what}（{(exc.problem or '').strip()}）"]) from None
    except Exception as exc:  # ruamel raises a few unmarked errors too
        raise ReviewError([f"{path}:1: YAML 无法解析（{exc}）"]) from None


def _validate(raw: Any, path: Path) -> ReviewFile:
    """Every problem of the file at once, as `path:line: message`."""
    if raw is None:
        return ReviewFile(path=path)
    if not isinstance(raw, CommentedMap):
        raise ReviewError([f"{path}:1: 复核记录文件的顶层必须是键值映射（report、records）"])
    problems: list[str] = []
    for key in raw:
        if key not in TOP_KEYS:
            problems.append(f"{path}:{_line(raw, key)}: 未知字段「{key}」（顶层可用：{'、'.join(TOP_KEYS)}）")
    report = raw.get("report")
    raw_records = raw.get("records")
    records: dict[str, ReviewRecord] = {}
    if raw_records is None:
        raw_records = CommentedMap()
    if not isinstance(raw_records, CommentedMap):
        problems.append(f"{path}:{_line(raw, 'records')}: records 必须是映射：条目编号 → 复核记录")
        raw_records = CommentedMap()
    for item_id, body in raw_records.items():
        line = _line(raw_records, item_id)
        if not isinstance(body, CommentedMap):
            problems.append(f"{path}:{line}: 条目「{item_id}」的复核记录必须是映射（status、reason、reviewer ……）")
            continue
        data = {str(k): (dict(v) if isinstance(v, CommentedMap) else v) for k, v in body.items()}
        try:
            rec = ReviewRecord.model_validate({**data, "item": str(item_id), "line": line})
        except ValidationError as exc:
            for err in exc.errors():
                loc = err["loc"]
                where = line
                if loc and loc[0] == "item":
                    problems.append(f"{path}:{line}: 条目编号「{item_id}」格式不正确（只能用字母、数字、-、_、.）")
                    continue
                if loc and isinstance(loc[0], str) and loc[0] in body:
                    where = _line(body, loc[0])
                    if len(loc) > 1 and isinstance(body[loc[0]], CommentedMap) and loc[1] in body[loc[0]]:
                        where = _line(body[loc[0]], loc[1])
                problems.append(f"{path}:{where}: 条目 {item_id}：{_translate(err)}")
            continue
        allowed = verdicts_for(rec.machine_status)
        if rec.status not in allowed:
            words = "、".join(STATUS_LABELS[s] for s in allowed)
            problems.append(f"{path}:{_line(body, 'status')}: 条目 {item_id}：机器结论为「{STATUS_LABELS[rec.machine_status]}」"
                            f"的条目，复核结论只能是 {words}")
            continue
        if rec.evidence is not None and not 0 <= rec.evidence.start < rec.evidence.end:
            problems.append(f"{path}:{_line(body, 'evidence')}: 条目 {item_id}：证据位置不正确"
                            f"（start {rec.evidence.start} 应小于 end {rec.evidence.end}，且不小于 0）")
            continue
        records[str(item_id)] = rec
    if problems:
        raise ReviewError(problems)
    return ReviewFile(path=path, report=None if report is None else str(report), records=records)


def load_reviews(path: str | os.PathLike) -> ReviewFile:
    """Load and validate one review file. Raises ReviewError (exit 2) with
    `path:line: message` lines in Chinese; an empty file has no records."""
    p = Path(path)
    return _validate(_parse_yaml(_read_text(p), p), p)


def load_reviews_for(report_path: str | os.PathLike) -> ReviewFile | None:
    """The review file of a report, or None when it has none."""
    p = review_file_for(report_path)
    if not p.exists():
        return None
    return load_reviews(p)


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock for read-modify-write of the review files in `folder`:
    flock on the folder itself (works on Linux and macOS; no lock file to clean up).
    Held by the process until the block ends; released if the process dies."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; writes are still atomic
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777 if path.exists() else 0o644)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _os_reason(exc: OSError) -> str:
    from scorer.running.batch import _os_reason as reason

    return reason(exc)


def _header(report_name: str) -> str:
    return (f"人工复核记录：报告「{report_name}」\n"
            "每条记录：复核结论 status（已覆盖/部分覆盖/缺失/不适用）、理由 reason、复核人 reviewer、日期 date，\n"
            "以及复核时的机器结论 machine_status、报告正文指纹 text_sha256、检查清单 checklist 及其版本。\n"
            "报告正文、检查清单版本或条目标题改变后，记录显示为“待重新复核”，不再生效。\n"
            "用 scorer override 添加或撤回记录；也可以手工编辑（格式见 docs/人工复核.md）。")


def _load_for_update(path: Path, report_name: str) -> CommentedMap:
    if path.exists():
        text = _read_text(path)
        raw = _parse_yaml(text, path)
        _validate(raw, path)  # a broken file is fixed by a person first, never overwritten
        if raw is not None:
            return raw
    data = CommentedMap()
    data["report"] = report_name
    data["records"] = CommentedMap()
    data.yaml_set_start_comment(_header(report_name))
    return data


def _dump(data: CommentedMap) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def _checklist_of(result: ReportResult, item: ItemResult) -> tuple[str, str]:
    """(checklist id, version) an item of `result` belongs to."""
    if any(s is item for s in result.structure):
        from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist

        cl = load_checklist(STRUCTURE_CHECKLIST)
        return cl.id, cl.spec.version
    return result.checklist.id, result.checklist.version


def find_item(result: ReportResult, item_id: str) -> ItemResult | None:
    want = item_id.strip().upper()
    return next((it for it in result.items + result.structure if it.id.upper() == want), None)


def write_override(
    report_path: str | os.PathLike,
    item_id: str,
    status: Status | str,
    reason: str,
    reviewer: str,
    *,
    result: ReportResult,
    text_sha256: str,
    evidence: tuple[int, int] | None = None,
    date: dt.date | str | None = None,
    evidence_text: str | None = None,
) -> Path:
    """Record (or replace) the reviewer's verdict on one item of one report, keyed to
    the report's cleaned text and the checklist item as they are in `result`. Other
    records and comments in the file stay. Returns the review file's path.
    Raises ReviewError (Chinese, exit 2) for an unknown item, a bad status, an empty
    reason or reviewer, bad evidence offsets, or a review file that is already broken."""
    report_path = Path(report_path)
    path = review_file_for(report_path)
    item = find_item(result, item_id)
    if item is None:
        ids = "、".join(it.id for it in result.items[:3])
        raise ReviewError([f"{report_path}: 检查清单 {result.checklist.id} 中没有条目「{item_id}」"
                           f"（例如：{ids} …，或 S-1…S-5）"])
    machine = item.machine_status or item.status
    try:
        verdict = parse_status(status)
    except ValueError as exc:
        raise ReviewError([f"{report_path}: {item.id}：{exc}"]) from None
    allowed = verdicts_for(machine)
    if verdict not in allowed:
        words = "、".join(f"{STATUS_LABELS[s]}（{s.value}）" for s in allowed)
        raise ReviewError([f"{report_path}: {item.id} 的复核结论只能是 {words}"])
    reason = (reason or "").strip()
    reviewer = (reviewer or "").strip()
    if not reason:
        raise ReviewError([f"{report_path}: {item.id}：必须写明复核理由（--reason）"])
    if not reviewer:
        raise ReviewError([f"{report_path}: {item.id}：必须写明复核人（--reviewer）"])
    if not re.fullmatch(r"[0-9a-f]{64}", text_sha256 or ""):
        raise ReviewError([f"{report_path}: 报告正文指纹 text_sha256 缺失或格式不正确"])
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise ReviewError([f"{report_path}: 日期「{date}」格式不正确（应为 2026-03-01）"]) from None
    date = date or dt.date.today()
    ev_map = None
    if evidence is not None:
        start, end = int(evidence[0]), int(evidence[1])
        if not 0 <= start < end:
            raise ReviewError([f"{report_path}: {item.id}：证据位置不正确（start {start} 应小于 end {end}，且不小于 0）"])
        if evidence_text is None:  # the machine's own evidence sentence, if it is that one
            evidence_text = next((e.text for it in result.items + result.structure for e in it.evidence
                                  if e.start == start and e.end == end), None)
        ev_map = CommentedMap([("start", start), ("end", end)])
        if evidence_text:
            ev_map["text"] = evidence_text
        ev_map.fa.set_flow_style()
    checklist_id, version = _checklist_of(result, item)
    record = CommentedMap()
    record["title"] = item.title
    record["status"] = STATUS_LABELS[verdict]
    record["machine_status"] = STATUS_LABELS[machine]
    record["reason"] = reason
    record["reviewer"] = reviewer
    record["date"] = date
    if ev_map is not None:
        record["evidence"] = ev_map
    record["checklist"] = checklist_id
    record["checklist_version"] = version
    record["text_sha256"] = text_sha256
    try:
        with _locked(path.parent):
            data = _load_for_update(path, report_path.name)
            records = data.get("records")
            if not isinstance(records, CommentedMap):
                records = CommentedMap()
                data["records"] = records
            existing = next((k for k in records if str(k).upper() == item.id.upper()), None)
            if existing is not None:
                records[existing] = record  # replaced in place: the file keeps its order
            else:
                records[item.id] = record
            _atomic_write_text(path, _dump(data))
    except OSError as exc:
        raise ReviewError([f"{path}: 无法写入复核记录文件（{_os_reason(exc)}）"]) from None
    return path


def remove_override(report_path: str | os.PathLike, item_id: str) -> bool:
    """Take back the record of one item. True if there was one; the file (with its
    other records and comments) stays, even when no record is left."""
    path = review_file_for(report_path)
    if not path.exists():
        return False
    try:
        with _locked(path.parent):
            if not path.exists():
                return False
            data = _load_for_update(path, Path(report_path).name)
            records = data.get("records")
            if not isinstance(records, CommentedMap):
                return False
            key = next((k for k in records if str(k).upper() == item_id.strip().upper()), None)
            if key is None:
                return False
            del records[key]
            _atomic_write_text(path, _dump(data))
    except OSError as exc:
        raise ReviewError([f"{path}: 无法写入复核记录文件（{_os_reason(exc)}）"]) from None
    return True
