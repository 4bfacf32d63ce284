"""PDF speed: one gap report per seed (in-process, warm), the annual review of 100
reports (layout only, and the whole `scorer review` command including scoring),
and `scorer report` over the five seeds.

Run: .venv/bin/python benchmarks/bench_render.py [--repeats 5] [--reports 100]
Prints medians. Targets (2-core machine): gap report < 1.5 s, review of 100 < 30 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT))


def make_corpus(folder: Path, n: int) -> list[Path]:
    """n seed-size reports, each copy under its own jurisdiction name so that the
    review has n columns (as bench_score.py does, no two files identical)."""
    paths = []
    for i in range(n):
        src = SEEDS[i % len(SEEDS)]
        text = src.read_text(encoding="utf-8")
        p = folder / f"r{i:04d}-{src.name}"
        p.write_text(text + f"\n（样本 {i}）\n", encoding="utf-8")
        paths.append(p)
    return paths


def timed(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def bench_reports(repeats: int, out: Path) -> dict[str, float]:
    from scorer.analysis.pipeline import score_file
    from scorer.render import render_report

    medians = {}
    for seed in SEEDS:
        result = score_file(seed)
        render_report(result, out)  # warm: WeasyPrint import, fonts, templates
        medians[seed.name] = statistics.median(timed(lambda: render_report(result, out), repeats))
    return medians


def review_results(n: int):
    """n results from the seeds, each under its own jurisdiction name."""
    from scorer.analysis.pipeline import score_file

    base = [score_file(s) for s in SEEDS]
    return [base[i % len(base)].model_copy(update={"jurisdiction": f"样本{i:03d}{base[i % len(base)].jurisdiction}",
                                                   "source": f"r{i:04d}.txt"}) for i in range(n)]


def bench_review_layout(n: int, repeats: int, out: Path) -> tuple[float, int]:
    from scorer.render import render_review

    results = review_results(n)
    files = render_review(results, out / "review.pdf")
    return statistics.median(timed(lambda: render_review(results, out / "review.pdf"), repeats)), files.pages


def bench_cli(args: list[str], repeats: int) -> float:
    exe = [sys.executable, "-m", "scorer", *args]
    subprocess.run(exe, capture_output=True, check=True, cwd=ROOT)  # warm disk caches
    return statistics.median(timed(lambda: subprocess.run(exe, capture_output=True, check=True, cwd=ROOT), repeats))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--reports", type=int, default=100)
    args = ap.parse_args()

    from scorer.render import harfbuzz_subset_available

    print(f"HarfBuzz subsetting: {'yes' if harfbuzz_subset_available() else 'NO (fontTools fallback, slow)'}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        medians = bench_reports(args.repeats, tmp)
        for name, m in medians.items():
            print(f"gap report, {name:<28} median {m:6.2f} s")
        print(f"gap report, median over seeds          {statistics.median(medians.values()):6.2f} s   (target < 1.5 s)")

        layout, pages = bench_review_layout(args.reports, max(1, args.repeats // 2), tmp)
        print(f"review of {args.reports} results, layout only     median {layout:6.2f} s   ({pages} pages)")

        corpus = tmp / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.reports)
        cli = bench_cli(["review", str(corpus), "--out", str(tmp / "cli" / "review.pdf"), "--quiet"],
                        max(1, args.repeats // 2))
        print(f"`scorer review` of {args.reports} files, end to end median {cli:6.2f} s   (target < 30 s)")

        seeds_cli = bench_cli(["report", *map(str, SEEDS), "--out", str(tmp / "reports"), "--quiet"],
                              max(1, args.repeats // 2))
        print(f"`scorer report` of the {len(SEEDS)} seeds, end to end median {seeds_cli:6.2f} s")


if __name__ == "__main__":
    main()
