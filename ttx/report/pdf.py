"""The PDF report: the HTML report printed by the shared PDF writer (`ttx.rendering.pdf`)."""

from __future__ import annotations

from pathlib import Path

from ttx.rendering.pdf import Progress, html_to_pdf
from ttx.report.chart_process import ChartDrawer
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html


def render_pdf(report: AfterActionReport, *, workspace: Path | None = None,
               paper: str = "a4", draft: bool = False, progress: Progress | None = None,
               drawer: ChartDrawer | None = None) -> bytes:
    """The report as tagged PDF bytes on A4 or US Letter paper."""
    say = progress or (lambda _stage, _done: None)
    say("rendering HTML", 0.05)
    html = render_html(report, workspace=workspace, draft=draft, for_print=True,
                       drawer=drawer)
    return html_to_pdf(html, paper=paper, progress=say)
