"""The PDF report: the HTML report printed by WeasyPrint with the stylesheet's @page rules.

The print layout (cover page, the classification marking at the top and bottom of
every page, "Page N of M", repeating table headers, rows kept whole, the DRAFT
watermark) lives in `report.css`; this module picks the paper size, keeps WeasyPrint
off the network, and says on `progress` what stage it is in, since WeasyPrint
cannot report its own progress. WeasyPrint is imported here, inside the function,
and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ttx.report.model import AfterActionReport
from ttx.report.render import render_html

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
Progress = Callable[[str], None]


def render_pdf(report: AfterActionReport, *, workspace: Path | None = None,
               paper: str = "a4", draft: bool = False,
               progress: Progress | None = None) -> bytes:
    """The report as PDF bytes on A4 or US Letter paper."""
    say = progress or (lambda _message: None)
    say("rendering HTML…")
    html = render_html(report, workspace=workspace, draft=draft, for_print=True)
    say("laying out pages…")
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    page_size = CSS(string=f"@page {{ size: {PAPER_SIZES[paper]}; }}")
    # Only `data:` URLs (the charts' images): a report never reaches the network or disk.
    offline = URLFetcher(allowed_protocols={"data"})
    with _quiet_weasyprint():
        document = HTML(string=html, url_fetcher=offline).render(
            stylesheets=[page_size])
        say(f"laid out {len(document.pages)} pages; writing PDF…")
        data: bytes = document.write_pdf()
    return data


@contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """WeasyPrint logs every CSS rule it ignores; a report command prints none of that."""
    logger = logging.getLogger("weasyprint")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate
