"""One module per CLI command group; each exposes register(app)."""

from scorer.cli import check, checklist, evaluate, report, score, serve

COMMAND_MODULES = [score, evaluate, check, checklist, report, serve]
