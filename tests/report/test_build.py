"""The report model built from the fixed session: every section says what happened."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.report.conftest import HOSTILE_OWNER, JAPANESE, KOREAN
from ttx.model.resolved import MselSlot
from ttx.report.model import AfterActionReport
from ttx.session.session import Session


def test_overview_names_the_exercise_and_its_dates(report: AfterActionReport) -> None:
    overview = report.overview
    assert overview.name == "Example: Port logistics outage"
    assert overview.session_file == "golden.ttx"
    assert overview.classification == "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY"
    assert overview.ended
    assert overview.wall_start is not None and overview.wall_end is not None
    assert overview.game_end - overview.game_start == timedelta(hours=4)
    assert overview.capabilities == ["Intelligence and Information Sharing",
                                     "Public Information and Warning"]
    assert [role.id for role in overview.roles] == ["US", "JPN", "ROK", "WHITE"]
    assert [module.started_at_wall is not None for module in overview.modules] == [True, True]


def test_summary_counts_and_excludes_the_pause(report: AfterActionReport) -> None:
    summary = report.summary
    assert (summary.injects_delivered, summary.injects_skipped) == (3, 1)
    assert (summary.injects_not_reached, summary.contingencies_unused) == (0, 1)
    assert summary.duration - summary.playing_time == timedelta(minutes=10)
    counts = {item.kind: item.count for item in summary.moves_by_kind}
    assert counts == {"decision": 2, "action": 0, "request": 0, "statement": 1,
                      "communication": 4, "question": 1}
    assert summary.moves == 8  # the retracted statement is not counted
    assert (summary.amended_entries, summary.retracted_entries) == (1, 1)
    assert (summary.observations, summary.notes, summary.improvement_items) == (4, 1, 2)


def test_timeline_interleaves_in_journal_order_without_retracted_entries(
        report: AfterActionReport) -> None:
    seqs = [row.seq for row in report.timeline]
    assert seqs == sorted(seqs)
    categories = {row.category for row in report.timeline}
    assert categories == {"module", "inject", "skip", "move", "observation", "note"}
    assert "Recorded against the wrong role." not in [row.text for row in report.timeline]
    amended = [row for row in report.timeline if row.amended]
    assert [row.text for row in amended] == ["Please pass our findings to Seoul."]
    texts = [row.text for row in report.timeline]
    assert KOREAN in texts and JAPANESE in texts


def test_decision_log_has_the_option_label_and_response_time(
        report: AfterActionReport) -> None:
    logs = {log.role: log.decisions for log in report.decisions}
    assert logs["US"] == []
    (rok,) = logs["ROK"]
    assert rok.option == "direct"
    assert rok.option_label == "ROK shares the indicators directly with Japan"
    assert rok.rationale == "Japanese ports run the same terminal software."
    assert rok.room_time == timedelta(minutes=1)  # room time: one minute a fixed entry
    assert rok.response_time == timedelta(0)  # game time: the clock stood still
    (jpn,) = logs["JPN"]
    assert jpn.option is None and jpn.inject == "example-03-direct-exchange"


def test_response_times_are_median_and_longest_first_answer(
        report: AfterActionReport) -> None:
    rows = {row.role: row for row in report.response_times}
    # game time: the fixed session's game clock never moved between delivery and answer
    assert (rows["US"].median, rows["US"].maximum) == (timedelta(0), timedelta(0))
    assert (rows["ROK"].injects_received, rows["ROK"].injects_answered) == (3, 2)


def test_coordination_counts_direct_and_relayed_exchanges(report: AfterActionReport) -> None:
    coordination = report.coordination
    assert coordination.roles == ["US", "JPN", "ROK"]
    matrix = {row.sender: row.counts for row in coordination.matrix}
    assert matrix == {"US": [0, 0, 1], "JPN": [1, 0, 1], "ROK": [1, 1, 0]}
    # the Japanese public statement to the ROK is a broadcast, not a bilateral exchange
    assert (coordination.direct, coordination.via_us, coordination.broadcasts) == (1, 1, 1)
    assert coordination.dominant == "too few"
    assert "too few" in coordination.verdict and "dominated" not in coordination.verdict
    relay = next(link for link in coordination.links if link.route == "via-us")
    assert relay.path == ["JPN", "US", "ROK"]
    assert relay.room_time == timedelta(minutes=2)
    assert relay.relay_delay == timedelta(0)  # game time


def test_objectives_are_not_rated_from_their_observations(report: AfterActionReport) -> None:
    """No final rating was given: "not rated", whatever the observations said, and their
    own ratings are kept as evidence."""
    first, second = report.objectives
    assert (first.rating, first.rating_meaning) == (None, None)
    assert first.observation_ratings == ["P", "S"]
    assert [o.text for o in first.strengths] == ["ROK told Japan within minutes."]
    assert [o.text for o in first.improvements] == ["The relay through the US added a step."]
    assert second.rating is None and len(second.notes) == 2
    assert [row.rating_meaning for row in report.capability_table] == ["Not rated"] * 2


def test_improvement_plan_participants_and_msel(report: AfterActionReport) -> None:
    item, hostile = report.improvement_plan
    assert (hostile.owner, hostile.due, hostile.capability_element) == (HOSTILE_OWNER, "", "")
    assert (item.owner, item.due, item.capability_element) == (
        "MOFA Tokyo / MOFA Seoul", "2027-09-30", "Planning")
    participants = {p.id: (p.moves, p.injects_received) for p in report.participants}
    assert participants == {"US": (2, 2), "JPN": (3, 2), "ROK": (3, 3), "WHITE": (0, 0)}
    statuses = {row.inject: row.status for row in report.msel}
    assert statuses == {
        "example-01-ransom-note": "delivered", "example-02-share-indicators": "delivered",
        "example-05-press-query": "skipped", "example-03-direct-exchange": "delivered",
        "example-04-relay-through-us": "not used"}
    released = next(row for row in report.msel if row.inject == "example-03-direct-exchange")
    assert released.released_by is not None and not released.planned
    skipped = next(row for row in report.msel if row.status == "skipped")
    assert skipped.skip_reason == "Out of time"


def test_retracted_entries_are_listed_with_their_reason(report: AfterActionReport) -> None:
    (retracted,) = report.retracted
    assert (retracted.entry_type, retracted.text, retracted.reason) == (
        "move", "Recorded against the wrong role.", "recorded against the wrong role")
    assert retracted.retracted_by > retracted.seq


def test_the_msel_as_played_has_the_rows_of_msel_slots(report: AfterActionReport,
                                                       session_file: Path) -> None:
    """The report's MSEL is `ResolvedScenario.msel_slots` (each inject once), with the
    slot's own module and planned time, never an ordering of its own."""
    with Session.open(session_file, seat="facilitator") as session:
        resolved = session.snapshot
    slots: list[MselSlot] = []
    for slot in resolved.msel_slots():
        if slot.inject_id not in {listed.inject_id for listed in slots}:
            slots.append(slot)
    assert any(slot.contingency for slot in slots)
    assert [row.inject for row in report.msel] == [slot.inject_id for slot in slots]
    for row, slot in zip(report.msel, slots, strict=True):
        assert (row.order, row.module, row.planned) == (slot.order, slot.module_id,
                                                        not slot.contingency)
        assert row.planned_game_time == (None if slot.contingency
                                         else resolved.scenario.start + slot.offset)
    assert {row.status for row in report.msel if not row.planned} <= {"delivered", "skipped",
                                                                       "not used"}
