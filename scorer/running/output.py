"""The output folder of a batch: one result file per report, index.json, summary.csv.

Every file is written atomically (temp file + os.replace), and each result carries
the cache key it was made with, so that a re-run after a crash or kill -9 finds
whole files only and skips what is unchanged.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from scorer.display import shown
from scorer.errors import ScorerError
from scorer.fsutil import atomic_write  # noqa: F401  (re-exported: results and indexes are written with it)

INDEX_NAME = "index.json"
SUMMARY_NAME = "summary.csv"
RESULTS_DIR = "results"
TMP_SUFFIX = ".tmp"


class OutputError(ScorerError):
    """The output folder cannot be created or written."""

    def __init__(self, path: str, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{shown(path)}: {problem}")


def result_name(abs_path: str) -> str:
    """The stem of the files kept for one input: readable, and unique per path."""
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", Path(abs_path).stem).strip("._")[:80] or "report"
    digest = hashlib.sha1(abs_path.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{stem}-{digest}"


class OutputDir:
    """results/<name>.json per report (atomic writes), index.json, summary.csv."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.results = self.root / RESULTS_DIR
        try:
            self.results.mkdir(parents=True, exist_ok=True)
            probe = self.results / f".probe-{os.getpid()}{TMP_SUFFIX}"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise OutputError(str(root), f"无法写入输出文件夹（{os_reason(exc)}），未评查任何报告") from None
        self._existing: set[str] = set()  # one listing instead of a failed open per new report
        for entry in os.scandir(self.results):
            if entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX):  # left by a killed run
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
            else:
                self._existing.add(entry.name)

    def file_for(self, abs_path: str) -> Path:
        return self.results / f"{result_name(abs_path)}.json"

    def lookup(self, abs_path: str, key: str) -> tuple[Path, bytes, dict] | None:
        """The stored result for this file if it was made with the same key."""
        target = self.file_for(abs_path)
        if target.name not in self._existing:
            return None
        try:
            text = target.read_bytes()
            data = json.loads(text)
        except (OSError, ValueError):
            return None  # missing or damaged: score again
        if not isinstance(data, dict) or (data.get("cache") or {}).get("key") != key:
            return None
        return target, text, data

    def write(self, abs_path: str, payload: bytes) -> Path:
        target = self.file_for(abs_path)
        atomic_write(target, payload)
        return target

    def write_index(self, meta: dict[str, Any], outcomes: list[dict[str, Any]]) -> None:
        reports = [o for o in outcomes if o.get("error") is None]
        errors = [{"source": o["source"], "error": o["error"]} for o in outcomes if o.get("error") is not None]
        index = {**meta, "reports": reports, "errors": errors}
        atomic_write(self.root / INDEX_NAME,
                     (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["报告", "地区", "类型", "年度", "纲要", "得分", "已覆盖", "部分覆盖", "缺失", "不适用",
                    "结构不符合", "结果文件", "错误"])
        for o in outcomes:
            if o.get("error") is not None:
                w.writerow([o["source"], "", "", "", "", "", "", "", "", "", "", "", o["error"]])
            else:
                w.writerow([o["source"], o.get("jurisdiction") or "", o.get("jurisdiction_kind") or "",
                            o.get("year") or "", o.get("checklist") or "", o.get("score"), o.get("covered"),
                            o.get("partial"), o.get("missing"), o.get("not_applicable"),
                            o.get("structure_failed"), o.get("result_file") or "", ""])
        atomic_write(self.root / SUMMARY_NAME, buf.getvalue().encode("utf-8-sig"))  # BOM: Excel reads it as UTF-8


def os_reason(exc: OSError) -> str:
    """Why a file could not be written, in Chinese."""
    reasons = {
        "ENOTDIR": "路径中有一部分是文件而不是文件夹", "EACCES": "没有写入权限", "EPERM": "没有写入权限",
        "EROFS": "文件系统只读", "ENOSPC": "磁盘空间不足", "EEXIST": "同名文件已存在", "EDQUOT": "磁盘配额已满",
        "ENOENT": "文件夹不存在", "EISDIR": "同名的文件夹已存在", "ENAMETOOLONG": "文件名过长",
    }
    name = errno.errorcode.get(exc.errno or 0, "")
    return reasons.get(name, exc.strerror or type(exc).__name__)
