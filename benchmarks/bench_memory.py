"""Peak memory of big batches, and what hostile files cost (not a test: prints figures).

  .venv/bin/python benchmarks/bench_memory.py                 # 1,000-report score, 160-report report
  .venv/bin/python benchmarks/bench_memory.py --score 300 --report 40 --skip-hostile

Measures, with the real commands and the summed RSS of the whole process tree
(command + workers, sampled every 20 ms):
  1. `scorer score DIR --out OUT --quiet` over N distinct seed-size reports;
  2. `scorer report DIR --out OUT --quiet --no-html` over M reports, with its
     re-run (everything cached, nothing rendered again);
  3. each hostile file of issue 10 alone through `scorer score --jobs 1`: seconds,
     peak memory, exit code and the one line it gets.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent))

from bench_batch import TreeMemory, machine, make_corpus  # noqa: E402


def run(args: list[str]) -> tuple[float, int, int, str]:
    """(wall seconds, peak tree RSS bytes, exit code, last stderr line)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "scorer", *args], cwd=ROOT.parent, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    mem = TreeMemory(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    lines = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    return wall, mem.stop(), proc.returncode, lines[-1] if lines else ""


def hostile_files(folder: Path) -> dict[str, Path]:
    """The inputs of issue 10, generated (as in tests/test_hostile_files.py)."""
    sys.path.insert(0, str(ROOT.parent / "tests"))
    from test_hostile_files import docx_bomb, pdf_bomb, slow_pdf

    files = {}
    p = folder / "bomb.pdf"
    p.write_bytes(pdf_bomb())
    files["PDF bomb (1.2 MB -> 400 MB)"] = p
    p = folder / "slow.pdf"
    p.write_bytes(slow_pdf())
    files["150 dense PDF pages (time limit)"] = p
    p = folder / "bomb.docx"
    docx_bomb(p)
    files[".docx bomb (1 MB -> 320 MB)"] = p
    p = folder / "text50.html"
    p.write_bytes(b"<html><body>" + ("<p>" + "法治政府建设" * 50 + "</p>").encode() * 57_000 + b"</body></html>")
    files["50 MB HTML with text"] = p
    p = folder / "empty50.html"
    p.write_bytes(b"<html><body>" + b"<div><span></span></div>" * 2_200_000 + b"</body></html>")
    files["50 MB of empty markup"] = p
    p = folder / "markup3.html"
    p.write_bytes(b"<html><body>" + b"<div><span></span></div>" * 130_000 + b"</body></html>")
    files["3 MB of empty markup"] = p
    p = folder / "line.txt"
    seed = (ROOT.parent / "seeds" / "huaian-hongze-2023.txt").read_text(encoding="utf-8")
    filler = "这是一段没有任何标点符号的很长的文字" * (750_000 // 18)
    p.write_text("关于2023年度法治政府建设工作的报告\n" + filler + seed.replace("。", "") + filler + "\n", encoding="utf-8")
    files["1.5M-character line"] = p
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--score", type=int, default=1000, help="reports in the score batch")
    ap.add_argument("--report", type=int, default=160, help="reports in the report batch")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--skip-hostile", action="store_true")
    args = ap.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_corpus(tmp / "score", args.score)
        wall, peak, rc, _ = run(["score", str(tmp / "score"), "--out", str(tmp / "out-score"), "--jobs",
                                 str(args.jobs), "--quiet"])
        print(f"1. scorer score, {args.score} reports, --jobs {args.jobs}: {wall:.1f} s, "
              f"peak RSS (tree) {peak / 2**20:.0f} MB, exit {rc}")
        make_corpus(tmp / "report", args.report)
        wall, peak, rc, _ = run(["report", str(tmp / "report"), "--out", str(tmp / "out-report"), "--jobs",
                                 str(args.jobs), "--quiet", "--no-html"])
        pdfs = len(list((tmp / "out-report").glob("*.pdf")))
        print(f"2. scorer report, {args.report} reports, --jobs {args.jobs}: {wall:.1f} s ({pdfs} PDFs), "
              f"peak RSS (tree) {peak / 2**20:.0f} MB, exit {rc}")
        wall, peak, rc, _ = run(["report", str(tmp / "report"), "--out", str(tmp / "out-report"), "--jobs",
                                 str(args.jobs), "--quiet", "--no-html"])
        print(f"   re-run (all unchanged): {wall:.1f} s, peak RSS {peak / 2**20:.0f} MB, exit {rc}")
        if args.skip_hostile:
            return
        print("3. hostile files alone: scorer score --jobs 1 FILE")
        (tmp / "hostile").mkdir()
        for what, path in hostile_files(tmp / "hostile").items():
            wall, peak, rc, last = run(["score", "--jobs", "1", str(path)])
            said = last.split(": ", 1)[-1] if rc else "scored"
            print(f"   {what:34s} {wall:5.1f} s  {peak / 2**20:5.0f} MB  exit {rc}  {said[:70]}")


if __name__ == "__main__":
    main()
