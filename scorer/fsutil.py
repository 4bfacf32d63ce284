"""Writing output files safely: the one atomic-write helper every command uses.

`atomic_write(path, data)` writes to a temporary file in the target's folder, flushes
and fsyncs it, gives it the mode a plain `open(path, "w")` would (the existing file's
mode, else 0666 minus the umask — not mkstemp's 0600, so colleagues on a shared drive
can read what was written) and renames it over the target. A reader, or a re-run after
a crash, sees the old file or the complete new one, never half of one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process umask, read without changing it where the OS allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore (not thread-safe, but brief)
    os.umask(mask)
    return mask


def default_mode(target: Path) -> int:
    """The permission bits a normal write of `target` would leave."""
    try:
        st = os.stat(target)
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except OSError:
        pass
    return 0o666 & ~current_umask()


def atomic_write(path: str | os.PathLike, data: bytes | str, encoding: str = "utf-8") -> None:
    """Write `data` (bytes, or text in `encoding`) to `path` atomically."""
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    mode = default_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
