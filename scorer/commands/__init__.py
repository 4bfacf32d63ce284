"""One module per CLI command group; each exposes register(app)."""

from . import evaluate, score

COMMAND_MODULES = [score, evaluate]
