"""Authored Markdown in the printed documents: structure kept, nothing but text let in."""

from __future__ import annotations

from pathlib import Path

from ttx.authoring.resolve import resolve_scenario
from ttx.docs.build import build_document
from ttx.docs.render import render_html
from ttx.rendering.authored import authored_blocks

REPOSITORY = Path(__file__).resolve().parents[2]


def test_a_table_in_an_inject_body_is_a_table() -> None:
    html = authored_blocks("Tracks:\n\n| Ship | Status |\n|---|---|\n| Sejong | 出港 |\n")
    assert "<table>" in html and "<th>Ship</th>" in html
    assert '<td lang="ja">出港</td>' in html
    assert "|" not in html


def test_lists_emphasis_and_language_per_block() -> None:
    html = authored_blocks("**조선중앙통신** 보도\n\n*(KCNA says)*\n\n- one\n- 두 번째\n")
    assert '<p lang="ko"><strong>조선중앙통신</strong> 보도</p>' in html
    assert "<p><em>(KCNA says)</em></p>" in html
    assert '<li lang="ko">두 번째</li>' in html


def test_an_authors_text_stays_text() -> None:
    html = authored_blocks('<script>alert(1)</script> <img src=x onerror="y">\n\n'
                           "[here](javascript:alert(1)) [site](https://example.org) "
                           "![chart](https://example.org/c.png) {{ 7*7 }}\n\n# Flash\n")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html
    assert "site" in html and "href" not in html and "chart" in html
    assert "{{ 7*7 }}" in html
    assert '<p class="authored-heading">Flash</p>' in html and "<h1" not in html


def test_the_situation_manual_prints_an_inject_table_as_a_table() -> None:
    seed = resolve_scenario("slbm-launch", cwd=REPOSITORY)
    body = seed.injects["slbm-08-asw-picture"].body
    assert "|---" in body.replace(" ", "").replace(":", "")
    html = render_html(build_document(seed, "sitman"))
    start = html.index("slbm-08-asw-picture") if "slbm-08-asw-picture" in html else 0
    assert "<table>" in html[start:]
    assert "|---" not in html
