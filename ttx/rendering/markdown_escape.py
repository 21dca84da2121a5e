"""Escaping player text for Markdown, so that it reads as text and never as markup.

The Markdown environment escapes every `{{ … }}` value (like HTML autoescaping),
unless the value is `MarkdownSafe`, which only our own filters produce. The result
is safe in a GitHub-flavoured Markdown table cell, a list item or a paragraph:

* inline markup is backslash-escaped: `\\ ` * _ [ ] < > | ~ { } &` (so no emphasis,
  code span, link, image, raw HTML tag, entity or table-cell break, and no `{{`
  for a Liquid or Jinja site generator to pick up);
* line breaks become `<br>` (the one tag we write), so a value never starts a new
  block: no heading, list, quote, fence or table row from a line of player text;
* a leading block marker (`#`, `=`, `-`, `+`, `1.`) is escaped too, because a value
  may stand at the start of a line or a list item.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>|~{}&])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>|~{}&\r\n]|^\s*(?:[#=+-]|\d+[.)])")
_LEADING_MARKER = re.compile(r"^(?:(#|=)|([-+])(?=\s|$|[-+])|(\d+)([.)])(?=\s|$))")


class MarkdownSafe(str):
    """Markdown that is already escaped or written by us: printed as it is."""

    __slots__ = ()


def escape_markdown(text: object) -> str:
    """`text` as Markdown that displays exactly that text, on one line."""
    if text is None:
        return ""
    if isinstance(text, MarkdownSafe):
        return text
    value = str(text).strip()
    if not _NEEDS_ESCAPE.search(value):
        return value
    value = _INLINE.sub(r"\\\1", value)
    value = "<br>".join(line.strip() for line in _LINE_BREAK.split(value))
    return _LEADING_MARKER.sub(_escape_marker, value, count=1)


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(1) or match.group(2):
        return "\\" + (match.group(1) or match.group(2))
    return f"{match.group(3)}\\{match.group(4)}"


def finalize(value: object) -> object:
    """The Markdown environment's `finalize`: escape every printed value."""
    if isinstance(value, MarkdownSafe):
        return value
    return escape_markdown(value)
