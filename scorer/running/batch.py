"""Scoring many reports: on all cores, on a Dask cluster, resumably, in input order.

The unit of work is `score_task(Task) -> Outcome`: it never raises for a bad file
(the error comes back as data, one line of Chinese), and what it returns is small
and picklable (the result as JSON text plus a few summary fields). Anything that
runs a callable with `concurrent.futures.Executor.submit` can therefore run a batch:
a local ProcessPoolExecutor (the default), in-process for --jobs 1, or a Dask
cluster through `Client.get_executor()`. Each worker process loads the checklists
and jieba once (`warm_up`), not per file.

With an output folder the batch is resumable: one JSON per report, written
atomically (temp file + os.replace), and each carries the cache key it was made
with -- sha256 of the file bytes + the checklist fingerprint (the outline(s) and the
structure checklist, terms.txt) + the scorer version and code. A re-run skips the
reports whose key is unchanged and rewrites nothing for them.

Public API (used by `scorer score`, and meant for `report` / `review` too):

    paths, errors = collect_inputs(["reports/", "2023/**/*.html"])
    batch = score_many(paths, checklist="auto", jobs=None, out=None, quiet=False)
    batch.results            # ReportResult per good file, input order
    batch.errors             # one-line Chinese messages for the bad files
    for outcome in batch.outcomes: outcome.source, outcome.ok, outcome.result, outcome.error

`run_batch(...)` is the lower-level generator (no progress bar, no printing).
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import datetime as dt
import glob
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from scorer.errors import ChecklistError, InputError, ScorerError
from scorer.models import ReportResult

REPORT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"}
GLOB_CHARS = re.compile(r"[*?\[]")
RESULT_SCHEMA = 1
INDEX_NAME = "index.json"
SUMMARY_NAME = "summary.csv"
RESULTS_DIR = "results"
TMP_SUFFIX = ".tmp"
MAX_CHUNK = 8  # reports per executor task


class OutputError(ScorerError):
    """The output folder cannot be created or written."""

    def __init__(self, path: str, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")


# =========================================================================== inputs


def collect_inputs(items: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files as given; folders expanded to the report files inside them; `*`, `?`,
    `[...]` and `**` patterns expanded when the shell did not (quoted, or Windows).
    Sorted within each folder or pattern, input order otherwise; the same file
    named twice is scored once; hidden files and folders are skipped.
    Returns (paths, errors) -- a missing plain path is kept (ingest reports it)."""
    paths: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for item in items:
        item = str(item)
        if os.path.isdir(item):
            found = _walk_reports(item)
            if not found:
                errors.append(f"{item}: 文件夹中没有可评查的报告文件（.txt .html .docx .pdf）")
            for p in found:
                add(p)
        elif not os.path.lexists(item) and GLOB_CHARS.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            found = []
            for m in matches:
                if os.path.isdir(m):
                    found.extend(_walk_reports(m))
                elif Path(m).suffix.lower() in REPORT_SUFFIXES:
                    found.append(m)
            if not found:
                errors.append(f"{item}: 没有匹配的报告文件（.txt .html .docx .pdf）")
            for p in found:
                add(p)
        else:
            add(item)  # a missing file gets its error from ingest, in order
    return paths, errors


def _walk_reports(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in REPORT_SUFFIXES:
                found.append(os.path.join(root, name))
    return sorted(found)


# =========================================================================== tasks and outcomes


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
        if self.payload is None:
            return None
        result = ReportResult.model_validate_json(self.payload)
        result.source = self.source
        return result

    def __getstate__(self):  # never ship the parsed model between processes
        state = dict(self.__dict__)
        state["_result"] = None
        return state


# =========================================================================== worker side

_warm_lock = threading.Lock()
_warm_state: dict[str, str] = {}  # requested checklist -> fingerprint, per process


def warm_up(checklist: str = "auto") -> str:
    """Load the checklists and jieba once per process; returns the fingerprint.
    Used as the ProcessPoolExecutor initializer and lazily by `score_task`."""
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


def _init_worker(checklist: str) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no traceback per worker
    try:
        warm_up(checklist)
    except Exception:  # reported per task by score_task, with the file name
        pass


def score_task(task: Task) -> Outcome:
    """Score one report. Never raises for anything a file can cause."""
    t0 = time.perf_counter()
    out = Outcome(index=task.index, source=task.source)
    try:
        warm_up(task.checklist)
        # Recomputed per task (cheap: checklists are cached by mtime), so that a
        # long-lived worker notices an edited checklist instead of mixing versions.
        if checklist_fingerprint(task.checklist) != task.fingerprint:
            out.error = (f"{task.source}: 工作进程读到的检查清单或 scorer 版本与开始评查时不同（评查中途被修改，"
                         "或集群节点上的版本不同），未评查；请统一版本后重新运行")
            return out
        result = _score(task)
        out.payload = result_payload(result, task.cache)
        out.summary = summarize(result)
    except InputError as exc:
        out.error = f"{task.source}: {exc.problem}"
    except ChecklistError as exc:
        out.error = f"{task.source}: 检查清单无法加载（{'；'.join(exc.problems)}）"
    except ScorerError as exc:
        out.error = f"{task.source}: {one_line(str(exc))}"
    except RecursionError:
        out.error = f"{task.source}: 文件结构嵌套过深，无法处理"
    except MemoryError:
        out.error = f"{task.source}: 文件过大，内存不足，无法评查"
    except Exception as exc:  # a bug: this file fails, the batch goes on
        out.error = f"{task.source}: 评查时程序出错（{type(exc).__name__}: {one_line(str(exc))[:200]}），请报告此问题"
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
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        doc.source = task.source
        result = score_document(doc, task.checklist)
    result.source = task.source
    return result


def one_line(text: str) -> str:
    return "；".join(part.strip() for part in text.splitlines() if part.strip())


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


def _resolve_checklist_arg(checklist: str) -> str:
    """A YAML path becomes absolute so that workers in another directory find it."""
    from scorer.checklist.load import shipped_checklists

    if checklist == "auto" or checklist in shipped_checklists():
        return checklist
    p = Path(checklist)
    return str(p.resolve()) if p.exists() else checklist


# =========================================================================== output folder


class OutputDir:
    """results/<name>.json per report (atomic writes), index.json, summary.csv."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.results = self.root / RESULTS_DIR
        try:
            self.results.mkdir(parents=True, exist_ok=True)
            probe = self.results / f".probe-{os.getpid()}{TMP_SUFFIX}"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise OutputError(str(root), f"无法写入输出文件夹（{_os_reason(exc)}），未评查任何报告") from None
        self._existing: set[str] = set()  # one listing instead of a failed open per new report
        for entry in os.scandir(self.results):
            if entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX):  # left by a killed run
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
            else:
                self._existing.add(entry.name)

    def file_for(self, abs_path: str) -> Path:
        stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", Path(abs_path).stem).strip("._")[:80] or "report"
        digest = hashlib.sha1(abs_path.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        return self.results / f"{stem}-{digest}.json"

    def lookup(self, abs_path: str, key: str) -> tuple[Path, bytes, dict] | None:
        """The stored result for this file if it was made with the same key."""
        target = self.file_for(abs_path)
        if target.name not in self._existing:
            return None
        try:
            text = target.read_bytes()
            data = json.loads(text)
        except (OSError, ValueError):
            return None  # missing or damaged: score again
        if not isinstance(data, dict) or (data.get("cache") or {}).get("key") != key:
            return None
        return target, text, data

    def write(self, abs_path: str, payload: bytes) -> Path:
        target = self.file_for(abs_path)
        atomic_write(target, payload)
        return target

    def write_index(self, meta: dict[str, Any], outcomes: list[dict[str, Any]]) -> None:
        reports = [o for o in outcomes if o.get("error") is None]
        errors = [{"source": o["source"], "error": o["error"]} for o in outcomes if o.get("error") is not None]
        index = {**meta, "reports": reports, "errors": errors}
        atomic_write(self.root / INDEX_NAME,
                     (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["报告", "地区", "类型", "年度", "纲要", "得分", "已覆盖", "部分覆盖", "缺失", "不适用",
                    "结构不符合", "结果文件", "错误"])
        for o in outcomes:
            if o.get("error") is not None:
                w.writerow([o["source"], "", "", "", "", "", "", "", "", "", "", "", o["error"]])
            else:
                w.writerow([o["source"], o.get("jurisdiction") or "", o.get("jurisdiction_kind") or "",
                            o.get("year") or "", o.get("checklist") or "", o.get("score"), o.get("covered"),
                            o.get("partial"), o.get("missing"), o.get("not_applicable"),
                            o.get("structure_failed"), o.get("result_file") or "", ""])
        atomic_write(self.root / SUMMARY_NAME, buf.getvalue().encode("utf-8-sig"))  # BOM: Excel reads it as UTF-8


def atomic_write(target: Path, data: bytes) -> None:
    """Write via a temp file in the same folder and os.replace: a reader (or a
    re-run after kill -9) sees the old file or the new one, never half of one."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}{TMP_SUFFIX}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def _os_reason(exc: OSError) -> str:
    reasons = {
        "ENOTDIR": "路径中有一部分是文件而不是文件夹", "EACCES": "没有写入权限", "EPERM": "没有写入权限",
        "EROFS": "文件系统只读", "ENOSPC": "磁盘空间不足", "EEXIST": "同名文件已存在", "EDQUOT": "磁盘配额已满",
    }
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return reasons.get(name, exc.strerror or type(exc).__name__)


# =========================================================================== the batch


def run_batch(
    paths: list[str],
    checklist: str = "auto",
    *,
    jobs: int | None = None,
    executor: cf.Executor | None = None,
    out: str | os.PathLike | None = None,
    ship_data: bool = False,
    worker: Callable[[Task], Outcome] = score_task,
    window: int | None = None,
    keep_payloads: bool = True,
    task_options: dict[str, Any] | None = None,
) -> Iterator[Outcome]:
    """Outcomes of `paths` in input order, as soon as each is ready in that order.

    executor: any concurrent.futures.Executor (e.g. dask `Client.get_executor()`);
    by default a ProcessPoolExecutor with `jobs` workers (os.cpu_count()), or none
    (in-process) for jobs=1 or a single file. ship_data sends the file bytes with
    each task, for workers that cannot read the client's paths. With `out`,
    results are written there as they complete and unchanged reports are skipped.
    window: how many reports may be in flight (default 4 per worker). keep_payloads=False
    drops each result's JSON once it is written to `out` (outcomes keep their summary).
    worker: a module-level function Task -> Outcome run in the workers (default
    score_task; a command can wrap it to do more per report where the work is, e.g.
    render a PDF), with `task_options` available to it as task.options.
    Raises ChecklistError / OutputError before anything is scored."""
    runner = BatchRunner(paths, checklist, jobs=jobs, executor=executor, out=out, ship_data=ship_data,
                         worker=worker, window=window, keep_payloads=keep_payloads, task_options=task_options)
    with runner:
        yield from runner


class BatchRunner:
    """The machinery behind run_batch: prepares tasks (cache look-ups), keeps a
    window of them in flight on the executor, writes results as they arrive, and
    yields outcomes in input order. A worker process that dies (OOM killer, a
    crash in a C library) costs only its own file: the pool is replaced and the
    reports that were in flight are re-run one at a time to find the culprit."""

    def __init__(self, paths, checklist="auto", *, jobs=None, executor=None, out=None, ship_data=False,
                 worker=score_task, window=None, keep_payloads=True, task_options=None):
        self.paths = list(paths)
        self.checklist = _resolve_checklist_arg(checklist)
        self.fingerprint = checklist_fingerprint(self.checklist) if self.paths else ""
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.out = OutputDir(out) if out is not None else None
        self.ship_data = ship_data
        self.worker = worker
        self.task_options = dict(task_options or {})
        self._executor: cf.Executor | None = executor
        self._owned = False
        workers = self.jobs if executor is None else max(self.jobs, 4)
        window = window or max(4 * workers, 16)  # reports in flight
        # Several reports per task in a big batch: the per-task cost of the executor
        # (pickling, pipes, the scheduler on Dask) is paid once per chunk.
        self.chunksize = max(1, min(MAX_CHUNK, len(self.paths) // (workers * 16)))
        self.max_chunks = max(2 * workers, -(-window // self.chunksize))
        self.keep_payloads = keep_payloads or out is None
        # Results that arrived before their turn. A slow report at the head holds
        # them back; the buffer is large so that the workers keep going meanwhile.
        self.ready_limit = 1000 if self.keep_payloads else 20000
        self.skipped = 0
        self.records: list[dict[str, Any]] = []  # index rows, input order

    # -- lifecycle ------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(cancel=exc_type is not None)
        return False

    def close(self, cancel: bool = False) -> None:
        if self._owned and self._executor is not None:
            self._executor.shutdown(wait=not cancel, cancel_futures=True)
            self._executor = None

    def _new_pool(self) -> cf.Executor:
        """The default executor: one process per job. On Linux the workers are
        forked from this process after it has warmed up, so they start warm; no
        other thread runs here at that moment (the progress bar refreshes from
        this thread), so forking copies no half-held lock."""
        ctx = None
        if sys.platform.startswith("linux"):
            ctx = multiprocessing.get_context("fork")
            warm_up(self.checklist)
        pool = cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                      initializer=_init_worker, initargs=(self.checklist,))
        self._owned = True
        return pool

    # -- preparing tasks ------------------------------------------------------

    def _prepare(self, index: int, source: str) -> Task | Outcome:
        abs_path = os.path.abspath(source)
        task = Task(index=index, source=source, path=abs_path, checklist=self.checklist,
                    fingerprint=self.fingerprint, options=self.task_options)
        data = None
        if self.ship_data or self.out is not None:
            data = _read_for_task(source)
            if isinstance(data, InputError):
                return Outcome(index=index, source=source, error=f"{source}: {data.problem}")
        if self.out is not None and data is not None:
            file_sha = hashlib.sha256(data).hexdigest()
            key = hashlib.sha256(f"{file_sha}|{self.fingerprint}|schema={RESULT_SCHEMA}".encode()).hexdigest()
            hit = self.out.lookup(abs_path, key)
            if hit is not None:
                target, text, parsed = hit
                parsed["source"] = source
                return Outcome(index=index, source=source, payload=text, summary=summarize(parsed),
                               skipped=True, output=str(target))
            task.cache = {"key": key, "file_sha256": file_sha,
                          "input": abs_path, "scorer_version": scorer_version(),
                          "checklist_fingerprint": self.fingerprint, "schema": RESULT_SCHEMA,
                          "scored_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        if self.ship_data:
            task.data = data
        return task

    def prepared(self) -> Iterator[Task | Outcome]:
        for i, p in enumerate(self.paths):
            yield self._prepare(i, p)

    # -- running --------------------------------------------------------------

    def _finish(self, o: Outcome) -> Outcome:
        """Write the result file as soon as an outcome arrives (not when its turn
        to be yielded comes): a killed run loses only what was in flight."""
        if o.ok and self.out is not None and not o.skipped and o.payload is not None:
            try:
                o.output = str(self.out.write(os.path.abspath(o.source), o.payload))
            except OSError as exc:
                raise OutputError(str(self.out.root), f"写入结果文件失败（{_os_reason(exc)}）；"
                                  "已写入的结果完好，重新运行即可继续") from None
        # The cache holds the machine's result; the report's review records (人工复核)
        # are applied on the way out, so editing a review never needs a rescore.
        from scorer.review.apply import review_outcome

        review_outcome(o)
        if o.output is not None and not self.keep_payloads:
            o.payload = None  # it is on disk; 50,000 of them would not fit in memory
        if o.skipped:
            self.skipped += 1
        return o

    def __iter__(self) -> Iterator[Outcome]:
        items = self.prepared()
        if self._executor is None and (self.jobs == 1 or len(self.paths) <= 1):
            for item in items:
                o = item if isinstance(item, Outcome) else self.worker(item)
                yield self._record(self._finish(o))
            return
        yield from self._run_parallel(items)

    def _record(self, o: Outcome) -> Outcome:
        row: dict[str, Any] = {"source": o.source}
        if o.ok:
            row = o.summary if o.summary is not None else row  # shared, not copied: 50,000 rows add up
            row["source"] = o.source
            row["status"] = "skipped" if o.skipped else "scored"
            if o.output and self.out is not None:
                row["result_file"] = os.path.relpath(o.output, self.out.root)
        else:
            row["error"] = o.error
        self.records.append(row)
        return o

    def _run_parallel(self, items: Iterator[Task | Outcome]) -> Iterator[Outcome]:
        pending: dict[cf.Future, list[Task]] = {}
        ready: dict[int, Outcome] = {}
        suspects: list[Task] = []  # in flight when a worker process died
        chunk: list[Task] = []
        next_index = 0
        exhausted = False
        total = len(self.paths)

        def submit(tasks: list[Task]) -> None:
            if self._executor is None:
                self._executor = self._new_pool()
            try:
                pending[self._executor.submit(run_chunk, self.worker, tasks)] = tasks
            except cf.BrokenExecutor:
                suspects.extend(tasks)
                self._replace_broken_pool()

        def collect(fut: cf.Future, tasks: list[Task]) -> bool:
            """Results of a finished chunk into `ready`; False if the pool broke."""
            try:
                outcomes = fut.result()
            except cf.BrokenExecutor:
                suspects.extend(tasks)
                return False
            except Exception as exc:  # e.g. a Dask worker lost for good, or unpicklable
                for t in tasks:
                    ready[t.index] = self._failed(t, exc)
                return True
            for o in outcomes:
                ready[o.index] = self._finish(o)
            return True

        while next_index < total:
            # Keep the workers fed, and results that wait for their turn bounded.
            while not suspects and not exhausted and len(pending) < self.max_chunks and len(ready) < self.ready_limit:
                try:
                    item = next(items)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, Outcome):
                    ready[item.index] = self._finish(item)
                    continue
                chunk.append(item)
                if len(chunk) >= self.chunksize:
                    submit(chunk)
                    chunk = []
            if chunk:  # never hold back a partial chunk (it may hold the next report due)
                submit(chunk)
                chunk = []
            if suspects and not pending:
                # After a crash, run the reports that were in flight one at a time:
                # the one that crashes a worker alone is the culprit.
                task = suspects.pop(0)
                submit([task])
                for fut, tasks in list(pending.items()):
                    cf.wait([fut])
                    del pending[fut]
                    if not collect(fut, tasks):
                        suspects.remove(task)
                        ready[task.index] = Outcome(
                            index=task.index, source=task.source,
                            error=f"{task.source}: 评查时工作进程异常退出（可能内存不足，或文件触发了程序缺陷）")
                        self._replace_broken_pool()
            while next_index in ready:
                yield self._record(ready.pop(next_index))
                next_index += 1
            if next_index >= total:
                continue
            if not pending:
                if exhausted and not suspects and next_index not in ready:  # cannot happen; never spin
                    raise RuntimeError(f"batch lost report #{next_index}")
                continue
            done, _ = cf.wait(list(pending), return_when=cf.FIRST_COMPLETED)
            broken = False
            for fut in done:
                broken |= not collect(fut, pending.pop(fut))
            if broken:
                for fut, tasks in list(pending.items()):  # every future of a broken pool fails
                    suspects.extend(tasks)
                pending.clear()
                suspects.sort(key=lambda t: t.index)
                self._replace_broken_pool()

    def _failed(self, task: Task, exc: BaseException) -> Outcome:
        return Outcome(index=task.index, source=task.source,
                       error=f"{task.source}: 评查任务失败（{type(exc).__name__}: {one_line(str(exc))[:200]}）")

    def _replace_broken_pool(self) -> None:
        if not self._owned:
            raise ScorerError("并行执行器已失效（工作进程异常退出），批量评查中止；已完成的结果已保存")
        try:
            self._executor.shutdown(wait=False, cancel_futures=True)
        except Exception:
            pass
        self._executor = self._new_pool()

    # -- index ----------------------------------------------------------------

    def write_index(self, requested_checklist: str) -> None:
        if self.out is None:
            return
        failed = sum(1 for r in self.records if "error" in r)
        meta = {
            "scorer_version": scorer_version(), "schema": RESULT_SCHEMA, "checklist": requested_checklist,
            "checklist_fingerprint": self.fingerprint,
            "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "inputs": len(self.records), "scored": len(self.records) - failed - self.skipped,
            "skipped": self.skipped, "failed": failed,
        }
        self.out.write_index(meta, self.records)


def run_chunk(worker: Callable[[Task], Outcome], tasks: list[Task]) -> list[Outcome]:
    """What an executor runs: a few reports, each through `worker`."""
    return [worker(t) for t in tasks]


def _read_for_task(source: str) -> bytes | InputError:
    """The file's bytes, with ingest's own checks (missing, folder, pipe, too big,
    empty) done before reading -- so a 50 MB file over the limit is never read."""
    from scorer.analysis.ingest import _read_bytes

    try:
        return _read_bytes(source)
    except InputError as exc:
        return exc


# =========================================================================== convenience for commands


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    skipped: int = 0
    seconds: float = 0.0
    out: Path | None = None

    @property
    def results(self) -> list[ReportResult]:
        return [o.result for o in self.outcomes if o.ok]

    def iter_results(self) -> Iterator[ReportResult]:
        """The good results one at a time, without keeping them: memory stays at
        the size of the JSON payloads, not of all parsed models at once."""
        for o in self.outcomes:
            if o.ok and o.payload is not None:
                yield o.load()

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if not o.ok]

    @property
    def summaries(self) -> list[dict[str, Any]]:
        return [o.summary for o in self.outcomes if o.ok and o.summary]


def score_many(
    paths: list[str],
    checklist: str = "auto",
    *,
    jobs: int | None = None,
    out: str | os.PathLike | None = None,
    quiet: bool = False,
    scheduler: str | None = None,
    executor: cf.Executor | None = None,
    keep_payloads: bool = True,
    worker: Callable[[Task], Outcome] = score_task,
    task_options: dict[str, Any] | None = None,
) -> BatchResult:
    """Run a batch with a progress bar on stderr (only on a terminal, not with
    quiet) and the closing lines (已跳过 N 份（未变化）, where results went).
    keep_payloads=False drops each result's JSON once it is written to `out`
    (national-scale runs: memory stays flat). Raises ScorerError subclasses for
    problems that stop the whole batch (checklist, output folder, scheduler)."""
    from scorer.cli.common import err_console

    client = None
    if scheduler:
        client, executor = connect_scheduler(scheduler)
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    window = None
    if client is not None:  # keep every thread of the cluster busy
        window = max(16, 4 * sum(client.nthreads().values()))
        try:  # warm every worker now rather than with its first report
            client.run(warm_up, _resolve_checklist_arg(checklist))
        except Exception:
            pass  # a worker that cannot warm up reports it per file
    runner = BatchRunner(paths, checklist, jobs=jobs, executor=executor, out=out, ship_data=client is not None,
                         window=window, keep_payloads=keep_payloads, worker=worker, task_options=task_options)
    show = not quiet and sys.stderr.isatty() and len(paths) > 1
    try:
        with runner:
            with _progress(show, len(paths)) as advance:
                for o in runner:
                    outcomes.append(o)
                    advance(o)
            runner.write_index(checklist)
    except KeyboardInterrupt:
        done = sum(1 for o in outcomes if o.ok)
        where = f"，结果已保存在 {out}，重新运行同一命令会跳过已完成的报告" if out is not None else ""
        err_console.print(f"已中断：完成 {done} 份{where}", markup=False)
        raise
    finally:
        if client is not None:
            client.close()
    result = BatchResult(outcomes, skipped=runner.skipped, seconds=time.perf_counter() - started,
                         out=Path(out) if out is not None else None)
    if not quiet and out is not None:
        scored = sum(1 for o in outcomes if o.ok and not o.skipped)
        if runner.skipped:
            err_console.print(f"已跳过 {runner.skipped} 份（未变化）", markup=False)
        err_console.print(
            f"已评查 {scored} 份，失败 {len(result.errors)} 份，用时 {result.seconds:.1f} 秒；"
            f"结果已写入 {out}（{INDEX_NAME}、{SUMMARY_NAME}、{RESULTS_DIR}/）", markup=False)
    return result


class _progress:
    """rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total = enabled, total
        self.bar = None

    def __enter__(self) -> Callable[[Outcome], None]:
        if not self.enabled:
            return lambda o: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
            TimeRemainingColumn

        from scorer.cli.common import err_console

        self.bar = Progress(TextColumn("评查"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("失败 {task.fields[failed]}  跳过 {task.fields[skipped]}"),
                            TextColumn("已用"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                            console=err_console, transient=True, auto_refresh=False)
        # No refresh thread: the bar is redrawn from this thread as results arrive,
        # so that the process pool forks a single-threaded process.
        self.bar.__enter__()
        task = self.bar.add_task("评查", total=self.total, failed=0, skipped=0)
        counts = {"failed": 0, "skipped": 0}
        last = [0.0]

        def advance(o: Outcome) -> None:
            counts["failed"] += not o.ok
            counts["skipped"] += o.skipped
            self.bar.update(task, advance=1, **counts)
            now = time.monotonic()
            if now - last[0] >= 0.1:
                self.bar.refresh()
                last[0] = now

        return advance

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def connect_scheduler(address: str):
    """(Client, executor) for a Dask scheduler, with Chinese errors."""
    try:
        from distributed import Client
    except ImportError:
        raise ScorerError("未安装 Dask，无法使用 --scheduler：请先安装 pip install 'scorer[dask]'") from None
    try:
        client = Client(address, timeout="5s")
    except (OSError, TimeoutError) as exc:
        raise ScorerError(f"无法连接 Dask 调度器 {address}（{type(exc).__name__}），请检查地址和网络") from None
    except ValueError as exc:
        raise ScorerError(f"Dask 调度器地址无效：{address}（{one_line(str(exc))[:100]}）") from None
    return client, client.get_executor(pure=False)
