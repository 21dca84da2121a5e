"""The user's cache of ttx: files that only save work, never change an answer.

Each entry is one file, named by the hash of everything its content depends on, and
framed as: a header line that repeats that key (checked exactly on reading), the
SHA-256 of the body, then the body, a pickle. A pickle is read only through
`RestrictedUnpickler`, which refuses every class its caller did not list (the pickle
documentation's "Restricting Globals"). Anything wrong with a file (missing,
truncated, damaged, foreign, written for another code or layout, an unlisted class)
reads as no entry, and writing never fails its caller (a read-only home, a full disk:
nothing is kept). Writes are atomic (a temporary file renamed into place), readable by
this user only (the folders are made 0700, the files 0600), and each
write prunes its folder to the newest `MAX_ENTRIES` files and the whole cache to
`MAX_BYTES`.

Where: `$TTX_CACHE_DIR` when set (empty: no cache at all; tests point it at a
temporary folder), else `$XDG_CACHE_HOME/ttx`, else `~/.cache/ttx`.
"""

from __future__ import annotations

import atexit
import contextlib
import copyreg
import gc
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from ttx import __version__

CACHE_DIR_VARIABLE = "TTX_CACHE_DIR"
MAX_ENTRIES = 20
"""Files kept in each folder of the cache (one per session for checkpoints)."""
MAX_BYTES = 200 * 1024 * 1024
"""The most the whole cache may hold; the oldest files go first."""
_DIGEST_SIZE = 32
_SUFFIX = ".pickle"

Reducer = Callable[[Any], tuple[Any, ...]]


def cache_root() -> Path | None:
    """The cache folder (not necessarily existing), or None when caching is off."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return Path(configured) if configured else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "ttx"
    try:
        return Path.home() / ".cache" / "ttx"
    except (RuntimeError, KeyError):  # no home directory to be found
        return None


@cache
def code_fingerprint(sources: tuple[str, ...]) -> str | None:
    """A digest of this ttx, Python, pydantic and the `sources` (Python files): an entry
    written by other code never matches. None when a source cannot be read (then
    nothing is cached)."""
    import pydantic

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{sys.version}\0{pydantic.VERSION}\0".encode())
    for source in sources:
        try:
            digest.update(Path(source).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


@cache  # the files of a module do not change while it runs: one listing per process
def module_sources(*modules: ModuleType) -> tuple[str, ...]:
    """The source files of `modules` (a package: every module file in its folder)."""
    sources: list[str] = []
    for module in modules:
        path = Path(getattr(module, "__file__", None) or "")
        if path.name == "__init__.py":
            sources.extend(sorted(str(file) for file in path.parent.glob("*.py")))
        else:
            sources.append(str(path))
    return tuple(sources)


def entry_name(*parts: str) -> str:
    """A file name for the entry whose content depends on `parts` alone."""
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()


class RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that builds only the classes and functions it is given."""

    def __init__(self, data: bytes, allowed: dict[tuple[str, str], object],
                 start: int = 0) -> None:
        stream = io.BytesIO(data)  # shares `data`'s buffer: no copy
        stream.seek(start)
        super().__init__(stream)
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._allowed[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed here") from None


def allowlist(objects: Iterable[Any]) -> dict[tuple[str, str], object]:
    """The `allowed` of a `RestrictedUnpickler` for classes and functions."""
    return {(item.__module__, item.__qualname__): item for item in objects}


def read_entry(folder: str, name: str, header: str, allowed: dict[tuple[str, str], object],
               accept: Callable[[str], bool] = lambda line: True) -> tuple[str, Any] | None:
    """The header line and object of entry `name` in `folder` when its header line
    starts with `header`, `accept` takes the line (asked before the body is read), and
    the body is sound and unpickles with `allowed` classes only; None otherwise (no
    entry, or one that cannot be trusted)."""
    root = cache_root()
    if root is None:
        return None
    try:
        data = (root / folder / f"{name}{_SUFFIX}").read_bytes()
    except OSError:
        return None
    line_end = data.find(b"\n")
    if line_end < 0 or not data.startswith(header.encode()):
        return None
    line = data[:line_end].decode("utf-8", "replace")
    if not accept(line):
        return None
    digest_end = line_end + 1 + _DIGEST_SIZE
    if _digest(memoryview(data)[digest_end:]) != data[line_end + 1:digest_end]:
        return None
    try:
        return line, RestrictedUnpickler(data, allowed, digest_end).load()
    except Exception:  # anything at all in a damaged or foreign pickle: no entry
        return None


def write_entry(folder: str, name: str, header: str, value: object,
                reducers: dict[type, Reducer] | None = None, *,
                background: bool = False) -> None:
    """Keep `value` as entry `name` of `folder` under `header` (one line); silently
    nothing when the cache cannot be written.

    `background`: written by a forked copy of this process, so the caller goes on at
    once (pickling a long session's state takes a second); the copy sees `value` as it
    is now, whatever the caller does to it next. Where there is no fork, written here."""
    root = cache_root()
    if root is None or "\n" in header:
        return
    if background and hasattr(os, "fork"):
        _reap(block=False)
        try:
            pid = os.fork()
        except OSError:
            pid = -1  # no process to spare: written here instead
        if pid == 0:  # the copy: write, then go without running the caller's exit code
            status = 1
            try:
                gc.disable()  # nothing of the copy outlives the write
                _write(root, folder, name, header, value, reducers)
                status = 0
            finally:
                os._exit(status)
        if pid > 0:
            if not _writers:
                atexit.register(_reap, block=True)
            _writers.append(pid)
            return
    _write(root, folder, name, header, value, reducers)


def wait_for_writes() -> None:
    """Wait until every entry written in the background is in place (or given up)."""
    _reap(block=True)


_writers: list[int] = []
"""The processes writing entries in the background, not yet waited for."""


def _reap(*, block: bool) -> None:
    for pid in list(_writers):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            done = pid  # waited for elsewhere
        if done:
            _writers.remove(pid)


def _write(root: Path, folder: str, name: str, header: str, value: object,
           reducers: dict[type, Reducer] | None) -> None:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    if reducers:
        pickler.dispatch_table = {**copyreg.dispatch_table, **reducers}
    pickler.dump(value)
    body = buffer.getbuffer()
    digest = _digest(body)
    directory = root / folder
    aside = directory / f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    try:
        # only this user may read it: a session's entries may be sensitive
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.mkdir(mode=0o700, exist_ok=True)
        with open(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
            file.write(header.encode() + b"\n" + digest)
            file.write(body)
        os.replace(aside, directory / f"{name}{_SUFFIX}")
    except OSError:
        with contextlib.suppress(OSError):
            aside.unlink()
        return
    prune(root)


def _digest(body: memoryview) -> bytes:
    return hashlib.sha256(body).digest()  # OpenSSL's SHA-256 uses the CPU's SHA instructions


def prune(root: Path) -> None:
    """Keep the newest `MAX_ENTRIES` entries of each folder and at most `MAX_BYTES` in
    all; leftovers of interrupted writes go too."""
    kept: list[tuple[float, int, Path]] = []
    try:
        folders = [entry for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]
        for folder in folders:
            files: list[tuple[float, int, Path]] = []
            for entry in os.scandir(folder.path):
                if not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
                files.append((stat.st_mtime, stat.st_size, Path(entry.path)))
            files.sort(reverse=True)
            for *_, path in files[MAX_ENTRIES:]:
                _remove(path)
            kept.extend(files[:MAX_ENTRIES])
    except OSError:
        return
    kept.sort(reverse=True)
    total = 0
    for _, size, path in kept:
        total += size
        if total > MAX_BYTES:
            _remove(path)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
