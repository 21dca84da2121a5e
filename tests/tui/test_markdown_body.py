"""`markdown_body` draws an inject's body exactly as Rich's Markdown does: for the plain
bodies it lays out itself and for every other one it hands to Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.markdown import Markdown
from rich.segment import Segment

from ttx.terminal_text import visible
from ttx.tui.widgets.markdown_body import _PlainMarkdown, markdown_body

REPO = Path(__file__).resolve().parents[2]
WIDTHS = (20, 47, 80)


def drawn(renderable: RenderableType, width: int) -> list[list[Segment]]:
    """The lines as a pane draws them (`TextPane` simplifies each line's segments)."""
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    options = console.options.update(width=width, min_width=width, height=None,
                                     highlight=False)
    return [list(Segment.simplify(line))
            for line in console.render_lines(renderable, options, pad=True)]


def same_as_markdown(text: str) -> None:
    for width in WIDTHS:
        assert drawn(markdown_body(text), width) == drawn(Markdown(text), width), \
            (text, width)


def shipped_bodies() -> list[str]:
    bodies = []
    for path in sorted((REPO / "injects").rglob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and isinstance(document.get("body"), str):
            bodies.append(visible(document["body"]))
    return bodies


def test_every_shipped_body_draws_as_markdown_and_many_without_it() -> None:
    bodies = shipped_bodies()
    assert len(bodies) > 20
    for body in bodies:
        same_as_markdown(body)
    plain = [body for body in bodies if isinstance(markdown_body(body), _PlainMarkdown)]
    assert len(plain) >= len(bodies) // 3  # the point: these never load Markdown (lists do)


@pytest.mark.parametrize("text", [
    "**FLASH — for U.S.** Overhead imagery\nshows it.\n\nSecond paragraph.",
    "*(Newsflash: what may be a missile)*\n\n> 「Jアラートも何もなかった。」\n>\n> *(\"There "
    "was no J-Alert.\")*\n\nAfter the quote.",
    "**【ニュース速報】防衛省によりますと、\nみられます。**",
    "Word**inside**word and *a*b",  # stars inside words: Markdown decides
    "5 * 3 = 15 and 2 ** 8",
    "***both*** and ****four****",
    "- a list\n- of two",
    "1. first\n2) second",
    "# Heading\n\ntext",
    "Setext\n===",
    "Rule above\n\n***\n\nbelow",
    "A [link](https://example.org) and `code` and <b>html</b> and &amp; and a\\*",
    "    indented code",
    "Trailing two spaces  \nhard break",
    "> quote\nlazy continuation",
    "> > nested",
    ">no space",
    "para\n> interrupted by a quote",
    "** not emphasis **",
    "**unclosed bold",
    "*em* **strong** *em again*",
    "a * b * c",
    "snake_case_word",
    "~~struck~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "\u3000全角スペースで始まる",
    "ends with a tab\t",
    "x\n\n\n\ny",
    "\n\nleading blank lines\n\n",
])
def test_tricky_bodies_draw_as_markdown(text: str) -> None:
    same_as_markdown(text)


def test_plain_bodies_do_not_need_markdown() -> None:
    for text in ["**FLASH** Overhead imagery\nshows it.", "> 「引用」\n>\n> *(quoted)*",
                 "Plain.\n\nTwo paragraphs, **bold** and *italic*."]:
        assert isinstance(markdown_body(text), _PlainMarkdown), text


PIECES = st.sampled_from(["word", "語", "。", "(", ")", ".", ",", "\"", "*", "**", "***",
                          " ", " ", "\n", "\n\n", "> ", ">", "-", "1.", "#", "\u3000",
                          "\xa0", "!", "?", "—", ":"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=24).map("".join))
def test_any_mix_of_stars_quotes_and_words_draws_as_markdown(text: str) -> None:
    same_as_markdown(text)
