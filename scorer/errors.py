"""Errors a user sees. Every message is one line of Chinese naming the file."""

from __future__ import annotations

from dataclasses import dataclass


class ScorerError(Exception):
    """Base for errors the CLI turns into a one-line message and exit code 2."""

    exit_code = 2


class InputError(ScorerError):
    """A report file that cannot be read as a report (missing, empty, binary, ...)."""

    def __init__(self, path: str, problem: str):
        from scorer.display import shown

        self.path = str(path)
        self.problem = problem
        super().__init__(f"{shown(self.path)}: {problem}")


# Problem codes that mean "the file could not be read as a checklist at all" (exit 2),
# as opposed to problems in its content (exit 1 from `scorer checklist validate`).
FILE_PROBLEM_CODES = frozenset({"not_found", "unreadable", "not_regular_file", "too_large", "not_a_checklist",
                                "extends_refused"})


@dataclass(frozen=True)
class Problem:
    """One problem in a checklist: where (file and YAML line, or workbook sheet and row),
    a stable code for tools and exit codes, and the Chinese message."""

    file: str
    message: str
    code: str = "invalid"
    line: int | None = None
    sheet: str | None = None
    row: int | None = None

    @property
    def unreadable(self) -> bool:
        return self.code in FILE_PROBLEM_CODES

    def __str__(self) -> str:
        if self.sheet is not None:
            where = f"{self.file}:{self.sheet}!{self.row}" if self.row is not None else f"{self.file}:{self.sheet}"
        elif self.line is not None:
            where = f"{self.file}:{self.line}"
        else:
            where = self.file
        return f"{where}: {self.message}" if where else self.message

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "sheet": self.sheet, "row": self.row,
                "code": self.code, "message": self.message}


class ChecklistError(ScorerError):
    """A checklist that does not load. `records` are Problem records; `problems` the
    same rendered as 'path:line: message' strings (what a user reads)."""

    def __init__(self, problems: list[Problem | str]):
        self.records = [p if isinstance(p, Problem) else Problem(file="", message=str(p)) for p in problems]
        self.problems = [str(p) for p in self.records]
        super().__init__("\n".join(self.problems))

    @property
    def unreadable(self) -> bool:
        return any(p.unreadable for p in self.records)
