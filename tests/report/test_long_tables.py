"""The long tables rendered in Python print what the template's own loops printed.

`former_loops/` holds the loops the built-in template had before its long tables moved to
`ttx.report.long_tables`; each is rendered by the report's own (sandboxed, autoescaped,
print-finalised) environment over the same report, and must match byte for byte, on
screen and in print, for the fixed session, the realistic one, a delegation's edition,
and a report whose every text is hostile, Korean, and one long unbroken run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from tests.report.conftest import HOSTILE_MOVE, KOREAN
from ttx.report.build import build_report_from_file
from ttx.report.long_tables import OBSERVATION_KINDS, long_tables
from ttx.report.model import AfterActionReport
from ttx.report.printed import printed_report
from ttx.report.render import html_environment
from ttx.report.rows import AMENDED_BADGE

FORMER_LOOPS = Path(__file__).parent / "former_loops"
REFERENCE = {path.name.removesuffix(".html.j2"):
             path.read_text(encoding="utf-8").removesuffix("\n")
             for path in sorted(FORMER_LOOPS.glob("*.html.j2"))}
"""The built-in template's loops before they moved to Python; `|` ends one list of a
table kept per role, objective or inject."""

HARD = f"{HOSTILE_MOVE} {KOREAN} {'x' * 45} "
"""Markup and template code, Hangul words (joined in print), and a run long enough to
be broken in print."""
SHORT_CODES = {"route", "kind", "rating", "entry_type", "method", "category", "source"}
"""Fields that hold one of our own codes, which the report's logic looks up."""


def _python_tables(report: AfterActionReport, for_print: bool) -> dict[str, str]:
    tables = long_tables(report, for_print=for_print)
    return {
        "decision_rows": "".join(f"{rows}|\n" for rows in tables["decision_rows"]),
        "observation_items": "".join(
            f"{tables['observation_items'][(objective.id, kind)]}|\n"
            for objective in report.objectives for kind, _ in OBSERVATION_KINDS),
        "link_rows": str(tables["link_rows"]),
        "review_rows": "".join(f"{rows}|\n" for rows in tables["review_rows"]),
        "retracted_rows": str(tables["retracted_rows"]),
    }


def _template_tables(report: AfterActionReport, for_print: bool) -> dict[str, str]:
    environment = html_environment(for_print=for_print)
    return {name: environment.from_string(source).render(
                report=report, amended_badge=AMENDED_BADGE)
            for name, source in REFERENCE.items()}


def _hardened(value: Any) -> Any:
    """`value` with every text of every entry made hard to print (codes kept)."""
    if isinstance(value, BaseModel):
        return value.model_copy(update={
            name: _hardened_field(name, getattr(value, name))
            for name in type(value).model_fields})
    if isinstance(value, list):
        return [_hardened(item) for item in value]
    return value


def _hardened_field(name: str, value: Any) -> Any:
    if isinstance(value, str) and name not in SHORT_CODES and value:
        return HARD + value
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value) \
            and name in {"expected", "moves"}:
        return [HARD + item for item in value]
    return _hardened(value)


@pytest.fixture(scope="module")
def reports(report: AfterActionReport, realistic_session: Path,
            session_file: Path) -> dict[str, AfterActionReport]:
    realistic = build_report_from_file(realistic_session)
    hard = report.model_copy(update={
        field: _hardened(getattr(report, field))
        for field in ("decisions", "objectives", "inject_reviews", "retracted")})
    hard = hard.model_copy(update={"coordination": report.coordination.model_copy(
        update={"links": _hardened(report.coordination.links)})})
    return {"fixed": report, "realistic": realistic, "hard": hard,
            "edition": build_report_from_file(session_file, role="ROK")}


@pytest.mark.parametrize("for_print", [False, True], ids=["screen", "print"])
@pytest.mark.parametrize("name", ["fixed", "realistic", "hard", "edition"])
def test_the_python_tables_are_the_template_loops(reports: dict[str, AfterActionReport],
                                                   name: str, for_print: bool) -> None:
    report = reports[name]
    if for_print:
        report = printed_report(report).report
    python, template = _python_tables(report, for_print), _template_tables(report, for_print)
    for table in REFERENCE:
        assert python[table] == template[table], table


def test_the_reports_compared_have_rows_in_every_table(
        reports: dict[str, AfterActionReport]) -> None:
    """So the comparison above compares something: each table has rows in some report,
    and the hard report's texts are escaped, Korean and long."""
    tables = {table: "" for table in REFERENCE}
    for report in reports.values():
        for table, html in _python_tables(report, False).items():
            tables[table] += html
    assert all(html.count("<tr") + html.count("<li") >= 2 for html in tables.values())
    hard = _python_tables(reports["hard"], True)
    for html in hard.values():
        assert "&lt;script&gt;" in html and "<script>" not in html
        assert "\u2060" in html and "\u200b" in html  # joined Hangul, broken long run
