"""The analysis layer in the report: final ratings, findings, the executive summary, the
eight-column improvement plan, time standards, decision points, acronyms.

The fixed session is copied and the lead evaluator's analysis is added after ENDEX
through the session API, as `ttx session analyse` and the console record it.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from tests.report.conftest import normalised_events
from ttx.report.build import report_of
from ttx.report.model import AfterActionReport
from ttx.session.fold import fold
from ttx.session.session import Session


def analysed(session_file: Path, tmp_path: Path, *ratings: str) -> tuple[Path, Session]:
    copy = tmp_path / session_file.name
    shutil.copy(session_file, copy)
    return copy, Session.open(copy, seat="evaluator:Lead")


def report_at(path: Path) -> AfterActionReport:
    journal, events = normalised_events(path)
    return report_of(fold(journal.snapshot, events), events, session_file=path.name)


@pytest.mark.parametrize("order", [("S", "M"), ("M", "S")])
def test_the_final_rating_is_the_one_given_last_never_the_observations(
        session_file: Path, tmp_path: Path, order: tuple[str, str]) -> None:
    """OBJ-1's observations are rated P then S; whatever order the lead evaluator gives
    final ratings in, the one given last stands, and the observations stay evidence."""
    path, session = analysed(session_file, tmp_path)
    with session:
        for rating in order:
            session.give_rating("OBJ-1", rating, f"Rated {rating} after the hotwash.")
    report = report_at(path)
    first, second = report.objectives
    assert first.rating == order[-1]
    assert first.rating_explanation == f"Rated {order[-1]} after the hotwash."
    assert first.observation_ratings == ["P", "S"]
    assert second.rating is None
    table = {row.objective: (row.rating, row.rating_meaning) for row in report.capability_table}
    assert table["OBJ-2"] == (None, "Not rated")
    assert table["OBJ-1"][0] == order[-1]


def test_findings_and_the_written_summary(session_file: Path, tmp_path: Path) -> None:
    path, session = analysed(session_file, tmp_path)
    with session:
        session.record_finding("OBJ-1", "improvement", "The relay cost time",
                               reference="Port cyber annex 3.2",
                               analysis="Japan waited for Washington.",
                               recommendations=["Stand up a hotline.", "Exercise it monthly."])
        session.write_summary("strengths", "Fast notice to all three capitals.")
        session.write_summary("coordination", "Tokyo and Seoul spoke directly from the start.")
    report = report_at(path)
    (finding,) = report.objectives[0].findings
    assert (finding.title, finding.reference, finding.analysis) == (
        "The relay cost time", "Port cyber annex 3.2", "Japan waited for Washington.")
    assert finding.recommendations == ["Stand up a hotline.", "Exercise it monthly."]
    summary = report.executive_summary
    assert [part.part for part in summary.parts] == ["strengths", "coordination"]
    assert summary.missing == ["overview", "improvements"]
    assert summary.coordination is not None
    assert (summary.coordination.source, summary.coordination.text) == (
        "evaluators", "Tokyo and Seoul spoke directly from the start.")
    assert report.coordination.finding == summary.coordination


def test_the_improvement_plan_has_eight_columns_numbered_one_to_n(
        session_file: Path, tmp_path: Path, report: AfterActionReport) -> None:
    assert [row.number for row in report.improvement_plan] == [1, 2]
    # without an organisation of its own, the owner it was recorded with stands in
    assert report.improvement_plan[0].organisation == "MOFA Tokyo / MOFA Seoul"
    path, session = analysed(session_file, tmp_path)
    observation = next(row.seq for row in report.timeline if row.category == "observation")
    with session:
        session.add_improvement("No standing channel", "Open a JPN–ROK cyber hotline",
                                capability_element="Equipment", owner="MOFA Seoul",
                                poc="Kim, cyber desk", start="2027-06-01", due="2027-09-30",
                                objective="OBJ-1", role="ROK", observation=observation)
    row = report_at(path).improvement_plan[-1]
    assert row.number == 3
    assert (row.capability, row.objective, row.issue, row.action, row.capability_element,
            row.organisation, row.poc, row.start, row.due) == (
        report.objectives[0].core_capability, "OBJ-1", "No standing channel",
        "Open a JPN–ROK cyber hotline", "Equipment", "MOFA Seoul", "Kim, cyber desk",
        "2027-06-01", "2027-09-30")
    assert (row.role, row.observation) == ("ROK", observation)


def test_a_time_standard_is_met_or_missed_in_game_time(session_file: Path) -> None:
    journal, events = normalised_events(session_file)
    state = fold(journal.snapshot, events)
    objective = state.snapshot.scenario.objectives[0]
    object.__setattr__(objective, "within", timedelta(minutes=15))
    standard = report_of(state, events).objectives[0].time_standard
    assert standard is not None and standard.verdict in {"met", "missed"}
    assert standard.within == timedelta(minutes=15)
    assert standard.evidence and all("game time" in line or "no move" in line
                                     for line in standard.evidence)


def test_decision_points_show_every_delegation_side_by_side(report: AfterActionReport) -> None:
    (point,) = report.decision_points
    assert point.inject == "example-02-share-indicators"
    answers = {answer.role: answer for answer in point.answers}
    assert list(answers) == ["US", "JPN", "ROK"]
    assert answers["ROK"].option_label == "ROK shares the indicators directly with Japan"
    assert answers["ROK"].rationale == "Japanese ports run the same terminal software."
    assert answers["US"].seq is None  # no answer: shown as such, not left out


def test_expected_actions_stand_beside_the_moves(report: AfterActionReport) -> None:
    review = next(r for r in report.inject_reviews if r.inject == "example-01-ransom-note")
    (rok,) = review.responses
    assert rok.expected and rok.moves[0].startswith("#4 communication: Ransom note")


def test_timeline_keeps_rationale_objective_and_seat(report: AfterActionReport) -> None:
    decision = next(row for row in report.timeline if row.kind == "decision"
                    and row.actor == "ROK")
    assert decision.rationale == "Japanese ports run the same terminal software."
    observation = next(row for row in report.timeline if row.category == "observation")
    assert observation.objective == "OBJ-1"
    note = next(row for row in report.timeline if row.category == "note")
    assert note.actor != "cli" and note.seat.startswith("facilitator")


def test_acronyms_list_the_roles_and_what_no_one_defined(report: AfterActionReport) -> None:
    terms = {acronym.term: acronym.meaning for acronym in report.acronyms}
    assert terms["ROK"] == "Republic of Korea delegation"


def test_the_acronym_search_finds_what_a_word_boundary_search_finds() -> None:
    """The pattern is written to open with a capital (quicker to search); it must find
    exactly the whole-word acronyms `\\b…\\b` finds, beside any neighbour."""
    import random
    import re

    from ttx.report.analysis import ACRONYM

    reference = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z](?:-[A-Z0-9]+)*\b")
    alphabet = "AROKUS29-_ éÉ한日\nxz."
    rng = random.Random(17)
    texts = ["KDX-III J-Alert US-JP-ROK ÉUS 한ROK ROK한 _ROK ROK_ 2ROK ROK2 A-B- AB"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
              for _ in range(5000)]
    for text in texts:
        assert ACRONYM.findall(text) == reference.findall(text), text
    assert ACRONYM.findall(texts[0]) == ["KDX-III", "US-JP-ROK", "AB"]
