"""`ordergate serve --workers 2` as real processes: /metrics shows every worker's counts merged,
whichever worker answers the scrape (Prometheus multiprocess mode)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REQUESTS = 60
HEALTHZ_COUNT = re.compile(
    r'^ordergate_http_requests_total\{method="GET",route="/healthz",status="200"\} (\S+)$',
    re.MULTILINE,
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ORDERGATE_DATA_DIR": str(tmp_path),
        "ORDERGATE_SECRET_KEY": "test-secret-key-not-for-production",
        "ORDERGATE_INTERNAL_TOKEN": "ogi_test_internal_token",
        "ORDERGATE_LOG_LEVEL": "WARNING",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "ordergate"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc, timeout=60)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def _wait_ready(base: str, proc: subprocess.Popen[bytes], *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ordergate serve exited early with {proc.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # polling a process that is starting, bounded by the deadline
    pytest.fail("ordergate serve did not become ready")


def _healthz_count(base: str) -> float:
    # A new connection per scrape, so the scrapes land on either worker.
    with httpx.Client(timeout=5) as client:
        text = client.get(f"{base}/metrics").text
    assert "ordergate_build_info{" in text
    found = HEALTHZ_COUNT.search(text)
    return float(found.group(1)) if found else 0.0


def test_metrics_merge_every_worker(served: str) -> None:
    for _ in range(REQUESTS):
        with httpx.Client(timeout=5) as client:  # a new connection each: spread over workers
            assert client.get(f"{served}/healthz").status_code == 200
    counts = {_healthz_count(served) for _ in range(8)}
    assert counts == {float(REQUESTS)}
