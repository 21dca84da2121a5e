"""The inbox's list: new rows arrive without moving what the reader looks at, without a
layout of the screen, and a click still picks the row under the mouse."""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ttx.tui.widgets.follow_list import FollowList


def calls_of(monkeypatch: Any, owner: type, name: str) -> list[tuple[Any, ...]]:
    """The arguments of every call of `owner.name` from now on (the method still runs)."""
    calls: list[tuple[Any, ...]] = []
    original = getattr(owner, name)

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(owner, name, counted)
    return calls


class ListApp(App[None]):
    CSS = "FollowList { height: 6; }"

    def __init__(self) -> None:
        super().__init__()
        self.selected: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield FollowList(id="list")

    def on_option_list_option_selected(self, event: FollowList.OptionSelected) -> None:
        self.selected.append(event.option.id)


def options(*keys: str) -> list[Option]:
    return [Option(f"row {key}", id=key) for key in keys]


async def test_new_rows_on_top_keep_the_highlight_and_the_view() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        box = app.query_one(FollowList)
        box.replace_options(options(*(str(n) for n in range(20, 0, -1))), highlight_first=True)
        await pilot.pause()
        assert box.highlighted_option is not None and box.highlighted_option.id == "20"
        box.highlighted = box.get_option_index("8")  # the reader went down to row 8
        await pilot.pause()
        top = round(box.scroll_y)
        assert top > 0
        top_id = box.get_option_at_index(top).id
        box.replace_options(options("22", "21", *(str(n) for n in range(20, 0, -1))),
                            highlight_first=True)
        await pilot.pause()
        assert box.highlighted_option is not None and box.highlighted_option.id == "8"
        assert box.get_option_at_index(round(box.scroll_y)).id == top_id


async def test_a_list_without_a_highlight_gets_none_unless_asked() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        box = app.query_one(FollowList)
        box.replace_options(options("2", "1"), highlight_first=False)
        await pilot.pause()
        assert box.highlighted is None


async def test_more_rows_lay_nothing_out_again(monkeypatch: Any) -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        box = app.query_one(FollowList)
        box.replace_options(options(*(str(n) for n in range(20, 0, -1))), highlight_first=True)
        await pilot.pause()
        layouts = calls_of(monkeypatch, type(app.screen), "_refresh_layout")
        box.replace_options(options("21", *(str(n) for n in range(20, 0, -1))),
                            highlight_first=True)
        await pilot.pause()
        assert box.option_count == 21
        assert layouts == [], "the list's own region did not change: no screen layout"


async def test_a_click_picks_the_row_under_the_mouse_after_rows_arrived() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        box = app.query_one(FollowList)
        box.replace_options(options("3", "2", "1"), highlight_first=True)
        await pilot.pause()
        box.replace_options(options("5", "4", "3", "2", "1"), highlight_first=True)
        await pilot.pause()
        await pilot.click(FollowList, offset=(3, box.styles.gutter.top + 1))
        await pilot.pause()
        assert app.selected == ["4"]


class TallListApp(ListApp):
    CSS = "FollowList { height: 12; }"


async def shown_rows(app: ListApp) -> list[Any]:
    box = app.query_one(FollowList)
    return list(box.render_lines(Region(0, 0, box.size.width, box.size.height)))


async def test_rows_that_only_moved_are_not_framed_again_and_look_as_in_a_fresh_list(
        monkeypatch: Any) -> None:
    earlier = options(*(str(n) for n in range(20, 0, -1)))
    later = [*options("21"), *earlier]  # the rows that stay are the same options
    app, fresh = TallListApp(), TallListApp()
    async with app.run_test(size=(40, 14)) as pilot, fresh.run_test(size=(40, 14)) as other:
        box = app.query_one(FollowList)
        box.replace_options(earlier, highlight_first=True)
        await pilot.pause()
        framed = calls_of(monkeypatch, StylesCache, "render_line")
        box.replace_options(later, highlight_first=True)
        await pilot.pause()
        rows = await shown_rows(app)
        monkeypatch.undo()
        assert len(framed) == 1, "the new row only (the border rows show the same)"
        alone = fresh.query_one(FollowList)
        alone.replace_options(options(*(str(n) for n in range(21, 0, -1))),
                              highlight_first=False)
        alone.highlighted = alone.get_option_index("20")
        alone.scroll_to(y=0, animate=False, immediate=True)
        await other.pause()
        assert [row.text for row in rows] == [row.text for row in await shown_rows(fresh)]
        assert rows == await shown_rows(fresh), "the same characters in the same styles"
        # the border's colour follows the focus: every row is framed anew, as it looks
        app.set_focus(None)
        fresh.set_focus(None)
        await pilot.pause()
        await other.pause()
        assert await shown_rows(app) == await shown_rows(fresh)
        assert await shown_rows(app) != rows, "the unfocused list looks different"


async def test_a_paint_works_out_the_lines_once_not_once_a_row(monkeypatch: Any) -> None:
    app = TallListApp()
    async with app.run_test(size=(40, 14)) as pilot:
        box = app.query_one(FollowList)
        box.replace_options(options(*(str(n) for n in range(20, 0, -1))), highlight_first=True)
        await pilot.pause()
        worked_out = calls_of(monkeypatch, OptionList, "_update_lines")
        box.refresh()
        rows = await shown_rows(app)
        assert len(worked_out) == 1
        assert "row 20" in rows[1].text and "row 12" in rows[9].text


async def test_a_new_border_title_is_shown() -> None:
    app = TallListApp()
    async with app.run_test(size=(40, 14)) as pilot:
        box = app.query_one(FollowList)
        box.border_title = "Inbox"
        box.border_subtitle = "a received"
        box.replace_options(options("2", "1"), highlight_first=True)
        await pilot.pause()
        rows = list(box.render_lines(Region(0, 0, box.outer_size.width, box.outer_size.height)))
        assert "Inbox" in rows[0].text and "a received" in rows[-1].text
        box.border_title = "Outbox"
        box.border_subtitle = "enter amends"
        await pilot.pause()
        rows = list(box.render_lines(Region(0, 0, box.outer_size.width, box.outer_size.height)))
        assert "Outbox" in rows[0].text and "enter amends" in rows[-1].text


async def test_at_the_top_rows_arriving_stay_in_view_and_the_highlight_stays_put() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        box = app.query_one(FollowList)
        box.replace_options(options(*(str(n) for n in range(20, 0, -1))), highlight_first=True)
        await pilot.pause()
        box.highlighted = box.get_option_index("17")  # the last row in view, the top kept
        await pilot.pause()
        assert round(box.scroll_y) == 0
        box.replace_options(options("22", "21", *(str(n) for n in range(20, 0, -1))),
                            highlight_first=True)
        await pilot.pause()
        assert round(box.scroll_y) == 0, "the newest rows are in view"
        assert box.highlighted_option is not None and box.highlighted_option.id == "17"
