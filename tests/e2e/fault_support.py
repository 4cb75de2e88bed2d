"""Faults on private servers: an embedded PostgreSQL and a redis-server of the test's own,
each stopped and started again while the app keeps running."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from app import embedded_pg, migrations
from app.embedded_pg import EmbeddedPostgres


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: object, *, timeout: float, what: str) -> None:
    """Poll ``check()`` (a callable returning bool) until it holds, failing after ``timeout``."""
    assert callable(check)
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@dataclass
class PrivatePostgres:
    pg: EmbeddedPostgres
    url: str

    def stop(self) -> None:
        """Fast shutdown (what an operator's restart or a failover does to open sessions)."""
        embedded_pg._pg_ctl_stop(self.pg.server, self.pg.path)
        wait_until(
            lambda: embedded_pg.postmaster_pid(self.pg.path) is None,
            timeout=30,
            what="PostgreSQL to stop",
        )

    def start(self) -> None:
        """Start the same cluster again: same socket directory, so the same URL."""
        with self.pg.server._lock:
            self.pg.server.ensure_postgres_running()


@contextmanager
def private_postgres(path: Path) -> Iterator[PrivatePostgres]:
    pg = embedded_pg.start(path / "pg")
    try:
        import asyncio

        url = asyncio.run(pg.ensure_database())
        migrations.upgrade(url)
        yield PrivatePostgres(pg, url)
    finally:
        pg.stop()


@dataclass
class PrivateRedis:
    port: int
    directory: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary is not None
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=0.5, socket_connect_timeout=0.5)
        wait_until(lambda: _pings(client), timeout=10, what="redis-server to start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


@contextmanager
def private_redis(directory: Path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: the Redis fault tests need their own server")
    server = PrivateRedis(free_port(), directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()
