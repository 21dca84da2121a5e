"""What every report model shares: frozen, and whole-second durations.

The fields' docstrings are the JSON schema's descriptions; `ttx.report.schema` reads
them when the schema is made (`ttx.model.docstrings`), not each time a model is."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from pydantic import AfterValidator, ConfigDict

REPORT = ConfigDict(frozen=True)
FORMAT_VERSION = "2.1"
"""The JSON report's format: 2 is the HSEEP AAR/IP structure (analysis, Table 1, the
eight-column improvement plan); 2.1 adds delegation editions (`edition`, participants'
counts that may be null). Its schema is `schemas/report.schema.json`."""


def _whole_seconds(value: timedelta) -> timedelta:
    if not value.microseconds:  # most are: the journal keeps whole seconds of game time
        return value
    return timedelta(seconds=round(value.total_seconds()))


Duration = Annotated[timedelta, AfterValidator(_whole_seconds)]
"""A duration in whole seconds; the JSON writes every one as ISO 8601 (`PT11M`)."""
