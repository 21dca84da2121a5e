"""`ttx sessions` and the resume offer of `ttx run SCENARIO` (issue 21, point 2)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.conftest import JCS, WORKSPACE
from ttx.authoring.resolve import resolve_scenario
from ttx.cli import main
from ttx.cli.sessions_command import choose_session, unfinished_sessions, workspace_sessions
from ttx.errors import TtxError
from ttx.session.session import Session


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "workspace"
    shutil.copytree(WORKSPACE, copy)
    monkeypatch.chdir(copy)
    return copy


def started(workspace: Path, name: str) -> Path:
    resolved = resolve_scenario("tui-demo", workspace)
    path = workspace / "sessions" / name
    path.parent.mkdir(exist_ok=True)
    Session.start(resolved, path).close()
    return path


def test_sessions_are_listed_with_scenario_state_last_entry_and_path(
        workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ended = started(workspace, "a.ttx")
    with Session.open(ended) as session:
        session.end()
    running = started(workspace, "b.ttx")
    with Session.open(running) as session:
        session.deliver(JCS)
        session.pause()
    (workspace / "sessions" / "broken.ttx").write_text("not a session")
    assert main(["sessions"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["SCENARIO", "STATE", "LAST", "ENTRY", "PATH"]
    paused = next(line for line in out if "b.ttx" in line)
    assert paused.split()[:4] == ["tui-demo", "paused", "#4", "clock_paused"]
    assert paused.endswith("sessions/b.ttx")
    assert next(line for line in out if "a.ttx" in line).split()[1] == "ended"
    assert "unreadable" in next(line for line in out if "broken.ttx" in line)
    assert main(["sessions", "--format", "json", "tui-demo"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {(s["path"], s["state"]) for s in listed} == {("sessions/a.ttx", "ended"),
                                                        ("sessions/b.ttx", "paused")}


def test_only_unfinished_sessions_are_offered(workspace: Path) -> None:
    ended = started(workspace, "a.ttx")
    with Session.open(ended) as session:
        session.end()
    assert unfinished_sessions(workspace, "tui-demo") == []
    running = started(workspace, "b.ttx")
    assert [s.path for s in unfinished_sessions(workspace, "tui-demo")] == [running]
    assert unfinished_sessions(workspace, "other") == []


def answers(*typed: str) -> Iterator[str]:
    yield from typed
    raise EOFError


@pytest.mark.parametrize(("typed", "expected"), [
    (("",), "b.ttx"), (("r",), "b.ttx"), (("n",), None), (("x", "new"), None),
    (("l", "2"), "a.ttx"), (("l", "9", "l", "1"), "b.ttx"), (("l", "n"), None)])
def test_the_offer_resumes_on_enter_starts_new_or_lists(
        workspace: Path, typed: tuple[str, ...], expected: str | None) -> None:
    started(workspace, "a.ttx")
    newest = started(workspace, "b.ttx")
    with Session.open(newest) as session:
        session.add_note("later")
    candidates = workspace_sessions(workspace, "tui-demo")
    said: list[str] = []
    typing = answers(*typed)
    chosen = choose_session(candidates, "tui-demo", ask=lambda _: next(typing),
                            out=lambda *lines: said.extend(lines))
    assert (chosen.name if chosen else None) == expected
    assert "An unfinished session of tui-demo exists: sessions/b.ttx" in said[0]


def test_no_answer_starts_nothing(workspace: Path) -> None:
    started(workspace, "a.ttx")
    with pytest.raises(TtxError, match="no answer: nothing started"):
        choose_session(workspace_sessions(workspace), "tui-demo", ask=lambda _: next(answers()),
                       out=lambda *lines: None)
