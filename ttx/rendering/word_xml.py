"""Word XML python-docx has no call for: East Asian fonts, fields, cell shading.

python-docx writes paragraphs, runs and tables; these few elements of WordprocessingML
it leaves to the caller, and `ttx.rendering.word` needs them.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


def east_asian_font(properties: Any, font: str, language: str | None = None) -> None:
    """Set the East Asian slot of a run's (or style's) fonts, and its language."""
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    if language:
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            properties.append(lang)
        lang.set(qn("w:eastAsia"), {"ko": "ko-KR", "ja": "ja-JP"}[language])


def field(paragraph: Any, instruction: str, cached: str = "1") -> None:
    """A field (`PAGE`, `NUMPAGES`, …) with `cached` shown until Word updates it."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, cached), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(7.5)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text or ""


def shade(cell: Any) -> None:
    """A header cell: the documents' accent colour behind white bold text."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "1F3A5F")
    cell._tc.get_or_add_tcPr().append(shading)
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            run.bold = True


def complex_field_start(paragraph: Any, instruction: str) -> None:
    for kind in ("begin", "instr", "separate"):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def complex_field_end(paragraph: Any) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(char)
