"""The JSON report has a published schema, and what ttx writes validates against it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from ttx.report.model import AfterActionReport
from ttx.report.model_config import FORMAT_VERSION
from ttx.report.render import render_json
from ttx.report.schema import report_schema

ISO_DURATION = re.compile(r"^-?P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:[\d.]+S)?)?$")
SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "report.schema.json"


def test_the_committed_schema_matches_the_model() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == report_schema(), (
        "regenerate it: python -m ttx.report.schema > schemas/report.schema.json")


def test_the_json_report_validates_against_the_schema(report: AfterActionReport) -> None:
    document = json.loads(render_json(report))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["format_version"] == FORMAT_VERSION


def test_a_report_that_breaks_the_schema_is_caught(report: AfterActionReport) -> None:
    """The schema says something: a report missing its objectives does not validate."""
    document = json.loads(render_json(report))
    del document["objectives"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert any("objectives" in error.message for error in errors)


def test_durations_are_written_in_one_form(report: AfterActionReport) -> None:
    """Every duration is ISO 8601 in whole seconds: no fractional seconds anywhere."""
    text = render_json(report)
    durations = [value for value in _strings(json.loads(text)) if ISO_DURATION.match(value)]
    assert len(durations) > 5
    assert all("." not in value for value in durations), durations


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []
