"""Fragments are spliced into the rendered report once, and nothing else becomes one."""

from __future__ import annotations

from markupsafe import Markup, escape

from ttx.report.fragments import Fragments


def test_each_slot_gets_its_fragment_and_fragments_are_not_searched() -> None:
    fragments = Fragments()
    first = fragments.hold(Markup("<tr><td>one <!--ttx:slot:1--></td></tr>"))
    later = fragments.hold()
    held = fragments.hold_all({"rows": [Markup("<li>a</li>")], "by": {("x", "y"): Markup("<b>")},
                               "count": 3})
    fragments.fill(later, "<svg/>")
    html = f"<body>{first}|{later}|{held['rows'][0]}|{held['by'][('x', 'y')]}|{held['count']}"
    assert fragments.splice(html) == ("<body><tr><td>one <!--ttx:slot:1--></td></tr>|<svg/>|"
                                      "<li>a</li>|<b>|3")


def test_player_text_that_looks_like_a_slot_stays_text() -> None:
    fragments = Fragments()
    fragments.hold(Markup("<script>alert(1)</script>"))
    text = str(escape("<!--ttx:slot:0-->"))
    assert fragments.splice(f"<p>{text}</p>") == f"<p>{text}</p>"
