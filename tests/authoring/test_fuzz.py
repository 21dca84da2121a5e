"""Random edits of valid files only ever yield problems, never exceptions."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.authoring.conftest import INJECTS, SCENARIO
from ttx.authoring.workspace import load_workspace

FILES = {"scenarios/drill.yaml": SCENARIO, **{f"injects/{k}": v for k, v in INJECTS.items()}}
YAML_NOISE = st.sampled_from(
    [":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!x ", "\t", "\n", "  ", "#",
     "'", '"', "|", ">", "~", "+1:00", "OBJ-9", "US", "all", "null", "\x00", "é", "한", "<<: *a"])


@st.composite
def edited_file(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(FILES)))
    text = FILES[name]
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "delete":
            end = min(len(text), position + draw(st.integers(1, 12)))
            text = text[:position] + text[end:]
        else:
            noise = draw(st.one_of(YAML_NOISE, st.text(max_size=6)))
            cut = position + (draw(st.integers(1, 6)) if action == "replace" else 0)
            text = text[:position] + noise + text[cut:]
    return name, text


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=edited_file())
def test_random_edits_give_problems_not_exceptions(workspace: Path, edit: tuple[str, str]) -> None:
    name, text = edit
    (workspace / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load_workspace(workspace)
        for problem in loaded.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert str(problem).startswith(str(problem.path))
    finally:
        (workspace / name).write_text(FILES[name], encoding="utf-8")
