"""Problems with authored files, reported as `PATH:LINE:COL: error: MESSAGE`."""

from __future__ import annotations

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
class Problem:
    """One problem at a position in a file. Lines and columns count from 1."""

    path: Path
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def relative_to(self, base: Path) -> Problem:
        """The same problem with its path shown relative to `base` where possible."""
        try:
            shown = self.path.resolve().relative_to(base.resolve())
        except ValueError:
            return self
        return Problem(shown, self.line, self.column, self.severity, self.message)

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "message": self.message,
        }


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity is Severity.error for problem in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems grouped by file, then in reading order; duplicates removed."""
    return sorted(set(problems), key=lambda p: (str(p.path), p.line, p.column, p.message))
