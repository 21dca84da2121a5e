"""Played with different choices, each seed scenario reads differently after Module 1.

Uses the pure helpers the session calls: the conditions that decided options set, and the
text each inject delivers under them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ttx.authoring.resolve import resolve_scenario
from ttx.model.resolved import ResolvedScenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ("slbm-launch", "mine-incident", "collapse-contingency", "export-controls")


def _decisions(resolved: ResolvedScenario, *, defaults: bool) -> list[tuple[str, str]]:
    """Every decision point decided by its default option, or by its first other option."""
    decided: list[tuple[str, str]] = []
    for inject_id, inject in resolved.injects.items():
        if not inject.options:
            continue
        others = [option.id for option in inject.options if option.id != inject.default_option]
        chosen = inject.default_option if defaults else others[0]
        assert chosen is not None
        decided.append((inject_id, chosen))
    return decided


def _second_half(resolved: ResolvedScenario) -> list[str]:
    later = resolved.scenario.modules[1:]
    return [inject_id for module in later
            for inject_id in [*(ref.id for ref in module.injects), *module.contingency]]


def _reading(resolved: ResolvedScenario, conditions: frozenset[str]) -> dict[str, object]:
    return {inject_id: (resolved.injects[inject_id].applies(conditions),
                        resolved.injects[inject_id].text_for(conditions))
            for inject_id in _second_half(resolved)}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_different_choices_change_the_second_half(scenario_id: str) -> None:
    resolved = resolve_scenario(scenario_id, cwd=ROOT)
    by_default = resolved.conditions_after(_decisions(resolved, defaults=True))
    by_choice = resolved.conditions_after(_decisions(resolved, defaults=False))
    assert by_default != by_choice
    first, second = _reading(resolved, by_default), _reading(resolved, by_choice)
    changed = [inject_id for inject_id in first if first[inject_id] != second[inject_id]]
    assert len(changed) >= 2, f"{scenario_id}: only {changed} read differently"


def test_the_slbm_second_half_follows_the_room() -> None:
    resolved = resolve_scenario("slbm-launch", cwd=ROOT)
    cooperative = resolved.conditions_after([
        ("slbm-04-nhk-j-alert", "under-analysis"),
        ("slbm-05-track-sharing-decision", "direct"),
        ("slbm-08-asw-picture", "commit-ssn"),
        ("slbm-10-contact-near-islets", "combined")])
    guarded = resolved.conditions_after([
        ("slbm-04-nhk-j-alert", "two-objects"),
        ("slbm-05-track-sharing-decision", "hold"),
        ("slbm-08-asw-picture", "keep-ssn-separate"),
        ("slbm-10-contact-near-islets", "break-off")])
    second_launch = resolved.injects["slbm-09b-second-launch"]
    assert not second_launch.applies(cooperative) and second_launch.applies(guarded)
    expected_variants = {
        "slbm-09-second-launch-indicators": ("mechanism-restored", None),
        "slbm-11-seoul-politics": ("after-reconnection", None),
        "slbm-12-diet-questions": ("p1-on-television", None),
        "slbm-06-kcna-underwater-launch": ("boat-was-trailed", None),
        "slbm-15-222-agenda": ("mechanism-kept", None),
    }
    for inject_id, (when_cooperative, when_guarded) in expected_variants.items():
        inject = resolved.injects[inject_id]
        assert inject.text_for(cooperative).variant_id == when_cooperative, inject_id
        assert inject.text_for(guarded).variant_id == when_guarded, inject_id
    kcna = resolved.injects["slbm-06-kcna-underwater-launch"]
    assert "searched in vain" in kcna.text_for(cooperative).body
    assert "one after" in kcna.text_for(guarded).body
