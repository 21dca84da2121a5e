"""Problems with authored files, reported as `PATH:LINE:COL: error: MESSAGE`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ttx.hints import did_you_mean

__all__ = ["Problem", "Severity", "did_you_mean", "has_errors", "sort_problems"]


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file, as `PATH:LINE:COL`."""

    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def relative_to(self, base: Path) -> Location:
        return Location(shown_path(self.path, base), self.line, self.column)


def shown_path(path: Path, base: Path) -> Path:
    """`path` relative to `base` when it lies inside it, else absolute.

    Neither is resolved through symlinks: a file is named where the author put it (a
    symlink in `injects/` is shown there), and a symlink loop cannot raise.
    """
    absolute, folder = Path(os.path.abspath(path)), Path(os.path.abspath(base))
    return absolute.relative_to(folder) if absolute.is_relative_to(folder) else absolute


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a position in a file. Lines and columns count from 1.

    `also` is a second place the message is about (the first of two duplicate ids); it
    is shown as `(also in PATH:LINE:COL)` and its path follows the same rule as `path`.
    """

    path: Path
    line: int
    column: int
    severity: Severity
    message: str
    also: Location | None = None

    @property
    def text(self) -> str:
        """The message with its second place, if any."""
        return f"{self.message} (also in {self.also})" if self.also else self.message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.text}"

    def relative_to(self, base: Path) -> Problem:
        """The same problem with its paths shown relative to `base` where they lie inside
        it, absolute otherwise."""
        also = self.also.relative_to(base) if self.also else None
        return Problem(shown_path(self.path, base), self.line, self.column, self.severity,
                       self.message, also)

    def as_json(self) -> dict[str, object]:
        shown: dict[str, object] = {
            "path": str(self.path),
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "message": self.text,
        }
        if self.also:
            shown["also"] = {"path": str(self.also.path), "line": self.also.line,
                             "column": self.also.column}
        return shown


class YamlRefused(Exception):
    """The file cannot be read as safe YAML; carries one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity is Severity.error for problem in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems grouped by file, then in reading order; duplicates removed."""
    return sorted(set(problems), key=lambda p: (str(p.path), p.line, p.column, p.text))
