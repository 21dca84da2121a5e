"""A planner's workspace with a dozen mistakes: every one is reported by the first run.

Each file also has errors in its own fields (an unknown key, a bad offset, a missing
zone), which must not hide the cross-file mistakes behind them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCENARIO = """\
id: planner
title: Planner's drill
colour: red
start: 2027-03-14T05:30:00
roles:
  - {id: US, name: United States delegation, kind: player}
  - {id: JPN, name: Government of Japan delegation, kind: player}
  - {id: ROK, name: Republic of Korea delegation, kind: player}
  - {id: WHITE, name: White cell, kind: controller}
objectives:
  - {id: OBJ-1, text: Share the track., capability: Information Sharing}
  - {id: OBJ-2, text: Agree a public line.}
modules:
  - id: M1
    title: "Module 1: Detection"
    injects: [launch, lunch, decide]
    contingency: [follow-up, press]
  - id: M2
    title: "Module 2: Response"
    at: 4:00
    injects: [Brief-1]
"""

INJECTS = {
    "launch.yaml": """\
id: launch
title: Launch detected
title: Launch!
methd: intel
to: [US, KOR]
objectives: [OBJ-1]
""",
    "decide.yaml": """\
id: decide
title: Share the track?
at: 30
objectives: [OBJ-9]
options:
  - {id: share, label: Share directly, leads_to: [folow-up]}
""",
    "more/follow-up.yaml": """\
id: follow-up
title: Track shared
method: carrier-pigeon
questions:
  JAP: [What do you tell the Diet?]
attachments: [missing.pdf]
""",
    "press.yaml": """\
id: press
title: "Press conference
body: The press asks.
""",
    "brief.yaml": """\
id: brief-1
title: Briefing
""",
}

EXPECTED = [
    "injects/decide.yaml:3:5: error: at: an offset is text like '+1:30', not int",
    "injects/decide.yaml:4:14: error: objective 'OBJ-9' is not an objective of scenario "
    "'planner'; its objectives are OBJ-1, OBJ-2",
    "injects/decide.yaml:6:51: error: unknown inject 'folow-up' (did you mean 'follow-up'?)",
    "injects/launch.yaml:3:1: error: duplicate key 'title' (first at line 2)",
    "injects/launch.yaml:4:1: error: unknown key 'methd' (did you mean 'method'?)",
    "injects/launch.yaml:5:10: error: role 'KOR' is not a role of scenario 'planner' "
    "(did you mean 'ROK'?)",
    "injects/more/follow-up.yaml:3:9: error: method: 'carrier-pigeon' is not one of briefing, "
    "intel, news, social, phone, email, cable, orders or other",
    "injects/more/follow-up.yaml:5:3: error: role 'JAP' is not a role of scenario 'planner' "
    "(did you mean 'JPN'?)",
    "injects/more/follow-up.yaml:6:15: error: attachment 'missing.pdf' does not exist",
    "injects/press.yaml:2:8: error: YAML syntax: this quoted text is never closed: "
    'no matching " before the end of the file',
    "scenarios/planner.yaml:3:1: error: unknown key 'colour'",
    "scenarios/planner.yaml:4:8: error: start: '2027-03-14T05:30:00' needs a time zone offset, "
    "e.g. '2027-03-14T05:30:00+09:00'",
    "scenarios/planner.yaml:9:41: error: roles[3].kind: 'controller' is not one of player, "
    "control, adversary or observer (did you mean 'control'?)",
    "scenarios/planner.yaml:12:5: error: objectives[1]: missing required key 'capability'",
    "scenarios/planner.yaml:16:23: error: unknown inject 'lunch' (did you mean 'launch'?)",
    "scenarios/planner.yaml:20:9: error: modules[1].at: '4:00' is not an offset: "
    "write +H:MM, e.g. '+0:15' or '+36:00'",
    "scenarios/planner.yaml:21:15: error: modules[1].injects[0]: 'Brief-1' is not valid: "
    "an id is lower-case letters, digits and hyphens, e.g. 'slbm-01-launch' "
    "(did you mean 'brief-1'?)",
]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def planner(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    _write(root, {"scenarios/planner.yaml": SCENARIO,
                  **{f"injects/{name}": text for name, text in INJECTS.items()}})
    return root


def ttx(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_every_mistake_in_the_first_run(planner: Path) -> None:
    result = ttx("validate", cwd=planner)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == EXPECTED
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert warnings == ["scenarios/planner.yaml:12:10: warning: objective 'OBJ-2' is "
                        "exercised by no inject of this scenario"]
    assert result.stderr == "invalid: 1 scenarios, 4 injects; 17 errors, 1 warnings\n"


def test_paths_are_relative_to_where_validate_runs(planner: Path) -> None:
    (planner / "injects" / "again.yaml").write_text("id: launch\ntitle: Again\n")
    inside = ttx("validate", cwd=planner / "injects")
    lines = inside.stdout.splitlines()
    # files under the working folder are relative to it; the others are absolute
    assert ("launch.yaml:1:5: error: duplicate inject id 'launch' (also in again.yaml:1:5)"
            in lines)
    assert f"{planner}/scenarios/planner.yaml:3:1: error: unknown key 'colour'" in lines
    above = ttx("validate", "ws", cwd=planner.parent)
    assert ("ws/injects/launch.yaml:1:5: error: duplicate inject id 'launch' "
            "(also in ws/injects/again.yaml:1:5)") in above.stdout.splitlines()


def test_json_names_the_second_place_too(planner: Path) -> None:
    (planner / "injects" / "again.yaml").write_text("id: launch\ntitle: Again\n")
    report = json.loads(ttx("validate", "--format", "json", cwd=planner).stdout)
    duplicate = next(p for p in report["problems"] if "duplicate inject id" in p["message"])
    assert duplicate["also"] == {"path": "injects/again.yaml", "line": 1, "column": 5}
    assert duplicate["path"] == "injects/launch.yaml"
