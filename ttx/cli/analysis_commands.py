"""`ttx session analyse …` and `ttx session feedback`: the after-action layer, headless.

The analysis (executive summary, final ratings, findings) and the delegations'
feedback may be written after `session end`; play stays closed. Long text may come
from a file (`--file`, `-` for standard input).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ttx.errors import TtxError

if TYPE_CHECKING:
    from ttx.session.events import Event
    from ttx.session.session import Session

Act = Callable[["Session", argparse.Namespace], "Event"]
Verb = Callable[..., argparse.ArgumentParser]


def register_analysis(verb: Verb, action: Callable[[Act], Callable[[argparse.Namespace], int]]
                      ) -> None:
    """Add the `analyse` verbs and `feedback` to `ttx session`."""
    summary = verb("summary", "write a part of the executive summary (also after ENDEX)",
                   action(lambda s, a: s.write_summary(a.part, _text(a))))
    summary.add_argument("part", choices=("overview", "strengths", "improvements",
                                          "coordination"))
    _text_arguments(summary)

    rating = verb("rate", "give an objective its final P/S/M/U rating, with why",
                  action(lambda s, a: s.give_rating(a.objective, a.rating, _text(a))))
    rating.add_argument("objective", metavar="OBJ")
    rating.add_argument("rating", metavar="P|S|M|U")
    _text_arguments(rating, required=False)

    finding = verb("finding", "record a strength or area for improvement of an objective",
                   action(lambda s, a: s.record_finding(
                       a.objective, a.kind, _text(a), reference=a.reference,
                       analysis=_read(a.analysis) if a.analysis else "",
                       recommendations=a.recommend)))
    finding.add_argument("objective", metavar="OBJ")
    finding.add_argument("kind", choices=("strength", "improvement"))
    finding.add_argument("--reference", default="", metavar="TEXT",
                         help="e.g. the plan or doctrine it is measured against")
    finding.add_argument("--analysis", metavar="FILE", help="the analysis, from a file (- stdin)")
    finding.add_argument("--recommend", action="append", default=[], metavar="TEXT",
                         help="a recommendation (repeat for several)")
    _text_arguments(finding)

    feedback = verb("feedback", "a delegation's participant feedback (after ENDEX)",
                    action(lambda s, a: s.submit_feedback(
                        a.role, _ratings(a.rate), strengths=a.strength,
                        improvements=a.improvement, text=a.comments)))
    feedback.add_argument("--role", metavar="ROLE", help="default: the player seat's role")
    feedback.add_argument("--rate", action="append", default=[], metavar="QUESTION=1..5",
                          help="a 1-5 rating, e.g. --rate design=4 (repeat)")
    feedback.add_argument("--strength", action="append", default=[], metavar="TEXT")
    feedback.add_argument("--improvement", action="append", default=[], metavar="TEXT")
    feedback.add_argument("--comments", default="", metavar="TEXT")


def _text_arguments(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("text", nargs="?", default="", metavar="TEXT")
    parser.add_argument("--file", metavar="FILE", help="read the text from FILE (- stdin)")
    parser.set_defaults(text_required=required)


def _text(args: argparse.Namespace) -> str:
    if args.file:
        if args.text:
            raise TtxError("give the text or --file, not both")
        return _read(args.file)
    if not args.text and args.text_required:
        raise TtxError("give the text, or --file FILE")
    return str(args.text)


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TtxError(f"cannot read {name}: {getattr(error, 'strerror', None) or error}"
                       ) from None


def _ratings(pairs: list[str]) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for pair in pairs:
        question, _, value = pair.partition("=")
        if not question.strip() or not value.strip().isdigit():
            raise TtxError(f"'{pair}' is not QUESTION=1..5, e.g. design=4")
        ratings[question.strip()] = int(value)
    return ratings

