"""The scenario's design keys travel through a workbook's Exercise sheet as one JSON cell."""

from __future__ import annotations

from ttx.model import Objective, Scenario
from ttx.msel.cells import format_options, parse_options
from ttx.msel.design import apply_design, design_cell

SCENARIO = Scenario.model_validate({
    "id": "drill", "title": "Drill", "start": "2027-03-14T05:30:00+09:00",
    "threat_hazard": "A missile", "glossary": {"ASW": "Anti-submarine warfare"},
    "roles": [{"id": "US", "name": "US", "kind": "player"}],
    "objectives": [
        {"id": "OBJ-1", "text": "Share", "capability": "Sharing", "within": "+0:15",
         "critical_tasks": [{"id": "OBJ-1.1", "text": "Pass the track"}]},
        {"id": "OBJ-2", "text": "Plan", "capability": "Planning"}],
    "modules": [{"id": "m1", "title": "M1"}],
})


def test_design_keys_round_trip_through_the_cell() -> None:
    cell = design_cell(SCENARIO)
    assert cell is not None and "OBJ-1.1" in cell and "OBJ-2" not in cell
    data = {"id": "drill", "title": "Drill", "start": "2027-03-14T05:30:00+09:00",
            "roles": [{"id": "US", "name": "US", "kind": "player"}],
            "objectives": [Objective(id="OBJ-1", text="Share", capability="Sharing"),
                           Objective(id="OBJ-2", text="Plan", capability="Planning")],
            "modules": [{"id": "m1", "title": "M1"}]}
    assert apply_design(data, cell) is None
    assert Scenario.model_validate(data) == SCENARIO


def test_a_scenario_without_design_keys_adds_no_cell() -> None:
    plain = SCENARIO.model_copy(update={"threat_hazard": "", "glossary": {}, "objectives": []})
    assert design_cell(plain) is None


def test_a_broken_cell_is_reported_and_ignored() -> None:
    data: dict[str, object] = {"objectives": []}
    assert apply_design(data, "{not json") is not None
    assert apply_design(data, "[1, 2]") == ("the Design cell is not a JSON object; its keys "
                                            "were left out")
    assert data == {"objectives": []}


def test_option_conditions_travel_in_the_options_cell() -> None:
    cell = format_options([("direct", "Reconnect now", ["follow-up"], ["link-up", "quiet"]),
                           ("hold", "Hold", [], [])])
    assert cell == "direct: Reconnect now -> follow-up [sets link-up, quiet]\nhold: Hold"
    assert parse_options(cell) == [("direct", "Reconnect now", ["follow-up"], ["link-up", "quiet"]),
                                   ("hold", "Hold", [], [])]
