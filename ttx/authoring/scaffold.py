"""New files and workspaces that validate from the first keystroke."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

from ttx.authoring.id_forms import nearest_valid_form
from ttx.authoring.schema import SCHEMA_KINDS, SchemaKind, schema_file_name, schema_text
from ttx.authoring.workspace import INJECTS_DIR, SCENARIOS_DIR
from ttx.errors import TtxError
from ttx.model.ids import SLUG_PATTERN

SCHEMA_LINE = "# yaml-language-server: $schema="
_TEMPLATES = resources.files("ttx.authoring") / "templates"
MAX_ID_LENGTH = 120
"""As the models allow (`Slug`)."""


def schema_comment(kind: SchemaKind, file_path: Path, root: Path) -> str:
    """The editor's schema line for a file at `file_path` in the workspace `root`."""
    schema = root / "schemas" / schema_file_name(kind)
    return SCHEMA_LINE + os.path.relpath(schema, file_path.parent).replace(os.sep, "/")


def scaffold_text(kind: SchemaKind, new_id: str, file_path: Path, root: Path) -> str:
    """A commented file of `kind` with id `new_id` that validates as it stands."""
    if not re.fullmatch(SLUG_PATTERN, new_id):
        nearest = nearest_valid_form(new_id, SLUG_PATTERN)
        hint = f" (did you mean '{nearest}'?)" if nearest else ""
        raise TtxError(f"'{new_id}' is not a valid id: use lower-case letters, digits and "
                       f"hyphens, e.g. 'port-outage'{hint}")
    if len(new_id) > MAX_ID_LENGTH:
        raise TtxError(f"the id is {len(new_id)} characters long; an id has at most "
                       f"{MAX_ID_LENGTH}, as it names a file")
    template = (_TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")
    title = json.dumps(new_id.replace("-", " ").capitalize(), ensure_ascii=False)
    text = template.format(id=new_id, title=title)
    lines = text.splitlines(keepends=True)
    lines[0] = schema_comment(kind, file_path, root) + "\n"
    return "".join(lines)


def new_file(kind: SchemaKind, new_id: str, root: Path) -> Path:
    """Write the scaffold for `kind` into the workspace `root`; never overwrite."""
    folder = root / (SCENARIOS_DIR if kind == "scenario" else INJECTS_DIR)
    path = folder / f"{new_id}.yaml"
    text = scaffold_text(kind, new_id, path, root)
    taken = TtxError(f"{path} already exists; choose another id or edit that file")
    try:
        if path.exists() or path.is_symlink():
            raise taken
        folder.mkdir(parents=True, exist_ok=True)
        write_schemas(root)
    except OSError as error:
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise taken from None
    except OSError as error:
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def write_schemas(root: Path) -> None:
    """Keep `schemas/` in the workspace current, so editors can check files offline."""
    folder = root / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMA_KINDS:
        target = folder / schema_file_name(kind)
        text = schema_text(kind)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def init_workspace(target: Path) -> list[Path]:
    """A new workspace at `target` with a small example scenario; refuses a non-empty one."""
    try:
        taken = target.exists() and (not target.is_dir() or any(target.iterdir()))
    except OSError as error:
        raise TtxError(f"cannot make a workspace at {target}: {error.strerror or error}") from None
    if taken:
        raise TtxError(f"{target} exists and is not an empty folder")
    example = _TEMPLATES / "example"
    created: list[Path] = []
    try:
        for relative in ("scenarios/example-port-outage.yaml",
                         *(f"injects/example/{name}" for name in _example_injects())):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text((example / relative).read_text(encoding="utf-8"),
                                   encoding="utf-8")
            created.append(destination)
        for folder in ("reports", "sessions"):
            (target / folder).mkdir(parents=True, exist_ok=True)
        (target / ".gitignore").write_text("sessions/\nreports/*.html\nreports/*.pdf\n",
                                           encoding="utf-8")
        write_schemas(target)
    except OSError as error:
        raise TtxError(f"cannot make a workspace at {target}: {error.strerror or error}") from None
    return created


def _example_injects() -> list[str]:
    folder = _TEMPLATES / "example" / "injects" / "example"
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml"))


__all__ = ["init_workspace", "new_file", "scaffold_text", "write_schemas"]
