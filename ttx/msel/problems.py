"""Problems with an MSEL spreadsheet, as the project's `Problem`s: `PATH:ROW:COL`.

Rows and columns are the spreadsheet's, from 1 (a CSV's column is its field number). A
problem in an XLSX also names its sheet and cell in the message, as a planner looks for
it: `(sheet 'MSEL', cell C4)`. Problems are collected, all of them, up to a cap: a
million bad rows must not make a million lines; the rest are counted and summarised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ttx.authoring.problems import Problem, Severity, sort_problems
from ttx.errors import TtxError

KEPT_PER_SEVERITY = 1000
"""Problems kept of each severity; past it they are only counted."""
SHOWN_PER_SEVERITY = 20
"""Problems of each severity printed on a terminal before '… and N more'."""


def column_letter(number: int) -> str:
    """The spreadsheet's name of a column counted from 1: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True)
class Sheet:
    """Where cells come from: a file, and for an XLSX the sheet's name."""

    path: Path
    name: str | None = None
    """The XLSX sheet; None for a CSV."""

    def problem(self, row: int, column: int, message: str,
                severity: Severity = Severity.error) -> Problem:
        """A problem at a cell (row and column from 1; column 1 for a whole row)."""
        if self.name is not None:
            message = f"{message} (sheet '{self.name}', cell {column_letter(column)}{row})"
        return Problem(self.path, row, column, severity, message)

    def file_problem(self, message: str) -> Problem:
        """A problem with the file as a whole, at its start."""
        return Problem(self.path, 1, 1, Severity.error, message)


@dataclass
class ProblemLog:
    """Every problem found, up to `KEPT_PER_SEVERITY` of each severity; the rest counted."""

    problems: list[Problem] = field(default_factory=list)
    kept: Counter[Severity] = field(default_factory=Counter)
    omitted: Counter[Severity] = field(default_factory=Counter)

    def add(self, problem: Problem) -> None:
        if self.kept[problem.severity] >= KEPT_PER_SEVERITY:
            self.omitted[problem.severity] += 1
        else:
            self.kept[problem.severity] += 1
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def count(self, severity: Severity) -> int:
        return self.kept[severity] + self.omitted[severity]

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.error) > 0

    def sorted(self) -> list[Problem]:
        return sort_problems(self.problems)


def shown_lines(log: ProblemLog, base: Path | None = None) -> list[str]:
    """The problems as terminal lines: the first `SHOWN_PER_SEVERITY` of each severity,
    then `… and N more warnings`."""
    lines: list[str] = []
    for severity in (Severity.warning, Severity.error):
        matching = [p for p in log.sorted() if p.severity is severity]
        lines += [str(p.relative_to(base) if base else p)
                  for p in matching[:SHOWN_PER_SEVERITY]]
        hidden = len(matching) - SHOWN_PER_SEVERITY + log.omitted[severity]
        if hidden > 0:
            lines.append(f"… and {hidden:,} more {severity}s")
    return lines


def _shown(path: Path) -> Path:
    """`path` relative to the current folder where it is inside it."""
    cwd = Path.cwd().resolve()
    resolved = path.resolve()
    return resolved.relative_to(cwd) if resolved.is_relative_to(cwd) else path


class MselRefused(TtxError):
    """An import refused for problems in the spreadsheet; nothing was written."""

    def __init__(self, path: Path, log: ProblemLog) -> None:
        errors = log.count(Severity.error)
        super().__init__(f"nothing imported from {_shown(path)}: {errors:,} "
                         f"problem{'s' if errors != 1 else ''}",
                         details=shown_lines(log, Path.cwd()))
        self.path = path
        self.log = log

    @classmethod
    def single(cls, problem: Problem) -> MselRefused:
        log = ProblemLog()
        log.add(problem)
        return cls(problem.path, log)
