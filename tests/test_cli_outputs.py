"""Documents go where `-o` points, safely; a standard output that cannot be written is one
error line. Through the real command line, with real files, devices, FIFOs and links."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.hostile import HOSTILE_WORKSPACE, SCENARIO_ID

TTX = str(Path(sys.executable).parent / "ttx")
DOCUMENTS = [
    pytest.param(("schema", "inject"), '"$schema"', id="schema"),
    pytest.param(("msel", "export", SCENARIO_ID, "--format", "csv"), "h-01-share", id="msel"),
    pytest.param(("report", "{session}", "--format", "md"), "After-Action Report", id="report"),
]


def ttx(*args: str, stdout: int | None = subprocess.PIPE,
        umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TTX, *args], cwd=HOSTILE_WORKSPACE, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, umask=umask if umask is not None
                          else -1)


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "play.ttx"
    assert ttx("session", "start", SCENARIO_ID, "-o", str(path)).returncode == 0
    return path


def document(args: tuple[str, ...], session: Path, output: str | Path) -> list[str]:
    return [arg.format(session=session) for arg in args] + ["-o", str(output)]


def one_error_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(("args", "marker"), DOCUMENTS)
def test_dev_stdout_is_written_through(args: tuple[str, ...], marker: str,
                                       session: Path) -> None:
    result = ttx(*document(args, session, "/dev/stdout"))
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    assert "/dev/stdout" not in result.stdout  # no path named after the document


@pytest.mark.parametrize(("args", "marker"), DOCUMENTS)
def test_a_full_device_is_one_error_and_stays_a_device(args: tuple[str, ...], marker: str,
                                                       session: Path) -> None:
    result = ttx(*document(args, session, "/dev/full"))
    one_error_line(result, "cannot write /dev/full", "No space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], bytes]]]:
    """A named pipe with a reader on it, and what the reader took out once it is done."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    received: list[bytes] = []

    def read() -> None:
        with path.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def taken() -> bytes:
        reader.join(timeout=30)  # it ends when the writer closes the pipe
        return received[0]

    yield path, taken
    if reader.is_alive():  # nothing wrote: let the reader go
        with path.open("wb"):
            pass


@pytest.mark.parametrize(("args", "marker"), DOCUMENTS)
def test_a_fifo_is_written_through(args: tuple[str, ...], marker: str, session: Path,
                                   fifo: tuple[Path, Callable[[], bytes]]) -> None:
    path, taken = fifo
    result = ttx(*document(args, session, path))
    assert result.returncode == 0, result.stderr
    assert marker in taken().decode("utf-8")
    assert stat.S_ISFIFO(os.stat(path).st_mode)


@pytest.mark.parametrize(("args", "marker"), DOCUMENTS)
def test_a_new_file_gets_the_umask_and_an_existing_one_keeps_its_mode(
        args: tuple[str, ...], marker: str, session: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "document.txt"
    assert ttx(*document(args, session, output), umask=0o027).returncode == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    output.chmod(0o604)
    output.write_text("old", encoding="utf-8")
    result = ttx(*document(args, session, output), umask=0o077)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o604
    assert marker in output.read_text(encoding="utf-8")  # replaced, as documented


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    result = ttx("schema", "scenario", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == target.name
    assert json.loads(target.read_text(encoding="utf-8"))["title"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_dangling_link_makes_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    assert ttx("schema", "scenario", "-o", str(link)).returncode == 0
    assert link.is_symlink() and (tmp_path / "made.json").is_file()


@pytest.mark.parametrize("make", ["loop", "folder", "under-a-file"])
def test_a_path_that_cannot_be_a_file_is_one_error(make: str, tmp_path: Path) -> None:
    output = tmp_path / "out"
    if make == "loop":
        output.symlink_to(tmp_path / "back")
        (tmp_path / "back").symlink_to(output)
    elif make == "folder":
        output.mkdir()
    else:
        output.write_text("a file", encoding="utf-8")
        output = output / "inside.json"
    one_error_line(ttx("schema", "inject", "-o", str(output)), f"cannot write {output}")


@pytest.mark.parametrize("args", [
    ("session", "show", "{session}"),
    ("session", "show", "{session}", "--json"),
    ("schema", "inject"),
    ("validate",),
])
def test_a_full_standard_output_is_one_error_line(args: tuple[str, ...],
                                                  session: Path) -> None:
    with open("/dev/full", "w") as full:
        result = ttx(*(arg.format(session=session) for arg in args), stdout=full.fileno())
    one_error_line(result, "cannot write to standard output", "No space left on device")


def test_an_entry_recorded_before_its_confirmation_failed_says_so(session: Path) -> None:
    with open("/dev/full", "w") as full:
        result = ttx("session", "note", str(session), "remember this", stdout=full.fileno())
    one_error_line(result, "#3 note_added was recorded", "cannot write to standard output")
    events = json.loads(ttx("session", "show", str(session), "--json").stdout)["events"]
    assert [event["payload"].get("text") for event in events].count("remember this") == 1


def test_a_reader_that_left_early_is_not_an_error(session: Path) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # `ttx … | head` whose head is already gone
    try:
        result = ttx("session", "show", str(session), "--json", stdout=writing)
    finally:
        os.close(writing)
    assert result.returncode == 0
    assert result.stderr == ""
