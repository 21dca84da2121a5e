"""Build the after-action report model from a session: a pure function of its events.

`build_report_from_file` opens the journal, reads every event, closes it and folds
them, saying which event is damaged if one is; `build_report` folds the events over
the snapshot (`ttx.session.fold`) and `report_of` turns the state into an
`AfterActionReport`. Amended entries carry their corrected text;
retracted ones are left out of every section but the `retracted` appendix.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from ttx.errors import TtxError
from ttx.model.resolved import MselSlot, ResolvedScenario
from ttx.report import analysis
from ttx.report.coordination import coordination_analysis
from ttx.report.feedback import feedback_appendix
from ttx.report.model import (
    AfterActionReport,
    CountByKind,
    DecisionEntry,
    ExerciseOverview,
    ImprovementRow,
    ModulePlayed,
    MselRow,
    ObjectiveRef,
    Participant,
    RetractedEntry,
    RoleDecisions,
    RoleSummary,
    SummaryFigures,
    TimelineEntry,
)
from ttx.report.optional import contact_text, present, seat_label, text_of
from ttx.report.responses import inject_responses
from ttx.report.timing import response_time, role_response_times
from ttx.session.events import Event, MoveKind, Rating
from ttx.session.fold import Delivery, InjectStatus, Move, SessionState, Skip, fold
from ttx.session.journal import is_url, open_journal
from ttx.session.journal_copy import session_id_of


def build_report_from_file(path: Path | str, *, role: str | None = None
                           ) -> AfterActionReport:
    """The report of the session at `path` (a file or a PostgreSQL URL), or with `role`
    that delegation's edition (`ttx.report.edition`); a missing, foreign or damaged
    session is a one-line TtxError naming what is wrong."""
    journal = open_journal(path, read_only=True)
    path = Path(path) if isinstance(path, Path) else Path(journal.location)
    try:
        snapshot, events = journal.snapshot, journal.events()
    except sqlite3.DatabaseError as error:
        raise TtxError(f"{path} is a damaged ttx session file ({error})") from None
    finally:
        journal.close()
    name = path.name if not is_url(journal.location) else session_id_of(journal.location)
    try:
        if role is not None:
            from ttx.report.edition import edition_report

            return edition_report(snapshot, events, role, session_file=name,
                                  generated_at=generation_time(), source=path)
        state = fold(snapshot, events, path)
        return report_of(state, events, session_file=name, generated_at=generation_time())
    except ValidationError as error:
        first = str(error).splitlines()[0]
        raise TtxError(f"{path} holds an entry the report cannot read ({first})") from None


def generation_time() -> datetime:
    """Now (UTC, whole seconds), or `SOURCE_DATE_EPOCH` when it is set: the reproducible-
    builds convention, so the same session can be reported byte for byte again."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def build_report(snapshot: ResolvedScenario, events: Sequence[Event], *,
                 session_file: str = "") -> AfterActionReport:
    """The report of a session whose journal holds `events` (in seq order)."""
    return report_of(fold(snapshot, events), events, session_file=session_file)


def report_of(state: SessionState, events: Sequence[Event], *, session_file: str = "",
              generated_at: datetime | None = None) -> AfterActionReport:
    """The report of a session folded to `state` from `events`, made at `generated_at`
    (None leaves the generation time and publication date out, as golden files need)."""
    snapshot = state.snapshot
    last_wall = events[-1].at_wall if events else None
    deliveries = {delivery.inject_id: delivery for delivery in state.deliveries}
    summary = analysis.executive_summary(state)
    written_coordination = next((p.text for p in summary.parts if p.part == "coordination"),
                                "")
    coordination = coordination_analysis(snapshot, state.moves, state.pauses,
                                         _module_of(state), written_coordination)
    objectives = analysis.objectives(state)
    return AfterActionReport(
        generated_at=generated_at,
        overview=_overview(state, session_file, last_wall, generated_at),
        summary=_summary(state, last_wall),
        executive_summary=summary.model_copy(update={"coordination": coordination.finding}),
        capability_table=analysis.capability_table(objectives),
        timeline=_timeline(state),
        decisions=_decisions(state, deliveries),
        decision_points=analysis.decision_points(state),
        response_times=role_response_times(snapshot, state.moves, deliveries),
        inject_responses=inject_responses(state),
        coordination=coordination,
        objectives=objectives,
        improvement_plan=_improvement_plan(state, objectives),
        inject_reviews=analysis.inject_reviews(state),
        acronyms=analysis.acronyms(state),
        feedback=feedback_appendix(state),
        participants=_participants(state, deliveries),
        msel=_msel(state, deliveries),
        retracted=[
            RetractedEntry(seq=retraction.seq, entry_type=_entry_kind(retraction.entry_type),
                           text=retraction.text, reason=retraction.reason,
                           retracted_by=retraction.retracted_by,
                           retracted_at_wall=retraction.at_wall)
            for retraction in sorted(state.retractions, key=lambda r: r.seq)],
    )


def _module_of(state: SessionState) -> dict[int, str]:
    """The module that was current at each move, by the move's seq."""
    starts = sorted((start.seq, start.module_id) for start in state.module_starts)
    current, module_of = 0, {}
    for move in state.moves:
        while current < len(starts) and starts[current][0] < move.seq:
            current += 1
        module_of[move.seq] = starts[current - 1][1] if current else ""
    return module_of


def _improvement_plan(state: SessionState,
                      objectives: list[analysis.ObjectiveAssessment]) -> list[ImprovementRow]:
    """HSEEP's eight columns, numbered 1–n; an item without an organisation shows the
    owner it was recorded with."""
    capability_of = {objective.id: objective.core_capability for objective in objectives}
    rows = []
    for number, item in enumerate(state.improvements, start=1):
        objective = text_of(item, "objective")
        rows.append(ImprovementRow(
            seq=item.seq, number=number, issue=item.issue, action=item.action,
            capability_element=item.capability_element, owner=item.owner, due=item.due,
            amended=item.amended, objective=objective,
            capability=text_of(item, "capability") or capability_of.get(objective, ""),
            organisation=text_of(item, "organisation") or item.owner,
            poc=text_of(item, "poc"), start=text_of(item, "start"), role=text_of(item, "role"),
            observation=present(item, "observation")))
    return rows


def _overview(state: SessionState, session_file: str, last_wall: datetime | None,
              generated_at: datetime | None) -> ExerciseOverview:
    scenario = state.snapshot.scenario
    starts = {start.module_id: start for start in state.module_starts}
    capabilities: list[str] = []
    mission_areas: list[str] = []
    for objective in scenario.objectives:
        capability = analysis.core_capability(objective)
        if capability not in capabilities:
            capabilities.append(capability)
        area = text_of(objective, "mission_area")
        if area and area not in mission_areas:
            mission_areas.append(area)
    played = getattr(scenario, "played_mission_areas", None)
    if callable(played):
        mission_areas = [str(area) for area in played()]
    return ExerciseOverview(
        mission_areas=mission_areas, threat_hazard=text_of(scenario, "threat_hazard"),
        point_of_contact=contact_text(present(scenario, "point_of_contact", "")),
        publication_date=generated_at.date() if generated_at else None,
        version=f"made from journal entries 1–{state.last_seq}",
        name=scenario.title, scenario_id=scenario.id, session_file=session_file,
        classification=scenario.classification, sponsor=scenario.sponsor,
        scope=scenario.scope, wall_start=state.startex_at_wall or state.started_at_wall,
        wall_end=state.ended_at_wall or last_wall, ended=state.ended,
        game_start=scenario.start, game_end=state.game_time, capabilities=capabilities,
        objectives=[ObjectiveRef(id=o.id, text=o.text, capability=o.capability)
                    for o in scenario.objectives],
        scenario_summary=scenario.summary.strip(),
        roles=[RoleSummary.of(role) for role in scenario.roles],
        modules=[ModulePlayed(
            id=module.id, title=module.title, planned_game_start=scenario.start + module.at,
            started_at_wall=_at_or_after_startex(state, starts[module.id].at_wall)
            if module.id in starts else None,
            started_at_game=starts[module.id].at_game if module.id in starts else None)
            for module in scenario.modules],
    )


def _at_or_after_startex(state: SessionState, wall: datetime) -> datetime:
    """A wall moment of play: a module started before STARTEX (the first one of a
    session that opened ready) started, for the room, at STARTEX."""
    startex = state.startex_at_wall
    return max(wall, startex) if startex is not None else wall


def _summary(state: SessionState, last_wall: datetime | None) -> SummaryFigures:
    scenario = state.snapshot.scenario
    start = state.startex_at_wall or state.started_at_wall
    end = state.ended_at_wall or last_wall
    planned = {slot.inject_id for slot in state.snapshot.planned()}
    delivered = {delivery.inject_id for delivery in state.deliveries}
    amended = {amendment.target for amendment in state.amendments}
    retracted = {retraction.seq for retraction in state.retractions}
    return SummaryFigures(
        duration=(end - start) if start and end else timedelta(0),
        playing_time=state.playing_time(end) if end else timedelta(0),
        game_time_elapsed=state.game_time - scenario.start,
        injects_delivered=len(state.deliveries), injects_skipped=len(state.skips),
        injects_not_reached=sum(1 for inject_id in planned
                                if state.inject_status.get(inject_id) is InjectStatus.pending),
        contingencies_unused=sum(1 for inject_id in state.snapshot.injects
                                 if inject_id not in planned and inject_id not in delivered),
        moves=len(state.moves),
        moves_by_kind=[CountByKind(kind=str(kind),
                                   count=sum(1 for move in state.moves if move.kind is kind))
                       for kind in MoveKind],
        observations=len(state.observations), notes=len(state.notes),
        improvement_items=len(state.improvements),
        amended_entries=len(amended - retracted), retracted_entries=len(retracted),
    )


def _timeline(state: SessionState) -> list[TimelineEntry]:
    snapshot = state.snapshot
    start = snapshot.scenario.start
    rows: list[TimelineEntry] = []
    for module_start in state.module_starts:
        module = snapshot.scenario.module(module_start.module_id)
        rows.append(TimelineEntry(
            seq=module_start.seq, at_wall=_at_or_after_startex(state, module_start.at_wall),
            at_game=module_start.at_game,
            game_offset=module_start.at_game - start, category="module", actor="",
            kind="", text=module.title if module else module_start.module_id))
    for delivery in state.deliveries:
        inject = snapshot.inject(delivery.inject_id)
        rows.append(TimelineEntry(
            seq=delivery.seq, at_wall=delivery.at_wall, at_game=delivery.at_game,
            game_offset=delivery.at_game - start, category="inject",
            actor=(inject.sender or "") if inject else "",
            kind=str(inject.method) if inject else "",
            text=inject.title if inject else delivery.inject_id,
            to=snapshot.recipients(inject) if inject else [], inject=delivery.inject_id))
    for skip in state.skips:
        inject = snapshot.inject(skip.inject_id)
        rows.append(TimelineEntry(
            seq=skip.seq, at_wall=skip.at_wall, at_game=skip.at_game,
            game_offset=skip.at_game - start, category="skip", actor="", kind="",
            text=skip.reason or (inject.title if inject else skip.inject_id),
            inject=skip.inject_id))
    for move in state.moves:
        rows.append(TimelineEntry(
            seq=move.seq, at_wall=move.at_wall, at_game=move.at_game,
            game_offset=move.at_game - start, category="move", actor=move.role,
            kind=str(move.kind), text=move.text, to=list(move.to), inject=move.inject,
            amended=move.amended, rationale=move.rationale, seat=seat_label(move.seat)))
    for observation in state.observations:
        rows.append(TimelineEntry(
            seq=observation.seq, at_wall=observation.at_wall, at_game=observation.at_game,
            game_offset=observation.at_game - start, category="observation",
            actor=observation.author or seat_label(observation.seat),
            kind=str(observation.kind), text=observation.text, inject=None,
            rating=_rating(observation.rating), amended=observation.amended,
            objective=observation.objective, seat=seat_label(observation.seat)))
    for note in state.notes:
        rows.append(TimelineEntry(
            seq=note.seq, at_wall=note.at_wall, at_game=note.at_game,
            game_offset=note.at_game - start, category="note", actor=seat_label(note.seat),
            kind="", text=note.text, amended=note.amended, seat=seat_label(note.seat)))
    rows.sort(key=lambda row: row.seq)
    return rows


def _rating(rating: Rating | None) -> str | None:
    return str(rating) if rating else None


def _decisions(state: SessionState, deliveries: dict[str, Delivery]) -> list[RoleDecisions]:
    snapshot = state.snapshot
    by_role: dict[str, list[DecisionEntry]] = {}
    for move in state.moves:
        if move.kind is not MoveKind.decision and not move.option:
            continue
        by_role.setdefault(move.role, []).append(_decision(state, move, deliveries))
    return [RoleDecisions(role=role.id, role_name=role.name,
                          decisions=by_role.get(role.id, []))
            for role in snapshot.scenario.roles
            if role.kind == "player" or role.id in by_role]


def _decision(state: SessionState, move: Move,
              deliveries: dict[str, Delivery]) -> DecisionEntry:
    inject = state.snapshot.inject(move.inject or "")
    option = inject.option(move.option) if inject and move.option else None
    return DecisionEntry(
        seq=move.seq, role=move.role, at_wall=move.at_wall, at_game=move.at_game,
        kind=str(move.kind), inject=move.inject, inject_title=inject.title if inject else None,
        option=move.option, option_label=option.label if option else None, text=move.text,
        rationale=move.rationale, response_time=_game_response(move, deliveries),
        room_time=response_time(move, deliveries, state.pauses), amended=move.amended)


def _game_response(move: Move, deliveries: dict[str, Delivery]) -> timedelta | None:
    """Game time from the delivery of the move's inject to the move, if it came after."""
    delivery = deliveries.get(move.inject or "")
    if delivery is None or move.seq < delivery.seq:
        return None
    return max(timedelta(0), move.at_game - delivery.at_game)


def _participants(state: SessionState, deliveries: dict[str, Delivery]) -> list[Participant]:
    snapshot = state.snapshot
    moves: dict[str, int] = {}
    for move in state.moves:
        moves[move.role] = moves.get(move.role, 0) + 1
    received: dict[str, int] = {}
    for inject_id in deliveries:
        inject = snapshot.inject(inject_id)
        for role in snapshot.recipients(inject) if inject else []:
            received[role] = received.get(role, 0) + 1
    return [Participant(id=role.id, name=role.name, kind=str(role.kind),
                        members=list(role.members), moves=moves.get(role.id, 0),
                        injects_received=received.get(role.id, 0))
            for role in snapshot.scenario.roles]


def _msel(state: SessionState, deliveries: dict[str, Delivery]) -> list[MselRow]:
    """The MSEL as played, in the rows of `ResolvedScenario.msel_slots` (planned injects
    in order, then contingencies, each inject once), then any other inject the snapshot
    holds."""
    snapshot = state.snapshot
    skips = {skip.inject_id: skip for skip in state.skips}
    slots = snapshot.msel_slots()
    planned = {slot.inject_id for slot in slots if not slot.contingency}
    rows: list[MselRow] = []
    listed: set[str] = set()
    for slot in slots:
        if slot.contingency and slot.inject_id in planned | listed:
            continue
        listed.add(slot.inject_id)
        rows.append(_msel_row(state, slot.inject_id, deliveries, skips, slot=slot))
    rows += [_msel_row(state, inject_id, deliveries, skips)
             for inject_id in snapshot.injects if inject_id not in listed]
    return rows


def _msel_row(state: SessionState, inject_id: str, deliveries: dict[str, Delivery],
              skips: dict[str, Skip], *, slot: MselSlot | None = None) -> MselRow:
    snapshot = state.snapshot
    inject = snapshot.inject(inject_id)
    planned = slot is not None and not slot.contingency
    delivery, skip = deliveries.get(inject_id), skips.get(inject_id)
    status = ("delivered" if delivery else "skipped" if skip
              else "not reached" if planned else "not used")
    return MselRow(
        order=slot.order if slot else None, inject=inject_id,
        title=inject.title if inject else inject_id,
        module=slot.module_id if slot else "", planned=planned,
        planned_game_time=snapshot.scenario.start + slot.offset if slot and planned else None,
        sender=(inject.sender or "") if inject else "",
        recipients=snapshot.recipients(inject) if inject else [],
        method=str(inject.method) if inject else "", status=status,
        delivered_at_wall=delivery.at_wall if delivery else None,
        delivered_at_game=delivery.at_game if delivery else None,
        skip_reason=skip.reason if skip else "",
        released_by=state.released.get(inject_id))


def _entry_kind(entry_type: object) -> str:
    """`move_recorded` → `move`: the kind of entry a reader knows."""
    return str(entry_type).split("_")[0]
