"""Export → import → export keeps every text of every inject, in CSV and in XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.msel.conftest import REPO, Run, shipped_scenarios
from ttx.authoring.resolve import resolve_scenario
from ttx.model.resolved import ResolvedScenario

TEXTS = ("title", "body", "sender", "to", "method", "expected", "questions", "objectives",
         "options", "notes", "control_only", "tags")


def texts(resolved: ResolvedScenario) -> dict[str, dict[str, object]]:
    def clean(value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    return {inject_id: {key: clean(getattr(inject, key)) for key in TEXTS}
            for inject_id, inject in resolved.injects.items()}


def round_trip(source: Path, scenario_id: str, fmt: str, tmp_path: Path, ttx: Run) -> None:
    first = tmp_path / f"first.{fmt}"
    assert ttx("msel", "export", scenario_id, "-o", str(first), cwd=source).code == 0
    into = tmp_path / "imported"
    result = ttx("msel", "import", str(first), "--scenario", scenario_id, "--into", str(into),
                 cwd=tmp_path)
    assert result.code == 0, result.err
    assert "warning" not in result.err
    second = tmp_path / f"second.{fmt}"
    assert ttx("msel", "export", scenario_id, "-o", str(second), cwd=into).code == 0

    original, imported = resolve_scenario(scenario_id, source), resolve_scenario(scenario_id, into)
    assert texts(imported) == texts(original)
    assert [(s.inject_id, original.scenario.start + s.offset) for s in original.msel_slots()
            if not s.contingency] == [(s.inject_id, imported.scenario.start + s.offset)
                                      for s in imported.msel_slots() if not s.contingency]
    assert {o.id: o.text for o in imported.scenario.objectives} == {
        o.id: o.text for o in original.scenario.objectives
        if any(o.id in i.objectives for i in original.injects.values())}
    if fmt == "csv":
        assert second.read_bytes() == first.read_bytes()
    else:
        from openpyxl import load_workbook

        def cells(path: Path) -> list[list[object]]:
            return [[c.value for c in row] for row in load_workbook(path)["MSEL"].iter_rows()]

        assert cells(second) == cells(first)
        assert imported.scenario == original.scenario.model_copy(
            update={"modules": imported.scenario.modules})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_example_round_trip(fmt: str, example: Path, tmp_path: Path, ttx: Run) -> None:
    round_trip(example, "example-port-outage", fmt, tmp_path, ttx)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("scenario_id", shipped_scenarios())
def test_shipped_round_trip(scenario_id: str, fmt: str, tmp_path: Path, ttx: Run) -> None:
    round_trip(REPO, scenario_id, fmt, tmp_path, ttx)
