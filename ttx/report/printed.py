"""What the printed report lists of a very long session.

A PDF is read page by page and laid out at some 0.15 s a page, so a 20,000-entry
session printed in full would be 600 pages that take minutes to make and that no
sponsor reads. Up to the limits below the printed report lists everything; above
them it keeps the entries a reader looks for and says, at the top of the section,
what it left out and that the HTML, Markdown and JSON reports list every entry.
Figures, ratings, the charts and the coordination matrix always count every entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ttx.report.model import (
    AfterActionReport,
    DecisionEntry,
    ObjectiveAssessment,
    ObservationEntry,
    RoleDecisions,
    TimelineEntry,
)

TIMELINE_LIMIT = 400
"""Above this many rows the printed timeline keeps module starts, injects and skips."""
DECISION_LIMIT = 90
"""Above this many decisions the printed log keeps each role's key decisions."""
OBSERVATION_LIMIT = 8
"""The most observations of one kind printed for one objective."""
LINK_LIMIT = 40
"""The most Japan–ROK exchanges printed."""
RETRACTED_LIMIT = 60
"""The most retracted entries printed."""
KEY_CATEGORIES = frozenset({"module", "inject", "skip"})
EVERY_ENTRY = "The HTML, Markdown and JSON reports list every entry."

Row = TypeVar("Row")


@dataclass(frozen=True)
class PrintedReport:
    """The report as printed, and per section id a note on what it leaves out."""

    report: AfterActionReport
    notes: dict[str, str] = field(default_factory=dict)


def printed_report(report: AfterActionReport) -> PrintedReport:
    """`report` with its long lists cut to what a printed report can carry."""
    notes: dict[str, str] = {}
    timeline = _timeline(report.timeline, notes)
    decisions = _decisions(report.decisions, notes)
    objectives = _objectives(report.objectives, notes)
    links = _first(report.coordination.links, LINK_LIMIT, notes, "coordination",
                   "Japan–ROK exchanges")
    retracted = _first(report.retracted, RETRACTED_LIMIT, notes, "retracted",
                       "retracted entries")
    if not notes:
        return PrintedReport(report)
    return PrintedReport(report.model_copy(update={
        "timeline": timeline, "decisions": decisions, "objectives": objectives,
        "coordination": report.coordination.model_copy(update={"links": links}),
        "retracted": retracted}), notes)


def _timeline(rows: list[TimelineEntry], notes: dict[str, str]) -> list[TimelineEntry]:
    if len(rows) <= TIMELINE_LIMIT:
        return rows
    key = [row for row in rows if row.category in KEY_CATEGORIES]
    notes["timeline"] = (
        f"The session has {len(rows):,} timeline entries; the printed report lists the "
        f"{len(key):,} module starts, injects and skips. Decisions are in section 4. "
        + EVERY_ENTRY)
    return key


def _decisions(logs: list[RoleDecisions], notes: dict[str, str]) -> list[RoleDecisions]:
    """Above the limit, each role keeps the decisions that chose an option, then its
    first decision on each inject, up to its share of the limit, in journal order."""
    total = sum(len(log.decisions) for log in logs)
    if total <= DECISION_LIMIT:
        return logs
    deciders = sum(1 for log in logs if log.decisions)
    share = max(1, DECISION_LIMIT // max(1, deciders))
    kept_logs = [log.model_copy(update={"decisions": _key_decisions(log.decisions, share)})
                 for log in logs]
    kept = sum(len(log.decisions) for log in kept_logs)
    notes["decisions"] = (
        f"The session has {total:,} decisions; the printed report lists {kept:,}: for each "
        f"role, every decision that chose an option and then its first decision on each "
        f"inject, at most {share:,} a role. " + EVERY_ENTRY)
    return kept_logs


def _key_decisions(decisions: list[DecisionEntry], share: int) -> list[DecisionEntry]:
    seen_injects: set[str] = set()
    ranked: list[tuple[int, int, DecisionEntry]] = []
    for decision in decisions:
        if decision.option:
            ranked.append((0, decision.seq, decision))
        elif decision.inject and decision.inject not in seen_injects:
            ranked.append((1, decision.seq, decision))
        if decision.inject:
            seen_injects.add(decision.inject)
    chosen = sorted(ranked, key=lambda item: item[:2])[:share]
    return [decision for _, _, decision in sorted(chosen, key=lambda item: item[1])]


def _objectives(objectives: list[ObjectiveAssessment],
                notes: dict[str, str]) -> list[ObjectiveAssessment]:
    cut = False

    def latest(entries: list[ObservationEntry]) -> list[ObservationEntry]:
        nonlocal cut
        if len(entries) <= OBSERVATION_LIMIT:
            return entries
        cut = True
        return entries[-OBSERVATION_LIMIT:]

    kept = [objective.model_copy(update={
        "strengths": latest(objective.strengths),
        "improvements": latest(objective.improvements),
        "notes": latest(objective.notes)}) for objective in objectives]
    if not cut:
        return objectives
    notes["objectives"] = (
        f"Where an objective has more than {OBSERVATION_LIMIT} observations of one kind, "
        f"the printed report lists the {OBSERVATION_LIMIT} most recent; the ratings count "
        "them all. " + EVERY_ENTRY)
    return kept


def _first(rows: Sequence[Row], limit: int, notes: dict[str, str], section: str,
           what: str) -> list[Row]:
    if len(rows) <= limit:
        return list(rows)
    notes[section] = (f"The session has {len(rows):,} {what}; the printed report lists the "
                      f"first {limit}. " + EVERY_ENTRY)
    return list(rows[:limit])
