"""Validation of the design keys: conditions and variants, decided_by, core capabilities,
critical tasks, time standards, handouts and the glossary; each with its exact position."""

from __future__ import annotations

from tests.authoring.conftest import INJECTS, SCENARIO, Problems

DECIDE_SETS = INJECTS["decide.yaml"].replace(
    "leads_to: [follow-up]}", "leads_to: [follow-up], sets: [link-up]}")
FOLLOW_UP_READS = INJECTS["sub/follow-up.yaml"] + """\
variants:
  - id: linked
    when: link-up
    body: The direct link carried it.
"""


def test_a_condition_set_by_an_option_and_read_later_is_clean(problems: Problems) -> None:
    assert problems({"injects/decide.yaml": DECIDE_SETS,
                     "injects/sub/follow-up.yaml": FOLLOW_UP_READS}, warnings=True) == []


def test_a_condition_nobody_sets_is_an_error_with_a_hint(problems: Problems) -> None:
    misspelt = FOLLOW_UP_READS.replace("when: link-up", "when: [link-upp]")
    assert problems({"injects/decide.yaml": DECIDE_SETS,
                     "injects/sub/follow-up.yaml": misspelt}) == [
        "injects/sub/follow-up.yaml:6:11: error: condition 'link-upp' is set by no option and "
        "declared in no `conditions:` of scenario 'drill' (did you mean 'link-up'?)"
    ]


def test_a_facilitator_flag_declared_in_the_scenario_counts_as_set(problems: Problems) -> None:
    flagged = SCENARIO + "conditions:\n  - {id: link-up, description: The link is back.}\n"
    assert problems({"scenarios/drill.yaml": flagged,
                     "injects/sub/follow-up.yaml": FOLLOW_UP_READS}, warnings=True) == []


def test_conditions_set_or_declared_but_never_read_are_warnings(problems: Problems) -> None:
    flagged = SCENARIO + "conditions:\n  - {id: unused-flag, description: Nobody reads it.}\n"
    assert problems({"scenarios/drill.yaml": flagged, "injects/decide.yaml": DECIDE_SETS},
                    warnings=True) == [
        "injects/decide.yaml:5:69: warning: condition 'link-up' is read by no inject of "
        "scenario 'drill'",
        "scenarios/drill.yaml:18:10: warning: condition 'unused-flag' is read by no inject of "
        "this scenario",
    ]


def test_a_condition_set_only_after_its_reader_is_a_warning(problems: Problems) -> None:
    reads_early = INJECTS["launch.yaml"] + "variants:\n  - {when: link-up, body: Early.}\n"
    assert problems({"injects/decide.yaml": DECIDE_SETS, "injects/launch.yaml": reads_early},
                    warnings=True) == [
        "injects/launch.yaml:11:12: warning: condition 'link-up' is only set by decisions "
        "planned after this inject in scenario 'drill', so this text is never read"
    ]


def test_unreachable_and_contradictory_variants(problems: Problems) -> None:
    text = INJECTS["sub/follow-up.yaml"] + """\
variants:
  - {id: broad, when: link-up, body: A}
  - {id: narrow, when: [link-up, jmsdf], body: B}
  - {id: never, when: [jmsdf, not jmsdf], body: C}
  - {id: broad, when: jmsdf}
"""
    flags = SCENARIO + ("conditions:\n  - {id: link-up, description: L}\n"
                        "  - {id: jmsdf, description: J}\n")
    assert problems({"scenarios/drill.yaml": flags, "injects/sub/follow-up.yaml": text},
                    warnings=True) == [
        "injects/sub/follow-up.yaml:6:24: error: variant 'narrow' is unreachable: variant "
        "'broad' before it holds whenever it does; put the narrower variant first",
        "injects/sub/follow-up.yaml:7:23: error: variant 'never' requires 'jmsdf' and "
        "'not jmsdf'; it can never be read",
        "injects/sub/follow-up.yaml:8:5: warning: variant 'broad' changes nothing: give it a "
        "title, body, questions or expected",
        "injects/sub/follow-up.yaml:8:10: error: duplicate variant id 'broad' (also variant 1)",
    ]


def test_decided_by_and_default_option(problems: Problems) -> None:
    decide = INJECTS["decide.yaml"] + "decided_by: [ROK, RKO]\ndefault_option: shar\n"
    launch = INJECTS["launch.yaml"] + "decided_by: [US]\n"
    assert problems({"injects/decide.yaml": decide, "injects/launch.yaml": launch}) == [
        "injects/decide.yaml:6:19: error: role 'RKO' is not a role of scenario 'drill' "
        "(did you mean 'ROK'?)",
        "injects/decide.yaml:7:17: error: default_option 'shar' is not an option of this inject "
        "(did you mean 'share'?)",
        "injects/launch.yaml:10:1: error: decided_by needs options: only a decision point has "
        "someone who decides",
    ]


def test_core_capability_tasks_and_time_standard(problems: Problems) -> None:
    objective = ("  - {id: OBJ-1, text: Share the track within 15 minutes., "
                 "capability: Information Sharing}\n")
    replaced = SCENARIO.replace(objective, """\
  - id: OBJ-1
    text: Share the track within 15 minutes.
    capability: Information Sharing
    core_capability: Intelligence and Information Sharin
    critical_tasks:
      - {id: OBJ-1.1, text: Pass the track}
      - {id: OBJ-2.1, text: Wrong prefix}
      - {id: OBJ-1.1, text: Twice}
    within: +9:00
    measured_from: launc
""")
    assert problems({"scenarios/drill.yaml": replaced}, warnings=True) == [
        "scenarios/drill.yaml:13:22: warning: 'Intelligence and Information Sharin' is not one "
        "of the 32 HSEEP core capabilities (did you mean 'Intelligence and Information "
        "Sharing'?)",
        "scenarios/drill.yaml:16:14: error: critical task 'OBJ-2.1' of OBJ-1 must be named "
        "'OBJ-1.N', e.g. 'OBJ-1.2'",
        "scenarios/drill.yaml:17:14: error: duplicate critical task id 'OBJ-1.1' "
        "(first at line 15)",
        "scenarios/drill.yaml:19:20: error: 'launc' is not played in this scenario "
        "(did you mean 'launch'?)",
    ]
    beyond_play = replaced.replace("    measured_from: launc\n", "").replace(
        "core_capability: Intelligence and Information Sharin",
        "core_capability: Housing\n    mission_area: Prevention")
    found = problems({"scenarios/drill.yaml": beyond_play}, warnings=True)
    assert [line for line in found if "warning" in line] == [
        "scenarios/drill.yaml:14:19: warning: 'Housing' belongs to Recovery, not to Prevention",
        "scenarios/drill.yaml:19:13: warning: the time standard ends at +9:00 from STARTEX, "
        "after the last inject it can play (+1:00): nobody can see it met or missed",
    ]


def test_handouts_contacts_and_glossaries(problems: Problems) -> None:
    extra = SCENARIO + """\
handouts:
  - {id: map, title: Map, kind: map, path: handouts/map.svg}
  - {id: card, title: Card, kind: role-card, path: handouts/missing.md, visible_to: [JNP]}
  - {id: away, title: Away, path: ../outside.md}
point_of_contact:
  - {name: Exercise Director, organisation: Planning group, role: WHTE}
glossary:
  GSOMIA: General Security of Military Information Agreement
  JSO: " "
"""
    assert problems({"scenarios/drill.yaml": extra, "handouts/map.svg": "<svg/>",
                     "glossary.yaml": "- just a list\n"}, warnings=True) == [
        "glossary.yaml:1:1: error: a glossary is a mapping of terms to their expansions, "
        "e.g. 'GSOMIA: General Security of …'",
        "scenarios/drill.yaml:19:52: warning: handout 'handouts/missing.md' does not exist; "
        "no seat can open it until it does",
        "scenarios/drill.yaml:19:86: error: role 'JNP' is not a role of this scenario "
        "(did you mean 'JPN'?)",
        "scenarios/drill.yaml:20:35: error: handout '../outside.md' is outside the workspace; "
        "use a path inside it",
        "scenarios/drill.yaml:22:67: error: role 'WHTE' is not a role of this scenario "
        "(did you mean 'WHITE'?)",
        "scenarios/drill.yaml:25:8: error: glossary: 'JSO' has no expansion",
    ]


def test_a_time_standard_that_ends_in_a_clock_jump_is_a_warning(problems: Problems) -> None:
    text = SCENARIO.replace("capability: Information Sharing}",
                            "capability: Information Sharing, within: +2:00}")
    text += "  - {id: m2, title: Module 2, at: +8:00, injects: []}\n"
    within_module = text.replace("within: +2:00", "within: +0:15")
    assert problems({"scenarios/drill.yaml": text}, warnings=True) == [
        "scenarios/drill.yaml:10:100: warning: the time standard ends at +2:00 from STARTEX, "
        "while the clock jumps from +1:00 to +8:00: nobody can see it met or missed"
    ]
    assert problems({"scenarios/drill.yaml": within_module}, warnings=True) == []
