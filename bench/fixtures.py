"""The files every benchmark run makes before measuring."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.measures import Fixtures
from bench.report_bench import make_session
from bench.workspace_gen import generate_workspace

REPO = Path(__file__).resolve().parents[1]
DELIVERED = "slbm-04-nhk-j-alert"
"""The inject delivered (to every delegation) in the slbm-launch session."""


def make_fixtures(root: Path, *, long_entries: int = 20_000, injects: int = 1000) -> Fixtures:
    """A 1,000-inject workspace, sessions of it and of slbm-launch, a 20,000-entry session."""
    from ttx.authoring.resolve import resolve_scenario
    from ttx.session.session import Session

    large = root / "large"
    scenario_id = generate_workspace(large, injects=injects)
    large_session = Session.start(resolve_scenario(scenario_id, cwd=large),
                                  large / "sessions" / "large.ttx")
    large_session.close()

    small = root / "small"
    seats_session = shutil.copy(small_session(small), small / "sessions" / "seats.ttx")

    long_session = make_session(root / "long.ttx", long_entries)
    return Fixtures(root=root, large_workspace=large,
                    large_session=large / "sessions" / "large.ttx",
                    small_session=small / "sessions" / "slbm.ttx", long_session=long_session,
                    seats_session=Path(seats_session))


def small_session(small: Path) -> Path:
    """The shipped slbm-launch scenario copied under `small`, and a session of it at
    `small/sessions/slbm.ttx` with one inject delivered (to every delegation)."""
    from ttx.authoring.resolve import resolve_scenario
    from ttx.session.session import Session

    for folder in ("scenarios", "injects", "handouts"):
        shutil.copytree(REPO / folder, small / folder)
    shutil.copy(REPO / "glossary.yaml", small / "glossary.yaml")
    session = Session.start(resolve_scenario("slbm-launch", cwd=small),
                            small / "sessions" / "slbm.ttx")
    session.deliver(DELIVERED)  # so a player seat opens on an inject to read
    session.close()
    return small / "sessions" / "slbm.ttx"
