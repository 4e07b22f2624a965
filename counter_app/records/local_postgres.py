"""A throw-away PostgreSQL server for tests and benchmarks (not used by the counter itself).

`start_local_postgres()` runs initdb into a temporary directory (as the `postgres` user when
running as root) and pg_ctl on a Unix socket in that directory; `stop()` removes it all. Its
databases sort in C order and have the character type C.UTF-8, as a production register should.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class LocalPostgresError(Exception):
    """The local server could not be started (no binaries, initdb or pg_ctl failed)."""


def pg_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, or None."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            ).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += [Path(p).parent for p in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


def free_port() -> int:
    """A TCP port number nobody listens on now (names the Unix socket)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LocalPostgres:
    """A PostgreSQL server in a temporary directory, reachable on a Unix socket only."""

    bindir: Path
    root: Path
    port: int
    user: str | None  # run the server as this user (when we are root)
    settings: tuple[str, ...] = ("fsync=off", "full_page_writes=off", "max_connections=60")

    @property
    def data(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """initdb and start the server."""
        # LC_CTYPE C.UTF-8 as in production: pg_trgm finds no trigrams in kanji under "C"
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--lc-ctype=C.UTF-8", "--no-sync")  # fmt: skip
        options = f"-p {self.port} -k {self.root} -c listen_addresses=''"
        options += "".join(f" -c {setting}" for setting in self.settings)
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o",
                  options, "-w", "-t", "60", "start")  # fmt: skip

    def restart(self) -> None:
        """Restart the server as an administrator would (fast: open transactions roll back)."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-m",
                  "fast", "-w", "-t", "60", "restart")  # fmt: skip

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The admin URL of a database on this server."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"


def start_local_postgres(settings: tuple[str, ...] | None = None) -> LocalPostgres:
    """Start a throw-away server; LocalPostgresError when that is not possible here."""
    bindir = pg_bindir()
    if bindir is None:
        raise LocalPostgresError("PostgreSQL binaries (initdb, pg_ctl) not found")
    user = None
    root = Path(tempfile.mkdtemp(prefix="counter-pg-"))
    if os.geteuid() == 0:
        user = "postgres"
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = LocalPostgres(bindir, root, free_port(), user)
    if settings is not None:
        server.settings = settings
    try:
        server.start()
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
        raise LocalPostgresError(f"could not start PostgreSQL: {exc} {text}") from exc
    return server
