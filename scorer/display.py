"""Text from outside (file names, report text) made safe for a one-line message.

A file name may contain a newline, a carriage return, an escape sequence or bytes
that are not UTF-8. Printed as they are, they break the one-line-per-problem
format of every message, and a line that begins with `::error::` or `::notice::`
is read by a CI runner as a workflow command. Every message that names a file goes
through `shown()` (and every line the CLI prints through `safe_line()`), which
writes such characters as visible escapes: a newline becomes `\\n`, ESC `\\x1b`, an
undecodable byte `\\xff`.
"""

from __future__ import annotations

import os
import re

# C0 controls, DEL, C1 controls, line/paragraph separators, bidi overrides and
# isolates (they reorder what a reader sees), and lone surrogates (undecodable
# bytes of a file name, which cannot be written as UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    if c in _NAMED:
        return _NAMED[c]
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def safe_line(text: str) -> str:
    """`text` with every control character written as a visible escape: one line."""
    return _UNSAFE.sub(_escape, text)


def shown(path: str | os.PathLike) -> str:
    """A file name as every message shows it."""
    return safe_line(os.fspath(path) if not isinstance(path, str) else path)


def one_line(text: str) -> str:
    """Several lines of a library's message joined into one (；)."""
    return "；".join(part.strip() for part in safe_line_keep_breaks(text).splitlines() if part.strip())


def safe_line_keep_breaks(text: str) -> str:
    """Like safe_line, but newlines stay (for joining lines afterwards)."""
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in "\n\r" else _escape(m), text)
