"""The command line prints authored and typed text, and quotes bad arguments, without a
single raw control character: `session show`, `validate` and every error line."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import (
    CLICK,
    HOSTILE_WORKSPACE,
    PASTED,
    SCENARIO_ID,
    SHARE,
    raw_controls,
    shown,
)

TTX = str(Path(sys.executable).parent / "ttx")


def ttx(*args: str, cwd: Path = HOSTILE_WORKSPACE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TTX, *args], cwd=cwd, capture_output=True, text=True,
                          errors="surrogateescape")


@pytest.fixture
def played(tmp_path: Path) -> Path:
    """A session of the hostile scenario: both injects delivered, a pasted note."""
    session = tmp_path / "hostile.ttx"
    assert ttx("session", "start", SCENARIO_ID, "-o", str(session)).returncode == 0
    for args in (("deliver", SHARE), ("deliver", CLICK), ("note", PASTED)):
        assert ttx("session", args[0], str(session), *args[1:]).returncode == 0
    return session


def test_session_show_writes_every_control_character_out(played: Path) -> None:
    result = ttx("session", "show", str(played))
    assert result.returncode == 0, result.stderr
    assert raw_controls(result.stdout) == []
    assert shown("Scenario [/] \x1b]0;SCENARIO-TITLE\x07") in result.stdout
    assert shown(PASTED) in result.stdout


def test_session_show_json_escapes_them_and_keeps_the_text(played: Path) -> None:
    result = ttx("session", "show", str(played), "--json")
    assert result.returncode == 0, result.stderr
    assert raw_controls(result.stdout) == []
    document = json.loads(result.stdout)
    assert document["events"][-1]["payload"]["text"] == PASTED


def test_validate_messages_quote_hostile_keys_visibly(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "injects").mkdir(parents=True)
    (workspace / "scenarios").mkdir()
    (workspace / "injects" / "bad.yaml").write_text(
        'id: bad\ntitle: "t"\n"k\\e]0;KEY\\a\\x9b": 1\n', encoding="utf-8")
    for extra in ((), ("--format", "json")):
        result = ttx("validate", *extra, cwd=workspace)
        assert result.returncode == 1
        assert raw_controls(result.stdout + result.stderr) == []
    assert "unknown key 'k\\x1b]0;KEY\\x07\\x9b'" in ttx("validate", cwd=workspace).stdout


@pytest.mark.parametrize("args", [
    ("session", "deliver", "{session}", "x\x1b]0;ERROR-TITLE\x07"),
    ("session", "show", "nowhere\x1b]52;c;eA==\x07.ttx"),
    ("session", "nothing\x1b[2J", "{session}"),  # argparse's usage error quotes it
    ("report", "{session}", "--format", "x\x9b"),
])
def test_error_lines_quote_arguments_visibly(played: Path, args: tuple[str, ...]) -> None:
    result = ttx(*(arg.format(session=played) for arg in args))
    assert result.returncode in (1, 2)
    assert "error: " in result.stderr
    assert raw_controls(result.stderr) == []
    assert "\\x1b" in result.stderr or "\\x9b" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_argument_that_is_not_utf8_is_refused_before_anything_is_written(
        played: Path) -> None:
    before = ttx("session", "show", str(played), "--json").stdout
    undecodable = b"note \x9b\xff".decode("utf-8", "surrogateescape")
    result = ttx("session", "note", str(played), undecodable)
    assert result.returncode == 1
    assert result.stderr == "error: this argument is not UTF-8 text: note \\x9b\\xff\n"
    assert json.loads(ttx("session", "show", str(played), "--json").stdout)["events"] == \
        json.loads(before)["events"]


def on_a_terminal(*args: str) -> tuple[int, bytes]:
    """Run `ttx ARGS` with a pseudo-terminal as its standard output: its exit code and
    every byte it wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([TTX, *args], cwd=HOSTILE_WORKSPACE, stdout=follower,
                               stderr=subprocess.DEVNULL)
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the program closed the terminal
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    return process.wait(), written


def test_a_document_printed_on_a_terminal_shows_its_control_characters(
        played: Path) -> None:
    code, written = on_a_terminal("report", str(played), "--format", "md", "-o", "-")
    assert code == 0
    text = written.decode("utf-8")
    assert raw_controls(text.replace("\r", "")) == []  # the terminal's own CR LF
    assert "Scenario \\[/\\] \\x1b\\]0;SCENARIO-TITLE\\x07" in text  # Markdown's own escapes


def test_a_binary_document_is_not_printed_on_a_terminal(played: Path) -> None:
    code, written = on_a_terminal("msel", "export", SCENARIO_ID, "--format", "xlsx")
    assert code == 1
    assert written == b""


def test_a_csv_on_a_terminal_reads_as_lines() -> None:
    code, written = on_a_terminal("msel", "export", SCENARIO_ID, "--format", "csv")
    assert code == 0
    text = written.decode("utf-8")
    assert "\\r" not in text  # its CR LF row ends are line ends, not shown escapes
    assert raw_controls(text.replace("\r\n", "\n")) == []
    assert "Share indicators [/] now \\x1b]0;INJECT-TITLE\\x07" in text
