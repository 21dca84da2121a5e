"""Text made ready for print: break opportunities in long runs, Korean words held whole."""

from __future__ import annotations

from markupsafe import Markup

from ttx.rendering.print_text import (
    HANGUL_WORD_LIMIT,
    RUN_CHUNK,
    WORD_JOINER,
    ZERO_WIDTH_SPACE,
    print_finalize,
    print_text,
)


def test_ordinary_text_is_untouched() -> None:
    for text in ("Share the track through GSOMIA.", "防衛省は落下地点を発表した。",
                 "https://example.org/a/b/c/d/e/f/g/h", "Intelligence-and-Information-Sharing"):
        assert print_text(text) == text


def test_a_long_run_gets_a_break_opportunity_every_chunk() -> None:
    word = "x" * 40_000
    printed = print_text(f"before {word} after")
    assert printed.replace(ZERO_WIDTH_SPACE, "") == f"before {word} after"
    runs = printed.split()[1].split(ZERO_WIDTH_SPACE)
    assert len(runs) == 40_000 // RUN_CHUNK + 1 and max(map(len, runs)) == RUN_CHUNK


def test_korean_words_are_held_together_and_spaces_stay_the_breaks() -> None:
    printed = print_text("복구를 건의합니다, 외교부")
    assert printed == WORD_JOINER.join("복구를") + " " + WORD_JOINER.join("건의합니다") \
        + ", " + WORD_JOINER.join("외교부")


def test_a_hangul_run_too_long_for_a_word_stays_breakable() -> None:
    run = "가" * (HANGUL_WORD_LIMIT + 1)
    assert print_text(run) == run


def test_finalize_leaves_our_markup_and_other_values_alone() -> None:
    css = Markup("td::after { content: '" + "y" * 50 + "'; }")
    assert print_finalize(css) is css
    assert print_finalize(42) == 42
    assert print_finalize("복구") == "복\u2060구"
