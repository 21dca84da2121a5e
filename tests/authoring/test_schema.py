"""The committed JSON Schemas match the models, and a third-party validator agrees with ours."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.authoring.conftest import INJECTS, SCENARIO
from ttx.authoring.schema import (
    SCHEMA_KINDS,
    SchemaKind,
    json_schema,
    schema_file_name,
    schema_text,
)
from ttx.authoring.workspace import yaml_files
from ttx.authoring.yaml_source import parse_yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_matches_the_models(kind: SchemaKind) -> None:
    committed = (REPO / "schemas" / schema_file_name(kind)).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run: ttx schema {kind} -o schemas/{kind}.schema.json"


def _validator(kind: SchemaKind) -> jsonschema.protocols.Validator:
    schema = json_schema(kind)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _data(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_yaml(path).data


def test_shipped_files_are_valid_for_the_third_party_validator() -> None:
    checked = 0
    folders: dict[SchemaKind, str] = {"scenario": "scenarios", "inject": "injects"}
    for kind, folder in folders.items():
        validator = _validator(kind)
        for path in yaml_files(REPO / folder):
            errors = list(validator.iter_errors(parse_yaml(path).data))
            assert errors == [], f"{path}: {errors[0].message}"
            checked += 1
    assert checked > 0


def test_fixture_files_are_valid_for_both(tmp_path: Path) -> None:
    assert list(_validator("scenario").iter_errors(_data(tmp_path, SCENARIO))) == []
    for text in INJECTS.values():
        assert list(_validator("inject").iter_errors(_data(tmp_path, text))) == []


@pytest.mark.parametrize(("kind", "text"), [
    ("scenario", SCENARIO.replace("title: Drill", "title: Drill\ncolour: red")),
    ("scenario", SCENARIO.replace("    title: Module 1", "    title: Module 1\n    situaton: x")),
    ("inject", INJECTS["launch.yaml"].replace("questions:", "questons:")),
    ("inject", INJECTS["decide.yaml"].replace("label:", "lable:")),
])
def test_unknown_keys_are_rejected_by_the_third_party_validator(
    tmp_path: Path, kind: SchemaKind, text: str
) -> None:
    errors = list(_validator(kind).iter_errors(_data(tmp_path, text)))
    assert errors, "additionalProperties: false must reject the unknown key"


def test_schema_rejects_bad_offsets_and_enums(tmp_path: Path) -> None:
    bad = INJECTS["launch.yaml"].replace("method: intel", "method: fax") + "at: '1:30'\n"
    messages = [error.message for error in _validator("inject").iter_errors(_data(tmp_path, bad))]
    assert any("fax" in message for message in messages)
    assert any("1:30" in message for message in messages)


def test_every_field_has_a_description() -> None:
    for kind in SCHEMA_KINDS:
        schema = json_schema(kind)
        for name, definition in schema["$defs"].items():
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{kind}: {name}.{field} has no docstring"
    assert json.dumps(json_schema("scenario"))


def test_every_shipped_yaml_file_names_its_schema() -> None:
    checked = 0
    folders: dict[SchemaKind, str] = {"scenario": "scenarios", "inject": "injects"}
    for kind, folder in folders.items():
        for path in yaml_files(REPO / folder):
            first_line = path.read_text(encoding="utf-8").splitlines()[0]
            prefix = "# yaml-language-server: $schema="
            assert first_line.startswith(prefix), f"{path}: no schema line"
            target = (path.parent / first_line[len(prefix):]).resolve()
            assert target == REPO / "schemas" / f"{kind}.schema.json", f"{path}: wrong schema"
            checked += 1
    assert checked > 0
