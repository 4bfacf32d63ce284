"""One module per CLI command group; each exposes register(app)."""

from scorer.cli import check, checklist, evaluate, override, report, rules, score, serve

COMMAND_MODULES = [score, evaluate, check, checklist, report, override, serve, rules]
