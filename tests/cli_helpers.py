"""Run the real `scorer` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_scorer(*args: str, cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "scorer", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=timeout,
    )
