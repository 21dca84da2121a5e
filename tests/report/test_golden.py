"""Golden files of the Markdown and JSON reports of the fixed session.

The snapshots are real `.md` and `.json` files under `__snapshots__/test_golden/`, so a
reviewer reads them as a sponsor would. After a deliberate change, look at the new
output, then accept it: `pytest tests/report/test_golden.py --snapshot-update`.
"""

from __future__ import annotations

import json

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from ttx.report.model import AfterActionReport
from ttx.report.render import render_json, render_markdown


class MarkdownFile(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "md"


class JsonFile(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "json"


@pytest.fixture
def markdown_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(MarkdownFile)


@pytest.fixture
def json_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JsonFile)


def test_markdown_report(report: AfterActionReport, markdown_snapshot: SnapshotAssertion) -> None:
    assert render_markdown(report) == markdown_snapshot


def test_draft_markdown_says_draft(report: AfterActionReport) -> None:
    title = next(line for line in render_markdown(report, draft=True).splitlines()
                 if line.startswith("# "))
    assert title.startswith("# DRAFT — ")


def test_json_report(report: AfterActionReport, json_snapshot: SnapshotAssertion) -> None:
    assert render_json(report) == json_snapshot


def test_json_is_the_report_model(report: AfterActionReport) -> None:
    """The JSON reads back into the same model: it is the model, not a view of it."""
    text = render_json(report)
    assert AfterActionReport.model_validate_json(text) == report
    assert list(json.loads(text)) == list(AfterActionReport.model_fields)
