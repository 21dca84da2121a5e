"""The pure helpers the session, report and TUI call: variants by condition, who decides,
which options set which condition, handout visibility, time standards, acronyms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from ttx.model import Inject, Scenario
from ttx.model.capabilities import CORE_CAPABILITIES, MissionArea, mission_areas_of
from ttx.model.conditions import contradictory, covers, holds
from ttx.model.glossary import acronyms_used, with_workspace_glossary
from ttx.model.resolved import ResolvedScenario

LATER = Inject.model_validate({
    "id": "later",
    "title": "Base title",
    "body": "Base body.",
    "questions": {"JPN": ["Base question?"]},
    "variants": [
        {"id": "both", "when": ["link", "jmsdf"], "body": "Link and JMSDF."},
        {"id": "link-only", "when": "link", "body": "Link only.", "title": "Linked"},
        {"when": ["not link"], "questions": {"ROK": ["Why is the link still down?"]}},
    ],
})

DECIDE = Inject.model_validate({
    "id": "decide",
    "title": "Decide",
    "decided_by": ["ROK"],
    "default_option": "hold",
    "options": [
        {"id": "direct", "label": "Direct", "sets": ["link"]},
        {"id": "hold", "label": "Hold"},
    ],
})


def _scenario(**extra: object) -> Scenario:
    return Scenario.model_validate({
        "id": "drill", "title": "Drill", "start": "2027-03-14T05:30:00+09:00",
        "roles": [
            {"id": "US", "name": "US", "kind": "player"},
            {"id": "JPN", "name": "Japan", "kind": "player"},
            {"id": "ROK", "name": "ROK", "kind": "player"},
            {"id": "WHITE", "name": "Control", "kind": "control"},
            {"id": "DPRK", "name": "DPRK cell", "kind": "adversary"},
            {"id": "EVAL", "name": "Evaluators", "kind": "observer"},
        ],
        "objectives": [
            {"id": "OBJ-1", "text": "Share", "capability": "Sharing", "within": "+0:15",
             "core_capability": "Intelligence and Information Sharing",
             "mission_area": "Prevention",
             "critical_tasks": [{"id": "OBJ-1.1", "text": "Pass the track"}]},
            {"id": "OBJ-2", "text": "Decide", "capability": "Coordination"},
        ],
        "modules": [
            {"id": "m1", "title": "M1", "at": "+0:00",
             "injects": [{"id": "decide", "at": "+0:10"}, {"id": "later", "at": "+0:40"}]},
            {"id": "m2", "title": "M2", "at": "+2:00", "injects": []},
        ],
        **extra,
    })


def test_the_first_matching_variant_wins_and_names_itself() -> None:
    both = LATER.text_for(frozenset({"link", "jmsdf"}))
    assert (both.body, both.title, both.variant_id) == ("Link and JMSDF.", "Base title", "both")
    linked = LATER.text_for(frozenset({"link"}))
    assert (linked.body, linked.title, linked.variant_id) == ("Link only.", "Linked", "link-only")


def test_a_negated_variant_replaces_only_what_it_gives_and_takes_a_positional_id() -> None:
    text = LATER.text_for(frozenset())
    assert text.variant_id == "v3"
    assert text.body == "Base body." and text.title == "Base title"
    assert text.questions == {"ROK": ["Why is the link still down?"]}


def test_without_a_matching_variant_the_inject_reads_as_written() -> None:
    plain = Inject.model_validate({"id": "x", "title": "T", "body": "B",
                                   "variants": [{"when": "never-set", "body": "other"}]})
    assert plain.text_for(frozenset({"something-else"})) == ("T", "B", {}, {}, None)


def test_inject_when_drops_or_keeps_the_inject() -> None:
    gated = Inject.model_validate({"id": "x", "title": "T", "when": ["jmsdf", "not link"]})
    assert gated.applies(frozenset({"jmsdf"}))
    assert not gated.applies(frozenset({"jmsdf", "link"}))
    assert not gated.applies(frozenset())
    assert Inject.model_validate({"id": "y", "title": "T"}).applies(frozenset())
    assert gated.conditions_read() == ["jmsdf", "link"]


def test_condition_expressions() -> None:
    assert holds([], frozenset())
    assert holds(["a", "not b"], frozenset({"a"}))
    assert not holds(["a", "not b"], frozenset({"a", "b"}))
    assert contradictory(["a", "not a"]) == "a"
    assert contradictory(["a", "not b"]) is None
    assert covers(["a"], ["a", "b"]) and not covers(["a", "b"], ["a"])


def test_a_condition_term_must_be_an_id_or_not_an_id() -> None:
    with pytest.raises(ValidationError):
        Inject.model_validate({"id": "x", "title": "T", "when": "a or b"})


def test_who_decides() -> None:
    assert DECIDE.may_decide("ROK") and not DECIDE.may_decide("JPN")
    assert Inject.model_validate({"id": "x", "title": "T"}).may_decide("JPN")


def test_options_set_conditions_that_later_text_reads() -> None:
    resolved = ResolvedScenario(scenario=_scenario(), injects={"decide": DECIDE, "later": LATER})
    assert resolved.condition_sources() == {"link": [("decide", "direct")]}
    after_direct = resolved.conditions_after([("decide", "direct")], flags=["jmsdf"])
    assert after_direct == frozenset({"link", "jmsdf"})
    assert LATER.text_for(after_direct).variant_id == "both"
    after_hold = resolved.conditions_after([("decide", "hold"), ("nope", "x")])
    assert after_hold == frozenset()
    assert LATER.text_for(after_hold).variant_id == "v3"


def test_handouts_follow_visible_to_and_control_sees_all() -> None:
    scenario = _scenario(handouts=[
        {"id": "map", "title": "Map", "kind": "map", "path": "h/map.svg"},
        {"id": "jpn-card", "title": "Japan", "kind": "role-card", "path": "h/jpn.md",
         "visible_to": ["JPN"]},
        {"id": "dprk-book", "title": "DPRK", "kind": "red-cell", "path": "h/dprk.md",
         "visible_to": ["DPRK"]},
    ])
    resolved = ResolvedScenario(scenario=scenario, injects={})
    assert [h.id for h in resolved.handouts_for("JPN")] == ["map", "jpn-card"]
    assert [h.id for h in resolved.handouts_for("ROK")] == ["map"]
    assert [h.id for h in resolved.handouts_for("DPRK")] == ["dprk-book"]
    assert [h.id for h in resolved.handouts_for("WHITE")] == ["map", "jpn-card", "dprk-book"]
    assert len(resolved.handouts_for("EVAL")) == 3
    assert resolved.handouts_for("NOBODY") == []


def test_time_standard_runs_from_the_first_inject_that_lists_the_objective() -> None:
    decide = DECIDE.model_copy(update={"objectives": ["OBJ-2"]})
    later = LATER.model_copy(update={"objectives": ["OBJ-1"]})
    resolved = ResolvedScenario(scenario=_scenario(), injects={"decide": decide, "later": later})
    objective = resolved.scenario.objective("OBJ-1")
    assert objective is not None
    assert resolved.time_standard_anchor(objective) == "later"
    assert resolved.planned_deadline(objective) == timedelta(minutes=55)
    measured = objective.model_copy(update={"measured_from": "decide"})
    assert resolved.planned_deadline(measured) == timedelta(minutes=25)
    unbounded = resolved.scenario.objective("OBJ-2")
    assert unbounded is not None and resolved.planned_deadline(unbounded) is None


def test_scenario_lookups_for_tasks_and_mission_areas() -> None:
    scenario = _scenario()
    found = scenario.critical_task("OBJ-1.1")
    assert found is not None and found[0].id == "OBJ-1" and found[1].text == "Pass the track"
    assert scenario.critical_task("OBJ-9.9") is None
    assert scenario.played_mission_areas() == [MissionArea.Prevention]
    named = _scenario(mission_areas=["Response", "Prevention"])
    assert named.played_mission_areas() == [MissionArea.Prevention, MissionArea.Response]


def test_the_official_list_has_32_core_capabilities() -> None:
    assert len(CORE_CAPABILITIES) == 32
    assert mission_areas_of("Planning") == tuple(MissionArea)
    assert mission_areas_of("Housing") == (MissionArea.Recovery,)
    assert mission_areas_of("Diplomacy") == ()


def test_acronyms_and_the_merged_glossary() -> None:
    used = acronyms_used(["The KDX-III and AN/TPY-2 radars; GSOMIA and the JSO. I said OK."])
    assert used == {"KDX-III", "AN/TPY-2", "GSOMIA", "JSO"}
    scenario = _scenario(glossary={"JSO": "Joint Staff Office (Japan)"})
    merged = with_workspace_glossary(scenario, {"JSO": "old", "ASW": "Anti-submarine warfare"})
    assert merged.glossary == {"ASW": "Anti-submarine warfare",
                               "JSO": "Joint Staff Office (Japan)"}
    assert with_workspace_glossary(scenario, {}) is scenario


def test_attachments_follow_who_receives_the_inject() -> None:
    resolved = ResolvedScenario(scenario=_scenario(), injects={})
    to_japan = Inject.model_validate({"id": "x", "title": "T", "to": ["JPN"],
                                      "attachments": ["handouts/map.svg"]})
    secret = to_japan.model_copy(update={"control_only": True})
    assert resolved.attachments_for(to_japan, "JPN") == ["handouts/map.svg"]
    assert resolved.attachments_for(to_japan, "ROK") == []
    assert resolved.attachments_for(secret, "JPN") == []
    assert resolved.attachments_for(secret, "WHITE") == ["handouts/map.svg"]
    assert resolved.attachments_for(to_japan, "EVAL") == ["handouts/map.svg"]
    assert resolved.attachments_for(to_japan, "NOBODY") == []
