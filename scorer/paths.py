"""Where the data files live: the checklists and the templates.

In a source checkout (and an editable install) they are the top-level `checklists/`
and `templates/` folders that legal staff edit; a wheel ships the same folders as
`scorer/_data/…` (mapped in pyproject.toml), so `pip install .`, pipx and the
pre-commit hook find them too.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / name


SHIPPED_CHECKLIST_DIR = _data_dir("checklists")
CHECKLIST_DIR = Path(os.environ.get("SCORER_CHECKLISTS") or SHIPPED_CHECKLIST_DIR)
TEMPLATES_DIR = _data_dir("templates")
