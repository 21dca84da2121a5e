"""Compiled templates are kept between runs, and each kind of environment keeps its own:
a template compiled for the screen is never reused for print, nor the reverse."""

from __future__ import annotations

from pathlib import Path

from ttx.rendering.environment import html_environment, markdown_environment, render_template
from ttx.rendering.print_text import print_text

LONG_WORD = "x" * 90 + " & <b>"


def render(environment_kind: str, folder: Path) -> str:
    if environment_kind == "markdown":
        environment = markdown_environment([folder])
    else:
        environment = html_environment([folder], for_print=environment_kind == "print")
    return render_template(environment, "value.j2", {"value": LONG_WORD})


def test_each_kind_renders_as_its_own_whatever_was_compiled_first(tmp_path: Path) -> None:
    (tmp_path / "value.j2").write_text("{{ value }}", encoding="utf-8")
    screen, printed, markdown = (render(kind, tmp_path) for kind in ("screen", "print",
                                                                      "markdown"))
    # and again, now that each is compiled and kept
    assert [render(kind, tmp_path) for kind in ("print", "markdown", "screen")] == [
        printed, markdown, screen]
    assert screen == "x" * 90 + " &amp; &lt;b&gt;"
    assert printed != screen and printed.startswith(str(print_text("x" * 90))[:10])
    assert "&amp;" not in markdown


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    template = tmp_path / "value.j2"
    template.write_text("before {{ value }}", encoding="utf-8")
    assert render("screen", tmp_path).startswith("before ")
    template.write_text("after {{ value }}", encoding="utf-8")
    assert render("screen", tmp_path).startswith("after ")


def test_the_compiled_template_is_kept(tmp_path: Path) -> None:
    (tmp_path / "value.j2").write_text("{{ value }} kept", encoding="utf-8")
    environment = html_environment([tmp_path])
    cache = environment.bytecode_cache
    assert cache is not None
    environment.get_template("value.j2")
    bucket = cache.get_bucket(environment, "value.j2", str(tmp_path / "value.j2"),
                              "{{ value }} kept")
    assert bucket.code is not None
