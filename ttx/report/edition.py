"""A delegation's edition of the report: what one role could see in play, and the shared
sections, for handing to one government (`ttx report SESSION --for ROLE`).

The edition is made by allow-list, before any report section is built: the session's
events are cut down to those the role's own seat could read (`ttx.session.visibility`,
the rule the delegation console obeys), other roles' messages lose their private
rationale, and the snapshot keeps only the injects delivered to the role, as delivered
(the variant played, with no expected actions, notes, branch links or conditions). The
ordinary report builder then runs on that smaller session. Nothing it was not given can
reach any format, also through a workspace's own templates.

Sections that are exercise control's evaluation (the executive summary, the analysis of
core capabilities, the improvement plan and the expected actions) are left out, keeping
their numbers so the edition can be read beside the full report; the tables that list
every delegation (decisions, response times, participants' activity) keep this role's
row only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from ttx.errors import TtxError
from ttx.hints import did_you_mean
from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.model.scenario import Module, RoleKind
from ttx.report.analysis_model import ExecutiveSummary
from ttx.report.build import report_of
from ttx.report.edition_model import Edition
from ttx.report.model import AfterActionReport
from ttx.session.events import Event, EventType, MoveRecorded
from ttx.session.fold import SessionState, fold
from ttx.session.records import Announcement, Feedback, Move
from ttx.session.seats import Seat
from ttx.session.visibility import may_see_announcement, may_see_inject, may_see_move

SHARED_EVENTS = frozenset({
    EventType.session_started, EventType.exercise_started, EventType.module_started,
    EventType.clock_paused,
    EventType.clock_resumed, EventType.clock_set, EventType.session_ended,
})
"""Entries every delegation lived through: the clock and the structure of play."""
PER_ENTRY_EVENTS = frozenset({
    EventType.inject_delivered, EventType.inject_acknowledged, EventType.move_recorded,
    EventType.announcement_made, EventType.entry_amended, EventType.entry_retracted,
    EventType.feedback_submitted,
})
"""Entries kept when the role's seat could read that one (`visible_events`)."""
CONTROL_EVENTS = frozenset(EventType) - SHARED_EVENTS - PER_ENTRY_EVENTS
"""Everything else: exercise control's (skips, observations, notes, the analysis, the
room screen, conditions), never in an edition. A new event type lands here until it is
deliberately shared."""


def edition_role(snapshot: ResolvedScenario, role: str) -> str:
    """`role` if it is a player role of the scenario; else one error line."""
    players = [r.id for r in snapshot.scenario.roles if r.kind is RoleKind.player]
    if role not in players:
        known = {r.id for r in snapshot.scenario.roles}
        what = "not a delegation (a player role)" if role in known else "not a role"
        raise TtxError(f"'{role}' is {what} of scenario '{snapshot.scenario.id}'"
                       f"{did_you_mean(role, players)}; editions are made for: "
                       f"{', '.join(players) or 'none'}")
    return role


def edition_report(snapshot: ResolvedScenario, events: Sequence[Event], role: str, *,
                   session_file: str = "", generated_at: datetime | None = None,
                   source: object = "session") -> AfterActionReport:
    """The report `role`'s delegation may be given: only what its seat could see."""
    role = edition_role(snapshot, role)
    full = fold(snapshot, events, source)
    seen = visible_events(full, events, role)
    seen_snapshot = delegation_snapshot(snapshot, full, role)
    state = fold(seen_snapshot, seen)
    report = report_of(state, seen, session_file=session_file, generated_at=generated_at)
    return _own_rows(report, state, role)


def visible_events(state: SessionState, events: Sequence[Event], role: str) -> list[Event]:
    """The entries `role`'s seat could read, in journal order, others' messages without
    their rationale and without references to injects the role never received."""
    seat = Seat.player(role)
    snapshot = state.snapshot
    seen_injects = _seen_injects(state, seat)
    allowed: set[int] = set()
    for delivery in state.deliveries:
        if delivery.inject_id in seen_injects:
            allowed.add(delivery.seq)
    # retracted entries too: the corrections appendix lists what the role saw withdrawn
    withdrawn = [r.entry for r in state.retractions]
    moves = [*state.moves, *(e for e in withdrawn if isinstance(e, Move))]
    announcements = [*state.announcements,
                     *(e for e in withdrawn if isinstance(e, Announcement))]
    feedback = [*state.feedback, *(e for e in withdrawn if isinstance(e, Feedback))]
    allowed.update(m.seq for m in moves if may_see_move(seat, m))
    allowed.update(a.seq for a in announcements if may_see_announcement(seat, a))
    allowed.update(a.seq for a in state.acknowledgements if a.role == role)
    allowed.update(f.seq for f in feedback if f.role == role)
    own = {m.seq for m in moves if role in m.roles} | {
        f.seq for f in feedback if f.role == role}
    for amendment in state.amendments:
        if amendment.target in allowed and (amendment.target in own
                                            or amendment.field == "text"):
            allowed.add(amendment.seq)
    for retraction in state.retractions:
        if retraction.target in allowed:
            allowed.add(retraction.seq)
    seen: list[Event] = []
    for event in events:
        if event.type in SHARED_EVENTS or event.seq in allowed:
            seen.append(_as_seen(event, role, seen_injects, snapshot))
    return seen


def delegation_snapshot(snapshot: ResolvedScenario, state: SessionState,
                        role: str) -> ResolvedScenario:
    """The scenario as `role` knew it: the injects delivered to it, as delivered, and the
    modules, objectives and roles every delegation is briefed on."""
    seat = Seat.player(role)
    seen = _seen_injects(state, seat)
    variants = {d.inject_id: d.variant for d in state.deliveries}
    injects = {inject_id: _as_delivered(inject, variants.get(inject_id), role, snapshot)
               for inject_id, inject in snapshot.injects.items() if inject_id in seen}
    scenario = snapshot.scenario
    modules = [_module_as_seen(module, seen) for module in scenario.modules]
    handouts = [h for h in scenario.handouts if snapshot.may_see_handout(h, role)]
    return ResolvedScenario(
        scenario=scenario.model_copy(update={"modules": modules, "conditions": [],
                                             "handouts": handouts}),
        injects=injects, source=snapshot.source)


def _seen_injects(state: SessionState, seat: Seat) -> set[str]:
    snapshot = state.snapshot
    seen = set()
    for delivery in state.deliveries:
        inject = snapshot.inject(delivery.inject_id)
        if inject is not None and may_see_inject(snapshot, seat, inject):
            seen.add(inject.id)
    return seen


def _as_delivered(inject: Inject, variant: str | None, role: str,
                  snapshot: ResolvedScenario) -> Inject:
    text = inject.delivered_text(variant)
    questions = {key: list(value) for key, value in text.questions.items()
                 if key in ("all", role)}
    options = [option.model_copy(update={"leads_to": [], "sets": []})
               for option in inject.options]
    return inject.model_copy(update={
        "title": text.title, "body": text.body, "questions": questions, "expected": {},
        "notes": "", "variants": [], "when": None, "options": options,
        "attachments": snapshot.attachments_for(inject, role)})


def _module_as_seen(module: Module, seen: set[str]) -> Module:
    return module.model_copy(update={
        "injects": [ref for ref in module.injects if ref.id in seen],
        "contingency": [inject_id for inject_id in module.contingency if inject_id in seen]})


def _as_seen(event: Event, role: str, seen_injects: set[str],
             snapshot: ResolvedScenario) -> Event:
    """`event` as `role` saw it: another role's message keeps its words and addressees,
    not the sender's rationale; no entry names an inject the role never received."""
    payload = event.payload
    if not isinstance(payload, MoveRecorded):
        return event
    own = role == payload.role or role in payload.joint
    inject = payload.inject if payload.inject in seen_injects else None
    update: dict[str, object] = {"inject": inject}
    if inject is None or not own:
        update["option"] = None
    if not own:
        update["rationale"] = ""
    return replace(event, payload=payload.model_copy(update=update))


def _own_rows(report: AfterActionReport, state: SessionState, role: str) -> AfterActionReport:
    """Keep only `role`'s rows in the tables that list every delegation, and leave the
    evaluation sections empty (the edition says they are not in it)."""
    role_name = next(r.name for r in state.snapshot.scenario.roles if r.id == role)
    participants = [p if p.id == role else p.model_copy(
        update={"moves": None, "injects_received": None}) for p in report.participants]
    decision_points = [point.model_copy(update={
        "answers": [a for a in point.answers if a.role == role]})
        for point in report.decision_points]
    return report.model_copy(update={
        "edition": Edition.for_role(role, role_name),
        "decisions": [d for d in report.decisions if d.role == role],
        "response_times": [r for r in report.response_times if r.role == role],
        "inject_responses": [r for r in report.inject_responses if r.role == role],
        "decision_points": decision_points, "participants": participants,
        "objectives": [], "capability_table": [], "improvement_plan": [],
        "inject_reviews": [], "executive_summary": ExecutiveSummary(),
    })
