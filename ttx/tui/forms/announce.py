"""Announce to the delegations: a short text on their seats and the room display."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.widget import Widget
from textual.widgets import Input

from ttx.model.resolved import ResolvedScenario
from ttx.tui.forms.base import FormScreen, required
from ttx.tui.literal import literal
from ttx.tui.widgets.tick_list import TickList


@dataclass(frozen=True)
class AnnouncementDraft:
    text: str
    to: list[str] = field(default_factory=list)
    """Empty: every player."""


class AnnounceForm(FormScreen[AnnouncementDraft]):
    """The announcement, and (optionally) the delegations it is for."""

    form_title = "Announce to the delegations"
    first_field = "announce-text"
    submit_label = "Announce"

    def __init__(self, resolved: ResolvedScenario) -> None:
        super().__init__()
        self.resolved = resolved

    def fields(self) -> list[tuple[str, Widget]]:
        players = self.resolved.scenario.player_roles
        return [
            ("Text", Input(placeholder="e.g. Ten minutes left in this module", compact=True,
                           id="announce-text")),
            ("Only to", TickList[str](*[(literal(f"{role.id} {role.name}"), role.id)
                                        for role in players], compact=True,
                                      id="announce-to")),
        ]

    def draft(self) -> AnnouncementDraft:
        return AnnouncementDraft(
            text=required(self.query_one("#announce-text", Input).value, "the announcement"),
            to=list(self.query_one("#announce-to", TickList).selected))
