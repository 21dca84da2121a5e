"""The analysis layer in the report: final ratings, findings, the executive summary, the
eight-column improvement plan, time standards, decision points, acronyms.

The session layer records these as events (rating_given, finding_recorded,
summary_written, the new improvement fields); here the folded state is given them
directly, in the shape the fold keeps, so the report's reading of them is tested alone.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.report.conftest import normalised_events
from ttx.report.build import report_of
from ttx.report.model import AfterActionReport
from ttx.session.fold import SessionState, fold


def state_of(session_file: Path) -> tuple[SessionState, list]:
    journal, events = normalised_events(session_file)
    return fold(journal.snapshot, events), events


def rated(session_file: Path, **layer: object) -> AfterActionReport:
    state, events = state_of(session_file)
    for name, value in layer.items():
        setattr(state, name, value)
    return report_of(state, events, session_file=session_file.name)


@pytest.mark.parametrize("final", ["S", "M"])
def test_the_final_rating_is_the_one_given_whatever_the_observations_order(
        session_file: Path, final: str) -> None:
    """The fixed session's OBJ-1 observations are rated P then S; the final rating is the
    lead evaluator's, S or M, not the last observation's."""
    report = rated(session_file, final_ratings={
        "OBJ-1": SimpleNamespace(rating=final, explanation="Relay added a step.")})
    first, second = report.objectives
    assert first.rating == final and first.rating_explanation == "Relay added a step."
    assert first.observation_ratings == ["P", "S"]
    assert second.rating is None
    table = {row.objective: (row.rating, row.rating_meaning) for row in report.capability_table}
    assert table["OBJ-2"] == (None, "Not rated")
    assert table["OBJ-1"][0] == final


def test_findings_and_the_written_summary_replace_nothing_else(session_file: Path) -> None:
    report = rated(
        session_file,
        findings=[SimpleNamespace(seq=40, objective="OBJ-1", kind="improvement",
                                  reference="Port cyber annex 3.2",
                                  analysis="The relay cost time.",
                                  recommendations=["Stand up a hotline."], seat="evaluator:A")],
        summary={"strengths": SimpleNamespace(text="Fast notice.", seq=41, seat="evaluator:A"),
                 "coordination": SimpleNamespace(text="Tokyo and Seoul spoke directly.",
                                                 seq=42, seat="evaluator:A")})
    (finding,) = report.objectives[0].findings
    assert (finding.reference, finding.recommendations) == ("Port cyber annex 3.2",
                                                            ["Stand up a hotline."])
    summary = report.executive_summary
    assert [part.part for part in summary.parts] == ["strengths", "coordination"]
    assert summary.missing == ["overview", "improvements"]
    assert summary.coordination is not None
    assert summary.coordination.source == "evaluators"
    assert summary.coordination.text == "Tokyo and Seoul spoke directly."


def test_the_improvement_plan_has_eight_columns_numbered_one_to_n(report: AfterActionReport,
                                                                  session_file: Path) -> None:
    assert [row.number for row in report.improvement_plan] == [1, 2]
    state, events = state_of(session_file)
    item = state.improvements[0]
    item.objective, item.organisation, item.poc = "OBJ-1", "MOFA Seoul", "Kim (cyber desk)"
    item.start, item.role, item.observation = "2027-06-01", "ROK", 14
    row = report_of(state, events).improvement_plan[0]
    assert (row.objective, row.capability, row.organisation, row.poc, row.start, row.due,
            row.role, row.observation) == (
        "OBJ-1", report.objectives[0].core_capability, "MOFA Seoul", "Kim (cyber desk)",
        "2027-06-01", "2027-09-30", "ROK", 14)
    # without an organisation, the owner it was recorded with stands in
    assert report.improvement_plan[0].organisation == "MOFA Tokyo / MOFA Seoul"


def test_a_time_standard_is_met_or_missed_in_game_time(session_file: Path) -> None:
    state, events = state_of(session_file)
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
