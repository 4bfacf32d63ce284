"""`scorer serve` on a folder of many reports (not a test: prints figures).

  .venv/bin/python benchmarks/bench_serve.py               # 1,000 reports
  .venv/bin/python benchmarks/bench_serve.py --reports 300

Measures, with the real command in a subprocess on 127.0.0.1:
  1. first start on an unscored folder: time until every report is scored in the
     background (the list page is usable meanwhile);
  2. a restart on the same folder: time from starting the process until the list
     page shows every report (the figure the issue asks to keep under 2 s);
  3. the list page and a filtered list once warm (median of 20 requests);
  4. one report page.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import machine, make_corpus  # noqa: E402


def start(folder: Path, cache: Path) -> tuple[subprocess.Popen, int, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "scorer", "serve", str(folder), "--port", "0", "--cache", str(cache)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    line = proc.stdout.readline()
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"server did not start: {line}{proc.stderr.read()}")
    return proc, int(m.group(1)), t0


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read().decode("utf-8")
    conn.close()
    return resp.status, body


def listed(body: str) -> int:
    """How many reports the list says it has (it shows them 200 to a page)."""
    m = re.search(r'id="shown-count">(\d+)<', body)
    return int(m.group(1)) if m else 0


def busy(body: str) -> bool:
    return "正在后台评查" in body or "正在检查文件夹" in body


def wait_rows(port: int, n: int, settled: bool, limit: float = 1800) -> float:
    """When the list first shows all n reports (and, with settled, scoring and the
    check of the folder are finished)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        try:
            status, body = get(port, "/")
        except ConnectionError:
            time.sleep(0.02)
            continue
        if status == 200 and listed(body) >= n and not (settled and busy(body)):
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {n} reports")


def cpu_seconds(pid: int) -> float:
    """user + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    args = ap.parse_args()
    n = args.reports
    print(f"# scorer serve, {n} reports — {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder, cache = Path(tmp) / "reports", Path(tmp) / "cache"
        make_corpus(folder, n)

        proc, port, t0 = start(folder, cache)
        try:
            done = wait_rows(port, n, settled=True)
            print(f"1. first start, all {n} reports scored in the background: {done - t0:.1f} s "
                  f"({n / (done - t0):.0f} reports/s incl. start-up)")
        finally:
            stop(proc)

        proc, port, t0 = start(folder, cache)
        try:
            shown = wait_rows(port, n, settled=False)
            cpu = cpu_seconds(proc.pid)
            settled = wait_rows(port, n, settled=True)
            print(f"2. restart, process start until the list shows all {n} reports: {shown - t0:.2f} s wall, "
                  f"{cpu:.2f} s of the server's CPU; until every file is checked against the cache: "
                  f"{settled - t0:.2f} s")
            times = []
            for _ in range(20):
                t = time.perf_counter()
                status, body = get(port, "/")
                times.append(time.perf_counter() - t)
                assert status == 200 and listed(body) == n
            print(f"3. list page of {n} reports (first 200 shown): {statistics.median(times) * 1000:.0f} ms "
                  "(median of 20)")
            times = []
            for _ in range(20):
                t = time.perf_counter()
                status, body = get(port, "/?year=2018&sort=score&order=desc")
                times.append(time.perf_counter() - t)
            print(f"   filtered and sorted (year 2018 by score, {listed(body)} reports): "
                  f"{statistics.median(times) * 1000:.0f} ms (median of 20)")
            first = re.search(r'<tr data-id="([^"]+)"', body).group(1)
            times = []
            for _ in range(5):
                t = time.perf_counter()
                status, _ = get(port, "/report/" + quote(first))
                times.append(time.perf_counter() - t)
            print(f"4. one report page: {statistics.median(times) * 1000:.0f} ms (median of 5)")
        finally:
            stop(proc)


if __name__ == "__main__":
    main()
