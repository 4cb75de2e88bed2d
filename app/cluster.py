"""A local Citus cluster (coordinator + workers) on the system PostgreSQL 15 binaries.

For development and the Citus test run (``make test-citus``), not for production: every node is
a plain data directory under one folder, listening on 127.0.0.1 with trust authentication. The
coordinator takes ``port``, worker *i* takes ``port + i``. Citus must have been built against
the same PostgreSQL major version (``make citus``). Under root the servers run as the
``postgres`` system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]

#: The database OrderGate uses on every node (``postgres`` stays the admin one).
DATABASE = "ordergate"
PG_BIN = Path(os.environ.get("ORDERGATE_PG_BIN", "/usr/lib/postgresql/15/bin"))
_HOST = "127.0.0.1"
_START_TIMEOUT_S = 60


class ClusterError(RuntimeError):
    """A node could not be initialised, started or joined."""


def citus_installed(bin_dir: Path = PG_BIN) -> bool:
    """True when the Citus library is installed for the PostgreSQL in ``bin_dir``."""
    pg_config = bin_dir / "pg_config"
    if not pg_config.exists():
        return False
    libdir = subprocess.run(  # noqa: S603 - fixed argv
        [str(pg_config), "--pkglibdir"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (Path(libdir) / "citus.so").exists()


@dataclass(frozen=True)
class Node:
    name: str
    port: int
    data_dir: Path

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql://postgres@{_HOST}:{self.port}/{database}"


@dataclass
class LocalCluster:
    """``workers`` worker nodes and a coordinator under ``data_dir``; see the module."""

    data_dir: Path
    port: int = 9700
    workers: int = 2
    #: Extra postgresql.conf lines (the test fixture turns fsync off).
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def coordinator(self) -> Node:
        return Node("coordinator", self.port, self.data_dir / "coordinator")

    @property
    def worker_nodes(self) -> list[Node]:
        return [
            Node(f"worker{i}", self.port + i, self.data_dir / f"worker{i}")
            for i in range(1, self.workers + 1)
        ]

    @property
    def nodes(self) -> list[Node]:
        return [self.coordinator, *self.worker_nodes]

    @property
    def url(self) -> str:
        """The coordinator's ``ordergate`` database: the one URL clients use."""
        return self.coordinator.url()

    def start(self) -> None:
        """Initialise missing nodes and start every node (waits until each accepts)."""
        if not citus_installed():
            raise ClusterError(f"Citus is not installed for {PG_BIN}: run `make citus`.")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for node in self.nodes:
            self._init(node)
            self._pg_ctl(node, "start", "-w", "-t", str(_START_TIMEOUT_S), "-l", "server.log")

    def stop(self) -> None:
        """Fast shutdown of every running node (a node that is not running is skipped)."""
        for node in reversed(self.nodes):
            if (node.data_dir / "postmaster.pid").exists():
                self._pg_ctl(node, "stop", "-w", "-m", "fast", check=False)

    async def ensure_database(self, name: str = DATABASE) -> str:
        """``name`` on every node with the extension, workers joined; returns its URL."""
        for node in self.nodes:
            await create_citus_database(node.url("postgres"), name)
        await join_workers(self.coordinator.url(name), [(_HOST, n.port) for n in self.worker_nodes])
        return self.coordinator.url(name)

    def _init(self, node: Node) -> None:
        if (node.data_dir / "PG_VERSION").exists():
            return
        node.data_dir.mkdir(parents=True, exist_ok=True)
        _own(node.data_dir)
        self._run(
            "initdb", "-D", str(node.data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        conf = {
            "port": str(node.port),
            "listen_addresses": f"'{_HOST}'",
            "unix_socket_directories": f"'{node.data_dir}'",
            "shared_preload_libraries": "'citus'",
            # Citus prepares a transaction per node in a multi-node commit; OrderGate's write
            # routes never do one (docs/scaling.md), but DDL and the distribute step do.
            "max_prepared_transactions": "200",
            "max_connections": "200",
            # Nodes talk over 127.0.0.1 only: no certificates to find or trust.
            "citus.node_conninfo": "'sslmode=disable'",
            **self.settings,
        }
        lines = "".join(f"{key} = {value}\n" for key, value in conf.items())
        with (node.data_dir / "postgresql.conf").open("a") as handle:
            handle.write("\n# ordergate cluster\n" + lines)

    def _pg_ctl(self, node: Node, *args: str, check: bool = True) -> None:
        self._run("pg_ctl", "-D", str(node.data_dir), *args, check=check, cwd=node.data_dir)

    @staticmethod
    def _run(tool: str, *args: str, check: bool = True, cwd: Path | None = None) -> None:
        env = dict(os.environ)
        user = None
        if os.geteuid() == 0:
            user = "postgres"
            env["HOME"] = pwd.getpwnam(user).pw_dir  # not root's: libpq looks for files there
        done = subprocess.run(  # noqa: S603 - fixed binaries, our own arguments
            [str(PG_BIN / tool), *args],
            capture_output=True,
            text=True,
            check=False,
            user=user,
            cwd=cwd,
            env=env,
        )
        if check and done.returncode != 0:
            raise ClusterError(f"{tool} {' '.join(args)} failed: {done.stderr.strip()}")


def free_port_range(count: int, start: int = 19700) -> int:
    """A port p with p .. p + count - 1 all free on 127.0.0.1 right now (tests, benches)."""
    for base in range(start, start + 10_000, 10):
        try:
            for port in range(base, base + count):
                with socket.socket() as probe:
                    probe.bind((_HOST, port))
        except OSError:
            continue
        return base
    raise ClusterError("no free port range for a local cluster")


def _own(path: Path) -> None:
    """Under root, hand ``path`` to the postgres user (who runs the servers)."""
    if os.geteuid() != 0:
        return
    entry = pwd.getpwnam("postgres")
    shutil.chown(path, entry.pw_uid, entry.pw_gid)


async def create_citus_database(admin_url: str, name: str) -> None:
    """``name`` on the node behind ``admin_url`` (its ``postgres`` db), with the extension."""
    admin = await asyncpg.connect(admin_url)
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    conn = await asyncpg.connect(admin_url.rsplit("/", 1)[0] + f"/{name}")
    try:
        await conn.execute("CREATE EXTENSION IF NOT EXISTS citus")
    finally:
        await conn.close()


async def join_workers(coordinator_url: str, workers: list[tuple[str, int]]) -> None:
    """Register the coordinator and add each worker not yet in ``pg_dist_node``."""
    host, port = _address_of(coordinator_url)
    conn = await asyncpg.connect(coordinator_url)
    try:
        await conn.execute("SELECT citus_set_coordinator_host($1, $2)", host, port)
        for worker_host, worker_port in workers:
            known = await conn.fetchval(
                "SELECT 1 FROM pg_dist_node WHERE nodename = $1 AND nodeport = $2",
                worker_host,
                worker_port,
            )
            if not known:
                await conn.execute("SELECT citus_add_node($1, $2)", worker_host, worker_port)
    finally:
        await conn.close()


def _address_of(url: str) -> tuple[str, int]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.host or _HOST, parsed.port or 5432


async def worker_addresses(coordinator_url: str) -> list[tuple[str, int]]:
    """The active worker nodes registered on the coordinator behind ``coordinator_url``."""
    conn = await asyncpg.connect(coordinator_url)
    try:
        rows = await conn.fetch(
            "SELECT nodename, nodeport FROM pg_dist_node "
            "WHERE noderole = 'primary' AND isactive AND groupid <> 0 ORDER BY nodeid"
        )
    finally:
        await conn.close()
    return [(row["nodename"], row["nodeport"]) for row in rows]
