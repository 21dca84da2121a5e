"""The spreadsheet loop in place: export, edit, import back into the same workspace."""

from __future__ import annotations

import csv
import difflib
import io
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from tests.msel.conftest import REPO, Run, shipped_scenarios
from ttx.authoring.resolve import resolve_scenario
from ttx.authoring.workspace import load_workspace
from ttx.msel.yaml_out import lost_comments, model_data, rewritten_text

SHARED = "common-prc-mfa-statement"
OWNED = "mine-01-mayday"
RETIMED = "mine-02-yonhap-flash"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the repository's workspace: scenarios, injects and the handouts and
    glossary they refer to."""
    root = tmp_path / "ws"
    for folder in ("scenarios", "injects", "schemas", "handouts"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "glossary.yaml", root / "glossary.yaml")
    return root


def snapshot(root: Path) -> dict[Path, str]:
    return {p.relative_to(root): p.read_text("utf-8")
            for p in sorted(root.rglob("*.yaml"))}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("scenario_id", shipped_scenarios())
def test_an_unedited_sheet_changes_nothing(scenario_id: str, fmt: str, workspace: Path,
                                           ttx: Run) -> None:
    sheet = workspace / f"{scenario_id}.{fmt}"
    assert ttx("msel", "export", scenario_id, "-o", str(sheet), cwd=workspace).code == 0
    before = snapshot(workspace)
    check = ttx("msel", "import", sheet.name, "--check", cwd=workspace)
    assert check.code == 0, check.err
    assert check.out == ""
    assert "checked: 0 file(s) would change" in check.err
    result = ttx("msel", "import", sheet.name, cwd=workspace)
    assert result.code == 0, result.err
    assert "nothing to change" in result.err
    assert snapshot(workspace) == before


def edit_sheet(path: Path) -> None:
    """A planner's edits: a shared inject's title, an owned inject's text, a planned time."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook["MSEL"]
    columns = {cell.value: index for index, cell in enumerate(sheet[1])}
    time_column = next(i for name, i in columns.items() if name.startswith("Scenario Time"))
    for row in sheet.iter_rows(min_row=2):
        inject_id = row[columns["Inject ID"]].value
        if inject_id == SHARED:
            row[columns["Title"]].value += " (revised)"
        elif inject_id == OWNED:
            row[columns["Inject"]].value += "\n\nThe ferry has turned back to Busan."
        elif inject_id == RETIMED:
            row[time_column].value += timedelta(minutes=5)
            row[columns["Offset"]].value = None  # or the offset, unchanged, would win
    workbook.save(path)


def test_the_loop_updates_owned_and_shared_injects_where_they_are(workspace: Path,
                                                                   ttx: Run) -> None:
    sheet = workspace / "mine-msel.xlsx"
    assert ttx("msel", "export", "mine-incident", "-o", str(sheet), cwd=workspace).code == 0
    edit_sheet(sheet)
    before = snapshot(workspace)
    original = resolve_scenario("mine-incident", workspace)

    refused = ttx("msel", "import", sheet.name, "--force", cwd=workspace)
    assert refused.code == 1
    problems = [line for line in refused.err.splitlines() if ": error: " in line]
    assert len(problems) == 1
    assert problems[0].startswith("mine-msel.xlsx:")
    assert (f"inject '{SHARED}' (injects/common/{SHARED}.yaml) is shared with scenarios "
            "collapse-contingency, export-controls, slbm-launch; the sheet changes its title: "
            "give --update-shared") in problems[0]
    assert snapshot(workspace) == before

    check = ttx("msel", "import", sheet.name, "--check", "--update-shared", cwd=workspace)
    assert check.code == 0, check.err
    assert check.out.splitlines() == [
        f"update injects/mine-incident/{OWNED}.yaml: body",
        f"update injects/common/{SHARED}.yaml: title (shared with collapse-contingency, "
        "export-controls, slbm-launch)",
        "update scenarios/mine-incident.yaml: modules"]
    assert snapshot(workspace) == before

    unforced = ttx("msel", "import", sheet.name, "--update-shared", cwd=workspace)
    assert unforced.code == 1 and "use --force" in unforced.err
    assert snapshot(workspace) == before

    result = ttx("msel", "import", sheet.name, "--update-shared", "--force", cwd=workspace)
    assert result.code == 0, result.err
    assert ttx("validate", cwd=workspace).code == 0
    after = snapshot(workspace)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {Path(f"injects/mine-incident/{OWNED}.yaml"),
                       Path(f"injects/common/{SHARED}.yaml"),
                       Path("scenarios/mine-incident.yaml")}, "no copies, nothing else"
    shared = Path(f"injects/common/{SHARED}.yaml")
    assert changed_lines(before[shared], after[shared]) == [
        '-title: "PRC foreign ministry: \\"oppose small circles and bloc confrontation\\""',
        '+title: "PRC foreign ministry: \\"oppose small circles and bloc confrontation\\" '
        '(revised)"']
    owned = Path(f"injects/mine-incident/{OWNED}.yaml")
    assert changed_lines(before[owned], after[owned]) == [
        "+", "+  The ferry has turned back to Busan."]
    scenario = Path("scenarios/mine-incident.yaml")
    assert changed_lines(before[scenario], after[scenario]) == [
        f"-      - {RETIMED}", f'+      - {{ id: {RETIMED}, at: "+0:30" }}']

    updated = resolve_scenario("mine-incident", workspace)
    assert updated.injects[RETIMED].at == original.injects[RETIMED].at, \
        "the scenario's time stays in the scenario, not in the inject"
    slots = {s.inject_id: s.offset for s in updated.msel_slots()}
    assert slots[RETIMED] == {s.inject_id: s.offset
                              for s in original.msel_slots()}[RETIMED] + timedelta(minutes=5)
    elsewhere = resolve_scenario("slbm-launch", workspace)
    assert elsewhere.injects[SHARED].title.endswith("(revised)"), "one shared file, updated"


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_csv_in_place_adds_new_rows_and_lists_dropped_ones(workspace: Path, ttx: Run) -> None:
    sheet = workspace / "mine-incident.csv"
    assert ttx("msel", "export", "mine-incident", "-o", str(sheet), cwd=workspace).code == 0
    rows = read_rows(sheet)
    # a row nothing else names (a time standard measured from an inject keeps it played)
    scenario_text = (workspace / "scenarios" / "mine-incident.yaml").read_text()
    index = next(i for i, row in enumerate(rows) if i >= 5 and not row["Contingency"]
                 and scenario_text.count(row["Inject ID"]) == 1)
    dropped = rows.pop(index)["Inject ID"]
    new_row = dict.fromkeys(rows[0], "") | {
        "Module": rows[0]["Module"], "Offset": "+2:00", "Inject ID": "mine-new-ferry-call",
        "Title": "Ferry company asks for advice", "To": "ROK", "Method": "phone"}
    write_rows(sheet, [*rows, new_row])
    before = snapshot(workspace)

    result = ttx("msel", "import", sheet.name, "--force", cwd=workspace)
    assert result.code == 0, result.err
    assert f"no longer played by 'mine-incident', kept in the workspace: {dropped}" in result.err
    assert "injects/mine-incident/mine-new-ferry-call.yaml" in result.out.splitlines()
    after = snapshot(workspace)
    assert set(before) - set(after) == set(), "a dropped row deletes no file"
    assert {p for p in after if after[p] != before.get(p)} == {
        Path("injects/mine-incident/mine-new-ferry-call.yaml"),
        Path("scenarios/mine-incident.yaml")}
    resolved = resolve_scenario("mine-incident", workspace)
    assert resolved.scenario.summary == load_workspace(REPO).scenarios[
        "mine-incident"].scenario.summary, "a CSV keeps what only the scenario file says"
    played = [s.inject_id for s in resolved.msel_slots()]
    assert "mine-new-ferry-call" in played and dropped not in played


def test_a_contingency_time_is_the_injects_own(workspace: Path, ttx: Run) -> None:
    sheet = workspace / "m.csv"
    assert ttx("msel", "export", "mine-incident", "-o", str(sheet), cwd=workspace).code == 0
    contingency = "mine-07-jcg-rescue-offer"
    rows = read_rows(sheet)
    time_column = next(name for name in rows[0] if name.startswith("Scenario Time"))
    for row in rows:
        if row["Inject ID"] == contingency:
            row[time_column], row["Offset"] = "", "+1:45"
    write_rows(sheet, rows)
    result = ttx("msel", "import", "m.csv", "--scenario", "mine-incident", "--force",
                 cwd=workspace)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [f"injects/mine-incident/{contingency}.yaml"]
    assert resolve_scenario("mine-incident", workspace).injects[contingency].at == timedelta(
        hours=1, minutes=45)


def test_a_time_and_offset_that_disagree_are_a_warning(workspace: Path, ttx: Run) -> None:
    from openpyxl import load_workbook

    sheet = workspace / "m.xlsx"
    assert ttx("msel", "export", "mine-incident", "-o", str(sheet), cwd=workspace).code == 0
    workbook = load_workbook(sheet)
    workbook["MSEL"]["C3"].value += timedelta(minutes=5)
    workbook.save(sheet)
    result = ttx("msel", "import", "m.xlsx", "--scenario", "mine-incident", "--check",
                 cwd=workspace)
    assert result.code == 0, result.err
    assert ("m.xlsx:3:3: warning: the time and the offset (+0:05) disagree by 5 minutes; "
            "the offset was used") in result.err


def test_an_id_taken_by_an_inject_that_does_not_load_is_refused(workspace: Path,
                                                               ttx: Run) -> None:
    assert ttx("msel", "export", "mine-incident", "-o", "m.csv", cwd=workspace).code == 0
    broken = workspace / "injects" / "mine-incident" / f"{OWNED}.yaml"
    broken.write_text(broken.read_text("utf-8").replace("method: phone", "method: pigeon"),
                      encoding="utf-8")
    result = ttx("msel", "import", "m.csv", "--scenario", "mine-incident", "--force",
                 cwd=workspace)
    assert result.code == 1
    assert f"inject '{OWNED}' is in the workspace but its file has errors" in result.err


@pytest.mark.parametrize("kind", ["injects", "scenarios"])
def test_rewriting_keeps_every_seed_file_byte_for_byte(kind: str) -> None:
    """Key order, written defaults, folded and quoted texts, `{ id, at }` references."""
    workspace = load_workspace(REPO)
    loaded_files = [(loaded.inject, loaded.document) for loaded in workspace.injects.values()] \
        if kind == "injects" else \
        [(loaded.scenario, loaded.document) for loaded in workspace.scenarios.values()]
    assert loaded_files
    for model, document in loaded_files:
        text = document.path.read_text("utf-8")
        assert rewritten_text(text, model_data(model, document.data)) == text


def test_rewriting_keeps_comments_above_keys_and_counts_the_others() -> None:
    text = ("# yaml-language-server: $schema=../schemas/inject.schema.json\n"
            "# An inject.\n"
            "id: x\n"
            "# What the players read.\n"
            "body: |\n"
            "  # a heading, not a comment\n"
            "  text\n"
            "to: [US]  # only the United States\n"
            "tags:\n"
            "  # no tags yet\n"
            "  - a\n")
    data = {"id": "x", "title": "New", "body": "# a heading, not a comment\ntext\n",
            "to": ["US"], "tags": ["a"]}
    assert rewritten_text(text, data) == (
        "# yaml-language-server: $schema=../schemas/inject.schema.json\n"
        "# An inject.\n"
        "id: x\n"
        "title: New\n"
        "# What the players read.\n"
        "body: |\n"
        "  # a heading, not a comment\n"
        "  text\n"
        "to: [US]\n"
        "tags: [a]\n")
    assert lost_comments(text) == 2
