"""Fixtures for the MSEL tests: an example workspace, and the command line run in-process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ttx.authoring.resolve import resolve
from ttx.authoring.scaffold import init_workspace
from ttx.authoring.workspace import load_workspace
from ttx.cli import main

REPO = Path(__file__).resolve().parents[2]
CJK = "서울은 도쿄에 경고했나? 東京に警告したか?"


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh `ttx init` workspace, with Hangul and Kanji in one inject."""
    root = tmp_path / "ws"
    init_workspace(root)
    inject = root / "injects" / "example" / "example-05-press-query.yaml"
    text = inject.read_text(encoding="utf-8")
    question = '"Did Seoul warn Tokyo?"'
    inject.write_text(text.replace(question, f"{question} {CJK}"), encoding="utf-8")
    return root


@pytest.fixture
def ttx(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `ttx ARGS…` in a folder; returns the exit code and what it printed."""

    def run(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def files_under(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file()}


def shipped_scenarios() -> list[str]:
    """Scenario ids in the repository that resolve without errors today."""
    workspace = load_workspace(REPO)
    usable = []
    for scenario_id in sorted(workspace.scenarios):
        try:
            resolve(workspace, scenario_id)
        except Exception:  # being authored concurrently; skip what does not validate
            continue
        usable.append(scenario_id)
    return usable
