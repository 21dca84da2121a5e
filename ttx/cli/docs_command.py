"""`ttx docs SCENARIO --kind sitman|guide|eeg`: the documents before play.

The format comes from `--format`, else from the suffix of `-o`, else HTML. Without
`-o` the document goes to `reports/<scenario>-<kind>.<ext>` in the scenario's
workspace, and its path is printed. WeasyPrint and python-docx load only for PDF and
Word.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

KINDS = ("sitman", "guide", "eeg")
FORMATS = ("html", "pdf", "docx")


def register(commands: Any) -> None:
    docs = commands.add_parser(
        "docs", help="documents before play: Situation Manual, facilitator guide, EEGs",
        description="Print a scenario's Situation Manual (players), facilitator and "
                    "evaluator guide (control), or Exercise Evaluation Guides (evaluators).")
    docs.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id")
    docs.add_argument("--kind", choices=KINDS, required=True,
                      help="sitman (players), guide (control), eeg (evaluators)")
    docs.add_argument("--format", choices=FORMATS,
                      help="default: from the suffix of -o, else html")
    docs.add_argument("-o", "--output", metavar="PATH",
                      help="where to write it ('-' for standard output); default: "
                           "reports/<scenario>-<kind>.<ext> in the workspace")
    docs.add_argument("--paper", choices=("a4", "letter"), default="a4",
                      help="PDF and Word paper size (default a4)")
    docs.add_argument("--draft", action="store_true", help="mark the document DRAFT")
    docs.set_defaults(handler=run_docs)


def run_docs(args: argparse.Namespace) -> int:
    from ttx.authoring.resolve import open_scenario, resolve
    from ttx.cli.output import say, write_output
    from ttx.docs.build import build_document
    from ttx.docs.render import render

    chosen = args.format
    if chosen is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
        chosen = suffix if suffix in FORMATS else "html"
    workspace, scenario_id = open_scenario(args.scenario)
    document = build_document(resolve(workspace, scenario_id), args.kind)
    data = render(document, chosen, workspace=workspace.root, paper=args.paper,
                  draft=args.draft)
    target = args.output or workspace.root / "reports" / f"{scenario_id}-{args.kind}.{chosen}"
    if write_output(data, target):
        say(str(target))
    return 0
