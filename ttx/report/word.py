"""The Word report: the printed HTML report written by the shared Word writer
(`ttx.rendering.word`), the edition the after-action meeting edits."""

from __future__ import annotations

from pathlib import Path

from ttx.rendering.word import html_to_docx
from ttx.report.chart_process import ChartDrawer
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html


def render_docx(report: AfterActionReport, *, workspace: Path | None = None,
                paper: str = "a4", draft: bool = False,
                drawer: ChartDrawer | None = None) -> bytes:
    """The report as .docx bytes: Word headings, tables, the marking in header and footer."""
    html = render_html(report, workspace=workspace, draft=draft, for_print=True,
                       drawer=drawer)
    return html_to_docx(html, paper=paper, draft=draft)
