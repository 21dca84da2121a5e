"""What the printed report keeps of a very long session, and what it says it left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.report_bench import make_session
from ttx.report.build import build_report_from_file
from ttx.report.model import AfterActionReport
from ttx.report.printed import (
    DECISION_LIMIT,
    LINK_LIMIT,
    OBSERVATION_LIMIT,
    RETRACTED_LIMIT,
    TIMELINE_LIMIT,
    printed_report,
)
from ttx.report.render import render_html


@pytest.fixture(scope="module")
def long_report(tmp_path_factory: pytest.TempPathFactory) -> AfterActionReport:
    """A 3,000-entry session: over every print limit."""
    path = make_session(tmp_path_factory.mktemp("long") / "long.ttx", 3000)
    return build_report_from_file(path)


def test_a_short_session_prints_in_full(report: AfterActionReport) -> None:
    printed = printed_report(report)
    assert printed.report is report
    assert printed.notes == {}


def test_a_long_timeline_keeps_module_starts_injects_and_skips(
        long_report: AfterActionReport) -> None:
    assert len(long_report.timeline) > TIMELINE_LIMIT
    printed = printed_report(long_report)
    kept = printed.report.timeline
    assert {row.category for row in kept} <= {"module", "inject", "skip"}
    assert len(kept) == sum(1 for row in long_report.timeline
                            if row.category in {"module", "inject", "skip"})
    assert f"{len(long_report.timeline):,} timeline entries" in printed.notes["timeline"]


def test_long_decision_logs_keep_each_roles_key_decisions(
        long_report: AfterActionReport) -> None:
    printed = printed_report(long_report)
    total = sum(len(log.decisions) for log in long_report.decisions)
    kept = [decision for log in printed.report.decisions for decision in log.decisions]
    assert total > DECISION_LIMIT >= len(kept) > 0
    for log, full in zip(printed.report.decisions, long_report.decisions, strict=True):
        seqs = [decision.seq for decision in log.decisions]
        assert seqs == sorted(seqs)
        injects = [decision.inject for decision in log.decisions if not decision.option]
        assert len(injects) == len(set(injects)), "one first decision per inject"
        first: dict[str | None, int] = {}
        for decision in full.decisions:
            first.setdefault(decision.inject, decision.seq)
        assert all(decision.option or first[decision.inject] == decision.seq
                   for decision in log.decisions)
    assert f"{total:,} decisions" in printed.notes["decisions"]


def test_a_decision_that_chose_an_option_is_always_kept(
        long_report: AfterActionReport) -> None:
    logs = list(long_report.decisions)
    index = next(index for index, log in enumerate(logs) if log.decisions)
    dropped = [decision for decision in logs[index].decisions
               if decision not in printed_report(long_report).report.decisions[index].decisions]
    assert dropped
    chosen = dropped[-1].model_copy(update={"option": "direct"})
    logs[index] = logs[index].model_copy(update={"decisions": [
        chosen if decision is dropped[-1] else decision for decision in logs[index].decisions]})
    printed = printed_report(long_report.model_copy(update={"decisions": logs}))
    assert chosen in printed.report.decisions[index].decisions


def test_objectives_keep_the_latest_observations(long_report: AfterActionReport) -> None:
    printed = printed_report(long_report)
    for full, kept in zip(long_report.objectives, printed.report.objectives, strict=True):
        assert kept.rating == full.rating
        for kind in ("strengths", "improvements", "notes"):
            entries = getattr(full, kind)
            assert getattr(kept, kind) == entries[-OBSERVATION_LIMIT:]
    assert "most recent" in printed.notes["objectives"]


def test_links_and_retractions_keep_the_first(long_report: AfterActionReport) -> None:
    printed = printed_report(long_report)
    links = long_report.coordination.links
    if len(links) > LINK_LIMIT:
        assert printed.report.coordination.links == links[:LINK_LIMIT]
        assert "coordination" in printed.notes
    assert printed.report.coordination.matrix == long_report.coordination.matrix
    assert printed.report.retracted == long_report.retracted[:RETRACTED_LIMIT]


def test_the_printed_html_says_what_it_left_out(long_report: AfterActionReport,
                                                tmp_path: Path) -> None:
    screen = render_html(long_report)
    paper = render_html(long_report, for_print=True)
    assert paper.count('class="note print-note"') == len(printed_report(long_report).notes)
    assert 'class="note print-note"' not in screen
    assert screen.count('<tr class="row-') == len(long_report.timeline)
    assert paper.count('<tr class="row-') < TIMELINE_LIMIT
