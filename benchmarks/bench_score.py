"""Scoring speed: reports per second after start-up (one core, in-process), and the
wall time of one `scorer score` run including start-up (subprocess).

Run: .venv/bin/python benchmarks/bench_score.py [--reports 300] [--repeats 5]
Prints medians; compare ratios across machines, not absolute seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def make_corpus(folder: Path, n: int) -> list[Path]:
    """n seed-size reports: the seeds, each copy with its own jurisdiction line so
    that no two files are identical (no cache can help)."""
    paths = []
    for i in range(n):
        src = SEEDS[i % len(SEEDS)]
        text = src.read_text(encoding="utf-8")
        p = folder / f"r{i:04d}-{src.name}"
        p.write_text(text + f"\n（样本 {i}）\n", encoding="utf-8")
        paths.append(p)
    return paths


def bench_throughput(paths: list[Path], repeats: int) -> float:
    from scorer.analysis.pipeline import score_file

    score_file(paths[0])  # warm: checklists, jieba
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for p in paths:
            score_file(p)
        rates.append(len(paths) / (time.perf_counter() - t0))
    return statistics.median(rates)


def bench_startup(repeats: int) -> float:
    exe = [sys.executable, "-m", "scorer", "score", str(SEEDS[0]), "--format", "json"]
    subprocess.run(exe, capture_output=True, check=True)  # warm caches on disk (jieba dictionary)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(exe, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), args.reports)
        size = statistics.mean(p.stat().st_size for p in paths) / 1024
        rate = bench_throughput(paths, args.repeats)
    startup = bench_startup(max(args.repeats, 5))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"throughput (1 core, after start-up): {rate:.1f} reports/s over {args.reports} reports of {size:.1f} KB (median of {args.repeats})")
    print(f"one `scorer score` incl. start-up: {startup:.2f} s (median of {max(args.repeats, 5)})")


if __name__ == "__main__":
    main()
