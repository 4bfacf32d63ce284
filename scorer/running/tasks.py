"""The unit of batch work: `score_task(Task) -> Outcome`, and what it depends on.

`score_task` never raises for a bad file (the error comes back as data, one line of
Chinese), and what it returns is small and picklable (the result as JSON text plus a
few summary fields). Each worker process loads the checklists and jieba once
(`warm_up`), not per file. The result file format (`result_payload`) and the cache
fingerprint (`checklist_fingerprint`) live here too: they are what a worker makes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.display import one_line, shown
from scorer.errors import ChecklistError, InputError, ScorerError
from scorer.models import ReportResult

RESULT_SCHEMA = 1


@dataclass
class Task:
    """One report to score; everything a worker needs, and nothing large unless
    `data` carries the file (for workers that cannot see the client's disk)."""

    index: int
    source: str  # the path as the user gave it: shown in results and errors
    path: str  # absolute path, for workers with another working directory
    checklist: str  # "auto", a shipped name, or an absolute YAML path
    fingerprint: str  # the client's checklist fingerprint; a worker must agree
    cache: dict[str, Any] | None = None  # cache block embedded in the result file
    data: bytes | None = None
    options: dict[str, Any] = field(default_factory=dict)  # for custom workers (e.g. where to put a PDF)


@dataclass
class Outcome:
    """What comes back for one report. Small and picklable: the result travels as
    JSON text and is parsed only when `.result` is asked for."""

    index: int
    source: str
    payload: bytes | None = None  # the result file, UTF-8 JSON (ReportResult + "cache")
    summary: dict[str, Any] | None = None
    error: str | None = None  # one line of Chinese naming the file
    skipped: bool = False  # taken from the output folder, unchanged since last run
    seconds: float = 0.0
    output: str | None = None  # path of the result file, with --out
    _result: ReportResult | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def result(self) -> ReportResult | None:
        """The ReportResult, parsed once and kept."""
        if self._result is None:
            self._result = self.load()
        return self._result

    def load(self) -> ReportResult | None:
        """The ReportResult, parsed afresh and not kept (streaming many results)."""
        if self._result is not None:
            return self._result
        payload = self.payload
        if payload is None and self.output is not None:  # written to the output folder and dropped
            try:
                payload = Path(self.output).read_bytes()
            except OSError:
                return None
        if payload is None:
            return None
        result = ReportResult.model_validate_json(payload)
        result.source = self.source
        return result

    def __getstate__(self):  # never ship the parsed model between processes
        state = dict(self.__dict__)
        state["_result"] = None
        return state


def failed(index: int, source: str, problem: str) -> Outcome:
    """An outcome for a file that could not be processed: `source: problem`."""
    return Outcome(index=index, source=source, error=f"{shown(source)}: {problem}")


# =========================================================================== worker side

_warm_lock = threading.Lock()
_warm_state: dict[str, str] = {}  # requested checklist -> fingerprint, per process


def warm_up(checklist: str = "auto") -> str:
    """Load the checklists and jieba once per process; returns the fingerprint.
    Used as the worker initializer and lazily by `score_task`."""
    with _warm_lock:
        if checklist in _warm_state:
            return _warm_state[checklist]
        from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist, shipped_checklists
        from scorer.analysis.match import prepare
        from scorer.analysis.segment import tokenizer

        tokenizer()
        names = [n for n in shipped_checklists()] if checklist == "auto" else [checklist, STRUCTURE_CHECKLIST]
        for name in names:
            try:
                prepare(load_checklist(name))
            except ChecklistError:
                if checklist != "auto":
                    raise
        fp = checklist_fingerprint(checklist)
        _warm_state[checklist] = fp
        return fp


def init_worker(checklist: str) -> None:
    """Initializer of a worker process: Ctrl-C is the parent's to handle (no
    traceback per worker), and the checklists are loaded before the first file."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm_up(checklist)
    except Exception:  # reported per task by score_task, with the file name
        pass


def score_task(task: Task) -> Outcome:
    """Score one report. Never raises for anything a file can cause."""
    t0 = time.perf_counter()
    out = Outcome(index=task.index, source=task.source)
    name = shown(task.source)
    try:
        warm_up(task.checklist)
        # Recomputed per task (cheap: checklists are cached by mtime), so that a
        # long-lived worker notices an edited checklist instead of mixing versions.
        if checklist_fingerprint(task.checklist) != task.fingerprint:
            out.error = (f"{name}: 工作进程读到的检查清单或 scorer 版本与开始评查时不同（评查中途被修改，"
                         "或集群节点上的版本不同），未评查；请统一版本后重新运行")
            return out
        result = _score(task)
        out.payload = result_payload(result, task.cache)
        out.summary = summarize(result)
    except InputError as exc:
        out.error = f"{name}: {exc.problem}"
    except ChecklistError as exc:
        out.error = f"{name}: 检查清单无法加载（{'；'.join(exc.problems)}）"
    except ScorerError as exc:
        out.error = f"{name}: {one_line(str(exc))}"
    except RecursionError:
        out.error = f"{name}: 文件结构嵌套过深，无法处理"
    except MemoryError:
        out.error = f"{name}: 文件过大，内存不足，无法评查"
    except Exception as exc:  # a bug: this file fails, the batch goes on
        out.error = f"{name}: 评查时程序出错（{type(exc).__name__}: {one_line(str(exc))[:200]}），请报告此问题"
    out.seconds = time.perf_counter() - t0
    return out


def _score(task: Task) -> ReportResult:
    from scorer.analysis.pipeline import score_document, score_file

    if task.data is None:
        result = score_file(task.path, task.checklist)
    else:
        from scorer.analysis.ingest import load_document

        # The worker cannot see the client's disk: the bytes came with the task.
        folder = tempfile.mkdtemp(prefix="scorer-")
        try:
            tmp = os.path.join(folder, "report" + Path(task.source).suffix.lower())
            with open(tmp, "wb") as fh:
                fh.write(task.data)
            doc = load_document(tmp)
        except InputError as exc:
            raise InputError(task.source, exc.problem) from None
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        doc.source = task.source
        result = score_document(doc, task.checklist)
    result.source = task.source
    return result


def result_payload(result: ReportResult, cache: dict[str, Any] | None) -> bytes:
    """The result file: the documented JSON of one report (with its sections),
    preceded by the cache block that lets a re-run skip it. UTF-8 bytes, made in
    the worker, written by the client as they are."""
    body = result.model_dump_json(indent=2).encode("utf-8")
    head = json.dumps({"cache": cache or {}}, ensure_ascii=False)[1:-1].encode("utf-8")  # '"cache": {...}'
    return b"{\n  " + head + b",\n" + body[2:] + b"\n"


def summarize(result: ReportResult | dict) -> dict[str, Any]:
    """The few fields an index row or a summary table needs."""
    d = result if isinstance(result, dict) else None

    def get(name):
        return d.get(name) if d is not None else getattr(result, name)

    items = get("items") or []
    structure = get("structure") or []

    def status(it):
        s = it.get("status") if isinstance(it, dict) else it.status.value
        return s

    counts = {"covered": 0, "partial": 0, "missing": 0, "not_applicable": 0}
    for it in items:
        s = status(it)
        if s in counts:
            counts[s] += 1
    checklist = get("checklist")
    kind = get("jurisdiction_kind")
    return {
        "source": get("source"), "title": get("title"), "jurisdiction": get("jurisdiction"),
        "jurisdiction_kind": kind if isinstance(kind, str) or kind is None else kind.value,
        "year": get("year"),
        "checklist": checklist.get("id") if isinstance(checklist, dict) else checklist.id,
        "score": get("score"), **counts,
        "structure_failed": sum(1 for it in structure if status(it) == "fail"),
        "is_report": get("is_report"), "warnings": len(get("warnings") or []),
    }


# =========================================================================== fingerprints


def checklist_fingerprint(checklist: str = "auto") -> str:
    """What the result of a report depends on besides its bytes: the checklist(s)
    `checklist` can resolve to, the structure checklist, the user dictionary, and
    the scorer version and code. Raises ChecklistError for a broken checklist."""
    from scorer.checklist.load import CHECKLIST_DIR, STRUCTURE_CHECKLIST, load_checklist, shipped_checklists

    parts = [f"scorer={scorer_version()}", f"code={code_digest()}"]
    if checklist == "auto":
        for name in shipped_checklists():
            parts.append(f"{name}={load_checklist(name).sha256}")
    else:
        parts.append(f"checklist={load_checklist(checklist).sha256}")
    parts.append(f"structure={load_checklist(STRUCTURE_CHECKLIST).sha256}")
    terms = Path(CHECKLIST_DIR) / "terms.txt"
    if terms.exists():
        parts.append(f"terms={hashlib.sha256(terms.read_bytes()).hexdigest()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def scorer_version() -> str:
    from scorer import __version__

    return __version__


_CODE_DIGEST: str | None = None


def code_digest() -> str:
    """sha256 of the sources that decide a result: the analysis and checklist packages
    and the shared models, plus this file (the result file format). A changed rule
    invalidates cached results even when nobody bumped the version; a change to the
    CLI or the PDF does not."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = hashlib.sha256()
        root = Path(__file__).resolve().parent.parent
        sources = {*root.joinpath("analysis").glob("*.py"), *root.joinpath("checklist").glob("*.py"),
                   root / "models.py", Path(__file__).resolve()}
        for p in sorted(sources):
            h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
        _CODE_DIGEST = h.hexdigest()
    return _CODE_DIGEST


def resolve_checklist_arg(checklist: str) -> str:
    """A YAML path becomes absolute so that workers in another directory find it."""
    from scorer.checklist.load import shipped_checklists

    if checklist == "auto" or checklist in shipped_checklists():
        return checklist
    p = Path(checklist)
    return str(p.resolve()) if p.exists() else checklist
