from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pdf: renders a PDF with WeasyPrint (seconds each); -m 'not pdf' skips them")
