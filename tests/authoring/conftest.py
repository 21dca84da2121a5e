"""A tiny valid workspace that each test breaks in one way."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from ttx.authoring.workspace import load_workspace

SCENARIO = """\
id: drill
title: Drill
start: 2027-03-14T05:30:00+09:00
roles:
  - {id: US, name: United States, kind: player}
  - {id: JPN, name: Japan, kind: player}
  - {id: ROK, name: Republic of Korea, kind: player}
  - {id: WHITE, name: White cell, kind: control}
objectives:
  - {id: OBJ-1, text: Share the track within 15 minutes., capability: Information Sharing}
modules:
  - id: m1
    title: Module 1
    at: +0:00
    injects: [launch, {id: decide, at: +0:30}]
    contingency: [follow-up]
"""

INJECTS = {
    "launch.yaml": """\
id: launch
title: Launch detected
from: JSDF Joint Staff Office
to: [all]
method: intel
body: A missile was launched.
questions:
  US: [Who do you call?]
objectives: [OBJ-1]
""",
    "decide.yaml": """\
id: decide
title: Share the track?
to: [JPN, ROK]
options:
  - {id: share, label: Share directly, leads_to: [follow-up]}
""",
    "sub/follow-up.yaml": """\
id: follow-up
title: Track shared
at: +1:00
""",
}


Problems = Callable[..., list[str]]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "scenarios").mkdir(parents=True)
    (root / "scenarios" / "drill.yaml").write_text(SCENARIO, encoding="utf-8")
    for name, text in INJECTS.items():
        path = root / "injects" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def problems(workspace: Path) -> Problems:
    """Write files into the workspace, load it, and return its problems relative to it."""

    def run(files: dict[str, str | bytes] | None = None, *, warnings: bool = False) -> list[str]:
        for name, content in (files or {}).items():
            path = workspace / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        loaded = load_workspace(workspace)
        return [str(p.relative_to(workspace)) for p in loaded.problems
                if warnings or p.severity == "error"]

    return run
