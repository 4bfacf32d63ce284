"""The only door from the web app to the batch machinery (scorer/running/).

Everything the app needs from batch scoring goes through the few functions here,
which use only the batch module's public names (collect_inputs, run_batch,
checklist_fingerprint, warm_up, REPORT_SUFFIXES): when that module is split or
renamed, this file is the one to adjust.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
from dataclasses import dataclass
from typing import Any, Iterator

from scorer.running import batch as _batch

REPORT_SUFFIXES = frozenset(_batch.REPORT_SUFFIXES)
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


@dataclass
class Scored:
    """One report's outcome: the result JSON (as parsed dict) or a one-line Chinese error."""

    source: str
    data: dict[str, Any] | None
    error: str | None
    result_file: str | None


def report_files(folder: str) -> list[str]:
    """The report files inside `folder`, as the CLI finds them (sorted, hidden skipped)."""
    paths, _errors = _batch.collect_inputs([folder])
    return paths


def fingerprint(checklist: str = "auto") -> str:
    """What a result depends on besides the file's bytes (checklists, scorer code)."""
    return _batch.checklist_fingerprint(checklist)


def _init_pool_worker(checklist: str) -> None:
    # Ctrl-C on the server goes to the whole process group: the workers leave it to
    # the server (which shuts them down) instead of printing a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _batch.warm_up(checklist)
    except Exception:  # a broken checklist is reported per file, with its name
        pass


def new_pool(jobs: int, checklist: str = "auto") -> cf.Executor:
    """Worker processes for a large folder. The server has several threads, so the
    workers are started by a fresh single-threaded forkserver, not forked from it."""
    ctx = multiprocessing.get_context("forkserver") if hasattr(os, "fork") else multiprocessing.get_context("spawn")
    return cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_pool_worker,
                                  initargs=(checklist,))


def score_paths(paths: list[str], cache_dir: str, checklist: str = "auto", *,
                executor: cf.Executor | None = None) -> Iterator[Scored]:
    """Score `paths` (in order) through the batch runner, with its resumable cache
    in `cache_dir`: an unchanged report is read back from there, not scored again.
    In-process without an executor. Raises ScorerError for a broken checklist or an
    unwritable cache folder."""
    import json

    jobs = 1 if executor is None else None
    for o in _batch.run_batch(paths, checklist, jobs=jobs, executor=executor, out=cache_dir):
        data = None
        if o.ok and o.payload is not None:
            data = json.loads(o.payload)
        yield Scored(source=o.source, data=data, error=o.error, result_file=o.output)


def warm_up(checklist: str = "auto") -> None:
    _batch.warm_up(checklist)
