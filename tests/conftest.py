"""No test ever reads or writes the user's ttx cache: the run has its own folder (for
session-wide fixtures), and each test its own."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from ttx.session.disk_cache import CACHE_DIR_VARIABLE

_RUN_CACHE = tempfile.mkdtemp(prefix="ttx-test-cache-")
os.environ[CACHE_DIR_VARIABLE] = _RUN_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_RUN_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ttx-cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder
