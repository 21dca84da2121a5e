"""Small helpers the commands share for writing results."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ttx.errors import TtxError


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename: never half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise TtxError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise TtxError(f"cannot write {path}: {error.strerror}") from None


def emit(text: str, output: str | None) -> None:
    """Print `text`, or write it to the file `output` (`-` means standard output)."""
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    write_atomically(Path(output), text.encode("utf-8"))
    sys.stderr.write(f"wrote {output}\n")
