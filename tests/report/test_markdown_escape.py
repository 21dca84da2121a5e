"""Player text in Markdown reads as text: no markup, no table break, no template code."""

from __future__ import annotations

import pytest

from ttx.rendering.markdown_escape import MarkdownSafe, escape_markdown, finalize


@pytest.mark.parametrize(("text", "escaped"), [
    ("plain words, U.S. and ROK", "plain words, U.S. and ROK"),
    ("a | b", r"a \| b"),
    ("`code`", r"\`code\`"),
    ("**bold** _it_ ~~gone~~", r"\*\*bold\*\* \_it\_ \~\~gone\~\~"),
    ("[link](javascript:alert(1))", r"\[link\](javascript:alert(1))"),
    ("![img](x.png)", r"!\[img\](x.png)"),
    ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
    ("&lt;b&gt;", r"\&lt;b\&gt;"),
    ("{{ 7*7 }} {% raw %}", r"\{\{ 7\*7 \}\} \{% raw %\}"),
    ("back\\slash", r"back\\slash"),
    ("# heading", r"\# heading"),
    ("## heading", r"\## heading"),
    ("- item", r"\- item"),
    ("+ item", r"\+ item"),
    ("---", r"\---"),
    ("===", r"\==="),
    ("1. first", r"1\. first"),
    ("12) twelfth", r"12\) twelfth"),
    ("> quote", r"\> quote"),
    ("+0:20", "+0:20"),
    ("-5 minutes", "-5 minutes"),
    ("2027. A year", r"2027\. A year"),
    ("  indented code", "indented code"),
    ("한미일 | 日米韓", r"한미일 \| 日米韓"),
])
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_line_breaks_never_start_a_new_block() -> None:
    text = "first\n# not a heading\r\n| not | a row |\n```\n- not a list"
    escaped = escape_markdown(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert escaped == (r"first<br># not a heading<br>\| not \| a row \|<br>\`\`\`<br>"
                       r"- not a list")


def test_finalize_escapes_everything_but_our_own_markdown() -> None:
    assert finalize(None) == ""
    assert finalize(42) == "42"
    assert finalize("*x*") == r"\*x\*"
    assert finalize(MarkdownSafe("<br>")) == "<br>"
