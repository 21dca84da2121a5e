"""Authoring faults are reported, never raised (issue 16, part 3): one regression test each.

Each asserts one positioned problem (or one `error:` line) and no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.authoring.conftest import INJECTS, SCENARIO, Problems
from ttx.authoring import yaml_source
from ttx.authoring.resolve import resolve_scenario
from ttx.errors import TtxError


def ttx(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # the timeout only keeps a regression (a hang) from stalling the suite
    return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and result.stderr.splitlines()[-1] == errors[0]
    return errors[0]


def test_session_start_with_a_model_broken_inject(workspace: Path) -> None:
    path = workspace / "injects" / "launch.yaml"
    path.write_text(INJECTS["launch.yaml"].replace("method: intel", "method: carrier-pigeon"))
    result = ttx("session", "start", "drill", cwd=workspace)
    assert _one_error_line(result) == ("error: scenario 'drill' has problems: 1 error(s); "
                                       "fix them or run 'ttx validate'")
    assert result.stderr.startswith("injects/launch.yaml:5:9: error: method: 'carrier-pigeon'")
    assert result.stdout == ""
    assert not list(workspace.rglob("*.ttx")), "nothing is written"


def test_resolve_refuses_an_inject_with_an_unknown_key(workspace: Path) -> None:
    path = workspace / "injects" / "decide.yaml"
    path.write_text(INJECTS["decide.yaml"] + "colour: red\n")
    with pytest.raises(TtxError) as refused:
        resolve_scenario("drill", workspace)
    assert refused.value.details[-1].endswith("decide.yaml:6:1: error: unknown key 'colour'")


def test_symlinked_inject_from_outside_is_refused_with_its_position(
        problems: Problems, workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: elsewhere\ntitle: X\nmethod: fax\n")
    (workspace / "injects" / "elsewhere.yaml").symlink_to(outside)
    assert problems() == [f"injects/elsewhere.yaml:1:1: error: a symlink to {outside}, outside "
                          "the workspace; ttx reads only files inside it: copy the file here"]


def test_symlink_inside_the_workspace_is_read(problems: Problems, workspace: Path) -> None:
    (workspace / "injects" / "alias.yaml").symlink_to(workspace / "injects" / "launch.yaml")
    found = problems()
    assert found == ["injects/launch.yaml:1:5: error: duplicate inject id 'launch' "
                     "(also in injects/alias.yaml:1:5)"]


def test_symlink_loop_is_one_problem_and_breaks_no_scenario(
        problems: Problems, workspace: Path) -> None:
    (workspace / "injects" / "loop-a.yaml").symlink_to("loop-b.yaml")
    (workspace / "injects" / "loop-b.yaml").symlink_to("loop-a.yaml")
    assert problems() == [
        "injects/loop-a.yaml:1:1: error: cannot read file: Too many levels of symbolic links",
        "injects/loop-b.yaml:1:1: error: cannot read file: Too many levels of symbolic links"]
    assert resolve_scenario("drill", workspace).scenario.id == "drill"
    result = ttx("validate", "injects/loop-a.yaml", cwd=workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("injects/loop-a.yaml:1:1: error: cannot read file")


def test_symlinked_folder_is_not_silently_skipped(problems: Problems, workspace: Path,
                                                  tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (workspace / "injects" / "shared").symlink_to(tmp_path / "shared")
    assert problems() == [f"injects/shared:1:1: error: a symlinked folder (to {tmp_path}/shared);"
                          " ttx does not follow it: move or copy the files here"]


def test_fifo_is_refused_without_waiting(workspace: Path) -> None:
    os.mkfifo(workspace / "injects" / "x.yaml")
    result = ttx("validate", cwd=workspace)
    assert result.returncode == 1
    assert result.stdout == ("injects/x.yaml:1:1: error: not a regular file (a FIFO); ttx reads "
                             "scenarios and injects from plain files\n")


def test_nul_in_an_attachment_path(problems: Problems) -> None:
    text = INJECTS["sub/follow-up.yaml"] + 'attachments: ["a\\0b.pdf"]\n'
    assert problems({"injects/sub/follow-up.yaml": text}) == [
        "injects/sub/follow-up.yaml:4:15: error: attachment path holds a control character; "
        "write a plain file path"]


def test_far_future_start_is_positioned(problems: Problems) -> None:
    text = SCENARIO.replace("2027-03-14T05:30:00+09:00", "9999-12-31T22:00:00-12:00")
    assert problems({"scenarios/drill.yaml": text}) == [
        "scenarios/drill.yaml:3:8: error: start: '9999-12-31T22:00:00-12:00' is out of range: "
        "game time must fall between the years 1000 and 9000"]


def test_far_past_start_is_positioned(problems: Problems) -> None:
    text = SCENARIO.replace("2027-03-14T05:30:00+09:00", "0001-01-01T00:00:00+09:00")
    assert problems({"scenarios/drill.yaml": text}) == [
        "scenarios/drill.yaml:3:8: error: start: '0001-01-01T00:00:00+09:00' is out of range: "
        "game time must fall between the years 1000 and 9000"]


def test_new_inject_with_a_300_character_id(workspace: Path) -> None:
    result = ttx("new", "inject", "a" * 300, cwd=workspace)
    assert _one_error_line(result) == ("error: the id is 300 characters long; an id has at "
                                       "most 120, as it names a file")
    assert not any(len(p.name) > 200 for p in (workspace / "injects").iterdir())


def test_new_inject_where_the_folder_cannot_be_made(workspace: Path) -> None:
    (workspace / "injects").rename(workspace / "old-injects")
    (workspace / "injects").write_text("a file where the folder should be\n")
    result = ttx("new", "inject", "fresh", cwd=workspace)
    assert _one_error_line(result).startswith("error: cannot write ")


@pytest.mark.parametrize(("raw", "position", "code"), [
    (b"id: nul\ntitle: a\x00b\n", "2:9", "0000"),
    (b"id: c1\ntitle: a\xc2\x85b\xc2\x9bx\n", "2:11", "009B"),
    (b"id: esc\nbody: |\n  line\n  \x1b]52;c;aGk=\x07\n", "4:3", "001B"),
])
def test_control_characters_are_reported_where_they_are(
        problems: Problems, raw: bytes, position: str, code: str) -> None:
    assert problems({"injects/ctl.yaml": raw}) == [
        f"injects/ctl.yaml:{position}: error: control character U+{code} is not allowed "
        "in a YAML file"]


def test_plain_merge_sign_as_a_value_is_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: merge\ntitle: <<\ntags: [<<, '<<']\n", encoding="utf-8")
    assert yaml_source.parse_yaml(path).data == {"id": "merge", "title": "<<",
                                                 "tags": ["<<", "<<"]}


def test_merge_key_still_merges(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("base: &b {title: T}\nfull:\n  <<: *b\n  id: x\n", encoding="utf-8")
    assert yaml_source.parse_yaml(path).data["full"] == {"id": "x", "title": "T"}


def test_aliases_are_bounded_by_the_text_they_expand_to(problems: Problems) -> None:
    text = 'a: &a "' + "x" * 30_000 + '"\nb: [' + ", ".join(["*a"] * 5_000) + "]\n"
    assert len(text) < 60_000, "a small file ..."
    assert problems({"injects/expand.yaml": text}) == [
        "injects/expand.yaml:1:1: error: more than 8,388,608 characters of text after expanding "
        "aliases (an alias bomb?); refused"]


def test_unclosed_quote_is_reported_at_its_opening_quote(problems: Problems) -> None:
    found = problems({"injects/quote.yaml": 'id: quote\ntitle: "Share now\nbody: x\n\nnotes: y\n'})
    assert found == ["injects/quote.yaml:2:8: error: YAML syntax: this quoted text is never "
                     'closed: no matching " before the end of the file']


def test_duplicate_key_hides_nothing_else(problems: Problems) -> None:
    text = INJECTS["decide.yaml"].replace("to: [JPN, ROK]", "to: [JPN, KOR]") + "title: Again\n"
    assert problems({"injects/decide.yaml": text}) == [
        "injects/decide.yaml:3:11: error: role 'KOR' is not a role of scenario 'drill' "
        "(did you mean 'ROK'?)",
        "injects/decide.yaml:6:1: error: duplicate key 'title' (first at line 2)"]
