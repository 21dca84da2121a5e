"""Ids as planners write them: module ids like `M1`, nearest valid forms, role hints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.authoring.conftest import INJECTS, SCENARIO, Problems
from ttx.authoring.id_forms import nearest_valid_form
from ttx.authoring.problems import did_you_mean
from ttx.authoring.role_hints import role_hint
from ttx.model.ids import MODULE_PATTERN, OBJECTIVE_PATTERN, RECIPIENT_PATTERN, SLUG_PATTERN

ROLES = [("US", "United States delegation"), ("JPN", "Government of Japan delegation"),
         ("ROK", "Republic of Korea delegation"), ("WHITE", "White cell"),
         ("DPRK", "DPRK cell (played by Exercise Control)")]


def test_upper_case_module_ids_are_valid(problems: Problems) -> None:
    text = SCENARIO.replace("  - id: m1\n", "  - id: M1\n") + (
        "  - id: m2-Response\n    title: Module 2\n    at: +4:00\n")
    assert problems({"scenarios/drill.yaml": text}, warnings=True) == []


@pytest.mark.parametrize(("module_id", "message"), [
    ("Module 1", "'Module 1' is not valid: a module id is letters, digits and hyphens, "
                 "e.g. 'M1' or 'm1-detection' (did you mean 'Module-1'?)"),
    ("-m1", "'-m1' is not valid: a module id is letters, digits and hyphens, "
            "e.g. 'M1' or 'm1-detection' (did you mean 'm1'?)"),
])
def test_bad_module_id_names_the_nearest_form(problems: Problems, module_id: str,
                                              message: str) -> None:
    text = SCENARIO.replace("  - id: m1\n", f"  - id: '{module_id}'\n")
    assert problems({"scenarios/drill.yaml": text}) == [
        f"scenarios/drill.yaml:12:9: error: modules[0].id: {message}"]


def test_inject_id_in_capitals_names_the_slug(problems: Problems) -> None:
    text = INJECTS["launch.yaml"].replace("id: launch", "id: M1")
    found = problems({"injects/launch.yaml": text})
    assert ("injects/launch.yaml:1:5: error: id: 'M1' is not valid: an id is lower-case letters, "
            "digits and hyphens, e.g. 'slbm-01-launch' (did you mean 'm1'?)") in found


@pytest.mark.parametrize(("value", "pattern", "nearest"), [
    ("M1", SLUG_PATTERN, "m1"),
    ("Port Outage!", SLUG_PATTERN, "port-outage"),
    ("Café", SLUG_PATTERN, "cafe"),
    ("한국", SLUG_PATTERN, None),
    ("Module 1", MODULE_PATTERN, "Module-1"),
    ("jpn", RECIPIENT_PATTERN, "JPN"),
    ("ALL", RECIPIENT_PATTERN, "all"),
    ("obj-1", OBJECTIVE_PATTERN, "OBJ-1"),
    ("OBJ1", OBJECTIVE_PATTERN, "OBJ-1"),
])
def test_nearest_valid_form(value: str, pattern: str, nearest: str | None) -> None:
    assert nearest_valid_form(value, pattern) == nearest


@pytest.mark.parametrize(("typed", "hint"), [
    ("KOR", " (did you mean 'ROK'?)"),
    ("JAP", " (did you mean 'JPN'?)"),
    ("KR", " (did you mean 'ROK'?)"),
    ("USA", " (did you mean 'US'?)"),
    ("NK", " (did you mean 'DPRK'?)"),
    ("Jpn", " (did you mean 'JPN'?)"),
    ("WHI", " (did you mean 'WHITE'?)"),
    ("KOREA", " (did you mean 'ROK'?)"),
    ("UK", ""),   # another country: no hint rather than 'US'
    ("PRC", ""),  # not a role of this scenario
    ("CEL", ""),  # a word every cell's name shares says nothing
    ("REP", ""),
])
def test_role_hints_beyond_edit_distance(typed: str, hint: str) -> None:
    assert role_hint(typed, ROLES) == hint


def test_no_hint_between_different_numbers() -> None:
    assert did_you_mean("OBJ-9", ["OBJ-6", "OBJ-1"]) == ""
    assert did_you_mean("m3", ["m2", "m1"]) == ""
    assert did_you_mean("OBJ-06", ["OBJ-6"]) == " (did you mean 'OBJ-6'?)"
    assert (did_you_mean("slbm-20-sinpo-pier-empty", ["slbm-02-sinpo-pier-empty"])
            == " (did you mean 'slbm-02-sinpo-pier-empty'?)")


def test_session_module_takes_an_upper_case_module_id(tmp_path: Path) -> None:
    def ttx(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=tmp_path / "ws",
                              capture_output=True, text=True, timeout=120)

    root = tmp_path / "ws"
    scenario = (SCENARIO.replace("  - id: m1\n", "  - id: M1\n")
                + "  - id: M2\n    title: Module 2\n    at: +4:00\n")
    (root / "scenarios").mkdir(parents=True)
    (root / "scenarios" / "drill.yaml").write_text(scenario)
    for name, text in INJECTS.items():
        (root / "injects" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "injects" / name).write_text(text)
    session = ttx("session", "start", "drill").stdout.strip()
    assert session.endswith(".ttx")
    started = ttx("session", "module", session, "M2")
    assert started.returncode == 0, started.stderr
    shown = ttx("session", "show", session, "--json")
    assert '"M2"' in shown.stdout
    wrong = ttx("session", "module", session, "M3")
    assert wrong.returncode == 1 and "M3" in wrong.stderr and "Traceback" not in wrong.stderr
