"""Errors a user sees. Every message is one line of Chinese naming the file."""

from __future__ import annotations


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


class ChecklistError(ScorerError):
    """A checklist that does not load. `problems` are 'path:line: message' strings."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
