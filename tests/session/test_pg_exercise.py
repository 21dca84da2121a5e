"""The issue's "done when": a facilitator and three delegations, each its own process
and connection, play the SLBM scenario on one PostgreSQL session; the server stops for
a while and comes back; nothing acknowledged is lost; the session is copied to a file
and its report made with the server gone."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.session.conftest import CliResult, Writer
from tests.session.pg_cluster import Cluster

REPO = Path(__file__).resolve().parents[2]
DELEGATIONS = {"US": "Washington", "JPN": "Tokyo", "ROK": "Seoul"}
PATIENCE = 60.0


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.05)


def test_three_capitals_play_through_an_outage_and_report_offline(
        own_pg_cluster: Cluster, ttx: Callable[..., CliResult], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    cluster = own_pg_cluster
    monkeypatch.chdir(REPO)  # the shipped scenarios
    started = ttx("session", "start", "slbm-launch", "--journal", cluster.url())
    assert started.code == 0, started.err
    url = started.out.strip()
    first = ttx("session", "deliver", url, "slbm-01-sinpo-pier-empty")
    assert first.code == 0, first.err
    delegations = {role: Writer("moves", url, role, "0") for role in DELEGATIONS}
    for writer in delegations.values():
        writer.go()
    _until(lambda: all(len(w.lines) >= 3 for w in delegations.values()), "play under way")
    cluster.stop("immediate")
    _until(lambda: all(any(line.startswith("refused ") for line in w.lines)
                       for w in delegations.values()), "every delegation told it is not saving")
    refused = ttx("session", "note", url, "during the outage")
    assert refused.code == 1 and "cannot reach the PostgreSQL server" in refused.err
    cluster.start()
    _until(lambda: all(not w.lines[-1].startswith("refused ") for w in delegations.values()),
           "every delegation writes again")
    for writer in delegations.values():
        writer.stop()
    acknowledged = {role: writer.finish() for role, writer in delegations.items()}

    archive = tmp_path / "slbm.ttx"
    copied = ttx("session", "copy", url, str(archive))
    assert copied.code == 0, copied.err
    cluster.stop("fast")  # the report needs no server
    report = ttx("report", str(archive), "--format", "md", "-o", str(tmp_path / "aar.md"))
    assert report.code == 0, report.err
    text = (tmp_path / "aar.md").read_text()
    assert "verified" in ttx("session", "verify", str(archive)).out
    for role, lines in acknowledged.items():
        written = [line.split()[1] for line in lines if not line.startswith("refused ")]
        assert written == [f"{role}-{n}" for n in range(len(written))]
        assert any("not saving: " in line for line in lines)
        for move in written:
            assert move in text, f"{move} acknowledged but not in the report"
    assert "during the outage" not in text
    cluster.start()  # stopped by the fixture
