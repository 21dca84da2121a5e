"""Where a workspace is: the nearest folder holding `scenarios/` or `injects/`.

Apart from `ttx.authoring.workspace` (which reads one, with YAML and the models), so
that a command which only needs the folder (`ttx report` writing to `reports/`)
imports none of that.
"""

from __future__ import annotations

import os
from pathlib import Path

SCENARIOS_DIR = "scenarios"
INJECTS_DIR = "injects"


def real_location(path: Path) -> Path:
    """`path` with its folder resolved but not its last part: a symlinked file is named
    where it stands, and a symlink loop cannot raise."""
    absolute = Path(os.path.abspath(path))
    return Path(os.path.realpath(absolute.parent)) / absolute.name if absolute.name else absolute


def find_workspace_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `scenarios/` or `injects/`."""
    start = real_location(start)
    here = start if start.is_dir() and not start.is_symlink() else start.parent
    for folder in (here, *here.parents):
        if (folder / SCENARIOS_DIR).is_dir() or (folder / INJECTS_DIR).is_dir():
            return folder
    return here
