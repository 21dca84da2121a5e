"""Where sessions are and how the command line names them: one home for both."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ttx.session.journal import is_url

if TYPE_CHECKING:
    from ttx.model.resolved import ResolvedScenario


def session_location(text: str) -> str | Path:
    """A SESSION argument: a PostgreSQL URL as given, anything else a path."""
    return text if is_url(text) else Path(text)


def shown(location: str | Path) -> str:
    """How to print a session's location: a path relative to the current folder when it
    lies inside it (absolute otherwise); a URL as given (it never holds a password)."""
    if is_url(location):
        return str(location)
    path = Path(location)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def workspace_of_scenario(resolved: ResolvedScenario) -> Path:
    """The workspace a resolved scenario was read from (the current one otherwise):
    new sessions go to its `sessions/`."""
    from ttx.authoring.workspace import find_workspace_root

    return find_workspace_root(Path(resolved.source) if resolved.source else Path.cwd())


def workspace_of_session(location: str | Path) -> Path:
    """The workspace a session belongs to: the folder above `sessions/`, or the nearest
    folder holding scenarios or injects (the current one for a session on a server)."""
    from ttx.authoring.workspace_root import find_workspace_root

    if is_url(location):
        return find_workspace_root(Path.cwd())
    folder = Path(location).resolve().parent
    if folder.name == "sessions":
        return folder.parent
    return find_workspace_root(folder)
