"""`FolderWatch`: be told when another process writes a session file (Linux inotify).

SQLite cannot push a change to its readers, so a follower looked at the file's data
version every 20 ms; thirty seats on one host kept a third of a core busy doing it.
The kernel can tell instead: every commit writes the file's write-ahead log
(`NAME-wal`), and inotify reports each write to a watcher of the folder. `wait`
returns when the file or its log was written, created, moved or deleted, and after
`timeout` otherwise. Where inotify is missing (another OS, no watches left)
`FolderWatch.of` returns None and the caller polls as before.

A write is reported when it happens, which may be before the commit it belongs to is
visible to readers (the log is synced, then its index updated): the caller keeps
looking for a short while after each report (`SqliteJournal.wait_for_change`).
"""

from __future__ import annotations

import os
import select
import threading
from pathlib import Path
from typing import Any


class FolderWatch:
    """Watches the folder of one file for writes to the file or its `-wal` log.

    Safe to `close` from another thread while one thread waits (the wait returns)."""

    def __init__(self, inotify: Any, names: frozenset[str]) -> None:
        self._inotify = inotify
        self._names = names
        self._lock = threading.Lock()
        self._wake_read, self._wake_write = os.pipe()
        self._closed = False
        self.broken = False
        """The kernel dropped the watch or events (the folder went away, its queue
        overflowed): the caller must poll from now on."""

    @classmethod
    def of(cls, path: Path) -> FolderWatch | None:
        """A watch of `path` and its write-ahead log, or None where inotify is missing."""
        try:
            from inotify_simple import INotify, flags
        except ImportError:  # not installed (it is a Linux-only dependency)
            return None
        try:
            inotify = INotify()
        except (OSError, AttributeError):  # no inotify in this C library or kernel
            return None
        # what may mean a commit (a write to the log), or the file going away
        mask = flags.MODIFY | flags.CREATE | flags.DELETE | flags.MOVED_FROM | flags.MOVED_TO
        try:
            inotify.add_watch(path.parent, mask)
        except OSError:  # no watches left, or the folder cannot be watched
            inotify.close()
            return None
        return cls(inotify, frozenset({path.name, f"{path.name}-wal"}))

    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` seconds; whether the file or its log was touched (or
        the watch broke, so the caller should look now). False once closed."""
        with self._lock:
            if self._closed:
                return False
            ready, _, _ = select.select([self._inotify, self._wake_read], [], [], timeout)
            if self._closed or not ready or self._wake_read in ready:
                return False
            events = self._inotify.read(timeout=0)
        from inotify_simple import flags

        for event in events:
            if event.mask & (flags.Q_OVERFLOW | flags.IGNORED):
                self.broken = True
                return True
        return any(event.name in self._names for event in events)

    def close(self) -> None:
        """Stop watching; a thread waiting returns at once."""
        if self._closed:
            return
        self._closed = True
        os.write(self._wake_write, b"x")
        with self._lock:
            self._inotify.close()
            os.close(self._wake_read)
            os.close(self._wake_write)
