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


def test_a_relay_needs_both_legs_on_the_same_inject() -> None:
    moves = [move(1, "ROK", ["US"]), move(2, "US", ["JPN"], inject=None),
             move(3, "US", ["JPN"], inject="b"), move(4, "US", ["JPN"])]
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [])
    (link,) = analysis.links
    assert (link.route, link.path, link.seqs) == ("via-us", ["ROK", "US", "JPN"], [1, 4])
    assert link.relay_delay == timedelta(minutes=3)
    assert analysis.dominant == "via-us"
    assert "mostly through the United States" in analysis.verdict


def test_each_first_leg_completes_one_relay_and_the_relay_delay_excludes_pauses() -> None:
    moves = [move(1, "JPN", ["US"]), move(2, "US", ["ROK"]), move(3, "US", ["ROK"])]
    pause = PauseInterval(9, START + timedelta(seconds=50), START + timedelta(seconds=130))
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [pause])
    assert [link.seqs for link in analysis.links] == [[1, 2]]
    assert analysis.links[0].relay_delay == timedelta(0)


def test_a_move_to_both_partner_and_us_is_direct() -> None:
    moves = [move(1, "JPN", ["US", "ROK"]), move(2, "US", ["ROK"]),
             move(3, "ROK", ["JPN"], kind=MoveKind.request, inject=None)]
    analysis = coordination_analysis(snapshot("US", "JPN", "ROK"), moves, [])
    assert (analysis.direct, analysis.via_us) == (2, 0)
    assert analysis.communications == 3
    assert {row.sender: row.counts for row in analysis.matrix}["JPN"] == [1, 0, 1]


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
    (3, 1, "Direct Japan–ROK coordination dominated: 3 exchanges direct, 1 exchange"),
    (1, 2, "Japan–ROK coordination went mostly through the United States"),
    (2, 2, "Japan and the ROK coordinated as often directly as through the US"),
])
def test_the_verdict_says_which_dominated(direct: int, via_us: int, start: str) -> None:
    assert verdict(True, direct, via_us).startswith(start)
