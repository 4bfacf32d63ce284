"""Running a batch: prepare tasks (cache look-ups), keep work in flight, write each
result as it arrives, and give the outcomes back in input order.

    batch = score_many(paths, checklist="auto", jobs=None, out=None)
    batch.results            # ReportResult per good file, input order
    batch.errors             # one-line Chinese messages for the bad files

`run_batch(...)` is the lower-level generator (no progress, no printing). Nothing
here prints to a terminal by itself: a command passes a progress callback and a
`log` function for the closing lines.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import os
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterator

from scorer.display import one_line, shown
from scorer.errors import InputError, ScorerError
from scorer.models import ReportResult
from scorer.running.executors import LocalPool, connect_scheduler
from scorer.running.output import INDEX_NAME, RESULTS_DIR, SUMMARY_NAME, OutputDir, OutputError, os_reason
from scorer.running.tasks import (
    RESULT_SCHEMA, Outcome, Task, checklist_fingerprint, failed, init_worker, resolve_checklist_arg, score_task,
    scorer_version, summarize, warm_up,
)

MAX_CHUNK = 8  # reports per task on a foreign executor (Dask)
DEFAULT_TIMEOUT = 60.0  # seconds one file may take in a local worker
# Address space a local worker may add to what it has after start-up: a report that
# needs more (an input that inflates to gigabytes) fails alone with MemoryError.
DEFAULT_MEMORY_LIMIT = 1024 * 1024 * 1024

Progress = Callable[[int], ContextManager[Callable[[Outcome], None]]]


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
    timeout: float | None = DEFAULT_TIMEOUT,
    cache_extra: str = "",
) -> Iterator[Outcome]:
    """Outcomes of `paths` in input order, as soon as each is ready in that order.

    By default the reports run in local worker processes (`jobs` of them, default
    os.cpu_count()), each report with a time limit of `timeout` seconds; executor:
    any concurrent.futures.Executor instead (e.g. dask `Client.get_executor()`; no
    time limit there). ship_data sends the file bytes with each task, for workers
    that cannot read the client's paths. With `out`, results are written there as
    they complete and unchanged reports are skipped (`cache_extra` is mixed into the
    cache key: whatever else the worker's output depends on). window: how many
    reports may be in flight on an executor (default 4 per worker).
    keep_payloads=False drops each result's JSON once it is written to `out`.
    worker: a module-level function Task -> Outcome run in the workers (default
    score_task; a command can wrap it to do more per report where the work is, e.g.
    render a PDF), with `task_options` available to it as task.options.
    Raises ChecklistError / OutputError before anything is scored."""
    runner = BatchRunner(paths, checklist, jobs=jobs, executor=executor, out=out, ship_data=ship_data,
                         worker=worker, window=window, keep_payloads=keep_payloads, task_options=task_options,
                         timeout=timeout, cache_extra=cache_extra)
    with runner:
        yield from runner


class BatchRunner:
    """The machinery behind run_batch. A report that fails, hangs or kills its
    worker costs only itself (see executors.LocalPool)."""

    def __init__(self, paths, checklist="auto", *, jobs=None, executor=None, out=None, ship_data=False,
                 worker=score_task, window=None, keep_payloads=True, task_options=None,
                 timeout: float | None = DEFAULT_TIMEOUT, memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
                 max_tasks: int | None = None, cache_extra: str = ""):
        self.paths = list(paths)
        self.checklist = resolve_checklist_arg(checklist)
        self.fingerprint = checklist_fingerprint(self.checklist) if self.paths else ""
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.out = OutputDir(out) if out is not None else None
        self.ship_data = ship_data
        self.worker = worker
        self.task_options = dict(task_options or {})
        self.timeout = timeout
        self.memory_limit = memory_limit
        self.max_tasks = max_tasks
        self.cache_extra = cache_extra
        self._executor: cf.Executor | None = executor
        self._pool: LocalPool | None = None
        workers = self.jobs if executor is None else max(self.jobs, 4)
        window = window or max(4 * workers, 16)  # reports in flight on an executor
        # Several reports per task on an executor: its per-task cost (pickling, the
        # scheduler on Dask) is paid once per chunk.
        self.chunksize = max(1, min(MAX_CHUNK, len(self.paths) // (workers * 16)))
        self.max_chunks = max(2 * workers, -(-window // self.chunksize))
        self.keep_payloads = keep_payloads or out is None
        # Results that arrived before their turn. A slow report at the head holds
        # them back (for at most the time limit); meanwhile the workers keep going.
        self.ready_limit = 1000 if self.keep_payloads else 20000
        self._ready: dict[int, Outcome] = {}
        self.skipped = 0
        self.records: list[dict[str, Any]] = []  # index rows, input order

    # -- lifecycle ------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(cancel=exc_type is not None)
        return False

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.close(cancel=cancel)
            self._pool = None

    # -- preparing tasks ------------------------------------------------------

    def _prepare(self, index: int, source: str) -> Task | Outcome:
        abs_path = os.path.abspath(source)
        task = Task(index=index, source=source, path=abs_path, checklist=self.checklist,
                    fingerprint=self.fingerprint, options=self.task_options)
        data = None
        if self.ship_data or self.out is not None:
            data = read_for_task(source)
            if isinstance(data, InputError):
                return failed(index, source, data.problem)
        if self.out is not None and data is not None:
            file_sha = hashlib.sha256(data).hexdigest()
            extra = f"|{self.cache_extra}" if self.cache_extra else ""
            if self.cache_extra:
                # A rendered report shows the review records (人工复核): a changed record
                # must render it again, while the scoring cache never depends on them.
                from scorer.review import review_file_for

                review = review_file_for(abs_path)
                if review.is_file():
                    extra += f"|review={hashlib.sha256(review.read_bytes()).hexdigest()}"
            key = hashlib.sha256(f"{file_sha}|{self.fingerprint}|schema={RESULT_SCHEMA}{extra}".encode()).hexdigest()
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
                raise OutputError(str(self.out.root), f"写入结果文件失败（{os_reason(exc)}）；"
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
        if self._executor is not None:
            yield from self._in_order(self._run_executor(items))
            return
        if self.paths and sys.platform.startswith("linux"):
            warm_up(self.checklist)  # the workers are forked from this process: they start warm
        self._pool = LocalPool(self.jobs, self.worker, initializer=init_worker, initargs=(self.checklist,),
                               timeout=self.timeout, memory_limit=self.memory_limit, max_tasks=self.max_tasks)
        yield from self._in_order(self._pool.imap_unordered(items, hold=lambda: len(self._ready) >= self.ready_limit))

    def _in_order(self, completions: Iterator[Outcome]) -> Iterator[Outcome]:
        self._ready = {}
        next_index = 0
        for o in completions:
            self._ready[o.index] = self._finish(o)
            while next_index in self._ready:
                yield self._record(self._ready.pop(next_index))
                next_index += 1
        if next_index < len(self.paths):  # cannot happen; never hang or lose a report silently
            raise RuntimeError(f"batch lost report #{next_index}")

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

    def _run_executor(self, items: Iterator[Task | Outcome]) -> Iterator[Outcome]:
        """Outcomes as they complete on a concurrent.futures executor, in chunks."""
        pending: dict[cf.Future, list[Task]] = {}
        chunk: list[Task] = []
        exhausted = False

        def submit(tasks: list[Task]) -> None:
            try:
                pending[self._executor.submit(run_chunk, self.worker, tasks)] = tasks
            except cf.BrokenExecutor:
                raise self._broken() from None

        while True:
            while not exhausted and len(pending) < self.max_chunks and len(self._ready) < self.ready_limit:
                try:
                    item = next(items)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, Outcome):
                    yield item
                    continue
                chunk.append(item)
                if len(chunk) >= self.chunksize:
                    submit(chunk)
                    chunk = []
            if chunk:  # never hold back a partial chunk (it may hold the next report due)
                submit(chunk)
                chunk = []
            if not pending:
                if exhausted:
                    return
                raise RuntimeError("batch stalled with nothing in flight")  # cannot happen; never spin
            done, _ = cf.wait(list(pending), return_when=cf.FIRST_COMPLETED)
            for fut in done:
                tasks = pending.pop(fut)
                try:
                    outcomes = fut.result()
                except cf.BrokenExecutor:
                    raise self._broken() from None
                except Exception as exc:  # e.g. a Dask worker lost for good, or unpicklable
                    outcomes = [self._failed(t, exc) for t in tasks]
                yield from outcomes

    def _failed(self, task: Task, exc: BaseException) -> Outcome:
        return failed(task.index, task.source, f"评查任务失败（{type(exc).__name__}: {one_line(str(exc))[:200]}）")

    @staticmethod
    def _broken() -> ScorerError:
        return ScorerError("并行执行器已失效（工作进程异常退出），批量评查中止；已完成的结果已保存")

    # -- index ----------------------------------------------------------------

    def write_index(self, requested_checklist: str) -> None:
        if self.out is None:
            return
        failed_n = sum(1 for r in self.records if "error" in r)
        meta = {
            "scorer_version": scorer_version(), "schema": RESULT_SCHEMA, "checklist": requested_checklist,
            "checklist_fingerprint": self.fingerprint,
            "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "inputs": len(self.records), "scored": len(self.records) - failed_n - self.skipped,
            "skipped": self.skipped, "failed": failed_n,
        }
        self.out.write_index(meta, self.records)


def run_chunk(worker: Callable[[Task], Outcome], tasks: list[Task]) -> list[Outcome]:
    """What an executor runs: a few reports, each through `worker`."""
    return [worker(t) for t in tasks]


def read_for_task(source: str) -> bytes | InputError:
    """The file's bytes, with ingest's own checks (missing, folder, pipe, too big,
    empty) done before reading -- so a 50 MB file over the limit is never read."""
    from scorer.analysis.ingest import read_report_bytes

    try:
        return read_report_bytes(source)
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
            if o.ok and (o.payload is not None or o.output is not None):
                yield o.load()

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if not o.ok]

    @property
    def summaries(self) -> list[dict[str, Any]]:
        return [o.summary for o in self.outcomes if o.ok and o.summary]


def _stderr_line(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


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
    timeout: float | None = DEFAULT_TIMEOUT,
    max_tasks: int | None = None,
    cache_extra: str = "",
    progress: Progress | None = None,
    log: Callable[[str], None] | None = _stderr_line,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchResult:
    """Run a batch; `progress(total)` (a context manager giving a per-outcome
    callback, e.g. a progress bar) and `on_outcome(o)` see each outcome in input
    order as it becomes ready; `log` gets the closing lines (已跳过 N 份（未变化）,
    where results went) unless quiet or None. keep_payloads=False drops each result's JSON
    once it is written to `out` (national-scale runs: memory stays flat). Raises
    ScorerError subclasses for problems that stop the whole batch (checklist,
    output folder, scheduler)."""
    client = None
    if scheduler:
        client, executor = connect_scheduler(scheduler)
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    window = None
    if client is not None:  # keep every thread of the cluster busy
        window = max(16, 4 * sum(client.nthreads().values()))
        try:  # warm every worker now rather than with its first report
            client.run(warm_up, resolve_checklist_arg(checklist))
        except Exception:
            pass  # a worker that cannot warm up reports it per file
    runner = BatchRunner(paths, checklist, jobs=jobs, executor=executor, out=out, ship_data=client is not None,
                         window=window, keep_payloads=keep_payloads, worker=worker, task_options=task_options,
                         timeout=timeout, max_tasks=max_tasks, cache_extra=cache_extra)
    bar = progress(len(paths)) if progress is not None and not quiet and len(paths) > 1 else nullcontext(None)
    try:
        with runner:
            with bar as advance:
                for o in runner:
                    outcomes.append(o)
                    if advance is not None:
                        advance(o)
                    if on_outcome is not None:
                        on_outcome(o)
            runner.write_index(checklist)
    except KeyboardInterrupt:
        done = sum(1 for o in outcomes if o.ok)
        where = f"，结果已保存在 {shown(str(out))}，重新运行同一命令会跳过已完成的报告" if out is not None else ""
        if log is not None:
            log(f"已中断：完成 {done} 份{where}")
        raise
    finally:
        if client is not None:
            client.close()
    result = BatchResult(outcomes, skipped=runner.skipped, seconds=time.perf_counter() - started,
                         out=Path(out) if out is not None else None)
    if not quiet and out is not None and log is not None:
        scored = sum(1 for o in outcomes if o.ok and not o.skipped)
        if runner.skipped:
            log(f"已跳过 {runner.skipped} 份（未变化）")
        log(f"已评查 {scored} 份，失败 {len(result.errors)} 份，用时 {result.seconds:.1f} 秒；"
            f"结果已写入 {shown(str(out))}（{INDEX_NAME}、{SUMMARY_NAME}、{RESULTS_DIR}/）")
    return result


__all__ = ["BatchResult", "BatchRunner", "DEFAULT_TIMEOUT", "MAX_CHUNK", "read_for_task", "run_batch", "run_chunk",
           "score_many"]
