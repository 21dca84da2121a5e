"""A delegation's edition (`ttx report --for ROLE`) holds only what that role could see.

Every text a session can hold is planted with a marker (`ZQX…Q`) and the set of
delegations allowed to read it: inject titles, bodies, questions and options go to the
inject's recipients; expected actions, notes, control-only injects, injects never
delivered, skip reasons, observations, facilitator notes, improvement items, the
analysis and the scenario's conditions go to no delegation; a message goes to its sender
and addressees, its rationale to its sender alone; feedback to the delegation that gave
it. Each edition, in every format, must hold no marker its role may not read; the full
report must hold the control markers (so their absence from an edition means something),
and each edition the messages it was sent.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ttx.authoring.resolve import resolve_scenario
from ttx.model.resolved import ResolvedScenario
from ttx.report.build import build_report_from_file
from ttx.report.render import render_html, render_json, render_markdown
from ttx.session.session import Session

REPOSITORY = Path(__file__).resolve().parents[2]
PLAYERS = ("US", "JPN", "ROK")
NOBODY: frozenset[str] = frozenset()
MARKER = re.compile(r"ZQX[A-PR-Z0-9_]+Q")


class Planted:
    """Markers and who may read each."""

    def __init__(self) -> None:
        self.allowed: dict[str, frozenset[str]] = {}

    def mark(self, code: str, readers: frozenset[str] | set[str] | tuple[str, ...] = NOBODY
             ) -> str:
        marker = f"ZQX{code}Q"
        assert "Q" not in code and marker not in self.allowed
        self.allowed[marker] = frozenset(readers)
        return marker

    def leaks(self, text: str, role: str) -> set[str]:
        """Markers in `text` that `role` may not read (also across line breaks)."""
        found = set(MARKER.findall(text)) | set(MARKER.findall(re.sub(r"\s+", "", text)))
        return {marker for marker in found if role not in self.allowed.get(marker, NOBODY)}


def _planted_scenario(planted: Planted) -> ResolvedScenario:
    resolved = resolve_scenario("slbm-launch", cwd=REPOSITORY)
    injects = {}
    for n, (inject_id, inject) in enumerate(resolved.injects.items()):
        readers = set(resolved.recipients(inject)) & set(PLAYERS)
        if inject.control_only:
            readers = set()
        injects[inject_id] = inject.model_copy(update={
            "title": f"{inject.title} {planted.mark(f'T{n}', readers)}",
            "body": f"{planted.mark(f'B{n}', readers)} {inject.body}",
            "questions": {"all": [planted.mark(f"U{n}", readers)],
                          **{role: [planted.mark(f"K{n}{role}", readers & {role})]
                             for role in PLAYERS}},
            "expected": {"all": [planted.mark(f"E{n}")]},
            "notes": planted.mark(f"N{n}"),
            "options": [option.model_copy(update={
                "label": f"{option.label} {planted.mark(f'O{n}_{k}', readers)}"})
                for k, option in enumerate(inject.options)],
            "variants": [], "when": None})
    scenario = resolved.scenario.model_copy(update={"conditions": [
        condition.model_copy(update={"description": planted.mark(f"C{k}")})
        for k, condition in enumerate(resolved.scenario.conditions)]})
    return ResolvedScenario(scenario=scenario, injects=injects, source=resolved.source)


def _play(path: Path, planted: Planted) -> None:
    """Deliver every planned inject (one is skipped), with messages between seats."""
    resolved = _planted_scenario(planted)
    with Session.start(resolved, path) as control:
        slots = resolved.planned()
        skipped = slots[3].inject_id
        module = slots[0].module_id
        for slot in slots:
            if slot.module_id != module:
                control.start_module(slot.module_id)
                module = slot.module_id
            if slot.inject_id == skipped:
                control.skip(skipped, planted.mark("SKIP"))
            else:
                control.deliver(slot.inject_id)
        control.announce(planted.mark("ANNALL", PLAYERS))
        control.announce(planted.mark("ANNUS", {"US"}), to=["US"])
        control.add_note(planted.mark("NOTE"))
        objective = resolved.scenario.objectives[0].id
        control.record_observation(objective, "improvement", planted.mark("OBS"))
        control.add_improvement(planted.mark("ISSUE"), planted.mark("ACTION"))
        to_all = next(d.inject_id for d in control.state.deliveries
                      if set(PLAYERS) <= set(resolved.recipients(resolved.injects[d.inject_id])))
        delivery_seq = next(d.seq for d in control.state.deliveries if d.inject_id == to_all)
        _delegations_play(path, planted, to_all, delivery_seq)
        control.refresh()
        control.record_move("US", "statement", planted.mark("M7", {"US", "JPN"}),
                            joint=["JPN"])
        control.end()
        for role, code in (("JPN", "FBJ"), ("ROK", "FBR")):
            with Session.open(path, seat=f"player:{role}") as seat:
                seat.submit_feedback(role, {"objectives": 4, "scenario": 5},
                                     text=planted.mark(code, {role}))
        control.write_summary("overview", planted.mark("SUM"))
        control.give_rating(objective, "S", planted.mark("RATING"))
        control.record_finding(objective, "improvement", planted.mark("FIND"))
    # Markers of injects never delivered, or skipped, reach no delegation.
    with Session.open(path, read_only=True) as session:
        delivered = {d.inject_id for d in session.state.deliveries}
    for n, inject_id in enumerate(resolved.injects):
        if inject_id not in delivered:
            for marker in planted.allowed:
                if re.fullmatch(rf"ZQX[TBUKO]{n}(JPN|US|ROK|_\d+)?Q", marker):
                    planted.allowed[marker] = NOBODY


def _delegations_play(path: Path, planted: Planted, inject: str, delivery_seq: int) -> None:
    jpn = Session.open(path, seat="player:JPN")
    rok = Session.open(path, seat="player:ROK")
    us = Session.open(path, seat="player:US")
    try:
        jpn.record_move("JPN", "communication", planted.mark("M1", {"JPN", "ROK"}),
                        rationale=planted.mark("R1", {"JPN"}), to=["ROK"], inject=inject)
        rok_to_jpn = rok.record_move("ROK", "communication", planted.mark("M2", {"JPN", "ROK"}),
                                     rationale=planted.mark("R2", {"ROK"}), to=["JPN"])
        rok.amend(rok_to_jpn.seq, planted.mark("AM1", {"JPN", "ROK"}))
        rok.amend(rok_to_jpn.seq, planted.mark("AM2", {"ROK"}), field="rationale")
        us_to_rok = us.record_move("US", "communication", planted.mark("M3", {"US", "ROK"}),
                                   rationale=planted.mark("R3", {"US"}), to=["ROK"])
        us.retract(us_to_rok.seq, planted.mark("RET", {"US", "ROK"}))
        rok.record_move("ROK", "communication", planted.mark("M4", {"ROK", "JPN"}), to=["JPN"],
                        inject=inject, relays=delivery_seq)
        jpn_to_us = jpn.record_move("JPN", "communication", planted.mark("M5", {"JPN", "US"}),
                                    to=["US"])
        us.record_move("US", "communication", planted.mark("M6", {"US", "ROK"}), to=["ROK"],
                       relays=jpn_to_us.seq)
        rok.record_move("ROK", "action", planted.mark("M8", {"ROK"}),
                        rationale=planted.mark("R8", {"ROK"}))
        rok.acknowledge(inject)
    finally:
        for seat in (jpn, rok, us):
            seat.close()


@pytest.fixture(scope="module")
def planted_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Planted]]:
    planted = Planted()
    path = tmp_path_factory.mktemp("edition") / "planted.ttx"
    _play(path, planted)
    yield path, planted


CONTROL_MARKERS = ("ZQXNOTEQ", "ZQXOBSQ", "ZQXISSUEQ", "ZQXACTIONQ", "ZQXSUMQ",
                   "ZQXRATINGQ", "ZQXFINDQ", "ZQXSKIPQ", "ZQXAM2Q", "ZQXR8Q", "ZQXR1Q", "ZQXM3Q",
                   "ZQXM6Q", "ZQXFBRQ")
"""What the full report prints and some or every edition must not."""


@pytest.fixture(scope="module")
def full_markdown(planted_session: tuple[Path, Planted]) -> str:
    return render_markdown(build_report_from_file(planted_session[0]))


def test_the_full_report_prints_the_planted_control_material(full_markdown: str) -> None:
    missing = [marker for marker in CONTROL_MARKERS if marker not in full_markdown]
    assert not missing
    assert re.search(r"ZQXE\d+Q", full_markdown), "expected actions are in the full report"


@pytest.mark.parametrize("role", PLAYERS)
def test_an_edition_holds_nothing_its_delegation_could_not_see(
        planted_session: tuple[Path, Planted], role: str) -> None:
    path, planted = planted_session
    report = build_report_from_file(path, role=role)
    for name, text in (("md", render_markdown(report)), ("json", render_json(report)),
                       ("html", render_html(report))):
        assert planted.leaks(text, role) == set(), name


@pytest.mark.parametrize(("role", "sees"), [
    ("JPN", {"ZQXM1Q", "ZQXR1Q", "ZQXAM1Q", "ZQXM4Q", "ZQXM5Q", "ZQXM7Q", "ZQXFBJQ"}),
    ("ROK", {"ZQXM1Q", "ZQXAM1Q", "ZQXAM2Q", "ZQXM3Q", "ZQXRETQ", "ZQXM6Q", "ZQXM8Q",
             "ZQXR8Q", "ZQXFBRQ"}),
    ("US", {"ZQXM3Q", "ZQXRETQ", "ZQXM5Q", "ZQXM6Q", "ZQXM7Q"}),
])
def test_an_edition_holds_what_its_delegation_sent_and_received(
        planted_session: tuple[Path, Planted], role: str, sees: set[str]) -> None:
    text = render_markdown(build_report_from_file(planted_session[0], role=role))
    assert {marker for marker in sees if marker not in text} == set()
    assert "edition" in text.splitlines()[0]


def test_the_printed_and_word_editions_hold_nothing_else(
        planted_session: tuple[Path, Planted], tmp_path: Path) -> None:
    """The PDF (text layer) and the Word file (body, headers, footers) of one edition;
    the marking on every page names the edition."""
    pytest.importorskip("weasyprint")
    from ttx.report.pdf import render_pdf
    from ttx.report.word import render_docx

    path, planted = planted_session
    report = build_report_from_file(path, role="ROK")
    pdf = tmp_path / "rok.pdf"
    pdf.write_bytes(render_pdf(report))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert planted.leaks(text, "ROK") == set()
    pages = text.split("\f")[:-1]
    assert pages and all("ROK edition" in page for page in pages)
    docx = tmp_path / "rok.docx"
    docx.write_bytes(render_docx(report))
    with zipfile.ZipFile(docx) as archive:
        xml = " ".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.startswith("word/") and name.endswith(".xml"))
    words = re.sub(r"<[^>]+>", "", xml)
    assert planted.leaks(words, "ROK") == set()
    assert "ROK edition" in words


def test_the_command_writes_an_edition_and_refuses_a_role_that_is_not_a_delegation(
        planted_session: tuple[Path, Planted], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from ttx.cli import main

    path, planted = planted_session
    out = tmp_path / "jpn.md"
    assert main(["report", str(path), "--for", "JPN", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "JPN edition" in text and planted.leaks(text, "JPN") == set()
    capsys.readouterr()
    before = sorted(tmp_path.iterdir())
    for role in ("WHITE", "KOR"):
        assert main(["report", str(path), "--for", role, "-o", str(tmp_path / "x.md")]) == 1
        error = capsys.readouterr().err
        assert error.startswith("error: ") and error.count("\n") == 1
        assert "US, JPN, ROK" in error
    assert sorted(tmp_path.iterdir()) == before


def test_a_delegation_knows_an_inject_as_delivered(tmp_path: Path) -> None:
    """The variant played replaces the inject's own text; no other variant, expected
    action, note or branch link is left in the edition's snapshot."""
    from ttx.report.edition import delegation_snapshot
    from ttx.session.fold import fold

    resolved = resolve_scenario("mine-incident", cwd=REPOSITORY)
    with Session.start(resolved, tmp_path / "mine.ttx") as session:
        session.start_module("m2-clearance")
        session.deliver("mine-09-sweeper-decision", keep_clock=True)
        session.record_move("ROK", "decision", "JMSDF sweeps the ROK side.",
                            inject="mine-09-sweeper-decision", option="jmsdf-in-rok-waters")
        session.start_module("m3-attribution")
        session.deliver("mine-12-kcna-denial", keep_clock=True)
        state = fold(session.snapshot, session.journal.events())
    inject = delegation_snapshot(resolved, state, "ROK").injects["mine-12-kcna-denial"]
    assert "Japanese reactionaries" in inject.body
    assert "south Korean puppets" not in inject.body
    assert (inject.expected, inject.notes, inject.variants) == ({}, "", [])
    assert set(inject.questions) <= {"all", "ROK"}
    assert all(not option.leads_to and not option.sets for option in inject.options)
    assert "mine-12-kcna-denial" in delegation_snapshot(resolved, state, "ROK").injects
    assert "mine-12-kcna-denial" in {d.inject_id for d in state.deliveries}


def test_every_event_type_is_decided_for_editions() -> None:
    """Control's by default: a new event type reaches no edition until it is shared."""
    from ttx.report.edition import CONTROL_EVENTS, PER_ENTRY_EVENTS, SHARED_EVENTS
    from ttx.session.vocabulary import EventType

    control = {
        EventType.inject_skipped, EventType.observation_recorded, EventType.note_added,
        EventType.screen_shown, EventType.improvement_added, EventType.summary_written,
        EventType.rating_given, EventType.finding_recorded, EventType.condition_set,
        EventType.decision_closed}
    assert set(CONTROL_EVENTS) == control
    assert not SHARED_EVENTS & PER_ENTRY_EVENTS


def test_an_edition_of_a_ready_session_counts_from_startex(tmp_path: Path) -> None:
    resolved = resolve_scenario("slbm-launch", cwd=REPOSITORY)
    path = tmp_path / "ready.ttx"
    with Session.start(resolved, path, ready=True) as session:
        session.startex()
        session.deliver(resolved.planned()[0].inject_id)
        session.end()
    full = build_report_from_file(path)
    edition = build_report_from_file(path, role="US")
    assert edition.overview.wall_start == full.overview.wall_start
    assert edition.summary.playing_time == full.summary.playing_time
