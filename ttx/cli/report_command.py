"""`ttx report SESSION`: the after-action report of a recorded session.

The format comes from `--format`, else from the suffix of `-o`, else HTML. Without
`-o` the report goes to `reports/<session-file-stem>.<ext>` in the session's
workspace (the folder above `sessions/`), and its path is printed. Nothing heavy is
imported until the command runs: WeasyPrint only for a PDF, python-docx only for
Word; matplotlib only for HTML, PDF and Word, and then in a process of its own started
before the session is read.

While it works, a progress bar is redrawn on one line of standard error if that is
a terminal; in a pipe or a log, where it would only be noise, nothing is printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ttx.errors import TtxError
from ttx.gc_pause import gc_paused

if TYPE_CHECKING:
    from ttx.report.chart_process import ChartDrawer
    from ttx.report.model import AfterActionReport

FORMATS = ("html", "pdf", "docx", "md", "json")
SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".md": "md",
            ".markdown": "md", ".json": "json"}


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report", help="after-action report of a session (HTML, PDF, Word, Markdown, JSON)",
        description="Render a recorded session as an HSEEP after-action report / "
                    "improvement plan.")
    report.add_argument("session", metavar="SESSION", help="a session file (.ttx)")
    report.add_argument("--format", choices=FORMATS,
                        help="default: from the suffix of -o, else html")
    report.add_argument("-o", "--output", metavar="PATH",
                        help="where to write it ('-' for standard output; an existing "
                             "file is replaced); default: reports/<session>.<ext> in the "
                             "session's workspace")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="PDF and Word paper size (default a4)")
    report.add_argument("--draft", action="store_true",
                        help="mark the report DRAFT (watermark on every PDF page)")
    report.add_argument("--for", dest="role", metavar="ROLE",
                        help="one delegation's edition: only what that role's seat could "
                             "see in play, and the shared sections")
    report.set_defaults(handler=run_report)


def chosen_format(format_option: str | None, output: str | None) -> str:
    """`--format`, else the format the output's suffix names, else html."""
    if format_option:
        return format_option
    if output and output != "-":
        return SUFFIXES.get(Path(output).suffix.lower(), "html")
    return "html"


def run_report(args: argparse.Namespace) -> int:
    from ttx.cli.locations import session_location, workspace_of_session
    from ttx.session.journal_copy import session_id_of

    session = session_location(args.session)  # a file, or a session on a server
    report_format = chosen_format(args.format, args.output)
    if isinstance(session, Path) and not session.is_file():
        raise TtxError(f"no session file at {session}")
    with ExitStack() as stack:
        bar = stack.enter_context(ProgressBar(sys.stderr))
        drawer: ChartDrawer | None = None
        if report_format in ("html", "pdf", "docx"):
            from ttx.report.chart_process import ChartDrawer

            # First thing: matplotlib then loads while the session is read.
            drawer = stack.enter_context(ChartDrawer())
        from ttx.report.build import build_report_from_file

        workspace = workspace_of_session(session)

        bar("reading the session", 0.0)
        with gc_paused():  # tens of thousands of live objects; no garbage cycles to find
            report = build_report_from_file(session, role=args.role)
        # WeasyPrint's layout boxes do make cycles; the text formats make none
        with nullcontext() if report_format == "pdf" else gc_paused():
            data = _render(report, report_format, args, workspace, drawer, bar)
    edition = f"-{args.role}" if args.role else ""
    _write(data, args.output,
           workspace / "reports" / f"{session_id_of(session)}{edition}.{report_format}")
    return 0


def _render(report: AfterActionReport, report_format: str, args: argparse.Namespace,
            workspace: Path, drawer: ChartDrawer | None, bar: ProgressBar) -> bytes:
    from ttx.report.render import render_html, render_json, render_markdown

    if report_format == "pdf":
        from ttx.report.pdf import render_pdf

        return render_pdf(report, workspace=workspace, paper=args.paper, draft=args.draft,
                          progress=bar, drawer=drawer)
    if report_format == "docx":
        from ttx.report.word import render_docx

        bar("rendering", 0.3)
        return render_docx(report, workspace=workspace, paper=args.paper, draft=args.draft,
                           drawer=drawer)
    bar("rendering", 0.3)
    if report_format == "html":
        text = render_html(report, workspace=workspace, draft=args.draft, drawer=drawer)
    elif report_format == "md":
        text = render_markdown(report, workspace=workspace, draft=args.draft)
    else:
        text = render_json(report)
    return text.encode("utf-8")


class ProgressBar:
    """`ttx report [#######---------]  45%  laying out page 12` on one line of `stream`,
    redrawn at most ten times a second, and erased when the report is done. Silent
    when `stream` is not a terminal."""

    WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self.drawn = 0
        self.last_draw = 0.0

    def __call__(self, stage: str, done: float) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last_draw < 0.1 and done < 1.0):
            return
        self.last_draw = now
        filled = round(self.WIDTH * min(max(done, 0.0), 1.0))
        line = (f"ttx report [{'#' * filled}{'-' * (self.WIDTH - filled)}] "
                f"{round(done * 100):3d}%  {stage}")
        self.stream.write("\r" + line.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(line)

    def close(self) -> None:
        """Erase the bar, so what follows starts on a clean line."""
        if self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
            self.drawn = 0

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write(data: bytes, output: str | None, default: Path) -> None:
    from ttx.cli.output import say, write_output

    target = output or default
    if write_output(data, target):
        say(str(target))
