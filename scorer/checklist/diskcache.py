"""A start-up cache on disk for parsed data files (checklists, the rule book).

Parsing YAML in pure Python costs about half a second per outline, and every `scorer` run and
every batch worker would pay it again. What is parsed and validated is kept in the user's cache
folder (`$XDG_CACHE_HOME/scorer` or `~/.cache/scorer`, mode 0700), under a key made of the bytes
it was made from and of this package's checklist code, so an edited file or a new version of the
program is never served stale data. An entry owned by someone else, or one that cannot be read or
written, is simply not used. `SCORER_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from scorer.fsutil import atomic_write

_CODE_DIGEST: str | None = None


def folder() -> Path | None:
    if os.environ.get("SCORER_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scorer" / "parsed"


def code_digest() -> str:
    """The checklist code's own digest: a new program version never reads an old entry."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = hashlib.sha256()
        for f in sorted(Path(__file__).parent.glob("*.py")):
            h.update(f.read_bytes())
        _CODE_DIGEST = h.hexdigest()[:16]
    return _CODE_DIGEST


def key(*parts: bytes | str) -> str:
    h = hashlib.sha256(code_digest().encode())
    for p in parts:
        h.update(hashlib.sha256(p.encode() if isinstance(p, str) else p).digest())
    return h.hexdigest()


def get(name: str) -> Any | None:
    where = folder()
    if where is None:
        return None
    try:
        entry = where / f"{name}.pickle"
        if not entry.is_file() or entry.stat().st_uid != os.getuid():
            return None
        return pickle.loads(entry.read_bytes())
    except Exception:  # noqa: BLE001 - an unusable entry is parsed afresh
        return None


def put(name: str, value: Any) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(where / f"{name}.pickle", pickle.dumps(value))
    except Exception:  # noqa: BLE001 - a read-only home or a full disk only costs speed
        pass
