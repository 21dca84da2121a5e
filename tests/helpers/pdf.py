"""Reading what poppler says about a PDF."""

from __future__ import annotations

import re

_PAGES = re.compile(r"^Pages:\s+(\d+)", re.M)


def page_count(pdfinfo_output: str) -> int:
    """The page count `pdfinfo` printed (the test fails when it printed none)."""
    found = _PAGES.search(pdfinfo_output)
    assert found is not None, f"pdfinfo printed no page count: {pdfinfo_output!r}"
    return int(found.group(1))
