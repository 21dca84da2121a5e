"""The hash chain's row format is on disk: every file ever chained must still verify, so
`row_hash` gives, byte for byte, the hashes ttx wrote when the chain was introduced."""

from __future__ import annotations

from ttx.session.chain import row_hash


def test_a_row_hashes_as_the_first_chained_files_did() -> None:
    # Hangul, Kanji, an astral emoji, an escaped and a raw NUL: lengths count characters.
    assert row_hash("0" * 64, 7, "2027-03-14T05:30:00+00:00",
                    "2027-03-14T14:30:00.250000+09:00", "move_recorded", "evaluator:김\x00",
                    '{"text":"弾道ミサイル 🚀 \\u0000"}') == \
        "737dc68717fb6b2d92c5c4422f1c514130d8acfb78ef503ab625f1fd99551c3b"


def test_empty_fields_keep_their_length_prefix() -> None:
    assert row_hash("", 1, "", "", "", "", "") == \
        "4d4500cebcad1031a9b89643cb51e521d780e3507044d558c81acd94bab6c4e7"
