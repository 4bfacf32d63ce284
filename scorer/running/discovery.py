"""Finding the input files of every command (score, report, review, check, eval, …).

What a user names is read the same way everywhere:

* a file is taken as it is (a missing one is reported by the reader, in order);
* a folder is walked, subfolders included, and yields the files with a report
  suffix, sorted; symlinked subfolders are followed (each real folder once);
* a pattern with `*`, `?`, `[...]` or `**` is expanded when the shell did not
  (quoted, or on Windows);
* the same file named twice is read once; hidden files and folders (.git, .DS_Store)
  are passed over, with a notice for a hidden file that has a report suffix.

Nothing is skipped without a word: an entry that cannot be read (a folder without
permission, a broken symlink) is an *error* -- the command names it and exits 2 --
and a file that is not a report format (notes.csv, a picture) is a *notice*, one
line each. Old Word (.doc) and WPS (.wps) files are handed to the reader, which
tells a real old binary document (save it as .docx) from a web page saved under
that name (read as HTML).
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from scorer.display import shown

REPORT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"})
# Read as well, so that the reader can say what to do with them (or read a web page
# that a site served as .doc).
LEGACY_SUFFIXES = frozenset({".doc", ".wps"})
GLOB_CHARS = re.compile(r"[*?\[]")
FORMATS_HINT = ".txt .html .docx .pdf"


@dataclass
class Found:
    """What a list of names expanded to."""

    paths: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # could not be read: exit 2
    notices: list[str] = field(default_factory=list)  # passed over on purpose: one line each


def discover(items: Iterable[str | os.PathLike], suffixes: Iterable[str] = REPORT_SUFFIXES | LEGACY_SUFFIXES,
             *, noun: str = "报告文件", hint: str = FORMATS_HINT) -> Found:
    """Expand files, folders and patterns into the files to read, in order.
    `suffixes`: what a folder or pattern yields (lower case, with the dot);
    `noun` and `hint` name them in messages ("标注文件", ".yaml")."""
    wanted = {s.lower() for s in suffixes}
    found = Found()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.paths.append(path)

    for raw in items:
        item = os.fspath(raw)
        if os.path.isdir(item):
            problems = len(found.errors)
            files = _walk(item, wanted, found, noun)
            for p in files:
                add(p)
            if not files and len(found.errors) == problems:
                found.errors.append(f"{shown(item)}: 文件夹中没有可评查的{noun}（{hint}）")
        elif not os.path.lexists(item) and GLOB_CHARS.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            hits = 0
            for m in matches:
                if os.path.isdir(m):
                    for p in _walk(m, wanted, found, noun):
                        add(p)
                        hits += 1
                elif Path(m).suffix.lower() in wanted:
                    add(m)
                    hits += 1
                else:
                    found.notices.append(_not_a_report(m, noun))
            if not hits:
                found.errors.append(f"{shown(item)}: 没有匹配的{noun}（{hint}）")
        else:
            add(item)  # a missing or odd file gets its error from the reader, in order
    return found


def collect_inputs(items: Iterable[str]) -> tuple[list[str], list[str]]:
    """(paths, errors) of `discover` for report files (notices dropped)."""
    found = discover(items)
    return found.paths, found.errors


def _not_a_report(path: str, noun: str) -> str:
    suffix = Path(path).suffix.lower()
    what = f"（{suffix}）" if suffix else "（没有扩展名）"
    return f"{shown(path)}: 已跳过，不是可评查的{noun}格式{what}"


def _walk(folder: str, wanted: set[str], found: Found, noun: str) -> list[str]:
    """Files with a wanted suffix under `folder`, sorted by path; problems into `found`.
    Symlinked folders are followed, each real folder once (no loops)."""
    out: list[str] = []
    visited: set[str] = set()

    def visit(path: str) -> None:
        real = os.path.realpath(path)
        if real in visited:
            return
        visited.add(real)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            found.errors.append(f"{shown(path)}: 无权限读取文件夹，其中的文件未评查")
            return
        except OSError as exc:
            found.errors.append(f"{shown(path)}: 无法读取文件夹（{exc.strerror or type(exc).__name__}），其中的文件未评查")
            return
        for entry in entries:
            if entry.name.startswith("."):
                # .git and .DS_Store pass silently; a hidden file that looks like a report gets a line.
                if Path(entry.name).suffix.lower() in wanted and entry.is_file():
                    found.notices.append(f"{shown(entry.path)}: 已跳过，文件名以“.”开头（隐藏文件）；如需评查请改名")
                continue
            full = entry.path
            try:
                is_dir = entry.is_dir()  # follows symlinks
                is_link = entry.is_symlink()
            except OSError:
                is_dir, is_link = False, False
            if is_dir:
                visit(full)
                continue
            if is_link and not os.path.exists(full):
                found.errors.append(f"{shown(full)}: 符号链接指向的文件不存在")
                continue
            if Path(entry.name).suffix.lower() in wanted:
                out.append(full)
            else:
                found.notices.append(_not_a_report(full, noun))

    visit(folder)
    return sorted(out)
