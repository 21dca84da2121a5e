"""A fixed session of the example scenario, recorded through the session API.

It has everything a report must handle: deliveries and a skip, a decision picking an
option, Japan–ROK communications both direct and relayed through the US, observations
with ratings, an amendment, a retraction, a pause, improvement items, Korean and
Japanese text, and hostile text (a move, a note, an observation, an improvement item)
that must stay text. Wall times are replaced by fixed
ones (one minute per entry, a ten-minute pause) before the report is built, so golden
files do not change from run to run.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.report.realistic import play_slbm_launch
from ttx.authoring.resolve import resolve_scenario
from ttx.authoring.scaffold import init_workspace
from ttx.report.build import build_report
from ttx.report.model import AfterActionReport
from ttx.session.events import Event, EventType
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal as Journal

HOSTILE_MOVE = ('<script>alert(1)</script> " onmouseover="x | col | `tick` **bold** '
                "{{ 7*7 }} {% raw %}")
HOSTILE_NOTE = '<img src=x onerror=alert(1)> [link](javascript:x)\n# not a heading'
HOSTILE_OBSERVATION = ("{{ 7*7 }} <b onmouseover=\"alert(1)\">hover</b> ``code`` "
                       "{% if true %}yes{% endif %}")
HOSTILE_ISSUE = "<script>alert('plan')</script>\n| col | col |\n---"
HOSTILE_ACTION = "{% raw %}{{ 7*7 }}{% endraw %} [owner](javascript:x) &amp; <!-- c -->"
HOSTILE_OWNER = "\" onmouseover=\"x' onfocus='y"
HOSTILE_TEXTS = (HOSTILE_MOVE, HOSTILE_NOTE, HOSTILE_OBSERVATION, HOSTILE_ISSUE,
                 HOSTILE_ACTION, HOSTILE_OWNER)
"""Player text that would be markup or template code if it were ever treated as such."""
KOREAN = "부산항 터미널 침입 지표를 일본과 직접 공유합니다."
JAPANESE = "神戸港でも同じ侵入者を確認しました。"
WALL_BASE = datetime(2027, 5, 10, 0, 0, tzinfo=UTC)


def record_session(workspace: Path) -> Path:
    """Play the example scenario into `workspace/sessions/golden.ttx`; return its path."""
    resolved = resolve_scenario("example-port-outage", cwd=workspace)
    path = workspace / "sessions" / "golden.ttx"
    with Session.start(resolved, path) as session:
        session.deliver("example-01-ransom-note")
        session.record_move("ROK", "communication", "Ransom note at Busan; telling the US.",
                            to=["US"], inject="example-01-ransom-note")
        session.record_move("ROK", "communication", KOREAN, to=["JPN"],
                            inject="example-01-ransom-note")
        session.deliver("example-02-share-indicators")
        session.record_move("ROK", "decision", "Share the indicators with Japan directly.",
                            inject="example-02-share-indicators", option="direct",
                            rationale="Japanese ports run the same terminal software.")
        japan_to_us = session.record_move("JPN", "communication", "Please pass our findngs on.",
                                          to=["US"], inject="example-02-share-indicators")
        session.amend(japan_to_us.seq, "Please pass our findings to Seoul.")
        session.record_move("US", "communication", "Relaying Japan's findings to Seoul.",
                            to=["ROK"], inject="example-02-share-indicators")
        mistaken = session.record_move("US", "statement", "Recorded against the wrong role.",
                                       to=["JPN"], inject="example-02-share-indicators")
        session.retract(mistaken.seq, "recorded against the wrong role")
        session.pause()
        session.resume()
        session.deliver("example-03-direct-exchange")
        session.record_move("JPN", "statement", JAPANESE, to=["ROK"],
                            inject="example-03-direct-exchange")
        session.record_move("US", "question", HOSTILE_MOVE, inject="example-03-direct-exchange")
        session.record_move("JPN", "decision", "Warn Japanese port operators tonight.",
                            inject="example-03-direct-exchange")
        session.record_observation("OBJ-1", "strength", "ROK told Japan within minutes.",
                                   rating="P", author="Evaluator A")
        session.record_observation("OBJ-1", "improvement",
                                   "The relay through the US added a step.", rating="S",
                                   author="Evaluator B")
        session.record_observation("OBJ-2", "note", HOSTILE_OBSERVATION)
        session.record_observation("OBJ-2", "note", "No public line was agreed.", rating="M")
        session.add_note(HOSTILE_NOTE)
        session.add_improvement("Indicators went through Washington first",
                                "Set up a standing JPN–ROK cyber hotline",
                                capability_element="Planning", owner="MOFA Tokyo / MOFA Seoul",
                                due="2027-09-30")
        session.add_improvement(HOSTILE_ISSUE, HOSTILE_ACTION, owner=HOSTILE_OWNER)
        session.start_module()
        session.skip("example-05-press-query", "Out of time")
        session.end()
    return path


def normalised_events(path: Path) -> tuple[Journal, list[Event]]:
    """The session's events with wall times one minute apart from a fixed base; the
    pause lasts ten minutes."""
    journal = Journal.open(path)
    events = journal.events()
    journal.close()
    fixed: list[Event] = []
    wall = WALL_BASE
    for event in events:
        wall += timedelta(minutes=10 if event.type is EventType.clock_resumed else 1)
        fixed.append(dataclasses.replace(event, at_wall=wall))
    return journal, fixed


def normalised_report(path: Path) -> AfterActionReport:
    journal, events = normalised_events(path)
    return build_report(journal.snapshot, events, session_file=path.name)


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report") / "ws"
    init_workspace(root)
    record_session(root)
    return root


@pytest.fixture(scope="session")
def session_file(workspace: Path) -> Path:
    return workspace / "sessions" / "golden.ttx"


@pytest.fixture(scope="session")
def report(session_file: Path) -> AfterActionReport:
    return normalised_report(session_file)


@pytest.fixture(scope="session")
def realistic_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed scenario `slbm-launch` played in English, Korean and Japanese."""
    return play_slbm_launch(tmp_path_factory.mktemp("realistic") / "sessions" / "slbm.ttx")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pdf: renders a PDF with WeasyPrint (seconds each); -m 'not pdf' skips them")


def require_tool(name: str) -> str:
    """The path of a command-line tool the test needs, or skip saying how to get it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (`make setup` installs it: "
                    "poppler-utils, chromium)")
    return path


REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def session(session_file: Path, tmp_path: Path) -> Path:
    """A copy of the fixed session in a fresh workspace's `sessions/` folder."""
    workspace = tmp_path / "ws"
    shutil.copytree(session_file.parents[1], workspace,
                    ignore=shutil.ignore_patterns("reports"))
    return workspace / "sessions" / session_file.name


def run(*args: str, cwd: Path | None = None, stderr: int | None = subprocess.PIPE,
        ) -> subprocess.CompletedProcess[bytes]:
    """`ttx ARGS` in a child process."""
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=cwd, env=environment,
                          stdout=subprocess.PIPE, stderr=stderr, timeout=180, check=False)


def refused(*args: str, cwd: Path | None = None) -> str:
    """The one error line of a refused `ttx` command (exit 1, nothing on stdout)."""
    result = run(*args, cwd=cwd)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert result.stdout == b""
    return lines[0]


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
"""How the tests run Chromium: headless, offline, without a profile's extras."""


class Dom(HTMLParser):
    """Elements, attributes and text of a serialised DOM; `html_elements` leaves out the
    charts' SVG, whose own attributes (`x`, `d`, …) say nothing about player text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.html_elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._svg_depth += tag == "svg"
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if not self._svg_depth:
            self.html_elements.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self._svg_depth -= tag == "svg"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
