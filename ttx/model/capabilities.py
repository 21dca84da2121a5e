"""HSEEP core capabilities and mission areas (National Preparedness Goal, second edition).

The 32 core capabilities are the names evaluators rate against; an objective names one
with `core_capability`, and the exercise overview lists the mission areas played.
"""

from __future__ import annotations

from enum import StrEnum


class MissionArea(StrEnum):
    """The five mission areas of the National Preparedness Goal."""

    Prevention = "Prevention"
    Protection = "Protection"
    Mitigation = "Mitigation"
    Response = "Response"
    Recovery = "Recovery"


_ALL_AREAS = tuple(MissionArea)
_P, _PR, _M, _R, _RC = _ALL_AREAS

CORE_CAPABILITIES: dict[str, tuple[MissionArea, ...]] = {
    # common to every mission area
    "Planning": _ALL_AREAS,
    "Public Information and Warning": _ALL_AREAS,
    "Operational Coordination": _ALL_AREAS,
    # Prevention (the last three shared with Protection)
    "Forensics and Attribution": (_P,),
    "Intelligence and Information Sharing": (_P, _PR),
    "Interdiction and Disruption": (_P, _PR),
    "Screening, Search, and Detection": (_P, _PR),
    # Protection
    "Access Control and Identity Verification": (_PR,),
    "Cybersecurity": (_PR,),
    "Physical Protective Measures": (_PR,),
    "Risk Management for Protection Programs and Activities": (_PR,),
    "Supply Chain Integrity and Security": (_PR,),
    # Mitigation
    "Community Resilience": (_M,),
    "Long-term Vulnerability Reduction": (_M,),
    "Risk and Disaster Resilience Assessment": (_M,),
    "Threats and Hazards Identification": (_M,),
    # Response (Infrastructure Systems shared with Recovery)
    "Critical Transportation": (_R,),
    "Environmental Response/Health and Safety": (_R,),
    "Fatality Management Services": (_R,),
    "Fire Management and Suppression": (_R,),
    "Infrastructure Systems": (_R, _RC),
    "Logistics and Supply Chain Management": (_R,),
    "Mass Care Services": (_R,),
    "Mass Search and Rescue Operations": (_R,),
    "On-scene Security, Protection, and Law Enforcement": (_R,),
    "Operational Communications": (_R,),
    "Public Health, Healthcare, and Emergency Medical Services": (_R,),
    "Situational Assessment": (_R,),
    # Recovery
    "Economic Recovery": (_RC,),
    "Health and Social Services": (_RC,),
    "Housing": (_RC,),
    "Natural and Cultural Resources": (_RC,),
}
"""Each core capability with the mission areas it belongs to."""


def mission_areas_of(core_capability: str) -> tuple[MissionArea, ...]:
    """The mission areas a core capability belongs to; empty if it is not one of the 32."""
    return CORE_CAPABILITIES.get(core_capability, ())
