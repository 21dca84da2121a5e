"""Every test gets its own ttx cache folder: none ever reads or writes the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttx.session.disk_cache import CACHE_DIR_VARIABLE


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ttx-cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder
