"""`ttx report` as a user runs it: formats, outputs, templates, errors, progress.

Refusals run the real command in a child process, so that a traceback would show as
one; the rest call `ttx.cli.main` in this process, which is the same code and faster.
"""

from __future__ import annotations

import json
import os
import pty
import sqlite3
from pathlib import Path

import pytest

from tests.report.conftest import refused, run
from tests.session.conftest import insert_chained
from ttx.cli import main


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    """Run `ttx report ARGS` here; its stdout and stderr (it must succeed)."""
    assert main(["report", *args]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


# -- refusals ---------------------------------------------------------------------

def test_a_missing_file(tmp_path: Path) -> None:
    assert refused("report", str(tmp_path / "nothing.ttx")) == (
        f"error: no session file at {tmp_path / 'nothing.ttx'}")
    assert "no session file" in refused("report", str(tmp_path))


def test_a_file_of_random_bytes(tmp_path: Path) -> None:
    noise = tmp_path / "noise.ttx"
    noise.write_bytes(os.urandom(8192))
    assert "is not a ttx session file" in refused("report", str(noise))
    empty = tmp_path / "empty.ttx"
    empty.write_bytes(b"")
    assert "is not a ttx session file" in refused("report", str(empty))


def test_an_sqlite_file_that_is_not_a_session(tmp_path: Path) -> None:
    other = tmp_path / "other.ttx"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('hello')")
    connection.close()
    assert "is not a ttx session file" in refused("report", str(other))


def test_a_session_damaged_inside(session: Path) -> None:
    data = bytearray(session.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = os.urandom(4096)
    session.write_bytes(bytes(data))
    assert "damaged" in refused("report", str(session), "--format", "md", "-o", "-")


def test_an_event_the_report_cannot_read(session: Path) -> None:
    seq = insert_chained(session, "move_recorded", '{"role": "US"}', seat="cli")
    line = refused("report", str(session), "-o", "-", "--format", "json")
    assert line.endswith(f"event #{seq} (move_recorded) is damaged: no 'kind'")


def test_an_output_that_cannot_be_written(session: Path) -> None:
    assert refused("report", str(session), "-o", "/proc/no/such/report.md").startswith(
        "error: cannot write /proc/no/such/report.md")


def test_a_broken_organisation_template(session: Path) -> None:
    templates = session.parents[1] / "reports"
    templates.mkdir()
    (templates / "report.html.j2").write_text("<h1>{{ report.overview.name }</h1>\n")
    line = refused("report", str(session), "-o", "-")
    assert line.startswith(f"error: {templates / 'report.html.j2'}:1: report template: ")
    (templates / "report.html.j2").write_text("{{ report.no_such_section }}\n")
    assert "report template report.html.j2" in refused("report", str(session), "-o", "-")


# -- formats and outputs ----------------------------------------------------------

@pytest.mark.parametrize(("report_format", "start"), [
    ("html", b"<!DOCTYPE html>"), ("md", b"**UNCLASSIFIED"), ("json", b"{\n"),
])
def test_each_format_to_a_file(capsys: pytest.CaptureFixture[str], session: Path,
                               tmp_path: Path, report_format: str, start: bytes) -> None:
    target = tmp_path / "out" / "report.txt"
    out, err = report(capsys, str(session), "--format", report_format, "-o", str(target))
    assert out == f"{target}\n"
    assert err == ""  # no progress bar when stderr is not a terminal
    assert target.read_bytes().startswith(start)


@pytest.mark.pdf
def test_pdf_to_a_file(capsys: pytest.CaptureFixture[str], session: Path,
                       tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    out, err = report(capsys, str(session), "-o", str(target), "--paper", "letter")
    assert (out, err) == (f"{target}\n", "")
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(("suffix", "start"), [
    (".html", b"<!DOCTYPE html>"), (".htm", b"<!DOCTYPE html>"), (".md", b"**"),
    (".markdown", b"**"), (".json", b"{"), (".JSON", b"{"), (".txt", b"<!DOCTYPE html>"),
])
def test_the_format_follows_the_output_suffix(capsys: pytest.CaptureFixture[str],
                                              session: Path, tmp_path: Path, suffix: str,
                                              start: bytes) -> None:
    target = tmp_path / f"report{suffix}"
    report(capsys, str(session), "-o", str(target))
    assert target.read_bytes().startswith(start)


def test_format_wins_over_the_suffix(capsys: pytest.CaptureFixture[str], session: Path,
                                     tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    report(capsys, str(session), "-o", str(target), "--format", "json")
    assert json.loads(target.read_text())["overview"]["session_file"] == session.name


def test_standard_output(capsysbinary: pytest.CaptureFixture[bytes], session: Path) -> None:
    assert main(["report", str(session), "--format", "md", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"**UNCLASSIFIED") and out.endswith(b"**\n")
    assert "부산항".encode() in out


def test_without_output_the_report_goes_to_the_workspace(capsys: pytest.CaptureFixture[str],
                                                         session: Path) -> None:
    out, _ = report(capsys, str(session))
    expected = session.parents[1] / "reports" / f"{session.stem}.html"
    assert out == f"{expected}\n"
    assert expected.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_organisation_template_and_stylesheet_are_used(capsys: pytest.CaptureFixture[str],
                                                          session: Path) -> None:
    templates = session.parents[1] / "reports"
    templates.mkdir()
    (templates / "report.html.j2").write_text(
        "<html><style>{{ stylesheet }}</style><h1>Our format: {{ report.overview.name }}</h1>"
        "{% for row in report.timeline %}<p>{{ row.text }}</p>{% endfor %}</html>\n")
    (templates / "report.css").write_text("h1 { color: rebeccapurple; }\n")
    out, _ = report(capsys, str(session), "-o", "-")
    assert "<h1>Our format: Example: Port logistics outage</h1>" in out
    assert "rebeccapurple" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out  # autoescaped there too
    (templates / "report.html.j2").unlink()
    out, _ = report(capsys, str(session), "-o", "-")
    assert 'id="overview"' in out and "rebeccapurple" in out  # built-in page, our style


# -- progress ---------------------------------------------------------------------

def test_progress_is_silent_in_a_pipe(session: Path, tmp_path: Path) -> None:
    result = run("report", str(session), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 0
    assert result.stderr == b""


@pytest.mark.pdf
def test_a_progress_bar_on_a_terminal_while_a_pdf_renders(session: Path,
                                                          tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        result = run("report", str(session), "-o", str(tmp_path / "r.pdf"), stderr=terminal)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert result.returncode == 0
    screen = shown.decode()
    assert "ttx report [" in screen and "laying out page" in screen and "100%" in screen
    assert "\r" in screen and "\n" not in screen  # one line, redrawn in place
    assert screen.endswith("\r")  # and erased at the end
