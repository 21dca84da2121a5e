"""One test per kind of problem, each asserting the exact PATH:LINE:COL and message."""

from __future__ import annotations

from tests.authoring.conftest import INJECTS, SCENARIO, Problems


def test_the_base_workspace_is_valid(problems: Problems) -> None:
    assert problems(warnings=True) == []


def test_unknown_key_with_a_hint(problems: Problems) -> None:
    text = INJECTS["launch.yaml"].replace("questions:", "questons:")
    assert problems({"injects/launch.yaml": text}) == [
        "injects/launch.yaml:7:1: error: unknown key 'questons' (did you mean 'questions'?)"
    ]


def test_unknown_nested_key(problems: Problems) -> None:
    text = SCENARIO.replace("    title: Module 1\n", "    title: Module 1\n    situaton: x\n")
    assert problems({"scenarios/drill.yaml": text}) == [
        "scenarios/drill.yaml:14:5: error: modules[0]: unknown key 'situaton' "
        "(did you mean 'situation'?)"
    ]


def test_missing_required_key(problems: Problems) -> None:
    text = INJECTS["sub/follow-up.yaml"].replace("title: Track shared\n", "")
    assert problems({"injects/sub/follow-up.yaml": text}) == [
        "injects/sub/follow-up.yaml:1:1: error: missing required key 'title'"
    ]


def test_bad_offset(problems: Problems) -> None:
    text = INJECTS["sub/follow-up.yaml"].replace("at: +1:00", "at: 1:00")
    assert problems({"injects/sub/follow-up.yaml": text}) == [
        "injects/sub/follow-up.yaml:3:5: error: at: '1:00' is not an offset: "
        "write +H:MM, e.g. '+0:15' or '+36:00'"
    ]


def test_bad_enum_with_a_hint(problems: Problems) -> None:
    text = INJECTS["launch.yaml"].replace("method: intel", "method: intell")
    found = problems({"injects/launch.yaml": text})
    assert len(found) == 1
    assert found[0].startswith("injects/launch.yaml:5:9: error: method: 'intell' is not one of")
    assert found[0].endswith("(did you mean 'intel'?)")


def test_bad_slug(problems: Problems) -> None:
    text = INJECTS["sub/follow-up.yaml"].replace("id: follow-up", "id: Follow Up")
    assert problems({"injects/sub/follow-up.yaml": text}) == [
        "injects/sub/follow-up.yaml:1:5: error: id: 'Follow Up' is not valid: "
        "an id is lower-case letters, digits and hyphens, e.g. 'slbm-01-launch' "
        "(did you mean 'follow-up'?)"]


def test_start_without_time_zone(problems: Problems) -> None:
    text = SCENARIO.replace("2027-03-14T05:30:00+09:00", "2027-03-14T05:30:00")
    assert problems({"scenarios/drill.yaml": text}) == [
        "scenarios/drill.yaml:3:8: error: start: '2027-03-14T05:30:00' needs a time zone offset, "
        "e.g. '2027-03-14T05:30:00+09:00'"
    ]


def test_unknown_inject_reference(problems: Problems) -> None:
    text = SCENARIO.replace("injects: [launch,", "injects: [lunch,")
    found = problems({"scenarios/drill.yaml": text})
    expected = "scenarios/drill.yaml:15:15: error: unknown inject 'lunch' (did you mean 'launch'?)"
    assert expected in found


def test_unknown_role_in_recipients(problems: Problems) -> None:
    text = INJECTS["decide.yaml"].replace("to: [JPN, ROK]", "to: [JPN, ROKK]")
    assert problems({"injects/decide.yaml": text}) == [
        "injects/decide.yaml:3:11: error: role 'ROKK' is not a role of scenario 'drill' "
        "(did you mean 'ROK'?)"
    ]


def test_unknown_role_in_questions(problems: Problems) -> None:
    text = INJECTS["launch.yaml"].replace("  US: [Who", "  USA: [Who")
    assert problems({"injects/launch.yaml": text}) == [
        "injects/launch.yaml:8:3: error: role 'USA' is not a role of scenario 'drill' "
        "(did you mean 'US'?)"
    ]


def test_unknown_objective(problems: Problems) -> None:
    text = INJECTS["launch.yaml"].replace("objectives: [OBJ-1]", "objectives: [OBJ-01]")
    assert problems({"injects/launch.yaml": text}) == [
        "injects/launch.yaml:9:14: error: objective 'OBJ-01' is not an objective of "
        "scenario 'drill' (did you mean 'OBJ-1'?)"
    ]


def test_another_number_is_not_a_typo(problems: Problems) -> None:
    # OBJ-2 is not a misspelt OBJ-1: the scenario's objectives are listed instead
    text = INJECTS["launch.yaml"].replace("objectives: [OBJ-1]", "objectives: [OBJ-2]")
    assert problems({"injects/launch.yaml": text}) == [
        "injects/launch.yaml:9:14: error: objective 'OBJ-2' is not an objective of "
        "scenario 'drill'; its objectives are OBJ-1"
    ]


def test_duplicate_inject_id_names_both_places(problems: Problems) -> None:
    found = problems({"injects/again.yaml": "id: launch\ntitle: Again\n"})
    assert len(found) == 1
    # the first file read keeps the id; the other names it with its own position
    assert found[0].startswith(
        "injects/launch.yaml:1:5: error: duplicate inject id 'launch' (also in ")
    assert found[0].endswith("injects/again.yaml:1:5)")


def test_leads_to_target_not_played(problems: Problems) -> None:
    text = SCENARIO.replace("    contingency: [follow-up]\n", "")
    found = problems({"scenarios/drill.yaml": text})
    assert found == [
        "injects/decide.yaml:5:51: error: 'follow-up' is neither played nor a contingency in "
        "scenario 'drill'; add it to a module's contingency list"
    ]


def test_attachment_outside_the_workspace(problems: Problems) -> None:
    text = INJECTS["sub/follow-up.yaml"] + "attachments: [../../etc/passwd, missing.pdf]\n"
    assert problems({"injects/sub/follow-up.yaml": text}) == [
        "injects/sub/follow-up.yaml:4:15: error: attachment '../../etc/passwd' is outside the "
        "workspace; use a path inside it",
        "injects/sub/follow-up.yaml:4:33: error: attachment 'missing.pdf' does not exist",
    ]


def test_unused_inject_is_a_warning(problems: Problems) -> None:
    found = problems({"injects/spare.yaml": "id: spare\ntitle: Spare\n"}, warnings=True)
    assert found == ["injects/spare.yaml:1:5: warning: inject 'spare' is not used by any scenario"]


def test_inject_played_twice(problems: Problems) -> None:
    text = SCENARIO.replace("contingency: [follow-up]", "contingency: [follow-up, launch]")
    assert problems({"scenarios/drill.yaml": text}) == [
        "scenarios/drill.yaml:16:30: error: inject 'launch' is already played in this scenario "
        "(line 15); an inject plays once per scenario"
    ]


def test_duplicate_role_id(problems: Problems) -> None:
    text = SCENARIO.replace("{id: ROK, name: Republic", "{id: JPN, name: Republic")
    found = problems({"scenarios/drill.yaml": text})
    expected = "scenarios/drill.yaml:7:10: error: duplicate id 'JPN' in roles (first at line 6)"
    assert expected in found


def test_every_problem_in_every_file_in_one_run(problems: Problems) -> None:
    found = problems({
        "injects/launch.yaml": INJECTS["launch.yaml"].replace("method: intel", "method: fax"),
        "injects/decide.yaml": INJECTS["decide.yaml"].replace("title:", "titel:"),
        "scenarios/drill.yaml": SCENARIO.replace("title: Drill", "title: Drill\ncolour: red"),
    })
    files = {line.split(":")[0] for line in found}
    assert files == {"injects/launch.yaml", "injects/decide.yaml", "scenarios/drill.yaml"}
