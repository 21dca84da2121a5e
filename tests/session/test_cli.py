"""Every `ttx session` verb and every refusal, through the real command line."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.session.conftest import (
    DECISION,
    DIRECT,
    FIRST,
    PRESS,
    RELAY,
    SCENARIO_ID,
    Backend,
    CliResult,
    all_events,
    events_at,
    insert_chained,
)
from ttx.authoring.scaffold import init_workspace
from ttx.cli import main
from ttx.session.journal_copy import copy_session
from ttx.session.sqlite_journal import SCHEMA_VERSION

Ttx = Callable[..., CliResult]


def ok(result: CliResult) -> str:
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


PLAY = (
    ("deliver", FIRST),
    ("deliver", DECISION),
    ("move", "--role", "ROK", "--kind", "decision", "--inject", DECISION, "--option", "direct",
     "--to", "JPN", "Share directly"),
    ("amend", "5", "Share directly with Japan"),
    ("note", "typo"),
    ("retract", "7", "--reason", "noise"),
)
"""#3, #4 delivered; #5 ROK picks `direct`; #6 amends #5; #7 a note; #8 retracts #7."""


@pytest.fixture(scope="module")
def _played_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("played") / "ws"
    init_workspace(root)
    path = root / "played.ttx"
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()):
        patch.chdir(root)
        assert main(["session", "start", SCENARIO_ID, "-o", str(path)]) == 0
        for verb, *rest in PLAY:
            assert main(["session", verb, str(path), *rest]) == 0
    return path


@pytest.fixture
def played_anywhere(_played_once: Path, backend: Backend) -> str | Path:
    """The same, copied entry for entry to a file or to PostgreSQL (`ttx session copy`)."""
    return copy_session(_played_once, backend.location("played"))


def test_start_prints_only_the_path_of_a_file_that_has_the_first_module(
        ttx: Ttx, workspace: Path) -> None:
    out = ok(ttx("session", "start", SCENARIO_ID))
    assert re.fullmatch(rf"sessions/{SCENARIO_ID}-\d{{8}}T\d{{6}}(-\d+)?\.ttx\n", out)
    events = all_events(workspace / out.strip())
    assert [(e.type, e.seat) for e in events] == [("session_started", "facilitator"),
                                                  ("module_started", "facilitator")]
    second = ok(ttx("session", "start", "scenarios/example-port-outage.yaml", "--seat",
                    "facilitator"))
    assert second != out
    chosen = ok(ttx("session", "start", SCENARIO_ID, "-o", "mine.ttx"))
    assert chosen == "mine.ttx\n"
    assert all_events(workspace / "mine.ttx")[0].seat == "facilitator"


def test_every_verb_confirms_in_one_line_and_show_folds_it(ttx: Ttx,
                                                           started_anywhere: str | Path) -> None:
    s = str(started_anywhere)
    lines = [ok(ttx("session", *args)) for args in (
        ("deliver", s, FIRST),
        ("skip", s, DECISION, "--reason", "short of time"),
        ("deliver", s, DIRECT, "--seat", "facilitator"),
        ("move", s, "--role", "US", "--kind", "communication", "--to", "JPN", "--to", "ROK",
         "--rationale", "keep allies close", "Call both"),
        ("observe", s, "--objective", "OBJ-1", "--kind", "strength", "--rating", "p",
         "--author", "Evaluator 1", "Fast exchange", "--seat", "evaluator"),
        ("note", s, "Break at 10:30"),
        ("improve", s, "--issue", "No direct channel", "--action", "Set one up", "--owner",
         "MOD", "--due", "2027-07-01", "--element", "Planning"),
        ("amend", s, "#7", "Set up a direct channel"),
        ("amend", s, "9", "MOD and MOFA", "--field", "owner"),
        ("retract", s, "8", "--reason", "not needed"),
        ("pause", s), ("resume", s),
        ("clock", s, "+2:00"),
        ("module", s),
        ("deliver", s, PRESS),
        ("end", s),
    )]
    assert all(line.count("\n") == 1 for line in lines)
    assert lines[0] == f"#3 inject_delivered {FIRST}\n"
    assert lines[3] == "#6 move_recorded US communication to JPN,ROK\n"
    assert lines[4] == "#7 observation_recorded OBJ-1 strength P\n"
    assert lines[7] == "#10 entry_amended #7\n"
    assert lines[12] == "#15 clock_set 2027-05-10 10:00 +09:00\n"
    assert lines[-1] == "#18 session_ended\n"

    shown = json.loads(ok(ttx("session", "show", s, "--json")))
    assert [event["seq"] for event in shown["events"]] == list(range(1, 19))
    state = shown["state"]
    assert state["ended"] and state["current_module"] == "m2-press"
    assert state["inject_status"][DECISION] == "skipped"
    assert state["skips"][0]["reason"] == "short of time"
    assert state["observations"][0]["text"] == "Set up a direct channel"
    assert state["observations"][0]["original_text"] == "Fast exchange"
    assert state["observations"][0]["seat"] == "evaluator"
    assert state["improvements"][0]["owner"] == "MOD and MOFA"
    assert state["notes"] == [] and state["retractions"][0]["seq"] == 8
    assert state["moves"][0]["to"] == ["JPN", "ROK"]
    assert len(state["pauses"]) == 1

    summary = ok(ttx("session", "show", s))
    assert "Example: Port logistics outage" in summary
    assert "status     ended" in summary
    assert "game time  2027-05-10 12:10 +09:00" in summary
    assert "last 10 of 18 entries" in summary


@pytest.mark.parametrize(("args", "message"), [
    (("deliver", "{s}", "example-01-ransom-not"), "did you mean 'example-01-ransom-note'"),
    (("deliver", "{s}", FIRST), "already delivered (#3)"),
    (("deliver", "{s}", PRESS), "module 'm2-press', which has not started"),
    (("skip", "{s}", FIRST), "already delivered"),
    (("skip", "{s}", "nothing"), "no inject 'nothing'"),
    (("module", "{s}", "m3"), "choose from m1-outage, m2-press"),
    (("module", "{s}", "m1-outage"), "already started at #2"),
    (("move", "{s}", "--role", "USA", "--kind", "decision", "x"), "did you mean 'US'"),
    (("move", "{s}", "--role", "US", "--kind", "decisoin", "x"), "did you mean 'decision'"),
    (("move", "{s}", "--role", "US", "--kind", "decision", "  "), "cannot be empty"),
    (("move", "{s}", "--role", "US", "--kind", "action", "--to", "JAPAN", "x"),
     "no role 'JAPAN'"),
    (("move", "{s}", "--role", "US", "--kind", "decision", "--option", "direct", "x"),
     "needs the inject"),
    (("move", "{s}", "--role", "US", "--kind", "decision", "--inject", PRESS, "x"),
     "has not been delivered"),
    (("move", "{s}", "--role", "US", "--kind", "decision", "--inject", "nope", "x"),
     "no inject 'nope'"),
    (("move", "{s}", "--role", "US", "--kind", "decision", "--inject", DECISION,
      "--option", "dirct", "x"), "did you mean 'direct'"),
    (("move", "{s}", "--role", "US", "--kind", "decision", "--inject", FIRST,
      "--option", "direct", "x"), "not a decision point"),
    (("observe", "{s}", "--objective", "OBJ-9", "--kind", "note", "x"), "no objective"),
    (("observe", "{s}", "--objective", "OBJ-1", "--kind", "weakness", "x"),
     "choose strength, improvement, note"),
    (("observe", "{s}", "--objective", "OBJ-1", "--kind", "note", "--rating", "X", "x"),
     "not a rating"),
    (("observe", "{s}", "--objective", "OBJ-1", "--kind", "note", ""), "cannot be empty"),
    (("note", "{s}", " \n "), "cannot be empty"),
    (("improve", "{s}", "--issue", "i", "--action", "a", "--due", "2027-02-30"),
     "not a date"),
    (("improve", "{s}", "--issue", "i", "--action", "a", "--due", "next week"),
     "YYYY-MM-DD"),
    (("improve", "{s}", "--issue", "", "--action", "a"), "cannot be empty"),
    (("amend", "{s}", "99", "x"), "no entry #99"),
    (("amend", "{s}", "1", "x"), "only moves, observations"),
    (("amend", "{s}", "3", "x"), "#3 is inject_delivered"),
    (("amend", "{s}", "7", "x"), "#7 was retracted at #8"),
    (("amend", "{s}", "6", "Share directly with Japan"), "already reads that"),
    (("amend", "{s}", "5", "x", "--field", "role"), "choose text, rationale"),
    (("retract", "{s}", "99"), "no entry #99"),
    (("retract", "{s}", "7"), "was retracted at #8"),
    (("retract", "{s}", "8"), "was retracted at #8"),
    (("retract", "{s}", "4"), "inject_delivered"),
    (("resume", "{s}"), "not paused"),
    (("clock", "{s}", "tomorrow"), "not a game time"),
    (("clock", "{s}", "25:00"), "not a time of day"),
])
def test_refusals_exit_1_with_one_error_line_and_leave_the_journal_alone(
        ttx: Ttx, played_anywhere: str | Path, args: tuple[str, ...], message: str) -> None:
    before = events_at(played_anywhere)
    result = ttx("session", *(arg.format(s=played_anywhere) for arg in args))
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("error: "), result.err
    assert message in result.err
    assert events_at(played_anywhere) == before


def refused(ttx: Ttx, path: str | Path, *args: str) -> str:
    before = events_at(path)
    result = ttx("session", *args)
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("error: "), result.err
    assert events_at(path) == before
    return result.err


def test_contingencies_of_an_old_module_and_unreleased_follow_ups_are_refused(
        ttx: Ttx, started_anywhere: str | Path) -> None:
    started = started_anywhere
    s = str(started)
    ok(ttx("session", "module", s))
    err = refused(ttx, started, "deliver", s, RELAY)
    assert "contingency of module 'm1-outage'" in err
    assert "option 'through-us' of 'example-02-share-indicators'" in err
    refused(ttx, started, "skip", s, DIRECT)
    assert "no module left" in refused(ttx, started, "module", s)


def test_pause_twice_and_anything_after_the_end_are_refused(
        ttx: Ttx, started_anywhere: str | Path) -> None:
    started = started_anywhere
    s = str(started)
    ok(ttx("session", "pause", s))
    assert "already paused (since #3)" in refused(ttx, started, "pause", s)
    ok(ttx("session", "end", s))
    for args in (("note", s, "late"), ("resume", s), ("end", s), ("deliver", s, FIRST),
                 ("amend", s, "3", "x")):
        assert "session ended at #4" in refused(ttx, started, *args)


def test_files_that_are_missing_foreign_or_newer_are_refused(ttx: Ttx, workspace: Path) -> None:
    (workspace / "notes.ttx").write_text("not sqlite\n" * 200)
    for name, message in (("missing.ttx", "no session file at missing.ttx"),
                          ("notes.ttx", "notes.ttx is not a ttx session file"),
                          ("scenarios", "scenarios is not a session file")):
        for verb in (("show", name), ("note", name, "x"), ("end", name)):
            result = ttx("session", *verb)
            assert result.code == 1 and result.err == f"error: {message}\n"


def test_a_session_from_a_newer_ttx_is_refused(ttx: Ttx, started: Path) -> None:
    raw = sqlite3.connect(started)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    for verb in (("show", str(started)), ("note", str(started), "x")):
        result = ttx("session", *verb)
        assert result.code == 1 and result.err.count("\n") == 1
        assert "was written by a newer ttx" in result.err


def test_start_refuses_an_unknown_scenario_or_a_taken_file(ttx: Ttx, workspace: Path) -> None:
    result = ttx("session", "start", "example-port-outag")
    assert result.code == 1 and "did you mean 'example-port-outage'" in result.err
    assert not any((workspace / "sessions").iterdir())
    (workspace / "taken.ttx").write_text("mine")
    result = ttx("session", "start", SCENARIO_ID, "-o", "taken.ttx")
    assert result.code == 1 and result.err == "error: taken.ttx already exists; choose " \
        "another file name\n"
    assert (workspace / "taken.ttx").read_text() == "mine"


def test_usage_errors_exit_2(ttx: Ttx, started_anywhere: str | Path) -> None:
    started = started_anywhere
    assert ttx("session", "amend", str(started), "abc", "x").code == 2
    assert ttx("session", "move", str(started), "no role given").code == 2
    assert ttx("session", "note", str(started), "x", "--seat", "king").code == 2
    assert len(events_at(started)) == 2


def test_an_event_the_fold_cannot_read_is_one_error_line(ttx: Ttx, started: Path) -> None:
    # what a buggy writer could leave: a move with no kind (chained, so only its payload
    # is wrong; a hand edit breaks the chain, see test_tampering)
    seq = insert_chained(started, "move_recorded", '{"role": "US"}')
    for verb in (("show", str(started)), ("note", str(started), "x")):
        result = ttx("session", *verb)
        assert result.code == 1
        assert result.err == f"error: {started}: event #{seq} (move_recorded) is damaged: " \
                             "no 'kind'\n"


def test_copy_file_to_file_keeps_every_entry_and_never_overwrites(
        ttx: Ttx, _played_once: Path, workspace: Path) -> None:
    copied = ok(ttx("session", "copy", str(_played_once), "copy.ttx")).strip()
    assert copied == "copy.ttx"
    original, copy = (json.loads(ok(ttx("session", "show", str(p), "--json")))
                      for p in (_played_once, workspace / copied))
    for shown in (original, copy):
        shown.pop("path")
        shown["state"].pop("playing_seconds")
    assert copy == original
    verdicts = {ok(ttx("session", "verify", str(p))).split(": ", 1)[1]
                for p in (_played_once, workspace / copied)}
    assert len(verdicts) == 1 and "verified: 8 entries" in verdicts.pop()
    before = (workspace / copied).read_bytes()
    result = ttx("session", "copy", str(_played_once), copied)
    assert result.code == 1 and "already exists" in result.err
    assert (workspace / copied).read_bytes() == before


def test_a_file_from_before_the_chain_copies_to_a_file_of_its_format(
        ttx: Ttx, workspace: Path) -> None:
    old = Path(shutil.copy(Path(__file__).parent / "fixtures" / "slbm-launch-v1.ttx",
                           workspace / "v1.ttx"))
    ok(ttx("session", "copy", str(old), "v1-copy.ttx"))
    raw = sqlite3.connect(workspace / "v1-copy.ttx")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "hash" not in [row[1] for row in raw.execute("PRAGMA table_info(events)")]
    raw.close()
    assert "not verifiable" in ok(ttx("session", "verify", "v1-copy.ttx"))
    assert events_at(workspace / "v1-copy.ttx") == events_at(old)
