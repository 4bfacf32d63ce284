"""The reports the app serves: the given folders, their scored results, and the
background worker that keeps them scored.

Scoring runs off the request path, in one worker thread (and, for many files, a
pool of worker processes) through the batch runner and its resumable cache
(engine.score_paths). The list of reports lives in memory and in
`<cache>/serve-index.json`: a report whose size and modification time are those
recorded, under the same checklist fingerprint, is taken from the index without
reading it, so a folder of 1,000 scored reports lists at once after a restart.
A changed file is scored again (the batch cache checks its bytes); a report with
review records is shown with the reviewers' verdicts in force.

Only files found inside the folders (real path inside the folder's real path) are
ever known here; the routes serve nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import secrets
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from scorer.errors import ScorerError
from scorer.models import ReportResult, check_suggested
from scorer.serve import engine, reviews

INDEX_NAME = "serve-index.json"
INDEX_SCHEMA = 1
POOL_THRESHOLD = 8  # fewer reports than this are scored in the worker thread itself
START_DELAY = 1.5  # seconds between start-up and the first check of a folder listed from the index
SAVE_EVERY = 100  # write the index after this many newly scored reports (a kill loses little)


def default_cache_dir(folders: list[str], checklist: str = "auto") -> Path:
    """~/.cache/scorer/serve/<digest of the folders>: a cache per set of folders."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = "\n".join(sorted(os.path.realpath(f) for f in folders)) + f"\n{checklist}"
    return Path(base) / "scorer" / "serve" / hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def inside(path: str, root: str) -> bool:
    """True when real path `path` is `root` or below it (both real paths)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def safe_rel(rel: str) -> str | None:
    """A relative path from a URL, normalised, or None if it could leave its folder
    (.., absolute, backslashes, NUL, empty)."""
    if not rel or "\\" in rel or "\0" in rel or rel.startswith("/"):
        return None
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None
    return posixpath.normpath(rel)


# =========================================================================== entries


def summarize(data: dict[str, Any], machine: bool = False) -> dict[str, Any]:
    """The list row of a report from its result (the JSON dict of a ReportResult):
    the verdicts in force, or with machine=True the machine's own."""

    def status(it: dict[str, Any]) -> str | None:
        return (it.get("machine_status") or it.get("status")) if machine else it.get("status")

    counts = {"covered": 0, "partial": 0, "missing": 0, "not_applicable": 0}
    to_check = 0  # covered on weak evidence (建议核对) and not settled by a reviewer
    for it in data.get("items") or []:
        if status(it) in counts:
            counts[status(it)] += 1
        review = None if machine else it.get("review")
        to_check += check_suggested(status(it), bool(it.get("needs_check")),
                                    None if not review else bool(review.get("stale")))
    checklist = data.get("checklist") or {}
    score = data.get("score")
    if machine and data.get("machine_score") is not None:
        score = data["machine_score"]
    return {
        "title": data.get("title"), "jurisdiction": data.get("jurisdiction"),
        "jurisdiction_kind": data.get("jurisdiction_kind") or "unknown", "year": data.get("year"),
        "published": data.get("published"), "checklist": checklist.get("id"),
        "checklist_title": checklist.get("title"), "score": score, **counts, "to_check": to_check,
        "structure": [[s.get("id"), status(s), bool(s.get("advisory"))] for s in data.get("structure") or []],
        "is_report": data.get("is_report", True), "warnings": len(data.get("warnings") or []),
    }


@dataclass
class Entry:
    """One report file of a folder, as the list shows it."""

    folder: int
    rel: str  # path inside its folder, with /
    source: str  # the path as the batch runner was given it (folder as typed + rel)
    size: int
    mtime_ns: int
    result_file: str | None = None
    error: str | None = None  # one line of Chinese, as the CLI prints it
    machine: dict[str, Any] | None = None  # summarize() of the machine's result
    shown: dict[str, Any] | None = None  # the same with the review records applied
    review_mtime: int | None = None  # mtime_ns of the review file `shown` was made with
    review: dict[str, int] = field(default_factory=dict)  # reviewed / changed / stale
    review_error: str | None = None

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.rel}"

    @property
    def row(self) -> dict[str, Any]:
        return self.shown or self.machine or {}

    @property
    def review_state(self) -> str:
        return reviews.ReviewState(**self.review).key if self.review else "none"


@dataclass
class Progress:
    state: str = "idle"  # idle | scanning | scoring
    total: int = 0
    done: int = 0
    failed: int = 0
    message: str = ""  # a problem that stopped scoring (Chinese)
    started: float = 0.0
    finished: float = 0.0
    scans: int = 0  # completed scans

    @property
    def running(self) -> bool:
        return self.state != "idle"


# =========================================================================== the library


class Library:
    def __init__(self, folders: list[str], cache_dir: str | os.PathLike, checklist: str = "auto", *,
                 jobs: int | None = None, rescan_seconds: float = 30.0):
        self.folders = [str(f) for f in folders]
        self.roots = [os.path.realpath(f) for f in self.folders]
        # How the folders are named on the pages: as the user gave them ("." by its name).
        self.names = [f.rstrip("/\\") if f.rstrip("/\\") not in ("", ".", "..") else (Path(r).name or r)
                      for f, r in zip(self.folders, self.roots)]
        self.cache_dir = Path(cache_dir)
        self.checklist = checklist
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.rescan_seconds = rescan_seconds
        self.lock = threading.RLock()
        self.entries: dict[str, Entry] = {}
        self.version = 0  # bumped whenever the list changes
        self.progress = Progress()
        self.fingerprint = ""
        self._uploading: set[str] = set()  # real paths being written by an upload
        # Scoring in this process (a few files, or an upload) happens one report at a
        # time: the analysis modules keep per-process state (jieba, checklist caches).
        self._inproc = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._results: OrderedDict[tuple, ReportResult] = OrderedDict()
        self._texts: OrderedDict[tuple, str] = OrderedDict()
        self._load_index()

    # -- index on disk ------------------------------------------------------

    def _index_path(self) -> Path:
        return self.cache_dir / INDEX_NAME

    def _load_index(self) -> None:
        try:
            data = json.loads(self._index_path().read_text("utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("schema") != INDEX_SCHEMA \
                or data.get("folders") != self.roots or data.get("checklist") != self.checklist:
            return
        self.fingerprint = data.get("fingerprint") or ""
        for raw in data.get("entries") or []:
            try:
                e = Entry(**raw)
            except TypeError:
                continue
            if 0 <= e.folder < len(self.folders) and safe_rel(e.rel) == e.rel:
                self.entries[e.id] = e
        self.version += 1

    def save_index(self) -> None:
        with self.lock:
            data = {"schema": INDEX_SCHEMA, "folders": self.roots, "checklist": self.checklist,
                    "fingerprint": self.fingerprint, "entries": [dict(vars(e)) for e in self.entries.values()]}
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = self._index_path().with_name(f".{INDEX_NAME}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            tmp.write_bytes(body)
            os.replace(tmp, self._index_path())
        except OSError:
            tmp.unlink(missing_ok=True)

    # -- the worker thread --------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="scorer-serve-scan", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def request_scan(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        if self.entries:
            # The list is there from the index: answer the first page views first, then
            # check the folders (loading the checklists takes the interpreter a while).
            with self.lock:
                self.progress.state = "scanning"
            self._wake.wait(START_DELAY)
            self._wake.clear()
        while not self._stop.is_set():
            try:
                self.scan()
            except Exception as exc:  # never let the worker die: say what happened on the page
                with self.lock:
                    self.progress.message = f"评查中断：{type(exc).__name__}: {str(exc)[:200]}"
                    self.progress.state = "idle"
            self._wake.wait(self.rescan_seconds)
            self._wake.clear()

    # -- scanning -----------------------------------------------------------

    def _found(self) -> Iterator[tuple[int, str, str, os.stat_result]]:
        """(folder, source, rel, stat) of every report file now in the folders (a file
        in two of them, when one folder is inside another, is listed once)."""
        seen: set[str] = set()
        for i, folder in enumerate(self.folders):
            root = self.roots[i]
            for source in engine.report_files(folder):
                real = os.path.realpath(source)
                if not inside(real, root) or real in self._uploading or real in seen:
                    continue  # a link to somewhere else is never served
                seen.add(real)
                try:
                    st = os.stat(source)
                except OSError:
                    continue
                rel = os.path.relpath(os.path.abspath(source), os.path.abspath(folder)).replace(os.sep, "/")
                if safe_rel(rel) != rel:
                    continue
                yield i, source, rel, st

    def scan(self) -> None:
        """Bring the list up to date with the folders: score new and changed files,
        drop removed ones, re-apply review files that changed."""
        with self.lock:
            self.progress.state = "scanning"
        try:
            fingerprint = engine.fingerprint(self.checklist)
        except ScorerError as exc:
            message = f"检查清单无法加载，未评查：{str(exc).splitlines()[0]}"
            with self.lock:
                if message != self.progress.message:
                    print(f"错误：{message}", file=sys.stderr, flush=True)
                self.progress.message = message
                self.progress.state = "idle"
            return
        found = list(self._found())
        with self.lock:
            self.progress.message = ""
        todo: list[Entry] = []
        changed = False
        with self.lock:
            same_rules = fingerprint == self.fingerprint
            self.fingerprint = fingerprint
            present = set()
            for i, source, rel, st in found:
                e = self.entries.get(f"{i}/{rel}")
                present.add(f"{i}/{rel}")
                fresh = (e is not None and same_rules and e.size == st.st_size and e.mtime_ns == st.st_mtime_ns
                         and (e.error is not None or (e.result_file and os.path.exists(e.result_file))))
                if not fresh:
                    todo.append(Entry(folder=i, rel=rel, source=source, size=st.st_size, mtime_ns=st.st_mtime_ns))
            for key in [k for k in self.entries if k not in present]:
                del self.entries[key]
                changed = True
            self.progress.total, self.progress.done, self.progress.failed = len(todo), 0, 0
            self.progress.started = time.time()
            if todo:
                self.progress.state = "scoring"
        if todo:
            self._score(todo)
            changed = True
        changed |= self._refresh_reviews()
        with self.lock:
            if changed:
                self.version += 1
            self.progress.state = "idle"
            self.progress.finished = time.time()
            self.progress.scans += 1
        if changed or not self._index_path().exists():
            self.save_index()

    def _score(self, todo: list[Entry]) -> None:
        pool = engine.new_pool(min(self.jobs, len(todo)), self.checklist) \
            if len(todo) >= POOL_THRESHOLD and self.jobs > 1 else None
        by_source = {e.source: e for e in todo}
        since_save = 0
        held = pool is None and self._inproc.acquire()
        try:
            for scored in engine.score_paths([e.source for e in todo], str(self.cache_dir / "folders"),
                                             self.checklist, executor=pool):
                e = by_source[scored.source]
                self._fill(e, scored)
                with self.lock:
                    current = self.entries.get(e.id)
                    if current is None or current.mtime_ns <= e.mtime_ns:  # an upload may have replaced it
                        self.entries[e.id] = e
                    self.progress.done += 1
                    self.progress.failed += e.error is not None
                    self.version += 1
                since_save += 1
                if since_save >= SAVE_EVERY:
                    self.save_index()
                    since_save = 0
                if self._stop.is_set():
                    break
        except ScorerError as exc:
            with self.lock:
                self.progress.message = f"评查中断：{str(exc).splitlines()[0]}"
        finally:
            if held:
                self._inproc.release()
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    def _fill(self, e: Entry, scored: engine.Scored) -> None:
        e.error, e.result_file = scored.error, scored.result_file
        data = scored.data
        if e.error is not None and e.result_file and reviews.is_review_problem(e.source, e.error):
            # The report scored; its review file is broken. The batch runner turns that
            # into an error; here the report stays listed with the machine's verdicts
            # and the problem is shown beside it.
            try:
                data = json.loads(Path(e.result_file).read_bytes())
                e.error = None
            except (OSError, ValueError):
                pass
        e.machine = summarize(data, machine=True) if data is not None and e.error is None else None
        e.shown, e.review, e.review_mtime, e.review_error = None, {}, None, None
        if e.error is None:
            self._apply_review_file(e)

    def _refresh_reviews(self) -> bool:
        """Re-apply the review files that appeared, changed or went away."""
        changed = False
        with self.lock:
            entries = [e for e in self.entries.values() if e.error is None]
        for e in entries:
            if reviews.review_mtime(e.source) != e.review_mtime:
                self._apply_review_file(e)
                changed = True
        return changed

    def _apply_review_file(self, e: Entry) -> None:
        mtime = reviews.review_mtime(e.source)
        e.review_mtime = mtime
        if mtime is None:
            e.shown, e.review, e.review_error = None, {}, None
            return
        try:
            result = reviews.in_force(self.machine_result(e), e.source)
        except (ScorerError, OSError, ValueError) as exc:
            e.shown, e.review = None, {}
            e.review_error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return
        e.shown = summarize(result.model_dump(mode="json"))
        st = reviews.state(result)
        e.review = {"reviewed": st.reviewed, "changed": st.changed, "stale": st.stale}
        e.review_error = None

    # -- look-ups for the routes ---------------------------------------------

    def snapshot(self) -> tuple[int, list[Entry]]:
        with self.lock:
            return self.version, list(self.entries.values())

    def get(self, folder: int, rel: str) -> Entry | None:
        """The report at folder/rel, or None; never anything outside the folders."""
        rel = safe_rel(rel)
        if rel is None or not 0 <= folder < len(self.folders):
            return None
        with self.lock:
            return self.entries.get(f"{folder}/{rel}")

    def display_path(self, e: Entry) -> str:
        return f"{self.names[e.folder]}/{e.rel}"

    def machine_result(self, e: Entry) -> ReportResult:
        """The machine's result of a scored report, from the batch cache."""
        if e.result_file is None:
            raise ScorerError(f"{e.source}: 尚未评查")
        st = os.stat(e.result_file)
        key = (e.result_file, st.st_mtime_ns, st.st_size)
        with self.lock:
            hit = self._results.get(key)
            if hit is not None:
                self._results.move_to_end(key)
                return hit.model_copy(deep=True)
        result = ReportResult.model_validate_json(Path(e.result_file).read_bytes())
        result.source = e.source
        with self.lock:
            self._results[key] = result
            while len(self._results) > 16:
                self._results.popitem(last=False)
        return result.model_copy(deep=True)

    def result(self, e: Entry) -> ReportResult:
        """The result in force: the machine's with the review records applied."""
        return reviews.in_force(self.machine_result(e), e.source)

    def text(self, e: Entry) -> str:
        """The cleaned text of a report (what the evidence offsets index into)."""
        from scorer.analysis.ingest import load_document

        key = (e.source, e.size, e.mtime_ns)
        with self.lock:
            if key in self._texts:
                self._texts.move_to_end(key)
                return self._texts[key]
        text = load_document(e.source).text
        with self.lock:
            self._texts[key] = text
            while len(self._texts) > 8:
                self._texts.popitem(last=False)
        return text

    def reviews_changed(self, e: Entry) -> None:
        """After a review record was written from the app: update the row at once."""
        self._apply_review_file(e)
        with self.lock:
            self.version += 1
        self.save_index()

    # -- uploads ------------------------------------------------------------

    def add_upload(self, folder: int, filename: str, data: bytes) -> tuple[Entry | None, str | None]:
        """Save an uploaded report into folder `folder` and score it. Returns the new
        entry, or the one-line error the CLI would print for that file (the file is
        then not kept)."""
        name = clean_filename(filename)
        shown = name or (filename or "上传的文件")
        suffix = Path(name).suffix.lower()
        if not name or suffix not in engine.UPLOAD_SUFFIXES:
            return None, f"{shown}: 不支持的文件类型（可上传 .txt .html .docx .pdf）"
        if not data:
            return None, f"{shown}: 文件为空"
        root = self.folders[folder]
        with self.lock:
            try:
                target = unique_path(Path(root), name)
            except OSError as exc:
                return None, f"{shown}: 无法保存到文件夹 {self.names[folder]}（{exc.strerror or type(exc).__name__}）"
            real = os.path.realpath(target)
            self._uploading.add(real)
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.upload")
        try:
            try:
                tmp.write_bytes(data)
                os.replace(tmp, target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                target.unlink(missing_ok=True)
                return None, f"{shown}: 无法保存到文件夹 {self.names[folder]}（{exc.strerror or type(exc).__name__}）"
            source = os.path.join(root, target.name)
            st = os.stat(source)
            e = Entry(folder=folder, rel=target.name, source=source, size=st.st_size, mtime_ns=st.st_mtime_ns)
            try:
                # Its own cache folder: a batch runner clears the temp files it finds
                # in its folder, which must not be those of the scan running meanwhile.
                with self._inproc:
                    scored = next(engine.score_paths([source], str(self.cache_dir / "uploads"), self.checklist))
            except ScorerError as exc:
                scored = engine.Scored(source, None, f"{source}: {str(exc).splitlines()[0]}", None)
            if scored.error is not None:
                target.unlink(missing_ok=True)
                problem = scored.error[len(source) + 2:] if scored.error.startswith(source + ": ") else scored.error
                return None, f"{shown}: {problem}"
            self._fill(e, scored)
            with self.lock:
                self.entries[e.id] = e
                self.version += 1
        finally:
            with self.lock:
                self._uploading.discard(real)
        self.save_index()
        return e, None


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def clean_filename(name: str) -> str:
    """The last component of an uploaded file's name, without characters that are
    unsafe in a file name; never hidden, never a path."""
    name = (name or "").replace("\\", "/").split("/")[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if len(name.encode("utf-8")) > 200:
        stem, suffix = os.path.splitext(name)
        name = stem.encode("utf-8")[:180].decode("utf-8", "ignore") + suffix
    return name


def unique_path(folder: Path, name: str) -> Path:
    """folder/name, or folder/name-2, -3 … when taken (an upload never replaces a
    file). The name is claimed by creating the file empty (O_EXCL), so two uploads
    of the same name at once get different names."""
    stem, suffix = os.path.splitext(name)
    n = 1
    while True:
        target = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            n += 1
            continue
        os.close(fd)
        return target


__all__ = ["Entry", "Library", "Progress", "clean_filename", "default_cache_dir", "inside", "safe_rel",
           "summarize", "unique_path"]
