"""What marks a report as one delegation's edition (`ttx report SESSION --for ROLE`)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ttx.report.model_config import REPORT

EDITION_SECTIONS = ("overview", "participants", "acronyms", "timeline", "decisions",
                    "coordination", "msel", "corrections", "feedback")
"""The sections a delegation's edition holds (ids as in the full report)."""
OMITTED_SECTIONS = ("summary", "objectives", "improvement-plan", "expected")
"""Exercise control's evaluation, left out of every delegation's edition."""


class Edition(BaseModel):
    """Set when the report is one delegation's edition, not the full report."""

    model_config = REPORT

    role: str
    role_name: str
    sections: list[str] = Field(default_factory=lambda: list(EDITION_SECTIONS))
    """The section ids this edition holds."""
    omitted: list[str] = Field(default_factory=lambda: list(OMITTED_SECTIONS))
    """The section ids of the full report left out of it."""
    statement: str = ""
    """What the edition is, in one paragraph, as the cover and the handling page say."""

    @classmethod
    def for_role(cls, role: str, role_name: str) -> Edition:
        return cls(role=role, role_name=role_name, statement=(
            f"This is the edition of the report for {role_name} ({role}). It holds only "
            "what that delegation's seat could see in play: the injects delivered to it, "
            "as delivered; the messages it sent and received; the facilitator's "
            "announcements to it; its own decisions, acknowledgements, response times "
            "and feedback. Other delegations' messages to one another, their "
            "deliberations and exercise control's material are not in it. The "
            "executive summary, the analysis of core capabilities, the improvement plan "
            "and the expected actions are exercise control's evaluation and are left "
            "out; the other sections keep their numbers, so this edition can be read "
            "beside the full report."))

    @property
    def marking(self) -> str:
        """The words added to the marking on every page."""
        return f"{self.role} edition"
