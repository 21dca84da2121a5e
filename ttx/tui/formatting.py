"""Words the console shows: statuses, role names, branch notes, questions.

Pure: no widgets here, so the wording can be unit-tested and shared by the console,
the display and the help screen. Times, durations and cut text are `ttx.model.wording`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ttx.model.resolved import ResolvedScenario

if TYPE_CHECKING:
    from ttx.session.fold import SessionState

STATUS_WORDS: dict[str, str] = {
    "pending": "pending",
    "delivered": "delivered",
    "skipped": "skipped",
    "available": "available",
    "unavailable": "—",
    "released": "released",
    "not taken": "not taken",
}
"""The MSEL status column, in words: meaning never rests on colour alone."""


def status_word(status: str | None) -> str:
    """The word the MSEL shows for an inject status (`—` when not released)."""
    if status is None:
        return "—"
    return STATUS_WORDS.get(str(status), str(status))


def role_names(resolved: ResolvedScenario, role_ids: list[str]) -> str:
    """Role ids spelled out for people: `United States delegation (US), …`."""
    names = []
    for role_id in role_ids:
        role = resolved.scenario.role(role_id)
        names.append(f"{role.name} ({role_id})" if role else role_id)
    return ", ".join(names)


def msel_statuses(state: SessionState) -> dict[str, str]:
    """The MSEL's status of each inject (see `msel_status`)."""
    return {inject_id: msel_status(state, inject_id) or "" for inject_id in state.inject_status}


def msel_status(state: SessionState, inject_id: str) -> str | None:
    """The MSEL's status of one inject: an available inject a decision released reads
    `released`, one of the branches a decision did not take reads `not taken`."""
    status = state.inject_status.get(inject_id)
    if status is None:
        return None
    word = str(status)
    if word == "available":
        if inject_id in state.branches_not_taken():
            return "not taken"
        if inject_id in state.released:
            return "released"
    return word


def branch_note(state: SessionState, inject_id: str) -> str:
    """Why an inject is a branch: `released by ROK's decision #22 (relay)` or `not taken:
    ROK's decision #22 picked direct`; empty when no decision touched it."""
    move = state.released_by(inject_id)
    if move is not None:
        return f"released by {move.role}'s decision #{move.seq} ({move.option})"
    other = state.branches_not_taken().get(inject_id)
    if other is not None:
        return f"branch not taken: {other.role}'s decision #{other.seq} picked {other.option}"
    return ""


def asking(text: str) -> str:
    """`text` as a question: a question mark added unless it ends with one already
    (`Deliver Who sweeps the strait?`, never `…strait??`)."""
    stripped = text.rstrip()
    return stripped if stripped.endswith(("?", "？")) else f"{stripped}?"
