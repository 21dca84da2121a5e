"""The PDF report, read back as a person would check it: fonts, markings, pages, text.

Each PDF is made once per module (WeasyPrint takes seconds), and every test here is
marked `pdf`: `pytest -m 'not pdf'` leaves them out. Poppler's tools (`pdfinfo`,
`pdffonts`, `pdftotext`) read the result; without them the tests are skipped.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.helpers.pdf import page_count
from tests.report.conftest import JAPANESE, KOREAN, require_tool
from tests.report.realistic import (
    JAPANESE_IMPROVEMENT,
    JAPANESE_MOVE,
    KOREAN_MOVE,
    KOREAN_OBSERVATION,
)
from ttx.report.build import build_report_from_file
from ttx.report.model import AfterActionReport
from ttx.report.pdf import render_pdf
from ttx.report.render import SECTIONS

pytestmark = pytest.mark.pdf

MARKING = "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY"


def poppler(tool: str, *args: str | Path) -> str:
    result = subprocess.run([require_tool(tool), *map(str, args)], capture_output=True,
                            text=True, timeout=120, check=True)
    return result.stdout


def pages_of(pdf: Path) -> int:
    return page_count(poppler("pdfinfo", pdf))


def page_text(pdf: Path, page: int, *options: str) -> list[str]:
    """The page's non-empty lines, in reading order (or as `options` say)."""
    text = poppler("pdftotext", *options, "-f", str(page), "-l", str(page), pdf, "-")
    return [line.strip() for line in text.splitlines() if line.strip()]


def squeezed(text: str) -> str:
    """Text without any whitespace: a line break may fall anywhere in a CJK line."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def realistic_pdf(realistic_session: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("pdf") / "slbm-a4.pdf"
    pdf.write_bytes(render_pdf(build_report_from_file(realistic_session)))
    return pdf


@pytest.fixture(scope="module")
def letter_pdf(realistic_session: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("pdf") / "slbm-letter.pdf"
    pdf.write_bytes(render_pdf(build_report_from_file(realistic_session), paper="letter"))
    return pdf


@pytest.fixture(scope="module")
def draft_pdf(report: AfterActionReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed session (with its hostile text), as a draft."""
    pdf = tmp_path_factory.mktemp("pdf") / "golden-draft.pdf"
    pdf.write_bytes(render_pdf(report, draft=True))
    return pdf


def test_a_cjk_font_is_embedded(realistic_pdf: Path) -> None:
    fonts = poppler("pdffonts", realistic_pdf).splitlines()[2:]
    cjk = [line for line in fonts if re.search(r"Noto-?Sans-?CJK", line)]
    assert cjk, fonts
    for line in cjk:
        embedded, subset = line.split()[-5:-3]
        assert (embedded, subset) == ("yes", "yes"), line
    assert any("KR" in line for line in cjk) and any("JP" in line for line in cjk)


def test_every_page_has_the_marking_at_top_and_bottom_and_its_number(
        realistic_pdf: Path) -> None:
    total = pages_of(realistic_pdf)
    assert total > 5
    for page in range(1, total + 1):
        lines = page_text(realistic_pdf, page)
        assert lines[0] == MARKING, (page, lines[:3])
        # as laid out on the page: the last lines are the bottom margin's
        bottom = " ".join(page_text(realistic_pdf, page, "-layout")[-2:])
        assert MARKING in bottom, (page, bottom)
        assert f"Page {page} of {total}" in bottom, (page, bottom)


def test_the_contents_give_the_right_pages(realistic_pdf: Path) -> None:
    contents = [line for line in page_text(realistic_pdf, 2)
                if re.match(r"\d+\. .*\. \. \. .* \d+$", line)]
    assert len(contents) == len(SECTIONS)
    for (_section_id, title), line in zip(SECTIONS, contents, strict=True):
        page = int(line.rsplit(" ", 1)[1])
        heading = title if title.startswith("Appendix") else f". {title}"
        assert any(heading in text for text in page_text(realistic_pdf, page)), (title, page)


def test_korean_and_japanese_survive_the_round_trip(realistic_pdf: Path) -> None:
    text = squeezed(poppler("pdftotext", realistic_pdf, "-"))
    for words in (KOREAN_MOVE, JAPANESE_MOVE, KOREAN_OBSERVATION, JAPANESE_IMPROVEMENT,
                  "防衛省 / 국방부"):
        assert squeezed(words) in text, words


def test_a4_and_letter(realistic_pdf: Path, letter_pdf: Path) -> None:
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)",
                     poppler("pdfinfo", realistic_pdf))
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", poppler("pdfinfo", letter_pdf))
    last = pages_of(letter_pdf)
    assert page_text(letter_pdf, last)[0] == MARKING


def test_a_draft_says_so_on_every_page(draft_pdf: Path) -> None:
    for page in range(1, pages_of(draft_pdf) + 1):
        # -raw: in content-stream order, so the rotated watermark reads as one word.
        assert "DRAFT" in page_text(draft_pdf, page, "-raw"), page
    assert "DRAFT — for review, not for distribution" in page_text(draft_pdf, 1)


def test_a_final_report_does_not(realistic_pdf: Path) -> None:
    assert "DRAFT" not in poppler("pdftotext", realistic_pdf, "-")


def test_hostile_text_is_printed_literally(draft_pdf: Path) -> None:
    text = " ".join(poppler("pdftotext", draft_pdf, "-").split())
    for literal in ("<script>alert(1)</script>", '" onmouseover="x', "{{ 7*7 }}",
                    "{% raw %}", "[link](javascript:x)", "<img src=x onerror=alert(1)>",
                    "{% if true %}yes{% endif %}"):
        assert literal in text, literal
    assert squeezed(KOREAN) in squeezed(text) and squeezed(JAPANESE) in squeezed(text)


HANGUL_RUN = re.compile("[\uac00-\ud7af]+")
LONG_WORD = "UNBROKEN" * 5_000
"""40,000 characters without a break opportunity (46 s of layout before print_text)."""


@pytest.fixture(scope="module")
def long_word_pdf(report: AfterActionReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    first_move = next(row.seq for row in report.timeline if row.category == "move")
    rows = [row.model_copy(update={"text": LONG_WORD}) if row.seq == first_move else row
            for row in report.timeline]
    pdf = tmp_path_factory.mktemp("pdf") / "long-word.pdf"
    pdf.write_bytes(render_pdf(report.model_copy(update={"timeline": rows})))
    return pdf


def test_a_long_unbroken_word_wraps_in_its_column(long_word_pdf: Path) -> None:
    text = poppler("pdftotext", long_word_pdf, "-")
    # the word's lines, without the page furniture between its pages
    word_lines = [line.strip().removeprefix("→ US ").split(" [")[0] for line in text.splitlines()
                  if "UNBROKENUNBROKEN" in line]
    assert "".join(word_lines) == LONG_WORD
    # wrapped at the column's width, not cut off and not one character a line
    assert len(word_lines) > 200
    assert max(map(len, word_lines)) < 120
    assert sum(map(len, word_lines)) / len(word_lines) > 30
    assert "\u200b" not in poppler("pdftotext", long_word_pdf, "-")


def test_no_korean_word_is_split_across_lines(realistic_session: Path,
                                              realistic_pdf: Path) -> None:
    """Every run of Hangul in the PDF's lines is a whole word of the report's text: a
    word broken at a line end would leave a fragment (복 / 구를) that is no word."""
    from ttx.report.render import render_html

    html = render_html(build_report_from_file(realistic_session)).replace("\u2060", "")
    words = set(HANGUL_RUN.findall(html))
    assert "복구를" in words
    printed = HANGUL_RUN.findall(poppler("pdftotext", realistic_pdf, "-"))
    assert len(printed) > 20
    fragments = [run for run in printed if run not in words]
    assert fragments == []


def test_msel_columns_fit_their_words(realistic_pdf: Path) -> None:
    lines = [line.strip() for line in poppler("pdftotext", realistic_pdf, "-").splitlines()]
    assert "contingency" in lines
    assert not [line for line in lines if line.endswith("contingenc") or line == "y"]


def test_the_pdf_is_tagged(realistic_pdf: Path) -> None:
    """Headings, tables and reading order for screen readers (Section 508)."""
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", realistic_pdf), re.M)


def test_the_running_footer_holds_the_whole_title(realistic_pdf: Path) -> None:
    title = "Silent Launch: a North Korean SLBM in the East Sea / Sea of Japan"
    for page in (2, pages_of(realistic_pdf)):
        bottom = page_text(realistic_pdf, page, "-layout")[-2:]
        words = " ".join(line.split("UNCLASSIFIED")[0] for line in bottom).split()
        assert " ".join(words) == title, (page, bottom)


def test_sections_follow_hseep_order(realistic_pdf: Path) -> None:
    text = " ".join(poppler("pdftotext", realistic_pdf, "-").split())
    headings = ["1. Executive summary", "2. Exercise overview",
                "3. Analysis of core capabilities", "Table 1. Summary of core capability",
                "Appendix A. Improvement plan", "Appendix B. Exercise participants",
                "Appendix C. Acronyms", "Appendix D. Timeline", "Appendix E. Decision log",
                "Appendix F. Coordination ledger", "Appendix H. The MSEL as played",
                "Appendix I. Corrections"]
    contents_end = text.index("Appendix I. Corrections") + 30  # the contents list names them
    positions = [text.index(heading, contents_end) for heading in headings]
    assert positions == sorted(positions)
