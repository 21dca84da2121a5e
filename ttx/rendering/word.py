"""Word (.docx) for every ttx document: its HTML, written as a Word document.

The templates that make a document's HTML make its Word edition too, so the two say
the same thing in the same order. HTML is read with the WHATWG parser WeasyPrint uses
(tinyhtml5) and written with python-docx:

* `h1` is the document's Title; `h2`, `h3`, `h4` are Word's Heading 1, 2, 3, so the
  navigation pane and a table of contents work; the contents list (`nav.contents`)
  becomes a TOC field that Word fills on opening (its entries are its text until then);
* tables are Word tables (header rows repeat on every page), lists are Word lists;
* the classification marking (the `.marking` paragraph) stands in every page's header
  and footer, with "Page N of M" in the footer; a draft says DRAFT there too;
* East Asian text is set in Noto Sans CJK (KR for Korean, JP otherwise) through the
  runs' East Asian font, the slot Word uses for Hangul and Kanji.

Charts (inline SVG) are left out with a note: the PDF and HTML editions carry them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ttx.model.wording import one_line
from ttx.rendering.formatting import language_of
from ttx.rendering.word_xml import (
    complex_field_end,
    complex_field_start,
    east_asian_font,
    field,
    shade,
)

XHTML = "{http://www.w3.org/1999/xhtml}"
LATIN_FONT = "Noto Sans"
EAST_ASIAN_FONTS = {"ko": "Noto Sans CJK KR", "ja": "Noto Sans CJK JP"}
DEFAULT_EAST_ASIAN = EAST_ASIAN_FONTS["ja"]
PAPER_SIZES = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
HEADINGS = {"h2": 1, "h3": 2, "h4": 3}
SKIPPED_TAGS = {"head", "style", "script", "svg", "title", "colgroup", "col", "template"}
SKIPPED_CLASSES = {"marking", "watermark", "screen-only", "skip-word"}
BLOCK_TAGS = {"p", "div", "section", "article", "header", "main", "nav", "figure",
              "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "table", "h1", "h2", "h3",
              "h4", "h5", "h6", "blockquote", "pre", "aside", "footer"}
MUTED = RGBColor(0x5F, 0x63, 0x68)
CHART_NOTE = "Chart: in the PDF and HTML editions of this document."


@dataclass(frozen=True)
class Style:
    """How an inline run is set."""

    bold: bool = False
    italic: bool = False
    muted: bool = False
    language: str | None = None


def html_to_docx(html: str, *, paper: str = "a4", draft: bool = False) -> bytes:
    """The printed HTML of a document as .docx bytes."""
    import tinyhtml5

    root = tinyhtml5.parse(html)
    body = _child(root, "body")
    marking = " ".join(_text(m) for m in _find_class(root, "marking-top")) or ""
    title = " ".join(_text(t) for t in root.iter(f"{XHTML}title")).strip()
    document = Document()
    _set_up(document, paper=paper, marking=marking, title=title, draft=draft)
    writer = _Writer(document)
    if body is not None:
        writer.blocks(body)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _set_up(document: Any, *, paper: str, marking: str, title: str, draft: bool) -> None:
    width, height = PAPER_SIZES[paper]
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)
    document.core_properties.title = title
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(10)
    east_asian_font(normal.element.get_or_add_rPr(), DEFAULT_EAST_ASIAN)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = styles[name]
        style.font.name = LATIN_FONT
        east_asian_font(style.element.get_or_add_rPr(), DEFAULT_EAST_ASIAN)
    # Word updates the TOC field when the document is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    line = f"DRAFT — {marking}" if draft and marking else marking or ("DRAFT" if draft else "")
    _marking(section.header.paragraphs[0], line)
    footer = section.footer.paragraphs[0]
    _marking(footer, line)
    page = section.footer.add_paragraph()
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(page, "Page ", size=Pt(7.5))
    field(page, "PAGE")
    _run(page, " of ", size=Pt(7.5))
    field(page, "NUMPAGES")


def _marking(paragraph: Any, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(paragraph, text, size=Pt(8.5))
    run.bold = True
    run.font.color.rgb = RGBColor(0x0B, 0x6E, 0x2E)


def _run(paragraph: Any, text: str, *, size: Any = None) -> Any:
    run = paragraph.add_run(text)
    if size is not None:
        run.font.size = size
    language = language_of(text)
    if language:
        east_asian_font(run._r.get_or_add_rPr(), EAST_ASIAN_FONTS[language], language)
    return run


class _Writer:
    """Walks the HTML body and writes Word blocks."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def blocks(self, element: Element, container: Any = None) -> None:
        """Write the block content of `element` into `container` (the body or a cell)."""
        target = container if container is not None else self.document
        loose: list[Element | str] = []
        for item in _items(element):
            if isinstance(item, str) or _tag(item) not in BLOCK_TAGS:
                loose.append(item)
                continue
            self._loose(loose, target)
            self.block(item, target)
        self._loose(loose, target)

    def _loose(self, loose: list[Element | str], target: Any) -> None:
        """Inline content between blocks becomes one paragraph."""
        if loose and "".join(_inline_text(i) for i in loose).strip():
            paragraph = target.add_paragraph()
            for item in loose:
                self.inline(item, paragraph, Style())
        loose.clear()

    def block(self, element: Element, target: Any) -> None:
        tag, classes = _tag(element), _classes(element)
        if tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            return
        if tag == "nav" and "contents" in classes:
            self.contents(element)
            return
        if "wide" in classes and target is self.document:
            self._turn(WD_ORIENT.LANDSCAPE)  # what the print layout's `page: wide` does
            self.blocks(element, target)
            self._turn(WD_ORIENT.PORTRAIT)
            return
        if tag == "h1":
            self.paragraph(element, target, style="Title")
        elif tag in HEADINGS:
            self.paragraph(element, target, style=f"Heading {HEADINGS[tag]}")
        elif tag in ("h5", "h6"):
            self.paragraph(element, target, base=Style(bold=True))
        elif tag == "table":
            self.table(element, target)
        elif tag in ("ul", "ol"):
            self.list(element, target, numbered=tag == "ol")
        elif tag == "dl":
            self.definitions(element, target)
        elif tag == "figure":
            self.figure(element, target)
        elif tag in ("p", "dt", "dd", "figcaption", "li", "blockquote", "pre"):
            self.paragraph(element, target, base=Style(muted=bool(classes & {"note", "muted"})))
        else:
            self.blocks(element, target)
        if classes & {"cover", "page-break"} and target is self.document:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _turn(self, orientation: Any) -> None:
        """Go on in a new section, on a new page turned to `orientation`."""
        previous = self.document.sections[-1]
        if previous.orientation == orientation:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = orientation
        section.page_width, section.page_height = previous.page_height, previous.page_width

    def paragraph(self, element: Element, target: Any, *, style: str | None = None,
                  base: Style = Style()) -> Any:
        paragraph = target.add_paragraph(style=style)
        self.inline(element, paragraph, _styled(element, base))
        return paragraph

    def inline(self, item: Element | str, paragraph: Any, style: Style) -> None:
        if isinstance(item, str):
            if item:
                self._text_run(paragraph, item, style)
            return
        tag, classes = _tag(item), _classes(item)
        if tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            return
        if tag == "br":
            paragraph.add_run().add_break()
            return
        style = _styled(item, style)
        for child in _items(item):
            self.inline(child, paragraph, style)

    def _text_run(self, paragraph: Any, text: str, style: Style) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", text.replace("\u2060", "").replace("\u200b", ""))
        run = paragraph.add_run(text)
        run.bold = style.bold or None
        run.italic = style.italic or None
        if style.muted:
            run.font.color.rgb = MUTED
        language = style.language or language_of(text)
        if language in EAST_ASIAN_FONTS:
            east_asian_font(run._r.get_or_add_rPr(), EAST_ASIAN_FONTS[language], language)

    def table(self, element: Element, target: Any) -> None:
        caption = _child(element, "caption")
        if caption is not None:  # Word's own caption style, above the table
            self.paragraph(caption, target, style="Caption"
                           if "Caption" in [s.name for s in self.document.styles] else None,
                           base=Style(bold=True))
        rows = [(row, _tag(parent) == "thead") for parent, row in _rows(element)]
        if not rows:
            return
        columns = max(sum(int(_attr(cell, "colspan") or 1) for cell in _cells(row))
                      for row, _ in rows)
        table = target.add_table(rows=0, cols=columns)
        table.style = self.document.styles["Table Grid"]
        for row, header in rows:
            word_row = table.add_row()
            if header:
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                word_row._tr.get_or_add_trPr().append(flag)
            column = 0
            for cell in _cells(row):
                span = int(_attr(cell, "colspan") or 1)
                if column >= columns:
                    break
                word_cell = word_row.cells[column]
                if span > 1:
                    word_cell = word_cell.merge(word_row.cells[min(columns, column + span) - 1])
                self.cell(cell, word_cell, header or _tag(cell) == "th")
                if header:
                    shade(word_cell)
                column += span
        self._small(table)
        self._widths(table, rows)

    def _widths(self, table: Any, rows: list[tuple[Element, bool]]) -> None:
        """Columns as wide as their text needs, roughly: a Word table otherwise splits
        the page evenly, and a timeline's text column gets a sixth of it."""
        columns = len(table.columns)
        lengths: list[list[int]] = [[] for _ in range(columns)]
        longest_word = [4] * columns
        for row, _header in rows:
            cells = _cells(row)
            if len(cells) != columns:
                continue
            for index, cell in enumerate(cells):
                words = _text(cell).split()
                lengths[index].append(sum(map(len, words)) + len(words))
                longest_word[index] = max(longest_word[index], *map(len, words), 0)
        # at least its longest word (up to 14 characters), at most 60 characters, and
        # the cell's margins
        weights = [3.0 + min(60.0, max(min(14, longest_word[index]) + 1.0,
                                       sum(each) / len(each) if each else 8.0))
                   for index, each in enumerate(lengths)]
        section = self.document.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        widths = [int(usable * weight / sum(weights)) for weight in weights]
        table.autofit = False
        for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=False):
            grid_column.w = width  # what LibreOffice and Word lay the table out by
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = width

    def cell(self, element: Element, word_cell: Any, bold: bool) -> None:
        first = word_cell.paragraphs[0]
        if any(not isinstance(i, str) and _tag(i) in BLOCK_TAGS for i in _items(element)):
            self.blocks(element, word_cell)
            if not first.text and len(word_cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
            return
        self.inline(element, first, _styled(element, Style(bold=bold)))

    def _small(self, table: Any) -> None:
        for paragraph in (p for row in table.rows for c in row.cells for p in c.paragraphs):
            for run in paragraph.runs:
                run.font.size = Pt(8)

    def list(self, element: Element, target: Any, *, numbered: bool) -> None:
        style: str | None = "List Number" if numbered else "List Bullet"
        if "plain" in _classes(element) or target is not self.document:
            style = None
        for item in _items(element):
            if isinstance(item, str) or _tag(item) != "li":
                continue
            self.paragraph(item, target, style=style)

    def definitions(self, element: Element, target: Any) -> None:
        paragraph = None
        for item in _items(element):
            if isinstance(item, str):
                continue
            if _tag(item) == "dt":
                paragraph = target.add_paragraph()
                self.inline(item, paragraph, Style(bold=True))
                paragraph.add_run(": ")
            elif _tag(item) == "dd" and paragraph is not None:
                self.inline(item, paragraph, _styled(item, Style()))

    def figure(self, element: Element, target: Any) -> None:
        if any(True for _ in element.iter(f"{XHTML}svg")) or \
                any(True for _ in element.iter("{http://www.w3.org/2000/svg}svg")):
            target.add_paragraph().add_run(CHART_NOTE).italic = True
        self.blocks(element, target)

    def contents(self, element: Element) -> None:
        """The contents list as a TOC field whose cached result is the list itself."""
        heading = next((h for h in element if _tag(h) == "h2"), None)
        if heading is not None:
            self.paragraph(heading, self.document, style="TOC Heading"
                           if "TOC Heading" in [s.name for s in self.document.styles]
                           else "Heading 1")
        entries = [_text(li) for li in _find_tag(element, "li", direct_list=True)]
        for index, entry in enumerate(entries or ["Contents"]):
            paragraph = self.document.add_paragraph()
            if index == 0:
                complex_field_start(paragraph, 'TOC \\o "1-3" \\h \\z \\u')
            paragraph.add_run(entry)
            if index == len(entries or ["Contents"]) - 1:
                complex_field_end(paragraph)
        for child in element:
            if _tag(child) not in ("h2", "ol", "ul"):
                self.block(child, self.document)
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _styled(element: Element, style: Style) -> Style:
    tag, classes = _tag(element), _classes(element)
    language = _attr(element, "lang") or style.language
    return Style(bold=style.bold or tag in ("strong", "b", "th") or "option" in classes,
                 italic=style.italic or tag in ("em", "i"),
                 muted=style.muted or bool(classes & {"muted", "rationale", "note"}),
                 language=language if language in EAST_ASIAN_FONTS else None)


def _items(element: Element) -> Iterator[Element | str]:
    """Text and child elements of `element`, in document order."""
    if element.text:
        yield element.text
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _classes(element: Element) -> set[str]:
    return set((element.get("class") or "").split())


def _attr(element: Element, name: str) -> str | None:
    return element.get(name)


def _text(element: Element) -> str:
    return one_line("".join(element.itertext()).replace("\u2060", "").replace("\u200b", ""))


def _inline_text(item: Element | str) -> str:
    return item if isinstance(item, str) else _text(item)


def _child(element: Element, tag: str) -> Element | None:
    return next((child for child in element if _tag(child) == tag), None)


def _find_class(element: Element, name: str) -> Iterator[Element]:
    return (each for each in element.iter() if name in _classes(each))


def _find_tag(element: Element, tag: str, *, direct_list: bool = False) -> Iterator[Element]:
    if not direct_list:
        return (each for each in element.iter(f"{XHTML}{tag}"))
    lists = [child for child in element if _tag(child) in ("ol", "ul")]
    return (item for each in lists for item in each if _tag(item) == tag)


def _rows(table: Element) -> Iterator[tuple[Element, Element]]:
    for part in table:
        if _tag(part) in ("thead", "tbody", "tfoot"):
            for row in part:
                if _tag(row) == "tr":
                    yield part, row
        elif _tag(part) == "tr":
            yield table, part


def _cells(row: Element) -> list[Element]:
    return [cell for cell in row if _tag(cell) in ("td", "th")]
