"""`ttx check` through the real command line: exit codes, JSON, the terminal timeline
(a golden file), and the SVG and HTML it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from tests.authoring.conftest import INJECTS

REPO = Path(__file__).resolve().parents[2]


class TextFile(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "txt"


def ttx(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=environment)


def test_terminal_timeline(workspace: Path, snapshot: SnapshotAssertion) -> None:
    result = ttx("check", "drill", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "ok: scenario drill; 0 errors, 0 warnings\n"
    assert result.stdout == snapshot.use_extension(TextFile)


def test_warnings_exit_0_and_errors_exit_1(workspace: Path) -> None:
    decide = workspace / "injects" / "decide.yaml"
    decide.write_text(INJECTS["decide.yaml"].replace("leads_to: [follow-up]",
                                                     "leads_to: [launch]"))
    (workspace / "scenarios" / "drill.yaml").write_text(
        (workspace / "scenarios" / "drill.yaml").read_text().replace(
            "contingency: [follow-up]", "contingency: [follow-up]\n  - id: M2\n"
            "    title: Module 2\n    at: +2:00"))
    warned = ttx("check", "scenarios/drill.yaml", cwd=workspace)
    assert warned.returncode == 0
    assert warned.stdout.splitlines()[:2] == [
        "injects/decide.yaml:5:51: warning: option 'share' leads to 'launch', which module 'm1' "
        "plans anyway: the choice does not decide it; make it a contingency",
        "scenarios/drill.yaml:17:9: warning: module 'M2' plans no inject"]
    assert warned.stderr == "ok: scenario drill; 0 errors, 2 warnings\n"
    decide.write_text(INJECTS["decide.yaml"] + "colour: red\n")
    failed = ttx("check", "drill", cwd=workspace)
    assert failed.returncode == 1
    assert failed.stdout == "injects/decide.yaml:6:1: error: unknown key 'colour'\n"
    assert failed.stderr == "failed: scenario drill; 1 errors, 0 warnings\n"


def test_json_for_editors_and_ci(workspace: Path) -> None:
    result = ttx("check", "drill", "--format", "json", cwd=workspace)
    report = json.loads(result.stdout)
    assert (report["scenario"], report["valid"], report["errors"]) == ("drill", True, 0)
    module = report["timeline"][0]
    assert [(i["number"], i["id"], i["at"], i["contingency"]) for i in module["injects"]] == [
        (1, "launch", "+0:00", False), (2, "decide", "+0:30", False),
        (3, "follow-up", None, True)]
    assert module["injects"][1]["game_time"] == "2027-03-14T06:00:00+09:00"
    assert module["injects"][0]["to"] == ["US", "JPN", "ROK"]
    assert report["objectives"] == [{"id": "OBJ-1", "modules": ["m1"], "injects": ["launch"]}]
    assert {"role": "US", "module": "m1", "injects": 1, "questions": 1} in report["delegations"]


def test_svg_and_html_outputs(workspace: Path) -> None:
    hostile = INJECTS["launch.yaml"].replace(
        "title: Launch detected", 'title: "</text><script>alert(1)</script> & [bold]x[/] \\e[2J"')
    (workspace / "injects" / "launch.yaml").write_text(hostile)
    svg = ttx("check", "drill", "-o", "plan.svg", cwd=workspace)
    assert svg.returncode == 0, svg.stderr
    assert "\x1b" not in svg.stdout, "no terminal escape reaches the terminal"
    assert "[bold]x[/]" in svg.stdout, "authored text is shown literally, never as markup"
    text = (workspace / "plan.svg").read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)  # well-formed XML, control characters dropped
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<script>" not in text and "&lt;/text&gt;&lt;script&gt;" in text
    labels = {node.text for node in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"US", "JPN", "ROK"} <= labels
    page = ttx("check", "drill", "-o", "plan.html", cwd=workspace)
    assert page.returncode == 0
    html_text = (workspace / "plan.html").read_text(encoding="utf-8")
    assert html_text.startswith("<!DOCTYPE html>") and "<svg" in html_text
    assert "<script>" not in html_text
    refused = ttx("check", "drill", "-o", "plan.png", cwd=workspace)
    assert refused.returncode == 1
    assert refused.stderr == "error: -o takes a .svg or .html file, not plan.png\n"
    assert not (workspace / "plan.png").exists()


def test_unknown_scenario_is_one_error_line(workspace: Path) -> None:
    result = ttx("check", "dril", cwd=workspace)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "did you mean 'drill'" in result.stderr


@pytest.mark.parametrize("scenario", ["slbm-launch", "mine-incident", "collapse-contingency"])
def test_seed_scenarios_have_no_errors(scenario: str) -> None:
    result = ttx("check", scenario, "--format", "json", cwd=REPO)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["errors"] == 0, report["problems"]


def test_a_broken_scenario_still_gives_json(workspace: Path) -> None:
    scenario = workspace / "scenarios" / "drill.yaml"
    scenario.write_text(scenario.read_text().replace("title: Drill", "titel: Drill"))
    result = ttx("check", "scenarios/drill.yaml", "--format", "json", cwd=workspace)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["valid"] is False and "timeline" not in report
    assert [p["message"] for p in report["problems"]] == [
        "missing required key 'title'", "unknown key 'titel' (did you mean 'title'?)"]
    svg = ttx("check", "drill", "-o", "plan.svg", cwd=workspace)
    assert svg.returncode == 1 and svg.stderr.splitlines()[-1].startswith("error: no timeline")
    assert not (workspace / "plan.svg").exists()


def test_extreme_offsets_and_no_player_draw(workspace: Path) -> None:
    scenario = workspace / "scenarios" / "drill.yaml"
    text = scenario.read_text().replace("kind: player", "kind: observer")
    scenario.write_text(text.replace("{id: decide, at: +0:30}", "{id: decide, at: +9999:59}"))
    result = ttx("check", "drill", "-o", "plan.svg", cwd=workspace)
    assert result.returncode == 0, result.stderr
    ElementTree.fromstring((workspace / "plan.svg").read_text(encoding="utf-8"))
    assert "+9999:59" in result.stdout
