"""Render a document before play as HTML, PDF or Word, on the AAR's rendering layer.

The templates are ttx's (`ttx/docs/templates`) unless a workspace's `reports/` folder
holds one of the same name; the stylesheet is the report's (`report.css`: the marking,
fonts, page furniture and tables every ttx document shares) followed by `docs.css`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ttx.docs.model import ExerciseDocument
from ttx.rendering import environment as templates
from ttx.rendering.pdf import html_to_pdf
from ttx.rendering.word import html_to_docx
from ttx.report.render import BUILT_IN_TEMPLATES as REPORT_TEMPLATES

BUILT_IN_TEMPLATES = Path(__file__).parent / "templates"
STYLESHEETS = ("report.css", "docs.css")
FRONT = [("overview", "Exercise overview"), ("objectives", "Objectives and core capabilities"),
         ("schedule", "Schedule of modules"), ("scenario", "The road to crisis")]
SECTIONS = {"sitman": FRONT, "guide": FRONT, "eeg": [("rating-key", "Rating key")]}
"""The fixed sections of each kind; the modules (or the objectives' EEGs) follow."""
FORMATS = ("html", "pdf", "docx")


def render_html(document: ExerciseDocument, *, workspace: Path | None = None,
                draft: bool = False, for_print: bool = False) -> str:
    """The document as one self-contained HTML file."""
    folders = [*templates.template_folders(workspace, BUILT_IN_TEMPLATES), REPORT_TEMPLATES]
    environment = templates.html_environment(folders, for_print=for_print)
    stylesheet = Markup("\n").join(templates.stylesheet(environment, name)
                                   for name in STYLESHEETS)
    context: dict[str, Any] = {
        "document": document, "draft": draft, "for_print": for_print,
        "stylesheet": stylesheet, "sections": _sections(document)}
    return templates.render_template(environment, f"{document.kind}.html.j2", context,
                                     label="document template")


def render(document: ExerciseDocument, document_format: str, *,
           workspace: Path | None = None, paper: str = "a4", draft: bool = False) -> bytes:
    """The document as bytes in `document_format` (html, pdf or docx)."""
    if document_format == "html":
        return render_html(document, workspace=workspace, draft=draft).encode("utf-8")
    html = render_html(document, workspace=workspace, draft=draft, for_print=True)
    if document_format == "pdf":
        return html_to_pdf(html, paper=paper)
    return html_to_docx(html, paper=paper, draft=draft)


def _sections(document: ExerciseDocument) -> list[tuple[str, str]]:
    sections = list(SECTIONS[document.kind])
    if document.kind == "eeg":
        sections += [(f"eeg-{o.id}", f"EEG — {o.id}") for o in document.objectives]
    else:
        sections += [(f"module-{m.id}", m.title) for m in document.modules]
    return sections
