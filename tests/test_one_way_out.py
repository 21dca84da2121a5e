"""Every word the command line prints goes through `ttx.cli.output` (`say`, `tell`,
`write_output`), the one place where control characters are made visible and a full
disk becomes one error line. A command that writes to sys.stdout or sys.stderr itself
would bypass both; this test names it."""

from __future__ import annotations

import re
from pathlib import Path

import ttx.cli

CLI = Path(ttx.cli.__file__).parent
DIRECT = re.compile(r"\bsys\.std(?:out|err)\b(?!\.isatty\(\)|\.flush\(\))|(?<![.\w])print\(")
ALLOWED = {
    "ProgressBar(sys.stderr)",  # redraws one line with \r; its words are its own
    "self.print_usage(sys.stderr)",  # argparse's usage line: the program's own words
}


def test_no_command_prints_around_the_output_module() -> None:
    bypasses = []
    for source in sorted(CLI.glob("*.py")):
        if source.name == "output.py":
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if DIRECT.search(line) and not any(allowed in line for allowed in ALLOWED):
                bypasses.append(f"{source.name}:{number}: {line.strip()}")
    assert bypasses == [], "print through ttx.cli.output (say, say_text, tell, " \
                           "write_output):\n" + "\n".join(bypasses)
