"""Hostile files are refused with one positioned problem, never obeyed."""

from __future__ import annotations

import time
from pathlib import Path

from tests.authoring.conftest import Problems
from ttx.authoring import yaml_source


def test_python_tag_does_not_run(problems: Problems, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"!!python/object/apply:os.system ['touch {marker}']\n"
    found = problems({"injects/evil.yaml": text})
    assert found == ["injects/evil.yaml:1:1: error: tag '!!python/object/apply:os.system' is not "
                     "allowed; ttx files hold plain text, numbers, lists and mappings"]
    assert not marker.exists()


def test_nested_custom_tag_is_refused(problems: Problems) -> None:
    found = problems({"injects/evil.yaml": "id: evil\ntitle: !include /etc/passwd\n"})
    assert found == ["injects/evil.yaml:2:8: error: tag '!include' is not allowed; "
                     "ttx files hold plain text, numbers, lists and mappings"]


def test_alias_bomb_is_refused_quickly(problems: Problems) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    started = time.perf_counter()
    found = problems({"injects/bomb.yaml": "\n".join(lines) + "\n"})
    elapsed = time.perf_counter() - started
    assert found == ["injects/bomb.yaml:1:1: error: more than 100,000 values after expanding "
                     "aliases (an alias bomb?); refused"]
    assert elapsed < 1.0, "the whole workspace load, bomb included, takes well under a second"


def test_recursive_alias_is_refused(problems: Problems) -> None:
    assert problems({"injects/loop.yaml": "id: &x [*x]\n"}) == [
        "injects/loop.yaml:1:5: error: a recursive alias; refused"]


def test_file_above_the_size_bound(problems: Problems) -> None:
    big = "id: big\ntitle: Big\nbody: |\n" + ("  " + "x" * 99 + "\n") * 21_000
    found = problems({"injects/big.yaml": big})
    assert len(found) == 1
    assert found[0].startswith("injects/big.yaml:1:1: error: file is ")
    assert found[0].endswith(f"bytes; the limit is {yaml_source.MAX_FILE_BYTES:,}")


def test_non_utf8_file_points_at_the_byte(problems: Problems) -> None:
    found = problems({"injects/latin.yaml": b"id: latin\ntitle: caf\xe9\n"})
    assert found == ["injects/latin.yaml:2:11: error: file is not UTF-8 text (byte 0xe9)"]


def test_yaml_syntax_error_has_its_position(problems: Problems) -> None:
    found = problems({"injects/broken.yaml": "id: broken\ntitle: [unclosed\nbody: x\n"})
    assert len(found) == 1
    assert found[0].startswith("injects/broken.yaml:3:")
    assert "YAML syntax:" in found[0]


def test_duplicate_key_is_an_error(problems: Problems) -> None:
    assert problems({"injects/dup.yaml": "id: dup\ntitle: A\ntitle: B\n"}) == [
        "injects/dup.yaml:3:1: error: duplicate key 'title' (first at line 2)"]


def test_two_documents_in_one_file(problems: Problems) -> None:
    assert problems({"injects/two.yaml": "id: one\ntitle: One\n---\nid: two\ntitle: Two\n"}) == [
        "injects/two.yaml:3:1: error: YAML syntax: a file holds one YAML document; "
        "found a second '---' document"]


def test_yaml_1_1_surprises_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: NO\nb: on\nc: +1:30\nd: 0o17\ne: 2027-03-14\n", encoding="utf-8")
    document = yaml_source.parse_yaml(path)
    assert document.data == {"a": "NO", "b": "on", "c": "+1:30", "d": 15, "e": "2027-03-14"}
