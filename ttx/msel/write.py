"""Write an import's files into a workspace: all or nothing.

The files are first written to a hidden folder inside the workspace, then moved into
place (existing ones kept aside), and the workspace is validated: a new error undoes the
move. Existing files are replaced only when asked (`force`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ttx.authoring.problems import Severity
from ttx.authoring.scaffold import write_schemas
from ttx.authoring.workspace import Workspace, load_workspace
from ttx.errors import TtxError
from ttx.msel.in_place import ImportChanges
from ttx.msel.problems import MselRefused


def shown(path: Path) -> Path:
    """`path` relative to the current folder where it is inside it."""
    cwd = Path.cwd().resolve()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def refuse_if_refused(changes: ImportChanges, source: Path) -> None:
    """Raise the import's refusals (shared injects changed, ids taken), if any."""
    if changes.refused.has_errors:
        raise MselRefused(source, changes.refused)


def write_changes(changes: ImportChanges, workspace: Workspace, *,
                  force: bool = False) -> list[Path]:
    """Write every file of `changes` into `workspace`; refused, with nothing written, if
    any exists (without `force`) or if the workspace would gain an error."""
    root = workspace.root
    existing = [change.path for change in changes.files if change.path.exists()]
    if existing and not force:
        raise TtxError(f"nothing imported: {len(existing)} file(s) exist; use --force to "
                       "replace them (--check lists what would change)",
                       details=[f"{shown(path)}: exists" for path in existing])
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ttx-import-", dir=root))
    try:
        relatives = []
        for change in changes.files:
            relative = change.path.relative_to(root)
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(change.text, encoding="utf-8")
            relatives.append(relative)
        _move_into_place(relatives, staging, root, workspace)
        write_schemas(root)
    except OSError as error:
        raise TtxError(f"nothing imported: cannot write in {root}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [change.path for change in changes.files]


def _move_into_place(relatives: list[Path], staging: Path, root: Path,
                     before: Workspace) -> None:
    backups = staging / ".replaced"
    moved: list[Path] = []
    try:
        for relative in relatives:
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                (backups / relative).parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backups / relative)
            os.replace(staging / relative, target)
            moved.append(relative)
        known = {str(p) for p in before.problems}
        errors = [p for p in load_workspace(root).problems
                  if p.severity is Severity.error and str(p) not in known]
        if errors:
            raise TtxError("nothing imported: the workspace would not validate",
                           details=[str(p.relative_to(Path.cwd())) for p in errors])
    except BaseException:
        for relative in reversed(moved):
            (root / relative).unlink(missing_ok=True)
            if (backups / relative).exists():
                os.replace(backups / relative, root / relative)
        raise
