"""Reading an authored file's text safely: plain files only, bounded, UTF-8."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ttx.authoring.problems import Problem, Severity, YamlRefused

MAX_FILE_BYTES = 2 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text, refused with a positioned problem if too large, not UTF-8, or not
    a regular file (a FIFO or a device would block or never end)."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise YamlRefused(
            Problem(path, 1, 1, Severity.error, f"cannot read file: {error.strerror}")
        ) from None
    try:
        with open(descriptor, "rb", buffering=0) as stream:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise YamlRefused(Problem(path, 1, 1, Severity.error,
                                          f"not a regular file ({_file_kind(status.st_mode)}); "
                                          "ttx reads scenarios and injects from plain files"))
            size = status.st_size
            raw = b"" if size > MAX_FILE_BYTES else stream.read(size + 1)
            if len(raw) > size:  # grew since, or a size the system does not know
                raw += stream.read(MAX_FILE_BYTES + 1 - len(raw))
            if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
                size = max(size, len(raw))
                raise YamlRefused(
                    Problem(path, 1, 1, Severity.error,
                            f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"))
    except OSError as error:
        raise YamlRefused(
            Problem(path, 1, 1, Severity.error, f"cannot read file: {error.strerror}")
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlRefused(
            Problem(path, line, column, Severity.error,
                    f"file is not UTF-8 text (byte 0x{raw[error.start]:02x})")
        ) from None


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")


