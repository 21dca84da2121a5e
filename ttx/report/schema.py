"""The JSON Schema of the JSON report (`ttx report --format json`).

The committed copy is `schemas/report.schema.json`; a test checks it still matches the
model. After a deliberate change to the report model: `python -m ttx.report.schema >
schemas/report.schema.json`, and raise `FORMAT_VERSION` when old readers would break.
"""

from __future__ import annotations

import json
from typing import Any

from ttx.report.model import AfterActionReport
from ttx.report.model_config import FORMAT_VERSION

SCHEMA_ID = "https://ttx.invalid/schemas/report.schema.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the JSON report, as it is written."""
    schema = AfterActionReport.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": f"ttx after-action report, format {FORMAT_VERSION}", **{
                key: value for key, value in schema.items() if key != "title"}}


def main() -> None:
    print(json.dumps(report_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
