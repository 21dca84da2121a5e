"""Authored Markdown (inject bodies, situations, the road to crisis) as HTML blocks.

Authors write inject bodies in Markdown, tables and lists included; the console shows
them through Rich, and the printed documents must show the same structure rather than
raw pipes and asterisks. markdown-it-py (CommonMark, with GitHub's tables) does the
parsing; what an author writes stays text:

* raw HTML is never passed through (`html: False` escapes it);
* links keep their text and lose their target (a printed document has nothing to
  follow, and a `javascript:` target must never reach a browser); images become their
  alt text;
* headings become bold paragraphs, so an inject's `# Flash` cannot reorder the
  document's own outline (nor the Word edition's headings);
* every paragraph, list item and table cell in Korean or Japanese gets its `lang`, so
  the PDF picks the right CJK font.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ttx.rendering.formatting import language_of

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_BLOCKS_WITH_TEXT = {"paragraph_open", "th_open", "td_open", "heading_open"}


@cache
def _parser() -> MarkdownIt:
    # Imported here: a document without authored prose (the Markdown and JSON reports,
    # a scenario without a summary) does not load markdown-it (50 ms).
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.add_render_rule("link_open", _nothing)
    parser.add_render_rule("link_close", _nothing)
    parser.add_render_rule("image", _alt_text)
    return parser


def _nothing(self: Any, tokens: list[Token], index: int, options: Any, env: Any) -> str:
    return ""


def _alt_text(self: Any, tokens: list[Token], index: int, options: Any, env: Any) -> str:
    return str(escape(tokens[index].content))


def authored_blocks(text: str) -> Markup:
    """`text` (an author's Markdown) as safe HTML blocks; empty text is empty markup."""
    if not text.strip():
        return Markup("")
    parser = _parser()
    tokens = parser.parse(text)
    _plain_headings(tokens)
    _languages(tokens)
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def _plain_headings(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "p"
            if token.type == "heading_open":
                token.attrSet("class", "authored-heading")


def _languages(tokens: list[Token]) -> None:
    for index, token in enumerate(tokens[:-1]):
        if token.type in _BLOCKS_WITH_TEXT or token.type == "list_item_open":
            content = _following_text(tokens, index)
            language = language_of(content)
            if language:
                token.attrSet("lang", language)


def _following_text(tokens: list[Token], index: int) -> str:
    """The inline text right after the block that opens at `index`."""
    for token in tokens[index + 1:index + 4]:
        if token.type == "inline":
            return token.content
    return ""
