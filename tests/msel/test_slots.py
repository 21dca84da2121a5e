"""`ResolvedScenario.msel_slots`: the one definition of the MSEL rows of a module."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.msel.conftest import REPO, shipped_scenarios
from ttx.authoring.resolve import resolve_scenario


def test_whole_msel_is_planned_in_order_then_contingencies(example: Path) -> None:
    resolved = resolve_scenario("example-port-outage", example)
    slots = resolved.msel_slots()
    assert [(s.inject_id, s.order, s.contingency) for s in slots] == [
        ("example-01-ransom-note", 1, False), ("example-02-share-indicators", 2, False),
        ("example-05-press-query", 3, False), ("example-03-direct-exchange", None, True),
        ("example-04-relay-through-us", None, True)]
    press = slots[2]
    module = resolved.scenario.module(press.module_id)
    assert module is not None
    assert press.offset == module.at + press.at == timedelta(hours=4, minutes=10)


def test_one_module_is_its_planned_injects_then_its_contingencies(example: Path) -> None:
    resolved = resolve_scenario("example-port-outage", example)
    first = resolved.scenario.modules[0]
    slots = resolved.msel_slots(first.id)
    assert {s.module_id for s in slots} == {first.id}
    assert [s.inject_id for s in slots] == [ref.id for ref in first.injects] + first.contingency
    assert resolved.msel_slots("no-such-module") == []


@pytest.mark.parametrize("scenario_id", shipped_scenarios())
def test_same_rows_as_the_consoles_msel(scenario_id: str) -> None:
    """The console builds its rows itself today; they must agree until it uses this."""
    from ttx.tui.widgets.msel_table import module_rows

    resolved = resolve_scenario(scenario_id, REPO)
    for module in resolved.scenario.modules:
        console = [(r.inject_id, r.order, r.offset) for r in module_rows(resolved, module.id)]
        assert [(s.inject_id, s.order, s.at) for s in resolved.msel_slots(module.id)] == console
