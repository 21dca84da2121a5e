"""The coordination ledger's models: how Tokyo and Seoul reached each other, link by link,
by phase and by decision point (`ttx.report.coordination` builds them)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from ttx.report.analysis_model import ComputedFinding
from ttx.report.model_config import REPORT, Duration


class MatrixRow(BaseModel):
    """Communications sent by one role, one count per recipient column."""

    model_config = REPORT

    sender: str
    counts: list[int]


class CoordinationLink(BaseModel):
    """One Japan–ROK exchange: a bilateral move, a relay through the United States, or a
    broadcast (a public statement, or one message to several roles) that reached the other."""

    model_config = REPORT

    route: str
    """`direct`, `via-us` or `broadcast`."""
    path: list[str]
    """Roles in order, e.g. `["JPN", "ROK"]` or `["JPN", "US", "ROK"]`."""
    inject: str | None
    seqs: list[int]
    """The moves that make up the exchange."""
    at_wall: datetime
    """When the exchange completed (its last move)."""
    at_game: datetime
    relay_delay: Duration | None = None
    """For a relay: game time between its two legs."""
    room_time: Duration | None = None
    """For a relay: room (wall) time between its legs, pauses excluded."""
    module: str = ""
    """The module (phase) it completed in."""
    method: str = ""
    """How a relay was recognised: `explicit forward`, `same inject` or `across injects`."""


class CoordinationPhase(BaseModel):
    """How Japan and the ROK coordinated in one module (phase) or on one decision point."""

    model_config = REPORT

    id: str
    title: str
    direct: int = 0
    via_us: int = 0
    broadcast: int = 0
    first_direct_at_game: datetime | None = None
    via_us_after_direct: int = 0
    """Relays through the US after a direct exchange had already happened (in the session)."""


class CoordinationAnalysis(BaseModel):
    """Who communicated with whom, and whether Japan and the ROK talked directly."""

    model_config = REPORT

    roles: list[str]
    """Row and column order of the matrix."""
    matrix: list[MatrixRow]
    communications: int
    """Moves with recipients (communications, requests, statements, …)."""
    applicable: bool
    """Whether the scenario has US, JPN and ROK roles to analyse."""
    direct: int
    via_us: int
    dominant: str
    """`direct`, `via-us`, `balanced`, `none`, or `too few` below the evidence threshold."""
    verdict: str
    """One plain sentence answering the "virtual alliance" question (computed)."""
    links: list[CoordinationLink]
    broadcasts: int = 0
    phases: list[CoordinationPhase] = Field(default_factory=list)
    decision_points: list[CoordinationPhase] = Field(default_factory=list)
    first_direct_at_game: datetime | None = None
    via_us_after_direct: int = 0
    relay_methods: list[str] = Field(default_factory=list)
    """How relays were recognised in this session."""
    finding: ComputedFinding | None = None
    """The phase-by-phase paragraph: the evaluators' own, else computed and labelled."""
