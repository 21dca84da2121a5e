"""The seed scenarios shipped in `scenarios/` are complete enough to run.

These tests read the YAML directly with `yaml.safe_load`, so they check the
authored content against the design contract without depending on ttx's own
loader; only the last test calls `python -m ttx validate`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
PLAYER_DELEGATIONS = ("US", "JPN", "ROK")
SCENARIO_SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/scenario.schema.json"
INJECT_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/inject.schema.json"


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _inject_library() -> dict[str, tuple[Path, dict[str, Any]]]:
    """Every inject under `injects/`, by id, with the file that holds it."""
    library: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in sorted((ROOT / "injects").rglob("*.yaml")):
        content = _load(path)
        injects = content if isinstance(content, list) else [content]
        for inject in injects:
            assert isinstance(inject, dict), f"{path}: an inject must be a mapping"
            assert inject["id"] not in library, f"duplicate inject id {inject['id']!r} in {path}"
            library[inject["id"]] = (path, inject)
    return library


LIBRARY = _inject_library()


def _inject_ids(entries: list[Any] | None) -> list[str]:
    """Inject ids of a module list, whose entries are `id` or `{id, at}`."""
    return [entry["id"] if isinstance(entry, dict) else entry for entry in entries or []]


def _scenario_injects(scenario: dict[str, Any]) -> tuple[list[str], list[str]]:
    planned: list[str] = []
    contingency: list[str] = []
    for module in scenario["modules"]:
        planned += _inject_ids(module.get("injects"))
        contingency += _inject_ids(module.get("contingency"))
    return planned, contingency


@pytest.fixture(params=SCENARIO_FILES, ids=lambda path: path.stem)
def scenario(request: pytest.FixtureRequest) -> dict[str, Any]:
    path: Path = request.param
    loaded = _load(path)
    assert isinstance(loaded, dict), f"{path} must hold one scenario mapping"
    assert loaded["id"] == path.stem, "a scenario's file name is its id"
    return loaded


def test_the_four_seed_scenarios_are_shipped() -> None:
    shipped = {path.stem for path in SCENARIO_FILES}
    assert {"slbm-launch", "mine-incident", "collapse-contingency", "export-controls"} <= shipped


def test_scenario_header_roles_and_marking(scenario: dict[str, Any]) -> None:
    path = ROOT / "scenarios" / f"{scenario['id']}.yaml"
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCENARIO_SCHEMA_LINE
    assert scenario["classification"] == "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY"
    assert "+" in scenario["start"] or scenario["start"].endswith("Z"), "start needs a time zone"
    kinds = {role["id"]: role["kind"] for role in scenario["roles"]}
    for delegation in PLAYER_DELEGATIONS:
        assert kinds.get(delegation) == "player", f"{delegation} must be a player role"
    assert "control" in kinds.values(), "a control cell (WHITE) is required"
    assert len(scenario["summary"].strip().split("\n\n")) >= 3, "summary: several paragraphs"


def test_modules_have_situation_and_clock_jump(scenario: dict[str, Any]) -> None:
    modules = scenario["modules"]
    assert len(modules) >= 3
    for module in modules:
        assert module["situation"].strip(), f"module {module['id']} has no situation"
        assert str(module["at"]).startswith("+"), f"module {module['id']} has no offset"


def test_enough_injects_and_every_one_exists_as_a_file(scenario: dict[str, Any]) -> None:
    planned, contingency = _scenario_injects(scenario)
    referenced = planned + contingency
    assert len(referenced) >= 12
    assert len(set(referenced)) == len(referenced), "an inject is listed twice in one scenario"
    for inject_id in referenced:
        assert inject_id in LIBRARY, f"{scenario['id']}: no inject file for {inject_id!r}"
        path, _ = LIBRARY[inject_id]
        assert path.stem == inject_id, f"{path}: file name must be the inject id"
        assert path.read_text(encoding="utf-8").splitlines()[0] == INJECT_SCHEMA_LINE


def test_every_module_asks_each_delegation_a_question(scenario: dict[str, Any]) -> None:
    for module in scenario["modules"]:
        asked: set[str] = set()
        for inject_id in _inject_ids(module.get("injects")):
            questions = LIBRARY[inject_id][1].get("questions") or {}
            asked |= {role for role, prompts in questions.items() if prompts}
        missing = set(PLAYER_DELEGATIONS) - asked
        assert not missing, f"module {module['id']}: no question for {sorted(missing)}"


def test_decision_points_branch_to_injects_the_scenario_plays(scenario: dict[str, Any]) -> None:
    planned, contingency = _scenario_injects(scenario)
    available = set(planned) | set(contingency)
    assert contingency, "at least one contingency inject"
    branching = 0
    for inject_id in available:
        options = LIBRARY[inject_id][1].get("options") or []
        for option in options:
            for target in option.get("leads_to") or []:
                assert target in available, f"{inject_id}/{option['id']} leads to unplayed {target}"
        if len({tuple(sorted(option.get("leads_to") or [])) for option in options}) >= 2:
            branching += 1
    assert branching >= 1, "at least one decision point whose options lead to different injects"


def test_objectives_are_exercised_and_roles_exist(scenario: dict[str, Any]) -> None:
    objective_ids = {objective["id"] for objective in scenario["objectives"]}
    role_ids = {role["id"] for role in scenario["roles"]} | {"all"}
    assert len(objective_ids) >= 3
    for objective in scenario["objectives"]:
        assert objective["capability"].strip() and objective["text"].strip()
    planned, contingency = _scenario_injects(scenario)
    exercised: set[str] = set()
    for inject_id in planned + contingency:
        inject = LIBRARY[inject_id][1]
        exercised |= set(inject.get("objectives") or [])
        for key in ("to", "questions", "expected"):
            unknown = set(inject.get(key) or []) - role_ids
            assert not unknown, f"{inject_id}: {key} names roles {sorted(unknown)} not in scenario"
    assert exercised <= objective_ids, f"unknown objectives {sorted(exercised - objective_ids)}"
    assert objective_ids <= exercised, f"objectives never exercised: {objective_ids - exercised}"


def test_ttx_validate_accepts_the_workspace() -> None:
    pytest.importorskip("ttx.cli", reason="the ttx command line is not importable yet")
    result = subprocess.run(
        [sys.executable, "-m", "ttx", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


CORE_CAPABILITY_COUNT = 32
RED_CELLS = ("DPRK", "PRC")
VAGUE_EXPECTATIONS = ("Recognise the trade-off openly", "Consider a", "as needed", "if needed")


def _played(scenario: dict[str, Any]) -> list[dict[str, Any]]:
    planned, contingency = _scenario_injects(scenario)
    return [LIBRARY[inject_id][1] for inject_id in planned + contingency]


def test_overview_fields_are_filled(scenario: dict[str, Any]) -> None:
    for key in ("scope", "sponsor", "threat_hazard"):
        assert str(scenario.get(key) or "").strip(), f"{scenario['id']}: no {key}"
    contacts = scenario.get("point_of_contact") or []
    assert contacts and all(contact.get("name") for contact in contacts)
    assert scenario.get("mission_areas"), "mission areas for the overview"


def test_every_objective_can_be_rated(scenario: dict[str, Any]) -> None:
    from ttx.model.capabilities import CORE_CAPABILITIES

    assert len(CORE_CAPABILITIES) == CORE_CAPABILITY_COUNT
    for objective in scenario["objectives"]:
        where = f"{scenario['id']} {objective['id']}"
        assert objective.get("core_capability") in CORE_CAPABILITIES, where
        assert objective.get("mission_area"), where
        assert str(objective.get("within", "")).startswith("+"), f"{where}: no time standard"
        tasks = objective.get("critical_tasks") or []
        assert 2 <= len(tasks) <= 4, f"{where}: {len(tasks)} critical tasks"
        assert all(task["id"].startswith(objective["id"] + ".") for task in tasks), where


def test_every_delegation_owns_a_decision(scenario: dict[str, Any]) -> None:
    owners: dict[str, int] = {}
    for inject in _played(scenario):
        if inject.get("options"):
            assert inject.get("decided_by"), f"{inject['id']}: a decision point names who decides"
            assert inject.get("default_option"), f"{inject['id']}: no default option"
            for role in inject["decided_by"]:
                owners[role] = owners.get(role, 0) + 1
    for delegation in PLAYER_DELEGATIONS:
        assert owners.get(delegation), f"{scenario['id']}: {delegation} decides nothing"


def test_choices_carry_forward_through_conditions(scenario: dict[str, Any]) -> None:
    set_by_options = {condition for inject in _played(scenario)
                      for option in inject.get("options") or []
                      for condition in option.get("sets") or []}
    variants = [variant for inject in _played(scenario) for variant in inject.get("variants") or []]
    assert len(set_by_options) >= 3, f"{scenario['id']}: few choices set conditions"
    assert len(variants) >= 3, f"{scenario['id']}: few texts change with the choices"


def test_shared_injects_carry_objectives_in_every_scenario(scenario: dict[str, Any]) -> None:
    objective_ids = {objective["id"] for objective in scenario["objectives"]}
    shared = [inject for inject in _played(scenario) if inject["id"].startswith("common-")]
    assert shared
    for inject in shared:
        assert inject.get("objectives"), f"{inject['id']} carries no objective"
        assert set(inject["objectives"]) <= objective_ids


def test_expected_actions_are_specific(scenario: dict[str, Any]) -> None:
    for inject in _played(scenario):
        for actions in (inject.get("expected") or {}).values():
            for action in actions:
                vague = [phrase for phrase in VAGUE_EXPECTATIONS if phrase in action]
                assert not vague, f"{inject['id']}: vague expected action {action!r}"


def test_handouts_give_each_delegation_a_card_and_each_red_cell_a_playbook(
        scenario: dict[str, Any]) -> None:
    handouts = scenario.get("handouts") or []
    cards = {role for item in handouts if item.get("kind") == "role-card"
             for role in item.get("visible_to") or []}
    playbooks = {role for item in handouts if item.get("kind") == "red-cell"
                 for role in item.get("visible_to") or []}
    assert set(PLAYER_DELEGATIONS) <= cards, f"{scenario['id']}: role cards {sorted(cards)}"
    assert set(RED_CELLS) <= playbooks, f"{scenario['id']}: playbooks {sorted(playbooks)}"
    assert any(item.get("kind") == "map" and item["path"].endswith(".svg") for item in handouts)
    for item in handouts:
        assert (ROOT / item["path"]).is_file(), item["path"]


def test_every_acronym_used_is_in_the_glossary(scenario: dict[str, Any]) -> None:
    from ttx.model.glossary import acronyms_used

    glossary = {**_load(ROOT / "glossary.yaml"), **(scenario.get("glossary") or {})}
    ids = {role["id"] for role in scenario["roles"]} | {o["id"] for o in scenario["objectives"]}
    texts = [scenario["summary"], scenario["title"], scenario["scope"], scenario["threat_hazard"]]
    texts += [objective["text"] for objective in scenario["objectives"]]
    texts += [module["situation"] for module in scenario["modules"]]
    for inject in _played(scenario):
        texts += [inject["title"], inject.get("body", ""), inject.get("notes", "")]
        texts += [text for key in ("questions", "expected")
                  for items in (inject.get(key) or {}).values() for text in items]
        for variant in inject.get("variants") or []:
            texts += [variant.get("title") or "", variant.get("body") or ""]
    texts += [(ROOT / item["path"]).read_text(encoding="utf-8")
              for item in scenario.get("handouts") or [] if item["path"].endswith(".md")]
    missing = acronyms_used(texts) - set(glossary) - ids
    assert not missing, f"{scenario['id']}: acronyms without an expansion: {sorted(missing)}"
