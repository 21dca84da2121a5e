"""The HSEEP analysis of a session: executive summary, Table 1, each objective's final
rating, findings, critical tasks and time standard, the decision-point view, expected
actions beside what was done, and the acronyms.

Ratings are never computed: an objective's rating is the lead evaluator's final rating
(`rating_given`), or "not rated"; the observations' own ratings are listed as evidence.
Times that measure play are game time (the exercise's clock), not the room's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from ttx.model.scenario import Objective
from ttx.model.wording import minutes_words
from ttx.report.analysis_model import (
    Acronym,
    CapabilityRow,
    DecisionAnswer,
    DecisionPoint,
    ExecutiveSummary,
    ExpectedResponse,
    Finding,
    InjectReview,
    TaskRating,
    TimeStandard,
    WrittenPart,
)
from ttx.report.model import ObjectiveAssessment, ObservationEntry
from ttx.report.optional import glossary_entries, present, seat_label, text_of
from ttx.session.events import ObservationKind, Rating
from ttx.session.fold import Delivery, Move, Observation, SessionState

SUMMARY_PARTS = ("overview", "strengths", "improvements", "coordination")
"""The executive summary's parts, in the order HSEEP prints them."""
NOT_RATED = "Not rated"
ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9]*[A-Z](?:-[A-Z0-9]+)*\b")
"""Two or more capitals (with digits and hyphens: KDX-III, J-Alert is not one) as a whole
word. The same as `\b[A-Z]…\b`, but a pattern that opens with a capital lets the search
skip to the next capital (a 20,000-entry session's text: 73 → 27 ms)."""
COMMON_WORDS = frozenset({"I", "OK", "AM", "PM", "UTC", "ENDEX", "STARTEX", "DRAFT", "TV",
                          "UNCLASSIFIED", "FOR", "EXERCISE", "PURPOSES", "ONLY"})


def executive_summary(state: SessionState) -> ExecutiveSummary:
    """The parts the evaluators wrote (latest per part stands) and the ones still missing."""
    written = present(state, "summary", {})
    parts = []
    for name in SUMMARY_PARTS:
        part = written.get(name) if hasattr(written, "get") else None
        if part is None:
            continue
        text = part if isinstance(part, str) else text_of(part, "text")
        if text.strip():
            parts.append(WrittenPart(part=name, text=text, seq=present(part, "seq"),
                                     seat=seat_label(text_of(part, "seat"))))
    have = {part.part for part in parts}
    return ExecutiveSummary(parts=parts,
                            missing=[name for name in SUMMARY_PARTS if name not in have])


def objectives(state: SessionState) -> list[ObjectiveAssessment]:
    """Every objective with its final rating, observations, findings, tasks and standard."""
    by_objective: dict[str, list[Observation]] = {}
    for observation in state.observations:
        by_objective.setdefault(observation.objective, []).append(observation)
    final = present(state, "final_ratings", {})
    findings = present(state, "findings", [])
    deliveries = {delivery.inject_id: delivery for delivery in state.deliveries}
    assessments = []
    for objective in state.snapshot.scenario.objectives:
        observations = by_objective.get(objective.id, [])
        given = final.get(objective.id) if hasattr(final, "get") else None
        rating = _rating(present(given, "rating")) if given is not None else None
        assessments.append(ObjectiveAssessment(
            id=objective.id, text=objective.text, capability=objective.capability,
            rating=rating, rating_meaning=Rating(rating).meaning if rating else None,
            rating_explanation=text_of(given, "text") if given is not None else "",
            observation_ratings=[str(o.rating) for o in observations if o.rating],
            strengths=_entries(observations, ObservationKind.strength),
            improvements=_entries(observations, ObservationKind.improvement),
            notes=_entries(observations, ObservationKind.note),
            core_capability=core_capability(objective),
            mission_area=text_of(objective, "mission_area"),
            critical_tasks=_tasks(objective, observations),
            findings=[_finding(f) for f in findings if text_of(f, "objective") == objective.id],
            time_standard=_time_standard(state, objective, deliveries)))
    return assessments


def core_capability(objective: Objective) -> str:
    """The objective's HSEEP core capability, else the capability it names."""
    return text_of(objective, "core_capability") or objective.capability


def capability_table(assessments: Iterable[ObjectiveAssessment]) -> list[CapabilityRow]:
    """HSEEP Table 1: one row per objective with its core capability and final rating."""
    return [CapabilityRow(objective=a.id, objective_text=a.text, core_capability=a.core_capability,
                          rating=a.rating, rating_meaning=a.rating_meaning or NOT_RATED)
            for a in assessments]


def _rating(value: object) -> str | None:
    return str(value) if value else None


def _entries(observations: list[Observation], kind: ObservationKind) -> list[ObservationEntry]:
    return [ObservationEntry(seq=o.seq, kind=str(o.kind), rating=_rating(o.rating), text=o.text,
                             author=o.author or seat_label(o.seat), at_game=o.at_game,
                             amended=o.amended)
            for o in observations if o.kind is kind]


def _tasks(objective: Objective, observations: list[Observation]) -> list[TaskRating]:
    tasks = present(objective, "critical_tasks", [])
    return [TaskRating(id=text_of(task, "id"), text=text_of(task, "text"),
                       ratings=[str(o.rating) for o in observations
                                if o.rating and text_of(o, "task") == text_of(task, "id")])
            for task in tasks]


def _finding(finding: object) -> Finding:
    recommendations = present(finding, "recommendations", [])
    return Finding(seq=present(finding, "seq", 0), kind=text_of(finding, "kind"),
                   title=text_of(finding, "text"), reference=text_of(finding, "reference"),
                   analysis=text_of(finding, "analysis"),
                   recommendations=[str(r) for r in recommendations],
                   seat=seat_label(text_of(finding, "seat")))


def _time_standard(state: SessionState, objective: Objective,
                   deliveries: dict[str, Delivery]) -> TimeStandard | None:
    """The objective's `within` standard, in game time from the delivery of its
    `measured_from` inject (by default the first inject in MSEL order that lists it):
    met when every player delegation moved on an inject of the objective within the
    standard; missed when one was later, or (once the session
    ended) never moved."""
    within = present(objective, "within")
    if not isinstance(within, timedelta):
        return None
    snapshot = state.snapshot
    exercising = {inject_id for inject_id, inject in snapshot.injects.items()
                  if objective.id in inject.objectives}
    start_id = present(objective, "measured_from") or next(
        (slot.inject_id for slot in snapshot.planned() if slot.inject_id in exercising), None)
    start = deliveries.get(start_id or "")
    start_inject = snapshot.inject(start_id or "")
    if start is None or start_inject is None:
        return TimeStandard(within=within, verdict="not measured", evidence=[
            "The inject that starts its clock was not delivered."])
    evidence, missed, measured = [], False, False
    players = [role.id for role in snapshot.scenario.roles if role.kind == "player"]
    for role in players:
        answer = next((m for m in state.moves if m.seq > start.seq and role in _roles_of(m)
                       and (m.inject in exercising or m.inject == start_id)), None)
        if answer is None:
            evidence.append(f"{role} made no move on the objective's injects.")
            missed = missed or state.ended
            continue
        taken = answer.at_game - start.at_game
        measured = True
        late = taken > within
        missed = missed or late
        evidence.append(f"{role} moved {minutes_words(taken)} after “{start_inject.title}” was "
                        f"delivered (game time, #{answer.seq}){' — late' if late else ''}.")
    verdict = "missed" if missed else "met" if measured else "not measured"
    return TimeStandard(within=within, verdict=verdict, evidence=evidence)


def _roles_of(move: Move) -> list[str]:
    """The move's role and its joint partners."""
    return [move.role, *present(move, "joint", [])]



def decision_points(state: SessionState) -> list[DecisionPoint]:
    """Each delivered decision point with every player delegation's first decision on it
    (or its move that picked an option) side by side."""
    points = []
    players = [role.id for role in state.snapshot.scenario.roles if role.kind == "player"]
    for delivery in state.deliveries:
        inject = state.snapshot.inject(delivery.inject_id)
        if inject is None or not inject.options:
            continue
        answers = []
        about = state.moves_about(inject.id)  # indexed once, not a scan per point and role
        for role in players:
            moves = [m for m in about if m.role == role
                     and (m.option or str(m.kind) == "decision")]
            move: Move | None = next((m for m in moves if m.option),
                                     moves[0] if moves else None)
            if move is None:
                answers.append(DecisionAnswer(role=role))
                continue
            option = inject.option(move.option) if move.option else None
            answers.append(DecisionAnswer(
                role=role, seq=move.seq, option=move.option,
                option_label=option.label if option else None, text=move.text,
                rationale=move.rationale, at_game=move.at_game,
                after=max(timedelta(0), move.at_game - delivery.at_game)))
        points.append(DecisionPoint(inject=inject.id, title=inject.title,
                                    delivered_at_game=delivery.at_game,
                                    options=[o.label for o in inject.options], answers=answers))
    return points


def inject_reviews(state: SessionState) -> list[InjectReview]:
    """Every inject with expected actions: per role, what was expected and what it did."""
    delivered = {delivery.inject_id for delivery in state.deliveries}
    skipped = {skip.inject_id for skip in state.skips}
    reviews = []
    for inject_id, inject in state.snapshot.injects.items():
        if not inject.expected:
            continue
        status = ("delivered" if inject_id in delivered else "skipped" if inject_id in skipped
                  else "not delivered")
        answers = state.moves_about(inject_id)  # indexed once, not a scan per inject
        roles = list(dict.fromkeys([*inject.expected, *(move.role for move in answers)]))
        responses = [ExpectedResponse(
            role=role, expected=list(inject.expected.get(role, [])),
            moves=[f"#{m.seq} {m.kind}: {m.text}" for m in answers if m.role == role])
            for role in roles]
        reviews.append(InjectReview(inject=inject_id, title=inject.title, status=status,
                                    responses=responses))
    return reviews


def acronyms(state: SessionState) -> list[Acronym]:
    """The scenario's glossary and role ids, and every acronym the record uses that
    neither defines (meaning left empty, for the evaluators to fill)."""
    scenario = state.snapshot.scenario
    defined = dict(glossary_entries(present(scenario, "glossary", [])))
    for role in scenario.roles:
        defined.setdefault(role.id, role.name)
    texts = [scenario.title, scenario.summary, *(o.text for o in scenario.objectives),
             *(m.title + " " + m.situation for m in scenario.modules),
             *(i.title + " " + i.body for i in state.snapshot.injects.values()),
             *(m.text + " " + m.rationale for m in state.moves),
             *(o.text for o in state.observations), *(n.text for n in state.notes)]
    # One search over the texts joined by newlines (no acronym spans a newline) costs
    # a third less than a search per text over a long session's 20,000.
    used = set(ACRONYM.findall("\n".join(texts)))
    terms = {t for t in used if t not in COMMON_WORDS and len(t) <= 12} | set(defined)
    return [Acronym(term=term, meaning=defined.get(term, ""))
            for term in sorted(terms, key=str.casefold)]
