"""A scenario with every inject it can play, resolved: what a session snapshots at start."""


from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from ttx.model.ids import ALL_RECIPIENTS
from ttx.model.inject import Inject
from ttx.model.scenario import Handout, Module, Objective, RoleKind, Scenario

_SEES_EVERY_HANDOUT = (RoleKind.control, RoleKind.observer)


@dataclass(frozen=True, slots=True)
class PlannedSlot:
    """One planned inject in one module, with the offset it plays at.

    A plain value built from the validated snapshot (not a model: validating it again
    would build a pydantic validator on the console's first MSEL, before its first
    frame)."""

    inject_id: str
    module_id: str
    at: timedelta
    """Offset from the module's start."""
    order: int
    """Position in the whole MSEL, from 1."""


@dataclass(frozen=True, slots=True)
class MselSlot:
    """One row of the MSEL: a planned inject of a module, or one of its contingencies."""

    inject_id: str
    module_id: str
    contingency: bool
    """Released at the facilitator's will rather than planned."""
    at: timedelta
    """Offset from the module's start (a planned slot's override, else the inject's own)."""
    offset: timedelta
    """Offset from STARTEX: the module's start plus `at`."""
    order: int | None
    """Position in the whole planned MSEL, from 1; None for a contingency."""


class ResolvedScenario(BaseModel):
    """A scenario together with every inject it plays, can release or can lead to."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    scenario: Scenario
    injects: dict[str, Inject] = Field(default_factory=dict)
    source: str = ""
    """Where the scenario was read from, for the record."""

    def inject(self, inject_id: str) -> Inject | None:
        return self.injects.get(inject_id)

    def planned(self) -> list[PlannedSlot]:
        """Every planned inject of every module, in MSEL order."""
        slots: list[PlannedSlot] = []
        for module in self.scenario.modules:
            for ref in module.injects:
                inject = self.injects.get(ref.id)
                at = ref.at if ref.at is not None else (inject.at if inject else timedelta(0))
                slots.append(PlannedSlot(inject_id=ref.id, module_id=module.id, at=at,
                                         order=len(slots) + 1))
        return slots

    def msel_slots(self, module_id: str | None = None) -> list[MselSlot]:
        """The MSEL rows: every planned inject in MSEL order, then every contingency in
        module order; with `module_id`, that module's planned injects, then its
        contingencies. The one definition of "the MSEL rows of a module"."""
        modules = [m for m in self.scenario.modules if module_id in (None, m.id)]
        starts = {m.id: m.at for m in modules}
        slots = [MselSlot(inject_id=slot.inject_id, module_id=slot.module_id,
                          contingency=False, at=slot.at, offset=starts[slot.module_id] + slot.at,
                          order=slot.order)
                 for slot in self.planned() if slot.module_id in starts]
        for module in modules:
            for inject_id in module.contingency:
                at = self.planned_offset(module, inject_id)
                slots.append(MselSlot(inject_id=inject_id, module_id=module.id,
                                      contingency=True, at=at, offset=module.at + at,
                                      order=None))
        return slots

    @cached_property
    def _module_index(self) -> dict[str, Module]:
        """Inject id to the first module that plays it, planned or as a contingency."""
        index: dict[str, Module] = {}
        for module in self.scenario.modules:
            for inject_id in [*(ref.id for ref in module.injects), *module.contingency]:
                index.setdefault(inject_id, module)
        return index

    @cached_property
    def _planned_at(self) -> dict[tuple[str, str], timedelta]:
        """(module id, inject id) to the offset the module's list gives, where it gives one."""
        return {(module.id, ref.id): ref.at for module in self.scenario.modules
                for ref in reversed(module.injects) if ref.at is not None}

    def module_of(self, inject_id: str) -> Module | None:
        """The module that plays this inject, planned or as a contingency."""
        return self._module_index.get(inject_id)

    def planned_offset(self, module: Module, inject_id: str) -> timedelta:
        """The offset from module start at which `inject_id` plays in `module`."""
        at = self._planned_at.get((module.id, inject_id))
        if at is not None:
            return at
        inject = self.injects.get(inject_id)
        return inject.at if inject else timedelta(0)

    def game_time_of(self, module: Module, inject_id: str) -> datetime:
        return self.scenario.start + module.at + self.planned_offset(module, inject_id)

    def recipients(self, inject: Inject) -> list[str]:
        """Role ids that receive `inject`: `all` and the default mean every player role."""
        players = [role.id for role in self.scenario.roles if role.kind is RoleKind.player]
        if inject.to is None:
            return players
        recipients: list[str] = []
        for role_id in inject.to:
            for expanded in players if role_id == ALL_RECIPIENTS else [role_id]:
                if expanded not in recipients:
                    recipients.append(expanded)
        return recipients

    def visible_to_players(self, inject: Inject) -> bool:
        """Whether a player-facing display may show this inject at all."""
        if inject.control_only:
            return False
        control = {r.id for r in self.scenario.roles if r.kind is RoleKind.control}
        return any(role not in control for role in self.recipients(inject))

    def condition_sources(self) -> dict[str, list[tuple[str, str]]]:
        """Each condition an option sets, with the (inject id, option id) pairs that set it,
        in MSEL order of the injects."""
        sources: dict[str, list[tuple[str, str]]] = {}
        for inject_id in self._inject_order:
            inject = self.injects.get(inject_id)
            for option in inject.options if inject else []:
                for condition in option.sets:
                    sources.setdefault(condition, []).append((inject_id, option.id))
        return sources

    def conditions_after(self, decisions: Iterable[tuple[str, str]],
                         flags: Iterable[str] = ()) -> frozenset[str]:
        """The conditions that hold after `decisions` ((inject id, option id) pairs, the
        decided ones only) and the facilitator's `flags` that are set."""
        held = set(flags)
        for inject_id, option_id in decisions:
            inject = self.injects.get(inject_id)
            option = inject.option(option_id) if inject else None
            if option is not None:
                held.update(option.sets)
        return frozenset(held)

    def may_see_handout(self, handout: Handout, role_id: str) -> bool:
        """Whether `role_id` may open `handout`: control and observer roles see every one;
        others when named in `visible_to`, or when it says `all` and they are a player."""
        role = self.scenario.role(role_id)
        if role is None:
            return False
        if role.kind in _SEES_EVERY_HANDOUT or role_id in handout.visible_to:
            return True
        return ALL_RECIPIENTS in handout.visible_to and role.kind is RoleKind.player

    def attachments_for(self, inject: Inject, role_id: str) -> list[str]:
        """The attachments of `inject` that `role_id` may open: all of them for control and
        observer roles; for others, those of an inject they receive that is not
        control-only."""
        role = self.scenario.role(role_id)
        if role is None:
            return []
        if role.kind in _SEES_EVERY_HANDOUT:
            return list(inject.attachments)
        if inject.control_only or role_id not in self.recipients(inject):
            return []
        return list(inject.attachments)

    def handouts_for(self, role_id: str) -> list[Handout]:
        """The handouts `role_id` may open, in the scenario's order."""
        return [item for item in self.scenario.handouts if self.may_see_handout(item, role_id)]

    def time_standard_anchor(self, objective: Objective) -> str | None:
        """The inject whose delivery starts `objective`'s `within` clock: `measured_from`,
        or the first inject in MSEL order (planned, then contingency) that lists it."""
        if objective.measured_from is not None:
            return objective.measured_from
        return next((inject_id for inject_id in self._inject_order
                     if objective.id in (self.injects[inject_id].objectives
                                         if inject_id in self.injects else [])), None)

    def planned_deadline(self, objective: Objective) -> timedelta | None:
        """The planned offset from STARTEX by which `objective` must be met (its anchor's
        planned time plus `within`), or None without a time standard."""
        anchor = self.time_standard_anchor(objective)
        module = self.module_of(anchor) if anchor else None
        if objective.within is None or anchor is None or module is None:
            return None
        return module.at + self.planned_offset(module, anchor) + objective.within

    @cached_property
    def _inject_order(self) -> list[str]:
        """Every inject id the scenario plays, planned ones in MSEL order then contingency."""
        return list(dict.fromkeys(slot.inject_id for slot in self.msel_slots()))
