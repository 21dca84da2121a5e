"""The participant feedback form, after HSEEP's: ratings 1–5 of the exercise's design and
conduct (Part II), then top strengths, areas for improvement and comments (Part I).

One home for the questions: the delegation console offers them, `ttx session feedback
--rate ID=N` takes their ids, and the after-action report summarises them.
"""

from __future__ import annotations

FEEDBACK_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("objectives", "The exercise objectives were clear and met"),
    ("scenario", "The scenario was plausible and realistic"),
    ("materials", "The read-aheads and handouts were useful"),
    ("facilitation", "The facilitation kept discussion focused and moving"),
    ("participation", "The right people took part, with the authority to decide"),
    ("value", "The exercise will improve how my government responds"),
)
"""(id, statement) rated 1 (strongly disagree) to 5 (strongly agree)."""
