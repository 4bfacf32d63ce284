"""Batch scoring: folders and globs, all cores, input order, bad files listed at the
end, a resumable output folder that survives kill -9, any concurrent.futures
executor (a Dask cluster among them)."""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import ROOT, SEEDS, run_scorer
from scorer.running.batch import OutputDir, Outcome, Task, collect_inputs, connect_scheduler, run_batch, score_task
from scorer.errors import ScorerError

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def make_corpus(folder: Path, n: int, prefix: str = "r") -> list[Path]:
    """n distinct seed-size reports (each copy gets its own closing line)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        src = SEED_FILES[i % len(SEED_FILES)]
        p = folder / f"{prefix}{i:04d}-{src.name}"
        p.write_text(src.read_text(encoding="utf-8") + f"\n（样本 {i}）\n", encoding="utf-8")
        paths.append(p)
    return paths


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("错误：")]


def result_files(out: Path) -> list[Path]:
    return sorted((out / "results").glob("*.json"))


# --------------------------------------------------------------------------- inputs


def test_collect_inputs_folders_globs_and_duplicates(tmp_path):
    make_corpus(tmp_path / "a" / "sub", 2)
    (tmp_path / "a" / "notes.csv").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "x.txt").write_text("x")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.html").write_text("<html></html>")
    paths, errors = collect_inputs([
        str(tmp_path / "a"),
        str(tmp_path / "**" / "*.txt"),  # quoted: the shell did not expand it; same files again
        str(tmp_path / "b" / "*.htm*"),
        str(tmp_path / "nothing" / "*.txt"),
        str(tmp_path / "missing.txt"),
    ])
    names = [Path(p).name for p in paths]
    assert names == ["r0000-changzhou-jintan-2018.txt", "r0001-huaian-hongze-2023.txt", "one.html", "missing.txt"]
    assert len(errors) == 1 and "nothing" in errors[0] and "没有匹配" in errors[0]


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    paths, errors = collect_inputs([str(tmp_path / "empty")])
    assert paths == [] and "没有可评查的报告文件" in errors[0]


# --------------------------------------------------------------------------- order, parallelism, bad files


def _json_of(outcomes: list[Outcome]) -> list[dict]:
    return [json.loads(o.result.model_dump_json()) if o.ok else {"error": o.error} for o in outcomes]


def test_parallel_results_equal_serial_and_keep_input_order(tmp_path):
    paths = [str(p) for p in make_corpus(tmp_path, 12)]
    paths.insert(5, str(tmp_path / "缺失的报告.txt"))
    serial = list(run_batch(paths, jobs=1))
    parallel = list(run_batch(paths, jobs=2, window=4))
    assert [o.source for o in parallel] == paths
    assert [o.index for o in parallel] == list(range(len(paths)))
    assert _json_of(serial) == _json_of(parallel)
    assert not parallel[5].ok and parallel[5].error == f"{paths[5]}: 文件不存在"
    assert all(o.ok for i, o in enumerate(parallel) if i != 5)


def test_batch_results_are_exactly_those_of_score_file(tmp_path):
    from scorer.cli.common import result_json
    from scorer.analysis.pipeline import score_file

    paths = [str(p) for p in SEED_FILES]
    for o in run_batch(paths, jobs=2):
        direct = score_file(o.source)
        assert o.result == direct
        assert result_json(o.result) == result_json(direct)


def test_any_executor_can_run_the_batch(tmp_path):
    paths = [str(p) for p in make_corpus(tmp_path, 4)]
    with cf.ThreadPoolExecutor(2) as ex:
        via_threads = list(run_batch(paths, executor=ex))
    assert _json_of(via_threads) == _json_of(list(run_batch(paths, jobs=1)))
    # Workers on other machines get the bytes with the task (ship_data).
    with cf.ThreadPoolExecutor(2) as ex:
        shipped = list(run_batch(paths, executor=ex, ship_data=True))
    assert _json_of(shipped) == _json_of(via_threads)


def test_worker_outcomes_are_small_and_picklable(tmp_path):
    import pickle

    (p,) = make_corpus(tmp_path, 1)
    task = Task(index=0, source=str(p), path=str(p), checklist="auto", fingerprint="")
    from scorer.running.batch import checklist_fingerprint

    task.fingerprint = checklist_fingerprint("auto")
    o = score_task(task)
    assert o.ok and o.result.source == str(p)
    blob = pickle.dumps(o)
    assert len(blob) < 200_000
    back = pickle.loads(blob)
    assert back.result == o.result
    # A bad file comes back as data, not as an exception.
    bad = score_task(Task(index=1, source="nope.txt", path="/nonexistent/nope.txt", checklist="auto",
                          fingerprint=task.fingerprint))
    assert bad.error == "nope.txt: 文件不存在"
    # A worker whose checklists differ from the client's refuses rather than mixing versions.
    task.fingerprint = "0" * 64
    assert "与开始评查时不同" in score_task(task).error


def crash_on_marked_file(task: Task) -> Outcome:
    """A worker that dies hard (as on a segfault or the OOM killer) on one file."""
    if "CRASH" in task.source:
        os._exit(3)
    return score_task(task)


@pytest.mark.parametrize("n", [8, 100])  # one report per task, and several (chunks)
def test_a_worker_process_dying_fails_only_its_file(tmp_path, n):
    paths = [str(p) for p in make_corpus(tmp_path, n)]
    paths.insert(3, str(make_corpus(tmp_path, 1, prefix="CRASH")[0]))
    outcomes = list(run_batch(paths, jobs=2, worker=crash_on_marked_file))
    assert [o.source for o in outcomes] == paths
    bad = [o for o in outcomes if not o.ok]
    assert len(bad) == 1 and "CRASH" in bad[0].source and "异常退出" in bad[0].error
    assert sum(o.ok for o in outcomes) == n


def test_cli_batch_lists_bad_files_at_the_end_and_exits_2(tmp_path):
    corpus = make_corpus(tmp_path / "in", 6)
    (tmp_path / "in" / "空.txt").write_bytes(b"")
    proc = run_scorer("score", tmp_path / "in", "--format", "json", "--jobs", "2")
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["source"] for d in data] == [str(p) for p in corpus]
    errs = error_lines(proc.stderr)
    assert errs == [f"错误：{tmp_path / 'in' / '空.txt'}: 文件为空"]
    assert "1 个文件未能评查" in proc.stderr


def test_cli_jobs_do_not_change_the_output(tmp_path):
    make_corpus(tmp_path, 5)
    one = run_scorer("score", str(tmp_path / "*.txt"), "--format", "json", "--jobs", "1")
    two = run_scorer("score", str(tmp_path / "*.txt"), "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout and len(json.loads(one.stdout)) == 5


# --------------------------------------------------------------------------- progress bar


def _run_with_tty_stderr(*args: str) -> str:
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="120")
    proc = subprocess.Popen([sys.executable, "-m", "scorer", *args], stdout=subprocess.DEVNULL,
                            stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path):
    make_corpus(tmp_path, 4)
    on_tty = _run_with_tty_stderr("score", str(tmp_path), "--format", "json", "--jobs", "2")
    assert "评查" in on_tty and "4/4" in on_tty
    quiet = _run_with_tty_stderr("score", str(tmp_path), "--format", "json", "--quiet")
    assert "4/4" not in quiet and "评查 " not in quiet
    piped = run_scorer("score", tmp_path, "--format", "json")
    assert piped.returncode == 0 and piped.stderr == ""


# --------------------------------------------------------------------------- resumable output folder


def test_out_folder_results_index_and_skip_unchanged(tmp_path):
    corpus = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "out"
    first = run_scorer("score", tmp_path / "in", "--out", out, "--jobs", "2")
    assert first.returncode == 0, first.stderr
    files = result_files(out)
    assert len(files) == 6
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [r["source"] for r in index["reports"]] == [str(p) for p in corpus]
    assert index["scored"] == 6 and index["skipped"] == 0 and index["failed"] == 0
    for row in index["reports"]:
        stored = json.loads((out / row["result_file"]).read_text(encoding="utf-8"))
        assert stored["source"] == row["source"] and stored["score"] == row["score"]
        assert len(stored["cache"]["key"]) == 64 and stored["sections"]
    assert (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("报告,地区")
    assert "汇总" in first.stdout

    mtimes = {p: p.stat().st_mtime_ns for p in files}
    time.sleep(0.01)
    again = run_scorer("score", tmp_path / "in", "--out", out, "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert "已跳过 6 份（未变化）" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in result_files(out)} == mtimes

    # Change one report: only it is scored again.
    changed = corpus[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "全年办理行政复议案件12件。\n", encoding="utf-8")
    third = run_scorer("score", tmp_path / "in", "--out", out, "--format", "json")
    assert third.returncode == 0, third.stderr
    assert "已跳过 5 份（未变化）" in third.stderr and "已评查 1 份" in third.stderr
    now = {p: p.stat().st_mtime_ns for p in result_files(out)}
    moved = [p for p in now if now[p] != mtimes[p]]
    assert len(moved) == 1 and moved[0].name.startswith(changed.stem)
    rows = json.loads(third.stdout)
    assert [r["source"] for r in rows] == [str(p) for p in corpus]


def test_cached_results_equal_fresh_ones(tmp_path):
    paths = [str(p) for p in make_corpus(tmp_path / "in", 3)]
    fresh = list(run_batch(paths, jobs=1, out=tmp_path / "out"))
    cached = list(run_batch(paths, jobs=1, out=tmp_path / "out"))
    assert all(o.skipped for o in cached) and not any(o.skipped for o in fresh)
    assert _json_of(cached) == _json_of(fresh)


def test_a_different_checklist_invalidates_the_cache(tmp_path):
    paths = [str(p) for p in make_corpus(tmp_path / "in", 2)]
    from scorer.checklist.load import load_checklist, shipped_checklists

    # A local copy of a shipped outline, then an edit to it.
    base = next(p for name, p in shipped_checklists().items() if load_checklist(name).spec.kind == "outline")
    custom = tmp_path / "mine.yaml"
    custom.write_text(base.read_text(encoding="utf-8"), encoding="utf-8")
    list(run_batch(paths, str(custom), jobs=1, out=tmp_path / "out"))
    assert all(o.skipped for o in run_batch(paths, str(custom), jobs=1, out=tmp_path / "out"))
    text = custom.read_text(encoding="utf-8").replace("title:", "title: 改", 1)
    custom.write_text(text, encoding="utf-8")
    assert not any(o.skipped for o in run_batch(paths, str(custom), jobs=1, out=tmp_path / "out"))


def test_damaged_result_file_is_scored_again(tmp_path):
    paths = [str(p) for p in make_corpus(tmp_path / "in", 2)]
    list(run_batch(paths, jobs=1, out=tmp_path / "out"))
    victim = result_files(tmp_path / "out")[0]
    victim.write_text('{"cache": {"key": "', encoding="utf-8")  # half a file, as a crash on another tool could leave
    outcomes = list(run_batch(paths, jobs=1, out=tmp_path / "out"))
    assert sum(o.skipped for o in outcomes) == 1
    json.loads(victim.read_text(encoding="utf-8"))


def test_killed_run_leaves_no_partial_json_and_resumes(tmp_path):
    n = 400
    make_corpus(tmp_path / "in", n)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "scorer", "score", str(tmp_path / "in"), "--out", str(out),
                             "--jobs", "2", "--quiet"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list((out / "results").glob("*.json"))) < 20:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its worker processes, mid-write or not
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = result_files(out)
    assert 20 <= len(done) < n, "the run was not killed midway"
    for p in done:  # every visible result is complete
        data = json.loads(p.read_text(encoding="utf-8"))
        assert data["cache"]["key"] and data["items"] is not None
    assert not (out / "index.json").exists()

    again = run_scorer("score", tmp_path / "in", "--out", out, "--jobs", "2", "--format", "json", timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"已跳过 {len(done)} 份（未变化）" in again.stderr
    assert len(result_files(out)) == n
    assert not [p for p in (out / "results").iterdir() if not p.name.endswith(".json")]  # temp files cleaned
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["inputs"] == n and index["failed"] == 0 and index["skipped"] == len(done)


def test_out_folder_inside_a_file_is_refused_before_scoring(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("原有内容", encoding="utf-8")
    with pytest.raises(ScorerError, match="无法写入输出文件夹"):
        OutputDir(blocker / "sub")
    assert blocker.read_text(encoding="utf-8") == "原有内容"


# --------------------------------------------------------------------------- Dask


def test_scheduler_errors_are_chinese(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask were not installed
    with pytest.raises(ScorerError, match="未安装 Dask"):
        connect_scheduler("tcp://127.0.0.1:1")


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed", reason="Dask 未安装（可选依赖 scorer[dask]）")
    t0 = time.monotonic()
    proc = run_scorer("score", SEED_FILES[0], "--scheduler", "tcp://127.0.0.1:9", timeout=60)
    assert proc.returncode == 2
    errs = error_lines(proc.stderr)
    assert len(errs) == 1 and "无法连接 Dask 调度器 tcp://127.0.0.1:9" in errs[0], proc.stderr
    assert "Traceback" not in proc.stderr and time.monotonic() - t0 < 30


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed", reason="Dask 未安装（可选依赖 scorer[dask]）")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None, silence_logs=40)
    try:
        yield cluster
    finally:
        cluster.close()


def test_dask_cluster_runs_the_same_batch(tmp_path, dask_cluster):
    from distributed import Client

    paths = [str(p) for p in make_corpus(tmp_path, 6)]
    paths.insert(2, str(tmp_path / "缺失.txt"))
    local = list(run_batch(paths, jobs=1))
    with Client(dask_cluster.scheduler_address) as client:
        # Paths the workers can read (same machine / shared storage) ...
        on_dask = list(run_batch(paths, executor=client.get_executor(pure=False)))
        # ... or the bytes shipped with each task (workers elsewhere).
        shipped = list(run_batch(paths, executor=client.get_executor(pure=False), ship_data=True))
        pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2
    assert _json_of(on_dask) == _json_of(local) == _json_of(shipped)
    assert on_dask[2].error == f"{paths[2]}: 文件不存在"


def test_cli_scheduler_option(tmp_path, dask_cluster):
    make_corpus(tmp_path / "in", 4)
    (tmp_path / "in" / "坏.txt").write_bytes(b"\x00\x01" * 300)
    proc = run_scorer("score", tmp_path / "in", "--scheduler", dask_cluster.scheduler_address,
                      "--format", "json", "--out", tmp_path / "out")
    assert proc.returncode == 2, proc.stderr
    assert len(json.loads(proc.stdout)) == 4 and len(result_files(tmp_path / "out")) == 4
    assert error_lines(proc.stderr) == [f"错误：{tmp_path / 'in' / '坏.txt'}: 二进制文件，不是可识别的文本、HTML、Word 或 PDF 报告"]
    local = run_scorer("score", tmp_path / "in" / "r0001-huaian-hongze-2023.txt", "--format", "json")
    stored = json.loads(next((tmp_path / "out" / "results").glob("r0001-*.json")).read_text(encoding="utf-8"))
    assert {k: v for k, v in stored.items() if k not in ("cache", "sections")} == json.loads(local.stdout)[0]


def test_streamed_json_array_is_byte_identical_to_json_dumps(capsys):
    from scorer.cli.score import write_json_array

    for data in ([], [{}], [{"a": [1, {"b": "两行\n文字"}], "c": None}], [{"a": 1.5}, {"b": []}, [], {"d": {}}]):
        write_json_array(iter(data))
        assert capsys.readouterr().out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_marker_after_scoring(task: Task) -> Outcome:
    """What `scorer report` can do: more work per report, in the worker, with options."""
    o = score_task(task)
    if o.ok:
        r = o.load()
        Path(task.options["dir"], Path(task.source).stem + ".done").write_text(f"{r.score}", encoding="utf-8")
    return o


def test_commands_can_run_their_own_per_report_work_in_the_workers(tmp_path):
    paths = [str(p) for p in make_corpus(tmp_path / "in", 5)]
    (tmp_path / "pdf").mkdir()
    outcomes = list(run_batch(paths, jobs=2, worker=write_marker_after_scoring,
                              task_options={"dir": str(tmp_path / "pdf")}))
    for o in outcomes:
        marker = tmp_path / "pdf" / (Path(o.source).stem + ".done")
        assert marker.read_text(encoding="utf-8") == f"{o.result.score}"
