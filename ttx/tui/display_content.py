"""What a player-facing display may show, built from the session state alone.

This is the one filter between the journal and the room's screen: only injects a
player may see (`ResolvedScenario.visible_to_players`, never `control_only`), only
those addressed to the chosen role when there is one, and of each inject only what
its recipients read — title, sender, method, recipients, body and the questions for
the roles shown. Expected actions, facilitator notes and option `leads_to` never
leave this module. Pure: no widgets, so it is unit-tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ttx.errors import TtxError
from ttx.model.ids import ALL_RECIPIENTS
from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.model.scenario import RoleKind
from ttx.model.wording import game_time_of_day
from ttx.session.seats import Seat
from ttx.session.visibility import may_see_move

if TYPE_CHECKING:
    from ttx.session.fold import SessionState


@dataclass(frozen=True)
class ShownInject:
    """One delivered inject as the room reads it."""

    seq: int
    """The journal entry that delivered it."""
    inject_id: str
    title: str
    sender: str
    method: str
    recipients: list[str]
    """Recipient roles spelled out, e.g. `Japan delegation (JPN)`."""
    body: str
    """Markdown, as authored."""
    questions: list[tuple[str, list[str]]]
    """(who, prompts): `Everyone` or a role name, for the roles shown."""
    options: list[str]
    """Labels of a decision point's options (never what they lead to)."""
    delivered_at_game: datetime
    delivered_at_text: str = ""
    """`delivered_at_game` as lists show it: `10:40`, `D+1 09:20` after midnight."""


@dataclass(frozen=True)
class ShownMessage:
    """A message another delegation sent to a role display's delegation."""

    seq: int
    sender: str
    to: list[str]
    text: str
    at_game: datetime
    at_text: str = ""
    """`at_game` as lists show it: `10:40`, `D+1 09:20` after midnight."""


@dataclass(frozen=True)
class Slide:
    """A briefing or hold slide shown instead of the newest inject."""

    kind: str
    """`summary`, `situation` or `hold` (`ttx.session.events.ScreenShow`)."""
    title: str
    subtitle: str
    body: str
    """Markdown as authored (a hold slide's text is plain text)."""


@dataclass(frozen=True)
class DisplayContent:
    """Everything one display screen shows at one moment."""

    classification: str
    scenario_title: str
    module_title: str
    game_time: datetime
    paused: bool
    role: str | None
    """The role this display is for; None shows every player-visible inject."""
    role_name: str
    newest: ShownInject | None
    earlier: list[ShownInject] = field(default_factory=list)
    """Delivered before `newest`, newest first (at most the `earlier` asked for)."""
    ended: bool = False
    earlier_not_listed: int = 0
    """How many more were delivered before those in `earlier`."""
    announcement: str = ""
    """The facilitator's latest announcement to this display's audience."""
    messages: list[ShownMessage] = field(default_factory=list)
    """For a role's display: messages other delegations sent to it, newest first."""
    ready: bool = False
    """The session waits for the facilitator's STARTEX."""
    slide: Slide | None = None
    """Shown instead of `newest` when set: the briefing at STARTEX and at each module
    start, or what the facilitator put on the room screen."""


def check_display_role(resolved: ResolvedScenario, role: str | None) -> None:
    """Refuse a `--role` the scenario does not have, with the known ones listed."""
    if role is None or resolved.scenario.role(role) is not None:
        return
    known = ", ".join(r.id for r in resolved.scenario.roles)
    raise TtxError(f"no role '{role}' in scenario '{resolved.scenario.id}'; known: {known}")


def shown_to(resolved: ResolvedScenario, inject: Inject, role: str | None) -> bool:
    """Whether a display (for `role`, or for the whole room) may show `inject`."""
    if not resolved.visible_to_players(inject):
        return False
    return role is None or role in resolved.recipients(inject)


def shown_inject(resolved: ResolvedScenario, inject: Inject, role: str | None, *, seq: int,
                 delivered_at_game: datetime, variant: str | None = None) -> ShownInject:
    """The parts of `inject` its recipients read (in the variant delivered), for a
    display for `role`."""
    text = inject.delivered_text(variant)
    control = {r.id for r in resolved.scenario.roles if r.kind is RoleKind.control}
    recipients = [r for r in resolved.recipients(inject) if r not in control]
    named = []
    for role_id in recipients:
        found = resolved.scenario.role(role_id)
        named.append(f"{found.name} ({role_id})" if found else role_id)
    audience = {role} if role is not None else set(recipients)
    questions: list[tuple[str, list[str]]] = []
    for asked, prompts in text.questions.items():
        if asked == ALL_RECIPIENTS:
            questions.insert(0, ("Everyone", list(prompts)))
        elif asked in audience and asked not in control:
            found = resolved.scenario.role(asked)
            questions.append((found.name if found else asked, list(prompts)))
    return ShownInject(
        seq=seq,
        inject_id=inject.id,
        title=text.title,
        sender=inject.sender or "",
        method=str(inject.method),
        recipients=named,
        body=text.body,
        questions=questions,
        options=[option.label for option in inject.options],
        delivered_at_game=delivered_at_game,
        delivered_at_text=game_time_of_day(delivered_at_game, resolved.scenario.start),
    )


def display_content(state: SessionState, role: str | None = None, *,
                    earlier: int | None = None) -> DisplayContent:
    """The display's content for the session as it stands: newest delivered inject first,
    then up to `earlier` of those before it (all when None; the rest only counted)."""
    resolved = state.snapshot
    scenario = resolved.scenario
    shown: list[ShownInject] = []
    not_listed = 0
    for delivery in reversed(state.deliveries):
        inject = resolved.inject(delivery.inject_id)
        if inject is None or not shown_to(resolved, inject, role):
            continue
        if earlier is not None and len(shown) > earlier:
            not_listed += 1
            continue
        shown.append(shown_inject(resolved, inject, role, seq=delivery.seq,
                                  delivered_at_game=delivery.at_game,
                                  variant=delivery.variant))
    module = scenario.module(state.current_module) if state.current_module else None
    found_role = scenario.role(role) if role else None
    newest = shown[0] if shown else None
    return DisplayContent(
        classification=scenario.classification,
        scenario_title=scenario.title,
        module_title=module.title if module else "Before STARTEX",
        game_time=state.game_time,
        paused=state.paused,
        role=role,
        role_name=found_role.name if found_role else "All delegations",
        newest=newest,
        earlier=shown[1:],
        ended=state.ended,
        ready=state.ready,
        earlier_not_listed=not_listed,
        announcement=next((a.text for a in reversed(state.announcements)
                           if not a.to or (role is not None and role in a.to)), ""),
        slide=slide_shown(state, newest),
        messages=messages_to(state, role, limit=earlier),
    )


def messages_to(state: SessionState, role: str | None, *, limit: int | None = None
                ) -> list[ShownMessage]:
    """The messages other roles sent to `role` (none for the whole room), newest first:
    what `ttx.session.visibility` lets that delegation's seat read."""
    if role is None:
        return []
    seat = Seat.player(role)
    startex = state.snapshot.scenario.start
    found: list[ShownMessage] = []
    for move in reversed(state.moves):
        if role in move.to and move.role != role and may_see_move(seat, move):
            found.append(ShownMessage(move.seq, move.role, list(move.to), move.text,
                                      move.at_game, game_time_of_day(move.at_game, startex)))
            if limit is not None and len(found) >= limit:
                break
    return found


def slide_shown(state: SessionState, newest: ShownInject | None) -> Slide | None:
    """The slide the room sees now, or None to show `newest`.

    The latest of three moments decides: the facilitator's choice (`screen_shown`), a
    module start (its briefing: at STARTEX the road to crisis and the first situation)
    and the newest inject this display shows. With no inject yet the briefing stays."""
    scenario = state.snapshot.scenario
    module = scenario.module(state.current_module) if state.current_module else None
    module_seq = state.module_starts[-1].seq if state.module_starts else 0
    inject_seq = newest.seq if newest is not None else 0
    chosen = state.screen
    if chosen is not None and chosen.seq > max(module_seq, inject_seq):
        show = str(chosen.show)
        if show == "hold":
            return Slide("hold", chosen.text, "", "")
        if show == "summary":
            return _summary(state)
        if show == "situation":
            return _situation(state) or _summary(state)
        if newest is not None:
            return None
    elif inject_seq > module_seq:
        return None
    if len(state.module_starts) <= 1 or module is None:
        return _summary(state)
    return _situation(state) or _summary(state)


def _summary(state: SessionState) -> Slide:
    """The scenario's title and road to crisis; at the first module, its situation too."""
    scenario = state.snapshot.scenario
    body = scenario.summary.strip()
    subtitle = "Road to crisis"
    first = scenario.modules[0] if scenario.modules else None
    if first is not None and state.current_module == first.id and first.situation.strip():
        body = f"{body}\n\n---\n\n{first.situation.strip()}" if body else \
            first.situation.strip()
        subtitle = f"Road to crisis, then the situation: {first.title}" if scenario.summary \
            .strip() else f"Situation: {first.title}"
    return Slide("summary", scenario.title, subtitle, body)


def _situation(state: SessionState) -> Slide | None:
    module = state.snapshot.scenario.module(state.current_module or "")
    if module is None:
        return None
    return Slide("situation", module.title, "Situation", module.situation.strip())
