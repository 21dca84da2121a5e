"""Domain errors: what the user did wrong, said in one line; never a traceback."""

from __future__ import annotations


class TtxError(Exception):
    """A refused action or bad input. The CLI prints `error: <message>` and exits 1.

    `details` are extra lines (such as file problems) printed before the error line.
    """

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
