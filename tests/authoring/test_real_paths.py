"""Which files a scenario plays, named by their real paths: a file found under the
workspace is its own real path; a symlinked one is followed to its target."""

from __future__ import annotations

import os
from pathlib import Path

from ttx.authoring.resolve import find_scenario, scenario_files


def test_a_scenario_names_its_files_and_follows_a_symlinked_one(workspace: Path) -> None:
    elsewhere = workspace / "injects" / "kept"
    elsewhere.mkdir()
    (workspace / "injects" / "launch.yaml").rename(elsewhere / "launch.yaml")
    (workspace / "injects" / "launch.yaml").symlink_to(Path("kept") / "launch.yaml")
    found, draft = find_scenario("drill", workspace)
    root = Path(os.path.realpath(workspace))
    assert scenario_files(found, draft) == {
        root / "scenarios" / "drill.yaml", root / "injects" / "kept" / "launch.yaml",
        root / "injects" / "decide.yaml", root / "injects" / "sub" / "follow-up.yaml"}
    assert found.linked_files == {root / "injects" / "launch.yaml"}


def test_only_a_path_outside_the_workspace_or_a_link_is_looked_up(workspace: Path,
                                                                  tmp_path: Path) -> None:
    found, _ = find_scenario("drill", workspace)
    inside = found.root / "injects" / "decide.yaml"
    assert found.real_path(inside) is inside
    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    outside = tmp_path / "alias" / "x.yaml"
    assert found.real_path(outside) == Path(os.path.realpath(tmp_path)) / "real" / "x.yaml"
    dotted = found.root / "injects" / ".." / "injects" / "decide.yaml"
    assert found.real_path(dotted) == inside
