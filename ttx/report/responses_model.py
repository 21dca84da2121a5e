"""The report's record of how each delegation answered each delivered inject."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from ttx.report.model_config import REPORT, Duration


class InjectResponse(BaseModel):
    """One recipient delegation's answer to one delivered inject: delivery →
    acknowledgement → first move, from what its seat recorded."""

    model_config = REPORT

    inject: str
    inject_title: str
    role: str
    role_name: str
    delivered_at_game: datetime
    delivered_at_wall: datetime
    acknowledged: Duration | None = None
    """Game time from the delivery to the delegation's acknowledgement."""
    acknowledged_room: Duration | None = None
    """Room (wall) time from the delivery to the acknowledgement, pauses excluded."""
    first_move: Duration | None = None
    """Game time from the delivery to the delegation's first move on the inject."""
    first_move_room: Duration | None = None
    """Room (wall) time from the delivery to the first move, pauses excluded."""
    first_move_seq: int | None = None
    options: list[str] = Field(default_factory=list)
    """Options picked, a recommendation marked `(recommended)`."""
