"""Appendix J: participant feedback from three delegations' forms."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.report.conftest import normalised_events
from ttx.report.build import report_of
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html, render_json, render_markdown
from ttx.session.fold import fold
from ttx.session.session import Session


def with_forms(session_file: Path, tmp_path: Path) -> AfterActionReport:
    copy = tmp_path / session_file.name
    shutil.copy(session_file, copy)
    with Session.open(copy, seat="facilitator") as session:
        session.submit_feedback("ROK", {"objectives": 5, "scenario": 4},
                                strengths=["Direct line to Tokyo"],
                                improvements=["Shorter read-ahead"], text="Well run.")
        session.submit_feedback("ROK", {"objectives": 3, "scenario": 4})
        session.submit_feedback("JPN", {"objectives": 4, "value": 5},
                                strengths=["Realistic ransom note"])
        session.submit_feedback("US", {"objectives": 2},
                                improvements=["More time for the relay"], text="Too fast.")
    journal, events = normalised_events(copy)
    return report_of(fold(journal.snapshot, events), events, session_file=copy.name)


def test_medians_and_counts_per_question_by_role_and_overall(
        session_file: Path, tmp_path: Path) -> None:
    feedback = with_forms(session_file, tmp_path).feedback
    assert feedback.forms == 4
    assert [r.role for r in feedback.roles] == ["US", "JPN", "ROK"]  # the scenario's order
    objectives = next(q for q in feedback.questions if q.id == "objectives")
    assert (objectives.count, objectives.median) == (4, 3.5)
    by_role = {r.role: (r.count, r.median) for r in objectives.by_role}
    assert by_role == {"ROK": (2, 4.0), "JPN": (1, 4.0), "US": (1, 2.0)}
    materials = next(q for q in feedback.questions if q.id == "materials")
    assert (materials.count, materials.median) == (0, None)
    rok = next(r for r in feedback.roles if r.role == "ROK")
    assert (rok.forms, rok.strengths, rok.improvements, rok.comments) == (
        2, ["Direct line to Tokyo"], ["Shorter read-ahead"], ["Well run."])


def test_every_format_shows_the_appendix(session_file: Path, tmp_path: Path) -> None:
    report = with_forms(session_file, tmp_path)
    markdown = render_markdown(report)
    html = render_html(report)
    assert "## Appendix J. Participant feedback" in markdown
    assert "| The exercise objectives were clear and met | 3.5 (4) |" in markdown
    assert "More time for the relay" in markdown and "Realistic ransom note" in markdown
    assert "Appendix J. Participant feedback" in html and "Too fast." in html
    data = json.loads(render_json(report))
    assert data["feedback"]["forms"] == 4


def test_no_forms_no_appendix(report: AfterActionReport) -> None:
    assert report.feedback.forms == 0
    assert "Participant feedback" not in render_markdown(report)
    assert "Participant feedback" not in render_html(report)
