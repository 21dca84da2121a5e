"""The room's display: the newest delivered inject in large type, then the earlier ones.

Read-only. Its content comes only from `ttx.tui.display_content`, the filter that
keeps expected actions, facilitator notes and control-only injects off the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.visual import visualize
from textual.widgets import Static

from ttx.model.wording import game_clock
from ttx.session.events import Event, EventType
from ttx.terminal_text import visible
from ttx.tui.display_content import DisplayContent, ShownInject, Slide, display_content
from ttx.tui.literal import literal
from ttx.tui.screens.width_classes import WIDTH_BREAKPOINTS, take_width_class
from ttx.tui.widgets.markdown_body import markdown_body

if TYPE_CHECKING:
    from ttx.session.session import Session

SHOWN_CHANGES = frozenset({
    EventType.inject_delivered, EventType.module_started, EventType.clock_paused,
    EventType.clock_resumed, EventType.clock_set, EventType.session_ended,
    EventType.announcement_made, EventType.entry_amended, EventType.entry_retracted,
    EventType.screen_shown, EventType.move_recorded, EventType.exercise_started,
})
"""The events that can change what a display shows: injects out, module, clock, end."""

EARLIER_SHOWN = 50
"""How many earlier injects the list names; a room screen shows only the top anyway."""


def status_line(content: DisplayContent) -> Text:
    """Module, game clock, the clock's state in words, and whom the display is for."""
    text = Text()
    text.append(literal(content.module_title, style="bold"))
    text.append("  ·  game ")
    text.append(game_clock(content.game_time), style="bold")
    if content.ended:
        text.append("  ·  ENDEX", style="reverse bold")
    elif content.ready:
        text.append("  ·  BEFORE STARTEX", style="reverse bold")  # fits 80 columns
    elif content.paused:
        text.append("  ·  PAUSED", style="reverse bold")
    text.append(literal(f"  ·  for: {content.role_name}"))
    if content.announcement:
        text.append("\n")
        text.append(" CONTROL ", style="reverse bold")
        text.append(literal(f" {content.announcement}", style="bold"))
    return text


def meta_line(shown: ShownInject) -> Text:
    """From, method, to and delivery time of one inject."""
    text = Text()
    for label, value in (("from", shown.sender or "—"), ("method", shown.method),
                         ("to", ", ".join(shown.recipients) or "—"),
                         ("game time", shown.delivered_at_text)):
        if text:
            text.append("   ")
        text.append(f"{label} ", style="dim")
        text.append(literal(value, style="bold"))
    return text


def questions_text(shown: ShownInject) -> Text:
    """The discussion questions for the roles shown, and a decision point's options."""
    text = Text()
    for who, prompts in shown.questions:
        if text:
            text.append("\n")
        text.append(literal(f"Questions — {who}", style="bold underline"))
        for prompt in prompts:
            text.append(literal(f"\n  • {prompt}"))
    if shown.options:
        if text:
            text.append("\n")
        text.append("Options", style="bold underline")
        for number, label in enumerate(shown.options, start=1):
            text.append(literal(f"\n  {number}. {label}"))
    return text


def earlier_text(content: DisplayContent) -> Text:
    """Earlier delivered injects, newest first: time and title."""
    text = Text()
    for shown in content.earlier:
        if text:
            text.append("\n")
        text.append(f"{shown.delivered_at_text}  ", style="bold")
        text.append(literal(shown.title))
    if content.earlier_not_listed:
        text.append(f"\n… and {content.earlier_not_listed} earlier", style="dim")
    return text


def messages_text(content: DisplayContent) -> Text:
    """Messages to this display's delegation, newest first: time, sender, text."""
    text = Text()
    for message in content.messages:
        if text:
            text.append("\n")
        text.append(f"{message.at_text}  ", style="bold")
        text.append(literal(f"{message.sender} → {', '.join(message.to)}: ", style="bold"))
        text.append(literal(message.text))
    return text


def _same_height(static: Static, text: Text) -> bool:
    """Whether `text` takes as many lines in `static` as it has now."""
    region = static.content_region
    return bool(region.width) and static.display \
        and visualize(static, text).get_height(cast(RulesMap, static.styles),
                                               region.width) == region.height


class BodyView(Static):
    """An inject's body (Markdown), drawn as the consoles draw it (`markdown_body`): one
    widget. Textual's Markdown widget mounts a widget per block, each styled and laid
    out, which was a fifth of the display's start-up."""

    source = ""
    """The Markdown shown."""

    def show(self, text: str) -> None:
        self.source = text
        self.update(markdown_body(text) if text.strip() else Text())


class DisplayScreen(Screen[None]):
    """Follows the session: redrawn only when what it shows changed."""

    HORIZONTAL_BREAKPOINTS = WIDTH_BREAKPOINTS

    def __init__(self, session: Session, role: str | None) -> None:
        super().__init__(id="display")
        self.session = session
        self.role = role
        self._shown: DisplayContent | None = None
        self._lines: dict[str, Text] = {}
        """What each Static shows now: one given the same text again is left alone (an
        update lays the screen out again; thirty seats on one host each pay for it)."""

    def compose(self) -> ComposeResult:
        take_width_class(self)
        yield Static(id="display-marking")
        yield Static(id="display-scenario")
        yield Static(id="display-status")
        with VerticalScroll(id="display-current"):
            yield Static(id="display-title")
            yield Static(id="display-meta")
            yield BodyView(id="display-body")
        # pinned below the body, so the room sees what it is asked however long the
        # inject is, with no one at the display's keyboard
        with VerticalScroll(id="display-questions-box"):
            yield Static(id="display-questions")
        with Vertical(id="display-messages-box"):
            yield Static(id="display-messages-heading")
            yield Static(id="display-messages")
        with Vertical(id="display-earlier-box"):
            yield Static("Earlier", id="display-earlier-heading")
            yield Static(id="display-earlier")

    def on_mount(self) -> None:
        self.show(self._content())

    def _content(self) -> DisplayContent:
        return display_content(self.session.state, self.role, earlier=EARLIER_SHOWN)

    def apply_events(self, events: list[Event]) -> None:
        """Redraw if the session's new events changed what this display shows (moves,
        observations and notes never do)."""
        if not any(event.type in SHOWN_CHANGES for event in events):
            return
        content = self._content()
        if content != self._shown:
            self.show(content)

    def show(self, content: DisplayContent) -> None:
        previous, self._shown = self._shown, content
        self._put("#display-marking", literal(content.classification, justify="center"))
        self._put("#display-scenario", literal(content.scenario_title, style="bold",
                                               no_wrap=True, overflow="ellipsis"))
        self._put("#display-status", status_line(content))
        newest = content.newest
        if content.slide is not None:
            if previous is None or previous.slide != content.slide:
                self._show_slide(content.slide)
        elif previous is None or previous.newest != newest or previous.slide is not None:
            self._show_newest(newest)
        self._put("#display-earlier", earlier_text(content) or Text("none yet", style="dim"))
        self.query_one("#display-earlier-box").display = bool(content.earlier)
        self._put("#display-messages-heading",
                  literal(f"Messages to {content.role_name}", style="bold"))
        self._put("#display-messages", messages_text(content))
        self.query_one("#display-messages-box").display = bool(content.messages)

    def _put(self, selector: str, text: Text) -> None:
        """Show `text` in the Static `selector`, unless it shows that already; the
        screen is laid out again only when the text's height changed (a new
        announcement in the status line is the same two lines)."""
        if self._lines.get(selector) != text:
            self._lines[selector] = text
            static = self.query_one(selector, Static)
            static.update(text, layout=not _same_height(static, text))

    def _show_slide(self, slide: Slide) -> None:
        self.set_class(slide.kind == "hold", "-hold")
        self.query_one("#display-title", Static).update(literal(slide.title))
        self.query_one("#display-meta", Static).update(
            literal(slide.subtitle, style="bold") if slide.subtitle else "")
        self.query_one("#display-body", BodyView).show(visible(slide.body))
        self._show_questions(Text())
        self.query_one("#display-current", VerticalScroll).scroll_home(animate=False)

    def _show_questions(self, text: Text) -> None:
        self.query_one("#display-questions", Static).update(text)
        self.query_one("#display-questions-box").display = bool(text)

    def _show_newest(self, newest: ShownInject | None) -> None:
        self.set_class(False, "-hold")
        title = self.query_one("#display-title", Static)
        body = self.query_one("#display-body", BodyView)
        if newest is None:
            title.update(Text("Waiting for the first inject…"))
            self.query_one("#display-meta", Static).update("")
            self._show_questions(Text())
            body.show("")
            return
        title.update(literal(newest.title))
        self.query_one("#display-meta", Static).update(meta_line(newest))
        body.show(visible(newest.body))
        self._show_questions(questions_text(newest))
        self.query_one("#display-current", VerticalScroll).scroll_home(animate=False)
