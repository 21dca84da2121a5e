"""Render the report model as HTML, Markdown or JSON with Jinja2 templates.

Templates are looked up in the workspace's `reports/` folder first and then in the
ones shipped with ttx, by file name (`report.html.j2`, `report.md.j2`, `report.css`),
so an organisation can print its own format. Player text only ever reaches a template
as data: the HTML environment autoescapes, the Markdown one escapes every printed
value for Markdown, and no text from a session is ever compiled as a template.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup

from ttx.errors import TtxError
from ttx.report.chart_process import ChartDrawer
from ttx.report.charts import chart_data
from ttx.report.formatting import FILTERS, authored_html, authored_markdown, lang_attr
from ttx.report.markdown_escape import MarkdownSafe, finalize
from ttx.report.model import AfterActionReport
from ttx.report.printed import PrintedReport, printed_report
from ttx.report.rows import AMENDED_BADGE, timeline_html, timeline_rows

BUILT_IN_TEMPLATES = Path(__file__).parent / "templates"
HTML_TEMPLATE = "report.html.j2"
MARKDOWN_TEMPLATE = "report.md.j2"
STYLESHEET = "report.css"
SECTIONS = (
    ("overview", "Exercise overview"),
    ("summary", "Summary"),
    ("timeline", "Timeline"),
    ("decisions", "Decisions"),
    ("coordination", "Coordination"),
    ("objectives", "Objectives and core capabilities"),
    ("improvement-plan", "Improvement plan"),
    ("participants", "Participants"),
    ("msel", "The MSEL as played"),
    ("retracted", "Appendix A. Retracted entries"),
)
"""Section ids in their contracted order, with the titles the contents list shows."""
CHART_SLOTS = {"swimlane": Markup("<!--ttx:chart:swimlane-->"),
               "heatmap": Markup("<!--ttx:chart:heatmap-->")}
"""What a template's `{{ charts.swimlane }}` prints until the chart is drawn. Player
text cannot hold one: in the HTML its `<` is always escaped."""
def template_folders(workspace: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the workspace's, then ours."""
    folders = [workspace / "reports"] if workspace is not None else []
    return [*[f for f in folders if f.is_dir()], BUILT_IN_TEMPLATES]


def html_environment(workspace: Path | None = None) -> Environment:
    """The HTML environment: autoescaped, with the report filters and `lang_attr`."""
    environment = _environment(workspace, autoescape=True)
    environment.filters.update(lang_attr=lang_attr, authored=authored_html)
    return environment


def markdown_environment(workspace: Path | None = None) -> Environment:
    """The Markdown environment: every printed value is escaped for Markdown."""
    environment = _environment(workspace, autoescape=False, finalize=finalize)
    environment.filters["authored"] = authored_markdown
    return environment


def _environment(workspace: Path | None, **options: Any) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in template_folders(workspace)])
    environment = Environment(loader=loader, undefined=StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True, **options)
    environment.filters.update(FILTERS)
    return environment


def render_html(report: AfterActionReport, *, workspace: Path | None = None,
                draft: bool = False, for_print: bool = False,
                drawer: ChartDrawer | None = None) -> str:
    """The report as one self-contained HTML file (inline CSS and SVG charts); `for_print`
    is the HTML the PDF is made from, with very long lists cut (`ttx.report.printed`).
    `drawer` is a chart process the caller started early; without one, one is started
    here, to draw while the tables are rendered."""
    environment = html_environment(workspace)
    stylesheet = Markup(_source(environment, STYLESHEET))
    with ExitStack() as stack:
        if drawer is None:
            drawer = stack.enter_context(ChartDrawer())
        # The charts always count every entry, also when print lists fewer.
        drawer.send(chart_data(report))
        printed = printed_report(report) if for_print else PrintedReport(report)
        context = {
            "report": printed.report, "draft": draft, "for_print": for_print,
            "sections": SECTIONS, "print_notes": printed.notes, "stylesheet": stylesheet,
            "charts": CHART_SLOTS, "timeline_html": timeline_html(printed.report.timeline),
            "amended_badge": AMENDED_BADGE,
        }
        html = _render(environment, HTML_TEMPLATE, context)
        charts = drawer.charts()  # drawn meanwhile
    html = html.replace(CHART_SLOTS["swimlane"], charts.swimlane, 1)
    return html.replace(CHART_SLOTS["heatmap"], charts.heatmap, 1)


def render_markdown(report: AfterActionReport, *, workspace: Path | None = None,
                    draft: bool = False) -> str:
    """The report as GitHub-flavoured Markdown."""
    environment = markdown_environment(workspace)
    return _render(environment, MARKDOWN_TEMPLATE, {
        "report": report, "draft": draft, "br": MarkdownSafe("<br>"),
        "timeline_rows": timeline_rows(report.timeline)})


def render_json(report: AfterActionReport) -> str:
    """The report model itself, as JSON."""
    return report.model_dump_json(indent=2) + "\n"


def _render(environment: Environment, name: str, context: dict[str, Any]) -> str:
    """Render template `name`; a broken (organisation) template is one `error:` line."""
    try:
        text: str = environment.get_template(name).render(context)
    except TemplateNotFound:
        raise TtxError(f"no report template '{name}'") from None
    except TemplateSyntaxError as error:
        raise TtxError(f"{error.filename or name}:{error.lineno}: report template: "
                       f"{error.message}") from None
    except TemplateError as error:
        raise TtxError(f"report template {name}: {error}") from None
    return text


def _source(environment: Environment, name: str) -> str:
    """A file from the template folders as it is (the stylesheet is not a template)."""
    assert environment.loader is not None
    try:
        source, _filename, _uptodate = environment.loader.get_source(environment, name)
    except TemplateNotFound:
        raise TtxError(f"no report stylesheet '{name}'") from None
    return source
