"""A seat's working screen is the app's first screen and is styled once for its width:
no blank screen under it, no second styling of every widget when the first Resize gives
the screen its width class."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from tests.tui.conftest import console, display, player, wait_until
from ttx.session.session import Session
from ttx.tui.screens.width_classes import WIDTH_BREAKPOINTS, width_class

SEATS: dict[str, Callable[[Session], App[None]]] = {
    "console": console,
    "player": lambda session: player(session, "JPN"),
    "display": display,
}


def test_the_width_class_is_the_one_textual_gives() -> None:
    assert WIDTH_BREAKPOINTS == [(0, "-narrow"), (110, "-wide")]
    assert [width_class(width) for width in (40, 80, 109, 110, 200)] == \
        ["-narrow", "-narrow", "-narrow", "-wide", "-wide"]


@pytest.mark.parametrize("seat", SEATS)
@pytest.mark.parametrize(("size", "wanted", "other"),
                         [((80, 24), "-narrow", "-wide"), ((120, 40), "-wide", "-narrow")])
async def test_the_working_screen_is_the_first_and_styled_once_for_its_width(
        session: Session, seat: str, size: tuple[int, int], wanted: str, other: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    styled: Counter[int] = Counter()
    apply = Stylesheet.apply

    def counting_apply(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        styled[id(node)] += 1
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting_apply)
    app = SEATS[seat](session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.screen_stack == [screen], "a blank screen under the working one"
        assert screen.has_class(wanted) and not screen.has_class(other)
        # styled when mounted and when the screen resumes (Textual's own two; the focused
        # widget and what it holds once more, for :focus); a third time would be the whole
        # screen again, for a class it could have had at once
        focused = app.focused
        unfocused = [widget for widget in screen.query("*")
                     if focused is None or not (widget is focused or focused in widget.ancestors)]
        assert unfocused
        widest = max(styled[id(widget)] for widget in unfocused)
        assert widest <= 2, f"a widget was styled {widest} times before the first frame"


async def test_the_width_class_still_follows_the_terminal(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await wait_until(lambda: app.screen.has_class("-narrow"), pilot)
        assert not app.screen.has_class("-wide")


async def test_the_modal_styles_are_read_when_the_first_modal_screen_is_pushed(
        session: Session) -> None:
    from ttx.tui.app import ConsoleApp
    from ttx.tui.forms.confirm import ConfirmScreen

    app = console(session)
    modal_css = (str(ConsoleApp.MODAL_CSS), "")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert modal_css not in app.stylesheet.source  # not parsed for the working screen
        app.push_screen(ConfirmScreen("Leave?"))
        await pilot.pause()
        dialog = app.screen.query_one(".confirm-dialog")
        assert modal_css in app.stylesheet.source
        assert dialog.styles.max_width is not None and dialog.styles.max_width.value == 70
        assert dialog.styles.border_top[0] == "thick"
