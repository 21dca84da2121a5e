"""Render the report model as HTML, Markdown or JSON with Jinja2 templates.

Templates are looked up in the workspace's `reports/` folder first and then in the
ones shipped with ttx, by file name (`report.html.j2`, `report.md.j2`, `report.css`),
so an organisation can print its own format. The environments, their sandbox and the
stylesheet's insertion are the shared rendering layer's (`ttx.rendering.environment`).
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from ttx.rendering import environment as templates
from ttx.rendering.markdown_escape import MarkdownSafe
from ttx.report.chart_process import ChartDrawer
from ttx.report.charts import chart_data
from ttx.report.fragments import Fragments
from ttx.report.long_tables import long_tables
from ttx.report.model import AfterActionReport
from ttx.report.printed import PrintedReport, printed_report
from ttx.report.rows import AMENDED_BADGE, timeline_rows

BUILT_IN_TEMPLATES = Path(__file__).parent / "templates"
HTML_TEMPLATE = "report.html.j2"
MARKDOWN_TEMPLATE = "report.md.j2"
STYLESHEET = "report.css"
SECTIONS = (
    ("summary", "Executive summary"),
    ("overview", "Exercise overview"),
    ("objectives", "Analysis of core capabilities"),
    ("improvement-plan", "Appendix A. Improvement plan"),
    ("participants", "Appendix B. Exercise participants"),
    ("acronyms", "Appendix C. Acronyms"),
    ("timeline", "Appendix D. Timeline"),
    ("decisions", "Appendix E. Decision log"),
    ("coordination", "Appendix F. Coordination ledger"),
    ("expected", "Appendix G. Expected actions and what was done"),
    ("msel", "Appendix H. The MSEL as played"),
    ("corrections", "Appendix I. Corrections"),
)
"""Section ids (the contracted ones and the HSEEP additions) in HSEEP's order, with the
titles the contents list shows."""
def sections_of(report: AfterActionReport) -> list[tuple[str, str]]:
    """The sections `report` holds, for its contents list: all of them, or a delegation
    edition's."""
    omitted = report.edition.omitted if report.edition else []
    return [(section, title) for section, title in SECTIONS if section not in omitted]


def template_folders(workspace: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the workspace's, then ours."""
    return templates.template_folders(workspace, BUILT_IN_TEMPLATES)


def html_environment(workspace: Path | None = None, *, for_print: bool = False) -> Any:
    """The report's HTML environment (sandboxed, autoescaped; ready for print)."""
    return templates.html_environment(template_folders(workspace), for_print=for_print)


def markdown_environment(workspace: Path | None = None) -> Any:
    """The report's Markdown environment (sandboxed, Markdown-escaped)."""
    return templates.markdown_environment(template_folders(workspace))


def render_html(report: AfterActionReport, *, workspace: Path | None = None,
                draft: bool = False, for_print: bool = False,
                drawer: ChartDrawer | None = None) -> str:
    """The report as one self-contained HTML file (inline CSS and SVG charts); `for_print`
    is the HTML the PDF is made from, with very long lists cut (`ttx.report.printed`).
    `drawer` is a chart process the caller started early; without one, one is started
    here, to draw while the tables are rendered."""
    environment = html_environment(workspace, for_print=for_print)
    stylesheet = templates.stylesheet(environment, STYLESHEET)
    fragments = Fragments()
    charts = {"swimlane": fragments.hold(), "routes": fragments.hold()}
    with ExitStack() as stack:
        if drawer is None:
            drawer = stack.enter_context(ChartDrawer())
        # The charts always count every entry, also when print lists fewer.
        drawer.send(chart_data(report))
        printed = printed_report(report) if for_print else PrintedReport(report)
        context = {
            "report": printed.report, "draft": draft, "for_print": for_print,
            "sections": sections_of(report),
            "section_numbers": {section: n for n, (section, _) in enumerate(SECTIONS, 1)},
            "print_notes": printed.notes, "stylesheet": stylesheet, "charts": charts,
            **fragments.hold_all(long_tables(printed.report, for_print=for_print)),
            "amended_badge": AMENDED_BADGE,
        }
        html = templates.render_template(environment, HTML_TEMPLATE, context,
                                       label="report template")
        drawn = drawer.charts()  # drawn meanwhile
    fragments.fill(charts["swimlane"], drawn.swimlane)
    fragments.fill(charts["routes"], drawn.routes)
    return fragments.splice(html)


def render_markdown(report: AfterActionReport, *, workspace: Path | None = None,
                    draft: bool = False) -> str:
    """The report as GitHub-flavoured Markdown."""
    environment = markdown_environment(workspace)
    return templates.render_template(environment, MARKDOWN_TEMPLATE, {
        "report": report, "draft": draft, "br": MarkdownSafe("<br>"),
        "timeline_rows": timeline_rows(report.timeline)}, label="report template")


def render_json(report: AfterActionReport) -> str:
    """The report model itself, as JSON."""
    return report.model_dump_json(indent=2) + "\n"
