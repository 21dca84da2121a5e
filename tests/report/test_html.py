"""The HTML report: contracted sections in order, one self-contained file, languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.report.conftest import JAPANESE, KOREAN
from ttx.report.model import AfterActionReport
from ttx.report.render import SECTIONS, render_html

CONTRACT_SECTIONS = ["overview", "summary", "timeline", "decisions", "coordination",
                     "objectives", "improvement-plan", "participants", "msel"]
"""docs/design.md, "Reports and documents": the contracted section ids."""
HSEEP_ORDER = ["summary", "overview", "objectives", "improvement-plan", "participants",
               "acronyms", "timeline", "decisions", "coordination", "expected", "msel",
               "corrections"]
"""The HSEEP AAR/IP's order (issue 19): executive summary, overview, analysis, the
appendices A–C, then the record appendices."""
URL_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster",
                  "data", "background", "cite", "longdesc", "manifest", "ping"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each `lang` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.lang_text: dict[str, list[str]] = {}
        self._lang_stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_style = tag == "style"
        if tag not in {"br", "col", "meta", "img", "input", "link", "hr", "path", "use"}:
            self._lang_stack.append(attributes.get("lang"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if tag not in {"br", "col", "meta", "img", "input", "link", "hr", "path", "use"} \
                and self._lang_stack:
            self._lang_stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
        language = next((lang for lang in reversed(self._lang_stack) if lang), None)
        if language:
            self.lang_text.setdefault(language, []).append(data)


@pytest.fixture(scope="module")
def html(report: AfterActionReport) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_every_contracted_section_is_there_in_hseep_order(elements: Elements) -> None:
    ids = [attributes["id"] for tag, attributes in elements.tags
           if tag == "section" and attributes.get("id") and attributes["id"] != "handling"]
    assert set(CONTRACT_SECTIONS) <= set(ids)
    assert ids == HSEEP_ORDER == [section_id for section_id, _title in SECTIONS]
    front = [attributes.get("id") for tag, attributes in elements.tags
             if attributes.get("id") in {"cover", "handling", "contents", "summary"}]
    assert front == ["cover", "handling", "contents", "summary"]  # HSEEP's front matter


def test_the_contents_link_to_every_section(elements: Elements) -> None:
    links = [attributes["href"] for tag, attributes in elements.tags if tag == "a"]
    assert links == [f"#{section_id}" for section_id, _title in SECTIONS]


def test_the_file_fetches_nothing(html: str, elements: Elements) -> None:
    """One self-contained file: no scripts, stylesheets, fonts or images from anywhere."""
    tags = {tag for tag, _attributes in elements.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed", "img", "base"}
    for tag, attributes in elements.tags:
        for name, value in attributes.items():
            if name in URL_ATTRIBUTES:
                assert value is not None
                assert value.startswith(("#", "data:")), f"<{tag} {name}={value!r}>"
    css = "\n".join(elements.styles)
    assert css.strip(), "the stylesheet is inline"
    assert "@import" not in css
    for url in re.findall(r"url\(\s*([^)]*)\)", css + html):
        assert url.strip("'\"").startswith(("#", "data:")), url
    assert "@font-face" not in css  # fonts come from the reader's system, never fetched


def test_charts_are_inline_svg_with_their_own_ids(html: str) -> None:
    assert html.count("<svg") == 2
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "two charts on one page must not share an id"
    assert not re.search(r"<\?xml|<!DOCTYPE svg", html)


def test_korean_and_japanese_text_carry_their_language(elements: Elements) -> None:
    assert KOREAN in "".join(elements.lang_text["ko"])
    assert JAPANESE in "".join(elements.lang_text["ja"])


def test_amended_entries_are_marked(html: str) -> None:
    row = next(line for line in html.splitlines() if "Please pass our findings to Seoul." in line)
    assert "badge amended" in row
    assert "findngs" not in html  # the original wording stays in the journal only


def test_retracted_entries_are_only_in_the_appendix(html: str) -> None:
    before, appendix = html.split('<section id="corrections"', 1)
    assert "Recorded against the wrong role." not in before
    assert "Recorded against the wrong role." in appendix


def test_draft_is_marked(report: AfterActionReport) -> None:
    draft = render_html(report, draft=True)
    assert "<title>DRAFT — " in draft
    assert 'class="watermark"' in draft
    assert 'class="watermark"' not in render_html(report)


def test_the_screen_report_lists_every_timeline_entry(report: AfterActionReport,
                                                      html: str) -> None:
    body = html.split('<table class="timeline">', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr class=\"row-") == len(report.timeline)
