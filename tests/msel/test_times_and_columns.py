"""How MSEL times and header names are read."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from ttx.msel.cells import parse_by_role, parse_objectives, parse_recipients
from ttx.msel.columns import Field, map_columns, recognise
from ttx.msel.times import (
    RowTime,
    TimeKind,
    parse_time,
    resolve_offsets,
    zone_from_header,
)

KST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(("header", "field"), [
    ("MSEL #", Field.number), ("Inject #", Field.number), ("Seq", Field.number),
    ("No.", Field.number), ("Scenario Time (UTC+09:00)", Field.time),
    ("Date/Time", Field.time), ("OFFSET", Field.offset), ("Event Synopsis", Field.heading),
    ("subject", Field.heading), ("Inject", Field.body), ("Inject Text", Field.body),
    ("Script", Field.body), ("Originator", Field.sender), ("Recipient(s)", Field.to),
    ("Player(s)", Field.to), ("Delivery Method", Field.method),
    ("Expected Player Action", Field.expected), ("Objective(s)", Field.objectives),
    ("Core Capability", Field.capability), ("Controller Notes", Field.notes),
    ("Move", Field.module), ("Phase", Field.module), ("Inject ID", Field.inject_id),
    ("ID", Field.inject_id), ("Contingency", Field.contingency),
])
def test_recognised_headers(header: str, field: Field) -> None:
    assert recognise(header) is field


def test_first_column_wins_and_the_rest_are_unmapped() -> None:
    column_map = map_columns(["Title", "Description", "Details", "Priority", ""])
    assert column_map.columns == {Field.heading: 0, Field.body: 1}
    assert column_map.unmapped == [(2, "Details"), (3, "Priority")]
    assert column_map.missing() == ["time (or offset)"]


@pytest.mark.parametrize(("cell", "kind", "since"), [
    ("+1:30", TimeKind.offset, timedelta(hours=1, minutes=30)),
    ("+36:00", TimeKind.offset, timedelta(hours=36)),
    ("H+2:30", TimeKind.offset, timedelta(hours=2, minutes=30)),
    ("0615", TimeKind.clock, timedelta(hours=6, minutes=15)),
    ("6:15 PM", TimeKind.clock, timedelta(hours=18, minutes=15)),
    ("D+1 06:15", TimeKind.clock, timedelta(days=1, hours=6, minutes=15)),
    ("Day 2 0615", TimeKind.clock, timedelta(days=1, hours=6, minutes=15)),
    (615, TimeKind.clock, timedelta(hours=6, minutes=15)),
    (time(9, 45), TimeKind.clock, timedelta(hours=9, minutes=45)),
    (0.25, TimeKind.clock, timedelta(hours=6)),
])
def test_relative_times(cell: object, kind: TimeKind, since: timedelta) -> None:
    point = parse_time(cell)
    assert point is not None and (point.kind, point.since) == (kind, since)


@pytest.mark.parametrize(("cell", "moment"), [
    ("2027-03-14 06:15", datetime(2027, 3, 14, 6, 15)),
    ("2027-03-14T06:15:00+09:00", datetime(2027, 3, 14, 6, 15, tzinfo=KST)),
    ("14 Mar 2027 06:15", datetime(2027, 3, 14, 6, 15)),
    ("140615IMAR27", datetime(2027, 3, 14, 6, 15, tzinfo=KST)),
    (46460.25, datetime(2027, 3, 14, 6, 0)),
    (datetime(2027, 3, 14, 6, 15), datetime(2027, 3, 14, 6, 15)),
])
def test_absolute_times(cell: object, moment: datetime) -> None:
    point = parse_time(cell)
    assert point is not None and point.kind is TimeKind.absolute and point.moment == moment


@pytest.mark.parametrize("cell", ["soon", "25:99", "D+1 noon", True])
def test_not_times(cell: object) -> None:
    with pytest.raises(ValueError, match="is not a time"):
        parse_time(cell)


def test_zone_from_header() -> None:
    assert zone_from_header("Scenario Time (UTC+09:00)") == KST
    assert zone_from_header("Time (KST)") == KST
    assert zone_from_header("Time (UTC-5)") == timezone(timedelta(hours=-5))
    assert zone_from_header("Time") is None


def test_start_from_a_row_with_time_and_offset() -> None:
    rows = [RowTime(parse_time("2027-03-14 06:15"), parse_time("+0:45")),
            RowTime(parse_time("2027-03-14 08:00"), None)]
    start, offsets, warnings = resolve_offsets(rows, None, KST)
    assert start == datetime(2027, 3, 14, 5, 30, tzinfo=KST)
    assert offsets == [timedelta(minutes=45), timedelta(hours=2, minutes=30)]
    assert warnings == []


def test_clock_times_without_a_date_warn() -> None:
    rows = [RowTime(parse_time("0700"), None), RowTime(parse_time("D+1 0600"), None)]
    start, offsets, warnings = resolve_offsets(rows, None, None)
    assert start == datetime(2000, 1, 1, 7, 0, tzinfo=UTC)
    assert offsets == [timedelta(0), timedelta(hours=23)]
    assert any("no date" in w for w in warnings) and any("UTC" in w for w in warnings)


def test_cells_planners_write() -> None:
    assert parse_recipients("United States, Japan and South Korea") == ["US", "JPN", "ROK"]
    assert parse_recipients("US/JPN/White Cell") == ["US", "JPN", "WHITE"]
    assert parse_recipients("ALL") == ["all"]
    assert parse_recipients("Red Team") == ["RED-TEAM"]
    assert parse_by_role("1. Notify allies\nROK: Convene NSC\n  and the cabinet\nNote: x") == {
        "all": ["Notify allies", "Note: x"], "ROK": ["Convene NSC\nand the cabinet"]}
    assert parse_objectives("OBJ-1, OBJ-2") == [("OBJ-1", ""), ("OBJ-2", "")]
    assert parse_objectives("OBJ-1: Share, fast\nWarn the public") == [
        ("OBJ-1", "Share, fast"), (None, "Warn the public")]
