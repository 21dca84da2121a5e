"""Player text is data in every format: never markup, never template code.

The fixed session holds moves, notes, observations and improvement items written to
break out: script tags, event-handler attributes, Jinja `{{ }}`/`{% %}`, Markdown
tables, headings, links and code spans. The HTML is opened in headless Chromium and
its DOM inspected; the Markdown is rendered by a CommonMark parser with raw HTML on;
the JSON is read back; the PDF is read back with `pdftotext` (in test_pdf.py).
"""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from tests.report.conftest import (
    CHROMIUM_FLAGS,
    HOSTILE_ACTION,
    HOSTILE_MOVE,
    HOSTILE_NOTE,
    HOSTILE_OBSERVATION,
    HOSTILE_OWNER,
    HOSTILE_TEXTS,
    Dom,
    require_tool,
)
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html, render_json, render_markdown

LITERALS = ["<script>alert(1)</script>", '" onmouseover="x', "{{ 7*7 }}", "{% raw %}",
            "| col |", "[link](javascript:x)", "`tick`", "**bold**", "# not a heading",
            "<img src=x onerror=alert(1)>", "{% if true %}yes{% endif %}",
            "{% raw %}{{ 7*7 }}{% endraw %}", "&amp;", "<!-- c -->"]
"""Pieces of the hostile texts that must read exactly so in every format."""


def flat(text: str) -> str:
    """Whitespace collapsed: line breaks are layout, not content."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def dom(report: AfterActionReport, tmp_path_factory: pytest.TempPathFactory) -> Dom:
    """The HTML report as Chromium built it, with scripts enabled (as a reader's is)."""
    chromium = require_tool("chromium")
    page = tmp_path_factory.mktemp("hostile") / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    try:
        result = subprocess.run([chromium, *CHROMIUM_FLAGS, "--dump-dom", page.as_uri()],
                                capture_output=True, text=True, timeout=60, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("Chromium never finished the page: a script (an alert() from player "
                    "text?) is blocking it")
    assert "</html>" in result.stdout, result.stderr[-2000:]
    parsed = Dom()
    parsed.feed(result.stdout)
    parsed.close()
    return parsed


def test_no_script_or_handler_came_from_player_text(dom: Dom) -> None:
    tags = [tag for tag, _attrs in dom.elements]
    assert "script" not in tags
    assert "img" not in tags  # the charts are inline SVG; an <img> is player text
    handlers = [(tag, name) for tag, attrs in dom.elements for name, _ in attrs
                if name.startswith("on")]
    assert handlers == []
    links = [value for tag, attrs in dom.elements if tag == "a" for name, value in attrs
             if name == "href"]
    assert all(link and link.startswith("#") for link in links), links


def test_no_element_has_a_stray_attribute(dom: Dom) -> None:
    """`" onmouseover="x` in a value must not have closed an attribute and opened one."""
    names = {name for _tag, attrs in dom.html_elements for name, _ in attrs}
    assert names <= {"lang", "class", "id", "href", "title", "role", "aria-label",
                     "aria-hidden", "scope", "colspan", "charset", "name", "content"}, names


def test_player_text_reads_literally_in_the_browser(dom: Dom) -> None:
    text = flat("".join(dom.text))
    for literal in LITERALS:
        assert flat(literal) in text, literal
    for hostile in (HOSTILE_MOVE, HOSTILE_NOTE, HOSTILE_OBSERVATION, HOSTILE_ACTION):
        assert flat(hostile) in text
    hostile_parts = [part for part in dom.text if "7*7" in part or "hover" in part]
    assert hostile_parts and not any(re.search(r"\b49\b", part) for part in hostile_parts)


def test_markdown_stays_text_when_rendered(report: AfterActionReport) -> None:
    """Through a CommonMark parser with raw HTML allowed (as GitHub's, before it
    sanitises), player text makes no tag, link, heading, table row or code span."""
    markdown_it = pytest.importorskip("markdown_it")
    source = render_markdown(report)
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(source)
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert not any(href.startswith("javascript:")
                   for href in re.findall(r'href="([^"]*)"', html))
    assert "<code>" not in html
    assert "<!-- c -->" not in html
    headings = re.findall(r"<h[1-6]>(.*?)</h[1-6]>", html)
    assert not any("not a heading" in heading for heading in headings)
    timeline = html.split("Appendix D. Timeline</h2>", 1)[1].split("</table>", 1)[0]
    assert timeline.count("<tr>") == len(report.timeline) + 1  # and the header row
    plan = html.split("Appendix A. Improvement plan</h2>", 1)[1].split("</table>", 1)[0]
    assert plan.count("<tr>") == len(report.improvement_plan) + 1
    text = flat(unescape(re.sub(r"<[^>]+>", " ", html)))
    for literal in LITERALS:
        assert flat(literal) in text, literal


def test_markdown_source_keeps_every_value_on_its_line(report: AfterActionReport) -> None:
    for line in render_markdown(report).splitlines():
        if line.startswith("#"):
            assert not re.search(r"not a heading|7\\\*7", line), line


def test_json_holds_the_exact_text(report: AfterActionReport) -> None:
    document = json.loads(render_json(report))
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(document)
    for hostile in HOSTILE_TEXTS:
        assert hostile in strings, hostile
    assert HOSTILE_OWNER in strings


def test_a_template_never_sees_player_text_as_code(tmp_path: Path,
                                                   report: AfterActionReport) -> None:
    """Even an organisation template that prints a value twice prints it as text."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.md.j2").write_text(
        "{% for row in report.timeline %}{{ row.text }}\n{{ row.text }}\n{% endfor %}")
    output = render_markdown(report, workspace=tmp_path)
    assert "49" not in output
    assert r"\{\{ 7\*7 \}\}" in output
