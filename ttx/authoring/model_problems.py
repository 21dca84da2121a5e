"""Validate YAML data against a model and turn pydantic's errors into positioned problems."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ttx.authoring.id_forms import nearest_valid_form
from ttx.authoring.problems import Problem, did_you_mean
from ttx.authoring.yaml_source import DataPath, YamlDocument
from ttx.model.conditions import TERM_PATTERN
from ttx.model.ids import (
    MODULE_PATTERN,
    OBJECTIVE_PATTERN,
    RECIPIENT_PATTERN,
    ROLE_PATTERN,
    SLUG_PATTERN,
    TASK_PATTERN,
)
from ttx.model.offsets import OFFSET_PATTERN

ModelT = TypeVar("ModelT", bound=BaseModel)

_PATTERN_ADVICE = {
    SLUG_PATTERN: "an id is lower-case letters, digits and hyphens, e.g. 'slbm-01-launch'",
    MODULE_PATTERN: "a module id is letters, digits and hyphens, e.g. 'M1' or 'm1-detection'",
    ROLE_PATTERN: "a role id is upper-case, e.g. 'US', 'JPN', 'ROK'",
    OBJECTIVE_PATTERN: "an objective id looks like 'OBJ-1'",
    RECIPIENT_PATTERN: "a recipient is an upper-case role id or 'all'",
    OFFSET_PATTERN: "an offset is written +H:MM, e.g. '+0:15'",
    TASK_PATTERN: "a critical task id is its objective's id, a dot and a number, e.g. 'OBJ-1.2'",
    TERM_PATTERN: "a condition is a lower-case id, or 'not' and an id, e.g. 'not link-restored'",
}


def validate_model(
    model: type[ModelT], data: Any, document: YamlDocument, base: DataPath = ()
) -> tuple[ModelT | None, list[Problem]]:
    """The model built from `data` (found at `base` in `document`), or its problems."""
    if not isinstance(data, dict):
        what = _describe(data)
        return None, [document.problem(base, f"expected a mapping of keys, found {what}")]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        problems = [_problem(model, data, document, base, detail) for detail in error.errors()]
        return None, problems


def _problem(
    model: type[BaseModel], data: Any, document: YamlDocument, base: DataPath,
    detail: ErrorDetails,
) -> Problem:
    data_path = _data_path(data, detail["loc"])
    where = _dotted(data_path)
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(data_path[-1])
        hint = did_you_mean(key, _keys_at(model, data_path[:-1]))
        prefix = f"{_dotted(data_path[:-1])}: " if len(data_path) > 1 else ""
        return document.problem((*base, *data_path), f"{prefix}unknown key '{key}'{hint}",
                                at_key=True)
    if kind == "missing":
        missing = detail["loc"][-1]
        if data_path and data_path[-1] == missing:
            data_path = data_path[:-1]
        container = _dotted(data_path)
        prefix = f"{container}: " if container else ""
        return document.problem((*base, *data_path), f"{prefix}missing required key '{missing}'")
    return document.problem((*base, *data_path), f"{where}: {_message(detail)}")


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    shown = f"'{value}'" if isinstance(value, str) else _describe(value)
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern"))
        advice = _PATTERN_ADVICE.get(pattern, "it has the wrong form")
        nearest = nearest_valid_form(value, pattern) if isinstance(value, str) else None
        hint = f" (did you mean '{nearest}'?)" if nearest else ""
        return f"{shown} is not valid: {advice}{hint}"
    if kind == "enum":
        expected = str(context.get("expected", "")).replace("'", "")
        choices = [choice.strip() for choice in expected.replace(" or ", ", ").split(",")]
        return f"{shown} is not one of {expected}{did_you_mean(str(value), choices)}"
    wanted_by_kind = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping",
                      "model_type": "a mapping", "model_attributes_type": "a mapping",
                      "bool_type": "true or false", "bool_parsing": "true or false",
                      "int_type": "a whole number", "int_parsing": "a whole number"}
    if kind in wanted_by_kind:
        wanted = wanted_by_kind[kind]
        return f"expected {wanted}, found {_describe(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {context.get('min_length', 1)} entries"
    if kind == "timezone_aware":
        return f"{shown} needs a time zone offset, e.g. '2027-03-14T05:30:00+09:00'"
    if kind.startswith("datetime"):
        return f"{shown} is not an ISO 8601 date and time, e.g. '2027-03-14T05:30:00+09:00'"
    if kind == "value_error":
        return str(context.get("error", detail["msg"]))
    return f"{detail['msg']} (found {shown})"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _data_path(data: Any, loc: tuple[int | str, ...]) -> DataPath:
    """The part of pydantic's `loc` that names places in the data (union tags dropped)."""
    path: list[str | int] = []
    current = data
    for element in loc:
        in_mapping = isinstance(current, dict) and element in current
        in_list = isinstance(current, list) and isinstance(element, int) and element < len(current)
        if in_mapping or in_list:
            current = current[element]
            path.append(element)
        elif isinstance(current, dict) and isinstance(element, str) and element not in current:
            # a missing key, or a union member's tag: keep it only if it is the last element
            if element == loc[-1]:
                path.append(element)
            break
    return tuple(path)


def _dotted(data_path: DataPath) -> str:
    text = ""
    for element in data_path:
        text += f"[{element}]" if isinstance(element, int) else (f".{element}" if text else element)
    return text


def _keys_at(model: type[BaseModel], data_path: DataPath) -> list[str]:
    """The keys a mapping at `data_path` may hold, for "did you mean" hints."""
    annotation: Any = model
    for element in data_path:
        annotation = _unwrap(annotation)
        if isinstance(element, int):
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next((f for name, f in annotation.model_fields.items()
                          if element in (name, f.alias)), None)
            if field is None:
                return []
            annotation = field.annotation
        else:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f.alias or name for name, f in annotation.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip `Annotated`, `Optional` and list wrappers down to the element type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation
