"""Times, spans and long text as every face writes them: the console, the displays,
`ttx session`, the reports, the exercise documents and the MSEL spreadsheets.

One home for each form, so a game time reads the same on the room's screen and in the
after-action report. Plain text only: an HTML or Word writer escapes what it gets.

Signs: an *offset* is a position relative to STARTEX or a module start and may fall
before it (an entry stamped before STARTEX, a planned time the clock has passed), so it
keeps its sign (`-0:10`). A *duration* is time that elapsed (playing time, a response
time): one that comes out negative is an artefact of two machines' clocks disagreeing,
never a fact about play, so it reads as zero.
"""

from __future__ import annotations

from datetime import datetime, timedelta

ELLIPSIS = "…"


def one_line(text: str, limit: int | None = None) -> str:
    """`text` folded onto one line (runs of whitespace become one space) and cut at
    `limit` characters, the last of them an ellipsis."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + ELLIPSIS
    return flat


def clock(moment: datetime) -> str:
    """A time of day: `09:20`."""
    return f"{moment:%H:%M}"


def zone(moment: datetime) -> str:
    """A time's UTC offset as ISO 8601 writes it: `+09:00` (empty for a naive time)."""
    offset = moment.strftime("%z")
    return f"{offset[:3]}:{offset[3:]}" if offset else ""


def zone_label(moment: datetime) -> str:
    """A time's UTC offset for a reader or a column header: `UTC+09:00` (`UTC+00:00`
    for a naive time)."""
    return f"UTC{zone(moment) or '+00:00'}"


def game_clock(moment: datetime) -> str:
    """The game clock in full: `2027-03-14 05:30 +09:00`."""
    return f"{moment:%Y-%m-%d %H:%M} {zone(moment)}".rstrip()


def day_and_clock(moment: datetime) -> str:
    """A time for a table row that may span days: `14 Mar 05:30`."""
    return f"{moment.day} {moment:%b %H:%M}"


def game_day(moment: datetime, startex: datetime) -> int:
    """Which day of play `moment` falls on, counted from STARTEX's day (0), by the
    calendar of STARTEX's time zone."""
    return (_in_zone_of(startex, moment).date() - startex.date()).days


def game_time_of_day(moment: datetime, startex: datetime) -> str:
    """A game time in a list of play: `09:20` on STARTEX's day, `D+1 09:20` once play
    has crossed midnight (`D-1` before STARTEX's day), so 09:20 the next morning never
    reads as if it came before 10:40."""
    day = game_day(moment, startex)
    time_of_day = clock(_in_zone_of(startex, moment))
    return time_of_day if day == 0 else f"D{day:+d} {time_of_day}"


def offset(span: timedelta) -> str:
    """An offset as authors write them: `+4:30`, `+36:00`; one before its origin keeps
    its sign, `-0:10` (seconds are dropped)."""
    seconds = int(span.total_seconds())
    minutes = abs(seconds) // 60
    return f"{'-' if seconds < 0 else '+'}{minutes // 60}:{minutes % 60:02d}"


def duration_clock(span: timedelta) -> str:
    """Elapsed time as a clock: `1:02:03`, hours past 24 as they are (`36:00:00`);
    never negative."""
    seconds = max(0, int(span.total_seconds()))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def duration_words(span: timedelta) -> str:
    """Elapsed time as a person says it: `45 s`, `12 min 05 s`, `2 h 07 min`, `3 d 4 h`;
    never negative."""
    seconds = max(0, round(span.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def minutes_words(span: timedelta) -> str:
    """Elapsed time to the minute: `45 min`, `2 h 07 min`; never negative."""
    minutes = max(0, round(span.total_seconds() / 60))
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _in_zone_of(startex: datetime, moment: datetime) -> datetime:
    """`moment` on STARTEX's clock (as it is when either has no zone)."""
    if startex.tzinfo is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(startex.tzinfo)
