"""Wall-clock scoring time of two or more source trees, interleaved chunk by chunk.

Run: .venv/bin/python benchmarks/bench_pair.py [--rounds 40] TREE_A TREE_B [TREE_C ...]

Each tree is imported in its own worker process (PYTHONPATH-like: the tree's folder first on
sys.path), warmed up on the seeds, then the workers take turns: one pass over the five seeds
each (A B, then B A, …). On a shared machine the speed changes from second to second (on the
2-core host here, passes of the same code take ~19 or ~28 ms per report depending on the
neighbours), so runs minutes apart are not comparable; passes next to each other are. Printed
per tree: ms per report (min, first quartile, median over the passes) and the median of the
per-round ratios to the first tree, which is the figure to quote.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

WORKER = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from scorer.analysis.pipeline import score_file
seeds = sorted(Path(sys.argv[2]).glob("*.txt"))
for s in seeds * 2:
    score_file(s)
print("ready", flush=True)
for line in sys.stdin:
    t = time.perf_counter()
    for s in seeds:
        score_file(s)
    print((time.perf_counter() - t) / len(seeds) * 1000, flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("trees", nargs="+")
    args = ap.parse_args()
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    workers = [subprocess.Popen([sys.executable, "-W", "ignore::UserWarning", "-c", WORKER, str(Path(t).resolve()), str(seeds)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for t in args.trees]
    for w in workers:
        if w.stdout.readline().strip() != "ready":
            sys.exit("a worker failed to start")
    times: list[list[float]] = [[] for _ in workers]
    for r in range(args.rounds):
        order = range(len(workers)) if r % 2 == 0 else reversed(range(len(workers)))
        for k in order:
            workers[k].stdin.write("go\n")
            workers[k].stdin.flush()
            times[k].append(float(workers[k].stdout.readline()))
    for w in workers:
        w.stdin.close()
        w.wait()
    for tree, xs in zip(args.trees, times):
        ratio = statistics.median(b / a for a, b in zip(times[0], xs))
        print(f"{tree}: min {min(xs):.2f}  q1 {statistics.quantiles(xs, n=4)[0]:.2f}  median {statistics.median(xs):.2f}"
              f" ms per report;  median ratio to {args.trees[0]}: {ratio:.3f}")


if __name__ == "__main__":
    main()
