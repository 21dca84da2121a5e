"""`ttx msel import` of MSELs written the way planners write them."""

# ruff: noqa: E501  (the CSV fixtures are kept as a planner's file reads)

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from tests.msel.conftest import Run
from ttx.authoring.resolve import resolve_scenario
from ttx.authoring.workspace import load_workspace
from ttx.model import RoleKind

PLANNER_CSV = """\
Inject #,Date/Time,Event,Description,Originator,Recipient(s),Delivery Method,Expected Player Action,Objective(s),Controller Notes,Priority
1,2027-03-14 06:15,Launch detected,"JCS reports a launch from the East Sea.
Track lost after 4 minutes.",ROK JCS,South Korea,Phone call,"- Notify allies
- Convene NSC",Share track data within 15 minutes,Watch the clock,High
2,2027-03-14 06:30,J-Alert issued,NHK carries a J-Alert for Hokkaido.,NHK,"United States, Japan",TV,"JPN: Brief the Prime Minister
US: Offer ISR support",Share track data within 15 minutes; Issue public warning within 60 minutes,,Low
3,2027-03-14 08:00,Press conference,Reporters ask about cooperation.,White Cell,All,Email,,Issue public warning within 60 minutes,,
4,2027-03-14 07:00,DPRK statement,KCNA claims a successful test.,SIMCELL,US/JPN/North Korea,Fax,,,,
"""


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_planner_csv_maps_headers_roles_objectives_and_times(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "Exercise MSEL v3.csv", PLANNER_CSV)
    into = tmp_path / "ws"
    result = ttx("msel", "import", str(source), "--scenario", "launch", "--into", str(into),
                 "--start", "2027-03-14T06:00+09:00", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "column 'Priority' is not an MSEL column ttx knows; ignored" in result.err
    assert f"{source.name}:1:11: warning:" in result.err
    assert "method 'Fax' is not one ttx knows" in result.err
    workspace = load_workspace(into)
    assert [p for p in workspace.problems if p.severity == "error"] == []
    resolved = resolve_scenario("launch", into)
    scenario = resolved.scenario
    assert scenario.start == datetime.fromisoformat("2027-03-14T06:00+09:00")
    roles = {r.id: r.kind for r in scenario.roles}
    assert roles == {"US": RoleKind.player, "JPN": RoleKind.player, "ROK": RoleKind.player,
                     "DPRK": RoleKind.adversary}
    assert [(o.id, o.text) for o in scenario.objectives] == [
        ("OBJ-1", "Share track data within 15 minutes"),
        ("OBJ-2", "Issue public warning within 60 minutes")]
    assert len(scenario.modules) == 1
    module = scenario.modules[0]
    assert module.at == timedelta(minutes=15)
    injects = [resolved.injects[ref.id] for ref in module.injects]
    assert [i.id for i in injects] == ["launch-01-launch-detected", "launch-02-j-alert-issued",
                                       "launch-03-press-conference", "launch-04-dprk-statement"]
    assert [i.at for i in injects] == [timedelta(0), timedelta(minutes=15),
                                       timedelta(minutes=105), timedelta(minutes=45)]
    first, second, third, fourth = injects
    assert first.body == "JCS reports a launch from the East Sea.\nTrack lost after 4 minutes.\n"
    assert first.to == ["ROK"] and first.method == "phone"
    assert first.expected == {"all": ["Notify allies", "Convene NSC"]}
    assert first.notes == "Watch the clock"
    assert second.to == ["US", "JPN"] and second.method == "news"
    assert second.expected == {"JPN": ["Brief the Prime Minister"], "US": ["Offer ISR support"]}
    assert second.objectives == ["OBJ-1", "OBJ-2"]
    assert third.to == ["all"] and third.sender == "White Cell"
    assert fourth.to == ["US", "JPN", "DPRK"]
    assert fourth.method == "other" and "Method: Fax" in fourth.notes


def test_generated_yaml_reads_like_a_person_wrote_it(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "msel.csv", PLANNER_CSV)
    into = tmp_path / "ws"
    assert ttx("msel", "import", str(source), "--into", str(into), cwd=tmp_path).code == 0
    text = (into / "injects" / "msel" / "msel-01-launch-detected.yaml").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/inject.schema.json"
    assert [line.split(":")[0] for line in lines[1:] if line[:1].isalpha()] == [
        "id", "title", "from", "to", "method", "body", "expected", "objectives", "notes"]
    assert "body: |\n  JCS reports a launch from the East Sea.\n  Track lost" in text
    assert "to: [ROK]" in text
    assert "at:" not in text  # +0:00 is the default, so not written
    assert "control_only" not in text and "questions" not in text
    scenario = (into / "scenarios" / "msel.yaml").read_text("utf-8")
    assert scenario.startswith("# yaml-language-server: $schema=../schemas/scenario.schema.json\n"
                               "id: msel\n")
    assert "the times carry no time zone: read as UTC" in ttx(
        "msel", "import", str(source), "--into", str(tmp_path / "ws2"), cwd=tmp_path).err


def test_semicolons_cp1252_clock_times_and_start(tmp_path: Path, ttx: Run) -> None:
    text = ("MSEL No.;Time;Subject;Script;Sender;Players;Move\n"
            "1;0615;Café owner calls;Señor Pérez reports smoke.;Police;ROK;Move 1\n"
            "2;0700;Follow-up;More smoke.;Police;Korea;\n"
            "3;D+1 0800;Next day;A day later.;Police;JPN;Move 2\n"
            "4;D+1 09:30;Later;Later still.;Police;Japan;Move 2\n")
    source = write(tmp_path, "legacy.csv", text, encoding="cp1252")
    into = tmp_path / "ws"
    result = ttx("msel", "import", str(source), "--into", str(into),
                 "--start", "2027-03-14T06:00+09:00", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "read as Windows-1252 (cp1252)" in result.err
    resolved = resolve_scenario("legacy", into)
    move_1, move_2 = resolved.scenario.modules
    assert (move_1.title, move_1.at) == ("Move 1", timedelta(minutes=15))
    assert (move_2.title, move_2.at) == ("Move 2", timedelta(hours=26))
    first = resolved.injects[move_1.injects[0].id]
    assert first.title == "Café owner calls" and first.body == "Señor Pérez reports smoke."
    assert resolved.injects[move_1.injects[1].id].at == timedelta(minutes=45)
    assert resolved.injects[move_2.injects[1].id].at == timedelta(minutes=90)
    assert resolved.planned()[1].module_id == move_1.id  # blank Module: same as above


def test_tab_delimited_offsets_pass_through(tmp_path: Path, ttx: Run) -> None:
    text = ("Seq\tOffset\tTitle\tTo\tContingency\n"
            "1\t+0:00\tStart\tUS\t\n"
            "2\t+36:00\tLong after\tUS\t\n"
            "3\t\tOn call\tUS\tyes\n")
    source = write(tmp_path, "offsets.csv", text)
    into = tmp_path / "ws"
    result = ttx("msel", "import", str(source), "--into", str(into),
                 "--start", "2027-01-01T00:00Z", cwd=tmp_path)
    assert result.code == 0, result.err
    resolved = resolve_scenario("offsets", into)
    module = resolved.scenario.modules[0]
    assert [resolved.injects[r.id].at for r in module.injects] == [timedelta(0),
                                                                   timedelta(hours=36)]
    assert module.contingency == ["offsets-03-on-call"]


def test_xlsx_with_datetime_cells_title_rows_and_id_column(tmp_path: Path, ttx: Run) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["OPERATION QUIET HARBOR — MSEL"])
    sheet.append([])
    sheet.append(["Inject ID", "Scenario Time (KST)", "Event Synopsis", "Inject Text",
                  "To", "Phase", "Capability", "Objectives", "Options"])
    sheet.append(["INJ-001", datetime(2027, 3, 14, 6, 15), "Sonar contact", "한국어 본문",
                  "ROK", "Phase I", "Screening, Search, and Detection",
                  "Hold contact for 2 hours",
                  "prosecute: ROK prosecutes alone -> inj-003\ncombined: Combined search"])
    sheet.append(["INJ-002", datetime(2027, 3, 14, 7, 0), "Diet question", "日本語の本文",
                  "JPN", "Phase I", "", "OBJ-1", ""])
    sheet.append(["INJ-003", time(9, 45), "Contact lost", "", "ROK, JPN", "Phase II", "", "",
                  ""])
    source = tmp_path / "harbor.xlsx"
    workbook.save(source)
    into = tmp_path / "ws"
    result = ttx("msel", "import", str(source), "--into", str(into), cwd=tmp_path)
    assert result.code == 0, result.err
    resolved = resolve_scenario("harbor", into)
    scenario = resolved.scenario
    assert scenario.start == datetime.fromisoformat("2027-03-14T06:15+09:00")
    phase_1, phase_2 = scenario.modules
    assert phase_1.injects[0].id == "inj-001" and phase_2.at == timedelta(hours=3, minutes=30)
    first = resolved.injects["inj-001"]
    assert first.body == "한국어 본문"
    assert [(o.id, o.label, o.leads_to) for o in first.options] == [
        ("prosecute", "ROK prosecutes alone", ["inj-003"]),
        ("combined", "Combined search", [])]
    assert scenario.objectives[0].text == "Hold contact for 2 hours"
    assert scenario.objectives[0].capability == "Screening, Search, and Detection"
    assert resolved.injects["inj-002"].objectives == ["OBJ-1"]
