"""Japan–ROK coordination: direct moves versus relays through the United States."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.model.scenario import Module, ModuleInject, Role, RoleKind, Scenario
from ttx.report.coordination import coordination_analysis, verdict
from ttx.session.clock import PauseInterval
from ttx.session.events import MoveKind
from ttx.session.fold import Move

START = datetime(2027, 5, 10, tzinfo=UTC)


def snapshot(*role_ids: str) -> ResolvedScenario:
    roles = [Role(id=role, name=role, kind=RoleKind.player) for role in role_ids]
    roles.append(Role(id="WHITE", name="White cell", kind=RoleKind.control))
    scenario = Scenario(id="s", title="S", start=START, roles=roles,
                        modules=[Module(id="m", title="M", injects=[ModuleInject(id="a")])])
    return ResolvedScenario(scenario=scenario, injects={"a": Inject(id="a", title="A")})


def move(seq: int, role: str, to: list[str], inject: str | None = "a",
         kind: MoveKind = MoveKind.communication) -> Move:
    at = START + timedelta(minutes=seq)
    return Move(seq, role, kind, f"move {seq}", "", to, inject, None, at, at, "cli")


def test_without_phases_a_relay_needs_both_legs_on_the_same_inject() -> None:
    moves = [move(1, "ROK", ["US"]), move(2, "US", ["JPN"], inject=None),
             move(3, "US", ["JPN"], inject="b"), move(4, "US", ["JPN"])]
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [])
    (link,) = analysis.links
    assert (link.route, link.path, link.seqs) == ("via-us", ["ROK", "US", "JPN"], [1, 4])
    assert link.relay_delay == timedelta(minutes=3)
    assert link.method == "same inject"
    assert analysis.dominant == "too few"
    assert "too few" in analysis.verdict


def test_legs_on_different_injects_of_one_module_are_a_relay() -> None:
    """The ROK tells the US about inject a; the US passes it on while answering inject
    b: one relay, recognised across injects. A leg in another module is not paired."""
    moves = [move(1, "ROK", ["US"]), move(2, "US", ["JPN"], inject="b"),
             move(3, "JPN", ["US"]), move(4, "US", ["ROK"], inject="c")]
    module_of = {1: "m1", 2: "m1", 3: "m1", 4: "m2"}
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [], module_of)
    (link,) = analysis.links
    assert (link.seqs, link.method, link.module) == ([1, 2], "across injects", "m1")
    assert analysis.relay_methods == ["across injects"]


def test_an_explicit_forward_names_its_first_leg() -> None:
    moves = [move(1, "ROK", ["US"]), move(2, "ROK", ["US"]), move(3, "US", ["JPN"])]
    moves[2].relays = 2  # the session layer's forward
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [])
    (link,) = analysis.links
    assert (link.seqs, link.method) == ([2, 3], "explicit forward")


def test_each_first_leg_completes_one_relay_and_relay_time_is_game_time() -> None:
    moves = [move(1, "JPN", ["US"]), move(2, "US", ["ROK"]), move(3, "US", ["ROK"])]
    pause = PauseInterval(9, START + timedelta(seconds=50), START + timedelta(seconds=130))
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [pause])
    assert [link.seqs for link in analysis.links] == [[1, 2]]
    assert analysis.links[0].relay_delay == timedelta(minutes=1)  # game time
    assert analysis.links[0].room_time == timedelta(0)  # wall time, pauses excluded


def test_public_statements_and_messages_to_several_are_broadcasts() -> None:
    moves = [move(1, "JPN", ["US", "ROK"]), move(2, "US", ["ROK"]),
             move(3, "ROK", ["JPN"], kind=MoveKind.request, inject=None),
             move(4, "JPN", ["ROK"], kind=MoveKind.statement)]
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [])
    assert (analysis.direct, analysis.via_us, analysis.broadcasts) == (1, 0, 2)
    assert analysis.communications == 4
    assert {row.sender: row.counts for row in analysis.matrix}["JPN"] == [1, 0, 2]


def test_moves_without_recipients_are_not_communication() -> None:
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"),
                                     [move(1, "JPN", []), move(2, "ROK", [])], [])
    assert analysis.communications == 0
    assert analysis.dominant == "none"
    assert analysis.verdict.startswith("No Japan–ROK coordination was recorded")


def test_a_scenario_without_the_three_delegations_is_not_analysed() -> None:
    analysis = coordination_analysis(snapshot("JPN", "ROK"), [move(1, "JPN", ["ROK"])], [])
    assert not analysis.applicable and analysis.links == []
    assert "not analysed" in analysis.verdict
    assert analysis.matrix[0].counts == [0, 1]


@pytest.mark.parametrize(("direct", "via_us", "start"), [
    (3, 1, "Japan and the ROK exchanged 3 exchanges direct, 1 exchange relayed through the "
           "US: too few"),
    (1, 1, "Japan and the ROK exchanged 1 exchange direct, 1 exchange relayed"),
    (6, 2, "More Japan–ROK exchanges were direct than relayed: 6 exchanges direct"),
    (2, 5, "More Japan–ROK exchanges went through the United States"),
    (4, 4, "Japan and the ROK coordinated as often directly as through the US"),
])
def test_the_verdict_characterises_only_from_enough_exchanges(direct: int, via_us: int,
                                                              start: str) -> None:
    sentence = verdict(True, direct, via_us)
    assert sentence.startswith(start)
    assert "dominated" not in sentence


def test_a_direct_phase_after_a_relayed_one_is_told_phase_by_phase() -> None:
    """Module 1 went through Washington; module 2 opened a direct channel, and one issue
    still went back through the US after it: the paragraph says so, phase by phase, and
    labels itself computed with its evidence count."""
    scenario = snapshot("US", "JPN", "ROK")
    modules = [Module(id="m1", title="Module 1", injects=[ModuleInject(id="a")]),
               Module(id="m2", title="Module 2")]
    scenario = scenario.model_copy(update={
        "scenario": scenario.scenario.model_copy(update={"modules": modules})})
    moves = [move(1, "ROK", ["US"]), move(2, "US", ["JPN"]), move(3, "JPN", ["US"]),
             move(4, "US", ["ROK"]), move(5, "ROK", ["JPN"]), move(6, "JPN", ["ROK"]),
             move(7, "ROK", ["US"]), move(8, "US", ["JPN"])]
    module_of = {seq: "m1" if seq <= 4 else "m2" for seq in range(1, 9)}
    analysis = coordination_analysis(scenario, moves, [], module_of)
    first, second = analysis.phases
    assert (first.direct, first.via_us, first.first_direct_at_game) == (0, 2, None)
    assert (second.direct, second.via_us, second.via_us_after_direct) == (2, 1, 1)
    assert second.first_direct_at_game == START + timedelta(minutes=5)
    assert analysis.first_direct_at_game == START + timedelta(minutes=5)
    finding = analysis.finding
    assert finding is not None and finding.source == "computed"
    assert finding.label == "computed from the record (5 exchanges)"
    assert finding.text.startswith("Module 1: 2 through the United States. Module 2: 2 "
                                   "direct (the first at 10 May 00:05 game time), 1 through "
                                   "the United States (1 after a direct channel existed).")
    assert "too thin to characterise" in finding.text


def test_the_evaluators_finding_replaces_the_computed_one() -> None:
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"),
                                     [move(1, "JPN", ["ROK"])], [], {},
                                     "Tokyo and Seoul opened a direct line in module 2.")
    assert analysis.finding is not None
    assert (analysis.finding.source, analysis.finding.text) == (
        "evaluators", "Tokyo and Seoul opened a direct line in module 2.")
