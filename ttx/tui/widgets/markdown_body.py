"""An inject's body drawn as Rich's `Markdown` draws it, without loading Markdown for
the plain bodies most injects have.

Rich's Markdown brings markdown-it and Pygments with it: a tenth of a second of CPU,
paid before a console can show its first inject. Most bodies are paragraphs with some
**bold** or *italic* words and perhaps a quotation. Those are laid out here with the
same Rich calls and styles Rich's Markdown makes for them (paragraphs as left-justified
`Text`, a blank line between blocks, a quotation's lines behind `▌ `), so they draw
cell for cell the same; any body that uses anything else (lists, headings, links, code,
an escape, an underscore, HTML, a table …), or whose stars this reader is not sure how
CommonMark pairs, goes to Rich's Markdown itself. `tests/tui/test_markdown_body.py`
holds the two to the same output.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.containers import Renderables
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Run = tuple[str, str | None]
"""A piece of a paragraph's text and its inline tag (`strong`, `em`) or None."""


@dataclass(frozen=True)
class _Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class _Quote:
    paragraphs: tuple[_Paragraph, ...]


_Block = _Paragraph | _Quote

_NOT_PLAIN = re.compile(r"[\\`~_\[\]<&|\t\r\f\v\x00]")
"""Characters that start something other than text in CommonMark (escapes, code, links,
HTML, entities, underscores, strikethrough, tables) or that it rewrites."""
_BLOCK_START = re.compile(r"[#\-+=*>\s]")
"""A line's first character that may start a heading, list, rule, quote or code block."""
_SAFE_STAR_START = re.compile(r"\*{1,2}[^\s*]")
"""A line opening with `*word` or `**word`: a paragraph, never a list or a rule."""
_LIST_NUMBER = re.compile(r"[0-9]{1,9}[.)]")
_STARS = re.compile(r"\*+")
_MD_WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B))
"""What markdown-it counts as whitespace beside a `*` (its `isWhiteSpace`)."""
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def markdown_body(text: str) -> RenderableType:
    """`text` (Markdown) as Rich's `Markdown(text)` would draw it."""
    blocks = _plain_blocks(text)
    if blocks is None:
        from rich.markdown import Markdown

        return Markdown(text)
    return _PlainMarkdown(blocks)


class _PlainMarkdown:
    """Paragraphs and quotations, rendered with Rich's Markdown's own calls and styles."""

    def __init__(self, blocks: tuple[_Block, ...]) -> None:
        self.blocks = blocks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        base = console.get_style("none", default="none")  # Markdown's style
        options = options.update(height=None)
        for index, block in enumerate(self.blocks):
            if index or isinstance(block, _Quote):  # Markdown opens even a first quote
                yield Segment.line()                # with a blank line
            if isinstance(block, _Paragraph):
                yield from console.render(_text(console, base, block), options)
                continue
            quote_style = base + console.get_style("markdown.block_quote", default="none")
            elements = Renderables([_text(console, quote_style, paragraph)
                                    for paragraph in block.paragraphs])
            lines = console.render_lines(elements, options.update(width=options.max_width - 4),
                                         style=quote_style)
            padding = Segment("▌ ", quote_style)
            for line in lines:
                yield padding
                yield from line
                yield Segment("\n")


def _text(console: Console, outer: Style, paragraph: _Paragraph) -> Text:
    style = outer + console.get_style("markdown.paragraph", default="none")
    text = Text(justify="left")
    for piece, tag in paragraph.runs:
        text.append(piece, style if tag is None
                    else style + console.get_style(f"markdown.{tag}", default="none"))
    return text


def _plain_blocks(text: str) -> tuple[_Block, ...] | None:
    """The blocks of `text` when it is only paragraphs and quotations of them, blank
    lines between; None when it is anything else."""
    if _NOT_PLAIN.search(text):
        return None
    blocks: list[_Block] = []
    for chunk in re.split(r"\n{2,}", text.strip("\n")):
        lines = chunk.split("\n")
        if lines[0].startswith(">"):
            quoted = [_unquoted(line) for line in lines]
            if any(line is None or line.startswith(">") for line in quoted):
                return None  # lazy continuation, or a quotation in a quotation
            paragraphs = [_paragraph(part.split("\n")) for part
                          in re.split(r"\n{2,}", "\n".join(line or "" for line in quoted))]
            if not paragraphs or None in paragraphs:
                return None
            blocks.append(_Quote(tuple(p for p in paragraphs if p is not None)))
        else:
            paragraph = _paragraph(lines)
            if paragraph is None:
                return None
            blocks.append(paragraph)
    return tuple(blocks) if blocks else None


def _unquoted(line: str) -> str | None:
    if line == ">":
        return ""
    return line[2:] if line.startswith("> ") else None


def _paragraph(lines: list[str]) -> _Paragraph | None:
    """One paragraph of plain lines with paired stars, or None."""
    for line in lines:
        if not line or line != line.strip() or line[-1] in _MD_WHITESPACE \
                or line[0] in _MD_WHITESPACE:
            return None
        if _BLOCK_START.match(line) and not _SAFE_STAR_START.match(line):
            return None
        if _LIST_NUMBER.match(line) or _is_rule_or_list(line):
            return None
    runs = _inline_runs("\n".join(lines))
    return None if runs is None else _Paragraph(runs)


def _is_rule_or_list(line: str) -> bool:
    stripped = line.replace(" ", "")
    return line.startswith(("* ", "- ", "+ ")) or (len(stripped) >= 3 and (
        set(stripped) <= {"*"} or set(stripped) <= {"-"}))


def _inline_runs(content: str) -> tuple[Run, ...] | None:
    """The paragraph's text split at its emphasis, when every run of stars is clearly an
    opener or a closer (CommonMark's flanking rules) and they pair one to one with the
    same count; None otherwise."""
    runs: list[Run] = []
    position = 0
    open_tag: str | None = None
    open_count = 0
    for match in _STARS.finditer(content):
        count = len(match.group())
        if count > 2:
            return None
        before = content[match.start() - 1] if match.start() else " "
        after = content[match.end()] if match.end() < len(content) else " "
        opens, closes = _flanking(before, after)
        if opens == closes:
            return None  # both (inside a word) or neither: pairing gets subtle
        if opens == (open_tag is not None):
            return None  # an opener inside emphasis, or a closer outside it
        if closes and count != open_count:
            return None
        piece = content[position:match.start()]
        if piece:
            runs.append((piece.replace("\n", " "), open_tag))
        elif closes:
            return None  # empty emphasis
        position = match.end()
        open_tag, open_count = (("strong" if count == 2 else "em"), count) if opens \
            else (None, 0)
    if open_tag is not None:
        return None
    if position < len(content):
        runs.append((content[position:].replace("\n", " "), None))
    return tuple(runs)


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """Whether a run of stars between `before` and `after` can open and can close
    emphasis: left- and right-flanking, as markdown-it's `scanDelims` decides them."""
    before_space, after_space = before in _MD_WHITESPACE, after in _MD_WHITESPACE
    before_punct, after_punct = _punctuation(before), _punctuation(after)
    left = not (after_space or (after_punct and not (before_space or before_punct)))
    right = not (before_space or (before_punct and not (after_space or after_punct)))
    return left, right


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith(("P", "S"))
