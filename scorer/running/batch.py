"""Scoring many reports: on all cores, on a Dask cluster, resumably, in input order.

The batch machinery is split by job; this module gathers the public names so that
`from scorer.running.batch import …` keeps working:

    discovery.py  which files a list of names means (folders, patterns, symlinks)
    tasks.py      the unit of work: Task -> score_task -> Outcome; result file format,
                  cache fingerprint, worker warm-up
    executors.py  where work runs: LocalPool (worker processes with a per-file time
                  limit and memory cap) or a Dask cluster
    output.py     the resumable output folder (results/, index.json, summary.csv)
    runner.py     BatchRunner / run_batch / score_many: feeding, caching, ordering

    found = discover(["reports/", "2023/**/*.html"])      # .paths, .errors, .notices
    batch = score_many(found.paths, checklist="auto", jobs=None, out=None)
    batch.results            # ReportResult per good file, input order
    batch.errors             # one-line Chinese messages for the bad files
    for outcome in batch.outcomes: outcome.source, outcome.ok, outcome.result, outcome.error
"""

from __future__ import annotations

from scorer.display import one_line
from scorer.running.discovery import GLOB_CHARS, REPORT_SUFFIXES, Found, collect_inputs, discover
from scorer.running.executors import LocalPool, connect_scheduler
from scorer.running.output import (
    INDEX_NAME, RESULTS_DIR, SUMMARY_NAME, TMP_SUFFIX, OutputDir, OutputError, atomic_write, os_reason,
)
from scorer.running.runner import (
    DEFAULT_TIMEOUT, MAX_CHUNK, BatchResult, BatchRunner, read_for_task, run_batch, run_chunk, score_many,
)
from scorer.running.tasks import (
    RESULT_SCHEMA, Outcome, Task, checklist_fingerprint, code_digest, failed, result_payload, score_task,
    scorer_version, summarize, warm_up,
)

_os_reason = os_reason  # the name report.py used before the split

__all__ = [
    "DEFAULT_TIMEOUT", "GLOB_CHARS", "INDEX_NAME", "MAX_CHUNK", "REPORT_SUFFIXES", "RESULTS_DIR", "RESULT_SCHEMA",
    "SUMMARY_NAME", "TMP_SUFFIX", "BatchResult", "BatchRunner", "Found", "LocalPool", "Outcome", "OutputDir",
    "OutputError", "Task", "atomic_write", "checklist_fingerprint", "code_digest", "collect_inputs",
    "connect_scheduler", "discover", "failed", "one_line", "os_reason", "read_for_task", "result_payload",
    "run_batch", "run_chunk", "score_many", "score_task", "scorer_version", "summarize", "warm_up",
]
