"""Markup and terminal escapes in every authored field and typed into every form: the
console and the display show them literally, obey none, and keep running.

What the terminal would be sent is read from the screen as Textual composes it (every
widget, every overlay), so a raw ESC or a markup error anywhere is caught."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.hostile import (
    CLICK,
    CLICK_TITLE,
    CONTINGENCY,
    CONTINGENCY_TITLE,
    HOSTILE_WORKSPACE,
    MODULE_TWO,
    PASTED,
    SCENARIO_ID,
    SHARE,
    SHARE_TITLE,
    TYPED,
    raw_controls,
    shown,
)
from tests.tui.conftest import console, display, journal_events, wait_until
from ttx.authoring.resolve import resolve_scenario
from ttx.cli import main
from ttx.session.events import EventType
from ttx.session.session import Session
from ttx.tui.app import ConsoleApp
from ttx.tui.forms.contingency import ContingencyPicker
from ttx.tui.forms.improvement import ImprovementForm
from ttx.tui.forms.move import MoveForm
from ttx.tui.widgets.msel_table import MselTable

SIZE = (120, 40)
TALL = (120, 70)
"""Room for the whole of the first inject in its pane."""


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    resolved = resolve_scenario(SCENARIO_ID, HOSTILE_WORKSPACE)
    with Session.start(resolved, tmp_path / "hostile.ttx") as started:
        yield started


def screen_text(app: App[None]) -> str:
    """The whole screen as the terminal would be given it, as text (no styles)."""
    width, height = app.size
    recorder = Console(width=width, height=height, file=io.StringIO(), record=True,
                       force_terminal=True, color_system="truecolor", legacy_windows=False)
    recorder.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return recorder.export_text(styles=False)


async def shows(app: App[None], pilot: Pilot[None], *texts: str) -> str:
    """Each of `texts` comes onto the screen as written (waited for: the screen draws
    behind the keys), no raw control character is on it, and the app still runs.
    Returns the screen."""
    await wait_until(lambda: all(text in screen_text(app) for text in texts), pilot)
    screen = screen_text(app)
    assert raw_controls(screen) == []
    assert app.is_running and app.return_code is None
    return screen


async def notified(app: App[None], pilot: Pilot[None], message: str) -> None:
    """`message` is (or comes) among the notifications shown."""
    await wait_until(lambda: message in [notification.message
                                         for notification in app._notifications], pilot)


async def test_delivering_shows_titles_literally_and_no_title_is_an_action(
        session: Session) -> None:
    app = console(session)
    async with app.run_test(size=TALL) as pilot:
        await shows(app, pilot, "Module [/] one \\x1b]0;MODULE-TITLE\\x07",
                       "UNCLASS [bold]x \\x1b[2J", "Scenario [/] \\x1b]0;SCENARIO-TITLE\\x07")
        await pilot.press("n")
        await notified(app, pilot, f"Delivered {shown(SHARE_TITLE)}")
        await shows(app, pilot, "Share indicators [/] now", "\\x1b]0;INJECT-TITLE\\x07",
                       "Body [/] \\x1b[2J", "Ask [/] \\x1b]0;QUESTION\\x07",
                       "Option [/] \\x1b]52;c;T1BU\\x07", "Notes [/] \\x1b[2J",
                       "Sender [bold]x", "United [/] States \\x1b[31m")
        await pilot.press("n")
        await notified(app, pilot, f"Delivered {shown(CLICK_TITLE)}")
        screen = await shows(app, pilot, shown(CLICK_TITLE))
        # click the words that would be a live `quit` were the title read as markup
        action = "[@click=app.quit]"
        clicked = 0
        for y, line in enumerate(screen.splitlines()):
            if action in line:
                start = line.index(action)
                for x in (start + 1, start + len(action)):
                    await pilot.click(offset=(x, y))
                    clicked += 1
        assert clicked >= 4  # the title in the MSEL and in the inject pane, at least
        await shows(app, pilot)


async def test_the_contingency_list_shows_titles_literally(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, ContingencyPicker)
        await shows(app, pilot, shown(f"{CONTINGENCY} — {CONTINGENCY_TITLE}"))
        await pilot.press("enter")
        await notified(app, pilot, f"Delivered {shown(CONTINGENCY_TITLE)}")
        await shows(app, pilot)
    assert [event.payload.as_json()["inject"] for event in journal_events(session.journal.location)
            if event.type is EventType.inject_delivered] == [CONTINGENCY]


async def paste(app: App[None], text: str) -> None:
    """Paste `text` as a terminal's bracketed paste would deliver it."""
    app.post_message(events.Paste(text))
    await app.workers.wait_for_complete()


async def test_moves_answer_injects_with_hostile_titles_and_options(session: Session) -> None:
    session.deliver(SHARE)
    session.deliver(CLICK)  # the move form lists both, and names the options of the first
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(MselTable).select(SHARE)
        await pilot.press("m")
        assert isinstance(app.screen, MoveForm)
        await shows(app, pilot, "United [/] States \\x1b[31m",
                       "Japan [@click=app.quit]q[/]", "Share indicators [/] now")
        await pilot.press(*TYPED)
        await pilot.press("tab")  # the rationale
        await paste(app, PASTED)
        await pilot.pause()
        assert app.screen.query_one("#move-rationale", Input).value == shown(PASTED)
        app.screen.query_one("#move-option", Select).focus()
        await pilot.press("enter")  # the option list opens
        await shows(app, pilot, "Option [/] \\x1b]52;c;T1BU\\x07")
        await pilot.press("down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await shows(app, pilot, TYPED)  # in the log
        await pilot.press("a")  # the next module's title, in the question and the toast
        await shows(app, pilot, f"Start {MODULE_TWO}?")
        await pilot.press("y")
        await notified(app, pilot, f"Started {MODULE_TWO}")
        await shows(app, pilot, MODULE_TWO)
    moves = [event.payload.as_json() for event in journal_events(session.journal.location)
             if event.type is EventType.move_recorded]
    assert moves == [{"role": "US", "kind": "decision", "text": TYPED,
                      "rationale": shown(PASTED), "inject": SHARE, "option": "share"}]


async def test_improvement_observation_and_note_forms_take_hostile_text(
        session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, ImprovementForm)
        for _field in ("issue", "action", "element", "owner"):
            await pilot.press(*TYPED, "tab")
        await pilot.press(*"[/]", "ctrl+s")  # the due date: refused, and said literally
        await pilot.pause()
        assert isinstance(app.screen, ImprovementForm)
        await shows(app, pilot, "'[/]' is not a date")
        app.screen.query_one("#imp-due", Input).value = ""
        await paste(app, "2027-06-30\x1b]0;DUE\x07")
        await pilot.press("ctrl+s")  # the pasted escape is text now: refused again
        await pilot.pause()
        await shows(app, pilot, "'2027-06-30\\x1b]0;DUE\\x07' is not a date")
        app.screen.query_one("#imp-due", Input).value = "2027-06-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o", *TYPED, "ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await paste(app, PASTED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await shows(app, pilot, shown(PASTED)[:48], TYPED[:40])  # the log row is narrower
    payloads = {event.type: event.payload.as_json()
                for event in journal_events(session.journal.location)}
    assert payloads[EventType.improvement_added]["issue"] == TYPED
    assert payloads[EventType.improvement_added]["owner"] == TYPED
    assert payloads[EventType.observation_recorded]["text"] == TYPED
    assert payloads[EventType.note_added]["text"] == shown(PASTED)


async def test_entries_another_process_wrote_with_escapes_are_shown_and_amended_literally(
        session: Session) -> None:
    with Session.open(session.journal.location, seat="cli") as other:
        other.add_note(PASTED)  # `ttx session note` takes any text
    session.refresh()
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await shows(app, pilot, shown(PASTED)[:60])
        await pilot.press("tab", "e")  # the log, then amend: the field holds it visibly
        assert app.screen.query_one("#amend-text", Input).value == shown(PASTED)
        await shows(app, pilot)


@pytest.mark.parametrize("role", [None, "JPN"])
async def test_the_display_shows_everything_literally(session: Session,
                                                      role: str | None) -> None:
    session.deliver(SHARE)
    session.deliver(CLICK)
    app = display(session, role)
    async with app.run_test(size=SIZE) as pilot:
        await shows(app, pilot, shown(CLICK_TITLE), "[@click=app.quit]click[/]",
                       "UNCLASS [bold]x \\x1b[2J", "Share indicators [/] now")


def test_a_console_that_crashed_does_not_say_the_session_was_saved(
        session: Session, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A fault inside the console (simulated: the screen raises) ends `ttx run` with 1 and
    an error line that says where the entries are, never "session saved"."""
    from ttx.cli import console_commands
    from ttx.tui.screens.console import ConsoleScreen

    def broken(self: ConsoleScreen) -> None:
        raise RuntimeError("a fault in the console")

    monkeypatch.setattr(console_commands, "_require_terminal", lambda what: None)
    monkeypatch.setattr(ConsoleScreen, "on_mount", broken)
    monkeypatch.setattr(ConsoleApp, "run", lambda self: App.run(self, headless=True))
    path = session.journal.location
    session.close()
    assert main(["run", str(path)]) == 1
    captured = capsys.readouterr()
    assert "session saved" not in captured.out
    assert f"error: the console stopped on an internal error; every entry made before it " \
           f"is in {path}" in captured.err
