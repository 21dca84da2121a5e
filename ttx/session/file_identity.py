"""Notice when the session file is deleted or replaced under a running console.

SQLite keeps writing to the file it opened even after its name was deleted, and the
entries would vanish with the last process that holds it open. So the console checks,
at every poll and before every write, that its path still leads to the file it opened;
when it does not, it says so and writes nothing more. Pure: no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileIdentity:
    """Which file a path led to when the session was opened."""

    path: Path
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        stat = path.stat()
        return cls(path, stat.st_dev, stat.st_ino)

    def problem(self) -> str | None:
        """Why the path no longer leads to the opened file, or None when it does."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return (f"{self.path} was deleted or moved while the console was open; "
                    "nothing more is written. Restore the file, then run 'ttx run' on it")
        except OSError as error:
            return f"{self.path} cannot be checked ({error.strerror or error})"
        if (stat.st_dev, stat.st_ino) != (self.device, self.inode):
            return (f"{self.path} was replaced by another file while the console was "
                    "open; nothing more is written. Run 'ttx run' on it again")
        return None


def identity_of(path: Path) -> FileIdentity | None:
    """The identity of `path` now (None if it cannot be read, e.g. a test's fake path)."""
    try:
        return FileIdentity.of(path)
    except OSError:
        return None
