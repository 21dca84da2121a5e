"""PDF for every ttx document: its printed HTML laid out by WeasyPrint.

The print layout (cover page, the classification marking at the top and bottom of
every page, "Page N of M", repeating table headers, rows kept whole, the DRAFT
watermark) lives in each document's stylesheet; this module picks the paper size,
keeps WeasyPrint off the network, writes a tagged PDF (headings, tables, lists and
reading order for screen readers: Section 508), and tells `progress` how far it is:
WeasyPrint announces each page it lays out on its `weasyprint.progress` logger, which
is listened to here. WeasyPrint is imported here, inside the function, and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
Progress = Callable[[str, float], None]
"""Told what the PDF is doing and roughly how much of the work is done (0 to 1)."""
LAYOUT_START, LAYOUT_END = 0.2, 0.85
"""The share of the work done when layout starts and when it ends (it is most of it)."""
PAGES_HALFWAY = 25
"""Layout reports pages, not a total: at this many pages the bar is halfway through it."""


def html_to_pdf(html: str, *, paper: str = "a4", progress: Progress | None = None,
                start: float = LAYOUT_START) -> bytes:
    """`html` (made for print) as tagged PDF bytes on A4 or US Letter paper; `progress`
    hears of each page laid out, from `start` on."""
    say = progress or (lambda _stage, _done: None)
    say("laying out pages", start)
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # !important: the chosen paper wins over the size a stylesheet gives for browsers.
    # A section on `page: wide` (an improvement plan of nine columns) prints landscape.
    page_size = CSS(string=f"@page {{ size: {PAPER_SIZES[paper]} !important; }} "
                           f"@page wide {{ size: {PAPER_SIZES[paper]} landscape !important; }}")
    # Only `data:` URLs (the charts' images): a document never reaches the network or disk.
    offline = URLFetcher(allowed_protocols={"data"})
    with _quiet_weasyprint(say):
        document = HTML(string=html, url_fetcher=offline).render(
            stylesheets=[page_size], pdf_tags=True)
        say(f"writing {len(document.pages)} pages", LAYOUT_END)
        data: bytes = document.write_pdf(pdf_tags=True)
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
