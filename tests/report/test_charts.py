"""Charts: the same SVG from the drawing process and from this one; plain data only."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ttx.report.chart_process import ChartDrawer
from ttx.report.charts import RASTER_ABOVE, chart_data, routes_data, swimlane_data
from ttx.report.drawing import draw, routes
from ttx.report.model import AfterActionReport


def test_the_drawing_process_draws_what_this_process_would(report: AfterActionReport) -> None:
    with ChartDrawer(in_process=False) as drawer:
        drawer.send(chart_data(report))
        drawn = drawer.charts()
    here = draw(chart_data(report))
    assert (drawn.swimlane, drawn.routes) == (here["swimlane"], here["routes"])


def test_without_a_process_the_charts_are_drawn_here(report: AfterActionReport,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes(*_args: object, **_kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(subprocess, "Popen", no_processes)
    drawer = ChartDrawer(in_process=False)
    drawer.send(chart_data(report))
    drawn = drawer.charts()
    assert drawn.swimlane.startswith("<svg") and drawn.routes.startswith("<svg")


def test_a_failing_process_falls_back(report: AfterActionReport) -> None:
    drawer = ChartDrawer(in_process=False)
    assert drawer._process is not None
    drawer._process.kill()  # as if it crashed
    drawer.send(chart_data(report))
    drawn = drawer.charts()
    assert drawn.routes.startswith("<svg")


def test_an_unused_drawer_stops_its_process() -> None:
    with ChartDrawer(in_process=False) as drawer:
        process = drawer._process
        assert process is not None
    assert process.poll() is not None


def test_chart_data_is_plain_json(report: AfterActionReport) -> None:
    data = chart_data(report)
    assert json.loads(json.dumps(data)) == data
    swimlane = swimlane_data(report)
    assert swimlane["lanes"] == ["Injects", "US", "JPN", "ROK"]
    labels = [series["label"] for series in swimlane["series"] if series["label"]]
    assert labels[0] == "inject delivered" and len(labels) == len(set(labels))
    assert sum(len(series["x"]) for series in swimlane["series"]) > 0
    routes = routes_data(report.coordination, report.overview.game_start)
    assert routes["lanes"] == ["direct", "through the US", "broadcast"]
    assert [len(series["x"]) for series in routes["series"]] == [1, 1, 1]
    assert {band["label"] for band in swimlane["bands"]} == {"m1-outage", "m2-press"}


def test_charts_carry_no_player_text(report: AfterActionReport) -> None:
    here = draw(chart_data(report))
    svg = here["swimlane"] + here["routes"]
    texts = set(re.findall(r">([^<>]+)</text>", svg))
    assert not any("script" in text or "7*7" in text for text in texts)
    assert "Game time from STARTEX" in svg  # text stays text
    assert not re.search(r'href="(?!#|data:)', svg)


def test_the_drawing_process_loads_nothing_of_the_report_stack() -> None:
    """It starts while the report is built: it must not load pydantic or the models."""
    code = ("import sys, ttx.report.drawing\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pydantic', 'jinja2', 'matplotlib', 'weasyprint', 'textual'}), "
            "sorted(m for m in sys.modules if m.startswith('ttx.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["[]", "['ttx.report',", "'ttx.report.drawing']"]


def test_many_exchanges_are_one_embedded_image_with_text_labels(
        report: AfterActionReport) -> None:
    links = report.coordination.links
    assert links
    many = report.coordination.model_copy(
        update={"links": [*links * (RASTER_ABOVE // len(links) + 1)]})
    few, crowded = (routes_data(coordination, report.overview.game_start)
                    for coordination in (report.coordination, many))
    assert (few["rasterized"], crowded["rasterized"]) == (False, True)
    drawn = routes(crowded)
    assert drawn.count("<image") == 1 and "data:image/png" in drawn
    assert "through the US" in drawn  # the lanes' labels stay text
    assert "<image" not in routes(few)
