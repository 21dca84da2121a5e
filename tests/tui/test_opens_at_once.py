"""Which sessions `ttx run SESSION` opens before its first frame (small local files) and
which behind the opening frame (large files, servers, what cannot be looked at)."""

from __future__ import annotations

from pathlib import Path

from ttx.cli.console_commands import OPENS_AT_ONCE_BYTES, _opens_at_once


def test_a_small_file_opens_at_once_and_a_large_one_behind_the_opening_frame(
        tmp_path: Path) -> None:
    small, large = tmp_path / "small.ttx", tmp_path / "large.ttx"
    small.write_bytes(b"x" * 1000)
    large.write_bytes(b"x" * (OPENS_AT_ONCE_BYTES + 1))
    assert _opens_at_once(small)
    assert not _opens_at_once(large)


def test_a_server_or_a_missing_file_opens_behind_the_opening_frame(tmp_path: Path) -> None:
    assert not _opens_at_once("postgresql://host/db")
    assert not _opens_at_once(tmp_path / "gone.ttx")
