"""The JSON Schema of the JSON report (`ttx report --format json`).

The committed copy is `schemas/report.schema.json`; a test checks it still matches the
model. After a deliberate change to the report model: `python -m ttx.report.schema >
schemas/report.schema.json`, and raise `FORMAT_VERSION` when old readers would break.
"""

from __future__ import annotations

import json
from typing import Any, get_args

from pydantic import BaseModel

from ttx.model.docstrings import describe_fields
from ttx.report.model import AfterActionReport
from ttx.report.model_config import FORMAT_VERSION

SCHEMA_ID = "https://ttx.invalid/schemas/report.schema.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the JSON report, as it is written, with each field's
    docstring as its description (read here, not when the models are made: reading
    the classes' source cost every report 80 ms)."""
    describe_fields(*models_inner_first(AfterActionReport))
    schema = AfterActionReport.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": f"ttx after-action report, format {FORMAT_VERSION}", **{
                key: value for key, value in schema.items() if key != "title"}}


def models_inner_first(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model its fields hold, each after the models it holds."""
    found: list[type[BaseModel]] = []
    seen: set[type[BaseModel]] = set()

    def visit(annotation: Any) -> None:
        for argument in get_args(annotation):
            visit(argument)
        if (isinstance(annotation, type) and issubclass(annotation, BaseModel)
                and annotation not in seen):
            seen.add(annotation)
            for field in annotation.model_fields.values():
                visit(field.annotation)
            found.append(annotation)

    visit(model)
    return found


def main() -> None:
    print(json.dumps(report_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
