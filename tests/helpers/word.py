"""Reading a Word document the way its reader's outline does."""

from __future__ import annotations

from docx.text.paragraph import Paragraph


def style_name(paragraph: Paragraph) -> str:
    """The paragraph's style name (`Heading 1`, `Title`), empty when it has none."""
    return paragraph.style.name or "" if paragraph.style is not None else ""
