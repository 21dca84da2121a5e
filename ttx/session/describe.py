"""Short human descriptions of events and a JSON view of a session's state.

Used by `ttx session …` confirmations and `ttx session show`; any face may use them.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from typing import Any

from ttx.model.wording import game_clock, game_time_of_day, one_line
from ttx.session.events import (
    AnnouncementMade,
    ClockSet,
    ConditionSet,
    DecisionClosed,
    EntryAmended,
    EntryRetracted,
    Event,
    EventType,
    FeedbackSubmitted,
    FindingRecorded,
    ImprovementAdded,
    InjectAcknowledged,
    InjectDelivered,
    InjectSkipped,
    ModuleStarted,
    MoveRecorded,
    ObservationRecorded,
    RatingGiven,
    SessionStarted,
    SummaryWritten,
)
from ttx.session.fold import SessionState


def event_summary(event: Event) -> str:
    """What an event says, in a few words: `US decision`, `example-01-ransom-note`, `#12`."""
    match event.payload:
        case SessionStarted(scenario=scenario):
            return scenario
        case ModuleStarted(module=module):
            return module
        case InjectDelivered(inject=inject) | InjectSkipped(inject=inject):
            return inject
        case InjectAcknowledged(inject=inject, role=role):
            return f"{role} {inject}"
        case MoveRecorded() as move:
            parts = [" + ".join([move.role, *move.joint]), str(move.kind)]
            if move.to:
                parts.append("to " + ",".join(move.to))
            if move.relays is not None:
                parts.append(f"forwarding #{move.relays}")
            if move.option:
                parts.append(f"option {move.option}")
            return " ".join(parts)
        case ObservationRecorded() as observation:
            rating = f" {observation.rating}" if observation.rating else ""
            task = f" {observation.task}" if observation.task else ""
            return f"{observation.objective}{task} {observation.kind}{rating}"
        case AnnouncementMade(to=to):
            return "to " + ",".join(to) if to else "to all"
        case ImprovementAdded(issue=issue):
            return one_line(issue, 40)
        case EntryAmended(seq=seq) | EntryRetracted(seq=seq):
            return f"#{seq}"
        case ClockSet(game_time=game_time):
            return game_clock(game_time)
        case SummaryWritten(part=part):
            return str(part)
        case RatingGiven(objective=objective, rating=rating):
            return f"{objective} {rating}"
        case FindingRecorded(objective=objective, kind=kind):
            return f"{objective} {kind}"
        case FeedbackSubmitted(role=role):
            return role
        case ConditionSet(condition=condition, value=value):
            return f"{condition} {'set' if value else 'cleared'}"
        case DecisionClosed(inject=inject, option=option):
            return f"{inject} → {option or 'no option'}"
        case _:
            return ""


def confirmation(event: Event) -> str:
    """The one line a command prints after appending: `#12 move_recorded US decision`."""
    summary = event_summary(event)
    return f"#{event.seq} {event.type}" + (f" {summary}" if summary else "")


def event_line(event: Event, startex: datetime) -> str:
    """One line of a timeline: seq, game time (with its day once play crossed midnight,
    see `game_time_of_day`), type, summary and the text if any."""
    payload = event.payload
    text = str(getattr(payload, "text", "") or getattr(payload, "reason", "") or "")
    if isinstance(payload, ImprovementAdded):
        text = payload.action
    tail = f": {one_line(str(text), 60)}" if text else ""
    return (f"#{event.seq:<4} {game_time_of_day(event.at_game, startex)} {event.seat:<11} "
            f"{confirmation(event).split(' ', 1)[1]}{tail}")


def state_as_json(state: SessionState, now: datetime) -> dict[str, Any]:
    """The folded state as JSON-ready data (times ISO 8601, enums as their values)."""
    scenario = state.snapshot.scenario
    return {
        "scenario": {"id": scenario.id, "title": scenario.title,
                     "classification": scenario.classification},
        "last_seq": state.last_seq,
        "started_at_wall": _plain(state.started_at_wall),
        **_startex_as_json(state),
        "ended_at_wall": _plain(state.ended_at_wall),
        "ended": state.ended,
        "current_module": state.current_module,
        "modules_started": list(state.modules_started),
        "game_time": state.game_time.isoformat(),
        "paused": state.paused,
        "playing_seconds": state.playing_time(now).total_seconds(),
        "next_planned": state.next_planned(),
        "inject_status": {key: str(value) for key, value in state.inject_status.items()},
        "released": dict(state.released),
        **{name: [_plain(item) for item in getattr(state, name)]
           for name in ("module_starts", "deliveries", "skips", "moves", "observations",
                        "notes", "improvements", "amendments", "retractions", "pauses")},
        **{name: [_plain(item) for item in getattr(state, name)]
           for name in ("acknowledgements", "announcements", "summaries", "ratings_given",
                        "findings", "feedback") if getattr(state, name)},
    }


def _startex_as_json(state: SessionState) -> dict[str, Any]:
    """`ready` while a session waits for STARTEX, `startex_at_wall` once it was called;
    nothing for a session that started play with itself (as every older file did)."""
    if state.ready:
        return {"ready": True}
    startex = state.startex
    if startex is not None and state.event_types.get(startex.seq) is \
            EventType.exercise_started:
        return {"startex_at_wall": startex.at_wall.isoformat()}
    return {}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "entry"}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
