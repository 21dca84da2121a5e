"""Build the documents before play from a resolved scenario alone."""

from __future__ import annotations

from ttx.docs.model import (
    ControlInject,
    ControlOption,
    CriticalTask,
    ExerciseDocument,
    ModuleView,
    ObjectiveView,
    PlayerInject,
    Prompts,
)
from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.model.scenario import Module
from ttx.report.analysis import core_capability
from ttx.report.model import RoleSummary
from ttx.report.optional import contact_text, present, text_of

KINDS = {"sitman": "Situation Manual", "guide": "Facilitator and Evaluator Guide",
         "eeg": "Exercise Evaluation Guides"}


def build_document(resolved: ResolvedScenario, kind: str) -> ExerciseDocument:
    """The `kind` document (sitman, guide, eeg) of `resolved`."""
    scenario = resolved.scenario
    modules = [_module(resolved, module, control=kind != "sitman")
               for module in scenario.modules] if kind != "eeg" else []
    return ExerciseDocument(
        kind=kind, kind_title=KINDS[kind], scenario_id=scenario.id, title=scenario.title,
        classification=scenario.classification, summary=scenario.summary.strip(),
        start=scenario.start, scope=scenario.scope, sponsor=scenario.sponsor,
        threat_hazard=text_of(scenario, "threat_hazard"),
        point_of_contact=contact_text(present(scenario, "point_of_contact", "")),
        roles=[RoleSummary.of(role) for role in scenario.roles],
        objectives=[_objective(resolved, objective, control=kind != "sitman")
                    for objective in scenario.objectives],
        modules=modules)


def _module(resolved: ResolvedScenario, module: Module, *, control: bool) -> ModuleView:
    slots = resolved.msel_slots(module.id)
    planned = [resolved.inject(slot.inject_id) for slot in slots if not slot.contingency]
    if control:
        return ModuleView(
            id=module.id, title=module.title, game_time=resolved.scenario.start + module.at,
            situation=module.situation.strip(),
            injects=[control_view(resolved, module, inject) for inject in planned if inject],
            contingency=[control_view(resolved, module, inject, contingency=True)
                         for slot in slots if slot.contingency
                         if (inject := resolved.inject(slot.inject_id))])
    return ModuleView(
        id=module.id, title=module.title, game_time=resolved.scenario.start + module.at,
        situation=module.situation.strip(),
        injects=[player_view(resolved, module, inject) for inject in planned
                 if inject and resolved.visible_to_players(inject)])


def player_view(resolved: ResolvedScenario, module: Module, inject: Inject) -> PlayerInject:
    """What a player may read of a planned inject."""
    return PlayerInject(
        id=inject.id, title=inject.title, game_time=resolved.game_time_of(module, inject.id),
        sender=inject.sender or "", recipients=resolved.recipients(inject),
        method=str(inject.method), body=inject.body.strip(),
        questions=[Prompts(role=str(role), items=list(items))
                   for role, items in inject.questions.items()],
        options=[option.label for option in inject.options])


def control_view(resolved: ResolvedScenario, module: Module, inject: Inject, *,
                 contingency: bool = False) -> ControlInject:
    """Everything about an inject, for control and evaluators."""
    player = player_view(resolved, module, inject)
    return ControlInject(
        **{**player.model_dump(), "game_time": None if contingency else player.game_time},
        expected=[Prompts(role=str(role), items=list(items))
                  for role, items in inject.expected.items()],
        notes=inject.notes.strip(), control_only=inject.control_only,
        objectives=list(inject.objectives),
        decision=[ControlOption(id=o.id, label=o.label, leads_to=list(o.leads_to))
                  for o in inject.options],
        offset=resolved.planned_offset(module, inject.id), contingency=contingency)


def _objective(resolved: ResolvedScenario, objective: object, *,
               control: bool) -> ObjectiveView:
    """An objective; its critical tasks and the injects that exercise it are control
    material (an EEG's: they can repeat an inject's expected actions word for word)."""
    objective_id = text_of(objective, "id")
    within = present(objective, "within")
    return ObjectiveView(
        id=objective_id, text=text_of(objective, "text"),
        capability=text_of(objective, "capability"),
        core_capability=core_capability(objective),  # type: ignore[arg-type]
        mission_area=text_of(objective, "mission_area"),
        critical_tasks=[CriticalTask(id=text_of(task, "id"), text=text_of(task, "text"))
                        for task in present(objective, "critical_tasks", []) if control],
        within=within, injects=[inject.title for inject in resolved.injects.values()
                                if control and objective_id in inject.objectives])
