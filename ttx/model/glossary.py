"""Acronyms: the glossary a scenario and its workspace define, and the ones text uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ttx.model.scenario import Scenario

_ACRONYM_RE = re.compile(r"(?<![\w/-])([A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*)(?![\w])")
_NOT_ACRONYMS = frozenset({"ENDEX", "STARTEX", "I", "II", "III", "IV", "OK", "TV", "NOT"})
_MARKING_WORDS = frozenset({"UNCLASSIFIED", "FOR", "EXERCISE", "PURPOSES", "ONLY", "FLASH"})


def acronyms_used(texts: Iterable[str]) -> set[str]:
    """Upper-case words of two or more characters (with digits, `-` or `/` inside, as in
    `KDX-III`, `AN/TPY-2`) used in `texts`; Roman numerals and exercise words left out."""
    found: set[str] = set()
    for text in texts:
        for match in _ACRONYM_RE.finditer(text):
            word = match.group(1)
            if sum(char.isupper() for char in word) < 2:
                continue
            if word not in _NOT_ACRONYMS and word not in _MARKING_WORDS:
                found.add(word)
    return found


def merged_glossary(workspace: Mapping[str, str], scenario: Scenario) -> dict[str, str]:
    """The workspace's glossary with the scenario's own entries over it, sorted by term."""
    merged = {**workspace, **scenario.glossary}
    return dict(sorted(merged.items(), key=lambda item: item[0].casefold()))


def with_workspace_glossary(scenario: Scenario, workspace: Mapping[str, str]) -> Scenario:
    """`scenario` whose glossary also holds the workspace's entries (its own win)."""
    if not workspace:
        return scenario
    return scenario.model_copy(update={"glossary": merged_glossary(workspace, scenario)})
