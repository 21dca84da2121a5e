"""Show on the room screen: the summary, the module's situation, a hold slide, or live."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widget import Widget
from textual.widgets import Input, Select

from ttx.session.events import ScreenShow
from ttx.tui.forms.base import FormProblem, FormScreen

SHOW_LABELS = {
    ScreenShow.live: "live — the newest inject (follow play)",
    ScreenShow.summary: "summary — the scenario's road to crisis",
    ScreenShow.situation: "situation — the current module's situation",
    ScreenShow.hold: "hold — a slide with your text",
}


@dataclass(frozen=True)
class ScreenDraft:
    show: str
    text: str = ""


class RoomScreenForm(FormScreen[ScreenDraft]):
    """What the room display shows until the next delivery or module start."""

    form_title = "Show on the room screen"
    first_field = "screen-show"
    submit_label = "Show"

    def __init__(self, current: str = ScreenShow.hold.value) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> list[tuple[str, Widget]]:
        return [
            ("Show", Select([(label, show.value) for show, label in SHOW_LABELS.items()],
                            value=self.current, allow_blank=False, compact=True,
                            id="screen-show")),
            ("Hold text", Input(placeholder="e.g. Break — back at 10:40", compact=True,
                                id="screen-text")),
        ]

    def draft(self) -> ScreenDraft:
        show = self.query_one("#screen-show", Select).value
        if not isinstance(show, str):
            raise FormProblem("choose what to show")
        text = self.query_one("#screen-text", Input).value.strip()
        if show == ScreenShow.hold.value and not text:
            raise FormProblem("a hold slide needs its text")
        return ScreenDraft(show, text if show == ScreenShow.hold.value else "")
