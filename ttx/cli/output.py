"""Where the commands' words and documents go: standard output, standard error, `-o PATH`.

Every line printed for a person passes through `ttx.terminal_text` (no control character
of a title or a typed move ever reaches the terminal). Every document goes through
`write_output`, the one way a command writes to the place the user named:

- a regular file, new or existing (also at the end of symbolic links, which are
  followed: the link stays and its target is replaced), is written to a temporary file
  beside it and renamed over it, so it is never half written; an existing file keeps
  its permissions (and its owner, where we may set it), a new one gets the umask's;
- a character device, a FIFO or a socket (`/dev/null`, a named pipe, `/dev/tty`), and
  anything under `/dev/` or `/proc/` (`/dev/stdout`, `/dev/fd/3`), is written through,
  never replaced: `-o /dev/full` is one error line, the device stays;
- standard output itself (`-`, or a path that leads to it) is written in place; on a
  terminal, a text document has its control characters made visible and a binary one is
  refused.

An existing file is replaced without asking, as build tools do: `ttx report` run again
refreshes the report it wrote before.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from ttx.errors import TtxError
from ttx.terminal_text import visible, visible_line

STANDARD_OUTPUT = "-"
SYSTEM_FOLDERS = ("/dev/", "/proc/")
"""Special files the system makes (`/dev/stdout` leads to a pipe, a terminal or a
file the shell opened): written through, never renamed over."""


def say(*lines: str, stream: TextIO | None = None) -> None:
    """Print each of `lines` as one line for a person (standard output by default), its
    control characters (newlines too) made visible. TtxError when it cannot be written."""
    _print("".join(f"{visible_line(line)}\n" for line in lines), stream or sys.stdout)


def say_text(text: str, stream: TextIO | None = None) -> None:
    """Print `text` as it is laid out (tabs and newlines kept), control characters visible."""
    _print(visible(text), stream or sys.stdout)


def tell(*lines: str) -> None:
    """`say` on standard error: progress, warnings and what was written where."""
    with contextlib.suppress(OSError, TtxError):  # nowhere left to say that it failed
        say(*lines, stream=sys.stderr)


def _print(text: str, stream: TextIO) -> None:
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise output_failed(error, stream) from None


def output_failed(error: OSError, stream: TextIO | BinaryIO | None = None) -> TtxError:
    """The error for a standard stream that cannot be written (say a full disk). The stream
    is pointed at /dev/null, so the text still buffered is not tried again at exit."""
    target = stream if stream is not None else sys.stdout
    name = "standard error" if target in (sys.stderr, sys.stderr.buffer) else "standard output"
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, target.fileno())
        os.close(devnull)
    return TtxError(f"cannot write to {name}: {error.strerror or error}")


def write_output(data: bytes, output: str | Path | None) -> bool:
    """Write a document to `output` (None or `-`: standard output), as the module says.

    True when a file was written (worth naming to the user); False when the bytes went
    through to standard output, a device or a FIFO. TtxError when it cannot be written;
    nothing is then changed."""
    if output is None or str(output) == STANDARD_OUTPUT:
        _write_standard_output(data)
        return False
    path = Path(output)
    existing = _stat(path)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise TtxError(f"cannot write {path}: it is a folder")
    if existing is not None and (not stat.S_ISREG(existing.st_mode)
                                 or os.path.abspath(path).startswith(SYSTEM_FOLDERS)):
        _write_through(path, data, existing)
        return False
    _write_file(path, data, existing)
    return True


def _stat(path: Path) -> os.stat_result | None:
    """What `path` leads to (through symbolic links); None when nothing is there yet."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:  # a loop of links, a name too long, a file used as a folder
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None


def _is_standard_output(found: os.stat_result) -> bool:
    try:
        return os.path.samestat(found, os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):  # no real standard output (tests)
        return False


def _write_standard_output(data: bytes) -> None:
    try:
        terminal = sys.stdout.isatty()
    except ValueError:
        terminal = False
    if terminal:
        data = _for_terminal(data)
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise output_failed(error, sys.stdout) from None


def _for_terminal(data: bytes) -> bytes:
    """A text document with its control characters made visible; a binary one refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TtxError("this document is binary: give -o FILE, or redirect standard "
                       "output to a file") from None
    # CR LF ends a CSV row and looks like LF on a terminal; a lone CR could overwrite a line
    return visible(text.replace("\r\n", "\n")).encode("utf-8")


def _write_through(path: Path, data: bytes, found: os.stat_result) -> None:
    """Into a device, a FIFO or a system file as it is: opened, written, never replaced."""
    if _is_standard_output(found):
        _write_standard_output(data)
        return
    truncate = os.O_TRUNC if stat.S_ISREG(found.st_mode) else 0
    try:
        handle = os.open(path, os.O_WRONLY | truncate)
        with os.fdopen(handle, "wb") as stream:
            stream.write(_for_terminal(data) if stream.isatty() else data)
    except OSError as error:
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None


def _write_file(path: Path, data: bytes, existing: os.stat_result | None) -> None:
    """A regular file, through a temporary file beside it and a rename: never half a file.
    A symbolic link is followed: its target is replaced, the link stays a link."""
    import tempfile  # only here: the other commands start without it

    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if existing is not None:
                _keep_owner(stream.fileno(), existing)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None


def _keep_owner(handle: int, existing: os.stat_result) -> None:
    """The replaced file's owner and group, where we may give them (root, or our own)."""
    if (existing.st_uid, existing.st_gid) == (os.getuid(), os.getgid()):
        return
    with contextlib.suppress(PermissionError):
        os.fchown(handle, existing.st_uid, existing.st_gid)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to the regular file `path` through a temporary file and a rename."""
    _write_file(path, data, _stat(path))


def emit(text: str, output: str | None) -> None:
    """Print `text`, or write it to `output` (`-` means standard output) and say so."""
    if write_output(text.encode("utf-8"), output):
        tell(f"wrote {output}")
