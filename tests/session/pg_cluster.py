"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a temporary
folder, a free port on 127.0.0.1, password login read the libpq way (a PGPASSFILE).

PostgreSQL refuses to run as root, so when the tests run as root (as CI does) the
cluster belongs to `nobody`. Every cluster started is stopped and its folder removed
at exit too, so nothing is left running even when a test fails.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

USER = "ttx"
PASSWORD = "throwaway-test-password"
DATABASE = "ttx_test"
_RUNNING: set[Cluster] = set()


def server_binaries() -> Path | None:
    """The folder of `initdb` and `pg_ctl` (the newest installed Debian server), if any."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                     key=lambda folder: int(Path(folder).parent.name)
                     if Path(folder).parent.name.isdigit() else 0)
    for folder in reversed(folders):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    found = shutil.which("pg_ctl")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """One PostgreSQL server in a temporary folder."""

    def __init__(self, binaries: Path, *, template: Path | None = None) -> None:
        self.binaries = binaries
        as_root = os.geteuid() == 0
        # as root, under /tmp: `nobody` must be able to reach the folder (TMPDIR may be
        # inside root's home, which it cannot)
        self.root = Path(tempfile.mkdtemp(
            prefix="ttx-pg-", dir="/tmp" if as_root and os.path.isdir("/tmp") else None))
        self.data = self.root / "data"
        self.port = _free_port()
        self.passfile = self.root / "pgpass"
        self.passfile.write_text(f"127.0.0.1:*:*:{USER}:{PASSWORD}\n")
        self.passfile.chmod(0o600)  # libpq ignores a pgpass others may read
        self._as: dict[str, Any] = {}
        if as_root:
            nobody = pwd.getpwnam("nobody")
            self._as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
        if template is not None:
            shutil.copytree(template, self.data, symlinks=True)
            self._own(self.data)
        else:
            self._init()

    def _own(self, folder: Path) -> None:
        if not self._as:
            return
        for path in [folder, *folder.rglob("*")]:
            os.lchown(path, self._as["user"], self._as["group"])

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.binaries / command[0]), *command[1:]],
                                cwd=self.root, capture_output=True, text=True,
                                timeout=120, check=False, **self._as)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
        return result

    def _init(self) -> None:
        secret = self.root / "password"
        secret.write_text(PASSWORD + "\n")
        self._own(secret)
        self._run("initdb", "-D", str(self.data), "-U", USER, "--pwfile", str(secret),
                  "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        secret.unlink()

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 "
                        f"-c unix_socket_directories={self.root} -c fsync=off", "start")
        _RUNNING.add(self)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`immediate` is a crash, as a power cut would be)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        _RUNNING.discard(self)

    def remove(self) -> None:
        if self in _RUNNING:
            with contextlib.suppress(Exception):
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = DATABASE, session: str | None = None) -> str:
        query = f"?session={session}" if session else ""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}{query}"

    def create_database(self, name: str = DATABASE) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True,
                             passfile=str(self.passfile)) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')


@atexit.register
def _stop_all() -> None:
    for cluster in list(_RUNNING):
        cluster.remove()
