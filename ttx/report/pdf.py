"""The PDF report: the HTML report printed by WeasyPrint with the stylesheet's @page rules.

The print layout (cover page, the classification marking at the top and bottom of
every page, "Page N of M", repeating table headers, rows kept whole, the DRAFT
watermark) lives in `report.css`; this module picks the paper size, keeps WeasyPrint
off the network, and tells `progress` how far it is: WeasyPrint announces each page
it lays out on its `weasyprint.progress` logger, which is listened to here.
WeasyPrint is imported here, inside the function, and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ttx.report.chart_process import ChartDrawer
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
Progress = Callable[[str, float], None]
"""Told what the PDF is doing and roughly how much of the work is done (0 to 1)."""
LAYOUT_START, LAYOUT_END = 0.2, 0.85
"""The share of the work done when layout starts and when it ends (it is most of it)."""
PAGES_HALFWAY = 25
"""Layout reports pages, not a total: at this many pages the bar is halfway through it."""


def render_pdf(report: AfterActionReport, *, workspace: Path | None = None,
               paper: str = "a4", draft: bool = False, progress: Progress | None = None,
               drawer: ChartDrawer | None = None) -> bytes:
    """The report as PDF bytes on A4 or US Letter paper."""
    say = progress or (lambda _stage, _done: None)
    say("rendering HTML", 0.05)
    html = render_html(report, workspace=workspace, draft=draft, for_print=True,
                       drawer=drawer)
    say("laying out pages", LAYOUT_START)
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # !important: the chosen paper wins over the size a stylesheet gives for browsers.
    page_size = CSS(string=f"@page {{ size: {PAPER_SIZES[paper]} !important; }}")
    # Only `data:` URLs (the charts' images): a report never reaches the network or disk.
    offline = URLFetcher(allowed_protocols={"data"})
    with _quiet_weasyprint(say):
        document = HTML(string=html, url_fetcher=offline).render(stylesheets=[page_size])
        say(f"writing {len(document.pages)} pages", LAYOUT_END)
        data: bytes = document.write_pdf()
    say("done", 1.0)
    return data


class _LayoutProgress(logging.Handler):
    """Turns WeasyPrint's 'Step 5 - Creating layout - Page N' records into progress."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.pages = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("Step 5") and record.args and "Page" in record.msg:
            page = record.args[0] if isinstance(record.args, tuple) else 0
            if isinstance(page, int) and page > self.pages:
                self.pages = page
                share = page / (page + PAGES_HALFWAY)
                self.progress(f"laying out page {page}",
                              LAYOUT_START + (LAYOUT_END - LAYOUT_START) * share)


@contextmanager
def _quiet_weasyprint(progress: Progress) -> Iterator[None]:
    """WeasyPrint logs every CSS rule it ignores; a report prints none of that, and only
    listens to its page-by-page progress."""
    logger = logging.getLogger("weasyprint")
    steps = logging.getLogger("weasyprint.progress")
    saved = [(each, each.level, each.propagate) for each in (logger, steps)]
    handler = _LayoutProgress(progress)
    logger.setLevel(logging.CRITICAL)
    steps.setLevel(logging.INFO)
    for each in (logger, steps):
        each.propagate = False
    steps.addHandler(handler)
    try:
        yield
    finally:
        steps.removeHandler(handler)
        for each, level, propagate in saved:
            each.setLevel(level)
            each.propagate = propagate
