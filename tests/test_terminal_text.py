"""`ttx.terminal_text`: what leaves for a terminal holds no control character."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.hostile import raw_controls
from ttx.terminal_text import visible, visible_json, visible_line


def test_escapes_are_written_out_as_python_would() -> None:
    assert visible("a\x1b]0;T\x07b") == "a\\x1b]0;T\\x07b"
    assert visible("\x9b2J \x7f \r") == "\\x9b2J \\x7f \\r"
    assert visible("\x00") == "\\x00"


def test_text_keeps_its_lines_and_tabs_a_line_does_not() -> None:
    assert visible("one\n\ttwo") == "one\n\ttwo"
    assert visible_line("one\n\ttwo") == "one\\n\\ttwo"


def test_plain_text_is_returned_as_it_is() -> None:
    text = "합참: 北 Jアラート — [/] [@click=app.quit] “quotes” \u00a0 é"
    assert visible(text) is text
    assert visible_line(text) is text


def test_an_undecodable_argument_byte_is_shown_as_the_byte() -> None:
    undecodable = b"x\x9by".decode("utf-8", "surrogateescape")
    assert visible(undecodable) == "x\\x9by"
    visible(undecodable).encode("utf-8")  # no lone surrogate left to fail on


@given(st.text())
def test_nothing_a_terminal_obeys_is_left(text: str) -> None:
    assert raw_controls(visible(text)) == []
    assert raw_controls(visible_line(text)) == []
    assert "\n" not in visible_line(text) and "\t" not in visible_line(text)
    visible(text).encode("utf-8")


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_keeps_its_values_and_loses_its_raw_controls(value: object) -> None:
    document = visible_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(document) == value
    assert raw_controls(document) == []
