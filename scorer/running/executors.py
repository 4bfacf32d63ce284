"""Where batch work runs: the local worker pool, or a Dask cluster.

`LocalPool` is the default: one process per job, forked after the parent has
loaded the checklists (so each starts warm), each running one report at a time.
It is driven from the calling thread (no helper threads: forking a replacement
worker copies no half-held lock), and it knows which report each worker is on,
so that:

* a report that takes longer than the per-file time limit is stopped (its worker
  is killed and replaced) and comes back as an error, while the others go on --
  the answer to inputs that parse forever or inflate to gigabytes;
* a worker that dies (the OOM killer, a crash in a C library) costs exactly its
  own report, with no guessing;
* each worker's address space is capped (`memory_limit`), so that a report that
  would need gigabytes fails with MemoryError inside its worker instead of
  taking the machine down.

Any `concurrent.futures.Executor` can run a batch too (see runner.py); Dask is
reached through `connect_scheduler`. Those get no per-file time limit.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator

from scorer.display import one_line
from scorer.errors import ScorerError
from scorer.running.tasks import Outcome, Task, failed

DIED = "评查时工作进程异常退出（可能内存不足，或文件触发了程序缺陷）"


def timeout_message(seconds: float) -> str:
    return (f"处理超时（{seconds:g} 秒内未完成），已停止处理这个文件；文件可能异常（如解压后极大的内容），"
            "如确为正常报告，可用 --timeout 放宽时限")


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0
    done: int = 0


def _worker_main(conn: Connection, worker: Callable[[Task], Outcome], initializer, initargs,
                 memory_limit: int | None) -> None:
    """A worker process: tasks in, outcomes out, until told to stop or the parent goes."""
    if initializer is not None:
        initializer(*initargs)
    if memory_limit:
        limit_memory(memory_limit)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        try:
            out = worker(task)
        except MemoryError:
            out = failed(task.index, task.source, "文件过大，内存不足，无法处理")
        except Exception as exc:  # a worker function that raises: this file fails, the batch goes on
            out = failed(task.index, task.source,
                         f"处理时程序出错（{type(exc).__name__}: {one_line(str(exc))[:200]}），请报告此问题")
        try:
            conn.send(out)
        except (OSError, EOFError):
            return


def limit_memory(extra_bytes: int) -> None:
    """Cap this process's address space at what it uses now plus `extra_bytes`
    (Linux; elsewhere a no-op)."""
    try:
        import resource

        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = current + extra_bytes
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ImportError, OSError, ValueError):
        pass


class LocalPool:
    """`jobs` worker processes running `worker(task)` one task at a time each, with a
    per-task time limit, an address-space cap per worker, and a fresh worker after
    `max_tasks` tasks (for libraries whose caches grow)."""

    def __init__(self, jobs: int, worker: Callable[[Task], Outcome], *, initializer=None, initargs=(),
                 timeout: float | None = None, memory_limit: int | None = None, max_tasks: int | None = None):
        self.jobs = max(1, jobs)
        self.worker = worker
        self.initializer, self.initargs = initializer, initargs
        self.timeout = timeout if timeout and timeout > 0 else None
        self.memory_limit = memory_limit
        self.max_tasks = max_tasks
        method = "fork" if sys.platform.startswith("linux") else None
        self.ctx = multiprocessing.get_context(method)
        self.slots: list[_Slot] = []
        self.timed_out = 0
        self.died = 0

    # -- workers ----------------------------------------------------------------

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=_worker_main, daemon=True,
                                   args=(child, self.worker, self.initializer, self.initargs, self.memory_limit))
        process.start()
        child.close()
        slot = _Slot(process, parent)
        self.slots.append(slot)
        return slot

    def _stop(self, slot: _Slot, kill: bool) -> None:
        if slot in self.slots:
            self.slots.remove(slot)
        try:
            if kill:
                slot.process.kill()
            else:
                slot.conn.send(None)
        except (OSError, ValueError):
            pass
        slot.process.join(timeout=None if kill else 5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def _idle(self) -> _Slot | None:
        for slot in self.slots:
            if slot.task is None:
                return slot
        if len(self.slots) < self.jobs:
            return self._start()
        return None

    def _send(self, task: Task) -> bool:
        """Hand `task` to an idle worker; False if none is idle."""
        for _attempt in range(2):  # a worker that died while idle is replaced, not blamed
            slot = self._idle()
            if slot is None:
                return False
            try:
                slot.conn.send(task)
            except (OSError, ValueError):
                self._stop(slot, kill=True)
                continue
            slot.task = task
            slot.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
            return True
        raise ScorerError("无法启动工作进程，批量处理中止")

    # -- running ----------------------------------------------------------------

    def imap_unordered(self, items: Iterable[Task | Outcome], hold: Callable[[], bool] = lambda: False
                       ) -> Iterator[Outcome]:
        """Outcomes of `items` as they complete. Outcomes among the items (a cache hit,
        a file that could not be read) pass straight through. While `hold()` is true
        and some work is in flight, no new task is started (the caller's buffer is full)."""
        items = iter(items)
        exhausted = False
        finished = False
        try:
            while True:
                while not exhausted and not (hold() and self._busy()):
                    if self._idle() is None:
                        break
                    try:
                        item = next(items)
                    except StopIteration:
                        exhausted = True
                        break
                    if isinstance(item, Outcome):
                        yield item
                    else:
                        self._send(item)
                busy = self._busy()
                if not busy:
                    if exhausted:
                        finished = True
                        return
                    continue
                deadline = min(s.deadline for s in busy)
                wait_for = [s.conn for s in busy] + [s.process.sentinel for s in busy]
                pause = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
                wait(wait_for, timeout=pause)
                for slot in busy:
                    out = self._collect(slot)
                    if out is not None:
                        yield out
        finally:
            self.close(cancel=not finished)

    def _busy(self) -> list[_Slot]:
        return [s for s in self.slots if s.task is not None]

    def _collect(self, slot: _Slot) -> Outcome | None:
        task = slot.task
        assert task is not None
        try:
            if slot.conn.poll():
                out = slot.conn.recv()
                slot.task = None
                slot.done += 1
                if self.max_tasks and slot.done >= self.max_tasks:
                    self._stop(slot, kill=False)
                return out
        except (EOFError, OSError):
            pass
        else:
            if slot.process.is_alive():
                if time.monotonic() < slot.deadline:
                    return None
                self.timed_out += 1
                self._stop(slot, kill=True)
                return failed(task.index, task.source, timeout_message(self.timeout or 0))
        self.died += 1
        self._stop(slot, kill=True)
        return failed(task.index, task.source, DIED)

    def close(self, cancel: bool = False) -> None:
        for slot in list(self.slots):
            self._stop(slot, kill=cancel or slot.task is not None)


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
