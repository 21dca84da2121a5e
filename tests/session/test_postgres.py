"""Sessions on PostgreSQL through the command line: start by URL, play, copy to a file
and back with every entry identical, and every refusal in one line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.session.conftest import FIRST, SCENARIO_ID, CliResult
from tests.session.pg_cluster import Cluster

Ttx = Callable[..., CliResult]
FIXTURES = Path(__file__).parent / "fixtures"


def _one_error_line(result: CliResult) -> str:
    assert result.code == 1, result
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    return result.err


def _shown(ttx: Ttx, location: str | Path) -> dict[str, Any]:
    result = ttx("session", "show", str(location), "--json")
    assert result.code == 0, result.err
    shown = json.loads(result.out)
    shown.pop("path")
    shown["state"].pop("playing_seconds")  # grows while the session runs
    return shown


@pytest.fixture
def played_url(ttx: Ttx, pg_cluster: Cluster) -> str:
    result = ttx("session", "start", SCENARIO_ID, "--journal", pg_cluster.url())
    assert result.code == 0, result.err
    url = result.out.strip()
    for verb in (("deliver", url, FIRST),
                 ("move", url, "--role", "JPN", "--kind", "decision", "--seat", "player:JPN",
                  "国家安全保障会議を招集する"),
                 ("observe", url, "--objective", "OBJ-1", "--kind", "strength",
                  "--rating", "S", "--seat", "evaluator:Kim", "Fast relay"),
                 ("note", url, "=HYPERLINK(\"x\") \x1b[31m red")):
        step = ttx("session", *verb)
        assert step.code == 0, step.err
    return url


def test_start_on_a_server_prints_a_url_naming_the_new_session(
        ttx: Ttx, pg_cluster: Cluster, played_url: str) -> None:
    assert played_url.startswith(pg_cluster.url() + "?session=")
    session_id = played_url.rsplit("session=", 1)[1]
    assert session_id.startswith(f"{SCENARIO_ID}-") and len(session_id) == \
        len(SCENARIO_ID) + len("-20270510T080005")
    shown = _shown(ttx, played_url)
    assert [event["type"] for event in shown["events"]] == [
        "session_started", "module_started", "inject_delivered", "move_recorded",
        "observation_recorded", "note_added"]
    assert shown["events"][3]["seat"] == "player:JPN"
    again = ttx("session", "start", SCENARIO_ID, "--journal", pg_cluster.url())
    assert again.code == 0 and again.out.strip() != played_url, "a second one, not the same"
    assert "verified: 6 entries" in ttx("session", "verify", played_url).out


def test_a_copy_to_a_file_and_back_is_identical_and_verifies(
        ttx: Ttx, pg_cluster: Cluster, played_url: str, workspace: Path) -> None:
    to_file = ttx("session", "copy", played_url, "sessions/")
    assert to_file.code == 0, to_file.err
    copied = workspace / to_file.out.strip()
    assert copied.name == played_url.rsplit("session=", 1)[1] + ".ttx"
    back = ttx("session", "copy", str(copied), pg_cluster.url(session="round-trip"))
    assert back.code == 0, back.err
    assert back.out.strip() == pg_cluster.url(session="round-trip")

    original = _shown(ttx, played_url)
    assert _shown(ttx, copied) == original
    assert _shown(ttx, back.out.strip()) == original
    heads = {ttx("session", "verify", str(where)).out.split(": ", 1)[1]
             for where in (played_url, copied, back.out.strip())}
    assert len(heads) == 1 and next(iter(heads)).startswith("verified: 6 entries, chain head")
    with psycopg.connect(pg_cluster.url()) as raw:
        rows = {session: raw.execute(
            "SELECT seq, at_wall, at_game, type, seat, payload, hash FROM ttx.events "
            "WHERE session = %s ORDER BY seq", (session,)).fetchall()
            for session in (played_url.rsplit("=", 1)[1], "round-trip")}
    assert len({repr(r) for r in rows.values()}) == 1, "every stored field identical"

    _one_error_line(ttx("session", "copy", str(copied), pg_cluster.url(session="round-trip")))
    before = copied.read_bytes()
    refused = _one_error_line(ttx("session", "copy", played_url, str(copied)))
    assert "already exists" in refused and copied.read_bytes() == before


def test_a_file_written_before_the_chain_copies_as_it_is(
        ttx: Ttx, pg_cluster: Cluster, workspace: Path) -> None:
    old = Path(shutil.copy(FIXTURES / "slbm-launch-v1.ttx", workspace / "old.ttx"))
    up = ttx("session", "copy", str(old), pg_cluster.url())
    assert up.code == 0, up.err
    assert up.out.strip().endswith("?session=old")
    down = ttx("session", "copy", up.out.strip(), str(workspace / "down.ttx"))
    assert down.code == 0, down.err
    expected = json.loads((FIXTURES / "slbm-launch-v1.show.json").read_text())["events"]
    for where in (up.out.strip(), workspace / "down.ttx"):
        assert _shown(ttx, where)["events"] == expected
        assert "not verifiable" in ttx("session", "verify", str(where)).out
    note = ttx("session", "observe", up.out.strip(), "--objective", "OBJ-1", "--kind", "note",
               "appended to the copy")
    assert note.code == 0, note.err
    assert "not verifiable" in ttx("session", "verify", up.out.strip()).out


def test_urls_and_servers_that_cannot_be_used_are_one_error_line(
        ttx: Ttx, pg_cluster: Cluster, played_url: str, monkeypatch: pytest.MonkeyPatch
        ) -> None:
    secret = played_url.replace("ttx@", "ttx:hunter2@")
    for args in (("session", "show", secret), ("session", "start", SCENARIO_ID, "--journal",
                                               pg_cluster.url().replace("ttx@", "ttx:pw@"))):
        refused = _one_error_line(ttx(*args))
        assert "password" in refused and "hunter2" not in refused and "pw@" not in refused
    missing = _one_error_line(ttx("session", "show", pg_cluster.url(session="nosuch")))
    assert "no session 'nosuch'" in missing and played_url.rsplit("=", 1)[1] in missing
    unnamed = _one_error_line(ttx("session", "show", pg_cluster.url()))
    assert "?session=ID" in unnamed
    gone = _one_error_line(ttx("session", "show", played_url.replace(
        f":{pg_cluster.port}/", f":{_closed_port()}/")))
    assert "cannot reach the PostgreSQL server" in gone
    monkeypatch.delenv("PGPASSFILE")
    monkeypatch.setenv("HOME", str(pg_cluster.root / "nohome"))
    no_password = _one_error_line(ttx("session", "show", played_url))
    assert "PGPASSWORD" in no_password


def test_a_database_set_up_by_a_newer_ttx_is_refused(ttx: Ttx, pg_cluster: Cluster) -> None:
    pg_cluster.create_database("newer")
    url = pg_cluster.url("newer")
    started = ttx("session", "start", SCENARIO_ID, "--journal", url + "?session=s")
    assert started.code == 0, started.err
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("INSERT INTO ttx.schema_version (version, ttx_version) VALUES (99, '9')")
    for args in (("session", "show", url + "?session=s"),
                 ("session", "start", SCENARIO_ID, "--journal", url)):
        refused = _one_error_line(ttx(*args))
        assert "newer ttx" in refused and "99" in refused


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_report_is_made_from_the_server_and_from_its_copy_alike(
        ttx: Ttx, played_url: str, workspace: Path) -> None:
    copied = workspace / ttx("session", "copy", played_url, "sessions/").out.strip()
    reports = []
    for where, name in ((played_url, "server.md"), (copied, "file.md")):
        result = ttx("report", str(where), "--format", "md", "-o", name)
        assert result.code == 0, result.err
        reports.append((workspace / name).read_text())
    session_id = played_url.rsplit("=", 1)[1]
    assert session_id in reports[0] and "?session=" not in reports[0]
    assert reports[0] == reports[1].replace(f"{session_id}.ttx", session_id)
    assert "国家安全保障会議を招集する" in reports[0]


def test_commands_on_files_never_load_psycopg() -> None:
    import subprocess
    import sys

    probe = ("import sys; from ttx.cli import build_parser; build_parser(); "
             "import ttx.session.session; assert 'psycopg' not in sys.modules, 'loaded'")
    subprocess.run([sys.executable, "-c", probe], check=True)
