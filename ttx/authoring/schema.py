"""JSON Schema of the authored files, generated from the models, for editors."""

from __future__ import annotations

import json
from typing import Any, Literal

from ttx.model import (
    Condition,
    Contact,
    CriticalTask,
    Handout,
    Inject,
    Module,
    ModuleInject,
    Objective,
    Option,
    Role,
    Scenario,
    Variant,
)
from ttx.model.docstrings import describe_fields

SchemaKind = Literal["scenario", "inject"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = ("scenario", "inject")


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) an editor uses to check a `kind` file."""
    describe_fields(Option, Variant, Inject, Role, CriticalTask, Objective, ModuleInject, Module,
                    Contact, Condition, Handout, Scenario)
    if kind == "scenario":
        body = Scenario.model_json_schema(by_alias=True)
        title = "ttx scenario"
    else:
        single = Inject.model_json_schema(by_alias=True)
        defs = single.pop("$defs", {})
        defs["Inject"] = single
        body = {
            "$defs": defs,
            "anyOf": [
                {"$ref": "#/$defs/Inject"},
                {"type": "array", "items": {"$ref": "#/$defs/Inject"}, "minItems": 1},
            ],
        }
        title = "ttx inject"
    body.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ttx.invalid/schemas/{kind}.schema.json",
        "title": title,
        **body,
    }


def schema_text(kind: SchemaKind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def schema_file_name(kind: SchemaKind) -> str:
    return f"{kind}.schema.json"
