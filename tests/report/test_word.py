"""The Word report, read back with python-docx and printed by LibreOffice.

python-docx reads what Word would: paragraph styles (the navigation pane and a table
of contents list Heading 1–3), tables, the header and footer of the page, and each
run's East Asian font. LibreOffice (headless) turns it into a PDF, whose pages
pdftotext and pdftoppm read as a person would see them.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from tests.helpers.pdf import page_count
from tests.helpers.word import style_name
from tests.report.conftest import require_tool
from tests.report.realistic import JAPANESE_MOVE, KOREAN_MOVE
from ttx.report.build import build_report_from_file
from ttx.report.render import SECTIONS
from ttx.report.word import render_docx

MARKING = "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY"


@pytest.fixture(scope="module")
def docx_file(realistic_session: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "slbm.docx"
    path.write_bytes(render_docx(build_report_from_file(realistic_session)))
    return path


@pytest.fixture(scope="module")
def document(docx_file: Path) -> WordDocument:
    return Document(str(docx_file))


def test_sections_are_word_headings(document: WordDocument) -> None:
    headings = [(style_name(p), p.text) for p in document.paragraphs
                if style_name(p).startswith("Heading")]
    level_one = [text for style, text in headings if style == "Heading 1"]
    for _section_id, title in SECTIONS:
        assert any(title in text for text in level_one), title
    assert any(style == "Heading 2" for style, _ in headings)
    titles = [p.text for p in document.paragraphs if style_name(p) == "Title"]
    assert titles and titles[0].startswith("Silent Launch")


def test_tables_are_word_tables_with_repeating_headers(document: WordDocument) -> None:
    tables = document.tables
    assert len(tables) >= 8
    timeline = next(t for t in tables if t.rows[0].cells[-1].text == "Text")
    assert len(timeline.rows) > 40
    header = timeline.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert [c.text for c in timeline.rows[0].cells][:2] == ["#", "Game time"]


def test_table_captions_stand_above_their_tables(document: WordDocument) -> None:
    texts = [p.text for p in document.paragraphs]
    assert "Table 1. Summary of core capability performance" in texts


def test_the_marking_is_in_header_and_footer_with_page_numbers(document: WordDocument) -> None:
    section = document.sections[0]
    assert section.header.paragraphs[0].text == MARKING
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == MARKING
    fields = section.footer._element.xml
    assert " PAGE " in fields and " NUMPAGES " in fields


def test_the_improvement_plan_is_printed_landscape(document: WordDocument) -> None:
    """HSEEP's nine-column plan gets a landscape section of its own, with the same
    marking; the sections around it are portrait."""
    from docx.enum.section import WD_ORIENT

    sections = document.sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = sections[1]
    assert wide.page_width is not None and wide.page_height is not None
    assert wide.page_width > wide.page_height
    assert wide.header.is_linked_to_previous and wide.footer.is_linked_to_previous
    body = document.element.body
    breaks = [i for i, child in enumerate(body)
              if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    texts = ["".join(t.text or "" for t in child.iter(qn("w:t"))) for child in body]
    plan = max(i for i, text in enumerate(texts) if text == "Appendix A. Improvement plan")
    assert breaks[0] < plan < breaks[1]
    header = next(i for i, text in enumerate(texts) if "Corrective action" in text)
    assert plan < header < breaks[1]


def test_korean_and_japanese_runs_have_east_asian_fonts(document: WordDocument) -> None:
    fonts: dict[str, set[str]] = {}
    body = document.element.body
    for run in body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        r_fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if re.search("[\uac00-\ud7af]", text) and r_fonts is not None:
            fonts.setdefault("ko", set()).add(r_fonts.get(qn("w:eastAsia")))
        elif re.search("[\u3040-\u30ff]", text) and r_fonts is not None:
            fonts.setdefault("ja", set()).add(r_fonts.get(qn("w:eastAsia")))
    assert fonts["ko"] == {"Noto Sans CJK KR"}
    assert fonts["ja"] == {"Noto Sans CJK JP"}
    text = "".join(t.text or "" for t in body.iter(qn("w:t")))
    assert KOREAN_MOVE in text and JAPANESE_MOVE in text
    assert "\u2060" not in text and "\u200b" not in text  # print-only joiners stay out


def test_the_contents_are_a_toc_field(docx_file: Path) -> None:
    document = Document(str(docx_file))
    xml = document.element.body.xml
    assert 'TOC \\o "1-3"' in xml
    assert document.settings.element.find(qn("w:updateFields")) is not None


@pytest.mark.pdf
def test_libreoffice_prints_it_with_the_marking_on_every_page(
        docx_file: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (`make setup` installs "
                    "libreoffice-writer-nogui)")
    subprocess.run([office, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_file)],
                   capture_output=True, timeout=300, check=True)
    pdf = tmp_path / "slbm.pdf"
    info = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    pages = page_count(info)
    assert pages > 5
    for page in range(1, pages + 1):
        text = subprocess.run([require_tool("pdftotext"), "-f", str(page), "-l", str(page),
                               str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == MARKING, (page, lines[:2])
        assert lines.count(MARKING) >= 2, page  # header and footer
        assert f"Page {page} of {pages}" in lines, page
    squeezed = "".join(subprocess.run([require_tool("pdftotext"), str(pdf), "-"],
                                      capture_output=True, text=True, check=True)
                       .stdout.split())
    assert "".join(KOREAN_MOVE.split()) in squeezed
    # a page image that is not blank: the converted document has ink on it
    subprocess.run([require_tool("pdftoppm"), "-png", "-r", "30", "-f", "2", "-l", "2",
                    str(pdf), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png")).read_bytes()
    assert len(io.BytesIO(image).getvalue()) > 2_000
