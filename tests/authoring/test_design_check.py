"""`ttx check`: one test per reachability, coverage and timing finding, each at its place."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.authoring.conftest import INJECTS
from ttx.authoring.design_check import review_design

Design = Callable[..., list[str]]

ROLES_AND_OBJECTIVES = """\
id: drill
title: Drill
start: 2027-03-14T05:30:00+09:00
roles:
  - {id: US, name: United States, kind: player}
  - {id: JPN, name: Japan, kind: player}
  - {id: ROK, name: Republic of Korea, kind: player}
  - {id: WHITE, name: White cell, kind: control}
objectives:
  - {id: OBJ-1, text: Share the track., capability: Information Sharing}
  - {id: OBJ-2, text: Agree a public line., capability: Public Information}
modules:
"""


@pytest.fixture
def design(workspace: Path) -> Design:
    """Write the scenario's modules (and extra injects), review it, return its findings."""

    def run(modules: str, injects: dict[str, str] | None = None) -> list[str]:
        scenario = ROLES_AND_OBJECTIVES + textwrap.indent(textwrap.dedent(modules), "  ")
        (workspace / "scenarios" / "drill.yaml").write_text(scenario, encoding="utf-8")
        for name, text in (injects or {}).items():
            (workspace / "injects" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        review = review_design("drill", workspace)
        assert review.plan is not None, [str(p) for p in review.problems]
        return [str(p.relative_to(workspace)) for p in review.problems
                if "objective 'OBJ-2' is exercised by no inject" not in p.message]

    return run


ONE_MODULE = """\
- id: M1
  title: Module 1
  injects: [launch, {id: decide, at: +0:30}]
  contingency: [follow-up]
"""
OBJ_2_ON_LAUNCH = {"launch.yaml": INJECTS["launch.yaml"].replace("[OBJ-1]", "[OBJ-1, OBJ-2]")}


def test_a_sound_design_has_no_findings(design: Design) -> None:
    assert design(ONE_MODULE, OBJ_2_ON_LAUNCH) == []


def test_follow_up_in_an_earlier_module(design: Design) -> None:
    found = design("""\
        - id: M1
          title: Module 1
          injects: [launch]
          contingency: [follow-up]
        - id: M2
          title: Module 2
          at: +2:00
          injects: [decide]
        """, OBJ_2_ON_LAUNCH)
    assert found == [
        "injects/decide.yaml:5:51: warning: option 'share' leads to 'follow-up', which plays in "
        "the earlier module 'M1': it can never follow the choice",
        "scenarios/drill.yaml:16:19: warning: 'follow-up' is a contingency of module 'M1', but "
        "only options in module 'M2' lead to it",
        # decide goes to JPN and ROK only
        "scenarios/drill.yaml:17:9: warning: delegation 'US' receives no planned inject in "
        "module 'M2': nothing to do there",
    ]


def test_follow_up_that_is_planned_anyway(design: Design) -> None:
    found = design("""\
        - id: M1
          title: Module 1
          injects: [launch, {id: decide, at: +0:30}, {id: follow-up, at: +0:40}]
        """, OBJ_2_ON_LAUNCH)
    assert found == [
        "injects/decide.yaml:5:51: warning: option 'share' leads to 'follow-up', which module "
        "'M1' plans anyway: the choice does not decide it; make it a contingency"]


def test_cycle_of_leads_to(design: Design) -> None:
    found = design("""\
        - id: M1
          title: Module 1
          injects: [launch, {id: decide, at: +0:30}]
          contingency: [follow-up, echo]
        """, {**OBJ_2_ON_LAUNCH,
              "sub/follow-up.yaml": INJECTS["sub/follow-up.yaml"]
              + "options:\n  - {id: again, label: Again, leads_to: [echo]}\n",
              "echo.yaml": "id: echo\ntitle: Echo\n"
                           "options:\n  - {id: back, label: Back, leads_to: [follow-up]}\n"})
    assert found == ["injects/echo.yaml:4:40: warning: leads_to makes a cycle: "
                     "follow-up → echo → follow-up"]


def test_module_with_nothing_planned(design: Design) -> None:
    found = design(ONE_MODULE + "- id: M2\n  title: Module 2\n  at: +2:00\n", OBJ_2_ON_LAUNCH)
    assert found == ["scenarios/drill.yaml:17:9: warning: module 'M2' plans no inject"]


def test_delegation_with_nothing_to_do(design: Design) -> None:
    us_only = {"us-only.yaml": "id: us-only\ntitle: For the US\nto: [US]\n"}
    found = design(ONE_MODULE + "- id: M2\n  title: Module 2\n  at: +2:00\n  injects: [us-only]\n",
                   {**OBJ_2_ON_LAUNCH, **us_only})
    assert found == [
        "scenarios/drill.yaml:17:9: warning: delegation 'JPN' receives no planned inject in "
        "module 'M2': nothing to do there",
        "scenarios/drill.yaml:17:9: warning: delegation 'ROK' receives no planned inject in "
        "module 'M2': nothing to do there",
    ]


def test_objective_exercised_only_by_a_contingency(design: Design) -> None:
    follow_up = INJECTS["sub/follow-up.yaml"] + "objectives: [OBJ-2]\n"
    found = design(ONE_MODULE, {"sub/follow-up.yaml": follow_up})
    assert found == [
        "scenarios/drill.yaml:11:10: warning: objective 'OBJ-2' is exercised only by contingency "
        "injects (follow-up), which may never be released"]


def test_inject_after_the_next_modules_jump(design: Design) -> None:
    found = design("""\
        - id: M1
          title: Module 1
          injects: [launch, {id: decide, at: +1:30}]
          contingency: [follow-up]
        - id: M2
          title: Module 2
          at: +1:00
          injects: [us-only]
        """, {**OBJ_2_ON_LAUNCH, "us-only.yaml": "id: us-only\ntitle: All\n"})
    assert found == [
        "scenarios/drill.yaml:15:40: warning: 'decide' plays at +1:30 into module 'M1', at or "
        "after the next module's start (+1:00 from STARTEX): it would be overtaken"]


def test_offsets_out_of_order(design: Design) -> None:
    found = design("""\
        - id: M1
          title: Module 1
          injects: [{id: decide, at: +0:30}, launch]
          contingency: [follow-up]
        """, {"launch.yaml": INJECTS["launch.yaml"].replace("[OBJ-1]", "[OBJ-1, OBJ-2]")
              + "at: +0:10\n"})
    assert found == [
        "injects/launch.yaml:10:5: warning: 'launch' at +0:10 is listed after 'decide' at "
        "+0:30; injects are delivered in list order"]


def test_two_injects_at_one_minute_to_one_role(design: Design) -> None:
    found = design("""\
        - id: M1
          title: Module 1
          injects: [launch, {id: decide, at: +0:00}]
          contingency: [follow-up]
        """, OBJ_2_ON_LAUNCH)
    assert found == ["scenarios/drill.yaml:15:40: warning: 'decide' and 'launch' both reach "
                     "JPN at +0:00"]


def test_modules_out_of_order(design: Design) -> None:
    found = design(ONE_MODULE.replace("  title: Module 1\n", "  title: Module 1\n  at: +3:00\n")
                   + "- id: M2\n  title: Module 2\n  at: +1:00\n  injects: [us-only]\n",
                   {**OBJ_2_ON_LAUNCH, "us-only.yaml": "id: us-only\ntitle: All\n"})
    assert found == ["scenarios/drill.yaml:20:9: warning: module 'M2' starts at +1:00, before "
                     "module 'M1' at +3:00: the game clock would run backwards"]


def test_a_scenario_with_errors_has_no_plan_and_fails(workspace: Path) -> None:
    path = workspace / "injects" / "launch.yaml"
    path.write_text(INJECTS["launch.yaml"].replace("method: intel", "method: fax"))
    review = review_design("drill", workspace)
    assert review.failed and review.plan is None
    assert str(review.problems[0].relative_to(workspace)).startswith(
        "injects/launch.yaml:5:9: error: method: 'fax' is not one of")
