"""The workspace glossary, `glossary.yaml` at its root: acronyms every scenario shares."""

from __future__ import annotations

from pathlib import Path

from ttx.authoring.problems import Problem
from ttx.authoring.yaml_source import YamlRefused, parse_yaml

GLOSSARY_FILE = "glossary.yaml"


def read_workspace_glossary(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """The terms of `root/glossary.yaml` (none if there is no such file), and its problems."""
    path = root / GLOSSARY_FILE
    if not path.is_file():
        return {}, []
    try:
        document = parse_yaml(path)
    except YamlRefused as refused:
        return {}, [refused.problem]
    if document.data is None:
        return {}, []
    if not isinstance(document.data, dict):
        return {}, [document.problem((), "a glossary is a mapping of terms to their "
                                         "expansions, e.g. 'GSOMIA: General Security of …'")]
    terms: dict[str, str] = {}
    problems: list[Problem] = []
    for term, expansion in document.data.items():
        if not isinstance(expansion, str) or not expansion.strip():
            problems.append(document.problem((term,), f"'{term}' needs its expansion as text"))
        else:
            terms[str(term)] = expansion.strip()
    return terms, problems
