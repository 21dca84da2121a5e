"""Delivery → acknowledgement → first move, per delegation, from what seats recorded."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.report.conftest import normalised_events
from ttx.authoring.resolve import resolve_scenario
from ttx.report.build import report_of
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html, render_json, render_markdown
from ttx.session.fold import fold
from ttx.session.session import Session


def acknowledged_session(workspace: Path, tmp_path: Path) -> AfterActionReport:
    path = tmp_path / "acks.ttx"
    with Session.start(resolve_scenario("example-port-outage", cwd=workspace), path) as s:
        s.deliver("example-01-ransom-note")
        s.acknowledge("example-01-ransom-note", "ROK")
        s.record_move("ROK", "communication", "Telling the US.", to=["US"],
                      inject="example-01-ransom-note")
    journal, events = normalised_events(path)
    return report_of(fold(journal.snapshot, events), events, session_file=path.name)


def test_each_recipient_has_a_row_with_its_acknowledgement_and_first_move(
        workspace: Path, tmp_path: Path) -> None:
    report = acknowledged_session(workspace, tmp_path)
    rows = {row.role: row for row in report.inject_responses}
    rok = rows["ROK"]
    assert rok.inject == "example-01-ransom-note"
    assert rok.acknowledged is not None and rok.first_move is not None
    assert rok.first_move >= rok.acknowledged >= timedelta(0)
    assert rok.first_move_seq is not None
    others = [row for role, row in rows.items() if role != "ROK"]
    assert all(row.acknowledged is None and row.first_move is None for row in others)
    markdown, html = render_markdown(report), render_html(report)
    assert "### Delivery, acknowledgement and first move" in markdown
    assert "Acknowledged after (room)" in html
    assert json.loads(render_json(report))["inject_responses"][0]["inject"] == rok.inject


def test_a_session_without_acknowledgements_keeps_todays_figures(
        report: AfterActionReport) -> None:
    assert report.inject_responses == []
    assert report.response_times  # the per-role figures stand as before
    assert "Delivery, acknowledgement" not in render_markdown(report)
