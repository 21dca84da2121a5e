"""Field docstrings as schema descriptions, read only when a schema is asked for.

Pydantic's `use_attribute_docstrings` reads every model's source with `inspect` when the
class is created, which cost every command a tenth of a second at start-up for text only
`ttx schema` prints. The docstrings stay in the models; this copies them into the field
descriptions on demand and rebuilds the models' schemas.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap

from pydantic import BaseModel


def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The string literal written under each annotated field of `model`'s class body."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def describe_fields(*models: type[BaseModel]) -> None:
    """Give each field of `models` its docstring as description, then rebuild their
    schemas; `models` go inner first, so an outer model is built over described ones."""
    for model in models:
        if getattr(model, "__ttx_described__", False):
            continue
        for name, text in field_docstrings(model).items():
            field = model.model_fields.get(name)
            if field is not None and field.description is None:
                field.description = text
        model.model_rebuild(force=True)
        model.__ttx_described__ = True  # type: ignore[attr-defined]
