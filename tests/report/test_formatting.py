"""Template filters and the pre-rendered timeline: the same text as the slow way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape as autoescape

from ttx.rendering.formatting import (
    authored_html,
    authored_markdown,
    duration,
    game_clock,
    language_of,
    offset,
    ratings,
    wall_clock,
)
from ttx.report.cells import Cells, escape
from ttx.report.model import AfterActionReport
from ttx.report.rows import timeline_html, timeline_rows

KST = timezone(timedelta(hours=9))


@given(st.text())
def test_escape_is_autoescaping(text: str) -> None:
    assert escape(text) == str(autoescape(text))


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1),
                    timezones=st.sampled_from([UTC, KST, timezone(timedelta(hours=-5))])))
def test_the_fast_wall_clock_is_the_wall_clock(value: datetime) -> None:
    assert Cells().wall_clock(value) == wall_clock(value)


def test_timeline_html_escapes_and_marks_like_the_template(report: AfterActionReport) -> None:
    html = str(timeline_html(report.timeline))
    rows = timeline_rows(report.timeline)
    assert html.count("<tr ") == len(rows)
    for row in rows:
        assert str(autoescape(row.text)) in html
        assert f"<td>{row.wall}</td>" in html
        assert f"{row.game}<br><span class=\"muted\">{row.offset}</span>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("badge amended") == sum(row.amended for row in rows)
    assert ' lang="ko"' in html and ' lang="ja"' in html


@pytest.mark.parametrize(("text", "html", "markdown"), [
    ("**Road to crisis.** Then", "<strong>Road to crisis.</strong> Then",
     "**Road to crisis.** Then"),
    ("an *aside* and _this_", "an <em>aside</em> and <em>this</em>",
     "an *aside* and _this_"),
    ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4",
     r"snake\_case\_name and 2 \* 3 \* 4"),
    ("<b>x</b> | y **<i>z</i>**", "&lt;b&gt;x&lt;/b&gt; | y <strong>&lt;i&gt;z&lt;/i&gt;</strong>",
     r"\<b\>x\</b\> \| y **\<i\>z\</i\>**"),
])
def test_authored_prose_keeps_its_emphasis_and_nothing_else(text: str, html: str,
                                                            markdown: str) -> None:
    assert authored_html(text) == html
    assert authored_markdown(text) == markdown


@pytest.mark.parametrize(("value", "text"), [
    (timedelta(seconds=45), "45 s"), (timedelta(minutes=12, seconds=5), "12 min 05 s"),
    (timedelta(hours=2, minutes=7), "2 h 07 min"), (timedelta(days=3, hours=4), "3 d 4 h"),
    (None, "—"), (timedelta(seconds=-3), "0 s"),
])
def test_durations_read_as_a_person_says_them(value: timedelta | None, text: str) -> None:
    assert duration(value) == text


def test_offsets_and_game_times() -> None:
    assert offset(timedelta(hours=36)) == "+36:00"
    assert offset(timedelta(minutes=-10)) == "-0:10"
    assert game_clock(datetime(2027, 4, 18, 5, 40, tzinfo=KST)) == "18 Apr 05:40"


@pytest.mark.parametrize(("text", "language"), [
    ("한미일 정보 공유", "ko"), ("日米韓の連携", "ja"), ("弾道ミサイル", "ja"),
    ("防衛省 / 국방부", "ko"), ("plain English", None), ("café", None), (42, None),
])
def test_language_of(text: object, language: str | None) -> None:
    assert language_of(text) == language


def test_a_few_ratings_are_listed_and_many_are_counted() -> None:
    assert ratings(["P", "S", "S"]) == "P, S, S"
    many = ["U", "P", "S", "P", "M", "P", "S", "U", "P"]
    assert ratings(many) == "P\u00a0×4, S\u00a0×2, M\u00a0×1, U\u00a0×2"
    assert ratings([*many, "X"]).endswith(", U\u00a0×2, X\u00a0×1")
