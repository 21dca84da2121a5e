"""Start-up in instructions: each seat until its working screen is painted, over the
minimal Textual app, counted by valgrind's callgrind instead of timed.

    python bench/startup_instructions.py [SESSION]

Wall and CPU times of a start-up move by half or more on a machine other programs share
(caches, a busy sibling core), which buries a change of a few percent. The number of
instructions a program runs until a frame is painted hardly moves: this counts them
(valgrind in the pseudo-terminal `first_frame` uses, counters dumped the moment the
marker is painted), so two trees can be compared on a busy machine. Instructions are not
time (Textual's import costs more time per instruction than ttx's work), so this is a
companion to `startup_ratio`, not the figure itself. Counts still move by a few percent
between runs: a seat's timers and its listening thread run on the wall clock, and under
valgrind (about fifty times slower) they fire that much more often per instruction of
start-up; compare differences larger than that, or take several runs. Without a SESSION it makes the
slbm-launch session the bench uses. About 30 s per program; needs valgrind.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.first_frame import first_frame
from bench.measures import SEATS, TTX
from bench.minimal_app import MARKER as BASELINE_MARKER
from bench.run import as_installed


def instructions(argv: list[str], marker: str, folder: Path) -> int:
    """Instructions `argv` ran until `marker` was painted."""
    out = folder / "callgrind.out"
    for old in folder.glob("callgrind.out*"):
        old.unlink()
    command = ["valgrind", "--tool=callgrind", "--dump-instr=no",
               f"--callgrind-out-file={out}", *argv]

    def dump(pid: int) -> None:
        subprocess.run(["callgrind_control", "--dump", str(pid)], check=True,
                       capture_output=True, timeout=120)

    first_frame(command, marker, timeout=600, painted=dump)
    for _ in range(100):  # the dump is written by the program, after the request
        dumps = [path for path in folder.glob("callgrind.out*") if path.stat().st_size]
        if dumps:
            break
        time.sleep(0.1)
    text = max(dumps, key=lambda path: path.stat().st_mtime).read_text(encoding="utf-8")
    found = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no instruction count in {out}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("error: valgrind is not installed")
    with tempfile.TemporaryDirectory(prefix="ttx-instructions-") as name:
        folder = Path(name)
        as_installed(folder)
        if len(sys.argv) > 1:
            session = sys.argv[1]
        else:
            from bench.fixtures import small_session

            session = str(small_session(folder / "small"))
        baseline = [sys.executable, str(Path(__file__).with_name("minimal_app.py"))]
        subjects = {seat: ([*TTX, "display" if seat == "display" else "run", session, *extra],
                           marker) for seat, (extra, marker) in SEATS.items()}
        for argv, marker in [(baseline, BASELINE_MARKER), *subjects.values()]:
            first_frame(argv, marker)  # compiles the bytecode, as an installed one has it
        base = instructions(baseline, BASELINE_MARKER, folder)
        print(f"baseline: {base / 1e9:.3f} G instructions")
        for seat, (argv, marker) in subjects.items():
            count = instructions(argv, marker, folder)
            print(f"{seat}: {count / 1e9:.3f} G instructions, {count / base:.2f}× the baseline")


if __name__ == "__main__":
    main()
