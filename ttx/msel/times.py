"""Times in MSEL spreadsheets, and turning them into offsets from STARTEX.

Planners write times in many ways. Each cell becomes a `TimePoint` of one of three kinds:

* **offset** from STARTEX: `+1:30`, `+36:00`, `H+2:30`, `T+0:45` (H-hour is STARTEX),
  or a duration cell;
* **clock** time on a day of play: `0615`, `06:15`, `6:15 PM`, `D+1 06:15`, `Day 2 0615`,
  a time-only cell, or the number 615 that a spreadsheet keeps of "0615";
* **absolute** date and time: `2027-03-14 06:15`, `2027-03-14T06:15:00+09:00`,
  `14 Mar 2027 06:15`, `140615ZMAR27` (a date-time group), or a date-time cell.

`resolve_offsets` then places every row on the game clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from typing import Any

PLACEHOLDER_DATE = date(2000, 1, 1)
"""The date STARTEX gets when no time in the sheet has one and no `--start` was given."""


class TimeKind(StrEnum):
    offset = "offset"
    clock = "clock"
    absolute = "absolute"


@dataclass(frozen=True)
class TimePoint:
    """One time cell, read. `since` is the offset (offset kind) or time since D-day 00:00
    (clock kind); `moment` is the date and time (absolute kind, possibly naive)."""

    kind: TimeKind
    since: timedelta = timedelta(0)
    moment: datetime | None = None


_OFFSET = re.compile(r"(?:[HT]\s*)?\+\s*(\d{1,4})(?::([0-5]\d))?(?::([0-5]\d))?", re.I)
_DAY = re.compile(r"(?:DAY\s*(\d{1,3})|D\s*([+-]\s*\d{1,3})?)[\s,]*(.*)", re.I)
_CLOCK = re.compile(
    r"(\d{1,2})(?::?([0-5]\d))(?::([0-5]\d))?\s*(AM|PM|A\.M\.|P\.M\.)?\s*(?:L|Z|HRS?|H)?", re.I)
_DTG = re.compile(r"(\d{2})(\d{2})(\d{2})\s*([A-Z])?\s*([A-Z]{3})\s*(\d{2}|\d{4})", re.I)
_ZONES: dict[str, timedelta] = {"utc": timedelta(0), "gmt": timedelta(0), "z": timedelta(0),
                                "kst": timedelta(hours=9), "jst": timedelta(hours=9),
                                "i": timedelta(hours=9), "est": timedelta(hours=-5),
                                "edt": timedelta(hours=-4), "pst": timedelta(hours=-8),
                                "pdt": timedelta(hours=-7), "hst": timedelta(hours=-10)}
_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
                 "%d %b %Y %H:%M", "%d %B %Y %H:%M", "%b %d %Y %H:%M", "%B %d %Y %H:%M",
                 "%d.%m.%Y %H:%M", "%Y-%m-%d %H%M", "%d %b %Y %H%M", "%Y-%m-%d")
_EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_time(value: Any) -> TimePoint | None:
    """Read one cell; None when it is empty. Raises ValueError saying what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return TimePoint(TimeKind.absolute, moment=value)
    if isinstance(value, time):
        return TimePoint(TimeKind.clock, since=_since_midnight(value.hour, value.minute,
                                                               value.second))
    if isinstance(value, timedelta):
        return TimePoint(TimeKind.offset, since=value)
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a time")
    if isinstance(value, int | float):
        return _number(value)
    return _text(str(value).strip())


def _since_midnight(hours: int, minutes: int, seconds: int = 0) -> timedelta:
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _number(value: float) -> TimePoint:
    if float(value).is_integer() and 0 <= value <= 2359 and int(value) % 100 < 60:
        # "0615" typed into a spreadsheet cell is kept as the number 615
        return TimePoint(TimeKind.clock, since=_since_midnight(int(value) // 100,
                                                               int(value) % 100))
    if 0 <= value < 1:
        return TimePoint(TimeKind.clock, since=timedelta(days=value))
    if 1 <= value < 2958466:
        moment = _EXCEL_EPOCH + timedelta(days=value)
        return TimePoint(TimeKind.absolute, moment=moment.replace(microsecond=0))
    raise ValueError(f"'{value}' is not a time")


def _text(text: str) -> TimePoint:
    offset = _OFFSET.fullmatch(text)
    if offset:
        hours, minutes, seconds = (int(group or 0) for group in offset.groups())
        return TimePoint(TimeKind.offset, since=timedelta(hours=hours, minutes=minutes,
                                                          seconds=seconds))
    day = _DAY.fullmatch(text)
    if day and (day.group(1) or day.group(2)):
        days = int(day.group(2).replace(" ", "")) if day.group(2) else int(day.group(1)) - 1
        clock = _clock(day.group(3).strip()) if day.group(3).strip() else timedelta(0)
        if clock is None:
            raise ValueError(f"'{text}' is not a time: after the day write HH:MM, "
                             "e.g. 'D+1 06:15'")
        return TimePoint(TimeKind.clock, since=timedelta(days=days) + clock)
    clock = _clock(text)
    if clock is not None:
        return TimePoint(TimeKind.clock, since=clock)
    moment = _absolute(text)
    if moment is not None:
        return TimePoint(TimeKind.absolute, moment=moment)
    raise ValueError(f"'{text}' is not a time: write '2027-03-14 06:15', '0615', "
                     "'D+1 06:15', 'H+2:30' or an offset like '+1:30'")


def _clock(text: str) -> timedelta | None:
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    meridiem = (match.group(4) or "").replace(".", "").upper()
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem == "PM" else 0)
    if hours > 24 or (hours == 24 and (minutes or seconds)):
        return None
    return _since_midnight(hours, minutes, seconds)


def _absolute(text: str) -> datetime | None:
    dtg = _DTG.fullmatch(text)
    if dtg:
        day, hours, minutes, zone, month, year = dtg.groups()
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        try:
            moment = datetime.strptime(f"{full_year} {month.title()} {day} {hours}{minutes}",
                                       "%Y %b %d %H%M")
        except ValueError:
            return None
        offset = _ZONES.get((zone or "").lower())
        return moment.replace(tzinfo=timezone(offset)) if offset is not None else moment
    iso = text.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", text) else text
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        pass
    for date_format in _DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format)
        except ValueError:
            continue
    return None


def zone_from_header(header: str) -> tzinfo | None:
    """The time zone a header names in its remark: `Time (UTC+09:00)`, `Time (KST)`."""
    remark = re.search(r"\(([^)]*)\)", header)
    if remark is None:
        return None
    text = remark.group(1).strip()
    numeric = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", text, re.I)
    if numeric:
        sign = -1 if numeric.group(1) == "-" else 1
        delta = timedelta(hours=int(numeric.group(2)), minutes=int(numeric.group(3) or 0))
        return timezone(sign * delta)
    named = _ZONES.get(text.lower())
    return timezone(named) if named is not None else None


def parse_start(text: str) -> datetime:
    """`--start`: an ISO date and time, with or without a UTC offset (none means UTC)."""
    try:
        point = _text(text.strip()) if text.strip() else None
    except ValueError:
        point = None
    if point is None or point.kind is not TimeKind.absolute or point.moment is None:
        raise ValueError(f"'{text}' is not a date and time: write e.g. "
                         "'2027-03-14T05:30+09:00'")
    moment = point.moment
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class RowTime:
    """The time cells of one row: from the time column and from the offset column."""

    time: TimePoint | None
    offset: TimePoint | None

    @property
    def chosen(self) -> TimePoint | None:
        """The offset column wins when it holds an offset: it is exact."""
        if self.offset is not None and self.offset.kind is TimeKind.offset:
            return self.offset
        return self.time or self.offset


def resolve_offsets(rows: list[RowTime], start: datetime | None,
                    zone: tzinfo | None) -> tuple[datetime, list[timedelta | None], list[str]]:
    """STARTEX, each row's offset from it (None where a row has no time), and warnings.

    Without `start`, STARTEX is the time minus the offset of a row that has both, else
    the earliest time in the sheet. Naive times are in `zone` (from `start` or a header).
    """
    warnings: list[str] = []
    zone = start.tzinfo if start is not None else zone
    absolutes = [r.chosen.moment for r in rows
                 if r.chosen and r.chosen.kind is TimeKind.absolute and r.chosen.moment]
    if zone is None:
        zone = next((m.tzinfo for m in absolutes if m.tzinfo is not None), None)
    if zone is None and any(r.chosen and r.chosen.kind is not TimeKind.offset for r in rows):
        warnings.append("the times carry no time zone: read as UTC (give --start with an "
                        "offset, e.g. 2027-03-14T05:30+09:00, or a header like "
                        "'Time (UTC+09:00)')")
    zone = zone or UTC

    def aware(moment: datetime) -> datetime:
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)

    anchor_date = (start.astimezone(zone).date() if start is not None else
                   min(aware(m) for m in absolutes).astimezone(zone).date() if absolutes
                   else None)
    if start is None:
        start = _start_from_pairs(rows, aware)
    if anchor_date is None and any(r.chosen and r.chosen.kind is TimeKind.clock for r in rows):
        anchor_date = start.astimezone(zone).date() if start else PLACEHOLDER_DATE
        if start is None:
            warnings.append(f"the times carry no date: day one is {anchor_date} "
                            "(give --start to set it)")
    midnight = datetime.combine(anchor_date or PLACEHOLDER_DATE, time(0), tzinfo=zone)

    moments: list[datetime | None] = []
    for row in rows:
        point = row.chosen
        if point is None or point.kind is TimeKind.offset:
            moments.append(None)
        elif point.kind is TimeKind.clock:
            moments.append(midnight + point.since)
        else:
            assert point.moment is not None
            moments.append(aware(point.moment))
    if start is None:
        known = [m for m in moments if m is not None]
        start = min(known) if known else midnight
        if not known:
            warnings.append(f"the sheet has offsets only: STARTEX is {start.isoformat()} "
                            "(give --start to set it)")
    offsets: list[timedelta | None] = []
    for row, moment in zip(rows, moments, strict=True):
        point = row.chosen
        if point is None:
            offsets.append(None)
        elif moment is None:
            offsets.append(point.since)
        else:
            offsets.append(moment - start)
    return start, offsets, warnings


def disagreements(rows: list[RowTime], start: datetime,
                  offsets: list[timedelta | None]) -> list[tuple[int, timedelta]]:
    """(row index, what its date-time says) for each row whose date-time and offset
    disagree; the offset was used. Naive times are in STARTEX's zone."""
    found = []
    for index, (row, offset) in enumerate(zip(rows, offsets, strict=True)):
        moment = row.time.moment if row.time and row.time.kind is TimeKind.absolute else None
        if moment is None or offset is None or row.chosen is not row.offset:
            continue
        says = (moment if moment.tzinfo else moment.replace(tzinfo=start.tzinfo)) - start
        if says != offset:
            found.append((index, says))
    return found


def _start_from_pairs(rows: list[RowTime], aware: Any) -> datetime | None:
    """STARTEX from the first row that has both a date-time and an offset."""
    for row in rows:
        if (row.time and row.time.kind is TimeKind.absolute and row.time.moment
                and row.offset and row.offset.kind is TimeKind.offset):
            moment: datetime = aware(row.time.moment)
            return moment - row.offset.since
    return None
