"""A workspace's templates and stylesheet are data too: the sandbox and the `<style>` wall.

An organisation's `reports/` folder replaces ttx's templates. Its templates run in
Jinja2's sandbox: the published escapes from a template to Python fail with one error
line and run nothing. Its stylesheet is inserted so that it cannot close its `<style>`
element: Chromium, with scripts on, builds no script element from it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.report.conftest import CHROMIUM_FLAGS, Dom, refused, require_tool
from ttx.report.model import AfterActionReport
from ttx.report.render import render_html

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ report.__class__.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ report.overview.name.format.__globals__ }}",
    "{% set x = report.timeline.append(1) %}{{ x }}",
]
"""Published ways out of a Jinja2 template into Python (and one mutation of the data)."""


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("template", ["report.html.j2", "report.md.j2"])
def test_an_escape_from_a_template_is_one_error_line(session: Path,
                                                     escape: str, template: str) -> None:
    workspace = session.parents[1]
    (workspace / "reports").mkdir()
    (workspace / "reports" / template).write_text(f"<p>{escape}</p>\n")
    report_format = "html" if template.endswith("html.j2") else "md"
    line = refused("report", str(session), "--format", report_format, "-o", "-",
                   cwd=workspace)
    assert line.startswith(f"error: report template {template}: "), line
    assert "unsafe" in line or "immutable" in line or "undefined" in line, line
    assert not (workspace / "PWNED").exists()


def test_a_harmless_organisation_template_still_works(session: Path,
                                                      tmp_path: Path) -> None:
    """The sandbox refuses Python, not templating: loops, filters and methods on
    strings still work."""
    from ttx.cli import main

    workspace = session.parents[1]
    (workspace / "reports").mkdir()
    (workspace / "reports" / "report.md.j2").write_text(
        "{{ report.overview.name|upper }}\n{% for row in report.timeline[:2] %}"
        "{{ row.seq }} {{ row.text.split()|length }}\n{% endfor %}")
    target = tmp_path / "ours.md"
    assert main(["report", str(session), "-o", str(target)]) == 0
    assert target.read_text().startswith("EXAMPLE")


def test_a_stylesheet_cannot_close_its_style_element(
        report: AfterActionReport, tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.css").write_text(
        "body { color: #123456; }\n"
        "/* </style><script>document.title = 'pwned'</script> */\n"
        "h1::after { content: \"</style><script>alert(1)</script>\"; }\n"
        "</STYLE ><script>document.body.remove()</script><style>\n")
    page = tmp_path / "report.html"
    page.write_text(render_html(report, workspace=tmp_path), encoding="utf-8")
    result = subprocess.run([chromium, *CHROMIUM_FLAGS, "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=60, check=True)
    dom = Dom()
    dom.feed(result.stdout)
    dom.close()
    tags = [tag for tag, _attributes in dom.elements]
    assert "script" not in tags
    # one of ours; the charts' inline SVG carries its own
    assert [tag for tag, _attributes in dom.html_elements].count("style") == 1
    assert "<title>" in result.stdout and "pwned" not in result.stdout.split("</title>")[0]
    assert "<main>" in result.stdout  # the body is all there
    assert "color: #123456" in result.stdout  # the stylesheet itself still arrives
