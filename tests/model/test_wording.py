"""`ttx.model.wording`: the one form of each time, span and cut text every face prints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttx.model import format_offset, parse_offset
from ttx.model.wording import (
    clock,
    day_and_clock,
    duration_clock,
    duration_words,
    game_clock,
    game_day,
    game_time_of_day,
    minutes_words,
    offset,
    one_line,
    zone_label,
)

KST = timezone(timedelta(hours=9))
STARTEX = datetime(2027, 3, 14, 5, 30, tzinfo=KST)


def test_one_line_folds_whitespace_and_cuts_with_an_ellipsis() -> None:
    assert one_line("a\n  b\tc ") == "a b c"
    assert one_line("abcdef", 4) == "abc…"
    assert len(one_line("x" * 500, 60)) == 60
    assert one_line("abcd", 4) == "abcd"
    assert one_line("独島 竹島 独島", 5) == "独島 竹…"


def test_clocks() -> None:
    assert clock(STARTEX) == "05:30"
    assert game_clock(STARTEX) == "2027-03-14 05:30 +09:00"
    assert game_clock(datetime(2027, 3, 14, 5, 30)) == "2027-03-14 05:30"
    assert game_clock(datetime(2027, 3, 14, 5, 30, tzinfo=timezone(timedelta(hours=-3,
                                                                         minutes=-30)))) \
        == "2027-03-14 05:30 -03:30"
    assert day_and_clock(STARTEX) == "14 Mar 05:30"
    assert day_and_clock(datetime(2027, 4, 5, 23, 59, tzinfo=KST)) == "5 Apr 23:59"


def test_game_times_show_the_day_once_play_crosses_midnight() -> None:
    """10:40, 14:20 and then 09:20 the next morning never read as if 09:20 came first."""
    moments = [STARTEX + timedelta(minutes=m) for m in (310, 530, 1670, 3120)]
    assert [game_time_of_day(m, STARTEX) for m in moments] == \
        ["10:40", "14:20", "D+1 09:20", "D+2 09:30"]
    assert game_time_of_day(STARTEX - timedelta(hours=6), STARTEX) == "D-1 23:30"
    assert game_time_of_day(STARTEX.replace(hour=23, minute=59), STARTEX) == "23:59"


def test_the_day_is_counted_on_startex_s_calendar() -> None:
    """A time written in UTC (a journal's wall clock) is 00:30 the next day in Seoul."""
    in_utc = datetime(2027, 3, 14, 15, 30, tzinfo=UTC)
    assert game_day(in_utc, STARTEX) == 1
    assert game_time_of_day(in_utc, STARTEX) == "D+1 00:30"
    assert game_time_of_day(datetime(2027, 3, 15, 1, 0), datetime(2027, 3, 14, 9, 0)) \
        == "D+1 01:00"


@pytest.mark.parametrize(("span", "text"), [
    (timedelta(0), "+0:00"), (timedelta(minutes=15), "+0:15"), (timedelta(hours=36), "+36:00"),
    (timedelta(hours=100, minutes=5, seconds=59), "+100:05"),
    (timedelta(minutes=-10), "-0:10"), (timedelta(hours=-25, minutes=-1), "-25:01"),
])
def test_offsets_keep_their_sign(span: timedelta, text: str) -> None:
    assert offset(span) == text
    assert format_offset(span) == text


@given(st.integers(min_value=0, max_value=9999 * 60 + 59))
def test_an_offset_reads_back_as_itself(minutes: int) -> None:
    span = timedelta(minutes=minutes)
    assert parse_offset(format_offset(span)) == span


@pytest.mark.parametrize(("span", "clock_text", "words", "minutes"), [
    (timedelta(seconds=45), "0:00:45", "45 s", "1 min"),
    (timedelta(hours=1, minutes=2, seconds=3), "1:02:03", "1 h 02 min", "1 h 02 min"),
    (timedelta(hours=36), "36:00:00", "1 d 12 h", "36 h 00 min"),
    (timedelta(days=3, hours=4, minutes=5), "76:05:00", "3 d 4 h", "76 h 05 min"),
    (timedelta(seconds=-5), "0:00:00", "0 s", "0 min"),
    (timedelta(hours=-2), "0:00:00", "0 s", "0 min"),
])
def test_durations_never_go_negative(span: timedelta, clock_text: str, words: str,
                                     minutes: str) -> None:
    assert duration_clock(span) == clock_text
    assert duration_words(span) == words
    assert minutes_words(span) == minutes


def test_zone_labels() -> None:
    assert zone_label(STARTEX) == "UTC+09:00"
    assert zone_label(datetime(2027, 1, 1, tzinfo=timezone(-timedelta(hours=5)))) == "UTC-05:00"
    assert zone_label(datetime(2027, 1, 1)) == "UTC+00:00"
