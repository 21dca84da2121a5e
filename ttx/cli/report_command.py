"""`ttx report SESSION`: the after-action report of a recorded session.

The format comes from `--format`, else from the suffix of `-o`, else HTML. Without
`-o` the report goes to `reports/<session-file-stem>.<ext>` in the session's
workspace (the folder above `sessions/`), and its path is printed. Nothing heavy is
imported until the command runs: WeasyPrint only for a PDF, matplotlib only for
HTML and PDF (the charts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ttx.errors import TtxError

FORMATS = ("html", "pdf", "md", "json")
SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md",
            ".json": "json"}


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report", help="after-action report of a session (HTML, PDF, Markdown, JSON)",
        description="Render a recorded session as an HSEEP after-action report / "
                    "improvement plan.")
    report.add_argument("session", metavar="SESSION", help="a session file (.ttx)")
    report.add_argument("--format", choices=FORMATS,
                        help="default: from the suffix of -o, else html")
    report.add_argument("-o", "--output", metavar="PATH",
                        help="where to write it ('-' for standard output); default: "
                             "reports/<session>.<ext> in the session's workspace")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="PDF paper size (default a4)")
    report.add_argument("--draft", action="store_true",
                        help="mark the report DRAFT (watermark on every PDF page)")
    report.set_defaults(handler=run_report)


def chosen_format(format_option: str | None, output: str | None) -> str:
    """`--format`, else the format the output's suffix names, else html."""
    if format_option:
        return format_option
    if output and output != "-":
        return SUFFIXES.get(Path(output).suffix.lower(), "html")
    return "html"


def session_workspace(session: Path) -> Path:
    """The workspace a session file belongs to: the folder above `sessions/`, or the
    nearest folder holding scenarios or injects."""
    from ttx.authoring.workspace import find_workspace_root

    folder = session.resolve().parent
    if folder.name == "sessions":
        return folder.parent
    return find_workspace_root(folder)


def run_report(args: argparse.Namespace) -> int:
    from ttx.report.build import build_report_from_file
    from ttx.report.render import render_json, render_markdown

    session = Path(args.session)
    report_format = chosen_format(args.format, args.output)
    if not session.is_file():
        raise TtxError(f"no session file at {session}")
    workspace = session_workspace(session)
    progress("building report…")
    report = build_report_from_file(session)
    if report_format == "pdf":
        from ttx.report.pdf import render_pdf

        data = render_pdf(report, workspace=workspace, paper=args.paper, draft=args.draft,
                          progress=progress)
    elif report_format == "html":
        from ttx.report.render import render_html

        progress("rendering HTML…")
        data = render_html(report, workspace=workspace, draft=args.draft).encode("utf-8")
    elif report_format == "md":
        data = render_markdown(report, workspace=workspace, draft=args.draft).encode("utf-8")
    else:
        data = render_json(report).encode("utf-8")
    _write(data, args.output, workspace / "reports" / f"{session.stem}.{report_format}")
    return 0


def progress(message: str) -> None:
    """One line on standard error per stage, so a long PDF never looks stuck."""
    sys.stderr.write(f"ttx report: {message}\n")
    sys.stderr.flush()


def _write(data: bytes, output: str | None, default: Path) -> None:
    from ttx.cli.output import write_atomically

    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output) if output else default
    write_atomically(target, data)
    sys.stdout.write(f"{target}\n")
